/**
 * Report arithmetic (docs/reports.md): months, recovery (liquidation) rates, vintage
 * curves, roll-rate matrices, the contact funnel and rates per 1,000 accounts. Pure: rows
 * in, figures out. Rates are integer basis points, rounded half up (src/domain/money.ts),
 * and null where the denominator is zero: "no placed balance" is not a 0% recovery.
 */
import { isoDayNumber, type LocalDate } from '../calendar.ts';
import { bucketOf, BUCKETS, type Bucket } from '../delinquency.ts';
import { roundHalfUp } from '../money.ts';
import { invalidInput } from '../errors.ts';

/** A calendar month, 'YYYY-MM'. */
export type Month = string & { readonly __month: true };

export function parseMonth(text: string, field = 'month'): Month {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[1]) < 1) {
    throw invalidInput({ en: `${field} must be a month as YYYY-MM (e.g. 2026-03), got "${text}"`, zh: `${field} 必须是 YYYY-MM 格式的月份（如 2026-03），实际为“${text}”` }, field);
  }
  return text as Month;
}

/**
 * The region a report groups an account under (SQL's report_region, migration 0042): a US state
 * whole (`US-MA`), else the province, the first two digits of a GB/T 2260 code; '' when unknown.
 */
export function reportRegion(code: string | null): string {
  if (code === null) return '';
  return code.startsWith('US-') ? code : code.slice(0, 2);
}

/** An account's bucket on its placement date (SQL's report_bucket of the days between; M0 when not yet past due). */
export function placementBucket(firstDelinquency: LocalDate, placedOn: LocalDate): Bucket {
  // Read digit by digit: an import asks this of each new account.
  return bucketOf(Math.max(0, (isoDayNumber(placedOn) ?? Number.NaN) - (isoDayNumber(firstDelinquency) ?? Number.NaN)));
}

/** '2026-03-15' or '2026-03-01' -> '2026-03'. */
export function monthOf(date: string): Month {
  return date.slice(0, 7) as Month;
}

export function monthIndex(month: Month): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

