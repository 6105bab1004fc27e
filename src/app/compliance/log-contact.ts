import { appendAudit } from '../../db/audit-repository.ts';
import { lockAccountInScope } from '../../db/accounts-repository.ts';
import { insertContactAttempt } from '../../db/contact-state-repository.ts';
import { findOpenAccountHold, findOpenDebtorHold } from '../../db/holds-repository.ts';
import { inTransaction, type PoolClient } from '../../db/pool.ts';
import { evaluateContact, type Decision, type Initiator } from '../../domain/compliance/index.ts';
import { AppError } from '../../domain/errors.ts';
import { givenLanguage } from '../../domain/language.ts';
import { accountScope, authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { contactStateFor } from './contact-state.ts';
import { situationFromState, type ContactIntent } from './situation.ts';
import { completeCallbacksAndBump } from '../../db/workstation-repository.ts';
import { DIALED, isDelinquencyReason, outcomeCode, OUTCOME_CODE_LIST, outcomeMismatch } from '../../domain/workstation/index.ts';
import { disclosureProblem } from '../../domain/workstation/disclosure-record.ts';
import { checkVersion } from '../workstation/account-lock.ts';
import { markPointInTransaction } from '../workstation/contact-points.ts';
import { recordHold } from '../holds/place-hold.ts';

/** The kind of contact point each channel reaches. */
const POINT_KIND: Record<string, string> = { call: 'phone', sms: 'phone', email: 'email', letter: 'address', visit: 'address' };
const CHANNEL_ZH: Record<string, string> = { call: '电话', sms: '短信', email: '电子邮件', letter: '信函', visit: '上门' };
const KIND_WORDS: Record<string, { en: string; zh: string }> = {
  phone: { en: 'a phone number', zh: '电话号码' }, email: { en: 'an e-mail address', zh: '电子邮箱' }, address: { en: 'an address', zh: '地址' },
};

export interface LogContactInput extends Omit<ContactIntent, 'at'> {
  at?: Date;
  outcome: string;
  initiatedBy?: Initiator;
  note?: string | null;
  recordingRef?: string | null;
  /** Why the debtor fell behind, as they told it (unemployment, illness, ...). */
  delinquencyReason?: string | null;
  /** The account version the collector's screen showed: a change since is a VERSION_CONFLICT. */
  expectedVersion?: number | null;
  /** The language a call or visit was held in: an ISO 639-1 code or a language's name (languageCode). */
  language?: string | null;
  /** Whether the debt collector disclosure was given: asked of a conversation with the debtor under a US contract (disclosureAsked). */
  disclosureGiven?: boolean | null;
}

/**
 * Records a contact attempt (催记). An agency-initiated attempt is judged by the compliance
 * engine on the debtor's state as stored, under a lock on the debtor: refused, nothing is
 * recorded but the refusal (CONTACT_NOT_ALLOWED, with the decision); allowed, the decision is
 * stored beside the attempt in the same transaction. Calls the debtor made to us are always
 * recorded (they count towards cool-downs) with the decision for the record.
 */
export async function logContact(ctx: AppContext, actor: Actor, accountId: number, input: LogContactInput):
  Promise<{ attempt_id: number; decision: Decision; version: number }> {
  authorize(actor, 'contacts.log');
  const code = outcomeCode(input.outcome);
  if (!code) throw new AppError('INVALID_INPUT', {
    en: `Outcome "${input.outcome}" is not a known code; use one of ${OUTCOME_CODE_LIST.join(', ')}`,
    zh: `结果代码“${input.outcome}”无效，请使用以下之一：${OUTCOME_CODE_LIST.join(', ')}`,
  }, { field: 'outcome' });
  if (input.outcome === DIALED) {
    throw new AppError('INVALID_INPUT', { en: '"dialed" is set by click-to-call when a call leaves; record what happened on the call', zh: '“已拨出”由一键外呼在拨出时设置，请记录通话结果' }, { field: 'outcome' });
  }
  if (input.at === undefined) return recordContact(ctx, actor, accountId, input);
  const now = ctx.now();
  refuseUnlikelyTime(input.at, now);
  // A time a little ahead of the server's (the allowance for clocks that differ) is taken as now, and judged so.
  return recordContact(ctx, actor, accountId, { ...input, at: input.at.getTime() > now.getTime() ? now : input.at });
}

/** How long after a contact it may still be logged with its own time (a visit logged on the way back, a call the next morning). */
export const LOG_LATE_HOURS = 24;
/** Clocks differ a little: a time this far ahead of the server's is taken as now. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * A contact is logged at the time it happened: not later than the server's clock, and not more than
 * LOG_LATE_HOURS before it. The rules judge the contact at that time (calling hours, the calls in
 * the days before it), so a time chosen freely would let any call pass them.
 */
function refuseUnlikelyTime(at: Date, now: Date): void {
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw new AppError('INVALID_INPUT', { en: `A contact is logged once it happened: ${at.toISOString()} is later than now`, zh: `联系发生后才能登记：${at.toISOString()} 晚于当前时间` }, { field: 'at' });
  }
  if (at.getTime() < now.getTime() - LOG_LATE_HOURS * 3_600_000) {
    throw new AppError('INVALID_INPUT', {
      en: `A contact is logged within ${LOG_LATE_HOURS} hours of it: ${at.toISOString()} is earlier`,
      zh: `联系须在发生后 ${LOG_LATE_HOURS} 小时内登记：${at.toISOString()} 已超出`,
    }, { field: 'at' });
  }
}

