import { extractEntities } from '../nlu/entities.js';
import type { Locale } from '../i18n/locales.js';

/** Billing details read from a reply in the user's language: pure, `now` anchors relative dates. */

export function readInvoiceNumber(text: string, locale: Locale, now: Date): string | undefined {
  const found = extractEntities(text, { locale, now }).find((e) => e.type === 'invoice_number')?.value;
  if (found) return found;
  const bare = /^\s*#?\s*([a-z]{0,3}\d{4,20})\s*$/iu.exec(text);
  return bare?.[1]?.toUpperCase();
}

/** A month and a year → 'YYYY-MM' ("March 2026", "marzo 2026", "март 2026", "2026年3月", "2026-03", "03/2026"). */
export function readBillingPeriod(text: string, locale: Locale, now: Date): string | undefined {
  const entities = extractEntities(text, { locale, now });
  const period = entities.find((e) => e.type === 'billing_period')?.value;
  if (period) return period;
  const iso = /^\s*(\d{4})-(0[1-9]|1[0-2])\s*$/.exec(text) ?? null;
  if (iso) return `${iso[1]}-${iso[2]}`;
  const numeric = /^\s*(0?[1-9]|1[0-2])[/.](\d{4})\s*$/.exec(text);
  if (numeric?.[1] && numeric[2]) return `${numeric[2]}-${numeric[1].padStart(2, '0')}`;
  const date = entities.find((e) => e.type === 'date')?.value;
  return date?.slice(0, 7);
}

/** An amount with its currency → '123.45 CNY'. */
export function readAmount(text: string, locale: Locale, now: Date): string | undefined {
  return extractEntities(text, { locale, now }).find((e) => e.type === 'amount')?.value;
}
