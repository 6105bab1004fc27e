/**
 * A creditor's contract (委托合同) as the agency writes it (docs/money.md): placement length,
 * commission tiers by the account's bucket on its placement date, the order payments pay the
 * balance parts, and the operational terms other parts of the product read from
 * `contracts.terms` (promise_grace_days, plan_grace_days, hardship_decision_days,
 * waiver_limits, allocation_order, placement_days, pii_retention_days, creditor_email_notice,
 * and optionally promise_max_days, max_instalment_months, complaint_days, turnover_credit_days).
 */
import { z } from 'zod';
import { DEFAULT_WAIVER_LIMITS } from '../cases/settlement.ts';
import { BUCKETS, type Bucket } from '../delinquency.ts';
import { invalidInput } from '../errors.ts';
import { MAX_CREDIT_DAYS } from '../assignment/credit.ts';
import { PLAN_INSTALMENT_MAX } from '../hardship/plan.ts';

/** The longest plan any pack's rules allow: a contract may ask for less. */
const PLAN_INSTALMENT_MAX_MONTHS = Math.max(...Object.values(PLAN_INSTALMENT_MAX));

export const BALANCE_PARTS = ['fees', 'interest', 'principal'] as const;
export type BalancePart = (typeof BALANCE_PARTS)[number];

/** Buckets a tier may name: M1..M7+ (M0 accounts are not placed for collection). */
export const TIER_BUCKETS = BUCKETS.filter((b) => b !== 'M0') as Exclude<Bucket, 'M0'>[];
const tierBucket = z.enum(TIER_BUCKETS as [Bucket, ...Bucket[]]);
const bp = z.number().int().min(0).max(10000);
const days = (max: number) => z.number().int().min(0).max(max);

const waiverLimit = z.strictObject({ fees_bp: bp.optional(), interest_bp: bp.optional(), principal_bp: bp.optional() });

export const contractSchema = z.strictObject({
  creditor: z.string().regex(/^[A-Z0-9_]{2,32}$/),
  name: z.string().trim().min(1).max(200),
  pack: z.enum(['CN', 'US', 'UK']),
  placement_days: z.number().int().min(1).max(3660),
  commission: z.strictObject({
    tiers: z.array(z.strictObject({ from: tierBucket, to: tierBucket.optional(), rate_bp: bp })).min(1),
  }),
  allocation_order: z.array(z.enum(BALANCE_PARTS)).length(3),
  promise_grace_days: days(30),
  plan_grace_days: days(60),
  hardship_decision_days: days(90),
  waiver_limits: z.strictObject({ collector: waiverLimit.optional(), supervisor: waiverLimit.optional() }),
  /** Days personal data is kept after an account leaves the agency (docs/privacy.md); default 90. */
  pii_retention_days: days(3650).optional(),
  /**
   * US: the creditor, when it places an account, tells the debtor (in writing or electronically)
   * that we may e-mail them at the address it has and how to opt out (12 CFR 1006.6(d)(4)(ii)).
   * The addresses in its files may then be e-mailed 35 days after the placement
   * (`US.email_safe_harbor`); without it, only addresses the debtor gave us. Default false.
   */
  creditor_email_notice: z.boolean().optional(),
  /** Days ahead a promise to pay may fall due, from the business date (default 30). */
  promise_max_days: z.number().int().min(1).max(365).optional(),
  /** The longest hardship plan the bank allows, in months (less than the rules' 60, never more: longestPlan). */
  max_instalment_months: z.number().int().min(1).max(PLAN_INSTALMENT_MAX_MONTHS).optional(),
  /** Business days to answer a complaint (default 5). */
  complaint_days: z.number().int().min(1).max(60).optional(),
  /** Days a payment still counts for the collector who took its promise after the account moves on (default 7). */
  turnover_credit_days: z.number().int().min(0).max(MAX_CREDIT_DAYS).optional(),
});

export type Contract = z.infer<typeof contractSchema>;
export interface CommissionTier { from: Bucket; to?: Bucket | undefined; rate_bp: number }

/**
 * Terms a contract may set or leave out: left out, the previous version's carries over (as the
 * terms no contract sets do: setContract), and with none each part of the product has its default.
 */
const OPTIONAL_TERMS = ['promise_max_days', 'max_instalment_months', 'complaint_days', 'turnover_credit_days'] as const;

/** The keys kept in contracts.terms (the operational ones other parts of the product read). */
export const TERM_KEYS = ['promise_grace_days', 'plan_grace_days', 'hardship_decision_days', 'waiver_limits', 'allocation_order', 'placement_days',
  'pii_retention_days', 'creditor_email_notice'] as const;

