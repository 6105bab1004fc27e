/**
 * Promise to pay (承诺还款) evaluation, as DOMAIN.md "How an account moves" states it:
 * payment on or before the date, in full -> kept; less -> partially kept; nothing by
 * date + grace -> broken. Read precisely, with the contract's grace period G (days):
 *
 * - Payments count from the day the promise was taken to its due date + G, both inclusive
 *   (a payment made before the promise was taken was not made for it).
 * - Paid in full within that window: kept, as soon as the money is there (a debtor who pays
 *   early has kept their word; we do not wait for the date).
 * - The window has closed (business date > due date + G): paid something but less -> partially
 *   kept; paid nothing -> broken.
 * - Otherwise the promise stays open.
 *
 * The database applies the same rules set-based (src/db/strategy-repository.ts); the
 * integration tests hold the two to the same answers.
 */
import { addDays, compareDates } from '../calendar.ts';
import type { LocalDate } from '../calendar.ts';
import { invalidInput } from '../errors.ts';
import type { Fen } from '../money.ts';

export type PromiseOutcome = 'open' | 'kept' | 'partially_kept' | 'broken';

export interface PromiseToPay {
  amountFen: Fen;
  /** The day the debtor promised to pay by. */
  dueDate: LocalDate;
  /** The business date the promise was taken. */
  takenOn: LocalDate;
}

export interface PaymentMade { amountFen: Fen; paidOn: LocalDate }

/** Default grace when the contract says nothing (terms.promise_grace_days). */
export const DEFAULT_GRACE_DAYS = 3;
/** A grace longer than a month would hide broken promises for a whole bucket. */
export const MAX_GRACE_DAYS = 30;

/** The last day a payment still counts for the promise. */
export function promiseWindowEnd(promise: PromiseToPay, graceDays: number): LocalDate {
  checkGrace(graceDays);
  return addDays(promise.dueDate, graceDays);
}

/** Sum of the payments that count for the promise, as of the business date. */
export function paidTowardPromise(promise: PromiseToPay, payments: readonly PaymentMade[], graceDays: number, businessDate: LocalDate): bigint {
  const windowEnd = promiseWindowEnd(promise, graceDays);
  let paid = 0n;
  for (const payment of payments) {
    if (compareDates(payment.paidOn, promise.takenOn) < 0) continue;
    if (compareDates(payment.paidOn, windowEnd) > 0) continue;
    if (compareDates(payment.paidOn, businessDate) > 0) continue; // not yet known on that date
    paid += BigInt(payment.amountFen);
  }
  return paid;
}

export function evaluatePromise(promise: PromiseToPay, payments: readonly PaymentMade[], graceDays: number, businessDate: LocalDate): PromiseOutcome {
  const paid = paidTowardPromise(promise, payments, graceDays, businessDate);
  if (paid >= BigInt(promise.amountFen)) return 'kept';
  if (compareDates(businessDate, promiseWindowEnd(promise, graceDays)) <= 0) return 'open';
  return paid > 0n ? 'partially_kept' : 'broken';
}

/** Reads the grace period from a contract's terms (older contracts say grace_days); absent means the default. */
export function graceDaysOf(terms: Readonly<Record<string, unknown>>): number {
  const value = terms['promise_grace_days'] ?? terms['grace_days'];
  if (value === undefined || value === null) return DEFAULT_GRACE_DAYS;
  if (typeof value !== 'number') {
    throw invalidInput({
      en: `promise_grace_days must be a whole number of days, got ${JSON.stringify(value)}`,
      zh: `promise_grace_days（承诺还款宽限期）须为整数天数，当前为 ${JSON.stringify(value)}`,
    }, 'promise_grace_days');
  }
  checkGrace(value);
  return value;
}

function checkGrace(graceDays: number): void {
  if (!Number.isSafeInteger(graceDays) || graceDays < 0 || graceDays > MAX_GRACE_DAYS) {
    throw invalidInput({
      en: `A promise grace period must be 0-${MAX_GRACE_DAYS} whole days, got ${String(graceDays)}`,
      zh: `承诺还款宽限期须为 0-${MAX_GRACE_DAYS} 的整数天数，当前为 ${String(graceDays)}`,
    }, 'promise_grace_days');
  }
}
