import { appendAudit } from '../../db/audit-repository.ts';
import { insertOutbox } from '../../db/outbox-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import type { Decision } from '../../domain/compliance/index.ts';
import { noticeCandidates } from '../../db/validation-notices-repository.ts';
import { addDays } from '../../domain/calendar.ts';
import { validationNoticeEmail, validationNotices } from '../../domain/letters/validation-notice.ts';
import { authorize } from '../authorization.ts';
import { plannedInstant } from '../compliance/plan-contacts.ts';
import type { Actor, AppContext } from '../context.ts';
import { unsubscribePath } from '../messages/send-email.ts';
import { judgeLetters } from './print-letters.ts';
import { noticeCreditor, noticeFacts } from './print-validation-notices.ts';

/** Accounts left out for want of an e-mail address we may use: no address of the debtor's own, or only a work address they did not ask us to use. */
export const NO_EMAIL = 'no_usable_email';

export interface EmailedNotices {
  date: string;
  /** Notices queued to go by e-mail today (recorded as the account's notice as each goes). */
  queued: number;
  /** Accounts left out, per rule (NO_EMAIL: no address to use; the engine's rules: US.email_safe_harbor, US.hours, ...). */
  refused: Record<string, number>;
}

/**
 * The validation notices (12 CFR 1006.34) of a US creditor by e-mail (docs/messages.md,
 * "Validation notices"): for every open account that has none in force and none on its way, whose
 * debtor has an e-mail address of their own the compliance engine allows a notice to now or later
 * today (Reg F's safe harbour, US.email_safe_harbor: an address the debtor gave us, or the
 * creditor's own after its notice), the notice's full text in the body (1006.42) with the opt-out
 * link, queued in the outbox until the end of the business day. The notice counts from the moment
 * the e-mail goes (the dispatcher records it with the figures it states); a server that refuses it,
 * or a bounce, takes it back and the account waits for another (by post). What cannot go today is
 * left for the post; nothing is queued twice.
 */
export async function emailValidationNotices(ctx: AppContext, actor: Actor, input: { creditor: string; baseUrl: string }): Promise<EmailedNotices> {
  authorize(actor, 'letters.print');
  const { creditor, date, base } = await noticeCreditor(ctx, input.creditor);
  const now = ctx.now();
  const endOfDay = plannedInstant(addDays(date, 1), '00:00', ctx.agencyZone);
  const queuedIds: number[] = [];
  // Not now but later today (the debtor's morning): it waits in the outbox; not today: left for the post.
  const laterToday = (decision: Decision) => decision.next_allowed_at !== null && new Date(decision.next_allowed_at).getTime() < endOfDay.getTime();
  const candidates = await noticeCandidates(ctx.pool, { creditorId: creditor.id, date, by: 'email' });
  const refused = await judgeLetters(ctx, candidates, 'notice', async (client, c, decision) => {
    // Delivered electronically, it must say where disputes are taken electronically (1006.34(c)(4)(v)): the portal.
    // The English notice, and after it the Spanish one for a debtor who asked for Spanish.
    const notices = validationNotices({ ...noticeFacts(ctx, base, c, date), disputeUrl: `${input.baseUrl}/my` }, c.language);
    const notice = notices[0]!;
    const unsubscribeUrl = `${input.baseUrl}${unsubscribePath(ctx.cipher, c.email_point_id!)}`;
    const mail = validationNoticeEmail(notices, c.account_no_mask, unsubscribeUrl);
    queuedIds.push(await insertOutbox(client, {
      creditorId: creditor.id, accountId: c.account_id, contactPointId: c.email_point_id, channel: 'email', purpose: 'notice',
      toEnc: c.email_enc!, toMask: c.email_mask!, body: mail.body, subject: mail.subject, unsubscribeUrl, decision,
      sendAfter: decision.allowed ? null : new Date(decision.next_allowed_at!), expiresAt: endOfDay, createdAt: now,
      notice: { sent_on: date, validation_ends_on: notice.validationEndsOn, itemization_date: c.itemization_date, itemization_fen: c.itemization_fen,
        interest_fen: c.interest_fen, fees_fen: c.fees_fen, paid_fen: c.paid_fen, amount_now_fen: notice.amountNow, charged_off: c.charged_off },
    }));
  }, { channel: 'email', pointOf: (c) => c.email_point_id, noPoint: NO_EMAIL, goes: (d) => d.allowed || laterToday(d) });
  await inTransaction(ctx.pool, (client) => appendAudit(client, actor, { action: 'validation_notices.email', entity: 'creditor', entityId: creditor.id,
    creditorId: creditor.id, detail: { date, queued: queuedIds.length, refused, outbox_ids: queuedIds.slice(0, 1000) } }));
  return { date, queued: queuedIds.length, refused };
}
