import { appendAudit } from '../../db/audit-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { bumpAccount, callbackAccountId, cancelCallbackRow, insertCallback } from '../../db/workstation-repository.ts';
import { evaluateContact } from '../../domain/compliance/index.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { instantOfLocalTime } from '../../domain/workstation/index.ts';
import { authorize } from '../authorization.ts';
import { contactStateFor } from '../compliance/contact-state.ts';
import { situationFromState } from '../compliance/situation.ts';
import type { Actor, AppContext } from '../context.ts';
import { lockAccountForChange, requireUserId } from './account-lock.ts';

export interface ScheduleCallbackInput { localTime: string; note?: string | null; expectedVersion?: number | null }

/**
 * A callback (预约回拨) at a time in the debtor's zone. The time must be in the future and
 * inside the pack's calling hours there (the `hours` rule); other rules (holds, daily counts)
 * are judged again when the call is made.
 */
export async function scheduleCallback(ctx: AppContext, actor: Actor, accountId: number, input: ScheduleCallbackInput):
  Promise<{ callback_id: number; due_at: string; version: number; would_refuse: Array<{ rule: string; message: string; message_zh: string }> }> {
  authorize(actor, 'callbacks.schedule');
  const collectorId = requireUserId(actor);
  return inTransaction(ctx.pool, async (client) => {
    const account = await lockAccountForChange(ctx, client, actor, accountId, input.expectedVersion);
    const state = await contactStateFor(ctx, client, accountId, ctx.now());
    // The debtor's zone as the engine reads it: the one on file, or (not in the contract's country) the first of the country's.
    const zone = situationFromState(state, { channel: 'call', party: 'debtor', purpose: 'collect', at: ctx.now() }).debtor.zones[0].name;
    const dueAt = new Date(instantOfLocalTime(input.localTime, zone));
    const shown = input.localTime.replace('T', ' ');
    if (dueAt.getTime() <= ctx.now().getTime()) {
      throw new AppError('INVALID_INPUT', { en: `The callback time ${shown} (${zone}) has already passed`, zh: `回拨时间 ${shown}（${zone}）已经过去` },
        { field: 'local_time' });
    }
    // The mandate ends on its last day: the night after it the account goes back to the bank, and no call is the agency's to make.
    if (input.localTime.slice(0, 10) > account.mandate_ends_on) {
      throw new AppError('INVALID_INPUT', {
        en: `The callback time ${shown} is after the last day of the account's placement (${account.mandate_ends_on}); choose a time by then`,
        zh: `回拨时间 ${shown} 晚于本案的委案到期日（${account.mandate_ends_on}），请选在此之前`,
      }, { field: 'local_time' });
    }
    const decision = evaluateContact(situationFromState(state, { channel: 'call', party: 'debtor', purpose: 'collect', at: dueAt, readAt: ctx.now() }));
    const hours = decision.reasons.filter((r) => r.rule.endsWith('.hours'));
    if (hours.length > 0) {
      throw new AppError('CONTACT_NOT_ALLOWED', { en: hours.map((r) => r.message).join(' '), zh: hours.map((r) => r.message_zh).join('') },
        { field: 'local_time', details: { decision: { ...decision, allowed: false, reasons: hours } } });
    }
    const callbackId = await insertCallback(client, { creditorId: account.creditor_id, accountId, collectorId, dueAt,
      localTime: input.localTime.replace('T', ' '), timeZone: zone, note: input.note ?? null, at: ctx.now() });
    const version = await bumpAccount(client, accountId);
    await appendAudit(client, actor, { action: 'callback.schedule', entity: 'callback', entityId: callbackId, creditorId: account.creditor_id,
      detail: { account_id: accountId, local_time: input.localTime, time_zone: zone, due_at: dueAt.toISOString() } });
    // Booked, it may still be refused when it is due on what the record holds now (a daily cap, 7 calls in 7 days, a hold): said,
    // so the collector does not promise the debtor a call the engine will stop (a debtor's own request does not lift a cap here).
    const wouldRefuse = decision.reasons.map((r) => ({ rule: r.rule, message: r.message, message_zh: r.message_zh }));
    return { callback_id: callbackId, due_at: dueAt.toISOString(), version, would_refuse: wouldRefuse };
  });
}

/**
 * Cancels an open callback (取消回拨): the debtor asked not to be called then, or it is no longer
 * needed. With the reason (audited, `callback.cancel`), by anyone who may work the account; the
 * account is then no longer put first in the queue at that time.
 */
export async function cancelCallback(ctx: AppContext, actor: Actor, callbackId: number, input: { reason: string; expectedVersion?: number | null }):
  Promise<{ callback_id: number; version: number }> {
  authorize(actor, 'callbacks.schedule');
  const reason = input.reason.trim();
  if (!reason) throw invalidInput({ en: 'Say why the callback is cancelled', zh: '请填写取消回拨的原因' }, 'reason');
  const missing = new AppError('NOT_FOUND', { en: `Callback ${callbackId} does not exist or is not yours to see`, zh: `回拨${callbackId}不存在，或不在您的查看范围内` });
  return inTransaction(ctx.pool, async (client) => {
    const accountId = await callbackAccountId(client, callbackId);
    if (accountId === undefined) throw missing;
    const account = await lockAccountForChange(ctx, client, actor, accountId, input.expectedVersion, missing);
    const before = await cancelCallbackRow(client, callbackId);
    if (before !== 'open') {
      throw new AppError('CONFLICT', { en: `Callback ${callbackId} is ${before}, no longer open`, zh: `回拨${callbackId}已${before === 'done' ? '完成' : '取消'}，不能再取消` });
    }
    const version = await bumpAccount(client, accountId);
    await appendAudit(client, actor, { action: 'callback.cancel', entity: 'callback', entityId: callbackId, creditorId: account.creditor_id,
      detail: { account_id: accountId, reason } });
    return { callback_id: callbackId, version };
  });
}
