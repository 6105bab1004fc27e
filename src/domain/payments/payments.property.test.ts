import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BALANCE_PARTS, type BalancePart } from '../contracts/contract.ts';
import { addParts, allocate, orderWithWaivedLast, partsTotal, reverseParts, ZERO_PARTS, type Parts } from './allocation.ts';
import { commissionOf, decideCommission } from './commission.ts';

const order = fc.shuffledSubarray([...BALANCE_PARTS], { minLength: 3, maxLength: 3 }) as fc.Arbitrary<BalancePart[]>;
const fenAmount = fc.integer({ min: 1, max: 1_000_000_000_00 });
const parts = fc.record({ fees: fc.integer({ min: 0, max: 1e9 }), interest: fc.integer({ min: 0, max: 1e9 }), principal: fc.integer({ min: 0, max: 1e10 }) });

describe('allocation', () => {
  it('always sums exactly to the amount, never puts a negative part on a payment, fills in the order given', () => {
    fc.assert(fc.property(fenAmount, order, parts, (amount, o, owed) => {
      const a = allocate(amount, o, owed, ZERO_PARTS);
      expect(partsTotal(a)).toBe(amount);
      for (const p of BALANCE_PARTS) expect(a[p]).toBeGreaterThanOrEqual(0);
      // a later part gets money only when the earlier ones are paid off
      // (principal also takes any overpayment, so it may hold more than was owed)
      for (let i = 1; i < 3; i++) {
        if (a[o[i]!] === 0 || o[i] === 'principal') continue;
        for (let j = 0; j < i; j++) expect(a[o[j]!]).toBeGreaterThanOrEqual(owed[o[j]!]);
      }
      for (const p of ['fees', 'interest'] as const) expect(a[p]).toBeLessThanOrEqual(owed[p]);
    }));
  });

  it('pays the parts in the contract order: fees, then interest, then principal', () => {
    const owed = { fees: 500, interest: 1000, principal: 100_000 };
    expect(allocate(300, ['fees', 'interest', 'principal'], owed, ZERO_PARTS)).toEqual({ fees: 300, interest: 0, principal: 0 });
    expect(allocate(1200, ['fees', 'interest', 'principal'], owed, ZERO_PARTS)).toEqual({ fees: 500, interest: 700, principal: 0 });
    expect(allocate(1200, ['principal', 'interest', 'fees'], owed, ZERO_PARTS)).toEqual({ fees: 0, interest: 0, principal: 1200 });
    expect(allocate(200_000, ['interest', 'fees', 'principal'], owed, ZERO_PARTS)).toEqual({ fees: 500, interest: 1000, principal: 198_500 });
  });

  it('a sequence of payments and their reversals restores every part total to zero', () => {
    fc.assert(fc.property(fc.array(fenAmount, { minLength: 1, maxLength: 12 }), order, parts, (amounts, o, owed) => {
      let paid: Parts = ZERO_PARTS;
      const settled: Parts[] = [];
      for (const amount of amounts) {
        const rest = { fees: owed.fees - paid.fees, interest: owed.interest - paid.interest, principal: owed.principal - paid.principal };
        const a = allocate(amount, o, rest, paid);
        settled.push(a);
        paid = addParts(paid, a);
      }
      const commissions = amounts.map((x) => commissionOf(x, 1234));
      for (const a of settled) paid = addParts(paid, reverseParts(a));
      expect(paid).toEqual(ZERO_PARTS);
      expect(commissions.reduce((s, c) => s + c, 0) + commissions.reduce((s, c) => s - c, 0)).toBe(0);
    }));
  });

  it('an unmatched negative entry takes back in reverse order and still sums to its amount', () => {
    fc.assert(fc.property(fenAmount, order, parts, (amount, o, paidBefore) => {
      const a = allocate(-amount, o, ZERO_PARTS, paidBefore);
      expect(partsTotal(a)).toBe(-amount);
      for (const p of BALANCE_PARTS) expect(a[p]).toBeLessThanOrEqual(0);
    }));
  });
});

