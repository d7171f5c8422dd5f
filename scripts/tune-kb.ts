/**
 * Tunes the knowledge engine on our own question bank, never on the eval set: the alternate
 * questions of the bundled articles (with 5-fold cross-validation, so a question is never searched
 * against an index that holds it) and the same questions against a docs folder without questions
 * (../shared/corpus), alone and with the other folds' questions lent to it as the bot does
 * (KNOWLEDGE_QUESTIONS_DIR), plus our own out-of-scope questions (scripts/kb-tuning/out-of-scope.<locale>.json).
 * The engine learns what is off topic from other questions (nlu/<locale>.json `offTopic`), as the bot does.
 *
 *   npm run tune:kb                  figures of the current engine on the question bank
 *   npm run tune:kb -- --weights     coordinate ascent on the article field weights
 *   npm run tune:kb -- --calibrate   fits the confidence model (prints its coefficients)
 *   npm run tune:kb -- --by-locale   adds the figures of each locale
 *
 * Fitting the dev set would teach the engine its lines; the eval script then measures what this learned.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SUPPORTED_LOCALES, type Locale } from '../src/i18n/locales.js';
import { ARTICLE_FIELDS, buildLocaleIndex, type ArticleFieldSpecs, type LocaleIndex } from '../src/knowledge/indexer.js';
import { indexInputs, type LocaleContent } from '../src/knowledge/knowledge-base.js';
import { loadContent } from '../src/knowledge/load.js';
import { loadOffTopic } from '../src/nlu/utterances.js';
import { nearlyRepeats } from './near-copy.js';
import { overlayQuestions } from '../src/knowledge/questionBank.js';
import { CONFIDENCE_THRESHOLD, analyzeQuery, confidenceFeatures, confidenceOf as engineConfidence, rank, type ConfidenceFeatures } from '../src/knowledge/search.js';

type Content = Partial<Record<Locale, LocaleContent>>;

interface Labelled {
  locale: Locale;
  text: string;
  slug: string | null;
}

interface Outcome {
  dataset: string;
  locale: Locale;
  slug: string | null;
  rank: number;
  features: ConfidenceFeatures | undefined;
}

const FOLDS = 5;

function foldOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0) % FOLDS;
}

function questionBank(content: Content): Labelled[] {
  return Object.entries(content).flatMap(([locale, entry]) =>
    (entry?.articles ?? []).flatMap(({ article }) => article.questions.map((text) => ({ locale: locale as Locale, text, slug: article.slug }))),
  );
}

function outOfScope(): Labelled[] {
  return SUPPORTED_LOCALES.flatMap((locale) => {
    const file = `scripts/kb-tuning/out-of-scope.${locale}.json`;
    if (!existsSync(file)) return [];
    return (JSON.parse(readFileSync(file, 'utf8')) as string[]).map((text) => ({ locale, text, slug: null }));
  });
}

/** A copy of the locale's content whose articles keep only the questions `keep` accepts (the rest is shared). */
function withQuestions(entry: LocaleContent, keep: (question: string) => boolean): LocaleContent {
  return {
    ...entry,
    articles: entry.articles.map((parsed) => ({
      ...parsed,
      article: { ...parsed.article, questions: parsed.article.questions.filter(keep) },
    })),
  };
}

function run(dataset: string, index: LocaleIndex, queries: Labelled[], out: Outcome[]): void {
  for (const q of queries) {
    const query = analyzeQuery(index, q.text);
    const ranked = rank(index, query);
    const position = q.slug === null ? 0 : ranked.findIndex((r) => index.articles[r.article]?.slug === q.slug) + 1;
    out.push({ dataset, locale: q.locale, slug: q.slug, rank: position, features: ranked[0] && confidenceFeatures(index, ranked, 0, query) });
  }
}

/**
 * The off-topic questions the engine learns from (nlu/<locale>.json), less any that nearly repeats
 * one of the out-of-scope questions tuned on here: those must stay unseen.
 */
function offTopicTraining(offTopic: Partial<Record<Locale, string[]>>, held: readonly Labelled[]): Partial<Record<Locale, string[]>> {
  return Object.fromEntries(
    Object.entries(offTopic).map(([locale, texts]) => [
      locale,
      (texts ?? []).filter((t) => !held.some((h) => h.locale === locale && nearlyRepeats(t, h.text, h.locale))),
    ]),
  );
}

