import { appendAudit } from '../../db/audit-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { insertOutbox } from '../../db/outbox-repository.ts';
import { findDebtorPhone, listDebtorAccounts, storeCode } from '../../db/portal-repository.ts';
import { evaluateContact } from '../../domain/compliance/index.ts';
import { AppError } from '../../domain/errors.ts';
import { CODE_TTL_MINUTES, MAX_CODES_PER_SESSION } from '../../domain/portal/access.ts';
import { businessDate } from '../business-date.ts';
import { contactStateFor } from '../compliance/contact-state.ts';
import { situationFromState } from '../compliance/situation.ts';
import type { AppContext } from '../context.ts';
import { rateLimit } from './rate-limit.ts';
import { hashToken, newCode, portalActor } from './tokens.ts';
import { lockPortalSession } from './verify.ts';
import { portalCodeSms } from '../../domain/strategy/index.ts';

/**
 * A one-time code to the debtor's own phone on file, through the outbox and only when the
 * compliance engine allows an SMS notice now. The answer is the same whether or not a code
 * went (no phone, a decoy session, outside hours): the page never says which.
 */
export async function sendPortalCode(ctx: AppContext, sessionToken: string | undefined, client: string): Promise<{ locked: boolean }> {
  await rateLimit(ctx, ctx.pool, client, 'code');
  if (!sessionToken) throw new AppError('UNAUTHENTICATED', { en: 'Open your personal link first', zh: '请先打开您的个人链接' });
  return inTransaction(ctx.pool, async (db) => {
    const now = ctx.now();
    const { tokenHash, session, status } = await lockPortalSession(db, sessionToken, now);
    if (status === 'locked') return { locked: true };
    if (status !== 'unverified' || session.codes_sent >= MAX_CODES_PER_SESSION) return { locked: false };
    const code = newCode();
    await storeCode(db, tokenHash, hashToken(`code:${code}`), new Date(now.getTime() + CODE_TTL_MINUTES * 60_000));
    if (session.debtor_id === null) return { locked: false };
    const phone = await findDebtorPhone(db, session.debtor_id);
    const account = (await listDebtorAccounts(db, session.debtor_id, businessDate(ctx)))[0];
    if (!phone || !account) return { locked: false };
    const state = await contactStateFor(ctx, db, account.id, now, { contactPointId: phone.id });
    const decision = evaluateContact(situationFromState(state, { channel: 'sms', party: 'debtor', purpose: 'notice', contactPointId: phone.id, at: now }));
    if (decision.allowed) {
      // Not tied to an account (the debtor asked for it): it goes as it is, or not at all once the code has expired.
      await insertOutbox(db, { creditorId: null, accountId: null, contactPointId: phone.id, channel: 'sms', purpose: 'notice',
        sendAfter: null, expiresAt: new Date(now.getTime() + CODE_TTL_MINUTES * 60_000), createdAt: now, toEnc: phone.value_enc, toMask: phone.value_mask,
        body: portalCodeSms(code, CODE_TTL_MINUTES, state.contract?.pack), decision });
    }
    await appendAudit(db, portalActor(session.debtor_id), { action: 'portal.code', entity: 'debtor', entityId: session.debtor_id,
      detail: { sms_allowed: decision.allowed, to: phone.value_mask } });
    return { locked: false };
  });
}
