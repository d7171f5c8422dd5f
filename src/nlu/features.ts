import type { Locale } from '../i18n/locales.js';
import type { Entity, EntityType } from './types.js';
import { HAN, HAN_RUN, normalizeText, stem, stripAccents, tokenize } from './text.js';

/** Sparse features by name; values are weights before normalization. */
export type FeatureBag = Map<string, number>;

/**
 * Entity kinds replaced by a placeholder word: what matters for the intent is that the user gave
 * a ticket id or a customer, not which one. Dates and language names keep their words, which say
 * more ("since yesterday", "in Italian").
 */
const MASKED: ReadonlySet<EntityType> = new Set<EntityType>([
  'ticket_id',
  'email',
  'phone',
  'guid',
  'number',
  'customer',
  'amount',
  'invoice_number',
  'billing_period',
]);

const CHAR_NGRAM_SIZES = [3, 4, 5] as const;
const HAN_NGRAM_SIZES = [1, 2, 3] as const;
/**
 * Group weights, chosen by 5-fold cross-validation on the utterance files (npm run eval:intents --
 * --cv): character n-grams carry most of the signal across inflections and typos; word bigrams help
 * a little ("open ticket" vs "my ticket") but overfit at full weight.
 */
const WORD_WEIGHT = 1;
const BIGRAM_WEIGHT = 0.5;
const CHAR_WEIGHT = 1.6;

/** The text between masked entities, with a placeholder word for each entity. */
export function maskEntities(text: string, entities: readonly Entity[]): string[] {
  const masked = entities.filter((e) => MASKED.has(e.type)).sort((a, b) => a.start - b.start);
  const pieces: string[] = [];
  let at = 0;
  for (const entity of masked) {
    if (entity.start < at) continue;
    pieces.push(text.slice(at, entity.start), `\u0000${entity.type}`);
    at = entity.end;
  }
  pieces.push(text.slice(at));
  return pieces;
}

function wordsOf(pieces: readonly string[], locale: Locale): { stems: string[]; surface: string[] } {
  const stems: string[] = [];
  const surface: string[] = [];
  for (const piece of pieces) {
    if (piece.startsWith('\u0000')) {
      stems.push(`<${piece.slice(1)}>`);
      continue;
    }
    for (const word of tokenize(normalizeText(piece), locale)) {
      stems.push(stem(word, locale));
      surface.push(stripAccents(word));
    }
  }
  return { stems, surface };
}

function charNgrams(surface: readonly string[]): string[] {
  const grams: string[] = [];
  for (const word of surface) {
    if (HAN.test(word)) continue;
    const padded = `^${word}$`;
    for (const n of CHAR_NGRAM_SIZES) {
      for (let i = 0; i + n <= padded.length; i++) grams.push(padded.slice(i, i + n));
    }
  }
  return grams;
}

function hanNgrams(text: string): string[] {
  const grams: string[] = [];
  for (const run of text.match(HAN_RUN) ?? []) {
    const chars = [...run];
    for (const n of HAN_NGRAM_SIZES) {
      for (let i = 0; i + n <= chars.length; i++) grams.push(chars.slice(i, i + n).join(''));
    }
  }
  return grams;
}

/** Adds a group of features, L2-normalized: each key weighs `weight / √(distinct keys)`. */
export function addNormalized(bag: FeatureBag, prefix: string, keys: readonly string[], weight: number): void {
  const unique = new Set(keys);
  if (unique.size === 0) return;
  const value = weight / Math.sqrt(unique.size);
  for (const key of unique) bag.set(prefix + key, value);
}

/**
 * Word unigrams and bigrams over stems, character n-grams (robust to inflection and typos) and
 * Han n-grams, each group L2-normalized so that long messages do not score higher than short ones.
 */
export function extractFeatures(text: string, locale: Locale, entities: readonly Entity[]): FeatureBag {
  const pieces = maskEntities(text, entities);
  const { stems, surface } = wordsOf(pieces, locale);
  // A start marker lets the first word count on its own: "how …", "come …", "как …" ask.
  const marked = ['<s>', ...stems];
  const bigrams = marked.slice(1).map((s, i) => `${marked[i] ?? ''} ${s}`);
  const plain = pieces.filter((p) => !p.startsWith('\u0000')).join(' ');

  const bag: FeatureBag = new Map();
  addNormalized(bag, 'w:', stems, WORD_WEIGHT);
  addNormalized(bag, 'b:', bigrams, BIGRAM_WEIGHT);
  addNormalized(bag, 'c:', [...charNgrams(surface), ...hanNgrams(plain)], CHAR_WEIGHT);
  addNormalized(bag, 'e:', [...new Set(entities.map((e) => e.type))], 0.5);
  if (/[?？]\s*$/u.test(text)) bag.set('p:question', 0.5);
  return bag;
}
