import { appendAudit } from '../../db/audit-repository.ts';
import { insertCase, listCasesForAccount, lockCaseAccount } from '../../db/cases-repository.ts';
import { insertHold, lockUnclaimedAccountHold } from '../../db/holds-repository.ts';
import { setSubstantiationDue } from '../../db/validation-notices-repository.ts';
import { inTransaction, type PoolClient } from '../../db/pool.ts';
import { COMPLAINT_CHANNELS, DISPUTE_REASONS, type ComplaintChannel, type DisputeReason } from '../../domain/cases/index.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { accountInScope, debtorActor, notFound, requireText, type CaseOrigin } from './case-access.ts';

export interface OpenDisputeInput {
  /** wrong_amount | not_mine | already_paid */
  reason: DisputeReason;
  /** The debtor's own words. */
  description: string;
  /** How it reached us (staff origin; the portal origin is always 'portal'). */
  channel?: ComplaintChannel;
}

/** Resolves who acts and checks the account is theirs: the staff actor's scope, or the debtor's own account. */
export async function caseAccount(client: PoolClient, origin: CaseOrigin, accountId: number, permission: 'disputes.open' | 'complaints.open') {
  if (origin.kind === 'staff') {
    authorize(origin.actor, permission);
    await accountInScope(client, origin.actor, accountId);
  }
  const actor: Actor = origin.kind === 'staff' ? origin.actor : debtorActor(origin.debtorId);
  return { actor, userId: origin.kind === 'staff' ? origin.actor.userId : null };
}

/**
 * Opens a dispute (the debtor says the debt is wrong, not theirs, or already paid): a
 * `dispute` hold goes on the account in the same transaction, so collection contact stops
 * at once (or the one already there that no case holds becomes the dispute's: logging a "disputes"
 * outcome placed it), and the creditor's users are asked to verify (their Cases inbox). A New York debtor's
 * dispute of a charged-off debt is due in 60 days (its substantiation, 23 NYCRR 1.4).
 * Callable by staff or, with origin { kind: 'debtor', debtorId, channel: 'portal' }, by the
 * self-service portal on the debtor's own account.
 */
export async function openDispute(ctx: AppContext, origin: CaseOrigin, accountId: number, input: OpenDisputeInput):
  Promise<{ id: number; hold_id: number }> {
  if (!(DISPUTE_REASONS as readonly string[]).includes(input.reason)) {
    throw invalidInput({
      en: `Dispute reason "${input.reason}" is not one of ${DISPUTE_REASONS.join(', ')}`,
      zh: `异议原因“${input.reason}”无效，须为 ${DISPUTE_REASONS.join('、')} 之一`,
    }, 'reason');
  }
  const channel = origin.kind === 'debtor' ? 'portal' : (input.channel ?? 'phone');
  if (!(COMPLAINT_CHANNELS as readonly string[]).includes(channel)) {
    throw invalidInput({ en: `Channel "${channel}" is not known`, zh: `未知的渠道“${channel}”` }, 'channel');
  }
  const description = requireText(input.description, 'description', { en: "The debtor's words", zh: '债务人原话' });
  const today = businessDate(ctx);
  return inTransaction(ctx.pool, async (client) => {
    const { actor, userId } = await caseAccount(client, origin, accountId, 'disputes.open');
    const account = await lockCaseAccount(client, accountId, today);
    if (!account || (origin.kind === 'debtor' && account.debtor_id !== origin.debtorId)) throw notFound('Account', accountId);
    const open = (await listCasesForAccount(client, accountId)).find((c) => c.kind === 'dispute' && c.status === 'open');
    if (open) {
      // The debtor (a page opened before their dispute went) is told in their words; staff get the case's number.
      throw new AppError('CONFLICT', origin.kind === 'debtor'
        ? {
          en: 'You already have a dispute open on this debt, and we will answer it. To add anything to it, call or write to us.',
          zh: '这笔债务已有一项处理中的异议，我们会答复您。如需补充说明，请致电或来信。',
          es: 'Ya tiene una disputa abierta sobre esta deuda y le responderemos. Para agregar algo, llámenos o escríbanos.',
        }
        : {
          en: `Account ${accountId} already has an open dispute (${open.id}); add to it instead`,
          zh: `账户 ${accountId} 已有一项处理中的异议（${open.id}）；请在该异议中补充`,
        });
    }
    // The hold's kind says what it is (in the reader's words, on every screen); its reason is the debtor's own (the dispute's reason is on the case).
    // A dispute hold already on the account and no case's (the dispute said on a call, as it was logged) becomes this dispute's.
    const placed = await lockUnclaimedAccountHold(client, accountId, 'dispute');
    if (placed !== undefined) await client.query('UPDATE holds SET reason = $2 WHERE id = $1', [placed, description.slice(0, 500)]);
    const holdId = placed ?? await insertHold(client, { debtorId: account.debtor_id, creditorId: account.creditor_id, accountId, kind: 'dispute',
      reason: description.slice(0, 500), setBy: userId, startsOn: today, endsOn: null, at: ctx.now() });
    const id = await insertCase(client, {
      creditorId: account.creditor_id, accountId, kind: 'dispute', channel, description, disputeReason: input.reason,
      origin: origin.kind === 'debtor' ? 'portal' : 'staff', openedBy: userId, attemptIds: [], recordingRef: null,
      collectorId: account.collector_id, holdId, teamId: account.team_id, openedOn: today, dueOn: null, at: ctx.now(),
    });
    // A New York debtor's dispute of a charged-off debt is taken as the request for its substantiation: due in 60 days.
    const substantiateBy = await setSubstantiationDue(client, account.creditor_id, id, today);
    await appendAudit(client, actor, { action: 'dispute.open', entity: 'dispute', entityId: id, creditorId: account.creditor_id,
      detail: { account_id: accountId, reason: input.reason, channel, origin: origin.kind, hold_id: holdId, ...(placed !== undefined ? { hold_taken_over: true } : {}), ...(substantiateBy ? { substantiate_by: substantiateBy } : {}) } });
    if (placed === undefined) {
      await appendAudit(client, actor, { action: 'hold.place', entity: 'hold', entityId: holdId, creditorId: account.creditor_id,
        detail: { account_id: accountId, debtor_id: account.debtor_id, kind: 'dispute', scope: 'account', dispute_id: id, starts_on: today } });
    }
    return { id, hold_id: holdId };
  });
}
