import { appendAudit } from '../../db/audit-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { bumpAccount, insertCallback } from '../../db/workstation-repository.ts';
import { evaluateContact } from '../../domain/compliance/index.ts';
import { AppError } from '../../domain/errors.ts';
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
  Promise<{ callback_id: number; due_at: string; version: number }> {
  authorize(actor, 'callbacks.schedule');
  const collectorId = requireUserId(actor);
  return inTransaction(ctx.pool, async (client) => {
    const account = await lockAccountForChange(ctx, client, actor, accountId, input.expectedVersion);
    const state = await contactStateFor(ctx, client, accountId, ctx.now());
    const zone = state.debtor.time_zone;
    const dueAt = new Date(instantOfLocalTime(input.localTime, zone));
    if (dueAt.getTime() <= ctx.now().getTime()) {
      throw new AppError('INVALID_INPUT', { en: `The callback time ${input.localTime} (${zone}) has already passed`, zh: `回拨时间${input.localTime}（${zone}）已经过去` },
        { field: 'local_time' });
    }
    const decision = evaluateContact(situationFromState(state, { channel: 'call', party: 'debtor', purpose: 'collect', at: dueAt }));
    const hours = decision.reasons.filter((r) => r.rule.endsWith('.hours'));
    if (hours.length > 0) {
      throw new AppError('CONTACT_NOT_ALLOWED', { en: hours.map((r) => r.message).join(' '), zh: hours.map((r) => r.message_zh).join('') },
        { field: 'local_time', details: { decision: { ...decision, allowed: false, reasons: hours } } });
    }
    const callbackId = await insertCallback(client, { creditorId: account.creditor_id, accountId, collectorId, dueAt,
      localTime: input.localTime.replace('T', ' '), timeZone: zone, note: input.note ?? null });
    const version = await bumpAccount(client, accountId);
    await appendAudit(client, actor, { action: 'callback.schedule', entity: 'callback', entityId: callbackId, creditorId: account.creditor_id,
      detail: { account_id: accountId, local_time: input.localTime, time_zone: zone, due_at: dueAt.toISOString() } });
    return { callback_id: callbackId, due_at: dueAt.toISOString(), version };
  });
}
