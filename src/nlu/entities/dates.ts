import * as chrono from 'chrono-node';
import { recognizeDateTime } from '@microsoft/recognizers-text-suite';
import type { Locale } from '../../i18n/locales.js';
import type { Entity } from '../types.js';
import { isoDate, utcDay } from './calendar.js';
import { extractRelativeDates } from './relative-dates.js';
import { entity, resolveOverlaps } from './span.js';

type ChronoParser = Pick<chrono.Chrono, 'parse'>;

/** chrono-node has a parser for each of our languages (its Spanish and Portuguese ones are thin). */
const CHRONO: Record<Locale, ChronoParser> = {
  'en-US': chrono.en.casual,
  'it-IT': chrono.it.casual,
  'pt-BR': chrono.pt.casual,
  'es-ES': chrono.es.casual,
  'ru-RU': chrono.ru.casual,
  'de-DE': chrono.de.casual,
  'zh-CN': chrono.zh.casual,
};

/**
 * chrono works in the server's local time; a local noon on `now`'s UTC calendar day makes its
 * answers the same in every time zone.
 */
function localReference(now: Date): Date {
  return new Date(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 12);
}

function chronoDates(text: string, locale: Locale, now: Date): Entity[] {
  const found: Entity[] = [];
  for (const result of CHRONO[locale].parse(text, localReference(now))) {
    const { start } = result;
    // A time alone ("at 10") is not a date the bot can use.
    const dated = start.isCertain('day') || start.isCertain('weekday') || start.isCertain('month');
    if (!dated) continue;
    const local = start.date();
    const day = start.isCertain('day') || start.isCertain('weekday') ? local.getDate() : 1;
    const value = isoDate(utcDay(local.getFullYear(), local.getMonth(), day));
    const leading = result.text.length - result.text.trimStart().length;
    found.push(entity('date', result.text.trim(), result.index + leading, value));
  }
  return found;
}

interface DateTimeValue {
  type?: string;
  value?: string;
  start?: string;
}

/** The recognizers suite's Chinese model reads what chrono's does not ("从上周开始", "3天前"). */
function chineseDates(text: string, now: Date): Entity[] {
  return recognizeDateTime(text, 'zh-cn', undefined, localReference(now)).flatMap((result) => {
    const values = (result.resolution as { values?: DateTimeValue[] } | undefined)?.values ?? [];
    const first = values[0];
    const day =
      first?.type === 'date' ? first.value : first?.type?.includes('range') ? first.start : undefined;
    if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return [];
    return [entity('date', text.slice(result.start, result.end + 1), result.start, day)];
  });
}

/** A bare number ("三十", "30") is a quantity, even where a parser reads it as "the 30th". */
const BARE_NUMBER = /^[\d零〇一二两三四五六七八九十百千]+$/u;

function notBareNumber(entity: Entity): boolean {
  return !BARE_NUMBER.test(entity.text);
}

/**
 * Dates and periods. The relative lexicon wins where it matches, so that "last week" means the
 * same in every language; chrono reads the rest, then (Chinese) the suite.
 */
export function extractDates(text: string, context: { locale: Locale; now: Date }): Entity[] {
  const { locale, now } = context;
  return resolveOverlaps([
    extractRelativeDates(text, locale, now),
    chronoDates(text, locale, now).filter(notBareNumber),
    locale === 'zh-CN' ? chineseDates(text, now).filter(notBareNumber) : [],
  ]);
}
