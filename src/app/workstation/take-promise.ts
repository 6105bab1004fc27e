import { appendAudit } from '../../db/audit-repository.ts';
import { stoppingHoldKinds } from '../../db/holds-repository.ts';
import { inTransaction, type Queryable } from '../../db/pool.ts';
import { bumpAccount, hasOpenPromise, insertPromise, timeBarFacts } from '../../db/workstation-repository.ts';
import type { LocalDate } from '../../domain/calendar.ts';
import { FINISHED_STATUSES, FINISHED_ZH, FLAG_NAMES, type FinishedStatus, type Flag } from '../../domain/compliance/index.ts';
import { AppError } from '../../domain/errors.ts';
import { currencyOfPack } from '../../domain/money.ts';
import { newYorkTimeBarNotice } from '../../domain/time-barred.ts';
import { promiseEarliestDate, promiseMaxDays, validatePromise, type PromiseInput, type PromiseProblem } from '../../domain/workstation/index.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { contactStateFor } from '../compliance/contact-state.ts';
import { debtorZonesOf } from '../compliance/situation.ts';
import { lockAccountForChange } from './account-lock.ts';

export interface TakePromiseInput {
  amountFen: number; dueDate: string; expectedVersion?: number | null;
  /** The collector read New York's notice on a debt that may be time-barred to the debtor on this call (23 NYCRR 1.3(b)). */
  timeBarNoticeRead?: boolean;
}

/**
 * New York's notice before a payment on a debt that may be time-barred is taken (23 NYCRR 1.3(b);
 * newYorkTimeBarNotice) is given on the call, before the collector takes or moves a promise: where
 * it applies, a promise the collector does not say they read it for is refused (INVALID_INPUT on
 * `time_bar_notice_read`, with where to find it). Returns whether it applied (the audit row says so).
 */
export async function requireTimeBarNoticeRead(db: Queryable, accountId: number, today: string, read: boolean | undefined): Promise<boolean> {
  const facts = await timeBarFacts(db, accountId, today);
  if (newYorkTimeBarNotice(facts.pack, facts.region_code, facts.first_delinquency_date as LocalDate, today as LocalDate, facts.creditor_name) === null) return false;
  if (read !== true) {
    throw new AppError('INVALID_INPUT', {
      en: 'This debt may be time-barred and the debtor may be in New York: read them the New York notice on the account page before taking '
        + 'or moving a promise, then tick "I read this notice to the debtor on this call" (23 NYCRR 1.3(b))',
      zh: '这笔债务可能已过诉讼时效，且债务人可能在纽约州：请先向债务人宣读案件页上的纽约州时效通知，再勾选“本次通话中已向债务人宣读此通知”，然后记录或修改承诺（23 NYCRR 1.3(b)）',
    }, { field: 'time_bar_notice_read' });
  }
  return true;
}

/**
 * The refusal for a promise with problems (validatePromise), shared with the debtor's portal:
 * CONFLICT for an open promise, INVALID_INPUT otherwise, every problem in both languages.
 */
export function promiseRefusal(first: PromiseProblem, problems: readonly PromiseProblem[]): AppError {
  return new AppError(first.code === 'promise_open' ? 'CONFLICT' : 'INVALID_INPUT',
    // Each problem is a sentence of its own.
    { en: problems.map((p) => p.message).join('. '), zh: problems.map((p) => p.message_zh).join('；'), es: problems.map((p) => p.message_es).join('. ') },
    { field: first.field, details: { problems } });
}

/**
 * A promise (or a settlement offer: `what`) is taken (or moved) only while the account is being
 * collected: not recalled, paid, settled or closed (the mandate rule), not on an approved instalment
 * plan (the arrangement while it runs), and not under a hold that stops collection (a dispute,
 * hardship under review, ...; every kind but `vulnerable`, in force as the engine reads its dates:
 * stoppingHoldKinds), which would end it at once and may not be used to press for one. CONFLICT
 * naming the reason.
 */
