/**
 * Personalised instalment plan maths (个性化分期, "停息挂账"): a quote request in, a dated
 * schedule out. Pure: no clock, no I/O. The contract and the rules are in docs/hardship.md.
 *
 * - Plan amount = the balance parts not waived.
 * - Principal per instalment = floor(plan amount / months); the remainder goes to the LAST
 *   instalment (money.ts `splitEvenly`).
 * - Fee per instalment = plan amount x monthly_fee_bp / 10000, rounded half up to the fen
 *   (money.ts `applyBasisPoints`, the one rounding rule), the same every month.
 * - Instalment n is due `addMonths(first_due_date, n - 1)`: the day of the first due date,
 *   clamped to the month's last day (31 Jan, 28/29 Feb, 31 Mar, 30 Apr, ...).
 */
import { addMonths, isLocalDate } from '../calendar.ts';
import type { LocalDate } from '../calendar.ts';
import { AppError, invalidInput, type Bilingual } from '../errors.ts';
import { applyBasisPoints, BALANCE_PARTS, basisPoints, fen, splitEvenly, type BalancePart } from '../money.ts';
import type { BasisPoints, Fen } from '../money.ts';

export const PLAN_PACKS = ['CN', 'US', 'UK'] as const;
export type PlanPack = (typeof PLAN_PACKS)[number];

/**
 * Longest plan each rule pack allows, in months. CN: COMPLIANCE.md `CN.instalment_max`
 * (商业银行信用卡业务监督管理办法 Art. 70: at most 5 years). US (Reg F) and UK (CONC 7) set no
 * maximum length for a repayment plan; 60 months there is our default, not a rule.
 */
export const PLAN_INSTALMENT_MAX: Readonly<Record<PlanPack, number>> = { CN: 60, US: 60, UK: 60 };

/**
 * The longest plan an account may have, in months, and what sets it: the rules (the pack's
 * maximum above) or the creditor's contract, when it allows less (application.ts longestPlan).
 */
export interface PlanLengthLimit { months: number; setBy: 'rules' | 'contract' }

/** "A plan may run at most 36 months under this bank's contract", in both languages: how a refusal over the length starts. */
export function planLengthWords(limit: PlanLengthLimit): Bilingual {
  return limit.setBy === 'contract'
    ? { en: `A plan may run at most ${limit.months} months under this bank's contract`, zh: `按该银行的委托合同，分期最长 ${limit.months} 个月` }
    : { en: `A plan may run at most ${limit.months} months`, zh: `分期最长 ${limit.months} 个月` };
}

/** Refuses a number of instalments that is not a whole number from 1 to the limit, in words a collector or a bank's user reads. */
export function checkPlanMonths(months: unknown, limit: PlanLengthLimit): asserts months is number {
  if (typeof months === 'number' && Number.isInteger(months) && months >= 1 && months <= limit.months) return;
  const head = planLengthWords(limit);
  throw invalidInput({
    en: `${head.en}: the number of monthly instalments must be a whole number from 1 to ${limit.months}; ${got(months).en}`,
    zh: `${head.zh}：期数须为 1 到 ${limit.months} 之间的整数；${got(months).zh}`,
  }, 'months');
}

export { BALANCE_PARTS, type BalancePart };

/** The quote request, as JSON carries it. Omitted interest_fen, fees_fen, monthly_fee_bp are 0; omitted waive is []. */
export interface PlanQuoteRequest {
  pack: PlanPack;
  principal_fen: number;
  interest_fen?: number;
  fees_fen?: number;
  /** Balance parts not carried into the plan. */
  waive?: readonly BalancePart[];
  months: number;
  /** 'YYYY-MM-DD': the due date of instalment 1. */
  first_due_date: string;
  /** Plan fee per month, in basis points of the plan amount. */
  monthly_fee_bp?: number;
}

