import type { Entity } from '../types.js';
import { WORD_END, WORD_START, alternatives, entity } from './span.js';

/** Words after which a customer's name follows ("for customer Rossi", "для клиента Ромашка"). */
const KEYWORDS = [
  'customer',
  'customers',
  'client',
  'tenant',
  'on behalf of',
  'company',
  'organization',
  'cliente',
  'per conto di',
  'per conto del',
  'per conto della',
  'da parte di',
  'azienda',
  'società',
  'em nome de',
  'em nome do',
  'em nome da',
  'empresa',
  'en nombre de',
  'en nombre del',
  'kunde',
  'kunden',
  'kundin',
  'im namen von',
  'im auftrag von',
  'firma',
  'mandant',
  'mandanten',
  'a nome di',
  'a nome del',
  'a nome della',
  'in nome di',
  'em nome de',
  'de parte de',
  'клиент',
  'клиента',
  'клиенту',
  'клиентом',
  'клиенте',
  'от имени',
  'компания',
  'компании',
  'компанию',
  'организации',
];
/** Articles and possessives that may sit between the keyword and the name. */
const FILLERS = [
  'the',
  'my',
  'our',
  'il',
  'la',
  'lo',
  'o',
  'a',
  'el',
  'der',
  'die',
  'den',
  'dem',
  'des',
  'unser',
  'unseren',
  'unserem',
];

const LEGAL_SUFFIX =
  '(?:GmbH|AG|KG|S\\.?p\\.?A\\.?|S\\.?r\\.?l\\.?|srl|spa|Ltd\\.?|LLC|Inc\\.?|Co\\.?|SA|S\\.A\\.|SL|S\\.L\\.|Ltda\\.?|ООО|АО)';
const CAPITALIZED = "[\\p{Lu}][\\p{L}\\p{N}&'’-]*";
const NAME = [
  '["“„«‘]([^"”“»’\\n]{2,60})["”“»’]',
  '([\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.[a-z]{2,})',
  `((?:(?:ООО|АО|ЗАО|ПАО|ИП)\\s+)?${CAPITALIZED}(?:\\s+(?:${CAPITALIZED}|${LEGAL_SUFFIX}|&))*)`,
].join('|');

/** Keywords in lower case and capitalized: the name's capital letter must stay case-sensitive. */
function anyCase(words: readonly string[]): string {
  return alternatives(words.flatMap((w) => [w, w.charAt(0).toUpperCase() + w.slice(1)]));
}

const AFTER_KEYWORD = new RegExp(
  `${WORD_START}(?:${anyCase(KEYWORDS)})${WORD_END}\\s*[:,]?\\s*(?:(?:${anyCase(FILLERS)})\\s+)?(?:${NAME})`,
  'gu',
);

/** "客户 北京某某公司", "客户：上海某某科技有限公司", "为客户Contoso". */
const CHINESE =
  /(?:客户|公司|租户)\s*[:：]?\s*((?:[\p{Script=Han}A-Za-z0-9]{1,20}(?:有限公司|公司|集团|科技|银行|大学|医院))|[A-Za-z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*|(?<=\s)[\p{Script=Han}]{2,12}(?=[\s，。,.!?！？]|$))/gu;

/** Domains anywhere, except our own services' hosts. */
const DOMAIN = new RegExp(
  `${WORD_START}(?<!@)((?:[a-z0-9-]+\\.)+(?:cn|com|net|org|io|de|it|ru|br|es|eu|co|info|biz))${WORD_END}(?!@)`,
  'giu',
);
const SERVICE_HOSTS =
  /(?:microsoft|azure|21vianet|windowsazure|chinacloudapi|office|live|outlook|onmicrosoft\.com$)/i;

/** Not names: words that start a sentence or a clause after the keyword. */
const NOT_NAMES = new Set([
  'I',
  'Ich',
  'Io',
  'Eu',
  'Yo',
  'Я',
  'Non',
  'Não',
  'No',
  'Nicht',
  'Не',
  'The',
  'Il',
  'La',
  'Der',
  'Die',
  'Das',
]);

function nameFrom(match: RegExpMatchArray): { text: string; offset: number } | undefined {
  const name = match.slice(1).find((g) => g !== undefined);
  if (name === undefined || match.index === undefined) return undefined;
  const trimmed = name.replace(/[.,;:!?]+$/u, '');
  if (NOT_NAMES.has(trimmed) || trimmed.length < 2) return undefined;
  return { text: trimmed, offset: match.index + match[0].lastIndexOf(name) };
}

/** Best effort: the customer's name or domain the user mentions, as written. */
export function extractCustomers(text: string): Entity[] {
  const found: Entity[] = [];
  for (const match of [...text.matchAll(AFTER_KEYWORD), ...text.matchAll(CHINESE)]) {
    const name = nameFrom(match);
    if (name) found.push(entity('customer', name.text, name.offset, name.text));
  }
  for (const match of text.matchAll(DOMAIN)) {
    const domain = match[1];
    if (domain && match.index !== undefined && !SERVICE_HOSTS.test(domain)) {
      found.push(entity('customer', domain, match.index, domain));
    }
  }
  return found;
}
