import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { fen } from '../money.ts';
import {
  BALANCE_PARTS, DEFAULT_WAIVER_LIMITS, covers, requiredAuthority, settlementAmount, settlementSchedule, settlementState,
  validateDiscount, waiverLimitsFrom, withinLimits, type Parts,
} from './settlement.ts';
import { actionFits, complaintDeadline } from './complaint.ts';

const parts = (principal: number, interest: number, fees: number): Parts => ({ principal: fen(principal), interest: fen(interest), fees: fen(fees) });
const balance = parts(1_000_000, 100_000, 50_000);

describe('authority limits (default: collector 10% of interest; supervisor all fees and interest; principal needs the creditor)', () => {
  it('lets a collector waive up to exactly 10% of interest, and not one fen more', () => {
    expect(requiredAuthority(DEFAULT_WAIVER_LIMITS, balance, parts(0, 10_000, 0))).toBe('collector');
    expect(requiredAuthority(DEFAULT_WAIVER_LIMITS, balance, parts(0, 10_001, 0))).toBe('supervisor');
  });
  it('sends any fee waiver past the collector (fees absent from their limits = 0)', () => {
    expect(requiredAuthority(DEFAULT_WAIVER_LIMITS, balance, parts(0, 0, 1))).toBe('supervisor');
    expect(requiredAuthority(DEFAULT_WAIVER_LIMITS, balance, parts(0, 100_000, 50_000))).toBe('supervisor');
  });
  it('sends anything on principal to the creditor, even one fen, even with a contract that allows it', () => {
    const generous = waiverLimitsFrom({ waiver_limits: { collector: { principal_bp: 10000 }, supervisor: { principal_bp: 10000 } } });
    expect(requiredAuthority(generous, balance, parts(1, 0, 0))).toBe('creditor');
  });
  it('sends a discount above the supervisor limit to the creditor', () => {
    const tight = waiverLimitsFrom({ waiver_limits: { supervisor: { interest_bp: 5000 } } });
    expect(requiredAuthority(tight, balance, parts(0, 50_000, 0))).toBe('supervisor');
    expect(requiredAuthority(tight, balance, parts(0, 50_001, 0))).toBe('creditor');
    expect(requiredAuthority(tight, balance, parts(0, 0, 1))).toBe('creditor');
  });
  it('reads the contract limits, defaults when absent, and names the bad field', () => {
    expect(waiverLimitsFrom({})).toEqual(DEFAULT_WAIVER_LIMITS);
    expect(waiverLimitsFrom(null)).toEqual(DEFAULT_WAIVER_LIMITS);
    expect(waiverLimitsFrom({ waiver_limits: { collector: { fees_bp: 500 } } })).toEqual({ collector: { fees_bp: 500 }, supervisor: {} });
    expect(() => waiverLimitsFrom({ waiver_limits: { collector: { fees_bp: 10001 } } })).toThrow(/waiver_limits.collector.fees_bp/);
    expect(() => waiverLimitsFrom({ waiver_limits: 'all' })).toThrow(AppError);
  });
  it('ranks authorities', () => {
    expect(covers('supervisor', 'collector')).toBe(true);
    expect(covers('supervisor', 'creditor')).toBe(false);
    expect(covers('creditor', 'supervisor')).toBe(true);
  });
  it('is monotonic: a smaller discount never needs a higher authority', () => {
    fc.assert(fc.property(fc.nat(10_000_000), fc.nat(10_000_000), fc.nat(10_000_000), fc.nat(10_000), (p, i, f, scaleBp) => {
      const bal = parts(p, i, f);
      const big = parts(0, i, f);
      const small = parts(0, Math.floor((i * scaleBp) / 10_000), Math.floor((f * scaleBp) / 10_000));
      const rank = { collector: 0, supervisor: 1, creditor: 2 };
      return rank[requiredAuthority(DEFAULT_WAIVER_LIMITS, bal, small)] <= rank[requiredAuthority(DEFAULT_WAIVER_LIMITS, bal, big)];
    }));
  });
});

