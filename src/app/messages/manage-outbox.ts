import type { ChannelAdapter } from '../../channels/index.ts';
import { appendAudit } from '../../db/audit-repository.ts';
import { countOutbox, findOutboxRow, listOutbox, moveOutbox, OUTBOX_STATUSES, type OutboxRow, type OutboxStatus } from '../../db/outbox-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import type { Decision, Reason } from '../../domain/compliance/index.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { redactSecrets } from '../../domain/messages/redact.ts';
import { accountScope, authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';
import { dispatchOutbox, type DispatchSummary } from './dispatch-outbox.ts';

export interface OutboxItem {
  id: number; channel: string; purpose: string; to: string; subject: string | null; body: string; status: OutboxStatus;
  created_at: string; send_after: string | null; expires_at: string | null; sent_at: string | null;
  adapter: string | null; provider_ref: string | null; error: string | null;
  account_id: number | null; creditor_code: string | null;
  /** Why the engine stopped or deferred it at sending time; empty otherwise. */
  reasons: Array<Pick<Reason, 'rule' | 'message' | 'message_zh'>>;
  next_allowed_at: string | null;
  /** What the gateway's receipt said of a sent message, when one came. */
  delivery: 'delivered' | 'undelivered' | null; delivered_at: string | null; delivery_error: string | null;
}

function itemOf(row: OutboxRow): OutboxItem {
  const decision = row.dispatch_decision as Decision | null;
  const refused = decision !== null && decision.allowed === false;
  return {
    id: row.id, channel: row.channel, purpose: row.purpose, to: row.to_mask, subject: row.subject, body: redactSecrets(row.body), status: row.status,
    created_at: row.created_at.toISOString(), send_after: row.send_after?.toISOString() ?? null, expires_at: row.expires_at?.toISOString() ?? null,
    sent_at: row.sent_at?.toISOString() ?? null, adapter: row.adapter, provider_ref: row.provider_ref, error: row.error,
    account_id: row.account_id, creditor_code: row.creditor_code,
    reasons: refused ? decision.reasons.map((r) => ({ rule: r.rule, message: r.message, message_zh: r.message_zh })) : [],
    next_allowed_at: refused ? decision.next_allowed_at : null,
    delivery: row.delivery, delivered_at: row.delivered_at?.toISOString() ?? null, delivery_error: row.delivery_error,
  };
}

/**
 * The outbox, newest first, a page at a time, with the count of every status: an admin's every
 * message, a team lead's those about their team's accounts; the texts with their portal links'
 * tokens and one-time codes hidden (whoever read them could act as the debtor).
 */
export async function listOutboxMessages(ctx: AppContext, actor: Actor, adapter: ChannelAdapter,
  input: { status?: string | undefined; before?: number | undefined; limit: number }):
  Promise<{ adapter: string; email_adapter: string; counts: Record<OutboxStatus, number>; items: OutboxItem[]; next_before: number | null }> {
  authorize(actor, 'outbox.read');
  if (input.status !== undefined && !(OUTBOX_STATUSES as readonly string[]).includes(input.status)) {
    throw invalidInput({ en: `Status must be one of ${OUTBOX_STATUSES.join(', ')}`, zh: `状态必须是以下之一：${OUTBOX_STATUSES.join('、')}` }, 'status');
  }
  const status = input.status as OutboxStatus | undefined;
  // A team lead reads the messages about their team's accounts; an admin every one.
  const scope = accountScope(actor);
  const teamId = scope.kind === 'team' ? scope.teamId : null;
  if (scope.kind !== 'all' && scope.kind !== 'team') throw new AppError('FORBIDDEN', { en: 'The outbox is for admins and team leads', zh: '发件箱仅限管理员和组长查看' });
  const [rows, counts] = await Promise.all([listOutbox(ctx.pool, { status, before: input.before, limit: input.limit, teamId }), countOutbox(ctx.pool, teamId)]);
  return { adapter: adapter.name, email_adapter: adapter.emailName ?? (adapter.name === 'smtp' ? 'smtp' : 'local'), counts, items: rows.map(itemOf), next_before: rows.length === input.limit ? rows[rows.length - 1]!.id : null };
}

/** Sends what is due now (what the server does by itself every minute and when a message is queued). */
export async function dispatchNow(ctx: AppContext, actor: Actor, adapter: ChannelAdapter): Promise<DispatchSummary> {
  authorize(actor, 'outbox.manage');
  return dispatchOutbox(ctx, adapter, { actor });
}

const MOVES = {
  cancel: { from: 'queued', to: 'cancelled', en: 'only a queued message can be cancelled', zh: '只能取消待发送的短信' },
  retry: { from: 'failed', to: 'queued', en: 'only a failed message can be sent again', zh: '只能重试发送失败的短信' },
} as const;

/** Cancels a queued message, or queues a failed one again; audited. */
export async function moveOutboxMessage(ctx: AppContext, actor: Actor, id: number, move: keyof typeof MOVES): Promise<{ item: OutboxItem }> {
  authorize(actor, 'outbox.manage');
  const m = MOVES[move];
  return inTransaction(ctx.pool, async (client) => {
    const before = await findOutboxRow(client, id);
    if (!before) throw new AppError('NOT_FOUND', { en: `No message ${id} in the outbox`, zh: `发件箱中没有第 ${id} 条短信` });
    // A message past its validity (a reminder for a moment gone) is not sent again: a retry would only expire it.
    if (move === 'retry' && before.expires_at !== null && before.expires_at.getTime() <= ctx.now().getTime()) {
      throw new AppError('CONFLICT', { en: `Message ${id} expired at ${before.expires_at.toISOString()}: it is not sent again; send a new one from the account's page if still wanted`,
        zh: `第 ${id} 条消息已于 ${before.expires_at.toISOString()} 过期，不再重发；如仍需要，请在案件页重新发送` });
    }
    if (!(await moveOutbox(client, id, m.from, m.to))) {
      throw new AppError('CONFLICT', { en: `Message ${id} is ${before.status}: ${m.en}`, zh: `第 ${id} 条短信的状态为 ${before.status}：${m.zh}` });
    }
    await appendAudit(client, actor, { action: `outbox.${move}`, entity: 'outbox', entityId: id, creditorId: null,
      detail: { account_id: before.account_id, from: m.from, to: m.to } });
    return { item: itemOf((await findOutboxRow(client, id))!) };
  });
}
