import { eld } from 'eld/medium';
import { toSupportedLocale, type Locale, SUPPORTED_LOCALES } from '../i18n/locales.js';

// Restricting eld to our languages makes it choose among them only; the margin check below keeps
// text in a language we do not speak (or too short to tell) from being forced into one of ours.
eld.setLanguageSubset(SUPPORTED_LOCALES.map((l) => l.slice(0, 2)));

export interface DetectedLanguage {
  locale: Locale;
  /** 0..1, how far ahead of the runner-up the best language is. */
  confidence: number;
}

const HAN = /\p{Script=Han}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LETTERS = /\p{L}+/gu;

/**
 * The language a message is written in, or undefined when it cannot be told reliably: a one-word
 * "ok", a number or an id must not flip the conversation's language.
 */
export function detectLanguage(text: string): DetectedLanguage | undefined {
  const words = text.match(LETTERS) ?? [];
  const letters = words.join('');
  // Scripts decide on their own: Han is Chinese among our languages, Cyrillic is Russian.
  const han = [...letters].filter((c) => HAN.test(c)).length;
  if (han >= 2 && han / letters.length > 0.3) return { locale: 'zh-CN', confidence: 1 };
  const cyr = [...letters].filter((c) => CYRILLIC.test(c)).length;
  if (cyr >= 4 && cyr / letters.length > 0.5) return { locale: 'ru-RU', confidence: 1 };

  if (words.length < 2 || letters.length < 8) return undefined;
  const result = eld.detect(text);
  const scores = Object.entries(result.getScores()).sort((a, b) => b[1] - a[1]);
  const [best, second] = scores;
  if (!best) return undefined;
  const locale = toSupportedLocale(best[0]);
  if (!locale) return undefined;
  const margin = best[1] - (second?.[1] ?? 0);
  // Short texts need a clear lead; longer ones are reliable with a smaller one.
  const needed = words.length >= 4 ? 0.02 : 0.08;
  if (margin < needed) return undefined;
  return { locale, confidence: Math.min(1, margin * 5) };
}
