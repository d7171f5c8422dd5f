import { recognizeNumber } from '@microsoft/recognizers-text-suite';
import type { Locale } from '../../i18n/locales.js';
import type { Entity } from '../types.js';
import { entity, matchAll } from './span.js';

/**
 * Parses a number as people write it in any of our locales: "1,234.50", "1.234,50", "1 234,5", "3,5".
 * A separator followed by exactly three digits groups thousands; otherwise the last one is decimal.
 */
export function parseLocalizedNumber(raw: string): number | undefined {
  const compact = raw.replace(/[\s\u00a0\u202f']/g, '');
  if (!/^\d[\d.,]*$/.test(compact)) return undefined;
  const lastSeparator = Math.max(compact.lastIndexOf('.'), compact.lastIndexOf(','));
  if (lastSeparator < 0) return Number(compact);
  const decimals = compact.length - lastSeparator - 1;
  const separators = compact.replace(/\d/g, '');
  const mixed = separators.includes('.') && separators.includes(',');
  const isDecimal = mixed || (decimals !== 3 && separators.length === 1);
  const whole = (isDecimal ? compact.slice(0, lastSeparator) : compact).replace(/[.,]/g, '');
  const fraction = isDecimal ? compact.slice(lastSeparator + 1) : '';
  const value = Number(fraction ? `${whole}.${fraction}` : whole);
  return Number.isFinite(value) ? value : undefined;
}

export const NUMBER_SOURCE = '\\d{1,3}(?:[.,\\s\\u00a0]\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?';
const DIGITS = new RegExp(`(?<![\\p{L}\\p{N}.,])(?:${NUMBER_SOURCE})(?![\\p{L}\\p{N}]|[.,]\\d)`, 'gu');

/** The recognizers suite reads number words in these; Italian, Russian and German digits only. */
const NUMBER_WORD_CULTURES: Partial<Record<Locale, string>> = {
  'en-US': 'en-us',
  'es-ES': 'es-es',
  'pt-BR': 'pt-br',
  'zh-CN': 'zh-cn',
};
/** Indefinite articles the suite reads as "1". */
const ARTICLES = new Set(['a', 'an', 'un', 'una', 'um', 'uma', 'uno']);

function numberWords(text: string, locale: Locale): Entity[] {
  const culture = NUMBER_WORD_CULTURES[locale];
  if (!culture) return [];
  return recognizeNumber(text, culture).flatMap((result) => {
    const resolution = result.resolution as { value?: unknown } | undefined;
    const value = resolution?.value;
    if (typeof value !== 'string' || /\d/.test(result.text) || ARTICLES.has(result.text.toLowerCase()))
      return [];
    return [entity('number', text.slice(result.start, result.end + 1), result.start, value)];
  });
}

export function extractNumbers(text: string, context: { locale: Locale; numberWords?: boolean }): Entity[] {
  const digits = matchAll(text, DIGITS, 'number', (m) => {
    const value = parseLocalizedNumber(m[0]);
    return value === undefined ? undefined : String(value);
  });
  return context.numberWords === false ? digits : [...digits, ...numberWords(text, context.locale)];
}
