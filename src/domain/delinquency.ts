/**
 * Days past due (逾期天数) and delinquency buckets (账龄), as defined in DOMAIN.md:
 * DPD = business date minus first unpaid due date; M1 = 1-30 DPD, M2 = 31-60, ...,
 * M6 = 151-180, M7+ = over 180. M0 is "not delinquent" (DPD 0): due today or not yet due.
 */
import { daysBetween } from './calendar.ts';
import type { LocalDate } from './calendar.ts';
import { invalidInput } from './errors.ts';

export type Bucket = 'M0' | 'M1' | 'M2' | 'M3' | 'M4' | 'M5' | 'M6' | 'M7+';

/** Inclusive DPD range; `maxDpd` is null for the open-ended M7+. */
export interface BucketRange {
  readonly minDpd: number;
  readonly maxDpd: number | null;
}

// The one table; everything below is derived from it.
const RANGES: readonly (readonly [Bucket, BucketRange])[] = [
  ['M0', { minDpd: 0, maxDpd: 0 }],
  ['M1', { minDpd: 1, maxDpd: 30 }],
  ['M2', { minDpd: 31, maxDpd: 60 }],
  ['M3', { minDpd: 61, maxDpd: 90 }],
  ['M4', { minDpd: 91, maxDpd: 120 }],
  ['M5', { minDpd: 121, maxDpd: 150 }],
  ['M6', { minDpd: 151, maxDpd: 180 }],
  ['M7+', { minDpd: 181, maxDpd: null }],
];

/** All buckets, least to most delinquent. */
export const BUCKETS: readonly Bucket[] = RANGES.map(([bucket]) => bucket);

/**
 * Whole days the first unpaid due date lies behind the business date. Paying on the due
 * date itself is on time, so the due date is DPD 0 and the day after is DPD 1. Never negative.
 */
export function daysPastDue(firstDueDate: LocalDate, businessDate: LocalDate): number {
  return Math.max(0, daysBetween(firstDueDate, businessDate));
}

export function bucketOf(dpd: number): Bucket {
  if (!Number.isSafeInteger(dpd) || dpd < 0) {
    throw invalidInput({ en: `Days past due must be a whole number of at least 0, got ${String(dpd)}`, zh: `逾期天数必须是不小于 0 的整数，实际为 ${String(dpd)}` }, 'dpd');
  }
  for (const [bucket, { maxDpd }] of RANGES) {
    if (maxDpd === null || dpd <= maxDpd) return bucket;
  }
  return 'M7+'; // unreachable: the last range is open-ended
}

export function bucketRange(bucket: Bucket): BucketRange {
  const entry = RANGES.find(([name]) => name === bucket);
  if (entry === undefined) {
    throw invalidInput({ en: `"${String(bucket)}" is not a bucket; use one of ${BUCKETS.join(', ')}`, zh: `“${String(bucket)}”不是有效的账龄；请使用 ${BUCKETS.join('、')} 之一` }, 'bucket');
  }
  return entry[1];
}
