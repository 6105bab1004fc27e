/**
 * Settlements and waivers (减免): a discount on some balance parts, the rest paid by a date
 * (lump sum) or in dated instalments. Pure: amounts are integer fen, limits basis points.
 *
 * Authority (DOMAIN.md "waiver authority", contract terms key `waiver_limits`): per role, per
 * balance part, the largest discount as basis points of that part. A part absent from a
 * role's limits is 0; a discount on principal always needs the creditor, whatever the limits
 * say. Above the requester's own limit the offer goes to the next approver up: the team's
 * supervisor, or the creditor when principal is touched or the supervisor's limit is passed.
 */
import { addMonths, compareDates, parseLocalDate, type LocalDate } from '../calendar.ts';
import { invalidInput } from '../errors.ts';
import { BALANCE_PARTS, fen, formatMoney, splitEvenly, sumFen, type BalancePart, type Currency, type Fen } from '../money.ts';

export { BALANCE_PARTS, type BalancePart };
export type Parts = Record<BalancePart, Fen>;

/** The balance parts in the screens' Chinese words. */
const PART_ZH: Readonly<Record<BalancePart, string>> = { principal: '本金', interest: '利息', fees: '费用' };

/** Who may grant a discount: the agency's roles, then the creditor (no limit). */
export type Authority = 'collector' | 'supervisor' | 'creditor';
export type PartLimits = Partial<Record<`${BalancePart}_bp`, number>>;
export interface WaiverLimits { collector: PartLimits; supervisor: PartLimits }

/** Used when the contract says nothing: collector up to 10 % of interest; supervisor all fees and interest. */
export const DEFAULT_WAIVER_LIMITS: WaiverLimits = {
  collector: { interest_bp: 1000 },
  supervisor: { fees_bp: 10000, interest_bp: 10000 },
};

/** Reads `terms.waiver_limits`; a missing key means the default; a malformed one is an error naming the place. */
export function waiverLimitsFrom(terms: Record<string, unknown> | null | undefined): WaiverLimits {
  const raw = terms?.waiver_limits;
  if (raw === undefined || raw === null) return DEFAULT_WAIVER_LIMITS;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw invalidInput({ en: 'Contract terms waiver_limits must be an object', zh: '委托合同条款 waiver_limits 须为 JSON 对象' }, 'waiver_limits');
  }
  const out: WaiverLimits = { collector: {}, supervisor: {} };
  for (const role of ['collector', 'supervisor'] as const) {
    const limits = (raw as Record<string, unknown>)[role];
    if (limits === undefined) continue;
    if (typeof limits !== 'object' || limits === null) {
      throw invalidInput({ en: `waiver_limits.${role} must be an object`, zh: `waiver_limits.${role} 须为 JSON 对象` }, `waiver_limits.${role}`);
    }
    for (const part of BALANCE_PARTS) {
      const bp = (limits as Record<string, unknown>)[`${part}_bp`];
      if (bp === undefined) continue;
      if (typeof bp !== 'number' || !Number.isInteger(bp) || bp < 0 || bp > 10000) {
        throw invalidInput({
          en: `waiver_limits.${role}.${part}_bp must be a whole number from 0 to 10000`,
          zh: `waiver_limits.${role}.${part}_bp 须为 0 到 10000 之间的整数`,
        }, `waiver_limits.${role}.${part}_bp`);
      }
      out[role][`${part}_bp`] = bp;
    }
  }
  return out;
}

/** Checks a discount against the balance: each part whole, not negative, not above the part, something waived (amounts said in `currency`). */
export function validateDiscount(balance: Parts, discount: Parts, currency: Currency = 'CNY'): void {
  for (const part of BALANCE_PARTS) {
    const d = discount[part];
    if (!Number.isSafeInteger(d) || d < 0) {
      throw invalidInput({
        en: `The discount on ${part} must be an amount of zero or more, to the cent`,
        zh: `${PART_ZH[part]}减免额须为不小于零的金额（精确到分）`,
      }, `${part}_fen`);
    }
    if (d > balance[part]) {
      throw invalidInput({
        en: `The discount on ${part} (${formatMoney(fen(d), currency, 'en')}) is more than the ${part} owed (${formatMoney(balance[part], currency, 'en')})`,
        zh: `${PART_ZH[part]}减免额（${formatMoney(fen(d), currency, 'zh-CN')}）超过了所欠${PART_ZH[part]}（${formatMoney(balance[part], currency, 'zh-CN')}）`,
      }, `${part}_fen`);
    }
  }
  if (BALANCE_PARTS.every((p) => discount[p] === 0)) throw invalidInput({ en: 'Waive something: every discount is 0', zh: '请填写减免金额：各项减免均为 0' }, 'discount');
}

