import { addDays, parseLocalDate } from '../calendar.ts';
import { invalidInput } from '../errors.ts';

/** Default credit window after a handover, in days (issue: "default 7 days"). */
export const DEFAULT_CREDIT_DAYS = 7;
export const MAX_CREDIT_DAYS = 365;

/**
 * Recorded when an account moves away from the collector who took its open promise:
 * payments on the account paid from takenOn to creditUntil (inclusive) count for them.
 */
export interface PromiseCredit {
  promiseId: number;
  accountId: number;
  collectorId: number;
  /** Business date the promise was taken. */
  takenOn: string;
  creditUntil: string;
}

export interface PaymentFact { accountId: number; paidOn: string }

export type CreditBasis = 'promise_credit' | 'owner' | 'none';

export interface CreditDecision { collectorId: number | null; basis: CreditBasis; promiseId: number | null }

export function parseCreditDays(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_CREDIT_DAYS) {
    throw invalidInput({
      en: `The credit window must be a whole number of days from 0 to ${MAX_CREDIT_DAYS}, not ${value}`,
      zh: `业绩保留期必须是0到${MAX_CREDIT_DAYS}之间的整数天数，不能是${value}`,
    }, 'credit_days');
  }
  return value;
}

/** Last day of the window opened by a handover on `handoverDate` (a business date). */
export function creditUntil(handoverDate: string, days: number): string {
  return addDays(parseLocalDate(handoverDate), parseCreditDays(days));
}

/**
 * Who a payment counts for. A promise credit of the payment's account whose window covers
 * the payment day wins (the most recent promise when several do); otherwise the collector who
 * owned the account at the end of the payment day (`ownerOnPaidOn`); otherwise nobody.
 */
export function creditedCollector(payment: PaymentFact, credits: readonly PromiseCredit[], ownerOnPaidOn: number | null): CreditDecision {
  let best: PromiseCredit | undefined;
  for (const c of credits) {
    if (c.accountId !== payment.accountId || payment.paidOn < c.takenOn || payment.paidOn > c.creditUntil) continue;
    if (!best || c.takenOn > best.takenOn || (c.takenOn === best.takenOn && c.promiseId > best.promiseId)) best = c;
  }
  if (best) return { collectorId: best.collectorId, basis: 'promise_credit', promiseId: best.promiseId };
  if (ownerOnPaidOn !== null) return { collectorId: ownerOnPaidOn, basis: 'owner', promiseId: null };
  return { collectorId: null, basis: 'none', promiseId: null };
}
