/**
 * Who may see a debtor's accounts in the portal: the holder of a personal link who then
 * answers a check only the debtor should know. Pure rules; tokens and codes are drawn and
 * hashed by the caller (src/app/portal/).
 */
import { isLocalDate } from '../calendar.ts';

/** Wrong answers before the session locks; the debtor then needs a new link. */
export const MAX_FAILED_ATTEMPTS = 5;
/** A link is good for 14 days after it was sent (an SMS or a letter takes a while to be read). */
export const LINK_TTL_DAYS = 14;
/** A verified session lasts 30 minutes. */
export const SESSION_TTL_MINUTES = 30;
/** A one-time code lasts 10 minutes; at most 3 per session. */
export const CODE_TTL_MINUTES = 10;
export const MAX_CODES_PER_SESSION = 3;
/** Per client address, per 15 minutes: link opens and answers (checks and code requests). */
export const RATE_WINDOW_MINUTES = 15;
export const RATE_LIMITS = { open: 20, verify: 20, code: 5 } as const;

export interface DebtorSecrets {
  /** The 18-digit (or 15-digit) resident ID number, decrypted; null when none is on file. */
  idNumber: string | null;
  /** debtors.birth_date when on file; otherwise it is read from the ID number. */
  birthDate: string | null;
}

export interface IdentityAnswer { idLast4: string; birthDate: string }

/**
 * The birth date the check compares with: the one on file, else the one inside a resident ID
 * number (digits 7-14 of 18, or 7-12 of 15 with the century 19). The check character is not
 * required to be right: the number on file is the one the bank gave us, and it is what the
 * debtor will read off their card.
 */
export function expectedBirthDate(secrets: DebtorSecrets): string | null {
  if (secrets.birthDate) return secrets.birthDate;
  const id = secrets.idNumber?.trim().toUpperCase() ?? '';
  const text = /^\d{17}[\dX]$/.test(id) ? `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
    : /^\d{15}$/.test(id) ? `19${id.slice(6, 8)}-${id.slice(8, 10)}-${id.slice(10, 12)}` : null;
  return text !== null && isLocalDate(text) ? text : null;
}

/** Accepts "1990-03-07", "19900307" and "1990/3/7": people type dates many ways. */
export function normaliseBirthDate(text: string): string | null {
  const t = text.trim();
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(t) ?? /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  if (!m) return null;
  const [y, mo, d] = [m[1]!, m[2]!.padStart(2, '0'), m[3]!.padStart(2, '0')];
  return `${y}-${mo}-${d}`;
}

/** True only when both the last four characters of the ID number and the birth date match. */
export function identityMatches(secrets: DebtorSecrets | null, answer: IdentityAnswer): boolean {
  if (!secrets || !secrets.idNumber) return false;
  const expected = expectedBirthDate(secrets);
  const given = normaliseBirthDate(answer.birthDate);
  const last4 = secrets.idNumber.slice(-4).toUpperCase();
  const givenLast4 = answer.idLast4.trim().toUpperCase();
  // Both comparisons always run, so the time taken does not say which half was wrong.
  const idOk = equalText(last4, givenLast4);
  const dateOk = expected !== null && given !== null && equalText(expected, given);
  return idOk && dateOk;
}

function equalText(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

export interface SessionState {
  debtorId: number | null;
  expiresAt: Date;
  verifiedAt: Date | null;
  failedAttempts: number;
  lockedAt: Date | null;
}

export type SessionStatus = 'expired' | 'locked' | 'unverified' | 'verified';

export function sessionStatus(s: SessionState, now: Date): SessionStatus {
  if (s.lockedAt !== null) return 'locked';
  if (s.expiresAt.getTime() <= now.getTime()) return 'expired';
  return s.verifiedAt !== null && s.debtorId !== null ? 'verified' : 'unverified';
}

/** After a wrong answer: locked when the count reaches the limit. */
export function afterWrongAnswer(failedAttempts: number): { failedAttempts: number; locked: boolean; remaining: number } {
  const next = failedAttempts + 1;
  return { failedAttempts: next, locked: next >= MAX_FAILED_ATTEMPTS, remaining: Math.max(0, MAX_FAILED_ATTEMPTS - next) };
}
