import { appendAudit } from '../../db/audit-repository.ts';
import { findUserByRef, lockAccountsForMove, lockUsersForReceiving } from '../../db/assignment-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { parseCreditDays } from '../../domain/assignment/index.ts';
import { AppError, invalidInput, type Bilingual } from '../../domain/errors.ts';
import { authorize, roleEn, roleZh } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';
import { reassign, type MoveResult } from './carry.ts';

export const MAX_MOVE = 5000;

export interface MoveInput {
  accountIds: readonly number[];
  /** The receiving user: username or id. */
  to: string | number;
  reason: string;
  creditDays?: number | null;
}

export interface MoveSummary extends MoveResult {
  to: { id: number; username: string; team_id: number };
  unchanged: number[];
}

/** Receivers: active collectors, or supervisors (who keep accounts handed up to them). */
export function receiverProblem(user: { active: boolean; role: string; team_id: number | null }): Bilingual | null {
  if (!user.active) return { en: 'is not active', zh: '已停用' };
  if (user.role !== 'collector' && user.role !== 'supervisor') return { en: `is ${roleEn(user.role)}, not a collector or team lead`, zh: `是${roleZh(user.role)}，不是催收员或组长` };
  if (user.team_id === null) return { en: 'has no team', zh: '没有所属小组' };
  return null;
}

/** The refusal for a receiver that cannot take accounts (see receiverProblem). */
export function cannotReceive(username: string, problem: Bilingual): AppError {
  return new AppError('CONFLICT', { en: `User ${username} ${problem.en}: choose someone else`, zh: `用户${username}${problem.zh}，请选择其他人` }, { field: 'to' });
}

/**
 * 调案: moves one account or a selection to a collector, with a reason. All or nothing: an
 * unknown account, one outside a supervisor's team, or an inactive receiver changes nothing.
 */
export async function moveAccounts(ctx: AppContext, actor: Actor, input: MoveInput): Promise<MoveSummary> {
  authorize(actor, 'assignment.manage');
  const reason = input.reason.trim();
  if (reason.length < 2) throw invalidInput({ en: 'Say why the accounts move (a reason of at least 2 characters)', zh: '请填写调案原因（至少2个字）' }, 'reason');
  const ids = [...new Set(input.accountIds)];
  if (ids.length === 0) throw invalidInput({ en: 'Name at least one account to move', zh: '请至少指定一个要调的案件' }, 'account');
  if (ids.length > MAX_MOVE) throw invalidInput({ en: `Move at most ${MAX_MOVE} accounts at once (${ids.length} given)`, zh: `一次最多调${MAX_MOVE}个案件（本次为${ids.length}个）` }, 'account');
  const creditDays = input.creditDays == null ? null : parseCreditDays(input.creditDays);
  return inTransaction(ctx.pool, async (client) => {
    const named = await findUserByRef(client, input.to);
    if (!named) throw new AppError('NOT_FOUND', { en: `No user "${input.to}"`, zh: `没有用户“${input.to}”` }, { field: 'to' });
    const [target] = await lockUsersForReceiving(client, [named.id]);
    if (!target) throw cannotReceive(named.username, { en: 'does not exist', zh: '不存在' });
    const problem = receiverProblem(target);
    if (problem) throw cannotReceive(named.username, problem);
    if (actor.role === 'supervisor' && target.team_id !== actor.teamId) {
      throw new AppError('FORBIDDEN', { en: `${target.username} is not in your team`, zh: `${target.username}不在您的小组中` }, { field: 'to' });
    }
    const current = await lockAccountsForMove(client, ids);
    const visible = current.filter((c) => actor.role !== 'supervisor' || c.team_id === actor.teamId);
    const missing = ids.filter((id) => !visible.some((c) => c.account_id === id));
    if (missing.length) throw new AppError('NOT_FOUND', {
      en: `Account(s) ${missing.slice(0, 20).join(', ')} do not exist or are not yours to move`,
      zh: `案件${missing.slice(0, 20).join('、')}不存在，或不在您可调的范围内`,
    }, { field: 'account' });
    const toMove = visible.filter((c) => c.collector_id !== target.id);
    const result = await reassign(ctx, client, actor, visible,
      toMove.map((c) => ({ accountId: c.account_id, collectorId: target.id, teamId: target.team_id! })), { kind: 'move', reason, creditDays });
    const unchanged = visible.filter((c) => c.collector_id === target.id).map((c) => c.account_id);
    const creditorOf = new Map(toMove.map((c) => [c.account_id, c.creditor_id]));
    for (const creditorId of new Set(creditorOf.values())) {
      const moved = result.moved.filter((m) => creditorOf.get(m.account_id) === creditorId);
      await appendAudit(client, actor, { action: 'assignment.move', entity: 'assignment', entityId: target.id, creditorId,
        detail: { to: target.id, to_username: target.username, reason, accounts: moved.map((m) => ({ account_id: m.account_id, from: m.from })),
          promises_carried: result.promises_carried, promise_credits: result.promise_credits, callbacks_carried: result.callbacks_carried } });
    }
    return { ...result, to: { id: target.id, username: target.username, team_id: target.team_id! }, unchanged };
  });
}
