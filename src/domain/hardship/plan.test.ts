import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysInMonth, localDate } from '../calendar.ts';
import { AppError } from '../errors.ts';
import { BALANCE_PARTS, checkPlanMonths, PLAN_INSTALMENT_MAX, PLAN_PACKS, parsePlanQuoteRequest, quotePlan } from './plan.ts';
import type { BalancePart, PlanQuoteRequest } from './plan.ts';

const ISSUE_EXAMPLE: PlanQuoteRequest = {
  pack: 'CN', principal_fen: 5_000_000, interest_fen: 320_000, fees_fen: 80_000,
  waive: ['interest', 'fees'], months: 60, first_due_date: '2026-01-31', monthly_fee_bp: 0,
};

/** Calls quotePlan with the issue's example changed by `patch` (a JSON-shaped object, possibly ill-typed). */
function quoteWith(patch: Record<string, unknown>) {
  return quotePlan({ ...ISSUE_EXAMPLE, ...patch } as unknown as PlanQuoteRequest);
}

function rejection(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INVALID_INPUT');
    return error as AppError;
  }
  throw new Error('expected INVALID_INPUT');
}

/** The error names the field both in `field` and in the message the CLI prints. */
function expectRejected(patch: Record<string, unknown>, field: string): void {
  const error = rejection(() => quoteWith(patch));
  expect(error.field).toBe(field);
  expect(error.message).toContain(field);
}

