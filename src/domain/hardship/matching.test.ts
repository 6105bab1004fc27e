import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, parseLocalDate, type LocalDate } from '../calendar.ts';
import { fen } from '../money.ts';
import { isCovered, matchInstalments, planOutcome, type PlanPayment, type ScheduledInstalment } from './matching.ts';
import { quotePlan } from './plan.ts';

const d = (s: string) => parseLocalDate(s);
const schedule = (amounts: number[], first = '2026-04-30'): ScheduledInstalment[] =>
  amounts.map((a, i) => ({ n: i + 1, dueDate: addDays(d(first), 30 * i), amountFen: fen(a) }));
const pay = (amount: number, on: string): PlanPayment => ({ amountFen: fen(amount), paidOn: d(on) });
const START = d('2026-04-01');

describe('matching payments to instalments', () => {
  it('applies payments oldest instalment first and records when each was covered', () => {
    const m = matchInstalments(schedule([1000, 1000, 1000]), [pay(600, '2026-04-20'), pay(700, '2026-05-10')], START, d('2026-06-01'));
    expect(m.map((i) => [i.paidFen, i.paidOn])).toEqual([[1000, '2026-05-10'], [300, null], [0, null]]);
  });
  it('ignores payments before the plan started or after the business date', () => {
    const m = matchInstalments(schedule([1000]), [pay(1000, '2026-03-31'), pay(1000, '2026-06-02')], START, d('2026-06-01'));
    expect(m[0]!.paidFen).toBe(0);
  });
  it('takes a reversal back', () => {
    const m = matchInstalments(schedule([1000, 1000]), [pay(2000, '2026-04-10'), pay(-1500, '2026-04-12')], START, d('2026-06-01'));
    expect(m.map((i) => [i.paidFen, i.paidOn])).toEqual([[500, null], [0, null]]);
  });
});

describe('plan outcome', () => {
  const plan = schedule([1000, 1000]); // due 2026-04-30 and 2026-05-30
  it('stays active within the grace days of a missed instalment', () => {
    expect(planOutcome(matchInstalments(plan, [], START, d('2026-05-05')), d('2026-05-05'), 5)).toEqual({ status: 'active' });
  });
  it('defaults the day after due date + grace', () => {
    expect(planOutcome(matchInstalments(plan, [], START, d('2026-05-06')), d('2026-05-06'), 5))
      .toEqual({ status: 'defaulted', missed: 1, dueDate: '2026-04-30' });
  });
  it('does not default while each instalment is paid within grace, and completes when all are paid', () => {
    const payments = [pay(1000, '2026-05-04'), pay(999, '2026-06-01')];
    expect(planOutcome(matchInstalments(plan, payments, START, d('2026-06-04')), d('2026-06-04'), 5)).toEqual({ status: 'active' });
    expect(planOutcome(matchInstalments(plan, payments, START, d('2026-06-05')), d('2026-06-05'), 5)).toMatchObject({ status: 'defaulted', missed: 2 });
    const all = [...payments, pay(1, '2026-06-03')];
    expect(planOutcome(matchInstalments(plan, all, START, d('2026-06-05')), d('2026-06-05'), 5)).toEqual({ status: 'completed', completedOn: '2026-06-03' });
  });
});

describe('properties (money is exact)', () => {
  const arbPlan = fc.record({
    principal: fc.integer({ min: 1, max: 50_000_000 }), months: fc.integer({ min: 1, max: 60 }), feeBp: fc.integer({ min: 0, max: 200 }),
  });
  const arbPayments = fc.array(fc.record({ amount: fc.integer({ min: -200_000, max: 2_000_000 }), day: fc.integer({ min: -30, max: 2000 }) }), { maxLength: 40 });

  it('the matched amounts add up to what was paid, capped at the plan total and never below 0', () => {
    fc.assert(fc.property(arbPlan, arbPayments, fc.integer({ min: 0, max: 2000 }), (p, raw, asOfDay) => {
      const q = quotePlan({ pack: 'CN', principal_fen: p.principal, months: p.months, first_due_date: '2026-04-30', monthly_fee_bp: p.feeBp });
      const instalments = q.instalments.map((i) => ({ n: i.n, dueDate: i.due_date, amountFen: i.amount_fen }));
      const payments = raw.map((r) => pay(r.amount, addDays(START, r.day)));
      const asOf = addDays(START, asOfDay);
      const matched = matchInstalments(instalments, payments, START, asOf);
      const counted = payments.filter((x) => x.paidOn >= START && x.paidOn <= asOf).reduce((s, x) => s + BigInt(x.amountFen), 0n);
      const expected = counted < 0n ? 0n : counted > BigInt(q.total_fen) ? BigInt(q.total_fen) : counted;
      expect(matched.reduce((s, i) => s + BigInt(i.paidFen), 0n)).toBe(expected);
      for (const i of matched) {
        expect(i.paidFen).toBeGreaterThanOrEqual(0);
        expect(i.paidFen).toBeLessThanOrEqual(i.amountFen);
        expect(i.paidOn === null).toBe(!isCovered(i));
      }
      // covered instalments are a prefix: no instalment is covered after one that is not
      const firstOpen = matched.findIndex((i) => !isCovered(i));
      if (firstOpen >= 0) expect(matched.slice(firstOpen + 1).every((i) => i.paidFen === 0)).toBe(true);
      const outcome = planOutcome(matched, asOf, 5);
      expect(outcome.status === 'completed').toBe(counted >= BigInt(q.total_fen));
      if (outcome.status === 'defaulted') expect(asOf > addDays(outcome.dueDate as LocalDate, 5)).toBe(true);
    }), { numRuns: 300 });
  });

  it('paying each instalment on its due date never defaults and completes on the last one', () => {
    fc.assert(fc.property(arbPlan, fc.integer({ min: 0, max: 30 }), (p, grace) => {
      const q = quotePlan({ pack: 'CN', principal_fen: p.principal, months: p.months, first_due_date: '2026-04-30', monthly_fee_bp: p.feeBp });
      const instalments = q.instalments.map((i) => ({ n: i.n, dueDate: i.due_date, amountFen: i.amount_fen }));
      const payments = q.instalments.map((i) => pay(i.amount_fen, i.due_date));
      for (const i of q.instalments) {
        const asOf = addDays(i.due_date, grace + 1);
        const outcome = planOutcome(matchInstalments(instalments, payments, START, asOf), asOf, grace);
        expect(outcome.status).not.toBe('defaulted');
      }
      const last = q.instalments.at(-1)!.due_date;
      expect(planOutcome(matchInstalments(instalments, payments, START, last), last, grace)).toEqual({ status: 'completed', completedOn: last });
    }), { numRuns: 100 });
  });
});
