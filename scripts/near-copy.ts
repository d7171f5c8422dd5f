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
  const x = shingles(a, locale);
  const y = shingles(b, locale);
  const common = [...x].filter((w) => y.has(w)).length;
  return common / Math.max(1, new Set([...x, ...y]).size) >= 0.5;
}
