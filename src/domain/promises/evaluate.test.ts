import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, localDate } from '../calendar.ts';
import type { LocalDate } from '../calendar.ts';
import { AppError } from '../errors.ts';
import { fen } from '../money.ts';
import { evaluatePromise, graceDaysOf } from './evaluate.ts';
import type { PaymentMade, PromiseToPay } from './evaluate.ts';

const d = (text: string) => text as LocalDate;
const promise: PromiseToPay = { amountFen: fen(100_000), dueDate: d('2026-03-10'), takenOn: d('2026-03-02') };
const pay = (amount: number, paidOn: string): PaymentMade => ({ amountFen: fen(amount), paidOn: d(paidOn) });

describe('evaluatePromise (grace 3 days)', () => {
  it('is open until the grace period ends, then broken when nothing was paid', () => {
    expect(evaluatePromise(promise, [], 3, d('2026-03-10'))).toBe('open');
    expect(evaluatePromise(promise, [], 3, d('2026-03-13'))).toBe('open'); // last day of grace
    expect(evaluatePromise(promise, [], 3, d('2026-03-14'))).toBe('broken');
  });

  it('is kept as soon as the full amount is paid, even before the due date', () => {
    expect(evaluatePromise(promise, [pay(100_000, '2026-03-05')], 3, d('2026-03-05'))).toBe('kept');
    expect(evaluatePromise(promise, [pay(60_000, '2026-03-05'), pay(40_000, '2026-03-12')], 3, d('2026-03-12'))).toBe('kept');
  });

  it('counts a payment on the last day of grace, not the day after', () => {
    expect(evaluatePromise(promise, [pay(100_000, '2026-03-13')], 3, d('2026-03-14'))).toBe('kept');
    expect(evaluatePromise(promise, [pay(100_000, '2026-03-14')], 3, d('2026-03-14'))).toBe('broken');
  });

  it('is partially kept when something but not all was paid by the end of grace', () => {
    expect(evaluatePromise(promise, [pay(99_999, '2026-03-10')], 3, d('2026-03-14'))).toBe('partially_kept');
  });

  it('ignores payments made before the promise was taken and payments not yet known on the date', () => {
    expect(evaluatePromise(promise, [pay(100_000, '2026-03-01')], 3, d('2026-03-14'))).toBe('broken');
    expect(evaluatePromise(promise, [pay(100_000, '2026-03-12')], 3, d('2026-03-11'))).toBe('open');
  });

  it('with no grace, the day after the due date decides', () => {
    expect(evaluatePromise(promise, [], 0, d('2026-03-10'))).toBe('open');
    expect(evaluatePromise(promise, [], 0, d('2026-03-11'))).toBe('broken');
  });

  it('refuses a grace period outside 0-30 days', () => {
    expect(() => evaluatePromise(promise, [], -1, d('2026-03-11'))).toThrow(AppError);
    expect(() => evaluatePromise(promise, [], 31, d('2026-03-11'))).toThrow(AppError);
  });

  it('properties: kept iff enough was paid in the window; never open after the window; more money never worsens the outcome', () => {
    const rank = { broken: 0, partially_kept: 1, open: 1, kept: 2 } as const;
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 60 }),
      fc.array(fc.record({ amount: fc.integer({ min: 1, max: 5_000_000 }), day: fc.integer({ min: -5, max: 60 }) }), { maxLength: 6 }),
      fc.integer({ min: 1, max: 5_000_000 }),
      (amount, grace, dateOffset, raw, extra) => {
        const taken = localDate(2026, 3, 2);
        const p: PromiseToPay = { amountFen: fen(amount), dueDate: addDays(taken, 10), takenOn: taken };
        const payments = raw.map((r) => pay(r.amount, addDays(taken, r.day)));
        const date = addDays(taken, dateOffset);
        const outcome = evaluatePromise(p, payments, grace, date);
        const windowEnd = addDays(p.dueDate, grace);
        const paid = payments.filter((x) => x.paidOn >= taken && x.paidOn <= windowEnd && x.paidOn <= date).reduce((s, x) => s + x.amountFen, 0);
        expect(outcome === 'kept').toBe(paid >= amount);
        if (date > windowEnd) expect(outcome).not.toBe('open');
        const more = evaluatePromise(p, [...payments, pay(extra, date < windowEnd ? date : windowEnd)], grace, date);
        expect(rank[more]).toBeGreaterThanOrEqual(rank[outcome]);
      }));
  });
});

describe('graceDaysOf', () => {
  it('reads terms.promise_grace_days, defaulting to 3', () => {
    expect(graceDaysOf({})).toBe(3);
    expect(graceDaysOf({ promise_grace_days: 5 })).toBe(5);
    expect(() => graceDaysOf({ promise_grace_days: '5' })).toThrow(/whole number/);
  });
  it('falls back to the older key grace_days', () => {
    expect(graceDaysOf({ grace_days: 4 })).toBe(4);
    expect(graceDaysOf({ promise_grace_days: 2, grace_days: 4 })).toBe(2);
  });
});
