import { appendAudit } from '../../db/audit-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { bumpAccount, hasOpenPromise, insertPromise } from '../../db/workstation-repository.ts';
import type { LocalDate } from '../../domain/calendar.ts';
import { FINISHED_STATUSES } from '../../domain/compliance/index.ts';
import { AppError } from '../../domain/errors.ts';
import { promiseMaxDays, validatePromise, type PromiseInput, type PromiseProblem } from '../../domain/workstation/index.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { lockAccountForChange } from './account-lock.ts';

export interface TakePromiseInput { amountFen: number; dueDate: string; expectedVersion?: number | null }

/**
 * Promise to pay (承诺还款): amount and date checked against the balance and the contract's
 * limit, one open promise per account; the account moves to `promised`.
 */
/**
 * The refusal for a promise with problems (validatePromise), shared with the debtor's portal:
 * CONFLICT for an open promise, INVALID_INPUT otherwise, every problem in both languages.
 */
export function promiseRefusal(first: PromiseProblem, problems: readonly PromiseProblem[]): AppError {
  return new AppError(first.code === 'promise_open' ? 'CONFLICT' : 'INVALID_INPUT',
    { en: problems.map((p) => p.message).join('; '), zh: problems.map((p) => p.message_zh).join('；') },
    { field: first.field, details: { problems } });
}

/** A promise is taken only on an account the agency still collects: not recalled, paid, settled or closed (the mandate rule). */
export function refuseIfNotHeld(account: { id: number; status: string }): void {
  if (!(FINISHED_STATUSES as readonly string[]).includes(account.status)) return;
  throw new AppError('CONFLICT', { en: `Account ${account.id} is ${account.status}: no promise can be taken on it`, zh: `案件${account.id}已${STATUS_ZH[account.status] ?? account.status}，不能再记录承诺` });
}
const STATUS_ZH: Record<string, string> = { recalled: '退案', paid: '结清', settled: '减免结清', closed: '关闭' };

export async function takePromise(ctx: AppContext, actor: Actor, accountId: number, input: TakePromiseInput):
  Promise<{ promise_id: number; version: number }> {
  authorize(actor, 'promises.take');
  return inTransaction(ctx.pool, async (client) => {
    const account = await lockAccountForChange(ctx, client, actor, accountId, input.expectedVersion);
    refuseIfNotHeld(account);
    const check: PromiseInput = {
      amountFen: input.amountFen, dueDate: input.dueDate, today: businessDate(ctx) as LocalDate, balanceFen: account.balance_fen,
      maxDays: promiseMaxDays(account.terms), hasOpenPromise: await hasOpenPromise(client, account.creditor_id, accountId),
    };
    const problems = validatePromise(check);
    const first = problems[0];
    if (first) throw promiseRefusal(first, problems);
    const promiseId = await insertPromise(client, { creditorId: account.creditor_id, accountId, amountFen: input.amountFen,
      dueDate: input.dueDate, takenBy: actor.userId, at: ctx.now() });
    const version = await bumpAccount(client, accountId, account.status === 'active' ? 'promised' : undefined);
    await appendAudit(client, actor, { action: 'promise.take', entity: 'promise', entityId: promiseId, creditorId: account.creditor_id,
      detail: { account_id: accountId, amount_fen: input.amountFen, due_date: input.dueDate } });
    return { promise_id: promiseId, version };
  });
}
