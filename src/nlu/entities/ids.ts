import type { Entity } from '../types.js';
import { WORD_END, WORD_START, alternatives, matchAll } from './span.js';

const TICKET_WORDS = [
  // en
  'ticket',
  'tickets',
  'case',
  'request',
  'service request',
  'support request',
  'incident',
  'sr',
  // it
  'richiesta',
  'segnalazione',
  'caso',
  'pratica',
  'ticket n',
  // pt
  'chamado',
  'solicitação',
  'solicitacao',
  'protocolo',
  'caso',
  // es
  'solicitud',
  'incidencia',
  'incidente',
  'petición',
  'peticion',
  // de
  'anfrage',
  'supportanfrage',
  'vorgang',
  'serviceanfrage',
  // ru
  'тикет',
  'тикета',
  'тикету',
  'тикетом',
  'тикете',
  'заявка',
  'заявки',
  'заявку',
  'заявке',
  'заявкой',
  'обращение',
  'обращения',
  'обращению',
  'обращении',
  'обращением',
  'инцидент',
  'запрос',
  'запроса',
];
const NUMBER_MARK = '(?:n\\.?|no\\.?|nr\\.?|nº|n°|№|#|number|numero|número|nummer|номер|:)?';

/** "SR-000123", "SR123", "sr 42", "SR#42". */
const SR_ID = new RegExp(`${WORD_START}sr[\\s#-]?(\\d{1,16})${WORD_END}`, 'giu');
/** "ticket 42", "заявка №42", "caso n. 42", "Anfrage Nr. 42". */
const WORD_ID = new RegExp(
  `${WORD_START}(?:${alternatives(TICKET_WORDS)})\\s*${NUMBER_MARK}\\s*(?:sr-?)?(\\d{1,16})${WORD_END}`,
  'giu',
);
/** "工单42", "工单号：42", "请求 #42", "42号工单". */
const ZH_ID = /(?:工单|服务请求|支持请求|请求|案例)(?:编?号)?\s*[:：#]?\s*(\d{1,16})|(\d{1,16})\s*号工单/gu;
/** "#123" alone. */
const HASH_ID = new RegExp(`(?<![\\p{L}\\p{N}&])#\\s?(\\d{1,16})${WORD_END}`, 'gu');

export function formatTicketId(digits: string): string {
  const trimmed = digits.replace(/^0+(?=\d)/, '');
  return `SR-${trimmed.padStart(6, '0')}`;
}

function ticketValue(match: RegExpMatchArray): string | undefined {
  const digits = match.slice(1).find((g) => g !== undefined);
  return digits === undefined ? undefined : formatTicketId(digits);
}

export function extractTicketIds(text: string): Entity[] {
  return [SR_ID, WORD_ID, ZH_ID, HASH_ID].flatMap((p) => matchAll(text, p, 'ticket_id', ticketValue));
}

/** ASCII addresses: a Chinese sentence runs into the address without a space ("邮箱是a@b.cn"). */
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

export function extractEmails(text: string): Entity[] {
  return matchAll(text, EMAIL, 'email', (m) => m[0].toLowerCase());
}

const GUID = /\{?\b([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b\}?/giu;

export function extractGuids(text: string): Entity[] {
  return matchAll(text, GUID, 'guid', (m) => m[1]?.toLowerCase());
}

const INVOICE_WORDS = [
  'invoice',
  'bill',
  'fattura',
  'fatture',
  'fatura',
  'nota fiscal',
  'factura',
  'rechnung',
  'rechnungsnummer',
  'счет',
  'счёт',
  'счета',
  'счёта',
  'счет-фактура',
  'счёт-фактура',
  'счету',
  'счёту',
  'инвойс',
];
/** An invoice id has at least four digits, optionally after a letter prefix: "G012345678", "12345". */
const INVOICE_ID = '([A-Za-z]{0,3}-?\\d{4,16})';
const WORD_INVOICE = new RegExp(
  `${WORD_START}(?:${alternatives(INVOICE_WORDS)})\\s*${NUMBER_MARK}\\s*${INVOICE_ID}${WORD_END}`,
  'giu',
);
const ZH_INVOICE = /(?:发票|账单)(?:编?号|号码)?\s*[:：#]?\s*([A-Za-z]{0,3}\d{4,16})/gu;
/** Partner Center invoice ids look like G012345678 even without the word "invoice". */
const BARE_INVOICE = new RegExp(`${WORD_START}(G\\d{9})${WORD_END}`, 'gu');

export function extractInvoiceNumbers(text: string): Entity[] {
  return [WORD_INVOICE, ZH_INVOICE, BARE_INVOICE].flatMap((p) =>
    matchAll(text, p, 'invoice_number', (m) => m[1]?.toUpperCase()),
  );
}
