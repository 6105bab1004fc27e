import type { ChannelAdapter } from '../../channels/index.ts';
import { lockAccountInScope } from '../../db/accounts-repository.ts';
import { appendAudit } from '../../db/audit-repository.ts';
import { insertContactAttempt } from '../../db/contact-state-repository.ts';
import { claimDueMessage, settleMessage, type ClaimedMessage, type Settled } from '../../db/outbox-repository.ts';
import { inTransaction, type Queryable } from '../../db/pool.ts';
import { evaluateContact, type Decision } from '../../domain/compliance/index.ts';
import { AppError } from '../../domain/errors.ts';
import { contactStateFor } from '../compliance/contact-state.ts';
import { situationFromState } from '../compliance/situation.ts';
import type { Actor, AppContext } from '../context.ts';

export interface DispatchSummary { sent: number; failed: number; deferred: number; cancelled: number; expired: number }

/** Who sends, in the audit log. */
export const DISPATCH_ACTOR: Actor = { userId: null, username: 'system', role: 'admin', teamId: null, creditorId: null };

/**
 * Sends what is due in the outbox, one message at a time, oldest first (docs/messages.md):
 * 1. the message is claimed on its own (status `sending`, committed), so it is sent at most
 *    once even if this process stops halfway;
 * 2. past its `expires_at` it expires unsent;
 * 3. a message for an account is judged again by the compliance engine now, on the debtor's
 *    state as stored and under the same lock on the account and debtor as a collector's
 *    contact: refused, it waits for the engine's next allowed time when that comes before it
 *    expires, else it is cancelled with the reasons; allowed, the channel carries it and the
 *    contact attempt (outcome `sms_sent`, with the decision) is recorded in the same transaction,
 *    so caps and cool-downs count it. A one-time code the debtor asked for (no account) goes
 *    as it is, within its few minutes;
 * 4. what the channel answered is kept: its reference, or the error (`failed`).
 * Stops after `max` messages (default: all that are due). One audit row per pass that did anything.
 */
export async function dispatchOutbox(ctx: AppContext, adapter: ChannelAdapter, options: { max?: number; actor?: Actor } = {}): Promise<DispatchSummary> {
  const summary: DispatchSummary = { sent: 0, failed: 0, deferred: 0, cancelled: 0, expired: 0 };
  const cancelledIds: number[] = [];
  const failedIds: number[] = [];
  const max = options.max ?? Number.POSITIVE_INFINITY;
  for (let n = 0; n < max; n++) {
    const message = await claimDueMessage(ctx.pool, ctx.now());
    if (!message) break;
    const outcome = await dispatchOne(ctx, adapter, message);
    if (outcome === 'queued') summary.deferred++;
    else summary[outcome]++;
    if (outcome === 'cancelled') cancelledIds.push(message.id);
    if (outcome === 'failed') failedIds.push(message.id);
  }
  if (Object.values(summary).some((v) => v > 0)) {
    await inTransaction(ctx.pool, (client) => appendAudit(client, options.actor ?? DISPATCH_ACTOR, {
      action: 'outbox.dispatch', entity: 'outbox', entityId: null,
      detail: { ...summary, adapter: adapter.name, cancelled_ids: cancelledIds.slice(0, 100), failed_ids: failedIds.slice(0, 100) },
    }));
  }
  return summary;
}

async function dispatchOne(ctx: AppContext, adapter: ChannelAdapter, message: ClaimedMessage): Promise<Settled['status']> {
  const at = ctx.now();
  if (message.expires_at !== null && message.expires_at.getTime() <= at.getTime()) {
    await settleMessage(ctx.pool, message.id, { status: 'expired' });
    return 'expired';
  }
  if (message.account_id === null) {
    const settled = await carry(ctx, adapter, message, null, null);
    await settleMessage(ctx.pool, message.id, settled);
    return settled.status;
  }
  const accountId = message.account_id;
  return inTransaction(ctx.pool, async (client) => {
    const account = await lockAccountInScope(client, { kind: 'all' }, accountId);
    let decision: Decision | null = null;
    let refusal: string | null = null;
    if (!account) refusal = `Account ${accountId} no longer exists`;
    else {
      try {
        const state = await contactStateFor(ctx, client, accountId, at, { contactPointId: message.contact_point_id });
        decision = evaluateContact(situationFromState(state, { channel: message.channel, party: 'debtor', purpose: message.purpose, contactPointId: message.contact_point_id, at }));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        refusal = error.message;   // the phone was marked invalid since, or is no longer the debtor's
      }
    }
    let settled: Settled;
    if (decision === null) settled = { status: 'cancelled', decision: null, error: refusal };
    else if (!decision.allowed) {
      const next = decision.next_allowed_at === null ? null : new Date(decision.next_allowed_at);
      settled = next !== null && (message.expires_at === null || next.getTime() < message.expires_at.getTime())
        ? { status: 'queued', sendAfter: next, decision }
        : { status: 'cancelled', decision, error: null };
    } else settled = await carry(ctx, adapter, message, decision, { client, account: account! });
    await settleMessage(client, message.id, settled);
    return settled.status;
  });
}

/** Hands the message to the channel; when it went, records the contact attempt (for an account). */
async function carry(ctx: AppContext, adapter: ChannelAdapter, message: ClaimedMessage, decision: Decision | null,
  record: { client: Queryable; account: { creditor_id: number; debtor_id: number } } | null): Promise<Settled> {
  const result = await adapter.send({ id: message.id, channel: message.channel, to: ctx.cipher.decrypt(message.to_enc), body: message.body });
  if (!result.ok) return { status: 'failed', adapter: adapter.name, error: result.error, decision };
  const sentAt = ctx.now();
  const attemptId = record === null ? null : await insertContactAttempt(record.client, {
    creditorId: record.account.creditor_id, accountId: message.account_id!, debtorId: record.account.debtor_id, contactPointId: message.contact_point_id,
    channel: message.channel, party: 'debtor', purpose: message.purpose, outcome: 'sms_sent', initiatedBy: 'agency', at: sentAt, collectorId: null,
    note: `outbox #${message.id}`, recordingRef: null, decision,
  });
  return { status: 'sent', adapter: adapter.name, providerRef: result.providerRef, sentAt, decision, attemptId };
}
