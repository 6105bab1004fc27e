import { appendAudit } from '../../db/audit-repository.ts';
import { attemptsOfAccount, insertCase, lockCaseAccount } from '../../db/cases-repository.ts';
import { insertHold } from '../../db/holds-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { COMPLAINT_CHANNELS, complaintDeadline, COMPLAINT_INVESTIGATION_DAYS, type ComplaintChannel } from '../../domain/cases/index.ts';
import { countryOfPack } from '../../domain/country.ts';
import { invalidInput } from '../../domain/errors.ts';
import { businessDate } from '../business-date.ts';
import type { AppContext } from '../context.ts';
import { notFound, requireText, type CaseOrigin } from './case-access.ts';
import { caseAccount } from './open-dispute.ts';

export interface OpenComplaintInput {
  /** phone | online | creditor (forwarded by the bank) | regulator | letter | visit (staff); the portal origin is always 'portal'. */
  channel?: ComplaintChannel;
  description: string;
  /** The contact attempts complained about (of this account). */
  attemptIds?: number[];
  /** The call recording reference; by default the first one among the attempts. */
  recordingRef?: string | null;
}

/**
 * Opens a complaint (投诉): a `complaint_review` hold goes on the account at once; the
 * complaint names the attempts, the recording and the collector (the attempts' collector,
 * else the account's), and goes to the team supervisor with a deadline of 5 Chinese
 * business days (contract terms `complaint_days` may change it). Callable by staff or, with
 * origin { kind: 'debtor', debtorId, channel: 'portal' }, by the self-service portal.
 */
export async function openComplaint(ctx: AppContext, origin: CaseOrigin, accountId: number, input: OpenComplaintInput):
  Promise<{ id: number; hold_id: number; due_on: string; collector_id: number | null }> {
  const channel = origin.kind === 'debtor' ? 'portal' : (input.channel ?? 'phone');
  if (!(COMPLAINT_CHANNELS as readonly string[]).includes(channel)) {
    throw invalidInput({
      en: `Channel "${channel}" is not one of ${COMPLAINT_CHANNELS.join(', ')}`,
      zh: `渠道“${channel}”无效，须为 ${COMPLAINT_CHANNELS.join('、')} 之一`,
    }, 'channel');
  }
  const description = requireText(input.description, 'description', { en: 'What the debtor complains about', zh: '投诉内容' });
  const attemptIds = [...new Set(input.attemptIds ?? [])];
  if (attemptIds.some((id) => !Number.isSafeInteger(id) || id <= 0)) {
    throw invalidInput({ en: 'attempt_ids must be attempt ids', zh: 'attempt_ids 须为催记编号' }, 'attempt_ids');
  }
  const today = businessDate(ctx);
  return inTransaction(ctx.pool, async (client) => {
    const { actor, userId } = await caseAccount(client, origin, accountId, 'complaints.open');
    const account = await lockCaseAccount(client, accountId, today);
    if (!account || (origin.kind === 'debtor' && account.debtor_id !== origin.debtorId)) throw notFound('Account', accountId);
    const attempts = await attemptsOfAccount(client, account.creditor_id, accountId, attemptIds);
    if (attempts.length !== attemptIds.length) {
      const missing = attemptIds.filter((id) => !attempts.some((a) => a.id === id));
      throw invalidInput({
        en: `Contact attempt(s) ${missing.join(', ')} are not on account ${accountId}`,
        zh: `催记 ${missing.join('、')} 不属于账户 ${accountId}`,
      }, 'attempt_ids');
    }
    const collectorId = attempts.find((a) => a.collector_id !== null)?.collector_id ?? account.collector_id;
    const recordingRef = input.recordingRef?.trim() || attempts.find((a) => a.recording_ref)?.recording_ref || null;
    const days = typeof account.terms?.complaint_days === 'number' ? account.terms.complaint_days : COMPLAINT_INVESTIGATION_DAYS;
    const dueOn = complaintDeadline(today, days, countryOfPack(account.pack));
    const holdId = await insertHold(client, { debtorId: account.debtor_id, creditorId: account.creditor_id, accountId, kind: 'complaint_review',
      // The hold's kind says what it is (in the reader's words, on every screen); its reason is the debtor's own.
      reason: description.slice(0, 500), setBy: userId, startsOn: today, endsOn: null, at: ctx.now() });
    const id = await insertCase(client, {
      creditorId: account.creditor_id, accountId, kind: 'complaint', channel, description, disputeReason: null,
      origin: origin.kind === 'debtor' ? 'portal' : 'staff', openedBy: userId, attemptIds, recordingRef, collectorId, holdId,
      teamId: account.team_id, openedOn: today, dueOn, at: ctx.now(),
    });
    await appendAudit(client, actor, { action: 'complaint.open', entity: 'complaint', entityId: id, creditorId: account.creditor_id,
      detail: { account_id: accountId, channel, origin: origin.kind, attempt_ids: attemptIds, recording_ref: recordingRef, collector_id: collectorId,
        due_on: dueOn, hold_id: holdId } });
    await appendAudit(client, actor, { action: 'hold.place', entity: 'hold', entityId: holdId, creditorId: account.creditor_id,
      detail: { account_id: accountId, debtor_id: account.debtor_id, kind: 'complaint_review', scope: 'account', complaint_id: id, starts_on: today } });
    return { id, hold_id: holdId, due_on: dueOn, collector_id: collectorId };
  });
}
