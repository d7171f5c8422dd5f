import { analyze, editDistance, termOf, type Token } from './analyze.js';
import { articleProbabilities } from './classifier.js';
import { asksForOverview } from './overview.js';
import { expandSynonyms } from './synonyms.js';
import { TYPO_MIN_LENGTH, bm25Idf, hashWithout, type LocaleIndex, type Postings, type TypoIndex } from './indexer.js';
import type { Locale } from '../i18n/locales.js';
import type { Hit, SearchOptions, SearchResult } from './types.js';

/**
 * Ranking within one locale: no I/O, no clock, no randomness.
 *
 * Score of an article = BM25F over its article-level fields + SECTION_WEIGHT × its best section
 * + QUESTION_WEIGHT × its best single alternate question
 * + CLASSIFIER_WEIGHT × the classifier's probability of the article, scaled by the question's IDF mass
 *   so that it weighs the same against BM25 for short and long questions.
 * Confidence is calibrated on features that do not depend on how long the question is:
 * the share of the question's weight (IDF) found in the article, the score relative to the best
 * score the question could reach, and the lead over the runner-up.
 */

const K1 = 1.2;
const SECTION_WEIGHT = 0.5;
/**
 * The article's single best-matching alternate question. The questions field (BM25F over all of
 * them at once) rewards words repeated across many questions; this rewards the one way of asking
 * that is closest to the user's. Weight 0.75 with full length normalization (b = 1, QUESTION_FIELDS)
 * did best of 0.25–1 and b 0.25–1 on the question bank (npm run tune:kb).
 */
const QUESTION_WEIGHT = 0.75;
/**
 * The article classifier (classifier.ts) next to BM25. Chosen on the question bank (npm run tune:kb):
 * rank-1 rose from 0.670 to 0.724 on our articles and from 0.625 to 0.697 on the docs with the bank;
 * 1 did best of 0.5, 1, 2 and 4.
 */
const CLASSIFIER_WEIGHT = 1;
/**
 * A question that asks for the overview of an area (overview.ts) lifts each section's overview
 * article by this share of the best score among the articles listed under it: "where do I start
 * with my customers' subscriptions" then finds the section's overview rather than the one task
 * whose words it shares, while "overview of suspending a subscription" keeps the task, which leads
 * by more than half. Rank-1 on the dev questions 0.927 → 0.939 and on our held-out ones 163 misses
 * instead of 166, at a cost on the question bank (npm run tune:kb: 0.773 → 0.770), many of whose
 * alternate questions pair an overview word with one task ("visão geral de suspender assinaturas").
 * 0.3 gained 2 on dev and none held out, and cost nothing on the bank; 1 and 2 lost as many as they found.
 */
const OVERVIEW_WEIGHT = 0.5;
/** A corrected typo, another form or a compound's part counts less than the word itself. */
const NEAR_WEIGHT = 0.7;
/**
 * The articles' word a synonym brings (synonyms.yaml) counts less than a word of the question itself.
 * 0.5, 0.7 and 1 did the same on the question bank (npm run tune:kb: top-1 answered 0.762-0.763).
 */
const SYNONYM_WEIGHT = 0.7;
/** Words the index has never seen still weigh in the question: a question mostly about something else is out of scope. */
const UNKNOWN_WEIGHT = 0.6;

/**
 * The lowest threshold at which at least 0.9 of our out-of-scope questions get no answer on all three
 * tuning datasets (bundled 0.931, docs 0.913, docs + bank 0.919; npm run tune:kb).
 */
export const CONFIDENCE_THRESHOLD = 0.3;
/**
 * Below the threshold, the articles a "did you mean" may still offer (SearchOptions.suggestions).
 * On our held-out questions (test/fixtures/kb-heldout.jsonl), 20 of 1,436 in-scope questions get no
 * answer; at 0.15, 10 of them are offered the right article, 5 only wrong ones, and 1 of the 82
 * out-of-scope questions left unanswered is offered any (0.1: 11, 6 and 3; 0.2: 7, 2 and 0).
 */
export const SUGGESTION_THRESHOLD = 0.15;
const DEFAULT_LIMIT = 3;

