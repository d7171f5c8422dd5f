import { readFile, readdir, realpath } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SUPPORTED_LOCALES, type Locale } from '../i18n/locales.js';
import { createKnowledgeBase, type LocaleContent } from './knowledge-base.js';
import { parseArticle, parseTocEntries, type ParsedArticle } from './parse.js';
import { overlayQuestions, type Overlay } from './questionBank.js';
import { parseSynonyms, type SynonymGroups } from './synonyms.js';
import type { KnowledgeBase, LoadProblem } from './types.js';

/**
 * The one place that reads knowledge files: `<dir>/<locale>/<slug>.md`, `<dir>/<locale>/TOC.md` and
 * `<dir>/<locale>/synonyms.yaml`.
 * A bad file is reported with its path and skipped; it never takes the knowledge base down.
 */

export interface LoadOptions {
  /** Only these locales (default: all that are present). */
  locales?: readonly Locale[];
  /**
   * A question bank (see questionBank.ts): a knowledge folder whose articles lend their alternate
   * questions to the articles of `dir` with the same locale and slug. Ignored when it is `dir` itself.
   */
  questionsDir?: string;
  /** Per locale, questions none of the articles answer (see `offTopicExamples`): the index learns to say so. */
  offTopic?: Partial<Record<Locale, readonly string[]>>;
}

export interface LoadedKnowledge {
  kb: KnowledgeBase;
  problems: LoadProblem[];
  /** What the question bank lent; undefined when there was none. */
  overlay?: Overlay;
}

const TOC_FILE = 'toc.md';
const SYNONYMS_FILE = 'synonyms.yaml';

export async function loadKnowledge(dir: string, options: LoadOptions = {}): Promise<LoadedKnowledge> {
  const { content, problems } = await loadContent(dir, options);
  const bankDir = options.questionsDir;
  const build = () => createKnowledgeBase(content, { offTopic: options.offTopic });
  if (!bankDir || (await sameFolder(dir, bankDir))) return { kb: build(), problems };
  // The bank's own problems are reported too; a broken bank article just lends nothing.
  const bank = await loadContent(bankDir, { locales: options.locales });
  const overlay = overlayQuestions(content, bank.content);
  return { kb: build(), problems: [...problems, ...bank.problems], overlay };
}

async function sameFolder(a: string, b: string): Promise<boolean> {
  const real = (p: string) => realpath(p).catch(() => resolve(p));
  return (await real(a)) === (await real(b));
}

/** The parsed articles and TOC of each locale folder, before indexing (the tuning script varies the index). */
export async function loadContent(
  dir: string,
  options: LoadOptions = {},
): Promise<{ content: Partial<Record<Locale, LocaleContent>>; problems: LoadProblem[] }> {
  const problems: LoadProblem[] = [];
  const content: Partial<Record<Locale, LocaleContent>> = {};
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    problems.push({ file: dir, message: `cannot read the knowledge folder: ${errorMessage(error)}` });
    return { content, problems };
  }
  const folders = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).sort((a, b) => a.name.localeCompare(b.name));
  await Promise.all(
    folders.map(async (folder) => {
      const path = join(dir, folder.name);
      const locale = SUPPORTED_LOCALES.find((l) => l.toLowerCase() === folder.name.toLowerCase());
      if (!locale) {
        problems.push({ file: path, message: `unknown locale folder "${folder.name}" (expected one of ${SUPPORTED_LOCALES.join(', ')})` });
        return;
      }
      if (options.locales && !options.locales.includes(locale)) return;
      content[locale] = await loadLocale(path, locale, problems);
    }),
  );
  problems.push(...brokenLinks(content));
  problems.sort((a, b) => a.file.localeCompare(b.file));
  return { content, problems };
}

async function loadLocale(path: string, locale: Locale, problems: LoadProblem[]): Promise<LocaleContent> {
  const files = (await readdir(path, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  const names = files.filter((name) => name.toLowerCase().endsWith('.md')).sort();
  const synonymsName = files.find((name) => name.toLowerCase() === SYNONYMS_FILE);
  const sources = await Promise.all(
    names.map(async (name) => {
      const file = join(path, name);
      try {
        return { name, file, source: await readFile(file, 'utf8') };
      } catch (error) {
        problems.push({ file, message: `cannot read: ${errorMessage(error)}` });
        return undefined;
      }
    }),
  );
  const content: LocaleContent = { articles: [], toc: [] };
  if (synonymsName) content.synonyms = await loadSynonyms(join(path, synonymsName), problems);
  for (const item of sources) {
    if (!item) continue;
    const { name, file, source } = item;
    if (name.toLowerCase() === TOC_FILE) {
      content.toc = parseTocEntries(source);
      if (content.toc.length === 0) problems.push({ file, message: 'TOC has no links to articles' });
      continue;
    }
    const parsed = parseArticle(source, { slug: name.slice(0, -'.md'.length).toLowerCase(), locale, file });
    if (parsed.ok) content.articles.push(parsed.value);
    else problems.push({ file, message: parsed.reason });
  }
  return content;
}

/** A broken synonyms file is reported and the locale goes without: the articles still answer. */
async function loadSynonyms(file: string, problems: LoadProblem[]): Promise<SynonymGroups | undefined> {
  try {
    const parsed = parseSynonyms(await readFile(file, 'utf8'));
    if (parsed.ok) return parsed.value;
    problems.push({ file, message: parsed.reason });
  } catch (error) {
    problems.push({ file, message: `cannot read: ${errorMessage(error)}` });
  }
  return undefined;
}

/** Links (body, `related:`, TOC) to slugs that no locale has. Reported, not fatal: the link just goes. */
function brokenLinks(content: Partial<Record<Locale, LocaleContent>>): LoadProblem[] {
  const all = Object.values(content).flatMap((c) => c.articles);
  const known = new Set(all.map((a) => a.article.slug));
  const problems: LoadProblem[] = [];
  for (const { article } of all as ParsedArticle[]) {
    const broken = article.related.filter((slug) => !known.has(slug));
    if (broken.length > 0) problems.push({ file: article.file, message: `links to unknown articles: ${broken.join(', ')}` });
    article.related = article.related.filter((slug) => known.has(slug));
  }
  return problems;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
