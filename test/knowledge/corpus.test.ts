import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/i18n/locales.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';

// The real docs live beside the repo (../shared/corpus); CI without them skips this file.
const CORPUS = fileURLToPath(new URL('../../../shared/corpus', import.meta.url));
const hasCorpus = existsSync(CORPUS);
if (!hasCorpus) console.log(`knowledge corpus tests skipped: ${CORPUS} does not exist`);

describe.skipIf(!hasCorpus)('the real docs (../shared/corpus)', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    const loaded = await loadKnowledge(CORPUS);
    expect(loaded.problems).toEqual([]);
    kb = loaded.kb;
  });

  it('loads 35 articles in each of the six locales', () => {
    expect(kb.stats().articles).toEqual({ 'it-IT': 35, 'pt-BR': 35, 'es-ES': 35, 'ru-RU': 35, 'de-DE': 35, 'zh-CN': 35 });
  });

  it('repairs the it-IT TOC mojibake', () => {
    const titles = JSON.stringify(kb.toc('it-IT'));
    expect(titles).not.toContain('√');
    expect(titles).toContain('integrità');
  });

  it('turns tables into text and notes into plain notes', () => {
    const text = kb.getArticle('ru-RU', 'multichannel')?.sections.map((s) => s.text).join('\n') ?? '';
    expect(text).not.toMatch(/<\/?t[drh]|<br/);
    expect(text).toContain(' — ');
    const notes = kb.getArticle('de-DE', 'add-a-new-customer')?.sections[0]?.text ?? '';
    expect(notes).toContain('> **Hinweis:**');
  });

  it.each<[Locale, string, string]>([
    ['de-DE', 'Kennwort zurücksetzen', 'reset-a-user-password'],
    ['es-ES', 'suspender una suscripción', 'suspend-a-subscription'],
    ['it-IT', 'file di riconciliazione', 'use-the-reconciliation-files'],
    ['pt-BR', 'atualizar o perfil do parceiro', 'update-your-partner-profile'],
    ['ru-RU', 'добавление нового клиента', 'add-a-new-customer'],
    ['zh-CN', '如何重置密码', 'reset-a-user-password'],
  ])('%s: %s → %s', (locale, question, slug) => {
    const result = kb.search(question, locale);
    expect(result.answered).toBe(true);
    expect(result.hits[0]?.slug).toBe(slug);
  });
});

describe.skipIf(!hasCorpus)('the real docs with the bundled question bank', () => {
  const BUNDLED = fileURLToPath(new URL('../../knowledge', import.meta.url));

  it('lends questions to every article of every locale, and reports no problem', async () => {
    const { kb, overlay, problems } = await loadKnowledge(CORPUS, { questionsDir: BUNDLED });
    expect(problems).toEqual([]);
    expect(overlay?.articles).toBe(6 * 35);
    for (const locale of kb.locales) {
      const article = kb.getArticle(locale, 'billing');
      // The docs' own title stays: only questions are lent.
      expect(article?.title).toBe((await loadKnowledge(CORPUS, { locales: [locale] })).kb.getArticle(locale, 'billing')?.title);
      expect(article?.questions.length).toBeGreaterThan(10);
    }
  });
});