export interface QueryTerm {
  term: number;
  weight: number;
  /** Brought by a synonym only: it adds to the score, not to what the question asks (mass, coverage). */
  synonym?: true;
}

export interface AnalyzedQuery {
  terms: QueryTerm[];
  /** Total IDF weight of the question, unknown words included: the denominator of coverage. */
  mass: number;
  /** The part of `mass` that comes from words the index does not know at all. */
  unknownMass: number;
  /** The question's words, for the classifier. */
  tokens: Token[];
  /** The articles' words its synonyms bring (synonyms.yaml), for the classifier too. */
  added: Token[];
  /** It asks for the overview of an area rather than one task (overview.ts). */
  overview: boolean;
}

export function analyzeQuery(index: LocaleIndex, query: string): AnalyzedQuery {
  const weights = new Map<number, number>();
  const seen = new Set<string>();
  const unknownIdf = bm25Idf(index.article.docCount, 0);
  let unknownMass = 0;
  const tokens = analyze(query, index.locale);
  const synonyms = expandSynonyms(index.synonyms, tokens);
  for (const token of tokens) {
    if (seen.has(token.term)) continue;
    seen.add(token.term);
    // The term, or the term of the same word as written in the docs ("facturacion" for "facturación":
    // the stemmer reads accents, so an unaccented word can stem differently).
    const id = index.terms.get(token.term) ?? sameWord(index.typo, token.surface);
    if (id !== undefined) {
      weights.set(id, 1);
      continue;
    }
    if (token.joined) continue;
    const near = nearTerms(index, token);
    for (const term of near) weights.set(term, Math.max(weights.get(term) ?? 0, NEAR_WEIGHT));
    // A word the articles never use but a synonym names is not about something else.
    if (near.length === 0 && !synonyms.matched.has(token.term)) unknownMass += UNKNOWN_WEIGHT * unknownIdf;
  }
  let mass = unknownMass;
  const terms: QueryTerm[] = [];
  for (const [term, weight] of weights) {
    terms.push({ term, weight });
    mass += weight * (index.article.idf[term] ?? 0);
  }
  for (const token of synonyms.added) {
    const term = index.terms.get(token.term);
    if (term !== undefined && !weights.has(term)) terms.push({ term, weight: SYNONYM_WEIGHT, synonym: true });
  }
  return { terms, mass, unknownMass, tokens, added: synonyms.added, overview: asksForOverview(query, index.locale) };
}

/**
 * Terms for a word the index does not know, first match wins: a typo of a known word (edit distance 1),
 * another form with the same beginning (stem prefix), or the parts of a compound ("Abrechnungsproblem").
 */
export function nearTerms(index: LocaleIndex, token: Token): number[] {
  if (token.surface.length < TYPO_MIN_LENGTH || HAN.test(token.surface)) return [];
  const typo = correct(index.typo, token.surface);
  if (typo.length > 0) return typo;
  const prefix = prefixTerms(index, token.term);
  if (prefix.length > 0) return prefix;
  return compoundParts(index, token.surface);
}

const HAN = /\p{Script=Han}/u;
const PREFIX_MIN = 5;
const PREFIX_MAX_EXTRA = 3;

/** Known terms that extend the term, or that it extends, by at most a few letters. */
function prefixTerms(index: LocaleIndex, term: string): number[] {
  const found: number[] = [];
  if (term.length < PREFIX_MIN) return found;
  const sorted = index.sortedTerms;
  for (let i = lowerBoundString(sorted, term); i < sorted.length; i++) {
    const candidate = sorted[i] ?? '';
    if (!candidate.startsWith(term)) break;
    if (candidate.length - term.length <= PREFIX_MAX_EXTRA) pushTerm(index, candidate, found);
  }
  for (let len = term.length - 1; len >= Math.max(PREFIX_MIN, term.length - PREFIX_MAX_EXTRA); len--) {
    if (pushTerm(index, term.slice(0, len), found)) break;
  }
  return found.slice(0, 3);
}

