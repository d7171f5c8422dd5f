import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';

const BROKEN = fileURLToPath(new URL('../fixtures/knowledge/broken', import.meta.url));

describe('loadKnowledge on broken files', () => {
  it.each([
    ['en-US/broken-yaml.md', 'broken YAML front matter'],
    ['en-US/empty.md', 'empty article'],
    ['xx-XX', 'unknown locale folder'],
    ['en-US/links.md', 'links to unknown articles: no-such-article, gone'],
  ])('reports %s (%s) and goes on', async (file, message) => {
    const { problems } = await loadKnowledge(BROKEN);
    expect(problems).toContainEqual({ file: join(BROKEN, file), message: expect.stringContaining(message) });
  });

  it('keeps the good articles, and drops links to missing ones', async () => {
    const { kb, problems } = await loadKnowledge(BROKEN);
    expect(problems).toHaveLength(4);
    expect(kb.stats().articles).toEqual({ 'en-US': 2 });
    expect(kb.getArticle('en-US', 'broken-yaml')).toBeUndefined();
    expect(kb.getArticle('en-US', 'links')?.related).toEqual([]);
    expect(kb.search('widgets', 'en-US', { includeLowConfidence: true }).hits.map((h) => h.slug).sort()).toEqual(['fine', 'links']);
  });

  it('reports a missing folder instead of throwing', async () => {
    const { kb, problems } = await loadKnowledge(join(BROKEN, 'does-not-exist'));
    expect(problems).toEqual([{ file: join(BROKEN, 'does-not-exist'), message: expect.stringContaining('cannot read') }]);
    expect(kb.locales).toEqual([]);
  });
});

describe('loadKnowledge on a temp folder', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kb-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads locales case-insensitively, ignores files at the root and non-markdown files', async () => {
    await mkdir(join(dir, 'it-it'));
    await writeFile(join(dir, 'README.md'), '# not an article');
    await writeFile(join(dir, 'it-it', 'notes.txt'), 'ignored');
    await writeFile(join(dir, 'it-it', 'TOC.md'), "# [Controllare l'integrit√† del servizio](salute.md)\n");
    await writeFile(join(dir, 'it-it', 'salute.md'), '---\ntitle: Salute\n---\n# Salute del servizio\n\nControlla lo stato dei servizi.\n');
    const { kb, problems } = await loadKnowledge(dir);
    expect(problems).toEqual([]);
    expect(kb.locales).toEqual(['it-IT']);
    expect(kb.getArticle('it-IT', 'salute')?.title).toBe("Controllare l'integrità del servizio");
  });

  it('loads only the locales asked for', async () => {
    for (const locale of ['en-US', 'ru-RU']) {
      await mkdir(join(dir, locale));
      await writeFile(join(dir, locale, 'a.md'), '# A\n\nText.\n');
    }
    const { kb } = await loadKnowledge(dir, { locales: ['ru-RU'] });
    expect(kb.locales).toEqual(['ru-RU']);
  });
});

describe('loadKnowledge with a question bank', () => {
  const GOOD = fileURLToPath(new URL('../fixtures/knowledge/good', import.meta.url));
  let bank: string;
  beforeEach(async () => {
    bank = await mkdtemp(join(tmpdir(), 'bank-'));
    await mkdir(join(bank, 'en-US'));
    await writeFile(
      join(bank, 'en-US', 'export-invoices.md'),
      '---\ntitle: Bills\nquestions:\n  - accountant wants last month statement of charges\n  - where can I download my bill\n---\n# Bills\n\nOur own text.\n',
    );
    await writeFile(join(bank, 'en-US', 'not-in-the-docs.md'), '---\ntitle: Other\nquestions:\n  - something else entirely\n---\n# Other\n\nText.\n');
  });
  afterEach(async () => {
    await rm(bank, { recursive: true, force: true });
  });

  const ask = 'my accountant wants the statement of charges';

  it('lends the bank questions to the docs article with the same slug, and only them', async () => {
    const alone = await loadKnowledge(GOOD);
    const ranked = { includeLowConfidence: true };
    expect(alone.kb.search(ask, 'en-US', ranked).hits[0]?.slug).not.toBe('export-invoices');

    const { kb, overlay, problems } = await loadKnowledge(GOOD, { questionsDir: bank });
    expect(problems).toEqual([]);
    // "where can I download my bill" is already declared by the docs: lent once, not twice.
    expect(overlay).toEqual({ questions: 1, articles: 1 });
    const article = kb.getArticle('en-US', 'export-invoices');
    expect(article?.questions).toEqual(['where can I download my bill', 'accountant wants last month statement of charges']);
    // The docs keep their own title and text; the bank's article does not join them.
    expect(article?.title).toBe('Export invoices');
    expect(kb.getArticle('en-US', 'not-in-the-docs')).toBeUndefined();
    expect(kb.search(ask, 'en-US', ranked).hits[0]?.slug).toBe('export-invoices');
  });

  it('lends nothing when the bank is the docs folder itself', async () => {
    const { overlay } = await loadKnowledge(GOOD, { questionsDir: join(GOOD, '..', 'good') });
    expect(overlay).toBeUndefined();
  });

  it('reports a missing bank and still loads the docs', async () => {
    const missing = join(bank, 'nope');
    const { kb, problems, overlay } = await loadKnowledge(GOOD, { questionsDir: missing });
    expect(problems).toEqual([{ file: missing, message: expect.stringContaining('cannot read') }]);
    expect(overlay).toEqual({ questions: 0, articles: 0 });
    expect(kb.stats().articles['en-US']).toBe(4);
  });
});