/**
 * Parses a contract; a bad one is an INVALID_INPUT naming the field (e.g. `commission.tiers.1.from`).
 * Beyond the shape: tiers are contiguous from M1, do not overlap, and the last is open
 * (no `to`, or `to` M7+); allocation_order names each part once.
 */
export function parseContract(input: unknown): Contract {
  const parsed = contractSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const path = [...issue.path.map(String), ...(keys.length ? [keys[0]!] : [])].join('.');
    const message = keys.length ? `unknown key "${keys.join('", "')}"` : issue.message;
    // zod words the English; the Chinese comes from parsing again with the Chinese wording
    // below (same schema, same input, so the same first issue).
    const messageZh = keys.length ? `未知的键“${keys.join('”、“')}”`
      : contractSchema.safeParse(input, { error: issueZh }).error?.issues[0]?.message ?? issue.message;
    throw invalidInput({ en: `Contract ${path || '(root)'}: ${message}`, zh: `委托合同 ${path || '（根）'}：${messageZh}` }, path || 'contract');
  }
  const contract = parsed.data;
  checkTiers(contract.commission.tiers);
  const order = contract.allocation_order;
  for (const part of BALANCE_PARTS) {
    if (!order.includes(part)) {
      throw invalidInput({
        en: `Contract allocation_order must name fees, interest and principal once each; "${part}" is missing`,
        zh: `委托合同 allocation_order 必须把 fees、interest、principal 各列一次；缺少“${part}”`,
      }, 'allocation_order');
    }
  }
  return contract;
}

function checkTiers(tiers: readonly CommissionTier[]): void {
  const index = (b: Bucket) => TIER_BUCKETS.indexOf(b as Exclude<Bucket, 'M0'>);
  let expected = 0; // index of the bucket the next tier must start at
  tiers.forEach((tier, i) => {
    const field = `commission.tiers.${i}`;
    const from = index(tier.from);
    if (from !== expected) {
      const want = TIER_BUCKETS[expected];
      const gap = `${want}${from - expected > 1 ? `-${TIER_BUCKETS[from - 1]}` : ''}`;
      throw invalidInput(from < expected
        ? {
          en: `Contract ${field}.from: ${tier.from} overlaps the tier before it; tiers must not overlap (this one should start at ${want ?? '(none: the tiers before already cover M7+)'})`,
          zh: `委托合同 ${field}.from：${tier.from} 与上一档重叠；各档不能重叠（${want === undefined ? '前面各档已覆盖到 M7+，不应再有这一档' : `这一档应从 ${want} 开始`}）`,
        }
        : {
          en: `Contract ${field}.from: ${tier.from} leaves ${gap} without a tier; tiers must be contiguous from M1`,
          zh: `委托合同 ${field}.from：${tier.from} 使 ${gap} 没有对应的档；各档必须从 M1 起连续`,
        },
        `${field}.from`);
    }
    const last = i === tiers.length - 1;
    if (tier.to === undefined) {
      if (!last) {
        throw invalidInput({ en: `Contract ${field}.to: only the last tier may be open-ended; give this one a "to"`, zh: `委托合同 ${field}.to：只有最后一档可以不设上限；请给这一档填写 to` }, `${field}.to`);
      }
      expected = TIER_BUCKETS.length;
      return;
    }
    const to = index(tier.to);
    if (to < from) throw invalidInput({ en: `Contract ${field}.to: ${tier.to} is before its from ${tier.from}`, zh: `委托合同 ${field}.to：${tier.to} 在本档的 from（${tier.from}）之前` }, `${field}.to`);
    expected = to + 1;
  });
  if (expected < TIER_BUCKETS.length) {
    throw invalidInput({
      en: `Contract commission.tiers: ${TIER_BUCKETS[expected]} and later have no tier; the last tier must be open (leave out "to")`,
      zh: `委托合同 commission.tiers：${TIER_BUCKETS[expected]} 及以后没有对应的档；最后一档必须不设上限（不填 to）`,
    }, 'commission.tiers');
  }
}

const TYPE_ZH: Record<string, string> = { string: '文本', number: '数字', int: '整数', object: '对象', array: '列表', boolean: '布尔值' };
const zodZh = z.locales.zhCN().localeError;