/** A compound's two parts, both known: "supportprozesse" → support + prozess (linking "s" allowed). */
function compoundParts(index: LocaleIndex, surface: string): number[] {
  const min = 4;
  if (surface.length < 2 * min) return [];
  for (let cut = surface.length - min; cut >= min; cut--) {
    const head = index.terms.get(termOf(surface.slice(cut), index.locale));
    if (head === undefined) continue;
    const left = surface.slice(0, cut);
    const modifier =
      index.terms.get(termOf(left, index.locale)) ??
      (left.endsWith('s') && left.length > min ? index.terms.get(termOf(left.slice(0, -1), index.locale)) : undefined);
    if (modifier !== undefined) return [modifier, head];
  }
  return [];
}

function pushTerm(index: LocaleIndex, term: string, found: number[]): boolean {
  const id = index.terms.get(term);
  if (id === undefined || found.includes(id)) return false;
  found.push(id);
  return true;
}

function lowerBoundString(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? '') < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sameWord(typo: TypoIndex, surface: string): number | undefined {
  const key = hashWithout(surface, -1);
  for (let i = lowerBound(typo.keys, key); i < typo.keys.length && typo.keys[i] === key; i++) {
    const owner = typo.owners[i] ?? -1;
    if (typo.words[owner] === surface) return typo.wordTerm[owner];
  }
  return undefined;
}

/** Known words at edit distance 1 (insertion, deletion, substitution, transposition) → their term ids. */
export function correct(typo: TypoIndex, surface: string): number[] {
  const found: number[] = [];
  for (let skip = -1; skip < surface.length; skip++) {
    const key = hashWithout(surface, skip);
    for (let i = lowerBound(typo.keys, key); i < typo.keys.length && typo.keys[i] === key; i++) {
      const owner = typo.owners[i] ?? -1;
      const word = typo.words[owner];
      const term = typo.wordTerm[owner] ?? -1;
      if (word === undefined || term < 0 || found.includes(term)) continue;
      if (word.length >= TYPO_MIN_LENGTH - 1 && editDistance(surface, word, 1) <= 1) found.push(term);
    }
  }
  return found.slice(0, 2);
}

function lowerBound(keys: Uint32Array, key: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] ?? 0) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function accumulate(postings: Postings | undefined, factor: number, scores: Float64Array, cover?: Float64Array, mass = 0): void {
  if (!postings) return;
  const { docs, tf } = postings;
  for (let k = 0; k < docs.length; k++) {
    const d = docs[k] ?? 0;
    const f = tf[k] ?? 0;
    scores[d] = (scores[d] ?? 0) + (factor * f) / (K1 + f);
    if (cover) cover[d] = (cover[d] ?? 0) + mass;
  }
}

export interface RankedArticle {
  article: number;
  section: number;
  score: number;
  coverage: number;
  /** The classifier's probability of the article (0 without a classifier). */
  probability: number;
  /** The classifier's probability that the question is about none of the articles (0 without off-topic examples). */
  offTopic: number;
  strength: number;
  margin: number;
  confidence: number;
}

