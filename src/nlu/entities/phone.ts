import type { Locale } from '../../i18n/locales.js';
import type { Entity } from '../types.js';
import { entity } from './span.js';

interface Dialing {
  countryCode: string;
  /** The national trunk prefix dropped when dialing from abroad; Italy keeps its leading 0. */
  trunk: string;
}

const DIALING: Record<Locale, Dialing> = {
  'en-US': { countryCode: '1', trunk: '1' },
  'it-IT': { countryCode: '39', trunk: '' },
  'pt-BR': { countryCode: '55', trunk: '0' },
  'es-ES': { countryCode: '34', trunk: '' },
  'ru-RU': { countryCode: '7', trunk: '8' },
  'de-DE': { countryCode: '49', trunk: '0' },
  'zh-CN': { countryCode: '86', trunk: '0' },
};

/** Digits in groups separated by spaces, dots, dashes or parentheses, optionally after + or 00. */
const CANDIDATE = /(?<![\p{L}\p{N}#.,/-])(?:\+|00)?\(?\d[\d\s().-]{5,20}\d(?![\p{L}\p{N}]|[.,]\d)/gu;
const CHINA_MOBILE = /^1[3-9]\d{9}$/;

/**
 * A phone number, normalized to '+' and digits. A bare run of digits is a phone only when it is long
 * enough or written in groups, so that amounts and ids are not taken for phones.
 */
export function normalizePhone(raw: string, locale: Locale): string | undefined {
  const digits = raw.replace(/\D/g, '');
  const international = raw.startsWith('+') || raw.startsWith('00');
  const grouped = /\d[\s().-]+\d/.test(raw);
  if (digits.length < 7 || digits.length > 15) return undefined;
  if (international) return `+${raw.startsWith('00') ? digits.slice(2) : digits}`;
  if (!grouped && digits.length < 10) return undefined;
  if (CHINA_MOBILE.test(digits)) return `+86${digits}`;
  const { countryCode, trunk } = DIALING[locale];
  const national = trunk && digits.startsWith(trunk) ? digits.slice(trunk.length) : digits;
  return `+${countryCode}${national}`;
}

/** Date-like groups (2026-03-18, 18.03.2026) are not phone numbers. */
const DATE_LIKE = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/;

export function extractPhones(text: string, context: { locale: Locale }): Entity[] {
  const found: Entity[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const raw = match[0].trim();
    if (DATE_LIKE.test(raw) || match.index === undefined) continue;
    const value = normalizePhone(raw, context.locale);
    if (value) found.push(entity('phone', raw, match.index, value));
  }
  return found;
}
