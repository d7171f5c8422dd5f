import type { Locale } from '../i18n/locales.js';
import type { LinearModel } from '../nlu/classifier.js';
import { analyze, type Token } from './analyze.js';
import { trainArticleClassifier, type ArticleExample } from './classifier.js';
import { compileSynonyms, type SynonymGroups, type SynonymIndex } from './synonyms.js';
import type { Article } from './types.js';

/**
 * The in-memory index of one locale. BM25F with the fields folded in at build time: for each
 * (term, document) the field frequencies are length-normalized, weighted and summed into one
 * pseudo-frequency, so a query only walks typed-array postings.
 *
 * Three levels: articles (title, headings, description, questions, body) rank the answer; sections
 * (heading, body) pick the part of the article to show and add a little to the article's score;
 * single alternate questions add the closest way of asking. Beside the index, a classifier learns
 * from the articles' ways of asking (questions, titles, description) which words tell them apart.
 */

export interface FieldSpec {
  weight: number;
  /** Length normalization, 0..1. */
  b: number;
}

export const ARTICLE_FIELDS = {
  title: { weight: 5, b: 0.5 },
  headings: { weight: 1.5, b: 0.5 },
  description: { weight: 3, b: 0.5 },
  questions: { weight: 4, b: 0.75 },
  anchors: { weight: 1, b: 0.5 },
  body: { weight: 1, b: 0.75 },
} as const satisfies Record<string, FieldSpec>;

/** Each alternate question on its own: how close the question comes to one way users ask. */
export const QUESTION_FIELDS = {
  text: { weight: 1, b: 1 },
} as const satisfies Record<string, FieldSpec>;

export const SECTION_FIELDS = {
  heading: { weight: 2, b: 0.5 },
  body: { weight: 1, b: 0.75 },
} as const satisfies Record<string, FieldSpec>;

type ArticleField = keyof typeof ARTICLE_FIELDS;
/** Weights of the article fields; the defaults above unless a tuning run tries others. */
export type ArticleFieldSpecs = Record<ArticleField, FieldSpec>;
type SectionField = keyof typeof SECTION_FIELDS;
type QuestionField = keyof typeof QUESTION_FIELDS;

export interface Postings {
  docs: Int32Array;
  /** BM25F pseudo term frequency per document. */
  tf: Float32Array;
}

export interface Level {
  docCount: number;
  /** By term id; undefined when no document of this level has the term. */
  postings: (Postings | undefined)[];
  idf: Float64Array;
}

/** Symmetric-delete lookup for typo tolerance: hashes of each known word and of its one-deletion variants. */
export interface TypoIndex {
  words: string[];
  /** Term id of each word. */
  wordTerm: Int32Array;
  /** Sorted hashes, and the word each one came from. */
  keys: Uint32Array;
  owners: Int32Array;
}

export interface LocaleIndex {
  locale: Locale;
  articles: Article[];
  terms: Map<string, number>;
  /** Terms in code unit order, for prefix lookups. */
  sortedTerms: string[];
  article: Level;
  section: Level;
  /** For each section document: its article and its position in `article.sections`. */
  sectionArticle: Int32Array;
  sectionIndex: Int32Array;
  /** One document per alternate question, and the article it belongs to. */
  question: Level;
  questionArticle: Int32Array;
  typo: TypoIndex;
  /**
   * The article classifier (see classifier.ts), trained on the locale's first question or by
   * `KnowledgeBase.prepare`, not during the build: training the seven locales would more than double
   * it. Undefined with fewer than two articles.
   */
  classifier: Lazy<LinearModel | undefined>;
  /** The locale's synonyms (synonyms.yaml), analyzed like questions. */
  synonyms: SynonymIndex;
  /** Per article, the articles its section of the TOC lists under it (empty for most). */
  children: number[][];
}

export interface IndexInput {
  article: Article;
  /** Every title the article goes by: TOC title, H1, front matter title. */
  titles: string[];
  /** Per section, the text to index (display text without the text of links to other articles). */
  bodies: string[];
  /** Text of the links of other articles to this one: how the rest of the docs name it. */
  anchors: string[];
  /** The slugs the TOC lists under this article when it is the overview of a section. */
  children?: readonly string[];
}

/** Shorter sentences (a lone menu name, "Note:") say too little about their article to learn from. */
const SENTENCE_MIN_TOKENS = 3;

