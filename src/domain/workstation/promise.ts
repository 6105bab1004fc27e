/**
 * Promise to pay (承诺还款) validation: an amount above zero and not above the balance, a due
 * date from today (the business date, or the debtor's own date where it is still the day before) up to the contract's limit and the placement's last day,
 * and at most one open promise per account. Every problem is reported, each naming its field.
 */
import { addDays, compareDates, englishLongDate, isLocalDate, localDateTimeIn, spanishLongDate, type LocalDate } from '../calendar.ts';
import { formatMoney, type Currency, type Fen } from '../money.ts';

/** When the contract says nothing (terms.promise_max_days): a promise is for the next 30 days. */
export const DEFAULT_PROMISE_MAX_DAYS = 30;

export interface PromiseInput {
  amountFen: number;
  dueDate: string;
  /** The business date (the agency's): the contract's limit counts from it. */
  today: LocalDate;
  /**
   * The first day the promise may fall due, when the debtor's own date is still the day before
   * the agency's (promiseEarliestDate); absent: today.
   */
  earliest?: LocalDate;
  balanceFen: number;
  /** The account's currency (its contract's pack), for the balance in a refusal. */
  currency: Currency;
  maxDays: number;
  hasOpenPromise: boolean;
  /** The last day of the account's mandate (its placement's, or the later day it was kept until): any promise falls due by it (absent: not judged). */
  mandateEndsOn?: string | null;
}

/**
 * One reason a promise cannot be taken, in English and Chinese (as compliance reasons are), and in
 * Spanish for a debtor who makes their own promise in the portal in Spanish.
 */
export interface PromiseProblem { field: 'amount_fen' | 'due_date' | 'account'; code: string; message: string; message_zh: string; message_es: string }

export function validatePromise(p: PromiseInput): PromiseProblem[] {
  const problems: PromiseProblem[] = [];
  if (!Number.isSafeInteger(p.amountFen) || p.amountFen <= 0) {
    problems.push({ field: 'amount_fen', code: 'amount_not_positive', message: 'The promised amount must be more than zero',
      message_zh: '承诺还款金额必须大于零', message_es: 'El monto prometido debe ser mayor que cero' });
  } else if (p.amountFen > p.balanceFen) {
    const en = formatMoney(p.balanceFen as Fen, p.currency, 'en');
    problems.push({ field: 'amount_fen', code: 'amount_over_balance', message: `The promised amount is more than the balance (${en})`,
      message_zh: `承诺还款金额超过了欠款余额（${formatMoney(p.balanceFen as Fen, p.currency, 'zh-CN')}）`,
      message_es: `El monto prometido es mayor que lo que debe (${en})` });
  }
  if (!isLocalDate(p.dueDate)) {
    problems.push({ field: 'due_date', code: 'date_invalid', message: `"${p.dueDate}" is not a date YYYY-MM-DD`,
      message_zh: `“${p.dueDate}”不是YYYY-MM-DD格式的日期`, message_es: `«${p.dueDate}» no es una fecha AAAA-MM-DD` });
  } else {
    const latest = promiseLatestDate(p.today, p.maxDays);
    const earliest = firstDueDay(p);
    if (compareDates(p.dueDate, earliest) < 0) {
      problems.push({ field: 'due_date', code: 'date_past', message: `The promise date ${p.dueDate} is in the past; today is ${earliest}`,
        message_zh: `承诺还款日期${p.dueDate}已经过去，今天是${earliest}`, message_es: `La fecha ${p.dueDate} ya pasó; hoy es ${earliest}` });
    } else if (compareDates(p.dueDate, latest) > 0) {
      problems.push({ field: 'due_date', code: 'date_beyond_limit',
        message: `The promise date ${p.dueDate} is beyond the contract's limit of ${p.maxDays} days (latest ${latest})`,
        message_zh: `承诺还款日期${p.dueDate}超出了委托合同允许的${p.maxDays}天期限（最晚为${latest}）`,
        message_es: `La fecha ${p.dueDate} es posterior a la última permitida (${latest})` });
    } else if (p.mandateEndsOn && compareDates(p.dueDate, p.mandateEndsOn as LocalDate) > 0) {
      problems.push({ field: 'due_date', code: 'date_after_placement_end',
        message: `The promise date ${p.dueDate} is after the last day of the account's placement (${p.mandateEndsOn}), when the bank's mandate ends: `
          + 'take a date by then, or ask the bank to extend the placement first',
        message_zh: `承诺还款日期${p.dueDate}晚于本案的委案到期日（${p.mandateEndsOn}），届时委托结束：请约定在此之前的日期，或先请银行延期`,
        message_es: `La fecha ${p.dueDate} es posterior a la última permitida (${p.mandateEndsOn})` });
    }
  }
  if (p.hasOpenPromise) {
    problems.push({ field: 'account', code: 'promise_open', message: 'This account already has an open promise; it must be kept, broken or cancelled first',
      message_zh: '该账户已有未结的承诺还款，须先履约、违约或取消', message_es: 'Esta cuenta ya tiene una promesa de pago abierta' });
  }
  return problems;
}

