import type { Locale } from '../src/i18n/locales.js';

/** Words (or, for Chinese, character pairs) of a question, to compare questions by overlap. */
export function shingles(text: string, locale: Locale): Set<string> {
  const lower = text.toLowerCase();
  if (locale === 'zh-CN') return new Set(Array.from({ length: Math.max(0, lower.length - 1) }, (_, i) => lower.slice(i, i + 2)));
  return new Set(lower.match(/[\p{L}\p{N}]+/gu) ?? []);
}

/**
 * Two questions nearly repeat each other when half their words (Jaccard ≥ 0.5) are the same. An
 * eval line nearly repeated by an article's alternate question measures recall of that line, not how
 * the article serves questions it was not written for.
 */
export function nearlyRepeats(a: string, b: string, locale: Locale): boolean {
  return jaccard(shingles(a, locale), shingles(b, locale)) >= 0.5;
}

/** The first of `texts` that `text` nearly repeats, with the texts' shingles computed once. */
export function nearRepeatFinder<T extends { text: string }>(
  texts: readonly T[],
  locale: Locale,
): (text: string) => T | undefined {
  const known = texts.map((t) => ({ t, words: shingles(t.text, locale) }));
  return (text) => {
    const words = shingles(text, locale);
    return known.find((k) => jaccard(k.words, words) >= 0.5)?.t;
  };
}

function jaccard(x: ReadonlySet<string>, y: ReadonlySet<string>): number {
  let common = 0;
  for (const w of x) if (y.has(w)) common++;
  return common / Math.max(1, x.size + y.size - common);
}