export interface PlanInstalment {
  n: number;
  due_date: LocalDate;
  principal_fen: Fen;
  fee_fen: Fen;
  amount_fen: Fen;
}

export interface PlanSchedule {
  plan_amount_fen: Fen;
  total_fee_fen: Fen;
  total_fen: Fen;
  instalments: PlanInstalment[];
}

/** Highest monthly plan fee accepted: 100 % of the plan amount a month is past any real fee. */
export const MONTHLY_FEE_BP_MAX = 10_000;

const AMOUNT_FIELDS = { principal: 'principal_fen', interest: 'interest_fen', fees: 'fees_fen' } as const satisfies Record<BalancePart, string>;
const KNOWN_FIELDS: ReadonlySet<string> = new Set(['pack', 'principal_fen', 'interest_fen', 'fees_fen', 'waive', 'months', 'first_due_date', 'monthly_fee_bp']);

interface PlanTerms {
  pack: PlanPack;
  parts: Record<BalancePart, Fen>;
  waive: ReadonlySet<BalancePart>;
  months: number;
  firstDueDate: LocalDate;
  monthlyFeeBp: BasisPoints;
}

/** An omitted optional field takes its default; an explicit null is a mistake and is refused. */
const orDefault = (value: unknown, fallback: unknown): unknown => (value === undefined ? fallback : value);

/** A value from the request, for a message; an omitted one is "nothing". */
const shown = (value: unknown): Bilingual => {
  if (value === undefined) return { en: 'nothing', zh: '空值' };
  const text = JSON.stringify(value) ?? String(value);
  return { en: text, zh: text };
};

/** The value a field held, ending a message: "got 61" / "当前为 61"; an omitted field is "got nothing" / "未填写". */
const got = (value: unknown): Bilingual => {
  if (value === undefined) return { en: 'got nothing', zh: '未填写' };
  const text = shown(value);
  return { en: `got ${text.en}`, zh: `当前为 ${text.zh}` };
};

/** The balance parts in the screens' Chinese words. */
const PART_ZH: Readonly<Record<BalancePart, string>> = { principal: '本金', interest: '利息', fees: '费用' };
/** The part codes a request may use, each with its Chinese name: principal（本金）、interest（利息）、fees（费用）. */
const PARTS_LISTED_ZH = BALANCE_PARTS.map((part) => `${part}（${PART_ZH[part]}）`).join('、');

function isOneOf<T extends string>(options: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (options as readonly string[]).includes(value);
}

function wholeFen(value: unknown, field: string): Fen {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalidInput({
      en: `${field} must be a whole, non-negative number of fen (1 yuan = 100 fen); ${got(value).en}`,
      zh: `${field} 须为以分为单位的非负整数（1 元 = 100 分）；${got(value).zh}`,
    }, field);
  }
  return fen(value);
}

