import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/knowledge/analyze.js';
import { articleProbabilities, balancedWeights, questionFeatures, trainArticleClassifier } from '../../src/knowledge/classifier.js';
import { buildLocaleIndex, sentencesOf } from '../../src/knowledge/indexer.js';
import { articleWithQuestions } from '../helpers/knowledge.js';
import { analyzeQuery, rank, search } from '../../src/knowledge/search.js';

describe('questionFeatures', () => {
  it('has the terms, the pairs of adjacent terms and the 4-grams of the words', () => {
    const bag = questionFeatures(analyze('Abonnement kündigen', 'de-DE'));
    expect([...bag.keys()].filter((k) => k.startsWith('w:'))).toEqual(['w:abonnement', 'w:kundig']);
    expect([...bag.keys()].filter((k) => k.startsWith('p:'))).toEqual(['p:abonnement kundig']);
    expect(bag.has('^kun')).toBe(true);
    expect(bag.has('gen$')).toBe(true);
  });

  it('normalizes each group, so a long question weighs no more than a short one', () => {
    const short = questionFeatures(analyze('Rechnung', 'de-DE'));
    const long = questionFeatures(analyze('Rechnung Zahlung Gutschrift Steuer Betrag Frist', 'de-DE'));
    const termNorm = (bag: Map<string, number>) => Math.hypot(...[...bag].filter(([k]) => k.startsWith('w:')).map(([, v]) => v));
    expect(termNorm(short)).toBeCloseTo(1);
    expect(termNorm(long)).toBeCloseTo(1);
  });

  it('gives Chinese its words, bigrams and single characters, not Latin-style grams', () => {
    const keys = [...questionFeatures(analyze('取消订阅', 'zh-CN')).keys()];
    expect(keys.filter((k) => k.startsWith('h')).sort()).toEqual(['h取', 'h消', 'h订', 'h阅'].sort());
    expect(keys.every((k) => k.startsWith('w:') || k.startsWith('p:') || /^h\p{Script=Han}$/u.test(k))).toBe(true);
    expect(keys.some((k) => k.startsWith('w:'))).toBe(true);
  });
});

describe('trainArticleClassifier', () => {
  const examples = (article: number, texts: string[]) => texts.map((t) => ({ tokens: analyze(t, 'es-ES'), article }));
  const training = [
    ...examples(0, ['¿Cómo cancelo la suscripción de un cliente?', 'dar de baja una suscripción', 'el cliente quiere dar de baja el servicio', 'cancelar el servicio por impago']),
    ...examples(1, ['añadir licencias a una suscripción', 'el cliente necesita más puestos', 'ampliar la suscripción con más puestos', 'comprar licencias adicionales']),
  ];

  it('learns which words tell the articles apart', () => {
    const model = trainArticleClassifier(training, 2);
    expect(model).toBeDefined();
    const baja = articleProbabilities(model!, analyze('Quiero dar de baja el servicio', 'es-ES'));
    const puestos = articleProbabilities(model!, analyze('¿Cómo consigo más puestos?', 'es-ES'));
    expect(baja[0]).toBeGreaterThan(0.9);
    expect(puestos[1]).toBeGreaterThan(0.9);
    expect((baja[0] ?? 0) + (baja[1] ?? 0)).toBeCloseTo(1);
  });

  it('is deterministic', () => {
    const q = analyze('suscripción', 'es-ES');
    expect(articleProbabilities(trainArticleClassifier(training, 2)!, q)).toEqual(articleProbabilities(trainArticleClassifier(training, 2)!, q));
  });

  it('weighs every article the same, however many ways of asking it declares', () => {
    // Article 1 declares eight times as many questions; for a question with none of their words that
    // must not lower article 0's chances.
    const more = training.filter((e) => e.article === 1);
    const lopsided = [...training, ...Array.from({ length: 7 }, () => more).flat()];
    const toss = (examples: typeof training) => articleProbabilities(trainArticleClassifier(examples, 2)!, analyze('zzz qqq', 'es-ES'))[0] ?? 0;
    expect(toss(lopsided)).toBeGreaterThanOrEqual(toss(training) - 0.01);
  });

  it('has nothing to learn from one article or no words', () => {
    expect(trainArticleClassifier(training.filter((e) => e.article === 0), 1)).toBeUndefined();
    expect(trainArticleClassifier([{ tokens: [], article: 0 }, { tokens: [], article: 1 }], 2)).toBeUndefined();
  });
});

describe('balancedWeights', () => {
  it('gives each class the same total weight, the off-topic class aside', () => {
    const weights = balancedWeights([0, 0, 0, 1, 2, 2, 2, 2], 2);
    // Articles 0 and 1: 4 examples between 2 classes, mean 2 → 2/3 each for 0, 2 for 1; class 2 keeps 1.
    expect(weights).toEqual([2 / 3, 2 / 3, 2 / 3, 2, 1, 1, 1, 1]);
    expect(balancedWeights([0, 1])).toEqual([1, 1]);
  });
});

