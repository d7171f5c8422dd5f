import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as german } from '@orama/stemmers/german';
import { stemmer as italian } from '@orama/stemmers/italian';
import { stemmer as portuguese } from '@orama/stemmers/portuguese';
import { stemmer as russian } from '@orama/stemmers/russian';
import { stemmer as spanish } from '@orama/stemmers/spanish';
import type { Locale } from '../i18n/locales.js';
import { stopWords } from './stopwords.js';

/**
 * Text to index terms, the same way for articles and for questions: tokenize, lowercase, drop stop
 * words, stem (Snowball), then fold accents. Folding comes after stemming because the Snowball rules
 * read accents (Russian "й", Portuguese "ã"); both sides go through the same steps, so they agree.
 * Chinese: Intl.Segmenter words plus character bigrams of each run between stop words.
 */

export interface Token {
  /** The word as written, lowercase and folded: the key of typo tolerance. */
  surface: string;
  /** The index term. */
  term: string;
  /**
   * The two words of a hyphenated pair written as one ("multi-channel" → "multichannel", "e-mail" →
   * "email"), beside the words themselves: docs and users join or hyphenate the same word either way.
   * A question's joined token counts only where the index knows it.
   */
  joined?: true;
}

type Stemmer = (word: string) => string;

const STEMMERS: Record<Locale, Stemmer> = {
  'en-US': english,
  'it-IT': italian,
  'pt-BR': portuguese,
  'es-ES': spanish,
  'ru-RU': russian,
  'de-DE': german,
  // Latin words in Chinese text are product names and English terms.
  'zh-CN': english,
};

const MARKS = /\p{M}+/gu;
const NON_ASCII = /[\u0080-\uffff]/;

/** Lowercase without diacritics: "Überprüfen" → "uberprufen", "ёлка" → "елка", "Straße" → "strasse". */
export function fold(word: string): string {
  const lower = word.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower.normalize('NFD').replace(MARKS, '').replace(/ß/g, 'ss').replace(/[ıİ]/g, 'i').normalize('NFC');
}

// Han runs; otherwise letters and digits (an apostrophe or hyphen splits: "l'abbonamento", "Self-Service").
const PIECES = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;
const MIN_LENGTH = 2;

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

export function analyze(text: string, locale: Locale): Token[] {
  const tokens: Token[] = [];
  const stops = stopWords(locale);
  const stem = STEMMERS[locale];
  const normalized = text.normalize('NFC');
  let previous: { word: string; end: number } | undefined;
  for (const match of normalized.matchAll(PIECES)) {
    if (match[1] !== undefined) {
      analyzeHan(match[1], tokens);
      previous = undefined;
      continue;
    }
    const word = match[2] ?? '';
    const start = match.index;
    const hyphenated = previous !== undefined && previous.end === start - 1 && normalized[start - 1] === '-';
    const joined = hyphenated ? `${previous?.word ?? ''}${word}` : undefined;
    previous = { word, end: start + word.length };
    const surface = fold(word);
    if (word.length >= MIN_LENGTH && !stops.has(surface)) tokens.push({ surface, term: stemTerm(word, stem) });
    if (joined) tokens.push({ surface: fold(joined), term: stemTerm(joined, stem), joined: true });
  }
  return tokens;
}

/** The index term of one word (no stop word check). */
export function termOf(word: string, locale: Locale): string {
  return stemTerm(word, STEMMERS[locale]);
}

// Stemming is the bulk of indexing time and words repeat: memoized, with a bound on memory.
const STEM_CACHE = new Map<Stemmer, Map<string, string>>();
const STEM_CACHE_MAX = 50_000;

function stemTerm(word: string, stem: Stemmer): string {
  let cache = STEM_CACHE.get(stem);
  if (!cache) STEM_CACHE.set(stem, (cache = new Map()));
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  if (cache.size >= STEM_CACHE_MAX) cache.clear();
  const term = computeTerm(word, stem);
  cache.set(word, term);
  return term;
}

function computeTerm(word: string, stem: Stemmer): string {
  const lower = word.toLowerCase().replace(/ё/g, 'е');
  // Stemmers are for words; numbers and codes ("21vianet", "365") stay as they are.
  if (/\d/.test(lower)) return fold(lower);
  return fold(stem(lower));
}

const HAN_STOPS = stopWords('zh-CN');

/** Segmenter words of 3+ characters, plus bigrams of each run between stop words (2-char words are bigrams). */
function analyzeHan(run: string, tokens: Token[]): void {
  let chunk = '';
  const flush = (): void => {
    if (chunk.length === 1) tokens.push({ surface: chunk, term: chunk });
    for (let i = 0; i + 1 < chunk.length; i++) {
      const bigram = chunk.slice(i, i + 2);
      tokens.push({ surface: bigram, term: bigram });
    }
    chunk = '';
  };
  for (const { segment } of segmenter.segment(run)) {
    if (HAN_STOPS.has(segment)) {
      flush();
      continue;
    }
    if (segment.length >= 3) tokens.push({ surface: segment, term: segment });
    chunk += segment;
  }
  flush();
}

/** Optimal string alignment distance, capped: returns max + 1 as soon as it is exceeded. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n] ?? max + 1;
}