export async function refuseUnlessCollecting(db: Queryable, account: { id: number; debtor_id: number; status: string }, today: string,
  what: 'promise' | 'settlement' = 'promise',
  /** 'debtor': the portal's words (no case number, no hold kind: what the debtor can do instead). */
  reader: 'staff' | 'debtor' = 'staff'): Promise<void> {
  const word = what === 'promise' ? { en: 'promise', zh: '承诺' } : { en: 'settlement', zh: '减免方案' };
  const debtor = reader === 'debtor';
  if ((FINISHED_STATUSES as readonly string[]).includes(account.status)) {
    throw new AppError('CONFLICT', debtor
      ? { en: 'Nothing more is asked on this account: no promise is needed', zh: '该账户已无需还款，不需要承诺还款', es: 'No se pide nada más en esta cuenta: no hace falta una promesa de pago' }
      : { en: `Account ${account.id} is ${account.status}: no ${word.en} can be taken on it`, zh: `案件${account.id}已是“${FINISHED_ZH[account.status as FinishedStatus]}”状态，不能再记录${word.zh}` });
  }
  // An approved instalment plan is the arrangement while it runs: no second one beside it.
  if (account.status === 'in_plan') {
    throw new AppError('CONFLICT', debtor
      ? { en: 'This account is on an instalment plan: paying each instalment by its date is all that is asked',
          zh: '该账户正在履行分期还款计划：按期支付每期款项即可', es: 'Esta cuenta tiene un plan de pagos a plazos: basta con pagar cada plazo en su fecha' }
      : { en: `Account ${account.id} is on an instalment plan the creditor approved: its instalments are the arrangement while it runs; no ${word.en} beside it`,
          zh: `案件${account.id}正在履行委托方批准的分期还款计划，计划期间按期还款即可，不能再另行记录${word.zh}` });
  }
  // The holds in force as the compliance engine reads them (a UK breathing space lapses after its 60 days unless ended sooner).
  const kinds = [...new Set((await stoppingHoldKinds(db, [account.id], today)).map((h) => h.kind))];
  if (kinds.length > 0) {
    throw new AppError('CONFLICT', debtor
      ? { en: 'We have paused collection on this account, so it takes no promise for now. You may still pay, and you can write to us or call us with any question',
          zh: '我们已暂停对该账户的催收，目前不接受承诺还款。您仍可照常还款，如有疑问可来信或来电',
          es: 'Hemos pausado el cobro de esta cuenta, así que por ahora no admite promesas de pago. Puede pagar igualmente y escribirnos o llamarnos con cualquier pregunta' }
      : { en: `Collection on account ${account.id} is on hold (${kinds.map((k) => FLAG_NAMES[k as Flag]?.en ?? k).join(', ')}): no ${word.en} can be taken until the hold is lifted`,
          zh: `案件${account.id}处于停催状态（${kinds.map((k) => FLAG_NAMES[k as Flag]?.zh ?? k).join('、')}），停催解除前不能记录${word.zh}` },
    debtor ? {} : { details: { holds: kinds } });
  }
}

/**
 * The first day a promise on the account may fall due: the debtor's own today where it is still
 * the day before the business date (promiseEarliestDate over the zones the engine judges them by).
 */
export async function promiseEarliestFor(ctx: AppContext, db: Queryable, accountId: number): Promise<LocalDate> {
  const now = ctx.now();
  return promiseEarliestDate(businessDate(ctx) as LocalDate, debtorZonesOf(await contactStateFor(ctx, db, accountId, now)), now.getTime());
}

/**
 * Promise to pay (承诺还款): amount and date checked against the balance and the contract's
 * limit, one open promise per account; the account moves to `promised`.
 */
export async function takePromise(ctx: AppContext, actor: Actor, accountId: number, input: TakePromiseInput):
  Promise<{ promise_id: number; version: number }> {
  authorize(actor, 'promises.take');
  return inTransaction(ctx.pool, async (client) => {
    const account = await lockAccountForChange(ctx, client, actor, accountId, input.expectedVersion);
    await refuseUnlessCollecting(client, account, businessDate(ctx));
    const noticeRead = await requireTimeBarNoticeRead(client, accountId, businessDate(ctx), input.timeBarNoticeRead);
    const check: PromiseInput = {
      amountFen: input.amountFen, dueDate: input.dueDate, today: businessDate(ctx) as LocalDate, earliest: await promiseEarliestFor(ctx, client, accountId), balanceFen: account.balance_fen, currency: currencyOfPack(account.pack),
      maxDays: promiseMaxDays(account.terms), hasOpenPromise: await hasOpenPromise(client, account.creditor_id, accountId),
      mandateEndsOn: account.mandate_ends_on,
    };
    const problems = validatePromise(check);
    const first = problems[0];
    if (first) throw promiseRefusal(first, problems);
    const promiseId = await insertPromise(client, { creditorId: account.creditor_id, accountId, amountFen: input.amountFen,
      dueDate: input.dueDate, takenBy: actor.userId, at: ctx.now() });
    const version = await bumpAccount(client, accountId, account.status === 'active' ? 'promised' : undefined);
    await appendAudit(client, actor, { action: 'promise.take', entity: 'promise', entityId: promiseId, creditorId: account.creditor_id,
      detail: { account_id: accountId, amount_fen: input.amountFen, due_date: input.dueDate, ...(noticeRead ? { time_bar_notice_read: true } : {}) } });
    return { promise_id: promiseId, version };
  });
}