describe('search adds the classifier to BM25', () => {
  const article = (slug: string, questions: string[], body: string) => articleWithQuestions('de-DE', slug, questions, body);
  // "Abo" fills the billing article; "kündigen" is in the other one, but only as "Abonnement kündigen"
  // and its other ways of asking. BM25 alone puts billing first for "Abo kündigen" (1.22 against 0.95).
  const inputs = [
    article('abrechnung', ['Wann wird das Abo abgerechnet?', 'Abrechnung eines Abos', 'Rechnung zum Abo', 'Was kostet das Abo?'], 'Das Abo des Kunden wird monatlich abgerechnet.'),
    article(
      'aussetzen',
      ['Abonnement kündigen', 'Vertrag kündigen', 'Dienst sofort kündigen', 'ein Abonnement beenden', 'Lizenzen kündigen', 'wie kündige ich', 'Kündigung zum Monatsende'],
      'Ein Abonnement wird im Portal ausgesetzt.',
    ),
  ];
  const index = buildLocaleIndex('de-DE', inputs);

  it('trains the classifier on the first question and keeps it', () => {
    const first = index.classifier();
    expect(first).toBeDefined();
    expect(index.classifier()).toBe(first);
  });

  it('ranks first the article whose ways of asking share the telling word', () => {
    expect(search(index, 'Abo kündigen', { includeLowConfidence: true }).hits.map((h) => h.slug)).toEqual(['aussetzen', 'abrechnung']);
    expect(search(index, 'Abo abrechnen', { includeLowConfidence: true }).hits[0]?.slug).toBe('abrechnung');
  });
});

describe('off-topic examples: one more class, "none of the articles"', () => {
  const article = (slug: string, questions: string[], body: string) => articleWithQuestions('de-DE', slug, questions, body);
  const inputs = [
    article('aussetzen', ['Abonnement kündigen', 'Vertrag des Kunden kündigen', 'ein Abonnement beenden', 'wie kündige ich ein Abo'], 'Ein Abonnement wird im Portal ausgesetzt.'),
    article('lizenzen', ['Lizenzen hinzufügen', 'mehr Lizenzen kaufen', 'Abo um Lizenzen erweitern', 'zusätzliche Plätze buchen'], 'Lizenzen werden dem Abonnement hinzugefügt.'),
  ];
  // A user's own contracts and other products: they share "kündigen" and "Abo" with the docs.
  const offTopic = ['Handyvertrag bei der Telekom kündigen', 'Wie kündige ich mein Netflix-Abo?', 'Fitnessstudio Vertrag kündigen', 'Zeitungsabo beenden', 'Wie wird das Wetter morgen?', 'erzähl mir einen Witz'];
  const first = (index: ReturnType<typeof buildLocaleIndex>, question: string) => rank(index, analyzeQuery(index, question))[0];

  it('makes a question like the off-topic ones less likely to be about any article, and less sure', () => {
    const learned = buildLocaleIndex('de-DE', inputs, undefined, offTopic);
    const plain = buildLocaleIndex('de-DE', inputs);
    const question = 'Mein Handyvertrag bei Vodafone kündigen';
    expect(first(learned, question)?.offTopic).toBeGreaterThan(0.5);
    expect(first(plain, question)?.offTopic).toBe(0);
    expect(first(learned, question)!.confidence).toBeLessThan(first(plain, question)!.confidence);
  });

  it('leaves the questions about the articles to the articles', () => {
    const learned = buildLocaleIndex('de-DE', inputs, undefined, offTopic);
    const hit = first(learned, 'Abonnement eines Kunden kündigen');
    expect(learned.articles[hit!.article]?.slug).toBe('aussetzen');
    expect(hit?.offTopic).toBeLessThan(0.3);
  });
});

describe("the classifier learns from the articles' own sentences", () => {
  const article = (slug: string, questions: string[], body: string) => articleWithQuestions('it-IT', slug, questions, body);
  // No question asks about the late fee: only the billing article's text says it.
  const inputs = [
    article(
      'fatturazione',
      ['Quando arriva la fattura?', 'Come leggo la fattura?', 'Dove scarico la fattura del mese?'],
      'La fattura arriva una volta al mese.\n\nSui pagamenti in ritardo si applica una mora dell’1,5% al mese. La mora per il ritardo si calcola sull’importo scaduto.',
    ),
    article(
      'sospensione',
      ['Come sospendo un abbonamento?', 'Sospendere il servizio di un cliente', 'Il cliente vuole fermare il servizio'],
      'Un abbonamento sospeso resta visibile nel portale.',
    ),
  ];
  const probability = (index: ReturnType<typeof buildLocaleIndex>, slug: string, question: string) =>
    rank(index, analyzeQuery(index, question)).find((r) => index.articles[r.article]?.slug === slug)?.probability ?? 0;

  it('tells which article a question about an unasked fact belongs to', () => {
    const index = buildLocaleIndex('it-IT', inputs);
    expect(probability(index, 'fatturazione', 'quanto è la mora se pago in ritardo?')).toBeGreaterThan(0.7);
  });

  it('splits text into sentences and list items, keeping decimals whole', () => {
    expect(sentencesOf(['Paga entro 30 giorni. La mora è dell’1.5% al mese!\n- Menu Fatturazione', '先登录。再选择“账单”！'])).toEqual([
      'Paga entro 30 giorni.',
      'La mora è dell’1.5% al mese!',
      '- Menu Fatturazione',
      '先登录。',
      '再选择“账单”！',
    ]);
  });
});