/** Every article with a positive score, best first, with its best section and confidence. */
export function rank(index: LocaleIndex, query: AnalyzedQuery): RankedArticle[] {
  const articleCount = index.articles.length;
  const articleScores = new Float64Array(articleCount);
  const cover = new Float64Array(articleCount);
  const sectionScores = new Float64Array(index.section.docCount);
  for (const { term, weight, synonym } of query.terms) {
    const idfA = index.article.idf[term] ?? 0;
    accumulate(index.article.postings[term], weight * idfA, articleScores, synonym ? undefined : cover, weight * idfA);
    accumulate(index.section.postings[term], weight * (index.section.idf[term] ?? 0), sectionScores);
  }
  const questionScores = new Float64Array(index.question.docCount);
  for (const { term, weight } of query.terms) accumulate(index.question.postings[term], weight * (index.question.idf[term] ?? 0), questionScores);
  const bestQuestionScore = new Float64Array(articleCount);
  for (let q = 0; q < questionScores.length; q++) {
    const a = index.questionArticle[q] ?? 0;
    if ((questionScores[q] ?? 0) > (bestQuestionScore[a] ?? 0)) bestQuestionScore[a] = questionScores[q] ?? 0;
  }
  const bestSection = new Int32Array(articleCount).fill(-1);
  const bestSectionScore = new Float64Array(articleCount);
  for (let s = 0; s < sectionScores.length; s++) {
    const a = index.sectionArticle[s] ?? 0;
    const score = sectionScores[s] ?? 0;
    if (score > (bestSectionScore[a] ?? 0)) {
      bestSectionScore[a] = score;
      bestSection[a] = index.sectionIndex[s] ?? 0;
    }
  }
  const classifier = query.terms.length > 0 ? index.classifier() : undefined;
  const probabilities = classifier && articleProbabilities(classifier, [...query.tokens, ...query.added]);
  // Whether the question is about none of the articles is read from what the user wrote: a synonym
  // brings an article's word ("contract" → "agreement") to off-topic questions too.
  const asked = classifier && query.added.length > 0 ? articleProbabilities(classifier, query.tokens) : probabilities;
  const offTopic = asked?.[articleCount] ?? 0;
  const scores = Float64Array.from(
    { length: articleCount },
    (_, a) =>
      (articleScores[a] ?? 0) +
      SECTION_WEIGHT * (bestSectionScore[a] ?? 0) +
      QUESTION_WEIGHT * (bestQuestionScore[a] ?? 0) +
      CLASSIFIER_WEIGHT * (probabilities?.[a] ?? 0) * query.mass,
  );
  const lifted = query.overview ? overviewLift(scores, index.children) : scores;
  const ranked: RankedArticle[] = [];
  for (let a = 0; a < articleCount; a++) {
    const probability = probabilities?.[a] ?? 0;
    const score = lifted[a] ?? 0;
    if (score <= 0) continue;
    const coverage = query.mass > 0 ? (cover[a] ?? 0) / query.mass : 0;
    ranked.push({ article: a, section: Math.max(0, bestSection[a] ?? 0), score, coverage, probability, offTopic, strength: 0, margin: 0, confidence: 0 });
  }
  ranked.sort((x, y) => y.score - x.score || x.article - y.article);
  calibrate(index, ranked, query);
  return ranked;
}

/** Scores with each overview article lifted by OVERVIEW_WEIGHT × the best score of its children. Pure. */
export function overviewLift(scores: Float64Array, children: readonly (readonly number[])[]): Float64Array {
  return scores.map((score, a) => {
    const under = children[a] ?? [];
    if (under.length === 0) return score;
    return score + OVERVIEW_WEIGHT * Math.max(0, ...under.map((c) => scores[c] ?? 0));
  });
}

/**
 * The best score a question can reach: every term in every field of one article, saturated, and a
 * sure classifier (questions and the classifier count only where there are some).
 */
function maxScore(index: LocaleIndex, query: AnalyzedQuery): number {
  const question = index.question.docCount > 0 ? QUESTION_WEIGHT : 0;
  const classifier = index.classifier() ? CLASSIFIER_WEIGHT : 0;
  return query.mass * (1 + SECTION_WEIGHT + question + classifier);
}

export interface ConfidenceFeatures {
  /** Score over the best score the question could reach, 0..1. */
  strength: number;
  /** Lead over the next article, relative: 0..1. */
  margin: number;
  /** IDF weight of the question's words that the article has. */
  matchedMass: number;
  /** IDF weight of the whole question, unknown words included. */
  mass: number;
  /** Share of that weight from words the docs never use: 0..1. */
  unknownShare: number;
  /** The classifier's probability of the article: 0..1. */
  probability: number;
  /** 1 when the locale's articles declare alternate questions (ways of asking to learn from), else 0. */
  asked: number;
  /** The classifier's probability that the question is about none of the articles: 0..1. */
  offTopic: number;
}

/**
 * Each locale has its own intercept: Chinese bigrams and German compounds make the same features
 * read differently (Chinese top-1 answered 0.58 → 0.65 with it).
 */
const INTERCEPT: Record<Locale, number> = {
  'en-US': -2.215,
  'it-IT': -1.801,
  'pt-BR': -1.684,
  'es-ES': -1.57,
  'ru-RU': -1.54,
  'de-DE': -1.351,
  'zh-CN': -0.991,
};

