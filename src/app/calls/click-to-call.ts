import type { Dialer } from '../../channels/dialer.ts';
import { appendAudit } from '../../db/audit-repository.ts';
import { lockAccountInScope } from '../../db/accounts-repository.ts';
import {
  failDial, findAttempt, findDialPoint, lockCollectorDials, pendingDial, recordCallEnd, recordCallResult, setCallRef, type PendingDial,
} from '../../db/calls-repository.ts';
import { packsInForce } from '../../db/contracts-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { bumpAccount } from '../../db/workstation-repository.ts';
import type { Decision } from '../../domain/compliance/index.ts';
import { AppError } from '../../domain/errors.ts';
import { givenLanguage } from '../../domain/language.ts';
import { DIALED, isDelinquencyReason, outcomeCode } from '../../domain/workstation/index.ts';
import { disclosureProblem } from '../../domain/workstation/disclosure-record.ts';
import { accountScope, authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import { recordContact } from '../compliance/log-contact.ts';
import type { Actor, AppContext } from '../context.ts';
import { checkVersion } from '../workstation/account-lock.ts';
import { markPointInTransaction } from '../workstation/contact-points.ts';

/** A call left unrecorded longer than this no longer holds the collector back (a browser closed mid-call). */
const PENDING_HOURS = 12;

const notYours = (accountId: number) =>
  new AppError('NOT_FOUND', { en: `Account ${accountId} does not exist or is not yours to see`, zh: `案件${accountId}不存在，或不在您的查看范围内` });

/** The actor's call whose result is still to be recorded, if any (after-call work, 话后处理). */
export async function pendingDialOf(ctx: AppContext, actor: Actor): Promise<PendingDial | null> {
  if (actor.userId === null) return null;
  return (await pendingDial(ctx.pool, actor.userId, new Date(ctx.now().getTime() - PENDING_HOURS * 3600_000))) ?? null;
}

/**
 * 一键外呼: places a call to one of the account's phone numbers through the telephony gateway.
 * The compliance engine judges it first, exactly as a logged call: refused, nothing is dialled
 * (CONTACT_NOT_ALLOWED with the decision). Allowed, the attempt is recorded (outcome `dialed`,
 * counting at once towards the day's calls) before the gateway is asked, so no call leaves
 * unrecorded; a gateway that does not take it turns the attempt into a network error (it never
 * left) and says why. The number goes to the gateway only: the collector never sees it. One
 * call at a time: the previous call's result is recorded first.
 */
export async function dialContactPoint(ctx: AppContext, dialer: Dialer | null, actor: Actor, accountId: number,
  input: { contactPointId: number; expectedVersion?: number | null }): Promise<{ attempt_id: number; call_ref: string; decision: Decision; version: number }> {
  authorize(actor, 'contacts.log');
  if (dialer === null) {
    throw new AppError('UNAVAILABLE', { en: 'No telephony gateway is configured (LEEWAY_VOICE_WEBHOOK_URL): dial by hand and log the call', zh: '未配置外呼网关（LEEWAY_VOICE_WEBHOOK_URL）：请手动拨打并记录催记' });
  }
  const userId = actor.userId;
  if (userId === null) throw new AppError('FORBIDDEN', { en: 'Only a signed-in collector has a seat to ring', zh: '只有已登录的催收员才有坐席可以接通' });
  let phone = '';
  const recorded = await recordContact(ctx, actor, accountId, {
    channel: 'call', party: 'debtor', purpose: 'collect', contactPointId: input.contactPointId, outcome: DIALED, expectedVersion: input.expectedVersion ?? null,
    callRecorded: true, // the call centre records every call it places
  }, async (client) => {
    await lockCollectorDials(client, userId);
    const pending = await pendingDial(client, userId, new Date(ctx.now().getTime() - PENDING_HOURS * 3600_000));
    if (pending) {
      throw new AppError('CONFLICT', { en: `Record the result of your call on account ${pending.account_id} first`, zh: `请先记录您在案件${pending.account_id}上一通电话的结果` },
        { details: { pending } });
    }
    const account = await lockAccountInScope(client, accountScope(actor), accountId);
    const point = await findDialPoint(client, input.contactPointId);
    if (!account || !point || point.debtor_id !== account.debtor_id || point.kind !== 'phone' || point.value_enc === null) {
      throw new AppError('NOT_FOUND', { en: `Contact point ${input.contactPointId} is not a phone of this account's debtor`, zh: `联系方式${input.contactPointId}不是本案件债务人的电话` }, { field: 'contact_point_id' });
    }
    if (point.owner !== 'debtor') {
      throw new AppError('INVALID_INPUT', { en: "Click-to-call rings the debtor's own numbers; call a third party by hand, for location only", zh: '一键外呼仅拨打债务人本人号码；联系第三方请手动拨打，且仅限查找下落' }, { field: 'contact_point_id' });
    }
    phone = ctx.cipher.decrypt(point.value_enc);
  });
  const placed = await dialer.dial({ callId: recorded.attempt_id, agent: actor.username, to: phone, accountId });
  if (!placed.ok) {
    await failDial(ctx.pool, recorded.attempt_id, placed.error);
    throw new AppError('BAD_GATEWAY', { en: `The call was not placed: ${placed.error}. It is recorded as a network error and counts towards nothing.`,
      zh: `电话未能拨出：${placed.error}。已记为网络故障，不计入拨打次数。` }, { details: { attempt_id: recorded.attempt_id } });
  }
  await setCallRef(ctx.pool, recorded.attempt_id, placed.callRef);
  return { attempt_id: recorded.attempt_id, call_ref: placed.callRef, decision: recorded.decision, version: recorded.version };
}

export interface CallResult {
  outcome: string; note?: string | null; delinquencyReason?: string | null; expectedVersion?: number | null;
  /** The language the call was held in (givenLanguage). */
  language?: string | null;
  /** Whether the debt collector disclosure was given: asked of a conversation with the debtor under a US contract (disclosureAsked). */
  disclosureGiven?: boolean | null;
}

/**
 * The result of a dialled call, recorded on its attempt: by the collector who placed it, or a
 * team lead or admin who sees the account; once. A wrong number marks the number invalid.
 */
export async function recordDialResult(ctx: AppContext, actor: Actor, attemptId: number, input: CallResult): Promise<{ attempt_id: number; version: number }> {
  authorize(actor, 'contacts.log');
  const code = outcomeCode(input.outcome);
  if (!code || code.code === DIALED || !code.channels.includes('call')) {
    throw new AppError('INVALID_INPUT', { en: `"${input.outcome}" is not the result of a call`, zh: `“${input.outcome}”不是通话结果` }, { field: 'outcome' });
  }
  if (input.delinquencyReason != null && !isDelinquencyReason(input.delinquencyReason)) {
    throw new AppError('INVALID_INPUT', { en: `"${input.delinquencyReason}" is not a reason for delinquency`, zh: `“${input.delinquencyReason}”不是有效的逾期原因` }, { field: 'delinquency_reason' });
  }
  const language = givenLanguage(input.language);
  const first = await findAttempt(ctx.pool, attemptId);
  const missing = new AppError('NOT_FOUND', { en: `Call ${attemptId} does not exist or is not yours to record`, zh: `通话${attemptId}不存在，或不由您记录` });
  if (!first) throw missing;
  return inTransaction(ctx.pool, async (client) => {
    // The account first, as every change to an account does; then the attempt.
    const account = await lockAccountInScope(client, accountScope(actor), first.account_id);
    if (!account) throw notYours(first.account_id);
    checkVersion(account, input.expectedVersion);
    const attempt = await findAttempt(client, attemptId, true);
    if (!attempt) throw missing;
    if (attempt.collector_id !== actor.userId && actor.role === 'collector') throw missing;
    if (attempt.call_status === null) throw missing;
    // A person records the result once; an unanswered call the gateway closed may still be corrected.
    if (attempt.result_recorded_at !== null) {
      throw new AppError('CONFLICT', { en: `The result of call ${attemptId} is already recorded`, zh: `通话${attemptId}的结果已记录` });
    }
    const pack = (await packsInForce(client, [attempt.creditor_id], businessDate(ctx))).get(attempt.creditor_id);
    const unsaid = disclosureProblem(pack, 'call', code, input.disclosureGiven);
    if (unsaid) throw new AppError('INVALID_INPUT', unsaid, { field: 'disclosure_given' });
    await recordCallResult(client, attemptId, { outcome: code.code, note: input.note?.trim() || null, delinquencyReason: input.delinquencyReason ?? null, language,
      disclosureGiven: input.disclosureGiven ?? null, at: ctx.now() });
    let version = await bumpAccount(client, attempt.account_id);
    if (code.invalidatesContactPoint && attempt.contact_point_id !== null) {
      ({ version } = await markPointInTransaction(client, actor, { pointId: attempt.contact_point_id, accountId: attempt.account_id, creditorId: attempt.creditor_id,
        debtorId: attempt.debtor_id, state: 'invalid', reason: `outcome ${code.code} (attempt ${attemptId})`, at: ctx.now() }));
    }
    await appendAudit(client, actor, { action: 'contact.result', entity: 'contact_attempt', entityId: attemptId, creditorId: attempt.creditor_id,
      detail: { account_id: attempt.account_id, outcome: code.code, ...(language ? { language } : {}),
        ...(input.disclosureGiven != null ? { disclosure_given: input.disclosureGiven } : {}) } });
    return { attempt_id: attemptId, version };
  });
}

export type CallStatus = 'answered' | 'no_answer' | 'busy' | 'failed' | 'powered_off';

/** An unanswered call's outcome, set from the gateway's word when no one recorded one. */
const OUTCOME_OF: Record<CallStatus, string | null> = {
  answered: null, no_answer: 'no_answer', busy: 'busy', failed: 'network_error', powered_off: 'powered_off',
};

/** Who the gateway's reports are written as in the audit log. */
const GATEWAY_ACTOR: Actor = { userId: null, username: 'telephony-gateway', role: 'admin', teamId: null, creditorId: null };

/**
 * The telephony gateway says how a call it placed ended (POST /api/channels/voice/events):
 * answered, with the conversation's length, or not (no answer, busy, failed, phone off). An
 * unanswered call's outcome is set from it, so the collector goes on to the next call without
 * recording one (a network failure then counts towards nothing); an answered call waits for
 * the collector's result. The same report again changes nothing.
 */
export async function receiveCallEvent(ctx: AppContext, e: { callId: number; status: CallStatus; seconds: number | null; recordingRef: string | null }):
  Promise<{ call_id: number; outcome: string; call_status: CallStatus }> {
  return inTransaction(ctx.pool, async (client) => {
    const attempt = await findAttempt(client, e.callId, true);
    if (!attempt || attempt.call_status === null) {
      throw new AppError('NOT_FOUND', { en: `No call ${e.callId} was placed through the gateway`, zh: `没有通过网关拨出的通话${e.callId}` });
    }
    const outcome = attempt.result_recorded_at === null ? OUTCOME_OF[e.status] : null;
    await recordCallEnd(client, e.callId, { status: e.status, seconds: e.seconds, recordingRef: e.recordingRef, outcome });
    const after = (await findAttempt(client, e.callId))!;
    await appendAudit(client, GATEWAY_ACTOR, { action: 'call.event', entity: 'contact_attempt', entityId: e.callId, creditorId: attempt.creditor_id,
      detail: { account_id: attempt.account_id, status: e.status, seconds: e.seconds, outcome: after.outcome } });
    return { call_id: e.callId, outcome: after.outcome, call_status: e.status };
  });
}
