import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_STATUSES } from './account-status.ts';
import { balanceNow, overpaidBy, waivedOnSettlement } from './balance.ts';

describe('balanceNow: what the debtor still owes', () => {
  it('is the statement less what was paid since, never below zero', () => {
    expect(balanceNow({ stated_fen: 500_00, paid_since_fen: 120_00, status: 'active' })).toBe(380_00);
    expect(balanceNow({ stated_fen: 500_00, paid_since_fen: 600_00, status: 'paid' })).toBe(0);
  });

  it('is nothing once a settlement is paid: the rest is waived, and says how much', () => {
    const settled = { stated_fen: 500_00, paid_since_fen: 400_00, status: 'settled' };
    expect(balanceNow(settled)).toBe(0);
    expect(waivedOnSettlement(settled)).toBe(100_00);
    expect(waivedOnSettlement({ ...settled, status: 'active' })).toBeNull();
  });

  it('owes plus waives exactly the unpaid statement, whatever the status', () => {
    fc.assert(fc.property(fc.nat(10 ** 12), fc.nat(10 ** 12), fc.constantFrom(...ACCOUNT_STATUSES), (stated, paid, status) => {
      const account = { stated_fen: stated, paid_since_fen: paid, status };
      expect(balanceNow(account) + (waivedOnSettlement(account) ?? 0)).toBe(Math.max(0, stated - paid));
      expect(balanceNow(account)).toBeGreaterThanOrEqual(0);
    }));
  });

  it('says what was paid beyond the statement (多付): the statement, less what was paid, plus the excess, is what is owed', () => {
    expect(overpaidBy({ stated_fen: 500_00, paid_since_fen: 600_00 })).toBe(100_00);
    expect(overpaidBy({ stated_fen: 500_00, paid_since_fen: 500_00 })).toBe(0);
    fc.assert(fc.property(fc.nat(10 ** 12), fc.nat(10 ** 12), (stated, paid) => {
      const account = { stated_fen: stated, paid_since_fen: paid, status: 'active' };
      expect(stated - paid + overpaidBy(account)).toBe(balanceNow(account));
      expect(overpaidBy(account) === 0 || balanceNow(account) === 0).toBe(true);
    }));
  });
});
