import { AppError } from '../errors.ts';

/** An account waiting for a collector. */
export interface DealAccount {
  accountId: number;
  creditorId: number;
  debtorId: number;
  /** Outstanding balance (principal + interest + fees), fen. */
  balanceFen: number;
}

/** A collector who may receive accounts, with the portfolio they already hold. */
export interface DealCollector {
  collectorId: number;
  accounts: number;
  balanceFen: number;
}

export interface DealInput {
  accounts: readonly DealAccount[];
  collectors: readonly DealCollector[];
  /**
   * Where a debtor's accounts with a creditor already are: debtorKey(creditor, debtor) ->
   * collector. Groups found here go to that collector when they are among `collectors`.
   */
  keepWith?: ReadonlyMap<string, number>;
}

export interface Dealt { accountId: number; collectorId: number }

export function debtorKey(creditorId: number, debtorId: number): string {
  return `${creditorId}:${debtorId}`;
}

interface Group { key: string; accountIds: number[]; balanceFen: number; firstId: number }

/**
 * Deals accounts to collectors (分案) within one team.
 *
 * - A debtor's accounts of one creditor form one group and go to one collector; a group whose
 *   debtor is already with one of these collectors goes to that collector.
 * - The other groups, largest balance first, each go to the collector holding the fewest
 *   accounts, the smaller balance breaking ties. Starting from equal portfolios this keeps
 *   account counts within the largest group's size of each other, and, when every group is a
 *   single account, balances within the largest single balance (each round of n deals gives
 *   the largest remaining balances to the poorest collectors). Existing portfolios count, so
 *   collectors who hold less receive more.
 * - Deterministic: the same input deals the same way.
 */
export function dealAccounts(input: DealInput): Dealt[] {
  if (input.accounts.length === 0) return [];
  if (input.collectors.length === 0) throw new AppError('CONFLICT', { en: 'No active collector to deal the accounts to', zh: '没有可以分案的在职催收员' });
  const load = new Map<number, { accounts: number; balanceFen: number }>();
  for (const c of input.collectors) load.set(c.collectorId, { accounts: c.accounts, balanceFen: c.balanceFen });

  const groups = new Map<string, Group>();
  for (const a of input.accounts) {
    const key = debtorKey(a.creditorId, a.debtorId);
    const group = groups.get(key);
    if (group) {
      group.accountIds.push(a.accountId);
      group.balanceFen += a.balanceFen;
      group.firstId = Math.min(group.firstId, a.accountId);
    } else {
      groups.set(key, { key, accountIds: [a.accountId], balanceFen: a.balanceFen, firstId: a.accountId });
    }
  }

  const dealt: Dealt[] = [];
  const give = (group: Group, collectorId: number) => {
    const l = load.get(collectorId)!;
    l.accounts += group.accountIds.length;
    l.balanceFen += group.balanceFen;
    for (const accountId of group.accountIds) dealt.push({ accountId, collectorId });
  };

  const open: Group[] = [];
  for (const group of groups.values()) {
    const owner = input.keepWith?.get(group.key);
    if (owner !== undefined && load.has(owner)) give(group, owner);
    else open.push(group);
  }
  open.sort((a, b) => b.balanceFen - a.balanceFen || b.accountIds.length - a.accountIds.length || a.firstId - b.firstId);

  const ids = [...load.keys()].sort((a, b) => a - b);
  for (const group of open) {
    let best = ids[0]!;
    let bestLoad = load.get(best)!;
    for (const id of ids) {
      const l = load.get(id)!;
      if (l.accounts < bestLoad.accounts || (l.accounts === bestLoad.accounts && l.balanceFen < bestLoad.balanceFen)) {
        best = id;
        bestLoad = l;
      }
    }
    give(group, best);
  }
  return dealt;
}