function evaluate(bundled: Content, docs: Content | undefined, offTopicAll: Partial<Record<Locale, string[]>>, fields: ArticleFieldSpecs): Outcome[] {
  const bank = questionBank(bundled);
  const oos = outOfScope();
  const offTopicByLocale = offTopicTraining(offTopicAll, oos);
  const out: Outcome[] = [];
  for (const [locale, entry] of Object.entries(bundled) as [Locale, LocaleContent][]) {
    const docsEntry = docs?.[locale];
    const offTopic = offTopicByLocale[locale] ?? [];
    const docsIndex = docsEntry && buildLocaleIndex(locale, indexInputs(docsEntry), fields, offTopic, docsEntry.synonyms);
    for (let fold = 0; fold < FOLDS; fold++) {
      const held = (q: Labelled) => q.locale === locale && foldOf(q.text) === fold;
      const known = withQuestions(entry, (q) => foldOf(q) !== fold);
      const queries = [...bank.filter(held), ...oos.filter(held)];
      run('bundled', buildLocaleIndex(locale, indexInputs(known), fields, offTopic, known.synonyms), queries, out);
      if (!docsEntry || !docsIndex) continue;
      run('docs', docsIndex, queries, out);
      const lent = withQuestions(docsEntry, () => true);
      overlayQuestions({ [locale]: lent }, { [locale]: known });
      run('docs+bank', buildLocaleIndex(locale, indexInputs(lent), fields, offTopic, lent.synonyms), queries, out);
    }
  }
  return out;
}

function summarize(out: Outcome[], dataset: string, threshold = CONFIDENCE_THRESHOLD) {
  const inScope = out.filter((o) => o.dataset === dataset && o.slug !== null);
  const oos = out.filter((o) => o.dataset === dataset && o.slug === null);
  const answered = (o: Outcome) => (o.features ? confidenceOf(o.features, o.locale) : 0) >= threshold;
  const n = Math.max(1, inScope.length);
  return {
    dataset,
    questions: inScope.length,
    rank1: +(inScope.filter((o) => o.rank === 1).length / n).toFixed(3),
    rank3: +(inScope.filter((o) => o.rank >= 1 && o.rank <= 3).length / n).toFixed(3),
    mrr: +(inScope.reduce((s, o) => s + (o.rank > 0 ? 1 / o.rank : 0), 0) / n).toFixed(3),
    top1: +(inScope.filter((o) => o.rank === 1 && answered(o)).length / n).toFixed(3),
    top3: +(inScope.filter((o) => o.rank >= 1 && o.rank <= 3 && answered(o)).length / n).toFixed(3),
    oos: oos.length,
    oosRecall: +(oos.filter((o) => !answered(o)).length / Math.max(1, oos.length)).toFixed(3),
  };
}

/** The engine's confidence model, or the one `--calibrate` just fitted. */
let confidenceOf: (f: ConfidenceFeatures, locale: Locale) => number = engineConfidence;

/** Coordinate ascent: one field weight at a time, kept when the mean rank-1 rate over both datasets rises. */
function tuneWeights(bundled: Content, docs: Content | undefined, offTopic: Partial<Record<Locale, string[]>>): ArticleFieldSpecs {
  const objective = (fields: ArticleFieldSpecs) => {
    const out = evaluate(bundled, docs, offTopic, fields);
    const r = [summarize(out, 'bundled').rank1, ...(docs ? [summarize(out, 'docs').rank1, summarize(out, 'docs+bank').rank1] : [])];
    return r.reduce((a, b) => a + b, 0) / r.length;
  };
  let best: ArticleFieldSpecs = structuredClone(ARTICLE_FIELDS) as ArticleFieldSpecs;
  let bestScore = objective(best);
  console.log(`start ${bestScore.toFixed(4)} ${JSON.stringify(best)}`);
  for (let round = 0; round < 2; round++) {
    for (const field of Object.keys(best) as (keyof ArticleFieldSpecs)[]) {
      for (const key of ['weight', 'b'] as const) {
        const steps = key === 'weight' ? [0.5, 0.7, 1.4, 2] : [-0.25, 0.25];
        for (const step of steps) {
          const candidate = structuredClone(best);
          const spec = candidate[field];
          spec[key] = key === 'weight' ? +(spec.weight * step).toFixed(3) : Math.min(1, Math.max(0, +(spec.b + step).toFixed(2)));
          const score = objective(candidate);
          if (score > bestScore + 1e-4) {
            best = candidate;
            bestScore = score;
            console.log(`  ${field}.${key} → ${spec[key]}: ${score.toFixed(4)}`);
          }
        }
      }
    }
  }
  console.log(`best ${bestScore.toFixed(4)} ${JSON.stringify(best)}`);
  return best;
}

const FEATURE_NAMES = ['strength', 'margin', 'log1p(matchedMass)', 'log1p(mass)', 'coverage', 'unknownShare', 'probability', 'asked', 'offTopic'] as const;

/** One intercept per locale: the same features read differently in Chinese (bigrams) and in German (compounds). */
const localeOneHot = (locale: Locale): number[] => SUPPORTED_LOCALES.map((l) => (l === locale ? 1 : 0));

