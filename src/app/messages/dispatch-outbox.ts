import type { ChannelAdapter } from '../../channels/index.ts';
import { lockAccountInScope } from '../../db/accounts-repository.ts';
import { appendAudit } from '../../db/audit-repository.ts';
import { insertContactAttempt } from '../../db/contact-state-repository.ts';
import { claimDueMessages, recordDelivery, recordJudgement, recordSending, type ClaimedMessage, type Delivery, type Judged } from '../../db/outbox-repository.ts';
import { inTransaction, type PoolClient } from '../../db/pool.ts';
import { insertValidationNotice, returnValidationNotice, validationNoticeOf } from '../../db/validation-notices-repository.ts';
import type { Decision } from '../../domain/compliance/index.ts';
import { AppError } from '../../domain/errors.ts';
import { isSmsTemplate, SMS_TEMPLATE_NAMES } from '../../domain/strategy/index.ts';
import { decideContact } from '../compliance/contact-state.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';

export interface DispatchSummary { sent: number; failed: number; deferred: number; cancelled: number; expired: number }

/** Who sends, in the audit log. */
export const DISPATCH_ACTOR: Actor = { userId: null, username: 'system', role: 'admin', teamId: null, creditorId: null };

/** Messages judged in one transaction. */
const BATCH = 100;
/** Messages handed to the channel at once (a slow gateway holds up at most this many). */
const CONCURRENCY = 8;

/**
 * Sends what is due in the outbox, oldest first, a batch at a time (docs/messages.md):
 * 1. **Judge** (one transaction): the batch is claimed (`sending`; other dispatchers skip it);
 *    past its `expires_at` a message expires; a message for an account is judged again by the
 *    compliance engine now, on the debtor's state as stored and under the same lock on the
 *    account and debtor as a collector's contact, each message after the ones before it in the
 *    batch. Refused, it waits for the engine's next allowed time when that comes before it
 *    expires, else it is cancelled with the reasons. Allowed, its contact attempt (outcome
 *    `sms_sent`, an e-mail's `sent`, with the decision) is recorded now, so caps count it before it goes, and
 *    a validation notice an e-mail carries is recorded as the account's notice (none twice). A
 *    one-time code the debtor asked for (no account) goes as it is, within its few minutes.
 *    Nothing has left yet: if this transaction fails, the batch is queued again as it was.
 * 2. **Send**, after that commit, no lock held: the channel carries the allowed messages.
 * 3. **Record** what the channel answered (one transaction): its reference (`sent`), or the
 *    error (`failed`, and the attempt becomes `network_error`; a notice it carried no longer counts). A message whose process
 *    stopped between 1 and 3 stays `sending`: it is never sent again without a person (at
 *    most once).
 * Stops after `max` messages (default: all that are due). One audit row per pass that did anything.
 */
export async function dispatchOutbox(ctx: AppContext, adapter: ChannelAdapter, options: { max?: number; actor?: Actor } = {}): Promise<DispatchSummary> {
  const summary: DispatchSummary = { sent: 0, failed: 0, deferred: 0, cancelled: 0, expired: 0 };
  const cancelledIds: number[] = [];
  const failedIds: number[] = [];
  const max = options.max ?? Number.POSITIVE_INFINITY;
  let seen = 0;
  while (seen < max) {
    const at = ctx.now();
    const { claimed, outgoing } = await inTransaction(ctx.pool, async (client) => {
      const batch = await claimDueMessages(client, at, Math.min(BATCH, max - seen));
      const go: Array<{ message: ClaimedMessage; attempt: { creditorId: number; id: number } | null }> = [];
      const sending: Array<{ id: number; decision: unknown; attemptId: number | null }> = [];
      for (const message of batch) {
        const { result, attempt } = await judge(ctx, client, message, at);
        if (result.status === 'sending') {
          go.push({ message, attempt });
          sending.push({ id: message.id, decision: result.decision, attemptId: result.attemptId });
          continue;
        }
        await recordJudgement(client, message.id, result);
        if (result.status === 'queued') summary.deferred++;
        else summary[result.status]++;
        if (result.status === 'cancelled') cancelledIds.push(message.id);
      }
      await recordSending(client, sending);
      return { claimed: batch.length, outgoing: go };
    });
    if (claimed === 0) break;
    seen += claimed;
    const deliveries = await carryAll(ctx, adapter, outgoing);
    const notices = new Set(outgoing.filter((o) => o.message.notice !== null).map((o) => o.message.id));
    await inTransaction(ctx.pool, async (client) => {
      await recordDelivery(client, deliveries);
      // A validation notice whose e-mail the server refused was not given: the account waits for another.
      for (const d of deliveries) {
        if (!d.ok && notices.has(d.id) && d.attempt) await returnValidationNotice(client, d.attempt.creditorId, d.attempt.id, businessDate(ctx));
      }
    });
    for (const d of deliveries) {
      if (d.ok) summary.sent++;
      else { summary.failed++; failedIds.push(d.id); }
    }
  }
  if (Object.values(summary).some((v) => v > 0)) {
    await inTransaction(ctx.pool, (client) => appendAudit(client, options.actor ?? DISPATCH_ACTOR, {
      action: 'outbox.dispatch', entity: 'outbox', entityId: null,
      detail: { ...summary, adapter: adapter.name, cancelled_ids: cancelledIds.slice(0, 100), failed_ids: failedIds.slice(0, 100) },
    }));
  }
  return summary;
}