/**
 * A date problem as the debtor reads it on the portal: dates written as their account's letters
 * write them (1 April 2026 under a UK contract, April 1, 2026 under a US one, in Spanish 1 de abril
 * de 2026) and the latest day said as a day to choose by, without the contract the debtor never
 * saw. Other problems are worded for them already.
 */
export function debtorPromiseProblem(problem: PromiseProblem, p: PromiseInput, pack: string | null): PromiseProblem {
  const en = (date: string) => (pack === 'US' || pack === 'UK') && isLocalDate(date) ? englishLongDate(date, pack) : date;
  const es = (date: string) => isLocalDate(date) ? spanishLongDate(date) : date;
  const earliest = firstDueDay(p);
  const latest = [promiseLatestDate(p.today, p.maxDays), ...(p.mandateEndsOn && isLocalDate(p.mandateEndsOn) ? [p.mandateEndsOn] : [])].sort()[0]!;
  switch (problem.code) {
    case 'date_past':
      return { ...problem, message: `${en(p.dueDate)} has passed: choose today (${en(earliest)}) or a later day, by ${en(latest)}`,
        message_zh: `${p.dueDate} 已经过去：请选择今天（${earliest}）至 ${latest}（含当天）之间的日期`,
        message_es: `El ${es(p.dueDate)} ya pasó: elija hoy (${es(earliest)}) o un día posterior, hasta el ${es(latest)}` };
    case 'date_beyond_limit':
    case 'date_after_placement_end':
      return { ...problem, message: `Choose a date by ${en(latest)}`, message_zh: `请选择 ${latest} 之前（含当天）的日期`, message_es: `Elija una fecha hasta el ${es(latest)}` };
    default:
      return problem;
  }
}

/**
 * The first day a promise may fall due: today, as the debtor counts it where that is still the
 * day before the agency's business date (a New York debtor at 9 pm, when it is already the next
 * morning in Shanghai, may promise to pay tonight), the earliest of their zones' dates when more
 * than one may be theirs; never after the business date.
 */
export function promiseEarliestDate(today: LocalDate, debtorZones: readonly string[], nowMs: number): LocalDate {
  let earliest = today;
  for (const zone of debtorZones) {
    const local = localDateTimeIn(nowMs, zone).date;
    if (compareDates(local, earliest) < 0) earliest = local;
  }
  return earliest;
}

/** The first day this promise may fall due: `earliest` where it is before the business date, else the business date. */
function firstDueDay(p: Pick<PromiseInput, 'today' | 'earliest'>): LocalDate {
  return p.earliest !== undefined && compareDates(p.earliest, p.today) < 0 ? p.earliest : p.today;
}

export function promiseLatestDate(today: LocalDate, maxDays: number): LocalDate {
  return addDays(today, maxDays);
}

/** The contract's limit from its terms, or the default when absent or not a positive integer. */
export function promiseMaxDays(terms: Record<string, unknown> | null | undefined): number {
  const value = terms?.promise_max_days;
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : DEFAULT_PROMISE_MAX_DAYS;
}
