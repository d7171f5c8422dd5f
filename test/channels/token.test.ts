import { describe, it, expect } from 'vitest';
import { bearer, signToken, verifyToken, type TokenClaims } from '../../src/channels/directline/token.js';

const SECRET = 'a-secret-that-is-long-enough-0123456789';
const claims: TokenClaims = { kind: 'conversation', conversationId: 'c1', userId: 'dl_u', issuedAt: 1000, expiresAt: 2800 };

describe('Direct Line tokens', () => {
  it('round-trips the claims', () => {
    expect(verifyToken(signToken(claims, SECRET), SECRET, 1500, 'conversation')).toEqual({ ok: true, value: claims });
  });

  it('carries the page locale when there is one', () => {
    const withLocale = { ...claims, locale: 'pt-BR' };
    expect(verifyToken(signToken(withLocale, SECRET), SECRET, 1500, 'conversation')).toEqual({ ok: true, value: withLocale });
  });

  const good = signToken(claims, SECRET);
  const [h, p, s] = good.split('.') as [string, string, string];
  const forgedPayload = Buffer.from(JSON.stringify({ iss: 'partner-helpdesk/directline', knd: 'conversation', conv: 'other', user: 'x', iat: 1, exp: 9e9 })).toString('base64url');
  const noneHeader = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');

  it.each([
    ['expired', good, 2800, 'conversation', 'expired'],
    ['another secret', signToken(claims, 'another-secret-another-secret-0000000'), 1500, 'conversation', 'badSignature'],
    ['a changed payload', `${h}.${forgedPayload}.${s}`, 1500, 'conversation', 'badSignature'],
    ['alg none', `${noneHeader}.${p}.`, 1500, 'conversation', 'malformed'],
    ['two parts', `${h}.${p}`, 1500, 'conversation', 'malformed'],
    ['garbage', 'not-a-token', 1500, 'conversation', 'malformed'],
    ['a conversation token used as a stream token', good, 1500, 'stream', 'wrongKind'],
  ] as const)('refuses %s', (_name, token, now, kind, reason) => {
    expect(verifyToken(token, SECRET, now, kind)).toEqual({ ok: false, reason });
  });

  it.each([
    ['Bearer abc', 'abc'],
    ['bearer  abc ', 'abc'],
    ['Basic abc', undefined],
    [undefined, undefined],
  ])('reads the bearer of %s', (header, token) => {
    expect(bearer(header)).toBe(token);
  });
});