/**
 * Logistic calibration, fitted on our question bank and out-of-scope questions (npm run tune:kb --
 * --calibrate): 1 = in scope with the right article among the three shown, 0 = out of scope or not
 * shown, the two kinds weighing the same. Only shape features go in: how much of the question the
 * article covers, how clearly it leads, how much the question says at all (a one-word question that
 * matches one word is weak evidence), how much of it the docs never mention, how sure the classifier
 * is, whether the articles declare ways of asking at all (the docs alone rank worse, and their
 * probabilities mean less), and how much the question looks like the off-topic ones of nlu/ (the
 * weightiest feature: with it, 0.843 of the questions are answered with the right article among three
 * on the docs with our questions, against 0.794 without, for the same 0.948 of out-of-scope ones left unanswered).
 */
export function confidenceOf(f: ConfidenceFeatures, locale: Locale): number {
  const z =
    INTERCEPT[locale] +
    3.292 * f.strength -
    0.052 * f.margin +
    1.13 * Math.log1p(f.matchedMass) +
    0.368 * Math.log1p(f.mass) +
    0.629 * (f.mass > 0 ? f.matchedMass / f.mass : 0) -
    2.132 * f.unknownShare +
    2.066 * f.probability -
    2.764 * f.asked -
    2.837 * f.offTopic;
  return 1 / (1 + Math.exp(-z));
}

/** The features of the hit at `i` of a ranked list (strength and margin are set by `calibrate`). */
export function confidenceFeatures(index: LocaleIndex, ranked: readonly RankedArticle[], i: number, query: AnalyzedQuery): ConfidenceFeatures {
  const hit = ranked[i];
  if (!hit) throw new Error(`no hit at ${i}`);
  const top = maxScore(index, query);
  const next = ranked[i + 1]?.score ?? 0;
  return {
    strength: top > 0 ? Math.min(1, hit.score / top) : 0,
    margin: hit.score > 0 ? (hit.score - next) / hit.score : 0,
    matchedMass: hit.coverage * query.mass,
    mass: query.mass,
    unknownShare: query.mass > 0 ? query.unknownMass / query.mass : 0,
    probability: hit.probability,
    asked: index.question.docCount > 0 ? 1 : 0,
    offTopic: hit.offTopic,
  };
}

function calibrate(index: LocaleIndex, ranked: RankedArticle[], query: AnalyzedQuery): void {
  for (let i = 0; i < ranked.length; i++) {
    const hit = ranked[i];
    if (!hit) continue;
    const features = confidenceFeatures(index, ranked, i, query);
    hit.strength = features.strength;
    hit.margin = features.margin;
    // A lower-ranked article is never more likely to answer than the one above it.
    hit.confidence = Math.min(confidenceOf(features, index.locale), ranked[i - 1]?.confidence ?? 1);
  }
}

export function search(index: LocaleIndex, query: string, options: SearchOptions = {}): SearchResult {
  const ranked = rank(index, analyzeQuery(index, query));
  const answered = (ranked[0]?.confidence ?? 0) >= CONFIDENCE_THRESHOLD;
  return { hits: visible(ranked, answered, options).map((r) => toHit(index, r)), answered, fallback: false };
}

/** The ranked articles a search returns: all of them when it answers or when asked to, else the suggestions asked for. */
export function visible(ranked: readonly RankedArticle[], answered: boolean, options: SearchOptions): RankedArticle[] {
  const top = ranked.slice(0, options.limit ?? DEFAULT_LIMIT);
  if (answered || options.includeLowConfidence) return top;
  return options.suggestions ? top.filter((r) => r.confidence >= SUGGESTION_THRESHOLD) : [];
}

export function toHit(index: LocaleIndex, ranked: RankedArticle): Hit {
  const article = index.articles[ranked.article];
  const section = article?.sections[ranked.section] ?? article?.sections[0];
  if (!article || !section) throw new Error(`index out of step with its articles at ${ranked.article}`);
  return {
    slug: article.slug,
    locale: article.locale,
    title: article.title,
    section,
    score: ranked.score,
    confidence: ranked.confidence,
  };
}
