import { randomBytes } from 'node:crypto';
import type { Actor } from '../context.ts';

/** 256 random bits, URL-safe: the personal link's token and the session cookie. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored as their SHA-256, as staff session tokens are. */
export { hashToken } from '../auth/sessions.ts';

/** A six-digit one-time code, uniform over 000000-999999. */
export function newCode(): string {
  return String(randomBytes(4).readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

/** Who the audit log names for what a debtor did in the portal. Never used for an authorization check. */
export function portalActor(debtorId: number | null): Actor {
  return { userId: null, username: debtorId === null ? 'portal' : `portal:debtor:${debtorId}`, role: 'collector', teamId: null, creditorId: null };
}

export const PORTAL_COOKIE = 'leeway_portal';
