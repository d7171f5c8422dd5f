import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/i18n/locales.js';
import { createKnowledgeBase, sectionChildren, tocTree } from '../../src/knowledge/knowledge-base.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { parseArticle } from '../../src/knowledge/parse.js';
import { articleWithQuestions } from '../helpers/knowledge.js';
import { buildLocaleIndex } from '../../src/knowledge/indexer.js';
import { CONFIDENCE_THRESHOLD, SUGGESTION_THRESHOLD, overviewLift, search, visible, type RankedArticle } from '../../src/knowledge/search.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import { loadOffTopic } from '../../src/nlu/utterances.js';

const GOOD = fileURLToPath(new URL('../fixtures/knowledge/good', import.meta.url));

let kb: KnowledgeBase;
beforeAll(async () => {
  const loaded = await loadKnowledge(GOOD);
  expect(loaded.problems).toEqual([]);
  kb = loaded.kb;
});

describe('search on the fixture knowledge base', () => {
  it.each<[Locale, string, string, string]>([
    ['en-US', 'I forgot my password, how do I sign in?', 'reset-password', 'Choose a new password'],
    ['en-US', 'download the monthly invoice spreadsheet', 'export-invoices', 'Download an invoice'],
    ['en-US', 'which columns does the invoice have? amount and tax', 'export-invoices', 'Invoice columns'],
    ['en-US', 'invite a colleague to the team', 'team-members', 'Invite a colleague'],
    ['ru-RU', 'Я забыл пароль, как войти?', 'reset-password', 'Сброс пароля'],
    ['ru-RU', 'Где скачать ежемесячные счета?', 'export-invoices', 'Скачивание счета'],
    ['zh-CN', '忘记密码了怎么登录？', 'reset-password', '设置新密码'],
    ['zh-CN', '如何下载每月的发票？', 'export-invoices', '下载发票'],
    ['de-DE', 'Ich habe mein Kennwort vergessen', 'reset-password', 'Neues Kennwort wählen'],
  ])('%s: %s → %s › %s', (locale, question, slug, section) => {
    const result = kb.search(question, locale);
    expect(result.answered).toBe(true);
    expect(result.fallback).toBe(false);
    expect(result.hits[0]?.slug).toBe(slug);
    expect(result.hits[0]?.locale).toBe(locale);
    expect(result.hits[0]?.section.heading).toBe(section);
    expect(result.hits[0]?.confidence).toBeGreaterThanOrEqual(CONFIDENCE_THRESHOLD);
  });

  it.each<[Locale, string]>([
    ['en-US', 'what is the best recipe for lasagna?'],
    ['en-US', 'who won the football match yesterday'],
    ['ru-RU', 'Посоветуй хороший рецепт борща'],
    ['zh-CN', '今天天气怎么样？'],
    ['en-US', ''],
  ])('%s: out of scope "%s" gets no answer', (locale, question) => {
    const result = kb.search(question, locale);
    expect(result).toEqual({ hits: [], answered: false, fallback: false });
  });

  it('returns low-confidence hits only when asked to', () => {
    const question = 'is there a recipe for pasta in the portal';
    expect(kb.search(question, 'en-US').hits).toEqual([]);
    const all = kb.search(question, 'en-US', { includeLowConfidence: true, limit: 2 });
    expect(all.answered).toBe(false);
    expect(all.hits.length).toBeGreaterThan(0);
    expect(all.hits.length).toBeLessThanOrEqual(2);
  });

  it.each<[string, string]>([
    ['pasword resett', 'reset-password'],
    ['downlod invoices', 'export-invoices'],
    ['invitation colleagues', 'team-members'],
  ])('tolerates typos and other forms: %s', (question, slug) => {
    expect(kb.search(question, 'en-US', { includeLowConfidence: true }).hits[0]?.slug).toBe(slug);
  });

  it('ranks hits best first with a confidence that never rises down the list', () => {
    const { hits } = kb.search('password invoice colleague', 'en-US', { includeLowConfidence: true, limit: 3 });
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    for (let i = 1; i < hits.length; i++) expect(hits[i]?.confidence).toBeLessThanOrEqual(hits[i - 1]?.confidence ?? 1);
  });
});

