/**
 * Promise to pay (承诺还款) validation: an amount above zero and not above the balance, a due
 * date from today (the business date) up to the contract's limit, and at most one open
 * promise per account. Every problem is reported, each naming its field.
 */
import { addDays, compareDates, isLocalDate, type LocalDate } from '../calendar.ts';

/** When the contract says nothing (terms.promise_max_days): a promise is for the next 30 days. */
export const DEFAULT_PROMISE_MAX_DAYS = 30;

export interface PromiseInput {
  amountFen: number;
  dueDate: string;
  today: LocalDate;
  balanceFen: number;
  maxDays: number;
  hasOpenPromise: boolean;
}

export interface PromiseProblem { field: 'amount_fen' | 'due_date' | 'account'; code: string; message: string }

export function validatePromise(p: PromiseInput): PromiseProblem[] {
  const problems: PromiseProblem[] = [];
  if (!Number.isSafeInteger(p.amountFen) || p.amountFen <= 0) {
    problems.push({ field: 'amount_fen', code: 'amount_not_positive', message: 'The promised amount must be a whole number of fen above zero' });
  } else if (p.amountFen > p.balanceFen) {
    problems.push({ field: 'amount_fen', code: 'amount_over_balance', message: `The promised amount is more than the balance (${p.balanceFen} fen)` });
  }
  if (!isLocalDate(p.dueDate)) {
    problems.push({ field: 'due_date', code: 'date_invalid', message: `"${p.dueDate}" is not a date YYYY-MM-DD` });
  } else {
    const latest = promiseLatestDate(p.today, p.maxDays);
    if (compareDates(p.dueDate, p.today) < 0) {
      problems.push({ field: 'due_date', code: 'date_past', message: `The promise date ${p.dueDate} is in the past; today is ${p.today}` });
    } else if (compareDates(p.dueDate, latest) > 0) {
      problems.push({ field: 'due_date', code: 'date_beyond_limit',
        message: `The promise date ${p.dueDate} is beyond the contract's limit of ${p.maxDays} days (latest ${latest})` });
    }
  }
  if (p.hasOpenPromise) {
    problems.push({ field: 'account', code: 'promise_open', message: 'This account already has an open promise; it must be kept, broken or cancelled first' });
  }
  return problems;
}

export function promiseLatestDate(today: LocalDate, maxDays: number): LocalDate {
  return addDays(today, maxDays);
}

/** The contract's limit from its terms, or the default when absent or not a positive integer. */
export function promiseMaxDays(terms: Record<string, unknown> | null | undefined): number {
  const value = terms?.promise_max_days;
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : DEFAULT_PROMISE_MAX_DAYS;
}