describe('quotePlan: the example from the issue', () => {
  const schedule = quotePlan(ISSUE_EXAMPLE);

  it('puts the principal alone on the plan when interest and fees are waived', () => {
    expect(schedule.plan_amount_fen).toBe(5_000_000);
    expect(schedule.total_fee_fen).toBe(0);
    expect(schedule.total_fen).toBe(5_000_000);
    expect(schedule.instalments).toHaveLength(60);
  });

  it('has 59 instalments of 83333 and a last one carrying the remainder, 83353', () => {
    expect(schedule.instalments[0]).toEqual({ n: 1, due_date: '2026-01-31', principal_fen: 83_333, fee_fen: 0, amount_fen: 83_333 });
    expect(schedule.instalments.slice(0, 59).every((i) => i.principal_fen === 83_333)).toBe(true);
    expect(schedule.instalments[59]).toEqual({ n: 60, due_date: '2030-12-31', principal_fen: 83_353, fee_fen: 0, amount_fen: 83_353 });
  });

  it('keeps the 31st where the month has one and clamps elsewhere', () => {
    expect(schedule.instalments.slice(0, 5).map((i) => i.due_date)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31']);
    expect(schedule.instalments[25]?.due_date).toBe('2028-02-29'); // 2028 is a leap year
  });

  it('carries every part not waived, and nothing else', () => {
    expect(quoteWith({ waive: [] }).plan_amount_fen).toBe(5_400_000);
    expect(quoteWith({ waive: ['interest'] }).plan_amount_fen).toBe(5_080_000);
    expect(quoteWith({ waive: ['fees', 'fees'] }).plan_amount_fen).toBe(5_320_000);
    expect(quoteWith({ waive: ['principal'] }).plan_amount_fen).toBe(400_000);
  });
});

describe('quotePlan: the plan fee', () => {
  it('is plan amount x bp / 10000, the same every month', () => {
    const schedule = quoteWith({ monthly_fee_bp: 60, months: 12 }); // 0.6 % a month
    expect(schedule.instalments.map((i) => i.fee_fen)).toEqual(Array(12).fill(30_000));
    expect(schedule.total_fee_fen).toBe(360_000);
    expect(schedule.total_fen).toBe(5_360_000);
    expect(schedule.instalments[0]?.amount_fen).toBe(416_666 + 30_000);
    expect(schedule.instalments[11]?.amount_fen).toBe(416_674 + 30_000);
  });

  it.each([
    [14, 1000, 1], // 1.4 -> 1
    [15, 1000, 2], // 1.5 -> 2: half up, not half to even
    [25, 1000, 3], // 2.5 -> 3
    [5, 1000, 1], // 0.5 -> 1
    [4, 1000, 0], // 0.4 -> 0
    [1, 10_000, 1],
  ])('plan %i fen at %i bp is %i fen a month (rounded half up)', (amount, bp, fee) => {
    expect(quoteWith({ principal_fen: amount, waive: ['interest', 'fees'], months: 1, monthly_fee_bp: bp }).instalments[0]?.fee_fen).toBe(fee);
  });
});

describe('quotePlan: due dates on the 29th, 30th and 31st across February', () => {
  it.each([
    ['2026-01-29', ['2026-01-29', '2026-02-28', '2026-03-29', '2026-04-29']],
    ['2026-01-30', ['2026-01-30', '2026-02-28', '2026-03-30', '2026-04-30']],
    ['2026-01-31', ['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']],
    ['2024-01-29', ['2024-01-29', '2024-02-29', '2024-03-29', '2024-04-29']],
    ['2024-01-30', ['2024-01-30', '2024-02-29', '2024-03-30', '2024-04-30']],
    ['2024-01-31', ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30']],
    ['2100-01-31', ['2100-01-31', '2100-02-28', '2100-03-31', '2100-04-30']], // 2100 is not a leap year
    ['2000-01-31', ['2000-01-31', '2000-02-29', '2000-03-31', '2000-04-30']], // 2000 is
    ['2024-02-29', ['2024-02-29', '2024-03-29', '2024-04-29', '2024-05-29']], // the 29th stays the 29th
    ['2025-12-31', ['2025-12-31', '2026-01-31', '2026-02-28', '2026-03-31']], // across the year end
  ])('first due %s', (first, expected) => {
    expect(quoteWith({ first_due_date: first, months: 4 }).instalments.map((i) => i.due_date)).toEqual(expected);
  });

  it('comes back to the 29th of February four years on', () => {
    const dates = quoteWith({ first_due_date: '2024-02-29', months: 49 }).instalments.map((i) => i.due_date);
    expect([dates[12], dates[48]]).toEqual(['2025-02-28', '2028-02-29']);
  });
});

describe('quotePlan: months from 1 to the pack instalment_max', () => {
  it.each([1, 60])('%i month(s) is a plan', (months) => {
    expect(quoteWith({ months }).instalments).toHaveLength(months);
  });

  it('one month puts the whole plan amount on one instalment', () => {
    expect(quoteWith({ months: 1 }).instalments).toEqual([{ n: 1, due_date: '2026-01-31', principal_fen: 5_000_000, fee_fen: 0, amount_fen: 5_000_000 }]);
  });

  it.each([0, 61, -1, 1.5, '12', null, undefined])('months %s is refused', (months) => {
    expectRejected({ months }, 'months');
  });

  it('CN allows 60 months (COMPLIANCE.md CN.instalment_max); every pack has a limit', () => {
    expect(PLAN_INSTALMENT_MAX.CN).toBe(60);
    for (const pack of PLAN_PACKS) {
      expect(quoteWith({ pack, months: PLAN_INSTALMENT_MAX[pack] }).instalments).toHaveLength(PLAN_INSTALMENT_MAX[pack]);
      expectRejected({ pack, months: PLAN_INSTALMENT_MAX[pack] + 1 }, 'months');
    }
  });

  it('the message states the limit in plain words', () => {
    const error = rejection(() => quoteWith({ months: 61 }));
    expect(error.message).toBe('A plan may run at most 60 months: the number of monthly instalments must be a whole number from 1 to 60; got 61');
    expect(error.messageZh).toBe('分期最长 60 个月：期数须为 1 到 60 之间的整数；当前为 61');
    expect(error.message).not.toMatch(/instalment_max|pack/);
  });

  it("a contract's shorter limit is named as the bank's", () => {
    const error = rejection(() => checkPlanMonths(48, { months: 36, setBy: 'contract' }));
    expect(error.field).toBe('months');
    expect(error.message).toBe("A plan may run at most 36 months under this bank's contract: the number of monthly instalments must be a whole number from 1 to 36; got 48");
    expect(error.messageZh).toBe('按该银行的委托合同，分期最长 36 个月：期数须为 1 到 36 之间的整数；当前为 48');
    expect(() => checkPlanMonths(36, { months: 36, setBy: 'contract' })).not.toThrow();
    expect(() => checkPlanMonths(0, { months: 36, setBy: 'contract' })).toThrow();
  });
});

describe('quotePlan: invalid requests name the field', () => {
  it.each(['principal_fen', 'interest_fen', 'fees_fen'])('%s: negative, non-integer, text, unsafe are refused', (field) => {
    for (const bad of [-1, 0.5, 100.01, '100', Number.MAX_SAFE_INTEGER + 1, null, true]) expectRejected({ [field]: bad }, field);
  });

  it('principal_fen is required; interest_fen and fees_fen default to 0', () => {
    expectRejected({ principal_fen: undefined }, 'principal_fen');
    const { interest_fen: _i, fees_fen: _f, waive: _w, monthly_fee_bp: _b, ...minimal } = ISSUE_EXAMPLE;
    expect(quotePlan(minimal).plan_amount_fen).toBe(5_000_000);
  });

  it.each([[['interest', 'penalty']], [['Interest']], [[1]], ['interest'], [{ interest: true }], [null]])('waive %j is refused', (waive) => {
    expectRejected({ waive }, 'waive');
  });

  it.each(['2026-02-30', '2026-13-01', '2026-1-31', '31/01/2026', '', 20260131, null, undefined])('first_due_date %j is refused', (first) => {
    expectRejected({ first_due_date: first }, 'first_due_date');
  });

  it('first_due_date whose plan runs past the year 9999 is refused', () => {
    expect(quoteWith({ first_due_date: '9999-01-31', months: 12 }).instalments[11]?.due_date).toBe('9999-12-31');
    expectRejected({ first_due_date: '9999-01-31', months: 13 }, 'first_due_date');
  });

  it.each([-1, 0.5, 10_001, '60', null])('monthly_fee_bp %j is refused', (bp) => {
    expectRejected({ monthly_fee_bp: bp }, 'monthly_fee_bp');
  });

  it.each(['cn', 'DE', '', null, undefined])('pack %j is refused', (pack) => {
    expectRejected({ pack }, 'pack');
  });

  it('an unknown field is refused by name, so a typo does not silently become a default', () => {
    expectRejected({ monthly_fee_pb: 60 }, 'monthly_fee_pb');
  });

  it('nothing left to put on a plan is refused', () => {
    expectRejected({ waive: ['principal', 'interest', 'fees'] }, 'waive');
    expectRejected({ principal_fen: 0, interest_fen: 0, fees_fen: 0, waive: [] }, 'principal_fen');
  });

  it('a plan amount beyond the safe range is refused, not rounded', () => {
    expectRejected({ principal_fen: Number.MAX_SAFE_INTEGER, interest_fen: 1, waive: [] }, 'principal_fen');
    expectRejected({ principal_fen: Number.MAX_SAFE_INTEGER - 100, waive: ['interest', 'fees'], monthly_fee_bp: 1 }, 'principal_fen');
    expectRejected({ principal_fen: 2 ** 50, months: 60, monthly_fee_bp: 10_000 }, 'monthly_fee_bp');
  });

  it.each([null, [], 'x', 42])('a request that is not an object (%j) is refused', (request) => {
    expect(rejection(() => quotePlan(request as unknown as PlanQuoteRequest)).field).toBe('request');
  });
});

describe('parsePlanQuoteRequest', () => {
  it('fills in the defaults and orders waive as the balance parts', () => {
    expect(parsePlanQuoteRequest({ pack: 'UK', principal_fen: 100, months: 3, first_due_date: '2026-03-15', waive: ['fees', 'interest'] })).toEqual({
      pack: 'UK', principal_fen: 100, interest_fen: 0, fees_fen: 0, waive: ['interest', 'fees'], months: 3, first_due_date: '2026-03-15', monthly_fee_bp: 0,
    });
  });
});

// ---------------------------------------------------------------------------------------
// Properties.

const anyDate = fc
  .record({ year: fc.integer({ min: 1900, max: 2200 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
  .map(({ year, month, day }) => localDate(year, month, Math.min(day, daysInMonth(year, month))));

function amountOf(request: { principal_fen: number; interest_fen: number; fees_fen: number }, part: BalancePart): number {
  return { principal: request.principal_fen, interest: request.interest_fen, fees: request.fees_fen }[part];
}

const anyRequest = fc
  .record({
    pack: fc.constantFrom(...PLAN_PACKS),
    principal_fen: fc.integer({ min: 0, max: 1_000_000_000_000 }),
    interest_fen: fc.integer({ min: 0, max: 1_000_000_000 }),
    fees_fen: fc.integer({ min: 0, max: 1_000_000_000 }),
    waive: fc.subarray<BalancePart>([...BALANCE_PARTS]),
    months: fc.integer({ min: 1, max: 60 }),
    first_due_date: anyDate,
    monthly_fee_bp: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 10_000 })),
  })
  .filter((r) => BALANCE_PARTS.some((part) => !r.waive.includes(part) && amountOf(r, part) > 0));

const sum = (values: readonly number[]): bigint => values.reduce((total, v) => total + BigInt(v), 0n);

describe('quotePlan: properties', () => {
  it('instalments add up exactly to plan_amount_fen, total_fee_fen and total_fen', () => {
    fc.assert(fc.property(anyRequest, (request) => {
      const s = quotePlan(request);
      const carried = sum(BALANCE_PARTS.filter((p) => !request.waive.includes(p)).map((p) => amountOf(request, p)));
      expect(BigInt(s.plan_amount_fen)).toBe(carried);
      expect(sum(s.instalments.map((i) => i.principal_fen))).toBe(BigInt(s.plan_amount_fen));
      expect(sum(s.instalments.map((i) => i.fee_fen))).toBe(BigInt(s.total_fee_fen));
      expect(sum(s.instalments.map((i) => i.amount_fen))).toBe(BigInt(s.total_fen));
      expect(BigInt(s.total_fen)).toBe(BigInt(s.plan_amount_fen) + BigInt(s.total_fee_fen));
      expect(s.instalments.map((i) => i.n)).toEqual(Array.from({ length: request.months }, (_, k) => k + 1));
      for (const i of s.instalments) expect(i.amount_fen).toBe(i.principal_fen + i.fee_fen);
    }), { numRuns: 500 });
  });

  it('due dates strictly increase, one a month, on the first due day clamped to the month end', () => {
    fc.assert(fc.property(anyRequest, (request) => {
      const dates = quotePlan(request).instalments.map((i) => i.due_date);
      const firstDay = Number(request.first_due_date.slice(8, 10));
      const [y0, m0] = [Number(request.first_due_date.slice(0, 4)), Number(request.first_due_date.slice(5, 7))];
      expect(dates[0]).toBe(request.first_due_date);
      dates.forEach((date, k) => {
        if (k > 0) expect(date > (dates[k - 1] ?? '')).toBe(true);
        const index = y0 * 12 + m0 - 1 + k;
        const [year, month] = [Math.floor(index / 12), (index % 12) + 1];
        expect(date).toBe(localDate(year, month, Math.min(firstDay, daysInMonth(year, month))));
      });
    }), { numRuns: 500 });
  });

  it('every principal is floor(plan / months) but the last, which carries the remainder', () => {
    fc.assert(fc.property(anyRequest, (request) => {
      const s = quotePlan(request);
      const floor = BigInt(s.plan_amount_fen) / BigInt(request.months);
      const principals = s.instalments.map((i) => BigInt(i.principal_fen));
      expect(principals.slice(0, -1).every((p) => p === floor)).toBe(true);
      expect(principals.at(-1)).toBe(floor + (BigInt(s.plan_amount_fen) % BigInt(request.months)));
    }), { numRuns: 500 });
  });

  it('the fee is the same every month: plan x bp / 10000 rounded half up', () => {
    fc.assert(fc.property(anyRequest, (request) => {
      const s = quotePlan(request);
      // Independent of money.ts: for non-negative x, round half up of x / 10000 is floor((2x + 10000) / 20000).
      const expected = (2n * BigInt(s.plan_amount_fen) * BigInt(request.monthly_fee_bp) + 10_000n) / 20_000n;
      for (const i of s.instalments) expect(BigInt(i.fee_fen)).toBe(expected);
    }), { numRuns: 500 });
  });
});