describe('discount and settlement amount', () => {
  it('refuses a discount above the part, negative, fractional, or nothing at all, naming the field', () => {
    expect(() => validateDiscount(balance, parts(0, 100_001, 0))).toThrow(/interest/);
    expect(() => validateDiscount(balance, { ...parts(0, 0, 0), fees: -1 as never })).toThrow(AppError);
    expect(() => validateDiscount(balance, { ...parts(0, 0, 0), fees: 1.5 as never })).toThrow(/fees/);
    try { validateDiscount(balance, parts(0, 0, 0)); expect.unreachable(); } catch (e) { expect((e as AppError).field).toBe('discount'); }
    try { validateDiscount(balance, parts(0, 100_001, 0)); expect.unreachable(); } catch (e) { expect((e as AppError).messageZh).toContain('利息减免额（¥1,000.01）超过了所欠利息'); }
    expect(() => validateDiscount(balance, parts(0, 100_001, 0), 'USD')).toThrow('The discount on interest ($1,000.01) is more than the interest owed ($1,000.00)');
  });
  const arbitrary = fc.tuple(fc.nat(1e12), fc.nat(1e12), fc.nat(1e12)).chain(([p, i, f]) =>
    fc.tuple(fc.constant(parts(p, i, f)), fc.tuple(fc.nat(p), fc.nat(i), fc.nat(f)).map(([a, b, c]) => parts(a, b, c))));
  it('property: a valid discount never exceeds its part, and settle + waived = balance exactly', () => {
    fc.assert(fc.property(arbitrary, ([bal, discount]) => {
      for (const part of BALANCE_PARTS) expect(discount[part]).toBeLessThanOrEqual(bal[part]);
      const waived = discount.principal + discount.interest + discount.fees;
      expect(settlementAmount(bal, discount) + waived).toBe(bal.principal + bal.interest + bal.fees);
      expect(settlementAmount(bal, discount)).toBeGreaterThanOrEqual(0);
    }));
  });
  it('property: a discount the limits allow is at most limit_bp of each part', () => {
    fc.assert(fc.property(arbitrary, fc.nat(10_000), ([bal, discount], bp) => {
      const limits = { interest_bp: bp, fees_bp: bp };
      if (withinLimits(limits, bal, { ...discount, principal: fen(0) })) {
        expect(discount.interest * 10_000).toBeLessThanOrEqual(bp * bal.interest);
        expect(discount.fees * 10_000).toBeLessThanOrEqual(bp * bal.fees);
      }
    }));
  });
});

describe('settlement schedule and state', () => {
  it('splits instalments monthly, end-of-month clamped, the odd fen last, summing exactly', () => {
    const s = settlementSchedule(fen(100_001), '2026-01-31', 3);
    expect(s.map((i) => i.due_date)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31']);
    expect(s.map((i) => i.amount_fen)).toEqual([33_333, 33_333, 33_335]);
    expect(() => settlementSchedule(fen(100), '2026-01-31', 0)).toThrow(/Instalments/);
    expect(() => settlementSchedule(fen(0), '2026-01-31', 1)).toThrow(AppError);
  });
  it('property: instalments sum to the amount', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e12 }), fc.integer({ min: 1, max: 60 }), (amount, n) =>
      settlementSchedule(fen(amount), '2026-03-15', n).reduce((s, i) => s + i.amount_fen, 0) === amount));
  });
  const lump = settlementSchedule(fen(50_000), '2026-03-31', 1);
  it('a lump sum is settled when paid in full on or before the date, lapsed the day after if short', () => {
    expect(settlementState(lump, [{ paid_on: '2026-03-31', amount_fen: 50_000 }], '2026-04-01')).toBe('settled');
    expect(settlementState(lump, [{ paid_on: '2026-03-10', amount_fen: 30_000 }, { paid_on: '2026-03-20', amount_fen: 20_000 }], '2026-03-21')).toBe('settled');
    expect(settlementState(lump, [{ paid_on: '2026-03-31', amount_fen: 49_999 }], '2026-03-31')).toBe('pending');
    expect(settlementState(lump, [{ paid_on: '2026-03-31', amount_fen: 49_999 }], '2026-04-01')).toBe('lapsed');
    expect(settlementState(lump, [{ paid_on: '2026-04-01', amount_fen: 50_000 }], '2026-04-02')).toBe('lapsed');
  });
  it('instalments lapse when a past due date is short cumulatively, and settle once all is paid', () => {
    const plan = settlementSchedule(fen(30_000), '2026-03-10', 3);
    expect(settlementState(plan, [{ paid_on: '2026-03-09', amount_fen: 10_000 }], '2026-03-20')).toBe('pending');
    expect(settlementState(plan, [{ paid_on: '2026-03-09', amount_fen: 9_999 }], '2026-03-11')).toBe('lapsed');
    expect(settlementState(plan, [{ paid_on: '2026-03-09', amount_fen: 30_000 }], '2026-03-11')).toBe('settled');
  });
});

describe('complaints', () => {
  it('gives 5 Chinese business days to investigate, skipping weekends and the Spring Festival holiday', () => {
    expect(complaintDeadline('2026-03-02')).toBe('2026-03-09'); // Monday -> next Monday
    expect(complaintDeadline('2026-02-13')).toBe('2026-02-27'); // Fri before 春节 2026: adjusted Saturday 14th, then holiday to 23rd
  });
  it('counts the business days of the contract\'s country: the Spring Festival does not move a UK or US deadline, Christmas does', () => {
    expect(complaintDeadline('2026-02-13', 5, 'UK')).toBe('2026-02-20');
    expect(complaintDeadline('2026-02-13', 5, 'US')).toBe('2026-02-23');   // Washington's Birthday, Monday 16 February
    expect(complaintDeadline('2026-12-23', 5, 'UK')).toBe('2027-01-04');   // Christmas, the 28th for Boxing Day, New Year's Day
    expect(complaintDeadline('2026-12-23', 5, 'US')).toBe('2026-12-31');   // Christmas only
    expect(complaintDeadline('2026-12-23', 5, 'CN')).toBe('2026-12-30');
  });
  it('lets only an upheld finding carry a move or discipline', () => {
    expect(actionFits('not_upheld', 'discipline')).toBe(false);
    expect(actionFits('not_upheld', 'coaching')).toBe(true);
    expect(actionFits('upheld', 'reassign')).toBe(true);
  });
});
