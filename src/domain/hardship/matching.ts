/**
 * Active instalment plans (分期还款计划): which instalments the debtor's payments cover, and
 * what that makes of the plan on a business date. Pure: the payments come in as rows.
 *
 * - Payments count from the plan's start date to the business date, both inclusive (money
 *   paid before the plan was agreed was not paid for it; money paid later is not yet known).
 * - They are applied in date order to the instalments in order, oldest first; the running
 *   total can fall (a reversal), and an instalment is covered only while the total covers
 *   it and every instalment before it. Money beyond the plan total is not carried anywhere.
 * - An instalment is covered on the first date from which the running total stayed at or
 *   above everything due up to and including it.
 * - Completed: every instalment covered. Defaulted: an instalment not fully covered once
 *   the business date is past its due date + the contract's grace days (calendar days, as
 *   for promises to pay: src/domain/promises/evaluate.ts). Otherwise active.
 */
import { addDays, compareDates } from '../calendar.ts';
import type { LocalDate } from '../calendar.ts';
import type { Fen } from '../money.ts';

export interface ScheduledInstalment { n: number; dueDate: LocalDate; amountFen: Fen }
export interface PlanPayment { amountFen: Fen; paidOn: LocalDate }
export interface MatchedInstalment extends ScheduledInstalment { paidFen: number; paidOn: LocalDate | null }

export type PlanOutcome =
  | { status: 'active' }
  | { status: 'completed'; completedOn: LocalDate }
  | { status: 'defaulted'; missed: number; dueDate: LocalDate };

/** Payments that count for a plan started on `startDate`, as known on `asOf`, in date order. */
export function countedPayments(payments: readonly PlanPayment[], startDate: LocalDate, asOf: LocalDate): PlanPayment[] {
  return payments
    .filter((p) => compareDates(p.paidOn, startDate) >= 0 && compareDates(p.paidOn, asOf) <= 0)
    .map((p, i) => ({ p, i }))
    .sort((a, b) => compareDates(a.p.paidOn, b.p.paidOn) || a.i - b.i)
    .map(({ p }) => p);
}

export function matchInstalments(instalments: readonly ScheduledInstalment[], payments: readonly PlanPayment[],
  startDate: LocalDate, asOf: LocalDate): MatchedInstalment[] {
  const ordered = [...instalments].sort((a, b) => a.n - b.n);
  const dueThrough: bigint[] = [];
  let cumulative = 0n;
  for (const i of ordered) { cumulative += BigInt(i.amountFen); dueThrough.push(cumulative); }

  // An instalment of 0 (a plan smaller than its months in fen) is covered from the start.
  const coveredOn: Array<LocalDate | null> = dueThrough.map((due) => (due <= 0n ? startDate : null));
  let running = 0n;
  const counted = countedPayments(payments, startDate, asOf);
  for (let k = 0; k < counted.length; k++) {
    const payment = counted[k]!;
    running += BigInt(payment.amountFen);
    // Several payments on one day: judge the day's closing total.
    if (k + 1 < counted.length && counted[k + 1]!.paidOn === payment.paidOn) continue;
    const level = running < 0n ? 0n : running; // a net reversal cannot uncover an instalment of 0
    dueThrough.forEach((due, idx) => {
      if (level < due) coveredOn[idx] = null;
      else if (coveredOn[idx] === null) coveredOn[idx] = payment.paidOn;
    });
  }
  return ordered.map((i, idx) => {
    const before = idx === 0 ? 0n : dueThrough[idx - 1]!;
    const towards = running - before;
    const paid = towards <= 0n ? 0n : towards >= BigInt(i.amountFen) ? BigInt(i.amountFen) : towards;
    return { ...i, paidFen: Number(paid), paidOn: coveredOn[idx]! };
  });
}

export function isCovered(i: MatchedInstalment): boolean {
  return i.paidFen >= i.amountFen;
}

/** What the matched instalments make of the plan on `asOf`. */
export function planOutcome(matched: readonly MatchedInstalment[], asOf: LocalDate, graceDays: number): PlanOutcome {
  if (matched.length > 0 && matched.every(isCovered)) {
    const completedOn = matched.reduce<LocalDate>((latest, i) => (compareDates(i.paidOn!, latest) > 0 ? i.paidOn! : latest), matched[0]!.paidOn!);
    return { status: 'completed', completedOn };
  }
  const missed = matched.find((i) => !isCovered(i) && compareDates(asOf, addDays(i.dueDate, graceDays)) > 0);
  if (missed) return { status: 'defaulted', missed: missed.n, dueDate: missed.dueDate };
  return { status: 'active' };
}
