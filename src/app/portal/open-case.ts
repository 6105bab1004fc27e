import { inTransaction } from '../../db/pool.ts';
import { listFinishedAccounts, listReturnedAccounts } from '../../db/portal-repository.ts';
import { addDays, type LocalDate } from '../../domain/calendar.ts';
import { DISPUTE_REASONS, type DisputeReason } from '../../domain/cases/index.ts';
import { invalidInput } from '../../domain/errors.ts';
import { openComplaint } from '../cases/open-complaint.ts';
import { openDispute } from '../cases/open-dispute.ts';
import { businessDate } from '../business-date.ts';
import type { AppContext } from '../context.ts';
import { ownAccount, recordAction } from './actions.ts';
import { FINISHED_SHOWN_DAYS } from './overview.ts';

/**
 * An account of the debtor's that a complaint may be about: one being collected, or one shown as
 * finished (paid off, settled) or returned to the bank: how the agency treated the debtor stays open
 * to complaint after the debt is over. NOT_FOUND otherwise, as ownAccount.
 */
async function complainableAccount(ctx: AppContext, debtorId: number, accountId: number): Promise<{ id: number; creditor_id: number }> {
  const today = businessDate(ctx);
  const since = addDays(today as LocalDate, -FINISHED_SHOWN_DAYS);
  const [finished, returned] = await Promise.all([listFinishedAccounts(ctx.pool, debtorId, since, ctx.agencyZone, today), listReturnedAccounts(ctx.pool, debtorId, since, today)]);
  const closed = [...finished, ...returned].find((a) => a.id === accountId);
  return closed === undefined ? ownAccount(ctx, ctx.pool, debtorId, accountId) : { id: closed.id, creditor_id: closed.creditor_id };
}

/**
 * A dispute (the debt is wrong, not mine, already paid) or a complaint (how we treated the
 * debtor), filed from the portal through the cases use cases with the portal origin: the
 * same case, hold (`dispute` / `complaint_review`) and inbox as the staff flow. The portal's
 * reference number is recorded right after, in its own transaction.
 */
export async function openPortalCase(ctx: AppContext, debtorId: number, accountId: number,
  input: { kind: 'dispute' | 'complaint'; description: string; reason?: string }): Promise<{ reference: string; case_id: number; hold_id: number }> {
  const description = input.description.trim();
  if (description.length < 10) throw invalidInput({ en: 'Describe the problem in at least 10 characters', zh: '请至少用10个字说明问题', es: 'Describa el problema en al menos 10 caracteres' }, 'description');
  if (description.length > 4000) throw invalidInput({ en: 'The description is longer than 4,000 characters', zh: '说明不能超过4,000字', es: 'La descripción tiene más de 4,000 caracteres' }, 'description');
  const account = input.kind === 'complaint' ? await complainableAccount(ctx, debtorId, accountId) : await ownAccount(ctx, ctx.pool, debtorId, accountId);
  const origin = { kind: 'debtor' as const, debtorId, channel: 'portal' as const };
  let opened: { id: number; hold_id: number };
  if (input.kind === 'dispute') {
    if (!(DISPUTE_REASONS as readonly string[]).includes(input.reason ?? '')) {
      throw invalidInput({ en: `reason must be one of ${DISPUTE_REASONS.join(', ')}`, zh: `请从以下异议原因中选择一个：${DISPUTE_REASONS.join(', ')}`, es: 'Elija uno de los motivos de la disputa' }, 'reason');
    }
    opened = await openDispute(ctx, origin, accountId, { reason: input.reason as DisputeReason, description });
  } else {
    opened = await openComplaint(ctx, origin, accountId, { description });
  }
  const { reference } = await inTransaction(ctx.pool, (db) => recordAction(ctx, db, { debtorId, account, kind: input.kind,
    summary: description.slice(0, 120), detail: { case_id: opened.id, hold_id: opened.hold_id, ...(input.reason ? { reason: input.reason } : {}) } }));
  return { reference, case_id: opened.id, hold_id: opened.hold_id };
}
