import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { SUPPORTED_LOCALES, REFERENCE_LOCALE, type Locale } from '../src/i18n/locales.js';
import { nearRepeatFinder } from '../scripts/near-copy.js';
import { REPO_ROOT } from './helpers/bot.js';

// The articles we ship: every topic in every language, with the same facts everywhere.
const KNOWLEDGE = path.join(REPO_ROOT, 'knowledge');
const SHARED = path.resolve(REPO_ROOT, '..', 'shared');
const slugs = readdirSync(path.join(KNOWLEDGE, REFERENCE_LOCALE))
  .filter((f) => f.endsWith('.md') && f !== 'TOC.md')
  .map((f) => f.slice(0, -3))
  .sort();

interface Shape {
  front: Record<string, unknown>;
  headingLevels: number[];
  stepsPerSection: number[];
  figures: string[];
}

function shape(locale: string, slug: string): Shape {
  const text = readFileSync(path.join(KNOWLEDGE, locale, `${slug}.md`), 'utf8');
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!m) throw new Error(`${locale}/${slug}.md has no front matter`);
  const body = m[2] ?? '';
  const sections = body.split(/^#+ .*$/m);
  // Names that contain digits are not figures (21Vianet, Office 365); neither are URLs.
  const figureText = body.replace(/21Vianet|Office 365|365|\(https?:\/\/[^)]*\)|href="[^"]*"|https?:\/\/\S+/g, '');
  return {
    front: parseYaml(m[1] ?? '') as Record<string, unknown>,
    headingLevels: [...body.matchAll(/^(#+) /gm)].map((h) => h[1]?.length ?? 0),
    stepsPerSection: sections.map((s) => (s.match(/^\s*\d+\. /gm) ?? []).length),
    figures: (figureText.match(/\d+(?:[.,]\d+)?/g) ?? []).sort(),
  };
}

describe('bundled knowledge', () => {
  it('has the 35 topics of the 21Vianet table of contents', () => {
    expect(slugs).toHaveLength(35);
  });

  describe.each(SUPPORTED_LOCALES)('%s', (locale) => {
    it('has every article, with a title, a description and alternate questions', () => {
      for (const slug of slugs) {
        const { front } = shape(locale, slug);
        expect(typeof front.title, `${locale}/${slug} title`).toBe('string');
        expect(typeof front.description, `${locale}/${slug} description`).toBe('string');
        expect((front.questions as unknown[]).length, `${locale}/${slug} questions`).toBeGreaterThanOrEqual(8);
      }
    });

    it.runIf(locale !== REFERENCE_LOCALE)('states the same facts as the English articles', () => {
      for (const slug of slugs) {
        const en = shape(REFERENCE_LOCALE, slug);
        const here = shape(locale, slug);
        expect(here.headingLevels, `${locale}/${slug} headings`).toEqual(en.headingLevels);
        expect(here.stepsPerSection, `${locale}/${slug} numbered steps per section`).toEqual(en.stepsPerSection);
        expect(here.figures, `${locale}/${slug} figures`).toEqual(en.figures);
        expect(here.front.related, `${locale}/${slug} related`).toEqual(en.front.related);
      }
    });

    it('has a clean TOC whose titles are the articles\' titles', () => {
      const toc = readFileSync(path.join(KNOWLEDGE, locale, 'TOC.md'), 'utf8');
      expect(toc).not.toMatch(/√|Ã|â€/);
      for (const [, slug, title] of toc.matchAll(/<a href="([a-z0-9-]+)\.md">([^<]+)<\/a>/g)) {
        expect(slugs).toContain(slug);
        expect(title, `${locale} TOC ${slug}`).toBe(shape(locale, slug ?? '').front.title);
      }
    });
  });

  const corpus = path.join(SHARED, 'corpus');
  const canCheck = existsSync(corpus) && existsSync(path.join(SHARED, 'tools', 'copycheck.py'));
  if (!canCheck) console.warn('skipping the copy check: ../shared/corpus is not beside the repository');
  it.runIf(canCheck)('repeats no run of 8 words of the docs (copycheck)', () => {
    let out: string;
    try {
      out = execFileSync('python3', [path.join(SHARED, 'tools', 'copycheck.py'), corpus, KNOWLEDGE], { encoding: 'utf8' });
    } catch (err) {
      out = String((err as { stdout?: string }).stdout ?? err);
    }
    expect(out).toContain('copycheck: 0 file(s)');
  });

  const evalFile = path.join(SHARED, 'eval', 'kb-dev.jsonl');
  if (!existsSync(evalFile)) console.warn('skipping the eval-overlap check: ../shared/eval/kb-dev.jsonl is not beside the repository');
  it.runIf(existsSync(evalFile))('has no alternate question that nearly repeats a line of the eval set', () => {
    const lines = readFileSync(evalFile, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l, i) => ({ ...(JSON.parse(l) as { locale: Locale; text: string }), line: i + 1 }));
    const repeats: string[] = [];
    for (const locale of SUPPORTED_LOCALES) {
      const find = nearRepeatFinder(
        lines.filter((l) => l.locale === locale),
        locale,
      );
      for (const slug of slugs) {
        const questions = (shape(locale, slug).front.questions ?? []) as string[];
        for (const q of questions) {
          const near = find(q);
          // The eval line by number only: its text would end up in logs and in whoever fixes this.
          if (near) repeats.push(`${locale}/${slug}: "${q}" ~ kb-dev.jsonl line ${near.line}`);
        }
      }
    }
    expect(repeats).toEqual([]);
  });
});