/** logContact without the check of who may set which outcome: click-to-call records its `dialed` attempts through it. */
export async function recordContact(ctx: AppContext, actor: Actor, accountId: number, input: LogContactInput,
  /** Runs in the attempt's transaction once the account is locked, before it is judged: may refuse by throwing. */
  guard?: (client: PoolClient) => Promise<void>):
  Promise<{ attempt_id: number; decision: Decision; version: number }> {
  const code = outcomeCode(input.outcome)!;
  if (input.delinquencyReason != null && !isDelinquencyReason(input.delinquencyReason)) {
    throw new AppError('INVALID_INPUT', { en: `"${input.delinquencyReason}" is not a reason for delinquency`, zh: `“${input.delinquencyReason}”不是有效的逾期原因` }, { field: 'delinquency_reason' });
  }
  const language = givenLanguage(input.language);
  if (language !== null && input.channel !== 'call' && input.channel !== 'visit') {
    throw new AppError('INVALID_INPUT', { en: 'Only a call or a visit is recorded with the language it was held in', zh: '只有电话和上门可以记录沟通语言' }, { field: 'language' });
  }
  const at = input.at ?? ctx.now();
  const initiatedBy = input.initiatedBy ?? 'agency';
  const mismatch = outcomeMismatch(code, { channel: input.channel, party: input.party, initiatedBy });
  if (mismatch) throw new AppError('INVALID_INPUT', mismatch, { field: 'outcome' });
  // A call, text or e-mail the agency makes goes to a number or address on file: the rules of that point (its owner, an opt-out,
  // a work address, a number's own "do not call here") are judged only when the attempt names it.
  if (initiatedBy === 'agency' && (input.channel === 'call' || input.channel === 'sms' || input.channel === 'email') && !input.contactPointId) {
    throw new AppError('INVALID_INPUT', {
      en: `Say which ${input.channel === 'email' ? 'e-mail address' : 'number'} of the account's contact points the ${input.channel === 'call' ? 'call' : input.channel === 'sms' ? 'text' : 'e-mail'} went to (contact_point_id); one not on file is added to them first, with where it came from`,
      zh: `请选择${input.channel === 'call' ? '拨打' : '发送'}的是账户联系方式中的哪一个（contact_point_id）；不在其中的号码或邮箱请先添加，并注明来源`,
    }, { field: 'contact_point_id' });
  }
  const outcome = await inTransaction(ctx.pool, async (client) => {
    const account = await lockAccountInScope(client, accountScope(actor), accountId);
    if (!account) throw new AppError('NOT_FOUND', { en: `Account ${accountId} does not exist or is not yours to see`, zh: `案件${accountId}不存在，或不在您的查看范围内` });
    checkVersion(account, input.expectedVersion);
    await guard?.(client);
    const state = await contactStateFor(ctx, client, accountId, at, { contactPointId: input.contactPointId ?? null });
    // A call or a text reaches a phone, an e-mail an e-mail address, a letter or a visit an address: "wrong number" on an
    // address would mark the address invalid (and the debtor lost).
    const point = state.contactPoint;
    const wanted = POINT_KIND[input.channel];
    if (point && wanted && point.kind !== wanted) {
      throw new AppError('INVALID_INPUT', {
        en: `A ${input.channel} goes to ${KIND_WORDS[wanted]!.en}; contact point ${point.id} is ${KIND_WORDS[point.kind]?.en ?? point.kind}`,
        zh: `${CHANNEL_ZH[input.channel] ?? input.channel}须对应${KIND_WORDS[wanted]!.zh}；联系方式 ${point.id} 是${KIND_WORDS[point.kind]?.zh ?? point.kind}`,
      }, { field: 'contact_point_id' });
    }
    const unsaid = disclosureProblem(state.contract?.pack, input.channel, code, input.disclosureGiven);
    if (unsaid) throw new AppError('INVALID_INPUT', unsaid, { field: 'disclosure_given' });
    const decision = evaluateContact(situationFromState(state, { ...input, at }));
    if (!decision.allowed && initiatedBy === 'agency') return { kind: 'refused', decision, creditorId: account.creditor_id } as const;
    const attemptId = await insertContactAttempt(client, {
      creditorId: account.creditor_id, accountId, debtorId: account.debtor_id, contactPointId: input.contactPointId ?? null,
      channel: input.channel, party: input.party, purpose: input.purpose, outcome: input.outcome, initiatedBy, at,
      collectorId: actor.userId, note: input.note ?? null, recordingRef: input.recordingRef ?? null, decision,
      delinquencyReason: input.delinquencyReason ?? null, language, disclosureGiven: input.disclosureGiven ?? null,
    });
    await appendAudit(client, actor, { action: 'contact.log', entity: 'contact_attempt', entityId: attemptId, creditorId: account.creditor_id,
      detail: { account_id: accountId, channel: input.channel, party: input.party, outcome: input.outcome, initiated_by: initiatedBy, allowed: decision.allowed,
        ...(input.at !== undefined ? { at: at.toISOString() } : {}),
        ...(language ? { language } : {}), ...(input.disclosureGiven != null ? { disclosure_given: input.disclosureGiven } : {}) } });
    let version = await completeCallbacksAndBump(client, account.creditor_id, accountId, at);
    // A wrong number is not the debtor's: the point is marked invalid with the attempt as its reason.
    if (code.invalidatesContactPoint && input.contactPointId) {
      ({ version } = await markPointInTransaction(client, actor, { pointId: input.contactPointId, accountId, creditorId: account.creditor_id,
        debtorId: account.debtor_id, state: 'invalid', reason: `outcome ${input.outcome} (attempt ${attemptId})`, at }));
    }
    // A debtor reported dead: collection stops the moment it is said (a `deceased` hold on the debtor, until a team lead
    // confirms or releases it), not when the collector remembers to place one; no promise, text or call goes meanwhile.
    if (code.followUp === 'deceased_hold') {
      await holdForReportedDeath(ctx, client, actor, { accountId, creditorId: account.creditor_id, debtorId: account.debtor_id, attemptId,
        note: input.note ?? null, english: state.contract?.pack === 'US' || state.contract?.pack === 'UK' });
    }
    // A dispute said on a contact stops collection on the account as it is logged (a `dispute` hold), not once the collector
    // files the dispute's form: the form, when filed, takes this hold as its own (open-dispute.ts).
    if (code.followUp === 'dispute_hold') {
      await holdForSaidDispute(ctx, client, actor, { accountId, creditorId: account.creditor_id, debtorId: account.debtor_id, attemptId,
        note: input.note ?? null, english: state.contract?.pack === 'US' || state.contract?.pack === 'UK' });
    }
    return { kind: 'logged', attempt_id: attemptId, decision, version } as const;
  });
  if (outcome.kind === 'refused') {
    throw await refusedContact(ctx, actor, { accountId, creditorId: outcome.creditorId, decision: outcome.decision,
      detail: { channel: input.channel, party: input.party, purpose: input.purpose, at: at.toISOString() } });
  }
  return { attempt_id: outcome.attempt_id, decision: outcome.decision, version: outcome.version };
}