describe('the bundled knowledge, with the off-topic questions of nlu/ as the app loads it', () => {
  let bundled: KnowledgeBase;
  beforeAll(async () => {
    const offTopic = await loadOffTopic();
    bundled = (await loadKnowledge(fileURLToPath(new URL('../../knowledge', import.meta.url)), { offTopic })).kb;
  });

  // Questions about other products share the docs' words (Azure, customer, rule, Excel); none is in nlu/.
  it.each<[Locale, string]>([
    ['en-US', 'How do I make Azure storage move old blobs to the archive tier automatically?'],
    ['en-US', 'Which Azure region has the lowest latency from Shanghai?'],
    ['it-IT', 'Come si crea una macchina virtuale Linux su Azure?'],
    ['zh-CN', '客户问怎么在 Excel 里做数据透视表'],
  ])('%s: "%s" gets no answer', (locale, question) => {
    expect(bundled.search(question, locale)).toMatchObject({ answered: false, hits: [] });
  });

  it.each<[Locale, string, string]>([
    ['en-US', 'How do I add a new customer?', 'add-a-new-customer'],
    ['it-IT', 'Come creo un nuovo cliente?', 'add-a-new-customer'],
    ['zh-CN', '客户要求取消订阅，怎么操作？', 'suspend-a-subscription'],
  ])('%s: "%s" is still answered', (locale, question, slug) => {
    const result = bundled.search(question, locale);
    expect(result.answered).toBe(true);
    expect(result.hits[0]?.slug).toBe(slug);
  });
});

describe('cross-locale fallback', () => {
  it('answers from the reference locale when the asked locale has no articles', () => {
    const result = kb.search('I forgot my password', 'it-IT');
    expect(result.answered).toBe(true);
    expect(result.fallback).toBe(true);
    expect(result.hits[0]).toMatchObject({ slug: 'reset-password', locale: 'en-US' });
  });

  it('answers from another locale when the asked one lacks the article', () => {
    // de-DE has only the password article; this question is about team members, asked in English.
    const result = kb.search('invite a colleague to the team', 'de-DE');
    expect(result.fallback).toBe(true);
    expect(result.hits[0]).toMatchObject({ slug: 'team-members', locale: 'en-US' });
  });

  it('keeps its own locale when it has the answer', () => {
    const result = kb.search('Kennwort vergessen', 'de-DE');
    expect(result.fallback).toBe(false);
    expect(result.hits[0]?.locale).toBe('de-DE');
  });
});

describe('knowledge base', () => {
  it('gives articles with localized TOC titles, and related slugs in order', () => {
    expect(kb.getArticle('ru-RU', 'export-invoices')?.title).toBe('Экспорт счетов');
    expect(kb.getArticle('en-US', 'reset-password')?.related).toEqual(['team-members']);
    expect(kb.getArticle('en-US', 'overview')?.related).toEqual(['reset-password', 'export-invoices']);
    expect(kb.getArticle('en-US', 'missing')).toBeUndefined();
  });

  it('gives the TOC tree, falling back to the reference locale', () => {
    const tree = kb.toc('zh-CN');
    expect(tree.map((n) => n.slug)).toEqual(['overview']);
    expect(tree[0]?.children.map((n) => n.title)).toEqual(['重置密码', '导出发票']);
    expect(kb.toc('it-IT')[0]?.children.map((n) => n.slug)).toEqual(['reset-password', 'export-invoices', 'team-members']);
  });

  it('counts articles, sections and terms', () => {
    const stats = kb.stats();
    expect(stats.articles).toEqual({ 'en-US': 4, 'ru-RU': 3, 'de-DE': 1, 'zh-CN': 3 });
    expect(stats.sections).toBeGreaterThan(11);
    expect(stats.terms).toBeGreaterThan(50);
  });

  it('trains a locale on its first question, or every locale with prepare(), and answers the same either way', async () => {
    const lazy = (await loadKnowledge(GOOD)).kb;
    const prepared = (await loadKnowledge(GOOD)).kb;
    expect(lazy.stats().classifiers).toBe(0);
    const asked = lazy.search('Я забыл пароль, как войти?', 'ru-RU');
    expect(lazy.stats().classifiers).toBe(1);
    await prepared.prepare();
    expect(prepared.stats().classifiers).toBe(prepared.locales.filter((l) => (prepared.stats().articles[l] ?? 0) > 1).length);
    expect(prepared.search('Я забыл пароль, как войти?', 'ru-RU')).toEqual(asked);
  });

  it('is usable empty', () => {
    const empty = createKnowledgeBase({});
    expect(empty.locales).toEqual([]);
    expect(empty.search('anything', 'en-US')).toEqual({ hits: [], answered: false, fallback: false });
    expect(empty.toc('en-US')).toEqual([]);
  });
});