describe('commission rounding', () => {
  it('is amount x rate / 10000 rounded half up to the fen, symmetric for reversals', () => {
    expect(commissionOf(12345, 800)).toBe(988); // 987.6
    expect(commissionOf(1, 5000)).toBe(1); // 0.5 -> 1
    expect(commissionOf(1, 4999)).toBe(0);
    expect(commissionOf(3, 5000)).toBe(2); // 1.5 -> 2
    expect(commissionOf(-3, 5000)).toBe(-2);
    expect(commissionOf(100_000_00, 2500)).toBe(25_000_00);
    fc.assert(fc.property(fenAmount, fc.integer({ min: 0, max: 10000 }), (amount, rate) => {
      const c = commissionOf(amount, rate);
      const exact = (BigInt(amount) * BigInt(rate));
      // |c * 10000 - exact| <= 5000, and exactly 5000 only when rounding up
      const diff = BigInt(c) * 10000n - exact;
      expect(diff >= -4999n && diff <= 5000n).toBe(true);
      expect(commissionOf(-amount, rate)).toBe(-c || 0);
      expect(c).toBeLessThanOrEqual(amount);
    }));
  });
});

describe('decideCommission', () => {
  const contract = { version: 2, commission: { tiers: [{ from: 'M1', to: 'M3', rate_bp: 800 }, { from: 'M4', rate_bp: 1500 }] } };
  // A 90-day term: its last day 2026-04-10.
  const base = { amountFen: 100_000, placedOn: '2026-01-10', mandateEndsOn: '2026-04-10', firstDelinquencyDate: '2025-10-01', recalledOn: null, contract } as const;
  it("uses the bucket on the placement date (101 DPD -> M4, 15 %)", () => {
    expect(decideCommission({ ...base, paidOn: '2026-02-01' } as never)).toEqual({ bucket: 'M4', rateBp: 1500, commissionFen: 15_000, contractVersion: 2, reason: null });
  });
  it('earns nothing before placement or after the recall, and earns on the recall day itself', () => {
    expect(decideCommission({ ...base, paidOn: '2026-01-09' } as never)).toMatchObject({ rateBp: 0, commissionFen: 0, reason: 'before_placement' });
    expect(decideCommission({ ...base, paidOn: '2026-04-10' } as never)).toMatchObject({ rateBp: 1500, reason: null }); // the term's last day
    expect(decideCommission({ ...base, paidOn: '2026-04-11' } as never)).toMatchObject({ rateBp: 0, reason: 'after_recall' });
    expect(decideCommission({ ...base, recalledOn: '2026-02-01', paidOn: '2026-02-02' } as never)).toMatchObject({ commissionFen: 0, reason: 'after_recall' });
    // A term extended to 2026-05-31 (延期): commission runs to its new last day.
    expect(decideCommission({ ...base, mandateEndsOn: '2026-05-31', paidOn: '2026-05-31' } as never)).toMatchObject({ rateBp: 1500, reason: null });
    expect(decideCommission({ ...base, mandateEndsOn: '2026-05-31', paidOn: '2026-06-01' } as never)).toMatchObject({ reason: 'after_recall' });
  });
  it('earns nothing without a contract', () => {
    expect(decideCommission({ ...base, contract: null, paidOn: '2026-02-01' } as never)).toMatchObject({ commissionFen: 0, reason: 'no_contract' });
  });
});

describe('orderWithWaivedLast', () => {
  it('puts the parts an arrangement waives last, keeping the contract\'s order otherwise', () => {
    expect(orderWithWaivedLast(['fees', 'interest', 'principal'], ['interest', 'fees'])).toEqual(['principal', 'fees', 'interest']);
    expect(orderWithWaivedLast(['fees', 'interest', 'principal'], [])).toEqual(['fees', 'interest', 'principal']);
    fc.assert(fc.property(fc.shuffledSubarray(['fees', 'interest', 'principal'] as const, { minLength: 3, maxLength: 3 }), fc.subarray(['fees', 'interest', 'principal']),
      (order, waived) => {
        const out = orderWithWaivedLast(order, waived);
        expect([...out].sort()).toEqual([...order].sort());
        const firstWaived = out.findIndex((p) => waived.includes(p));
        if (firstWaived !== -1) expect(out.slice(firstWaived).every((p) => waived.includes(p))).toBe(true);
      }));
  });
});
