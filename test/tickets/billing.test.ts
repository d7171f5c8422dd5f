import { describe, expect, it } from 'vitest';
import { readAmount, readBillingPeriod, readInvoiceNumber } from '../../src/tickets/billing.js';
import type { Locale } from '../../src/i18n/locales.js';

const NOW = new Date('2026-03-18T09:00:00Z');

describe('billing details', () => {
  it.each<[Locale, string, string | undefined]>([
    ['en-US', 'G012345678', 'G012345678'],
    ['en-US', 'invoice 12345678', '12345678'],
    ['it-IT', 'fattura G000123456', 'G000123456'],
    ['en-US', '12345678', '12345678'],
    ['en-US', 'no idea', undefined],
  ])('%s invoice %j', (locale, text, expected) =>
    expect(readInvoiceNumber(text, locale, NOW)).toBe(expected),
  );

  it.each<[Locale, string, string | undefined]>([
    ['en-US', 'March 2026', '2026-03'],
    ['it-IT', 'marzo 2026', '2026-03'],
    ['ru-RU', 'март 2026', '2026-03'],
    ['zh-CN', '2026年3月', '2026-03'],
    ['de-DE', '2026-02', '2026-02'],
    ['pt-BR', '02/2026', '2026-02'],
    ['en-US', 'whenever', undefined],
  ])('%s period %j', (locale, text, expected) => expect(readBillingPeriod(text, locale, NOW)).toBe(expected));

  it.each<[Locale, string]>([
    ['en-US', '1,250.00 CNY'],
    ['zh-CN', '1250元'],
    ['it-IT', '1.250,00 CNY'],
  ])('%s amount %j', (locale, text) => expect(readAmount(text, locale, NOW)).toMatch(/^1250(\.00?)? CNY$/));
});
