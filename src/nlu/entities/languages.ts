import type { Locale } from '../../i18n/locales.js';
import type { Entity } from '../types.js';
import { WORD_END, WORD_START, entity } from './span.js';

/**
 * How each of our languages is named in all of them (regex sources, case-insensitive). Han names
 * need no word boundaries ("请用中文" has none); the others must be whole words.
 */
const NAMES: Record<Locale, { words: string; han: string }> = {
  'en-US': { words: 'english|inglese|ingl[eêé]s|englisch|английск\\p{L}*|по-английски', han: '英语|英文' },
  'it-IT': {
    words: 'italian|italiano|italiana|italienisch|итальянск\\p{L}*|по-итальянски',
    han: '意大利语|意大利文|意语',
  },
  'pt-BR': {
    words: 'portuguese|portoghese|portugu[eêé]s|portugiesisch|португальск\\p{L}*|по-португальски',
    han: '葡萄牙语|葡萄牙文|葡语',
  },
  'es-ES': {
    words: 'spanish|spagnolo|espanhol|espa[ñn]ol|castellano|spanisch|испанск\\p{L}*|по-испански',
    han: '西班牙语|西班牙文',
  },
  'ru-RU': { words: 'russian|russo|russa|ruso|rusa|russisch|русск\\p{L}*|по-русски', han: '俄语|俄文' },
  'de-DE': { words: 'german|tedesco|alem[aã]o|alem[aá]n|deutsch|немецк\\p{L}*|по-немецки', han: '德语|德文' },
  'zh-CN': {
    words: 'chinese|mandarin|cinese|chin[eê]s|chino|chinesisch|китайск\\p{L}*|по-китайски',
    han: '中文|汉语|普通话|华语',
  },
};

const PATTERNS = (Object.entries(NAMES) as [Locale, { words: string; han: string }][]).map(([locale, n]) => ({
  locale,
  pattern: new RegExp(`${WORD_START}(?:${n.words})${WORD_END}|${n.han}`, 'giu'),
}));

/** Languages the text names, valued as our Locale: "parla in italiano" → 'it-IT'. */
export function extractLanguages(text: string): Entity[] {
  return PATTERNS.flatMap(({ locale, pattern }) =>
    [...text.matchAll(pattern)].flatMap((m) =>
      m.index === undefined ? [] : [entity('language', m[0], m.index, locale)],
    ),
  );
}
