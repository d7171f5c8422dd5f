import type { Entity } from '../types.js';
import { WORD_END, WORD_START, entity } from './span.js';

/** Month names in our languages, as regex sources matched case-insensitively; index = month - 1. */
const MONTHS: readonly string[] = [
  'jan(?:uary|uar)?|gennaio|janeiro|enero|jänner|январ\\p{L}*',
  'feb(?:ruary|ruar)?|febbraio|fevereiro|febrero|феврал\\p{L}*',
  'mar(?:ch)?|marzo|março|marco|märz|maerz|март\\p{L}*',
  'apr(?:il)?|aprile|abril|апрел\\p{L}*',
  'may|maggio|maio|mayo|mai|ма[йяе]',
  'jun(?:e|i)?|giugno|junho|junio|июн\\p{L}*',
  'jul(?:y|i)?|luglio|julho|julio|июл\\p{L}*',
  'aug(?:ust)?|agosto|август\\p{L}*',
  'sep(?:t|tember)?|settembre|setembro|septiembre|setiembre|сентябр\\p{L}*',
  'oct(?:ober)?|okt(?:ober)?|ottobre|outubro|octubre|октябр\\p{L}*',
  'nov(?:ember)?|novembre|novembro|noviembre|ноябр\\p{L}*',
  'dec(?:ember)?|dez(?:ember)?|dicembre|dezembro|diciembre|декабр\\p{L}*',
];

const MONTH_NAME = new RegExp(
  `${WORD_START}(${MONTHS.map((m) => `(?:${m})`).join('|')})\\.?(?:\\s+(?:de|del|of|di|dell'|года?)|,)?\\s*((?:19|20)\\d{2})${WORD_END}`,
  'giu',
);
const NUMERIC = new RegExp(
  `${WORD_START}(?:((?:19|20)\\d{2})[-/.](0?[1-9]|1[0-2])|(0?[1-9]|1[0-2])[/.]((?:19|20)\\d{2}))${WORD_END}`,
  'gu',
);
const CHINESE = /((?:19|20)\d{2})\s*年\s*(0?[1-9]|1[0-2])\s*月(?!\s*\d|份?\s*\d+\s*[日号])/gu;

function monthIndex(name: string): number | undefined {
  const index = MONTHS.findIndex((m) => new RegExp(`^(?:${m})$`, 'iu').test(name));
  return index < 0 ? undefined : index + 1;
}

function period(year: string | undefined, month: number | string | undefined): string | undefined {
  const m = Number(month);
  return year && m >= 1 && m <= 12 ? `${year}-${String(m).padStart(2, '0')}` : undefined;
}

/** "marzo 2026", "März 2026", "2026年3月", "март 2026", "03/2026" → '2026-03'. */
export function extractBillingPeriods(text: string): Entity[] {
  const found: Entity[] = [];
  const push = (match: RegExpMatchArray, value: string | undefined): void => {
    if (value && match.index !== undefined)
      found.push(entity('billing_period', match[0], match.index, value));
  };
  for (const m of text.matchAll(MONTH_NAME)) push(m, period(m[2], monthIndex(m[1] ?? '')));
  for (const m of text.matchAll(NUMERIC)) push(m, period(m[1] ?? m[4], m[2] ?? m[3]));
  for (const m of text.matchAll(CHINESE)) push(m, period(m[1], m[2]));
  return found;
}
