import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { dealAccounts, debtorKey, type DealAccount, type DealCollector } from './deal.ts';

/** Accounts with distinct ids; debtors drawn from a small pool so some have several accounts. */
const accountsArb = (maxDebtors: number) => fc.uniqueArray(
  fc.record({ accountId: fc.integer({ min: 1, max: 1_000_000 }), creditorId: fc.integer({ min: 1, max: 2 }),
    debtorId: fc.integer({ min: 1, max: maxDebtors }), balanceFen: fc.integer({ min: 0, max: 50_000_000 }) }),
  { selector: (a) => a.accountId, maxLength: 120 });
const collectorsArb = fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 9 })
  .map((ids) => ids.map((collectorId): DealCollector => ({ collectorId, accounts: 0, balanceFen: 0 })));

function loads(accounts: readonly DealAccount[], collectors: readonly DealCollector[]) {
  const dealt = dealAccounts({ accounts, collectors });
  const byId = new Map(accounts.map((a) => [a.accountId, a]));
  const load = new Map(collectors.map((c) => [c.collectorId, { accounts: 0, balanceFen: 0 }]));
  for (const d of dealt) {
    const l = load.get(d.collectorId)!;
    l.accounts += 1;
    l.balanceFen += byId.get(d.accountId)!.balanceFen;
  }
  return { dealt, load: [...load.values()] };
}

function groupsOf(accounts: readonly DealAccount[]) {
  const groups = new Map<string, DealAccount[]>();
  for (const a of accounts) groups.set(debtorKey(a.creditorId, a.debtorId), [...(groups.get(debtorKey(a.creditorId, a.debtorId)) ?? []), a]);
  return [...groups.values()];
}

const spread = (values: number[]) => Math.max(...values) - Math.min(...values);

describe('dealAccounts (properties)', () => {
  it('deals every account exactly once, to one of the given collectors', () => {
    fc.assert(fc.property(accountsArb(40), collectorsArb, (accounts, collectors) => {
      const dealt = dealAccounts({ accounts, collectors });
      expect(dealt.map((d) => d.accountId).sort((a, b) => a - b)).toEqual(accounts.map((a) => a.accountId).sort((a, b) => a - b));
      const ids = new Set(collectors.map((c) => c.collectorId));
      for (const d of dealt) expect(ids.has(d.collectorId)).toBe(true);
    }));
  });

  it("keeps a debtor's accounts of one creditor with one collector", () => {
    fc.assert(fc.property(accountsArb(15), collectorsArb, (accounts, collectors) => {
      const owner = new Map(dealAccounts({ accounts, collectors }).map((d) => [d.accountId, d.collectorId]));
      for (const group of groupsOf(accounts)) expect(new Set(group.map((a) => owner.get(a.accountId))).size).toBe(1);
    }));
  });

  it('keeps account counts within the largest debtor group of each other', () => {
    fc.assert(fc.property(accountsArb(30), collectorsArb, (accounts, collectors) => {
      const { load } = loads(accounts, collectors);
      const largest = Math.max(0, ...groupsOf(accounts).map((g) => g.length));
      expect(spread(load.map((l) => l.accounts))).toBeLessThanOrEqual(largest);
    }));
  });

  it('keeps balances within the largest single balance when every debtor has one account', () => {
    fc.assert(fc.property(accountsArb(1_000_000), collectorsArb, (raw, collectors) => {
      const accounts = raw.map((a, i) => ({ ...a, debtorId: i + 1 }));
      const { load } = loads(accounts, collectors);
      const largest = Math.max(0, ...accounts.map((a) => a.balanceFen));
      expect(spread(load.map((l) => l.balanceFen))).toBeLessThanOrEqual(largest);
      expect(spread(load.map((l) => l.accounts))).toBeLessThanOrEqual(1);
    }));
  });

  it('keeps balances within twice the largest debtor group balance in general', () => {
    fc.assert(fc.property(accountsArb(30), collectorsArb, (accounts, collectors) => {
      const { load } = loads(accounts, collectors);
      const largest = Math.max(0, ...groupsOf(accounts).map((g) => g.reduce((s, a) => s + a.balanceFen, 0)));
      expect(spread(load.map((l) => l.balanceFen))).toBeLessThanOrEqual(2 * largest);
    }));
  });

  it('is deterministic whatever the input order', () => {
    fc.assert(fc.property(accountsArb(30), collectorsArb, (accounts, collectors) => {
      const a = dealAccounts({ accounts, collectors });
      const b = dealAccounts({ accounts: [...accounts].reverse(), collectors: [...collectors].reverse() });
      const sorted = (d: typeof a) => [...d].sort((x, y) => x.accountId - y.accountId);
      expect(sorted(b)).toEqual(sorted(a));
    }));
  });
});

describe('dealAccounts (examples)', () => {
  const account = (accountId: number, debtorId: number, balanceFen = 100_00): DealAccount => ({ accountId, creditorId: 1, debtorId, balanceFen });

  it('gives more to the collector who holds less', () => {
    const dealt = dealAccounts({
      accounts: [1, 2, 3, 4, 5, 6].map((id) => account(id, id)),
      collectors: [{ collectorId: 10, accounts: 4, balanceFen: 400_00 }, { collectorId: 11, accounts: 0, balanceFen: 0 }],
    });
    expect(dealt.filter((d) => d.collectorId === 11)).toHaveLength(5);
  });

  it('sends a debtor already with a collector of the team to that collector', () => {
    const dealt = dealAccounts({
      accounts: [account(1, 7), account(2, 8)],
      collectors: [{ collectorId: 10, accounts: 9, balanceFen: 0 }, { collectorId: 11, accounts: 0, balanceFen: 0 }],
      keepWith: new Map([[debtorKey(1, 7), 10], [debtorKey(1, 8), 99]]),
    });
    expect(dealt).toEqual(expect.arrayContaining([{ accountId: 1, collectorId: 10 }, { accountId: 2, collectorId: 11 }]));
  });

  it('refuses when there is nobody to deal to, and deals nothing when there is nothing', () => {
    expect(() => dealAccounts({ accounts: [account(1, 1)], collectors: [] })).toThrow(AppError);
    expect(dealAccounts({ accounts: [], collectors: [] })).toEqual([]);
  });
});
