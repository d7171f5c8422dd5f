import { foldAccents, normalizeReply } from './normalize.js';

// Answers accepted in every locale: users mix languages ("ok", "sì") and the recognizers suite has no
// Italian or Russian models and falls back to English silently, so we keep our own table.
const YES = [
  'yes', 'y', 'yeah', 'yep', 'yup', 'sure', 'ok', 'okay', 'of course', 'please', 'yes please', 'correct', 'right',
  'si', 'sì', 'certo', 'certamente', 'va bene', 'esatto', 'si grazie', 'sì grazie', 'volentieri', 'ovvio', 'giusto',
  'sim', 'claro', 'pode ser', 'com certeza', 'isso', 'isso mesmo', 'beleza', 'sim por favor', 'pode',
  'sí', 'vale', 'de acuerdo', 'por supuesto', 'sí por favor', 'si por favor', 'venga', 'exacto', 'correcto',
  'да', 'ага', 'угу', 'конечно', 'ок', 'хорошо', 'да пожалуйста', 'давай', 'давайте', 'верно', 'точно',
  'ja', 'jawohl', 'klar', 'gerne', 'ja bitte', 'genau', 'sicher', 'natürlich', 'richtig', 'passt',
  '是', '是的', '好', '好的', '对', '对的', '可以', '嗯', '行', '没错', '要', '需要', '有',
];
const NO = [
  'no', 'n', 'nope', 'nah', 'not really', 'no thanks', 'no thank you', 'wrong',
  'no grazie', 'non proprio', 'per niente', 'macché', 'assolutamente no', 'non',
  'não', 'nao', 'não obrigado', 'nao obrigado', 'não obrigada', 'de jeito nenhum', 'nem',
  'no gracias', 'para nada', 'en absoluto', 'qué va', 'tampoco',
  'нет', 'неа', 'не', 'нет спасибо', 'не надо', 'не нужно', 'ни в коем случае',
  'nein', 'nö', 'ne', 'nein danke', 'nicht wirklich', 'auf keinen fall', 'falsch',
  '不', '不是', '不是的', '没有', '否', '不用', '不要', '不需要', '不对', '算了',
];

const yesSet = new Set(YES.map((w) => foldAccents(normalizeReply(w))));
const noSet = new Set(NO.map((w) => foldAccents(normalizeReply(w))));

/**
 * Reads a yes/no answer in any of our languages, or the localized button labels given in `extra`.
 * Returns undefined when the reply is neither.
 */
export function parseYesNo(text: string, extra: { yes: string[]; no: string[] } = { yes: [], no: [] }): boolean | undefined {
  const reply = foldAccents(normalizeReply(text));
  if (!reply) return undefined;
  const is = (set: Set<string>, labels: string[]) =>
    set.has(reply) || labels.some((l) => foldAccents(normalizeReply(l)) === reply);
  if (is(yesSet, extra.yes)) return true;
  if (is(noSet, extra.no)) return false;
  // "yes, please do" / "нет, спасибо": judge by the first word when it is unambiguous.
  const first = reply.split(' ')[0] ?? '';
  if (yesSet.has(first) && !noSet.has(first)) return true;
  if (noSet.has(first) && !yesSet.has(first)) return false;
  return undefined;
}
