import { chineseAgencyName } from '../site/read-site.ts';
import { appendAudit } from '../../db/audit-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { insertOutbox } from '../../db/outbox-repository.ts';
import { accountPackAndLanguage, findDebtorEmail, findDebtorPhone, listDebtorAccounts, storeCode } from '../../db/portal-repository.ts';
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
import { portalCodeEmail } from '../../domain/strategy/email-template.ts';
import { unsubscribePath } from '../messages/send-email.ts';

/**
 * A one-time code to the debtor's own phone on file, through the outbox and only when the
 * compliance engine allows an SMS notice now; where no phone can take it (none, opted out of
 * texts, or the engine refuses), to an e-mail address of their own the engine allows (Reg F's
 * safe harbour under a US contract), with the opt-out link on `baseUrl`: a debtor we reach only by
 * e-mail (a validation notice sent by e-mail points them here to dispute) can still get in. The
 * answer is the same whether or not a code went (no phone, a decoy session, outside hours): the
 * page never says which.
 */
export async function sendPortalCode(ctx: AppContext, sessionToken: string | undefined, client: string, baseUrl: string): Promise<{ locked: boolean }> {
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
    const account = (await listDebtorAccounts(db, session.debtor_id, businessDate(ctx)))[0];
    if (!account) return { locked: false };
    const { language } = await accountPackAndLanguage(db, account.id, businessDate(ctx));
    // Not tied to an account (the debtor asked for it): it goes as it is, or not at all once the code has expired.
    const expiresAt = new Date(now.getTime() + CODE_TTL_MINUTES * 60_000);
    const judge = async (channel: 'sms' | 'email', pointId: number) => {
      const state = await contactStateFor(ctx, db, account.id, now, { contactPointId: pointId });
      return { pack: state.contract?.pack, decision: evaluateContact(situationFromState(state, { channel, party: 'debtor', purpose: 'notice', contactPointId: pointId, at: now })) };
    };
    const phone = await findDebtorPhone(db, session.debtor_id);
    const bySms = phone ? await judge('sms', phone.id) : null;
    if (phone && bySms?.decision.allowed) {
      await insertOutbox(db, { creditorId: null, accountId: null, contactPointId: phone.id, channel: 'sms', purpose: 'notice', sendAfter: null, expiresAt, createdAt: now,
        toEnc: phone.value_enc, toMask: phone.value_mask, body: portalCodeSms(code, CODE_TTL_MINUTES, bySms.pack, language, await chineseAgencyName(ctx)), decision: bySms.decision });
    }
    const email = bySms?.decision.allowed ? undefined : await findDebtorEmail(db, session.debtor_id);
    const byEmail = email ? await judge('email', email.id) : null;
    if (email && byEmail?.decision.allowed) {
      const unsubscribeUrl = `${baseUrl}${unsubscribePath(ctx.cipher, email.id)}`;
      const mail = portalCodeEmail(code, CODE_TTL_MINUTES, unsubscribeUrl, byEmail.pack, language);
      await insertOutbox(db, { creditorId: null, accountId: null, contactPointId: email.id, channel: 'email', purpose: 'notice', sendAfter: null, expiresAt,
        createdAt: now, toEnc: email.value_enc, toMask: email.value_mask, body: mail.body, subject: mail.subject, unsubscribeUrl, decision: byEmail.decision });
    }
    await appendAudit(db, portalActor(session.debtor_id), { action: 'portal.code', entity: 'debtor', entityId: session.debtor_id,
      detail: { sms_allowed: bySms?.decision.allowed ?? false, to: phone?.value_mask ?? null,
        ...(email ? { email_allowed: byEmail?.decision.allowed ?? false, email_to: email.value_mask } : {}) } });
    return { locked: false };
  });
}