/** Sentences and list items: split after . ! ? followed by a space, after CJK end marks, and at line ends. */
export function sentencesOf(texts: readonly string[]): string[] {
  return texts.flatMap((text) => text.split(/(?<=[.!?])\s+|(?<=[。！？；])|\n+/)).filter((s) => s.trim().length > 0);
}

/** Words shorter than this are not corrected, nor used to correct. */
export const TYPO_MIN_LENGTH = 5;

export function buildLocaleIndex(
  locale: Locale,
  inputs: readonly IndexInput[],
  fields: ArticleFieldSpecs = ARTICLE_FIELDS,
  offTopic: readonly string[] = [],
  synonyms: SynonymGroups = [],
): LocaleIndex {
  const terms = new Map<string, number>();
  const surfaces = new Map<string, number>();
  const idsOf = (tokens: readonly Token[]): number[] => tokens.map((t) => intern(t, terms, surfaces));
  const termsOf = (text: string): number[] => idsOf(analyze(text, locale));
  // Each alternate question is analyzed once: for its own document, its article's field and the classifier.
  const examples: ArticleExample[] = [];
  const questionTokens = inputs.map(({ article, titles, bodies }, a) => {
    for (const text of [...titles, article.description]) examples.push({ tokens: analyze(text, locale), article: a });
    // The article's own sentences teach the classifier the facts that no declared question asks about
    // yet. Only next to declared questions: on docs alone, whose sentences are the only examples, the
    // shared boilerplate made the ranking worse (npm run tune:kb: rank-1 0.524 → 0.479).
    if (article.questions.length > 0) {
      for (const sentence of sentencesOf(bodies)) {
        const tokens = analyze(sentence, locale);
        if (tokens.length >= SENTENCE_MIN_TOKENS) examples.push({ tokens, article: a });
      }
    }
    return article.questions.map((text) => {
      const tokens = analyze(text, locale);
      examples.push({ tokens, article: a });
      return tokens;
    });
  });

  for (const text of offTopic) examples.push({ tokens: analyze(text, locale), article: inputs.length });
  const classes = inputs.length + (offTopic.length > 0 ? 1 : 0);

  const articleDocs = inputs.map(({ article, titles, bodies, anchors }, a): Record<ArticleField, number[]> => ({
    ...fieldTerms<Exclude<ArticleField, 'questions'>>(
      {
        title: titles.join('\n'),
        headings: article.sections.filter((s) => s.level > 1).map((s) => s.heading).join('\n'),
        description: article.description,
        anchors: anchors.join('\n'),
        body: bodies.join('\n'),
      },
      termsOf,
    ),
    questions: (questionTokens[a] ?? []).flatMap(idsOf),
  }));
  const sectionArticle: number[] = [];
  const sectionIndex: number[] = [];
  const sectionDocs = inputs.flatMap(({ article, bodies }, a) =>
    article.sections.map((section, s) => {
      sectionArticle.push(a);
      sectionIndex.push(s);
      const body = bodies[s] ?? section.text;
      return fieldTerms<SectionField>({ heading: section.level > 1 ? section.heading : '', body }, termsOf);
    }),
  );
  const questionArticle: number[] = [];
  const questionDocs = questionTokens.flatMap((list, a) =>
    list.map((tokens): Record<QuestionField, number[]> => {
      questionArticle.push(a);
      return { text: idsOf(tokens) };
    }),
  );
  return {
    locale,
    articles: inputs.map((i) => i.article),
    terms,
    sortedTerms: [...terms.keys()].filter((t) => !/\p{Script=Han}/u.test(t)).sort(),
    article: buildLevel(articleDocs, fields, terms.size),
    section: buildLevel(sectionDocs, SECTION_FIELDS, terms.size),
    sectionArticle: Int32Array.from(sectionArticle),
    sectionIndex: Int32Array.from(sectionIndex),
    question: buildLevel(questionDocs, QUESTION_FIELDS, terms.size),
    questionArticle: Int32Array.from(questionArticle),
    typo: buildTypoIndex(surfaces),
    classifier: once(() => trainArticleClassifier(examples.splice(0), classes, offTopic.length > 0 ? inputs.length : undefined)),
    synonyms: compileSynonyms(synonyms, locale),
    children: childArticles(inputs),
  };
}