/** The `deceased` hold a "reported deceased" outcome places on the debtor, unless one is already in force. */
async function holdForReportedDeath(ctx: AppContext, client: PoolClient, actor: Actor,
  r: { accountId: number; creditorId: number; debtorId: number; attemptId: number; note: string | null; english: boolean }): Promise<void> {
  if (await findOpenDebtorHold(client, r.debtorId, 'deceased') !== undefined) return;
  // In the words of those who work the account (its contract's country), as the screens' own reason reads; the collector's note after.
  const said = r.english ? `Reported deceased on a call (attempt ${r.attemptId}), to be confirmed` : `通话中告知本人已故，待核实（催记 ${r.attemptId}）`;
  const reason = `${said}${r.note?.trim() ? `${r.english ? ': ' : '：'}${r.note.trim()}` : ''}`.slice(0, 500);
  await recordHold(ctx, client, actor, { accountId: r.accountId, creditorId: r.creditorId, debtorId: r.debtorId, kind: 'deceased', scope: 'debtor',
    reason, startsOn: businessDate(ctx), endsOn: null, detail: { attempt_id: r.attemptId } });
}

/** The `dispute` hold a "disputes the debt" outcome places on the account, unless a dispute hold is already in force there. */
async function holdForSaidDispute(ctx: AppContext, client: PoolClient, actor: Actor,
  r: { accountId: number; creditorId: number; debtorId: number; attemptId: number; note: string | null; english: boolean }): Promise<void> {
  if (await findOpenAccountHold(client, r.accountId, 'dispute') !== undefined) return;
  const said = r.english ? `Disputed on a contact (attempt ${r.attemptId}), dispute to be recorded` : `沟通中提出异议，待登记异议（催记 ${r.attemptId}）`;
  const reason = `${said}${r.note?.trim() ? `${r.english ? ': ' : '：'}${r.note.trim()}` : ''}`.slice(0, 500);
  await recordHold(ctx, client, actor, { accountId: r.accountId, creditorId: r.creditorId, debtorId: r.debtorId, kind: 'dispute', scope: 'account',
    reason, startsOn: businessDate(ctx), endsOn: null, detail: { attempt_id: r.attemptId } });
}

/**
 * A contact the engine refused: the refusal itself is part of the record (audit `contact.refused`:
 * who tried what, and why it was stopped), and the CONTACT_NOT_ALLOWED error to throw carries the decision.
 */
export async function refusedContact(ctx: AppContext, actor: Actor,
  r: { accountId: number; creditorId: number; decision: Decision; detail: Record<string, unknown> }): Promise<AppError> {
  await inTransaction(ctx.pool, (client) => appendAudit(client, actor, {
    action: 'contact.refused', entity: 'account', entityId: r.accountId, creditorId: r.creditorId,
    detail: { ...r.detail, reasons: r.decision.reasons.map((reason) => reason.rule) },
  }));
  const reasons = r.decision.reasons;
  return new AppError('CONTACT_NOT_ALLOWED', { en: reasons.map((reason) => reason.message).join(' '), zh: reasons.map((reason) => reason.message_zh).join('') },
    { details: { decision: r.decision } });
}