describe('search (pure function over one locale index)', () => {
  const article = (slug: string, body: string) => {
    const parsed = parseArticle(`# ${slug}\n\n${body}`, { slug, locale: 'es-ES', file: slug });
    if (!parsed.ok) throw new Error(parsed.reason);
    return { ...parsed.value, anchors: [] };
  };
  const index = buildLocaleIndex('es-ES', [
    article('facturacion', 'La facturación mensual de las suscripciones se cierra el día 1 de cada mes.'),
    article('contrasena', 'Para restablecer la contraseña, seleccione ¿Olvidó su contraseña? en la página de inicio de sesión.'),
  ]);

  it.each([
    ['¿Cuándo se cierra la facturación mensual?', 'facturacion'],
    ['cuando se cierra la facturacion mensual', 'facturacion'],
    ['restablecer contraseña olvidada', 'contrasena'],
    ['restablecer contrasena', 'contrasena'],
  ])('%s → %s (with or without accents)', (question, slug) => {
    expect(search(index, question, { includeLowConfidence: true }).hits[0]?.slug).toBe(slug);
  });

  it('is deterministic', () => {
    const q = 'facturación de suscripciones';
    expect(search(index, q, { includeLowConfidence: true })).toEqual(search(index, q, { includeLowConfidence: true }));
  });
});

describe('search joins hyphenated words', () => {
  const index = buildLocaleIndex('en-US', [
    articleWithQuestions('en-US', 'multichannel', ['who sells to the customer in multichannel'], 'Multichannel: a customer buys from several resellers.'),
    articleWithQuestions('en-US', 'selfservice', ['can customers fix things alone'], 'Self-service lets customers reset passwords.'),
  ]);

  it.each([
    ['what is multi-channel?', 'multichannel'],
    ['does selfservice exist?', 'selfservice'],
  ])('%s → %s', (question, slug) => {
    const result = search(index, question, { includeLowConfidence: true });
    expect(result.hits[0]?.slug).toBe(slug);
  });
});

describe('search weighs the single closest alternate question', () => {
  const article = (slug: string, questions: string[], body: string) => articleWithQuestions('es-ES', slug, questions, body);
  // The profile article uses the question's words often, but scattered over many ways of asking;
  // the legal-name article has one way of asking that is the question itself.
  const index = buildLocaleIndex('es-ES', [
    article(
      'perfil',
      ['editar el perfil de la empresa', 'nombre de contacto en el perfil', 'cambiar el logotipo del perfil', 'perfil público de la empresa', 'datos de la empresa en el perfil'],
      'El perfil de la empresa muestra su nombre, su logotipo y su contacto.',
    ),
    article('razon-social', ['cambiar el nombre legal de la empresa'], 'La razón social solo se modifica con una solicitud al soporte.'),
  ]);

  it('keeps one document per alternate question, tied to its article', () => {
    expect(index.question.docCount).toBe(6);
    expect([...index.questionArticle]).toEqual([0, 0, 0, 0, 0, 1]);
  });

  it('ranks the article with the closely matching question first', () => {
    const result = search(index, '¿Cómo cambio el nombre legal de mi empresa?', { includeLowConfidence: true });
    expect(result.hits.map((h) => h.slug)).toEqual(['razon-social', 'perfil']);
    expect(result.answered).toBe(true);
  });
});

