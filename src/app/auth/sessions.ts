import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'leeway_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** 256-bit random token for the cookie; only its SHA-256 is stored. */
export function newSessionToken(): { token: string; tokenHash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
