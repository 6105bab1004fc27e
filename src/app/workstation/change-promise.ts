import { appendAudit } from '../../db/audit-repository.ts';
import { inTransaction, type Queryable } from '../../db/pool.ts';
import { bumpAccount, cancelPromiseRow, findPromiseForUpdate, insertPromise, promiseAccountId, type LockedAccount, type OpenPromise } from '../../db/workstation-repository.ts';
import type { LocalDate } from '../../domain/calendar.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { currencyOfPack } from '../../domain/money.ts';
import { debtorPromiseProblem, promiseMaxDays, validatePromise } from '../../domain/workstation/index.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { lockAccountForChange } from './account-lock.ts';
import { promiseEarliestFor, promiseRefusal, refuseUnlessCollecting, requireTimeBarNoticeRead } from './take-promise.ts';

export interface CancelPromiseInput { reason: string; expectedVersion?: number | null }
export interface ReschedulePromiseInput extends CancelPromiseInput {
  amountFen: number; dueDate: string;
  /** New York's notice on a debt that may be time-barred was read on this call (requireTimeBarNoticeRead). */
  timeBarNoticeRead?: boolean;
}

/**
 * Cancels an open promise to pay (取消承诺): the debtor withdrew it, or it was taken by mistake.
 * With the reason, on an account the actor may work; the account leaves `promised` for the
 * queue. A cancelled promise is neither kept nor broken.
 */
export async function cancelPromise(ctx: AppContext, actor: Actor, promiseId: number, input: CancelPromiseInput): Promise<{ promise_id: number; version: number }> {
  authorize(actor, 'promises.take');
  const reason = requireReason(input.reason);
  return inTransaction(ctx.pool, async (client) => {
    const { promise, account } = await lockOpenPromise(ctx, client, actor, promiseId, input.expectedVersion);
    await cancelPromiseRow(client, { creditorId: promise.creditor_id, promiseId, reason, by: actor.userId, at: ctx.now() });
    const version = await bumpAccount(client, promise.account_id, account.status === 'promised' ? 'active' : undefined);
    await appendAudit(client, actor, { action: 'promise.cancel', entity: 'promise', entityId: promiseId, creditorId: promise.creditor_id,
      detail: { account_id: promise.account_id, reason } });
    return { promise_id: promiseId, version };
  });
}

/**
 * Moves an open promise (改约): the debtor asks for another date or amount before this one is
 * due or broken. The old promise is cancelled with the reason and a new one, checked as any
 * promise is (above zero, not above the balance, within the contract's days), replaces it and
 * names it; in one transaction, so the account is never without its promise or with two.
 */
export async function reschedulePromise(ctx: AppContext, actor: Actor, promiseId: number, input: ReschedulePromiseInput):
  Promise<{ promise_id: number; replaces: number; version: number }> {
  authorize(actor, 'promises.take');
  const reason = requireReason(input.reason);
  return inTransaction(ctx.pool, async (client) => {
    const { promise, account } = await lockOpenPromise(ctx, client, actor, promiseId, input.expectedVersion);
    const noticeRead = await requireTimeBarNoticeRead(client, promise.account_id, businessDate(ctx), input.timeBarNoticeRead);
    const newId = await movePromise(ctx, client, promise, account, { amountFen: input.amountFen, dueDate: input.dueDate, reason, by: actor.userId });
    const version = await bumpAccount(client, promise.account_id);
    await appendAudit(client, actor, { action: 'promise.reschedule', entity: 'promise', entityId: newId, creditorId: promise.creditor_id,
      detail: { account_id: promise.account_id, replaces: promiseId, reason, from: { amount_fen: promise.amount_fen, due_date: promise.due_date },
        to: { amount_fen: input.amountFen, due_date: input.dueDate }, ...(noticeRead ? { time_bar_notice_read: true } : {}) } });
    return { promise_id: newId, replaces: promiseId, version };
  });
}

/**
 * The move itself, shared by staff and the debtor's portal (the account locked by the caller): the
 * new promise checked as any promise is and not the same as the old, the old one cancelled with
 * `rescheduled: <reason>`, the new one naming it. Returns the new promise's id.
 */
export async function movePromise(ctx: AppContext, db: Queryable, promise: OpenPromise, account: LockedAccount,
  input: { amountFen: number; dueDate: string; reason: string; /** null: the debtor on the portal (refusals in their words). */ by: number | null }): Promise<number> {
  await refuseUnlessCollecting(db, account, businessDate(ctx), 'promise', input.by === null ? 'debtor' : 'staff');
  const check = { amountFen: input.amountFen, dueDate: input.dueDate, today: businessDate(ctx) as LocalDate,
    earliest: await promiseEarliestFor(ctx, db, promise.account_id),
    balanceFen: account.balance_fen, currency: currencyOfPack(account.pack), maxDays: promiseMaxDays(account.terms), hasOpenPromise: false, mandateEndsOn: account.mandate_ends_on };
  // The debtor on the portal reads the dates as their letters write them.
  const problems = validatePromise(check).map((problem) => input.by === null ? debtorPromiseProblem(problem, check, account.pack) : problem);
  const first = problems[0];
  if (first) throw promiseRefusal(first, problems);
  if (input.amountFen === promise.amount_fen && input.dueDate === promise.due_date) {
    throw invalidInput({ en: 'The new promise is the same as the old one: change the date or the amount', zh: '新承诺与原承诺相同：请修改日期或金额',
      es: 'La nueva promesa es igual a la anterior: cambie la fecha o el monto' }, 'due_date');
  }
  const at = ctx.now();
  await cancelPromiseRow(db, { creditorId: promise.creditor_id, promiseId: promise.id, reason: `rescheduled: ${input.reason}`, by: input.by, at });
  return insertPromise(db, { creditorId: promise.creditor_id, accountId: promise.account_id, amountFen: input.amountFen,
    dueDate: input.dueDate, takenBy: input.by, at, rescheduledFrom: promise.id });
}

function requireReason(text: string): string {
  const reason = text.trim();
  if (!reason) throw invalidInput({ en: 'Say why the promise changes', zh: '请填写原因' }, 'reason');
  return reason;
}

/** The promise and its account, the account locked first (as every change to an account), in the actor's scope; only an open promise. */
async function lockOpenPromise(ctx: AppContext, client: Queryable, actor: Actor, promiseId: number, expectedVersion: number | null | undefined) {
  const missing = new AppError('NOT_FOUND', { en: `Promise ${promiseId} does not exist or is not yours to see`, zh: `承诺${promiseId}不存在，或不在您的查看范围内` });
  const accountId = await promiseAccountId(client, promiseId);
  if (accountId === undefined) throw missing;
  const account = await lockAccountForChange(ctx, client, actor, accountId, expectedVersion, missing);
  const promise = (await findPromiseForUpdate(client, promiseId)) as OpenPromise & { status: string };
  if (promise.status !== 'open') {
    throw new AppError('CONFLICT', { en: `Promise ${promiseId} is ${promise.status.replace('_', ' ')}, no longer open`, zh: `承诺${promiseId}已结束（${STATUS_ZH[promise.status] ?? promise.status}），不能再修改` });
  }
  return { promise, account };
}

const STATUS_ZH: Record<string, string> = { kept: '已履约', partially_kept: '部分履约', broken: '已违约', cancelled: '已取消' };
