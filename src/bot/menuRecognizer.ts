import type { Resources } from '../i18n/i18n.js';
import { SUPPORTED_LOCALES, type Locale } from '../i18n/locales.js';
import { foldAccents, normalizeReply } from '../language/normalize.js';
import { detectLanguage } from '../language/detect.js';
import type { Intent, IntentRecognizer, Recognition } from '../nlu/types.js';
import { MENU } from './menu.js';

/** Single-word commands that work in any locale, whatever the menu says. */
const COMMANDS: Record<string, Intent> = Object.fromEntries(
  (
    [
      ['help', ['help', 'aiuto', 'ajuda', 'ayuda', 'hilfe', 'помощь', 'справка', '帮助', 'menu', 'menù', 'menú', 'меню', '菜单', '?']],
      ['cancel', ['cancel', 'stop', 'quit', 'annulla', 'basta', 'cancelar', 'parar', 'abbrechen', 'stopp', 'отмена', 'отменить', 'стоп', '取消', '算了']],
      ['greeting', ['hi', 'hello', 'hey', 'ciao', 'salve', 'buongiorno', 'olá', 'ola', 'oi', 'hola', 'buenas', 'hallo', 'guten tag', 'привет', 'здравствуйте', '你好', '您好']],
    ] as Array<[Intent, string[]]>
  ).flatMap(([intent, words]) => words.map((w) => [key(w), intent])),
);

function key(text: string): string {
  return foldAccents(normalizeReply(text)) || text.trim();
}

function exact(intent: Intent, language: Locale | undefined): Recognition {
  return { intent, score: 1, ranked: [{ intent, score: 1 }], entities: [], language, exact: true };
}

/**
 * Recognizes menu buttons (their labels in every locale) and one-word commands exactly. It is the
 * router's first stage; a statistical recognizer, when there is one, handles free text.
 */
export function createMenuRecognizer(resources: Resources, next?: IntentRecognizer): IntentRecognizer {
  const labels = new Map<string, Intent>();
  for (const lng of SUPPORTED_LOCALES) {
    const menu = (resources[lng]?.menu ?? {}) as Record<string, string>;
    const intents = (resources[lng]?.intent ?? {}) as Record<string, string>;
    for (const item of MENU) {
      const label = menu[item.key.replace('menu.', '')];
      if (label) labels.set(key(label), item.intent);
    }
    for (const [intent, label] of Object.entries(intents)) labels.set(key(label), intent as Intent);
  }
  return {
    recognize(text, locale, now) {
      const k = key(text);
      const intent = labels.get(k) ?? COMMANDS[k];
      if (intent) return exact(intent, detectLanguage(text)?.locale);
      if (next) return next.recognize(text, locale, now);
      return { intent: 'none', score: 0, ranked: [], entities: [], language: detectLanguage(text)?.locale };
    },
  };
}