async function judge(ctx: AppContext, client: PoolClient, message: ClaimedMessage, at: Date):
  Promise<{ result: Judged; attempt: { creditorId: number; id: number } | null }> {
  if (message.expires_at !== null && message.expires_at.getTime() <= at.getTime()) return { result: { status: 'expired' }, attempt: null };
  if (message.account_id === null) return { result: { status: 'sending', decision: null, attemptId: null }, attempt: null };
  const accountId = message.account_id;
  const account = await lockAccountInScope(client, { kind: 'all' }, accountId);
  if (!account) return { result: { status: 'cancelled', decision: null, error: `Account ${accountId} no longer exists` }, attempt: null };
  let decision: Decision;
  try {
    decision = await decideContact(ctx, client, accountId, { channel: message.channel, party: 'debtor', purpose: message.purpose, contactPointId: message.contact_point_id, at });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { result: { status: 'cancelled', decision: null, error: error.message }, attempt: null };   // the phone was marked invalid since, or is not the debtor's
  }
  if (!decision.allowed) {
    const next = decision.next_allowed_at === null ? null : new Date(decision.next_allowed_at);
    const result: Judged = next !== null && (message.expires_at === null || next.getTime() < message.expires_at.getTime())
      ? { status: 'queued', sendAfter: next, decision } : { status: 'cancelled', decision, error: null };
    return { result, attempt: null };
  }
  // A validation notice by e-mail: not when another is in force (a letter printed since it was queued).
  if (message.notice !== null && await validationNoticeOf(client, account.creditor_id, accountId)) {
    return { result: { status: 'cancelled', decision, error: 'A validation notice is already in force on this account' }, attempt: null };
  }
  const attemptId = await insertContactAttempt(client, {
    creditorId: account.creditor_id, accountId, debtorId: account.debtor_id, contactPointId: message.contact_point_id,
    channel: message.channel, party: 'debtor', purpose: message.purpose, outcome: message.channel === 'sms' ? 'sms_sent' : 'sent', initiatedBy: 'agency', at,
    // The collector who sent it (none: the nightly run's), and what it said, by its template's name.
    collectorId: message.queued_by, note: message.template !== null && isSmsTemplate(message.template)
      ? `${SMS_TEMPLATE_NAMES[message.template].zh} / ${SMS_TEMPLATE_NAMES[message.template].en}` : `outbox #${message.id}`, recordingRef: null, decision,
  });
  // ...recorded as the account's notice as it goes (the figures it states), so collection may start.
  if (message.notice !== null) {
    const n = message.notice;
    await insertValidationNotice(client, { creditorId: account.creditor_id, accountId, sentOn: n.sent_on, validationEndsOn: n.validation_ends_on,
      itemizationDate: n.itemization_date, itemizationFen: n.itemization_fen, interestFen: n.interest_fen, feesFen: n.fees_fen, paidFen: n.paid_fen,
      amountNowFen: n.amount_now_fen, contactAttemptId: attemptId, sentBy: null, chargedOff: n.charged_off ?? false });
  }
  return { result: { status: 'sending', decision, attemptId }, attempt: { creditorId: account.creditor_id, id: attemptId } };
}

/** Hands the messages to the channel, a few at a time. */
async function carryAll(ctx: AppContext, adapter: ChannelAdapter,
  outgoing: ReadonlyArray<{ message: ClaimedMessage; attempt: { creditorId: number; id: number } | null }>): Promise<Delivery[]> {
  const deliveries: Delivery[] = [];
  for (let i = 0; i < outgoing.length; i += CONCURRENCY) {
    deliveries.push(...await Promise.all(outgoing.slice(i, i + CONCURRENCY).map(async ({ message, attempt }): Promise<Delivery> => {
      const result = await adapter.send({ id: message.id, channel: message.channel, to: ctx.cipher.decrypt(message.to_enc), body: message.body,
        subject: message.subject, unsubscribeUrl: message.unsubscribe_url });
      const done = { id: message.id, attempt, sentAt: ctx.now(), adapter: result.via ?? adapter.name };
      return result.ok ? { ...done, ok: true, providerRef: result.providerRef } : { ...done, ok: false, error: result.error };
    })));
  }
  return deliveries;
}
