import type { Entity, EntityType } from '../types.js';
import type { Locale } from '../../i18n/locales.js';

export interface ExtractContext {
  /** The language the text is read in (dates, number words, month names). */
  locale: Locale;
  /** "Yesterday" is relative to this; its UTC calendar day is "today". */
  now: Date;
  /** Number words ("twenty") need the recognizers suite; off for the classifier's features. */
  numberWords?: boolean;
}

export type Extractor = (text: string, context: ExtractContext) => Entity[];

/** Lookarounds standing in for \b, which knows only ASCII letters. */
export const WORD_START = '(?<![\\p{L}\\p{N}_])';
export const WORD_END = '(?![\\p{L}\\p{N}_])';

export function entity(type: EntityType, text: string, start: number, value: string): Entity {
  return { type, text, start, end: start + text.length, value };
}

/** Every match of a global regex as an entity; `toValue` returning undefined drops the match. */
export function matchAll(
  text: string,
  pattern: RegExp,
  type: EntityType,
  toValue: (match: RegExpMatchArray) => string | undefined,
): Entity[] {
  const found: Entity[] = [];
  for (const match of text.matchAll(pattern)) {
    const value = toValue(match);
    if (value !== undefined && match.index !== undefined)
      found.push(entity(type, match[0], match.index, value));
  }
  return found;
}

/** Alternation of words for a RegExp source, longest first so that "settimane" wins over "settimana". */
export function alternatives(words: readonly string[]): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
}

function overlaps(a: Entity, b: Entity): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Keeps, group by group in priority order and longest first within a group, what does not overlap. */
export function resolveOverlaps(groups: readonly Entity[][]): Entity[] {
  const kept: Entity[] = [];
  for (const group of groups) {
    const longestFirst = [...group].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    for (const candidate of longestFirst) {
      if (!kept.some((k) => overlaps(k, candidate))) kept.push(candidate);
    }
  }
  return kept.sort((a, b) => a.start - b.start);
}
