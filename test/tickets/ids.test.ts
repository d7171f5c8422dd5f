import { describe, expect, it } from 'vitest';
import {
  checkEmail,
  checkPhone,
  formatTicketId,
  normalizeTicketId,
  parseContact,
  parseIsoDate,
  trimText,
} from '../../src/tickets/ids.js';

describe('ticket ids', () => {
  it.each([
    [1, 'SR-000001'],
    [42, 'SR-000042'],
    [999_999, 'SR-999999'],
    [1_234_567, 'SR-1234567'],
  ])('formats %d as %s', (n, id) => expect(formatTicketId(n)).toBe(id));

  it.each([0, -1, 1.5])('refuses %d', (n) => expect(() => formatTicketId(n)).toThrow(RangeError));

  it.each([
    ['SR-000042', 'SR-000042'],
    ['sr42', 'SR-000042'],
    ['SR 42', 'SR-000042'],
    ['sr#42', 'SR-000042'],
    ['#42', 'SR-000042'],
    ['  42 ', 'SR-000042'],
    ['№ 7', 'SR-000007'],
    ['000', undefined],
    ['SR-', undefined],
    ['my ticket', undefined],
    ['42 43', undefined],
  ])('reads %j as %s', (text, id) => expect(normalizeTicketId(text)).toBe(id));
});

describe('contact details', () => {
  it.each([
    ['Ada@Example.com', { ok: true, value: 'ada@example.com' }],
    ['  li.wei@contoso.cn ', { ok: true, value: 'li.wei@contoso.cn' }],
    ['ada@example', { ok: false, reason: 'invalid' }],
    ['ada.example.com', { ok: false, reason: 'invalid' }],
    ['a..b@example.com', { ok: false, reason: 'invalid' }],
    ['', { ok: false, reason: 'empty' }],
  ])('email %j', (text, expected) => expect(checkEmail(text)).toEqual(expected));

  it.each([
    ['+86 10 1234 5678', { ok: true, value: '+861012345678' }],
    ['0039 02 1234567', { ok: true, value: '+39021234567' }],
    ['(555) 123-4567', { ok: true, value: '5551234567' }],
    ['12345', { ok: false, reason: 'invalid' }],
    ['call me', { ok: false, reason: 'invalid' }],
    ['   ', { ok: false, reason: 'empty' }],
  ])('phone %j', (text, expected) => expect(checkPhone(text)).toEqual(expected));

  it.each([
    ['ada@example.com', { kind: 'email', value: 'ada@example.com' }],
    ['+7 495 123-45-67', { kind: 'phone', value: '+74951234567' }],
    ['tomorrow', undefined],
  ])('contact %j', (text, expected) => expect(parseContact(text)).toEqual(expected));
});

describe('dates and text', () => {
  it.each([
    ['2026-03-18', '2026-03-18'],
    ['2026-02-30', undefined],
    ['18/03/2026', undefined],
  ])('ISO date %j', (text, expected) => expect(parseIsoDate(text)).toBe(expected));

  it('trims an over-long text at a word boundary', () => {
    const result = trimText(`${'word '.repeat(50)}end`, 100);
    expect(result.trimmed).toBe(true);
    expect(result.text.length).toBeLessThanOrEqual(100);
    expect(result.text.endsWith('…')).toBe(true);
  });

  it('keeps a short text', () => expect(trimText(' short ', 100)).toEqual({ text: 'short', trimmed: false }));
});