/** The Chinese for a schema refusal (zod's English is the other half); zod's own Chinese for anything rarer. */
function issueZh(issue: z.core.$ZodRawIssue): string | { message: string } | undefined | null {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '缺少此项' : `类型不对，应为${TYPE_ZH[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `必须是 ${issue.values.map(String).join('、')} 之一`;
    case 'invalid_format':
      return issue.format === 'regex' && issue.pattern !== undefined ? `格式不对，须符合 ${issue.pattern}` : zodZh(issue);
    case 'too_small': {
      const n = String(issue.minimum);
      if (issue.origin === 'string') return n === '1' ? '不能为空' : `至少 ${n} 个字符`;
      if (issue.origin === 'array') return issue.exact ? `必须正好有 ${n} 项` : `至少 ${n} 项`;
      return issue.inclusive ? `不能小于 ${n}` : `必须大于 ${n}`;
    }
    case 'too_big': {
      const n = String(issue.maximum);
      if (issue.origin === 'string') return `最多 ${n} 个字符`;
      if (issue.origin === 'array') return issue.exact ? `必须正好有 ${n} 项` : `最多 ${n} 项`;
      return issue.inclusive ? `不能大于 ${n}` : `必须小于 ${n}`;
    }
    default:
      return zodZh(issue);
  }
}

/** The tier rate for a bucket at placement; M0 (not delinquent at placement) takes the first tier. */
export function tierRate(tiers: readonly CommissionTier[], bucket: Bucket): number {
  const at = Math.max(0, TIER_BUCKETS.indexOf(bucket as Exclude<Bucket, 'M0'>));
  for (const tier of tiers) {
    const from = TIER_BUCKETS.indexOf(tier.from as Exclude<Bucket, 'M0'>);
    const to = tier.to === undefined ? TIER_BUCKETS.length - 1 : TIER_BUCKETS.indexOf(tier.to as Exclude<Bucket, 'M0'>);
    if (at >= from && at <= to) return tier.rate_bp;
  }
  return 0;
}

/** What goes to contracts.terms: the operational keys under the contract's names. */
export function termsOf(contract: Contract): Record<string, unknown> {
  return {
    promise_grace_days: contract.promise_grace_days, plan_grace_days: contract.plan_grace_days,
    hardship_decision_days: contract.hardship_decision_days, waiver_limits: contract.waiver_limits,
    allocation_order: contract.allocation_order, placement_days: contract.placement_days,
    ...(contract.pii_retention_days === undefined ? {} : { pii_retention_days: contract.pii_retention_days }),
    ...(contract.creditor_email_notice === undefined ? {} : { creditor_email_notice: contract.creditor_email_notice }),
    ...Object.fromEntries(OPTIONAL_TERMS.filter((k) => contract[k] !== undefined).map((k) => [k, contract[k]])),
  };
}

/** A stored version back as the contract JSON (what `contracts show --json` prints). */
export function contractFromStored(row: { creditor: string; name: string; pack: string; placement_days: number;
  commission: unknown; terms: Record<string, unknown> }): Record<string, unknown> {
  const t = row.terms;
  return {
    creditor: row.creditor, name: row.name, pack: row.pack, placement_days: row.placement_days,
    commission: { tiers: commissionTiersOf(row.commission) },
    allocation_order: allocationOrderOf(t),
    promise_grace_days: t.promise_grace_days ?? t.grace_days ?? null, plan_grace_days: t.plan_grace_days ?? null,
    // A version stored without waiver limits runs under the default ones: said as such, so the version re-saves unchanged.
    hardship_decision_days: t.hardship_decision_days ?? null, waiver_limits: t.waiver_limits ?? DEFAULT_WAIVER_LIMITS,
    ...(t.pii_retention_days === undefined ? {} : { pii_retention_days: t.pii_retention_days }),
    ...(t.creditor_email_notice === undefined ? {} : { creditor_email_notice: t.creditor_email_notice }),
    ...Object.fromEntries(OPTIONAL_TERMS.filter((k) => t[k] !== undefined && t[k] !== null).map((k) => [k, t[k]])),
  };
}

/**
 * Tiers from a stored contracts.commission: the contract shape `{tiers: [{from, to, rate_bp}]}`,
 * or the older array `[{bucket_from, bucket_to, rate_bp}]` the first demo data used.
 */
export function commissionTiersOf(stored: unknown): CommissionTier[] {
  const list = Array.isArray(stored) ? stored : (stored as { tiers?: unknown } | null)?.tiers;
  if (!Array.isArray(list)) return [];
  return list.map((t: Record<string, unknown>) => {
    const from = String(t.from ?? t.bucket_from) as Bucket;
    const toRaw = t.to ?? t.bucket_to;
    return { from, ...(toRaw === undefined || toRaw === null ? {} : { to: String(toRaw) as Bucket }), rate_bp: Number(t.rate_bp) };
  });
}

/** The allocation order from stored terms; fees, interest, principal when absent. */
export function allocationOrderOf(terms: Readonly<Record<string, unknown>> | null | undefined): BalancePart[] {
  const value = terms?.allocation_order;
  if (Array.isArray(value) && value.length === 3 && BALANCE_PARTS.every((p) => value.includes(p))) return value as BalancePart[];
  return [...BALANCE_PARTS];
}
