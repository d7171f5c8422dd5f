import type { Locale } from '../i18n/locales.js';
import type { Entity } from './types.js';
import { extractAmounts } from './entities/amounts.js';
import { extractCustomers } from './entities/customer.js';
import { extractDates } from './entities/dates.js';
import { extractEmails, extractGuids, extractInvoiceNumbers, extractTicketIds } from './entities/ids.js';
import { extractLanguages } from './entities/languages.js';
import { extractNumbers } from './entities/numbers.js';
import { extractBillingPeriods } from './entities/periods.js';
import { extractPhones } from './entities/phone.js';
import { resolveOverlaps, type ExtractContext, type Extractor } from './entities/span.js';

export type { ExtractContext } from './entities/span.js';
export { formatTicketId } from './entities/ids.js';
export { parseLocalizedNumber } from './entities/numbers.js';
export { normalizePhone } from './entities/phone.js';
export { resolveOverlaps } from './entities/span.js';

/**
 * Most specific first: where two kinds claim the same characters, the earlier one keeps them
 * (an email's domain is not a customer domain, a ticket's digits are not a number).
 */
const EXTRACTORS: readonly Extractor[] = [
  extractEmails,
  extractGuids,
  extractInvoiceNumbers,
  extractTicketIds,
  extractAmounts,
  extractPhones,
  extractBillingPeriods,
  extractDates,
  extractLanguages,
  extractCustomers,
  extractNumbers,
];

/** Every entity in the text, in reading order. Pure: `now` anchors relative dates. */
export function extractEntities(text: string, context: ExtractContext): Entity[] {
  return resolveOverlaps(EXTRACTORS.map((extract) => extract(text, context)));
}

/**
 * The entities the intent classifier masks, found cheaply: dates (chrono is the slowest extractor,
 * and date words are kept as words anyway) and number words are left out. Training and recognizing
 * both use this, so that the classifier sees the same input in both.
 */
export function extractMaskableEntities(text: string, locale: Locale): Entity[] {
  const context: ExtractContext = { locale, now: new Date(0), numberWords: false };
  return resolveOverlaps(
    EXTRACTORS.filter((e) => e !== extractDates).map((extract) => extract(text, context)),
  );
}

/**
 * chrono-node and the recognizers suite build their models on first use, up to a few seconds for
 * all locales; calling this at start-up (after training, off the request path) spares the first user.
 */
export function warmUpEntityExtractors(locales: readonly Locale[]): void {
  for (const locale of locales)
    extractEntities('2 days ago, 3 March 2026, twenty', { locale, now: new Date(0) });
}