describe('an overview question finds the overview of its section', () => {
  // The section's overview shares fewer of the question's words than the task it lists.
  const article = (slug: string, questions: string[], body: string, children?: string[]) => ({
    ...articleWithQuestions('en-US', slug, questions, body),
    children,
  });
  const index = buildLocaleIndex('en-US', [
    article(
      'invoices',
      ['what is in the invoices section', 'invoices help'],
      'This section covers invoices: reading one, exporting them, and paying.',
      ['read-invoice', 'export-invoices'],
    ),
    article(
      'read-invoice',
      ['how do I read my invoice', 'what does a line of the invoice mean', 'invoice charges explained'],
      'Each line of the invoice shows a charge, its period and its tax.',
    ),
    article('export-invoices', ['download invoices as a file'], 'Export invoices as a spreadsheet from the billing page.'),
  ]);

  it('keeps what the TOC lists under each overview, as article numbers', () => {
    expect(index.children).toEqual([[1, 2], [], []]);
  });

  it('answers the task when the question asks for the task, and the overview when it asks for an overview', () => {
    const first = (question: string) => search(index, question, { includeLowConfidence: true }).hits[0]?.slug;
    expect(first('reading invoices')).toBe('read-invoice');
    expect(first('an overview of reading invoices')).toBe('invoices');
    expect(first('the big picture on reading invoices')).toBe('invoices');
  });

  it('lifts an overview by half of the best score among its children, and nothing else', () => {
    expect([...overviewLift(Float64Array.from([1, 4, 2, 3]), [[1, 2], [], [], []])]).toEqual([3, 4, 2, 3]);
  });
});

describe('sectionChildren', () => {
  it('lists what each section of the TOC has under it, below the home page', () => {
    const tree = tocTree([
      { slug: 'home', title: 'Home', depth: 1 },
      { slug: 'billing', title: 'Billing', depth: 2 },
      { slug: 'bill', title: 'Bill', depth: 3 },
      { slug: 'recon', title: 'Recon', depth: 3 },
      { slug: 'agreements', title: 'Agreements', depth: 2 },
    ]);
    expect(sectionChildren(tree)).toEqual(new Map([['billing', ['bill', 'recon']]]));
  });
});

describe('tocTree', () => {
  it('nests entries by depth', () => {
    const tree = tocTree([
      { slug: 'a', title: 'A', depth: 1 },
      { slug: 'b', title: 'B', depth: 2 },
      { slug: 'c', title: 'C', depth: 3 },
      { slug: 'd', title: 'D', depth: 2 },
    ]);
    expect(tree).toEqual([
      {
        slug: 'a',
        title: 'A',
        children: [
          { slug: 'b', title: 'B', children: [{ slug: 'c', title: 'C', children: [] }] },
          { slug: 'd', title: 'D', children: [] },
        ],
      },
    ]);
  });
});

describe('which ranked articles a search returns', () => {
  const ranked = (...confidences: number[]): RankedArticle[] =>
    confidences.map((confidence, article) => ({ article, section: 0, score: 1, coverage: 1, probability: 0, offTopic: 0, strength: 0, margin: 0, confidence }));
  const sure = ranked(0.9, 0.4, 0.2, 0.1);
  const unsure = ranked(SUGGESTION_THRESHOLD + 0.1, SUGGESTION_THRESHOLD, SUGGESTION_THRESHOLD - 0.01);

  it('an answer shows the first ones, up to the limit', () => {
    expect(visible(sure, true, {}).map((r) => r.article)).toEqual([0, 1, 2]);
    expect(visible(sure, true, { limit: 1 }).map((r) => r.article)).toEqual([0]);
  });

  it('no answer shows nothing, unless suggestions or every low-confidence hit are asked for', () => {
    expect(visible(unsure, false, {})).toEqual([]);
    expect(visible(unsure, false, { suggestions: true }).map((r) => r.article)).toEqual([0, 1]);
    expect(visible(unsure, false, { includeLowConfidence: true }).map((r) => r.article)).toEqual([0, 1, 2]);
    expect(visible(ranked(SUGGESTION_THRESHOLD - 0.05), false, { suggestions: true })).toEqual([]);
  });

  it('the threshold for suggestions is below the one for an answer', () => {
    expect(SUGGESTION_THRESHOLD).toBeLessThan(CONFIDENCE_THRESHOLD);
  });
});
