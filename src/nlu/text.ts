import { stemmer as stemEn } from '@orama/stemmers/english';
import { stemmer as stemIt } from '@orama/stemmers/italian';
import { stemmer as stemPt } from '@orama/stemmers/portuguese';
import { stemmer as stemEs } from '@orama/stemmers/spanish';
import { stemmer as stemRu } from '@orama/stemmers/russian';
import { stemmer as stemDe } from '@orama/stemmers/german';
import type { Locale } from '../i18n/locales.js';

const STEMMERS: Record<Locale, (word: string) => string> = {
  'en-US': stemEn,
  'it-IT': stemIt,
  'pt-BR': stemPt,
  'es-ES': stemEs,
  'ru-RU': stemRu,
  'de-DE': stemDe,
  // Chinese has no inflection: words are kept as segmented.
  'zh-CN': (word) => word,
};

const SEGMENTERS = new Map<Locale, Intl.Segmenter>();

function segmenterFor(locale: Locale): Intl.Segmenter {
  let segmenter = SEGMENTERS.get(locale);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
    SEGMENTERS.set(locale, segmenter);
  }
  return segmenter;
}

const COMBINING_MARKS = /\p{M}+/gu;
const APOSTROPHES = /['’`´]/g;

/** Lower case, compatibility forms folded, apostrophes split ("dov'è" → "dov è"), ё → е. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(APOSTROPHES, ' ').replace(/ё/g, 'е');
}

/** Removes accents so that "perché" and "perche", "não" and "nao" meet. */
export function stripAccents(word: string): string {
  return word.normalize('NFD').replace(COMBINING_MARKS, '').normalize('NFC').replace(/ß/g, 'ss');
}

/** The words of a normalized text; Chinese is segmented by ICU's dictionary. */
export function tokenize(normalized: string, locale: Locale): string[] {
  const words: string[] = [];
  for (const part of segmenterFor(locale).segment(normalized)) {
    if (part.isWordLike) words.push(part.segment);
  }
  return words;
}

const STEM_CACHE = new Map<string, string>();
/** Words repeat a lot, stemming is slow-ish; the cap keeps a long-running bot's memory bounded. */
const STEM_CACHE_LIMIT = 50_000;

/** A word's stem in the given language, accents removed. */
export function stem(word: string, locale: Locale): string {
  const key = `${locale}:${word}`;
  let stemmed = STEM_CACHE.get(key);
  if (stemmed === undefined) {
    if (STEM_CACHE.size >= STEM_CACHE_LIMIT) STEM_CACHE.clear();
    stemmed = stripAccents(STEMMERS[locale](word));
    STEM_CACHE.set(key, stemmed);
  }
  return stemmed;
}

export const HAN = /\p{Script=Han}/u;
export const HAN_RUN = /\p{Script=Han}+/gu;
