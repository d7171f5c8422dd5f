/** Ticket ids and contact details: plain functions, no I/O. */

export const TICKET_ID_PREFIX = 'SR-';
const ID_DIGITS = 6;

/** 42 → 'SR-000042'; past 999,999 the id simply grows a digit. */
export function formatTicketId(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`Not a ticket number: ${n}`);
  return `${TICKET_ID_PREFIX}${String(n).padStart(ID_DIGITS, '0')}`;
}

/**
 * The number of a ticket id in any form a user types: 'SR-000042', 'sr42', 'SR 42', '#42', '42'.
 * Undefined when the text is not just an id.
 */
export function parseTicketNumber(text: string): number | undefined {
  const m = /^\s*(?:sr\s*[-#:]?\s*|#\s*|№\s*)?0*(\d{1,12})\s*$/iu.exec(text);
  if (!m?.[1]) return undefined;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) && n >= 1 ? n : undefined;
}

/** The canonical id of what the user typed, or undefined. */
export function normalizeTicketId(text: string): string | undefined {
  const n = parseTicketNumber(text);
  return n === undefined ? undefined : formatTicketId(n);
}

export type Checked = { ok: true; value: string } | { ok: false; reason: 'empty' | 'invalid' };

const EMAIL = /^[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}$/u;

export function checkEmail(text: string): Checked {
  const value = text.trim();
  if (!value) return { ok: false, reason: 'empty' };
  if (value.length > 254 || !EMAIL.test(value) || value.includes('..'))
    return { ok: false, reason: 'invalid' };
  return { ok: true, value: value.toLowerCase() };
}

/** A phone number with 7–15 digits, optionally '+', spaces, dashes, dots, parentheses: kept as '+digits' or 'digits'. */
export function checkPhone(text: string): Checked {
  const value = text.trim();
  if (!value) return { ok: false, reason: 'empty' };
  if (!/^\+?[\d\s().-]+$/.test(value)) return { ok: false, reason: 'invalid' };
  const digits = value.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return { ok: false, reason: 'invalid' };
  return {
    ok: true,
    value: value.startsWith('+') || value.startsWith('00') ? `+${digits.replace(/^00/, '')}` : digits,
  };
}

export type Contact = { kind: 'email' | 'phone'; value: string };

/** An email or a phone number, whichever the reply is. */
export function parseContact(text: string): Contact | undefined {
  const email = checkEmail(text);
  if (email.ok) return { kind: 'email', value: email.value };
  const phone = checkPhone(text);
  if (phone.ok) return { kind: 'phone', value: phone.value };
  return undefined;
}

/** 'YYYY-MM-DD' that is a real calendar day. */
export function parseIsoDate(text: string): string | undefined {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
    return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** Trims a text to `max` characters at a word boundary when there is one nearby. */
export function trimText(text: string, max: number): { text: string; trimmed: boolean } {
  const clean = text.trim();
  if (clean.length <= max) return { text: clean, trimmed: false };
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return { text: `${(space > max * 0.8 ? cut.slice(0, space) : cut).trimEnd()}…`, trimmed: true };
}
