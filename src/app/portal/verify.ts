import { timingSafeEqual } from 'node:crypto';
import { appendAudit } from '../../db/audit-repository.ts';
import { inTransaction, type PoolClient } from '../../db/pool.ts';
import { loadDebtorSecrets, lockSession, markVerified, recordWrongAnswer, type PortalSessionRow } from '../../db/portal-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { afterWrongAnswer, identityMatches, normaliseBirthDate, SESSION_TTL_MINUTES, sessionStatus, type IdentityAnswer } from '../../domain/portal/access.ts';
import type { AppContext } from '../context.ts';
import { rateLimit } from './rate-limit.ts';
import { hashToken, newToken, portalActor } from './tokens.ts';

export type VerifyAnswer = { kind: 'identity' } & IdentityAnswer | { kind: 'code'; code: string };

export type VerifyResult =
  /** `sessionToken`: the session's new token when this answer passed the check (the one held before it no longer works). */
  | { outcome: 'verified'; sessionToken?: string }
  | { outcome: 'wrong'; remaining: number }
  /** Not an answer at all (a birth date that is no date, not four characters of the number): said so, and no try used up. */
  /** An answer that is no answer (no date of birth, not 4 characters): which parts; not counted as a try. */
  | { outcome: 'unreadable'; fields: Array<'id_last4' | 'birth_date'> }
  | { outcome: 'locked' };

/** Wrong answers, unknown links and sessions that can never pass all end the same way: 'wrong', then 'locked'. */
export async function verifyPortalSession(ctx: AppContext, sessionToken: string | undefined, answer: VerifyAnswer, client: string): Promise<VerifyResult> {
  await rateLimit(ctx, ctx.pool, client, 'verify');
  if (!sessionToken) throw new AppError('UNAUTHENTICATED', { en: 'Open your personal link first', zh: '请先打开您的个人链接' });
  return inTransaction(ctx.pool, async (db) => {
    const now = ctx.now();
    const { tokenHash, session, status } = await lockPortalSession(db, sessionToken, now);
    if (status === 'locked') return { outcome: 'locked' };
    if (status === 'expired') throw new AppError('UNAUTHENTICATED', {
      en: 'This session has ended after 30 minutes without activity; a personal link works once: ask us for a new one',
      zh: '会话因 30 分钟无操作已结束；个人链接只能使用一次：请联系我们获取新链接',
    });
    if (status === 'verified') return { outcome: 'verified' };
    if (answer.kind === 'identity') {
      const fields = [...(/^[0-9A-Za-z]{4}$/.test(answer.idLast4.trim()) ? [] : ['id_last4' as const]),
        ...(normaliseBirthDate(answer.birthDate) === null ? ['birth_date' as const] : [])];
      if (fields.length > 0) return { outcome: 'unreadable', fields };
    }
    if (await answerMatches(ctx, db, session, answer, now)) {
      // A new token for the verified session: one handed out (or planted) before the check is worth nothing after it.
      const renewed = newToken();
      await markVerified(db, tokenHash, hashToken(renewed), answer.kind === 'code' ? 'sms_code' : 'id_and_birth_date', now, new Date(now.getTime() + SESSION_TTL_MINUTES * 60_000));
      await appendAudit(db, portalActor(session.debtor_id), { action: 'portal.verify', entity: 'debtor', entityId: session.debtor_id,
        detail: { by: answer.kind } });
      return { outcome: 'verified', sessionToken: renewed };
    }
    const next = afterWrongAnswer(session.failed_attempts);
    await recordWrongAnswer(db, tokenHash, next.failedAttempts, next.locked ? now : null);
    if (session.debtor_id !== null) {
      await appendAudit(db, portalActor(session.debtor_id), { action: next.locked ? 'portal.lock' : 'portal.wrong_answer', entity: 'debtor',
        entityId: session.debtor_id, detail: { by: answer.kind, failed_attempts: next.failedAttempts } });
    }
    return next.locked ? { outcome: 'locked' } : { outcome: 'wrong', remaining: next.remaining };
  });
}

async function answerMatches(ctx: AppContext, db: Parameters<typeof loadDebtorSecrets>[0], session: PortalSessionRow, answer: VerifyAnswer, now: Date): Promise<boolean> {
  if (answer.kind === 'code') {
    if (!session.code_hash || !session.code_expires_at || session.code_expires_at.getTime() <= now.getTime() || !/^\d{6}$/.test(answer.code.trim())) return false;
    return timingSafeEqual(session.code_hash, hashToken(`code:${answer.code.trim()}`));
  }
  const row = session.debtor_id === null ? undefined : await loadDebtorSecrets(db, session.debtor_id);
  const secrets = row ? { idNumber: row.id_number_enc ? ctx.cipher.decrypt(row.id_number_enc) : null, birthDate: row.birth_date } : null;
  return identityMatches(secrets, answer);
}

/**
 * Locks the portal session for this transaction and says where it stands; no session at all
 * (no cookie, or one we never issued) is UNAUTHENTICATED.
 */
export async function lockPortalSession(db: PoolClient, sessionToken: string, now: Date) {
  const tokenHash = hashToken(sessionToken);
  const session = await lockSession(db, tokenHash);
  if (!session) throw new AppError('UNAUTHENTICATED', { en: 'Open your personal link first', zh: '请先打开您的个人链接' });
  return { tokenHash, session, status: sessionStatus(toState(session), now) };
}

export function toState(s: PortalSessionRow) {
  return { debtorId: s.debtor_id, expiresAt: s.expires_at, verifiedAt: s.verified_at, failedAttempts: s.failed_attempts, lockedAt: s.locked_at };
}
