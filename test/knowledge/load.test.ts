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
