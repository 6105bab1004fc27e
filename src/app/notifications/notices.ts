import { countUnread, listNotices, markRead, type NoticeRow, type Recipient } from '../../db/notifications-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';

/**
 * A user's notices (通知): decisions and outcomes the system tells them of, with read state
 * (docs/cases.md, "Notices"). Collectors, supervisors and admins read the ones addressed to
 * them; a bank's users also share the ones addressed to their bank.
 */
function recipientOf(actor: Actor): Recipient {
  authorize(actor, 'notifications.read');
  if (actor.userId === null) throw new AppError('FORBIDDEN', { en: 'Notices belong to a signed-in user', zh: '通知只属于已登录的用户' });
  return { userId: actor.userId, creditorId: actor.role === 'creditor_user' ? actor.creditorId : null };
}

export const NOTICE_LIMIT = { default: 50, max: 200 } as const;

export async function listMyNotices(ctx: AppContext, actor: Actor, options: { unreadOnly?: boolean; limit?: number } = {}):
  Promise<{ unread: number; items: NoticeRow[] }> {
  const recipient = recipientOf(actor);
  const limit = Math.min(Math.max(options.limit ?? NOTICE_LIMIT.default, 0), NOTICE_LIMIT.max);
  const [unread, items] = await Promise.all([
    countUnread(ctx.pool, recipient),
    listNotices(ctx.pool, recipient, { unreadOnly: options.unreadOnly ?? false, limit }),
  ]);
  return { unread, items };
}

export async function countMyUnread(ctx: AppContext, actor: Actor): Promise<{ unread: number }> {
  return { unread: await countUnread(ctx.pool, recipientOf(actor)) };
}

/** Marks one notice read; one that is not the actor's does not exist for them (404). */
export async function readNotice(ctx: AppContext, actor: Actor, id: number): Promise<{ id: number; read_at: Date }> {
  const [row] = await markRead(ctx.pool, recipientOf(actor), id, actor.userId);
  if (!row) throw new AppError('NOT_FOUND', { en: `Notice ${id} does not exist or is not addressed to you`, zh: `通知 ${id} 不存在，或不是发给您的` });
  return row;
}

export async function readAllNotices(ctx: AppContext, actor: Actor): Promise<{ marked: number }> {
  return { marked: (await markRead(ctx.pool, recipientOf(actor), null, actor.userId)).length };
}
