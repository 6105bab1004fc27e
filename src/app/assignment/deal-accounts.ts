import { appendAudit } from '../../db/audit-repository.ts';
import { accountsToDeal, activatePlaced, carryPromisesAndCallbacks, collectorLoads, debtorOwners, endAssignments, listTerritories, lockDealing, lockTeamCollectors,
  openAssignments, type DealableAccount, type NewAssignment } from '../../db/assignment-repository.ts';
import { findCreditorByCode } from '../../db/creditors-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { DEFAULT_CREDIT_DAYS, dealAccounts, debtorKey, TerritoryMap, type DealAccount } from '../../domain/assignment/index.ts';
import { AppError } from '../../domain/errors.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';

export interface DealSummary {
  creditor: string | null;
  /** Open accounts without an owner before the deal, and accounts still 'placed'. */
  accounts: number;
  dealt: number;
  /** 'placed' accounts (placed again after a recall) left with their owner, who is an active collector of the territory's team. */
  kept: number;
  /** Left unassigned: no territory covers the account's region. */
  no_territory: number;
  /** Left unassigned: the territory's team has no active collector. */
  no_collector: number;
  /** Taken from a collector outside the territory's team (or no longer active) and dealt within it. */
  moved: number;
  teams: Array<{ team_id: number; team_name: string; accounts: number; collectors: number }>;
  seconds: number;
}

/**
 * Deals (分案) every open, unassigned account and every account still 'placed' (with
 * `rebalance`, every open account: those whose collector is not an active member of their
 * territory's team are dealt again within it, after a territory was re-pointed): its
 * territory (longest region-prefix match) names the team, and within the team the accounts go
 * to active collectors balancing count and balance, a debtor's accounts of one creditor
 * together. A re-placed account whose owner is an active collector of that team stays. One
 * transaction.
 */
export async function dealUnassignedAccounts(ctx: AppContext, actor: Actor, input: { creditorCode?: string; rebalance?: boolean } = {}): Promise<DealSummary> {
  authorize(actor, 'assignment.deal');
  const started = performance.now();
  return inTransaction(ctx.pool, async (client) => {
    await lockDealing(client);
    let creditorId: number | null = null;
    if (input.creditorCode) {
      const creditor = await findCreditorByCode(client, input.creditorCode.toUpperCase());
      if (!creditor) throw new AppError('NOT_FOUND', { en: `No creditor with code ${input.creditorCode}`, zh: `没有代码为${input.creditorCode}的委托方` }, { field: 'creditor' });
      creditorId = creditor.id;
    }
    const territories = await listTerritories(client, creditorId);
    const map = new TerritoryMap(territories.map((t) => ({ creditorId: t.creditor_id, regionPrefix: t.region_prefix, teamId: t.team_id })));
    const teamNames = new Map(territories.map((t) => [t.team_id, t.team_name]));
    const rebalance = input.rebalance === true;
    const accounts = await accountsToDeal(client, creditorId, { rebalance });
    const byTeam = new Map<number, DealableAccount[]>();
    let noTerritory = 0;
    for (const a of accounts) {
      const team = map.teamFor(a.creditor_id, a.region_code);
      // A rebalance leaves an account its territory does not cover with its collector.
      if (team === null) { if (!rebalance || a.current_collector_id === null) noTerritory++; continue; }
      let list = byTeam.get(team);
      if (!list) byTeam.set(team, (list = []));
      list.push(a);
    }
    const collectors = await lockTeamCollectors(client, [...byTeam.keys()]);
    const collectorIds = collectors.map((c) => c.id);
    const loads = new Map((await collectorLoads(client, collectorIds)).map((l) => [l.collector_id, l]));
    const owners = await debtorOwners(client, [...new Set(accounts.map((a) => a.debtor_id))], collectorIds);
    const keepWith = new Map(owners.map((o) => [debtorKey(o.creditor_id, o.debtor_id), o.collector_id]));

    const rows: NewAssignment[] = [];
    const kept: number[] = [];
    const replaced: number[] = [];
    const teams: DealSummary['teams'] = [];
    let noCollector = 0;
    for (const [teamId, all] of [...byTeam].sort((a, b) => a[0] - b[0])) {
      const members = collectors.filter((c) => c.team_id === teamId);
      teams.push({ team_id: teamId, team_name: teamNames.get(teamId) ?? String(teamId), accounts: members.length ? all.length : 0, collectors: members.length });
      if (members.length === 0) { noCollector += rebalance ? all.filter((a) => a.current_collector_id === null).length : all.length; continue; }
      const list: DealAccount[] = [];
      for (const a of all) {
        if (a.current_collector_id !== null && members.some((m) => m.id === a.current_collector_id)) { kept.push(a.id); continue; }
        if (a.current_collector_id !== null) replaced.push(a.id);
        list.push({ accountId: a.id, creditorId: a.creditor_id, debtorId: a.debtor_id, balanceFen: a.balance_fen });
      }
      const dealt = dealAccounts({
        accounts: list, keepWith,
        collectors: members.map((m) => ({ collectorId: m.id, accounts: loads.get(m.id)?.accounts ?? 0, balanceFen: loads.get(m.id)?.balance_fen ?? 0 })),
      });
      for (const d of dealt) rows.push({ accountId: d.accountId, collectorId: d.collectorId, teamId });
    }
    const at = ctx.now();
    await endAssignments(client, replaced, at, actor.userId);
    // One statement writes the lot; only the accounts that changed owner come back (their promises and callbacks follow).
    const opened = await openAssignments(client, rows, { kind: 'deal', reason: rebalance ? 'rebalanced by territory' : 'dealt by territory', by: actor.userId, at }, replaced);
    if (replaced.length > 0) {
      const previous = new Map(accounts.filter((a) => a.current_collector_id !== null).map((a) => [a.id, a.current_collector_id]));
      await carryPromisesAndCallbacks(client, opened.filter((o) => previous.has(o.account_id)).map((o) => ({
        accountId: o.account_id, fromCollectorId: previous.get(o.account_id) ?? null, toCollectorId: o.collector_id, assignmentId: o.id })),
      { businessDate: businessDate(ctx), creditDays: null, defaultDays: DEFAULT_CREDIT_DAYS, zone: ctx.agencyZone });
    }
    await activatePlaced(client, kept, at);
    const perCollector: Record<string, number> = {};
    for (const r of rows) perCollector[r.collectorId] = (perCollector[r.collectorId] ?? 0) + 1;
    await appendAudit(client, actor, { action: 'assignment.deal', entity: 'assignment', creditorId,
      detail: { rebalance, dealt: rows.length, kept: kept.length, replaced: replaced.length, no_territory: noTerritory, no_collector: noCollector, by_collector: perCollector } });
    return { creditor: input.creditorCode?.toUpperCase() ?? null, accounts: accounts.length, dealt: rows.length, kept: kept.length, no_territory: noTerritory,
      no_collector: noCollector, moved: replaced.length, teams, seconds: Number(((performance.now() - started) / 1000).toFixed(3)) };
  });
}