/** Whether `limits` cover the discount: discount x 10000 <= limit_bp x part, exactly (no rounding). */
export function withinLimits(limits: PartLimits, balance: Parts, discount: Parts): boolean {
  return BALANCE_PARTS.every((part) => {
    const d = BigInt(discount[part]);
    if (d === 0n) return true;
    return d * 10_000n <= BigInt(limits[`${part}_bp`] ?? 0) * BigInt(balance[part]);
  });
}

/** The lowest authority that may grant the discount. Principal always needs the creditor. */
export function requiredAuthority(limits: WaiverLimits, balance: Parts, discount: Parts): Authority {
  if (discount.principal > 0) return 'creditor';
  if (withinLimits(limits.collector, balance, discount)) return 'collector';
  if (withinLimits(limits.supervisor, balance, discount)) return 'supervisor';
  return 'creditor';
}

const RANK: Record<Authority, number> = { collector: 0, supervisor: 1, creditor: 2 };

/** Whether a holder of `held` may grant what needs `needed`. */
export function covers(held: Authority, needed: Authority): boolean {
  return RANK[held] >= RANK[needed];
}

/** What the debtor pays: the balance less the discount. settle + waived = balance, always. */
export function settlementAmount(balance: Parts, discount: Parts): Fen {
  return fen(sumFen(BALANCE_PARTS.map((p) => balance[p])) - sumFen(BALANCE_PARTS.map((p) => discount[p])));
}

export interface Instalment { n: number; due_date: LocalDate; amount_fen: Fen }

/**
 * The payment schedule: one instalment on `firstDueDate` for a lump sum; otherwise `count`
 * monthly instalments from `firstDueDate` (end-of-month clamped), split evenly with the odd
 * fen on the last (money.splitEvenly).
 */
export function settlementSchedule(amount: Fen, firstDueDate: string, count: number): Instalment[] {
  const first = parseLocalDate(firstDueDate);
  if (!Number.isInteger(count) || count < 1 || count > 60) {
    throw invalidInput({ en: 'Instalments must be a whole number from 1 to 60', zh: '期数须为 1 到 60 之间的整数' }, 'instalments');
  }
  if (amount <= 0) {
    throw invalidInput({ en: 'Nothing would be left to pay; a settlement needs an amount to pay', zh: '减免后将无需还款；减免方案须保留应还金额' }, 'discount');
  }
  return splitEvenly(amount, count).map((amount_fen, i) => ({ n: i + 1, due_date: addMonths(first, i), amount_fen }));
}

export type SettlementState = 'pending' | 'settled' | 'lapsed';

/**
 * Settled once the payments on or before the last due date reach the agreed amount. Lapsed
 * when any due date is past (before `today`) and what was paid by it falls short of what was
 * due by then (cumulatively). Otherwise still pending. Payments are {paid_on, amount_fen}
 * made from the day of the offer.
 */
export function settlementState(schedule: readonly Instalment[], payments: ReadonlyArray<{ paid_on: string; amount_fen: number }>,
  today: string): SettlementState {
  const paidBy = (date: string) => payments.reduce((s, p) => s + (compareDates(p.paid_on as LocalDate, date as LocalDate) <= 0 ? p.amount_fen : 0), 0);
  const last = schedule[schedule.length - 1];
  if (!last) return 'pending';
  const total = schedule.reduce((s, i) => s + i.amount_fen, 0);
  if (paidBy(last.due_date) >= total) return 'settled';
  let due = 0;
  for (const instalment of schedule) {
    due += instalment.amount_fen;
    if (compareDates(instalment.due_date, today as LocalDate) < 0 && paidBy(instalment.due_date) < due) return 'lapsed';
  }
  return 'pending';
}