function readTerms(value: unknown): PlanTerms {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidInput({
      en: `A plan quote request must be a JSON object with ${[...KNOWN_FIELDS].join(', ')}; ${got(value).en}`,
      zh: `分期试算请求须为包含 ${[...KNOWN_FIELDS].join('、')} 的 JSON 对象；${got(value).zh}`,
    }, 'request');
  }
  const request = value as Record<string, unknown>;
  const unknownField = Object.keys(request).find((key) => !KNOWN_FIELDS.has(key));
  if (unknownField !== undefined) {
    throw invalidInput({
      en: `${unknownField} is not a plan quote field; use ${[...KNOWN_FIELDS].join(', ')}`,
      zh: `${unknownField} 不是分期试算的字段；可用的字段：${[...KNOWN_FIELDS].join('、')}`,
    }, unknownField);
  }

  if (!isOneOf(PLAN_PACKS, request.pack)) {
    throw invalidInput({
      en: `pack must be one of ${PLAN_PACKS.join(', ')}; ${got(request.pack).en}`,
      zh: `pack（规则包）须为 ${PLAN_PACKS.join('、')} 之一；${got(request.pack).zh}`,
    }, 'pack');
  }
  const pack = request.pack;

  const parts: Record<BalancePart, Fen> = {
    principal: wholeFen(request.principal_fen, 'principal_fen'),
    interest: wholeFen(orDefault(request.interest_fen, 0), 'interest_fen'),
    fees: wholeFen(orDefault(request.fees_fen, 0), 'fees_fen'),
  };

  const waiveList = orDefault(request.waive, []);
  if (!Array.isArray(waiveList)) {
    throw invalidInput({
      en: `waive must be a list of balance parts (${BALANCE_PARTS.join(', ')}); ${got(waiveList).en}`,
      zh: `waive 须为不计入分期的余额部分列表，可选 ${PARTS_LISTED_ZH}；${got(waiveList).zh}`,
    }, 'waive');
  }
  const waive = new Set<BalancePart>();
  for (const part of waiveList) {
    if (!isOneOf(BALANCE_PARTS, part)) {
      throw invalidInput({
        en: `waive holds ${shown(part).en}, which is not a balance part; use ${BALANCE_PARTS.join(', ')}`,
        zh: `waive 中的 ${shown(part).zh} 不是余额部分；可选 ${PARTS_LISTED_ZH}`,
      }, 'waive');
    }
    waive.add(part);
  }

  const months = request.months;
  checkPlanMonths(months, { months: PLAN_INSTALMENT_MAX[pack], setBy: 'rules' });

  const firstDueDate = request.first_due_date;
  if (typeof firstDueDate !== 'string' || !isLocalDate(firstDueDate)) {
    throw invalidInput({
      en: `first_due_date must be a real calendar date written YYYY-MM-DD; ${got(firstDueDate).en}`,
      zh: `首期还款日须为真实存在的日期，格式为 YYYY-MM-DD；${got(firstDueDate).zh}`,
    }, 'first_due_date');
  }

  const bp = orDefault(request.monthly_fee_bp, 0);
  if (typeof bp !== 'number' || !Number.isInteger(bp) || bp < 0 || bp > MONTHLY_FEE_BP_MAX) {
    throw invalidInput({
      en: `The monthly plan fee (monthly_fee_bp) must be a whole number of basis points from 0 to ${MONTHLY_FEE_BP_MAX}: 100 basis points are 1 % of the plan amount a month; ${got(bp).en}`,
      zh: `每月分期手续费（monthly_fee_bp）须为 0 到 ${MONTHLY_FEE_BP_MAX} 之间的整数基点：100 个基点即每月收取分期金额的 1%；${got(bp).zh}`,
    }, 'monthly_fee_bp');
  }

  return { pack, parts, waive, months, firstDueDate, monthlyFeeBp: basisPoints(bp) };
}

/** Exact integer to Fen, or INVALID_INPUT naming the field whose size caused the overflow. */
function fenWithin(value: bigint, field: string, what: Bilingual): Fen {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw invalidInput({
      en: `${what.en} comes to ${value.toString()} fen, more than ${Number.MAX_SAFE_INTEGER}; check ${field}`,
      zh: `${what.zh}为 ${value.toString()} 分，超过上限 ${Number.MAX_SAFE_INTEGER}；请检查 ${field}`,
    }, field);
  }
  return fen(Number(value));
}

function dueDates(first: LocalDate, months: number): LocalDate[] {
  try {
    return Array.from({ length: months }, (_, i) => addMonths(first, i));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw invalidInput({
      en: `first_due_date ${first} with ${months} months runs past the year 9999`,
      zh: `首期还款日 ${first} 起分 ${months} 期，还款日将超出 9999 年`,
    }, 'first_due_date');
  }
}

