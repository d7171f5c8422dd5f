import type { Locale } from '../i18n/locales.js';
import { foldAccents, normalizeReply } from './normalize.js';

/** Names users give each language, in all our languages (folded, lower case). */
const NAMES: Record<Locale, string[]> = {
  'en-US': ['english', 'inglese', 'ingles', 'inglés', 'englisch', 'английский', 'английском', 'по-английски', 'по английски', '英语', '英文'],
  'it-IT': ['italian', 'italiano', 'italienisch', 'итальянский', 'итальянском', 'по-итальянски', 'по итальянски', '意大利语', '意大利文'],
  'pt-BR': ['portuguese', 'portugues', 'português', 'portoghese', 'portugiesisch', 'португальский', 'португальском', 'по-португальски', 'по португальски', '葡萄牙语', '葡萄牙文', 'brazilian portuguese', 'portugues do brasil'],
  'es-ES': ['spanish', 'espanol', 'español', 'spagnolo', 'espanhol', 'spanisch', 'испанский', 'испанском', 'по-испански', 'по испански', '西班牙语', '西班牙文', 'castellano'],
  'ru-RU': ['russian', 'russo', 'ruso', 'russisch', 'русский', 'русском', 'по-русски', 'по русски', '俄语', '俄文', 'русскому'],
  'de-DE': ['german', 'tedesco', 'alemao', 'alemão', 'aleman', 'alemán', 'deutsch', 'немецкий', 'немецком', 'по-немецки', 'по немецки', '德语', '德文'],
  'zh-CN': ['chinese', 'cinese', 'chines', 'chinês', 'chino', 'chinesisch', 'китайский', 'китайском', 'по-китайски', 'по китайски', '中文', '汉语', '普通话', '简体中文', '中文简体'],
};

/** Words that, with a language name, make a request to switch ("speak", "in", "parla", "请用"…). */
const CUES = [
  'speak', 'talk', 'answer', 'reply', 'write', 'in', 'switch', 'use', 'language', 'please', 'can you', 'change', 'to',
  'parla', 'parlami', 'rispondi', 'scrivi', 'lingua', 'passa', 'usa', 'per favore', 'puoi',
  'fale', 'fala', 'responda', 'escreva', 'idioma', 'lingua', 'em', 'mude', 'por favor', 'pode',
  'habla', 'hablame', 'háblame', 'responde', 'escribe', 'en', 'cambia', 'usa', 'puedes',
  'sprich', 'sprechen', 'antworte', 'antworten', 'schreib', 'sprache', 'auf', 'bitte', 'wechsel', 'wechseln', 'können sie', 'kannst du',
  'говори', 'говорите', 'отвечай', 'отвечайте', 'пиши', 'пишите', 'язык', 'на', 'пожалуйста', 'переключи', 'давай', 'можно',
  '请', '用', '说', '讲', '回答', '回复', '语言', '切换', '改成', '换成',
];
const cueSet = new Set(CUES.map((c) => foldAccents(c)));

const nameIndex: Array<[string, Locale]> = Object.entries(NAMES)
  .flatMap(([locale, names]) => names.map((n) => [foldAccents(n.toLowerCase()), locale as Locale] as [string, Locale]))
  .sort((a, b) => b[0].length - a[0].length);

export type LanguageRequest = { kind: 'switch'; locale: Locale } | { kind: 'ask' };

/**
 * An explicit request to change the reply language: "parla in italiano", "по-русски", "请用中文",
 * a language picked from the menu ("Deutsch"), or a bare "change language" (→ ask which one).
 * Long messages that merely mention a language are not requests.
 */
export function parseLanguageRequest(text: string, askPhrases: readonly string[] = []): LanguageRequest | undefined {
  const reply = foldAccents(normalizeReply(text.replace(/по-/g, 'по ')));
  if (!reply || reply.length > 60) return undefined;
  if (askPhrases.some((p) => foldAccents(normalizeReply(p)) === reply)) return { kind: 'ask' };
  const hasHan = /\p{Script=Han}/u.test(reply);
  const words = reply.split(' ');
  if (!hasHan && words.length > 6) return undefined;
  for (const [name, locale] of nameIndex) {
    const n = foldAccents(normalizeReply(name.replace(/по-/g, 'по ')));
    const at = hasHan ? reply.indexOf(n) : ` ${reply} `.indexOf(` ${n} `);
    if (at < 0) continue;
    const rest = (hasHan ? reply.replace(n, ' ') : ` ${reply} `.replace(` ${n} `, ' ')).trim();
    if (!rest) return { kind: 'switch', locale };
    const restWords = hasHan ? [...rest.replace(/\s+/g, '')] : rest.split(' ');
    const restText = rest.replace(/\s+/g, hasHan ? '' : ' ');
    const cueHits = hasHan
      ? [...cueSet].filter((c) => restText.includes(c)).reduce((len, c) => len + c.length, 0)
      : restWords.filter((w) => cueSet.has(w)).length + [...cueSet].filter((c) => c.includes(' ') && restText.includes(c)).length;
    // Most of what is left must be request words: "parla in italiano" yes, "il cliente è italiano" no.
    if (cueHits > 0 && cueHits >= Math.ceil(restWords.length / 2)) return { kind: 'switch', locale };
  }
  return undefined;
}