/** `IndexInput.children` as article numbers; slugs with no article in the locale are left out. */
function childArticles(inputs: readonly IndexInput[]): number[][] {
  const bySlug = new Map(inputs.map((input, a) => [input.article.slug, a]));
  return inputs.map(({ children = [] }) =>
    [...new Set(children)].flatMap((slug) => {
      const a = bySlug.get(slug);
      return a === undefined ? [] : [a];
    }),
  );
}

/** A value computed on its first call; `made` tells whether that call has happened. */
export interface Lazy<T> {
  (): T;
  readonly made: boolean;
}

function once<T>(make: () => T): Lazy<T> {
  let made: { value: T } | undefined;
  const get = () => (made ??= { value: make() }).value;
  return Object.defineProperty(get, 'made', { get: () => made !== undefined }) as Lazy<T>;
}

function intern(token: Token, terms: Map<string, number>, surfaces: Map<string, number>): number {
  let id = terms.get(token.term);
  if (id === undefined) {
    id = terms.size;
    terms.set(token.term, id);
  }
  if (token.surface.length >= TYPO_MIN_LENGTH - 1 && !surfaces.has(token.surface)) surfaces.set(token.surface, id);
  return id;
}

function fieldTerms<F extends string>(texts: Record<F, string>, termsOf: (text: string) => number[]): Record<F, number[]> {
  const out = {} as Record<F, number[]>;
  for (const field of Object.keys(texts) as F[]) out[field] = termsOf(texts[field]);
  return out;
}

function buildLevel<F extends string>(docs: Record<F, number[]>[], fields: Record<F, FieldSpec>, termCount: number): Level {
  const names = Object.keys(fields) as F[];
  const avg = new Map<F, number>(
    names.map((f) => [f, Math.max(1, docs.reduce((sum, d) => sum + d[f].length, 0) / Math.max(1, docs.length))]),
  );
  const lists: { docs: number[]; tf: number[] }[] = [];
  docs.forEach((doc, d) => {
    const pseudo = new Map<number, number>();
    for (const f of names) {
      const { weight, b } = fields[f];
      const norm = weight / (1 - b + (b * doc[f].length) / (avg.get(f) ?? 1));
      for (const term of doc[f]) pseudo.set(term, (pseudo.get(term) ?? 0) + norm);
    }
    for (const [term, tf] of pseudo) {
      const list = (lists[term] ??= { docs: [], tf: [] });
      list.docs.push(d);
      list.tf.push(tf);
    }
  });
  const idf = new Float64Array(termCount);
  const postings: (Postings | undefined)[] = new Array<Postings | undefined>(termCount).fill(undefined);
  for (let term = 0; term < termCount; term++) {
    const list = lists[term];
    if (!list) continue;
    postings[term] = { docs: Int32Array.from(list.docs), tf: Float32Array.from(list.tf) };
    idf[term] = bm25Idf(docs.length, list.docs.length);
  }
  return { docCount: docs.length, postings, idf };
}

export function bm25Idf(docCount: number, docFreq: number): number {
  return Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));
}

/** FNV-1a of `word` without the character at `skip` (-1: none). Collisions are checked by the caller. */
export function hashWithout(word: string, skip: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    if (i === skip) continue;
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function buildTypoIndex(surfaces: Map<string, number>): TypoIndex {
  const words = [...surfaces.keys()].filter((w) => !/\p{Script=Han}/u.test(w));
  // (hash, word) packed in one double: hash × 2^21 + word index, exact below 2^53; sorts numerically.
  const packed = new Float64Array(words.reduce((n, w) => n + w.length + 1, 0));
  let k = 0;
  words.forEach((word, w) => {
    for (let skip = -1; skip < word.length; skip++) packed[k++] = hashWithout(word, skip) * WORD_SLOTS + w;
  });
  packed.sort();
  const keys = new Uint32Array(packed.length);
  const owners = new Int32Array(packed.length);
  packed.forEach((v, i) => {
    keys[i] = Math.floor(v / WORD_SLOTS);
    owners[i] = v % WORD_SLOTS;
  });
  return { words, wordTerm: Int32Array.from(words, (w) => surfaces.get(w) ?? -1), keys, owners };
}

const WORD_SLOTS = 2 ** 21;