/** Checks a request taken from JSON and returns it with the defaults filled in. */
export function parsePlanQuoteRequest(value: unknown): Required<PlanQuoteRequest> {
  const terms = readTerms(value);
  return {
    pack: terms.pack,
    principal_fen: terms.parts.principal,
    interest_fen: terms.parts.interest,
    fees_fen: terms.parts.fees,
    waive: BALANCE_PARTS.filter((part) => terms.waive.has(part)),
    months: terms.months,
    first_due_date: terms.firstDueDate,
    monthly_fee_bp: terms.monthlyFeeBp,
  };
}

/**
 * The schedule for a plan quote. Throws INVALID_INPUT (`field` set, and named in the message)
 * for a bad request, including a plan amount of 0 (nothing left to put on a plan).
 */
export function quotePlan(request: PlanQuoteRequest): PlanSchedule {
  const terms = readTerms(request);
  const carried = BALANCE_PARTS.filter((part) => !terms.waive.has(part));
  const planAmount = fenWithin(
    carried.reduce((sum, part) => sum + BigInt(terms.parts[part]), 0n),
    'principal_fen',
    {
      en: `The parts not waived (${carried.join(' + ') || 'none'})`,
      zh: `未减免的部分（${carried.map((part) => PART_ZH[part]).join('+') || '无'}）合计`,
    },
  );
  if (planAmount === 0) {
    const field = terms.waive.size > 0 ? 'waive' : 'principal_fen';
    throw invalidInput({
      en: `Nothing to put on a plan: the parts not waived come to 0 fen; check ${field}`,
      zh: `没有可分期的金额：未减免的部分合计为 0 分；请检查 ${field}`,
    }, field);
  }

  const fee = applyBasisPoints(planAmount, terms.monthlyFeeBp);
  const totalFee = fenWithin(BigInt(fee) * BigInt(terms.months), 'monthly_fee_bp', { en: 'The total plan fee', zh: '分期手续费总额' });
  const total = fenWithin(BigInt(planAmount) + BigInt(totalFee), 'principal_fen', { en: 'The plan total', zh: '分期总额' });
  const principals = splitEvenly(planAmount, terms.months);
  const dates = dueDates(terms.firstDueDate, terms.months);

  const instalments = principals.map((principal, i): PlanInstalment => ({
    n: i + 1,
    due_date: dates[i] as LocalDate,
    principal_fen: principal,
    fee_fen: fee,
    amount_fen: fen(principal + fee),
  }));
  return { plan_amount_fen: planAmount, total_fee_fen: totalFee, total_fen: total, instalments };
}

/**
 * The latest a plan's first instalment may fall, in months from the day it is quoted: a plan is
 * agreed to be paid, not to start years on (a mistyped year), and a longer pause before the first
 * payment is a hold (hardship under review, a programme's suspension), which stops collection itself.
 */
export const FIRST_DUE_MAX_MONTHS = 6;

/**
 * The plan's whole length counts against the longest plan allowed (the pack's maximum, or the
 * contract's when less) from the day it is agreed, not from its first instalment: a plan whose
 * last instalment falls more than that many months after `today` is refused (a 60-month plan
 * starting in ten years would run fifteen), naming the latest first due date its number of months allows.
 */
export function checkPlanReach(schedule: PlanSchedule, limit: PlanLengthLimit, months: number, today: LocalDate): void {
  const max = limit.months;
  const end = addMonths(today, max);
  const last = schedule.instalments.at(-1)!.due_date;
  if (last <= end) return;
  const latestFirst = addMonths(today, max - months + 1 > 0 ? max - months + 1 : 1);
  const head = planLengthWords(limit);
  throw invalidInput({
    en: `${head.en}, counted from today: the last instalment would be due on ${last}, more than ${max} months from today (${today}, so by ${end}): with ${months} instalments the first may be due by ${latestFirst} at the latest`,
    zh: `${head.zh}（自今天起算）：最后一期将于 ${last} 到期，距今天（${today}）超过 ${max} 个月（须在 ${end} 前还清）：分 ${months} 期时，首期还款日最晚为 ${latestFirst}`,
  }, 'first_due_date');
}
