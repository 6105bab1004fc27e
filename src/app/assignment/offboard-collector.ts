import { appendAudit } from '../../db/audit-repository.ts';
import { collectorLoads, deactivateUser, debtorOwners, findTeamByRef, findUserByRef, lockCollectorAccounts, lockForOffboarding,
  ownedBy, reassignStrays, releaseClaims, type NewAssignment } from '../../db/assignment-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { deleteUserSessions } from '../../db/sessions-repository.ts';
import { dealAccounts, debtorKey, parseCreditDays } from '../../domain/assignment/index.ts';
import { FINISHED_STATUSES } from '../../domain/compliance/index.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { authorize, roleEn, roleZh } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';
import { reassign, type MoveResult } from './carry.ts';
import { cannotReceive, receiverProblem } from './move-accounts.ts';

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
  /** Of `accounts`, those finished (paid, settled, recalled, closed): moved too, so none is left without an owner, but no longer collected. */
  accounts_finished: number;
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
    if (!named) throw new AppError('NOT_FOUND', { en: `No user "${input.user}"`, zh: `没有用户“${input.user}”` }, { field: 'user' });
    if (named.role !== 'collector' && named.role !== 'supervisor') throw invalidInput({
      en: `${named.username} is ${roleEn(named.role)}: only collectors and team leads hold accounts`,
      zh: `${named.username}是${roleZh(named.role)}：只有催收员和组长名下有案件`,
    }, 'user');
    if (actor.userId === named.id) throw invalidInput({ en: 'You cannot offboard yourself', zh: '不能为自己办理离职转单' }, 'user');
    let targetUserId: number | null = null;
    let targetTeam: { id: number; name: string } | null = null;
    if (input.to.kind === 'user') {
      const user = await findUserByRef(client, input.to.ref);
      if (!user) throw new AppError('NOT_FOUND', { en: `No user "${input.to.ref}"`, zh: `没有用户“${input.to.ref}”` }, { field: 'to' });
      if (user.id === named.id) throw invalidInput({ en: `Give the accounts of ${named.username} to someone else`, zh: `请把${named.username}的案件转给其他人` }, 'to');
      targetUserId = user.id;
    } else {
      targetTeam = (await findTeamByRef(client, input.to.ref)) ?? null;
      if (!targetTeam) throw new AppError('NOT_FOUND', { en: `No team "${input.to.ref}" (give its id or exact name)`, zh: `没有小组“${input.to.ref}”（请填写小组编号或准确名称）` }, { field: 'to' });
    }

    const locked = await lockForOffboarding(client, named.id, { userId: targetUserId, teamId: targetTeam?.id ?? null });
    const departing = locked.find((u) => u.id === named.id)!;
    if (!departing.active) throw new AppError('CONFLICT', { en: `${departing.username} has already been offboarded`, zh: `${departing.username}已经办理过离职转单` }, { field: 'user' });
    if (actor.role === 'supervisor' && departing.team_id !== actor.teamId) throw new AppError('FORBIDDEN', { en: `${departing.username} is not in your team`, zh: `${departing.username}不在您的小组中` }, { field: 'user' });
    // A team lead offboards the collectors of their team; a team lead's own access is the admin's to stop (users.manage).
    if (actor.role === 'supervisor' && departing.role !== 'collector') {
      throw new AppError('FORBIDDEN', { en: `${departing.username} is a team lead: only an admin offboards a team lead`, zh: `${departing.username}是组长：组长离职转单须由管理员办理` }, { field: 'user' });
    }

    const current = await lockCollectorAccounts(client, departing.id);
    let targets: NewAssignment[];
    let to: OffboardSummary['to'];
    if (targetUserId !== null) {
      const receiver = locked.find((u) => u.id === targetUserId)!;
      const problem = receiverProblem(receiver);
      if (problem) throw cannotReceive(receiver.username, problem);
      if (actor.role === 'supervisor' && receiver.team_id !== actor.teamId) throw new AppError('FORBIDDEN', { en: `${receiver.username} is not in your team`, zh: `${receiver.username}不在您的小组中` }, { field: 'to' });
      targets = current.map((c) => ({ accountId: c.account_id, collectorId: receiver.id, teamId: receiver.team_id! }));
      to = { kind: 'user', id: receiver.id, name: receiver.username };
    } else {
      const team = targetTeam!;
      if (actor.role === 'supervisor' && team.id !== actor.teamId) throw new AppError('FORBIDDEN', { en: `Team ${team.name} is not yours`, zh: `小组${team.name}不是您的小组` }, { field: 'to' });
      const members = locked.filter((u) => u.team_id === team.id && u.role === 'collector' && u.active && u.id !== departing.id);
      if (current.length > 0 && members.length === 0) {
        throw new AppError('CONFLICT', {
          en: `Team ${team.name} has no other active collector to take ${current.length} account(s): nothing changed`,
          zh: `小组${team.name}没有其他在职催收员接收这${current.length}个案件，未做任何更改`,
        }, { field: 'to' });
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
      throw new AppError('CONFLICT', {
        en: `Offboarding ${departing.username} would leave work without an owner (${JSON.stringify(left)}); nothing changed`,
        zh: `为${departing.username}办理离职转单会留下无人负责的工作（${JSON.stringify(left)}），未做任何更改`,
      });
    }

    const names = new Map(locked.map((u) => [u.id, u.username]));
    const counts = new Map<number, number>();
    for (const t of targets) counts.set(t.collectorId, (counts.get(t.collectorId) ?? 0) + 1);
    const byCollector = [...counts].map(([id, n]) => ({ collector_id: id, username: names.get(id) ?? String(id), accounts: n }));
    await appendAudit(client, actor, { action: 'collector.offboard', entity: 'user', entityId: departing.id,
      detail: { username: departing.username, to, reason, accounts: result.moved.map((m) => ({ account_id: m.account_id, to: m.to })),
        promises_carried: result.promises_carried, promise_credits: result.promise_credits, callbacks_carried: result.callbacks_carried } });
    const finished = current.filter((c) => (FINISHED_STATUSES as readonly string[]).includes(c.status)).length;
    return { user: { id: departing.id, username: departing.username }, to, accounts: targets.length, accounts_finished: finished, by_collector: byCollector,
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
  if (userByName && teamByName) throw invalidInput({
    en: `"${text}" is both a username and a team: write user:${text} or team:${text}`,
    zh: `“${text}”既是用户名也是小组名，请写成user:${text}或team:${text}`,
  }, 'to');
  if (userByName) return { kind: 'user', ref: text };
  if (teamByName) return { kind: 'team', ref: text };
  if (user || team) throw invalidInput({ en: `"${text}" is an id: write user:${text} or team:${text}`, zh: `“${text}”是编号，请写成user:${text}或team:${text}` }, 'to');
  throw new AppError('NOT_FOUND', { en: `No user or team "${text}"`, zh: `没有用户或小组“${text}”` }, { field: 'to' });
}