function vector(f: ConfidenceFeatures, locale: Locale): number[] {
  return [...localeOneHot(locale), f.strength, f.margin, Math.log1p(f.matchedMass), Math.log1p(f.mass), f.mass > 0 ? f.matchedMass / f.mass : 0, f.unknownShare, f.probability, f.asked, f.offTopic];
}

/**
 * L2-regularized logistic regression by gradient descent. Label 1: the question is in scope and the
 * right article is among the three the bot shows; 0: out of scope, or the right article is not shown.
 * That is the answer / no-answer decision (top-1 and top-3 count only answered questions, out-of-scope
 * recall only unanswered ones). The out-of-scope questions, far fewer, weigh as much in all as the
 * in-scope ones, so that 0.5 means even odds between the two.
 */
function fit(out: Outcome[]): number[] {
  const scored = out.filter((o) => o.features);
  const oosCount = scored.filter((o) => o.slug === null).length;
  const oosWeight = oosCount > 0 ? (scored.length - oosCount) / oosCount : 1;
  const rows = scored.map((o) => ({
    x: vector(o.features!, o.locale),
    y: o.slug !== null && o.rank >= 1 && o.rank <= 3 ? 1 : 0,
    weight: o.slug === null ? oosWeight : 1,
  }));
  const w = new Array<number>(SUPPORTED_LOCALES.length + FEATURE_NAMES.length + 1).fill(0);
  const lr = 0.5;
  for (let epoch = 0; epoch < 3000; epoch++) {
    const grad = new Array<number>(w.length).fill(0);
    for (const { x, y, weight } of rows) {
      const z = w[0]! + x.reduce((s, v, i) => s + v * w[i + 1]!, 0);
      const err = (1 / (1 + Math.exp(-z)) - y) * weight;
      grad[0]! += err;
      x.forEach((v, i) => (grad[i + 1]! += err * v));
    }
    for (let i = 0; i < w.length; i++) w[i]! -= (lr * (grad[i]! / rows.length + (i > 0 ? 1e-3 * w[i]! : 0)));
  }
  return w;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      weights: { type: 'boolean', default: false },
      calibrate: { type: 'boolean', default: false },
      'by-locale': { type: 'boolean', default: false },
      docs: { type: 'string', default: '../shared/corpus' },
    },
  });
  const bundled = (await loadContent('knowledge')).content;
  const docs = existsSync(values.docs ?? '') ? (await loadContent(values.docs ?? '')).content : undefined;
  if (!docs) console.log(`${values.docs} does not exist: tuning on the bundled articles only.`);
  let fields: ArticleFieldSpecs = ARTICLE_FIELDS;
  const offTopic = await loadOffTopic();
  if (values.weights) fields = tuneWeights(bundled, docs, offTopic);
  const out = evaluate(bundled, docs, offTopic, fields);
  if (values.calibrate) {
    const w = fit(out);
    SUPPORTED_LOCALES.forEach((locale, i) => console.log(`intercept ${locale}`, (w[0]! + w[i + 1]!).toFixed(3)));
    FEATURE_NAMES.forEach((name, i) => console.log(name, w[SUPPORTED_LOCALES.length + i + 1]!.toFixed(3)));
    confidenceOf = (f, locale) => 1 / (1 + Math.exp(-(w[0]! + vector(f, locale).reduce((s, v, i) => s + v * w[i + 1]!, 0))));
  }
  const datasets = ['bundled', ...(docs ? ['docs', 'docs+bank'] : [])];
  console.table(datasets.map((d) => summarize(out, d)));
  if (values['by-locale']) {
    console.log('per locale: rank-1 / top-1 answered / out-of-scope recall');
    for (const locale of SUPPORTED_LOCALES) {
      const rows = datasets.map((d) => summarize(out.filter((o) => o.locale === locale), d));
      console.log(`  ${locale}  ${rows.map((r) => `${r.dataset} ${r.rank1.toFixed(3)} ${r.top1.toFixed(3)} / ${r.oosRecall.toFixed(3)}`).join('   ')}`);
    }
  }
  // The threshold trades answered questions for out-of-scope ones left unanswered: both are targets.
  console.log('threshold sweep: top-1 answered / out-of-scope recall, per dataset');
  for (let t = 0.3; t <= 0.71; t += 0.05) {
    const rows = datasets.map((d) => summarize(out, d, t));
    console.log(`  ${t.toFixed(2)}  ${rows.map((r) => `${r.dataset} ${r.top1.toFixed(3)} ${r.top3.toFixed(3)} / ${r.oosRecall.toFixed(3)}`).join('   ')}`);
  }
}

await main();
