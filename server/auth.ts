/**
 * Secrets: passwords hashed with scrypt (node:crypto), random tokens for sessions, API tokens
 * and one-time sign-in links, each stored only as its SHA-256, compared in constant time.
 */
import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 32 } as const;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, SCRYPT.keyLength, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export function verifyPassword(password: string, stored: string | null): boolean {
  const parts = stored?.split('$');
  if (parts?.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, N, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64url');
  const actual = scryptSync(password, Buffer.from(salt, 'base64url'), expected.length, { N: Number(N), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}

/** A new random secret with a prefix saying what it is (`tls_` session, `tlt_` API token, `tll_` sign-in link). */
export function newSecret(prefix: 'tls_' | 'tlt_' | 'tll_'): string {
  return `${prefix}${randomBytes(24).toString('base64url')}`;
}

export const secretHash = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** Passwords of at least 12 characters; nothing else is imposed (NCSC: length over complexity). */
export const MIN_PASSWORD = 12;
