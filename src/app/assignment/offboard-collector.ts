import { appendAudit } from '../../db/audit-repository.ts';
import { collectorLoads, deactivateUser, debtorOwners, findTeamByRef, findUserByRef, lockCollectorAccounts, lockForOffboarding,
  ownedBy, reassignStrays, releaseClaims, type NewAssignment } from '../../db/assignment-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { deleteUserSessions } from '../../db/sessions-repository.ts';
import { dealAccounts, debtorKey, parseCreditDays } from '../../domain/assignment/index.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';
import { reassign, type MoveResult } from './carry.ts';
import { receiverProblem } from './move-accounts.ts';

export type OffboardTarget = { kind: 'user'; ref: string | number } | { kind: 'team'; ref: string | number };

export interface OffboardInput {
  /** The departing user: username or id. */
  user: string | number;
  to: OffboardTarget;
  reason?: string;
  creditDays?: number | null;
}

export interface OffboardSummary extends Omit<MoveResult, 'moved'> {
  user: { id: number; username: string };
  to: { kind: 'user' | 'team'; id: number; name: string };
  accounts: number;
  by_collector: Array<{ collector_id: number; username: string; accounts: number }>;
  deactivated: true;
}

/**
 * Turnover (转单): in ONE transaction every account of the departing collector moves (to a
 * user, or dealt within a team), open promises and callbacks follow, promise credits open for
 * what they took, and the user is deactivated and signed out. Nothing is left without an
 * owner: the transaction checks it before it commits.
 */
