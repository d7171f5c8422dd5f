import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Direct Line tokens: compact HS256 JWTs signed with the Direct Line secret. A JWT (rather than an
 * opaque string) because Web Chat reads the `user` claim to pick the user id, as it does with Azure's.
 */
export type TokenKind = 'conversation' | 'stream';

export interface TokenClaims {
  /** 'conversation' grants the REST API for one conversation; 'stream' only opens its WebSocket. */
  kind: TokenKind;
  conversationId: string;
  userId: string;
  /** The page's language when it asked for the token: the welcome's locale on transports that start with no body. */
  locale?: string;
  /** Seconds since the epoch. */
  issuedAt: number;
  expiresAt: number;
}

export type TokenCheck = { ok: true; value: TokenClaims } | { ok: false; reason: 'malformed' | 'badSignature' | 'expired' | 'wrongKind' };

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
const ISSUER = 'partner-helpdesk/directline';

function base64url(text: string | Buffer): string {
  return Buffer.from(text).toString('base64url');
}

function sign(data: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(data).digest();
}

export function signToken(claims: TokenClaims, secret: string): string {
  const payload = base64url(
    JSON.stringify({
      iss: ISSUER,
      knd: claims.kind,
      conv: claims.conversationId,
      user: claims.userId,
      ...(claims.locale ? { loc: claims.locale } : {}),
      iat: claims.issuedAt,
      exp: claims.expiresAt,
    }),
  );
  const data = `${HEADER}.${payload}`;
  return `${data}.${sign(data, secret).toString('base64url')}`;
}

/** Checks signature, header, expiry and kind. Pure: the clock is a parameter. */
export function verifyToken(token: string, secret: string, nowSeconds: number, kind: TokenKind): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [header, payload, signature] = parts as [string, string, string];
  // The header is compared byte for byte: no alg other than ours (no "none", no key confusion).
  if (header !== HEADER) return { ok: false, reason: 'malformed' };
  const expected = sign(`${header}.${payload}`, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'badSignature' };
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const claims = readClaims(body);
  if (!claims) return { ok: false, reason: 'malformed' };
  if (claims.expiresAt <= nowSeconds) return { ok: false, reason: 'expired' };
  if (claims.kind !== kind) return { ok: false, reason: 'wrongKind' };
  return { ok: true, value: claims };
}

function readClaims(body: unknown): TokenClaims | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Record<string, unknown>;
  if (b.iss !== ISSUER) return undefined;
  if (b.knd !== 'conversation' && b.knd !== 'stream') return undefined;
  if (typeof b.conv !== 'string' || typeof b.user !== 'string') return undefined;
  if (typeof b.iat !== 'number' || typeof b.exp !== 'number') return undefined;
  if (b.loc !== undefined && typeof b.loc !== 'string') return undefined;
  const claims: TokenClaims = { kind: b.knd, conversationId: b.conv, userId: b.user, issuedAt: b.iat, expiresAt: b.exp };
  return b.loc === undefined ? claims : { ...claims, locale: b.loc };
}

/** The bearer token of an Authorization header, if any. */
export function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/** Constant-time comparison of the configured secret with a presented one. */
export function secretMatches(presented: string, secret: string): boolean {
  const a = createHmac('sha256', 'cmp').update(presented).digest();
  const b = createHmac('sha256', 'cmp').update(secret).digest();
  return timingSafeEqual(a, b);
}
