import { inTransaction, type Queryable } from '../../db/pool.ts';
import { bumpAccount, hasOpenPromise, insertPromise, lockAccount, openPromiseOf } from '../../db/workstation-repository.ts';
import type { LocalDate } from '../../domain/calendar.ts';
import { AppError } from '../../domain/errors.ts';
import { currencyOfPack } from '../../domain/money.ts';
import { debtorPromiseProblem, promiseMaxDays, validatePromise, type PromiseInput } from '../../domain/workstation/index.ts';
import { movePromise } from '../workstation/change-promise.ts';
import { promiseEarliestFor, promiseRefusal, refuseUnlessCollecting } from '../workstation/take-promise.ts';
import { businessDate } from '../business-date.ts';
import type { AppContext } from '../context.ts';
import { ownAccount, recordAction } from './actions.ts';

/** The debtor's own promise to pay: the collector's rules (balance, the contract's date limit, one open promise). */
export async function makePortalPromise(ctx: AppContext, debtorId: number, accountId: number, input: { amountFen: number; dueDate: string }):
  Promise<{ reference: string; promise_id: number }> {
  return inTransaction(ctx.pool, async (db) => {
    const { mine, account } = await lockOwnAccount(ctx, db, debtorId, accountId);
    await refuseUnlessCollecting(db, account, businessDate(ctx), 'promise', 'debtor');
    const check: PromiseInput = { amountFen: input.amountFen, dueDate: input.dueDate, today: businessDate(ctx) as LocalDate, earliest: await promiseEarliestFor(ctx, db, accountId),
      balanceFen: account.balance_fen, currency: currencyOfPack(account.pack), maxDays: promiseMaxDays(account.terms), hasOpenPromise: await hasOpenPromise(db, account.creditor_id, accountId),
      mandateEndsOn: account.mandate_ends_on };
    const problems = validatePromise(check).map((problem) => debtorPromiseProblem(problem, check, account.pack));
    const first = problems[0];
    if (first) throw promiseRefusal(first, problems);
    const promiseId = await insertPromise(db, { creditorId: account.creditor_id, accountId, amountFen: input.amountFen, dueDate: input.dueDate, takenBy: null, at: ctx.now() });
    await bumpAccount(db, accountId, account.status === 'active' ? 'promised' : undefined);
    const { reference } = await recordAction(ctx, db, { debtorId, account: mine, kind: 'promise', summary: `${input.amountFen} fen by ${input.dueDate}`,
      detail: { promise_id: promiseId, amount_fen: input.amountFen, due_date: input.dueDate } });
    return { reference, promise_id: promiseId };
  });
}

/**
 * The debtor moves their own open promise (改约) to another date or amount, as a collector would
 * for them: the same checks, the old promise cancelled ("rescheduled: 由债务人在自助页面提交 / by the
 * debtor on the portal", read in the reader's language), the new one naming it, a reference number for the debtor.
 */
export async function movePortalPromise(ctx: AppContext, debtorId: number, accountId: number, input: { amountFen: number; dueDate: string }):
  Promise<{ reference: string; promise_id: number }> {
  return inTransaction(ctx.pool, async (db) => {
    const { mine, account } = await lockOwnAccount(ctx, db, debtorId, accountId);
    const promise = await openPromiseOf(db, account.creditor_id, accountId);
    if (!promise) throw new AppError('CONFLICT', { en: 'There is no open promise on this account to change', zh: '该账户没有可以更改的还款承诺', es: 'Esta cuenta no tiene una promesa de pago abierta que cambiar' });
    const promiseId = await movePromise(ctx, db, promise, account, { ...input, reason: '由债务人在自助页面提交 / by the debtor on the portal', by: null });
    await bumpAccount(db, accountId);
    const { reference } = await recordAction(ctx, db, { debtorId, account: mine, kind: 'promise', summary: `moved: ${input.amountFen} fen by ${input.dueDate}`,
      detail: { promise_id: promiseId, replaces: promise.id, amount_fen: input.amountFen, due_date: input.dueDate } });
    return { reference, promise_id: promiseId };
  });
}

/** One of the debtor's own accounts, locked for the change (NOT_FOUND for any other). */
async function lockOwnAccount(ctx: AppContext, db: Queryable, debtorId: number, accountId: number) {
  const mine = await ownAccount(ctx, db, debtorId, accountId);
  const account = await lockAccount(db, accountId, businessDate(ctx));
  if (!account) throw new AppError('NOT_FOUND', { en: 'No such account among yours', zh: '您名下没有这个账户', es: 'No tiene ninguna cuenta con ese número' });
  return { mine, account };
}
