import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, parseLocalDate } from './calendar.ts';
import type { LocalDate } from './calendar.ts';
import { BUCKETS, bucketOf, bucketRange, daysPastDue } from './delinquency.ts';
import type { Bucket } from './delinquency.ts';
import { AppError } from './errors.ts';

const d = (text: string): LocalDate => parseLocalDate(text);

describe('daysPastDue', () => {
  it.each<[string, string, number]>([
    ['2026-03-10', '2026-03-01', 0], // not yet due
    ['2026-03-10', '2026-03-10', 0], // due today: still on time
    ['2026-03-10', '2026-03-11', 1],
    ['2026-01-31', '2026-03-02', 30],
    ['2024-02-28', '2024-03-01', 2], // leap day counts
    ['2025-12-31', '2026-01-01', 1],
  ])('due %s, business date %s: %d DPD', (due, business, expected) => {
    expect(daysPastDue(d(due), d(business))).toBe(expected);
  });

  it('is never negative and grows one a day once past due', () => {
    const date = fc.integer({ min: -20_000, max: 20_000 }).map((n) => addDays(d('2026-01-01'), n));
    fc.assert(
      fc.property(date, fc.integer({ min: -500, max: 500 }), (due, offset) => {
        expect(daysPastDue(due, addDays(due, offset))).toBe(Math.max(0, offset));
      }),
    );
  });
});

describe('bucketOf', () => {
  it.each<[number, Bucket]>([
    [0, 'M0'],
    [1, 'M1'],
    [30, 'M1'],
    [31, 'M2'],
    [60, 'M2'],
    [61, 'M3'],
    [90, 'M3'],
    [91, 'M4'],
    [120, 'M4'],
    [121, 'M5'],
    [150, 'M5'],
    [151, 'M6'],
    [180, 'M6'],
    [181, 'M7+'],
    [10_000, 'M7+'],
  ])('%d DPD is %s', (dpd, bucket) => {
    expect(bucketOf(dpd)).toBe(bucket);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects %d', (dpd) => {
    expect(() => bucketOf(dpd)).toThrow(AppError);
  });

  it('is monotone: more days past due never means an earlier bucket', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(BUCKETS.indexOf(bucketOf(low))).toBeLessThanOrEqual(BUCKETS.indexOf(bucketOf(high)));
      }),
    );
  });

  it('puts every DPD inside its bucket range', () => {
    fc.assert(
      fc.property(fc.nat(100_000), (dpd) => {
        const { minDpd, maxDpd } = bucketRange(bucketOf(dpd));
        expect(dpd).toBeGreaterThanOrEqual(minDpd);
        if (maxDpd !== null) expect(dpd).toBeLessThanOrEqual(maxDpd);
      }),
    );
  });
});

describe('BUCKETS and bucketRange', () => {
  it('lists the buckets from least to most delinquent', () => {
    expect(BUCKETS).toEqual(['M0', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7+']);
  });

  it('gives inclusive ranges that tile 0..infinity without gaps', () => {
    expect(bucketRange('M0')).toEqual({ minDpd: 0, maxDpd: 0 });
    expect(bucketRange('M1')).toEqual({ minDpd: 1, maxDpd: 30 });
    expect(bucketRange('M6')).toEqual({ minDpd: 151, maxDpd: 180 });
    expect(bucketRange('M7+')).toEqual({ minDpd: 181, maxDpd: null });
    BUCKETS.slice(1).forEach((bucket, i) => {
      const previous = bucketRange(BUCKETS[i] ?? 'M0');
      expect(bucketRange(bucket).minDpd).toBe((previous.maxDpd ?? Number.NaN) + 1);
    });
  });

  it('rejects an unknown bucket name', () => {
    expect(() => bucketRange('M8' as Bucket)).toThrow(AppError);
  });
});