export function addMonthsTo(month: Month, n: number): Month {
  const i = monthIndex(month) + n;
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}` as Month;
}

/** Whole months from the placement month to the payment month: paid in the placement month = 0. */
export function monthsSincePlacement(placementMonth: Month, paidMonth: Month): number {
  return monthIndex(paidMonth) - monthIndex(placementMonth);
}

/** part / whole in basis points, rounded half up; null when whole is 0. */
export function rateBp(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Number(roundHalfUp(BigInt(part) * 10_000n, BigInt(whole)));
}

/** count per 1,000 accounts, to two decimals (rounded half up); null without accounts. */
export function perThousand(count: number, accounts: number): number | null {
  if (accounts === 0) return null;
  return Number(roundHalfUp(BigInt(count) * 100_000n, BigInt(accounts))) / 100;
}

// ---- recovery ----

export const RECOVERY_DIMENSIONS = ['creditor', 'region', 'bucket', 'placement_month', 'collector'] as const;

/** A bucket's place in BUCKETS (an unknown one last). */
function bucketIndex(bucket: string): number {
  const i = (BUCKETS as readonly string[]).indexOf(bucket);
  return i === -1 ? BUCKETS.length : i;
}
export type RecoveryDimension = (typeof RECOVERY_DIMENSIONS)[number];

export function parseDimension(text: string): RecoveryDimension {
  if (!(RECOVERY_DIMENSIONS as readonly string[]).includes(text)) {
    throw invalidInput({ en: `by must be one of ${RECOVERY_DIMENSIONS.join(', ')}, got "${text}"`, zh: `by 必须是 ${RECOVERY_DIMENSIONS.join('、')} 之一，实际为“${text}”` }, 'by');
  }
  return text as RecoveryDimension;
}

export interface RecoveryInput { key: string; label: string; accounts: number; placed_fen: number; payments: number; recovered_fen: number }
export interface RecoveryLine extends RecoveryInput { recovery_rate_bp: number | null }

/** Lines with their rates, largest placed balance first, and the total line. */
export function recoveryLines(rows: readonly RecoveryInput[], by?: RecoveryDimension): { lines: RecoveryLine[]; total: Omit<RecoveryLine, 'key' | 'label'> } {
  const byKey = (a: RecoveryInput, b: RecoveryInput) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  // Buckets in their order (M0, M1, ..., M7+) and placement months by date, as they are read; the others by placed balance.
  const order = by === 'bucket' ? (a: RecoveryInput, b: RecoveryInput) => bucketIndex(a.key) - bucketIndex(b.key) || byKey(a, b)
    : by === 'placement_month' ? byKey
    : (a: RecoveryInput, b: RecoveryInput) => b.placed_fen - a.placed_fen || byKey(a, b);
  const lines = rows.map((r) => ({ ...r, recovery_rate_bp: rateBp(r.recovered_fen, r.placed_fen) })).sort(order);
  const sum = (k: 'accounts' | 'placed_fen' | 'payments' | 'recovered_fen') => rows.reduce((t, r) => t + r[k], 0);
  const placed = sum('placed_fen');
  const recovered = sum('recovered_fen');
  return { lines, total: { accounts: sum('accounts'), placed_fen: placed, payments: sum('payments'), recovered_fen: recovered, recovery_rate_bp: rateBp(recovered, placed) } };
}

// ---- vintages ----

export interface VintagePoint { months_since: number; recovered_fen: number; cumulative_fen: number; cumulative_rate_bp: number | null }
export interface VintageCurve { placement_month: Month; accounts: number; placed_fen: number; points: VintagePoint[] }

/**
 * One curve per placement month: cumulative recovered / placed by months since placement,
 * from month 0 to `throughMonth` (months without payments carry the curve flat). Payments
 * dated before the placement month (a bank's late report) count in month 0.
 */
export function vintageCurves(placed: readonly { placement_month: Month; accounts: number; placed_fen: number }[],
  recovered: readonly { placement_month: Month; paid_month: Month; recovered_fen: number }[], throughMonth: Month): VintageCurve[] {
  const byVintage = new Map<string, Map<number, number>>();
  for (const r of recovered) {
    const k = Math.max(0, monthsSincePlacement(r.placement_month, r.paid_month));
    const m = byVintage.get(r.placement_month) ?? new Map<number, number>();
    m.set(k, (m.get(k) ?? 0) + r.recovered_fen);
    byVintage.set(r.placement_month, m);
  }
  return [...placed].sort((a, b) => (a.placement_month < b.placement_month ? -1 : 1)).map((v) => {
    const last = Math.max(0, monthsSincePlacement(v.placement_month, throughMonth));
    const months = byVintage.get(v.placement_month) ?? new Map<number, number>();
    const lastPaid = Math.max(0, ...months.keys());
    let cumulative = 0;
    const points: VintagePoint[] = [];
    for (let k = 0; k <= Math.max(last, lastPaid); k++) {
      const fen = months.get(k) ?? 0;
      cumulative += fen;
      points.push({ months_since: k, recovered_fen: fen, cumulative_fen: cumulative, cumulative_rate_bp: rateBp(cumulative, v.placed_fen) });
    }
    return { placement_month: v.placement_month, accounts: v.accounts, placed_fen: v.placed_fen, points };
  });
}

// ---- roll rates ----

/** Where an account can be at a month's end: a bucket, paid (paid or settled), or out (recalled, closed). */
export const ROLL_STATES = ['M0', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7+', 'paid', 'out'] as const;
export type RollState = (typeof ROLL_STATES)[number];

export interface RollCell { to: RollState; accounts: number; share_bp: number | null }
export interface RollRow { from: RollState; accounts: number; cells: RollCell[]; roll_forward_bp: number | null; cured_bp: number | null }
export interface RollMonth { month: Month; rows: RollRow[] }

const rank = (s: RollState) => ROLL_STATES.indexOf(s);

/**
 * Month-over-month matrices: for each bucket at the previous month's end, the share of its
 * accounts in each state at this month's end. Roll forward = moved to a worse bucket; cured
 * = moved to a better bucket or paid. Shares are rounded each on its own (they may not add
 * up to exactly 10,000 bp).
 */
export function rollMatrices(rows: readonly { month: Month; from_bucket: string; to_bucket: string; accounts: number }[]): RollMonth[] {
  const months = [...new Set(rows.map((r) => r.month))].sort();
  return months.map((month) => {
    const mine = rows.filter((r) => r.month === month);
    const froms = ROLL_STATES.filter((s) => mine.some((r) => r.from_bucket === s));
    return {
      month,
      rows: froms.map((from) => {
        const out = mine.filter((r) => r.from_bucket === from);
        const total = out.reduce((t, r) => t + r.accounts, 0);
        const cells = ROLL_STATES.map((to) => {
          const n = out.filter((r) => r.to_bucket === to).reduce((t, r) => t + r.accounts, 0);
          return { to, accounts: n, share_bp: rateBp(n, total) };
        }).filter((c) => c.accounts > 0);
        const isBucket = (s: RollState) => rank(s) <= rank('M7+');
        const forward = cells.filter((c) => isBucket(c.to) && rank(c.to) > rank(from)).reduce((t, c) => t + c.accounts, 0);
        const cured = cells.filter((c) => c.to === 'paid' || (isBucket(c.to) && rank(c.to) < rank(from))).reduce((t, c) => t + c.accounts, 0);
        return { from, accounts: total, cells, roll_forward_bp: rateBp(forward, total), cured_bp: rateBp(cured, total) };
      }),
    };
  });
}

// ---- contact funnel ----

export const FUNNEL_STAGES = ['attempts', 'right_party', 'promises', 'kept', 'paid'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];
export interface FunnelStep { stage: FunnelStage; count: number; from_previous_bp: number | null; from_attempts_bp: number | null }

export function funnelSteps(counts: Record<FunnelStage, number>): FunnelStep[] {
  return FUNNEL_STAGES.map((stage, i) => ({
    stage, count: counts[stage],
    from_previous_bp: i === 0 ? null : rateBp(counts[stage], counts[FUNNEL_STAGES[i - 1]!]),
    from_attempts_bp: i === 0 ? null : rateBp(counts[stage], counts.attempts),
  }));
}