export async function offboardCollector(ctx: AppContext, actor: Actor, input: OffboardInput): Promise<OffboardSummary> {
  authorize(actor, 'assignment.manage');
  const creditDays = input.creditDays == null ? null : parseCreditDays(input.creditDays);
  return inTransaction(ctx.pool, async (client) => {
    const named = await findUserByRef(client, input.user);
    if (!named) throw new AppError('NOT_FOUND', `No user "${input.user}"`, { field: 'user' });
    if (named.role !== 'collector' && named.role !== 'supervisor') throw invalidInput(`${named.username} is a ${named.role}: only collectors and supervisors hold accounts`, 'user');
    if (actor.userId === named.id) throw invalidInput('You cannot offboard yourself', 'user');
    let targetUserId: number | null = null;
    let targetTeam: { id: number; name: string } | null = null;
    if (input.to.kind === 'user') {
      const user = await findUserByRef(client, input.to.ref);
      if (!user) throw new AppError('NOT_FOUND', `No user "${input.to.ref}"`, { field: 'to' });
      if (user.id === named.id) throw invalidInput(`Give the accounts of ${named.username} to someone else`, 'to');
      targetUserId = user.id;
    } else {
      targetTeam = (await findTeamByRef(client, input.to.ref)) ?? null;
      if (!targetTeam) throw new AppError('NOT_FOUND', `No team "${input.to.ref}" (give its id or exact name)`, { field: 'to' });
    }

    const locked = await lockForOffboarding(client, named.id, { userId: targetUserId, teamId: targetTeam?.id ?? null });
    const departing = locked.find((u) => u.id === named.id)!;
    if (!departing.active) throw new AppError('CONFLICT', `${departing.username} has already been offboarded`, { field: 'user' });
    if (actor.role === 'supervisor' && departing.team_id !== actor.teamId) throw new AppError('FORBIDDEN', `${departing.username} is not in your team`, { field: 'user' });

    const current = await lockCollectorAccounts(client, departing.id);
    let targets: NewAssignment[];
    let to: OffboardSummary['to'];
    if (targetUserId !== null) {
      const receiver = locked.find((u) => u.id === targetUserId)!;
      const problem = receiverProblem(receiver);
      if (problem) throw new AppError('CONFLICT', `User ${receiver.username} ${problem}: choose someone else`, { field: 'to' });
      if (actor.role === 'supervisor' && receiver.team_id !== actor.teamId) throw new AppError('FORBIDDEN', `${receiver.username} is not in your team`, { field: 'to' });
      targets = current.map((c) => ({ accountId: c.account_id, collectorId: receiver.id, teamId: receiver.team_id! }));
      to = { kind: 'user', id: receiver.id, name: receiver.username };
    } else {
      const team = targetTeam!;
      if (actor.role === 'supervisor' && team.id !== actor.teamId) throw new AppError('FORBIDDEN', `Team ${team.name} is not yours`, { field: 'to' });
      const members = locked.filter((u) => u.team_id === team.id && u.role === 'collector' && u.active && u.id !== departing.id);
      if (current.length > 0 && members.length === 0) {
        throw new AppError('CONFLICT', `Team ${team.name} has no other active collector to take ${current.length} account(s): nothing changed`, { field: 'to' });
      }
      const ids = members.map((m) => m.id);
      const loads = new Map((await collectorLoads(client, ids)).map((l) => [l.collector_id, l]));
      const owners = await debtorOwners(client, [...new Set(current.map((c) => c.debtor_id))], ids);
      targets = dealAccounts({
        accounts: current.map((c) => ({ accountId: c.account_id, creditorId: c.creditor_id, debtorId: c.debtor_id, balanceFen: c.balance_fen })),
        collectors: members.map((m) => ({ collectorId: m.id, accounts: loads.get(m.id)?.accounts ?? 0, balanceFen: loads.get(m.id)?.balance_fen ?? 0 })),
        keepWith: new Map(owners.map((o) => [debtorKey(o.creditor_id, o.debtor_id), o.collector_id])),
      }).map((d) => ({ accountId: d.accountId, collectorId: d.collectorId, teamId: team.id }));
      to = { kind: 'team', id: team.id, name: team.name };
    }

    const reason = `offboarding ${departing.username}${input.reason?.trim() ? `: ${input.reason.trim()}` : ''}`;
    const result = await reassign(ctx, client, actor, current, targets, { kind: 'offboard', reason, creditDays });
    await reassignStrays(client, departing.id);
    await releaseClaims(client, departing.id);
    await deactivateUser(client, departing.id);
    await deleteUserSessions(client, departing.id);
    const left = await ownedBy(client, departing.id);
    if (left.accounts + left.promises + left.callbacks > 0) {
      throw new AppError('CONFLICT', `Offboarding ${departing.username} would leave work without an owner (${JSON.stringify(left)}); nothing changed`);
    }

    const names = new Map(locked.map((u) => [u.id, u.username]));
    const counts = new Map<number, number>();
    for (const t of targets) counts.set(t.collectorId, (counts.get(t.collectorId) ?? 0) + 1);
    const byCollector = [...counts].map(([id, n]) => ({ collector_id: id, username: names.get(id) ?? String(id), accounts: n }));
    await appendAudit(client, actor, { action: 'collector.offboard', entity: 'user', entityId: departing.id,
      detail: { username: departing.username, to, reason, accounts: result.moved.map((m) => ({ account_id: m.account_id, to: m.to })),
        promises_carried: result.promises_carried, promise_credits: result.promise_credits, callbacks_carried: result.callbacks_carried } });
    return { user: { id: departing.id, username: departing.username }, to, accounts: targets.length, by_collector: byCollector,
      promises_carried: result.promises_carried, promise_credits: result.promise_credits, callbacks_carried: result.callbacks_carried, deactivated: true };
  });
}

/**
 * `--to TEAM|USER` from the command line: `user:NAME` / `team:NAME` say which; a bare name is
 * a username or a team name, and one that is both must say which.
 */
export async function resolveOffboardTarget(ctx: AppContext, text: string): Promise<OffboardTarget> {
  const prefixed = /^(user|team):(.+)$/.exec(text);
  if (prefixed) return { kind: prefixed[1] as 'user' | 'team', ref: prefixed[2]! };
  const [user, team] = await Promise.all([findUserByRef(ctx.pool, text), findTeamByRef(ctx.pool, text)]);
  const userByName = user && user.username === text.toLowerCase();
  const teamByName = team && team.name === text;
  if (userByName && teamByName) throw invalidInput(`"${text}" is both a username and a team: write user:${text} or team:${text}`, 'to');
  if (userByName) return { kind: 'user', ref: text };
  if (teamByName) return { kind: 'team', ref: text };
  if (user || team) throw invalidInput(`"${text}" is an id: write user:${text} or team:${text}`, 'to');
  throw new AppError('NOT_FOUND', `No user or team "${text}"`, { field: 'to' });
}
