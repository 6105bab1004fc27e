import { appendAudit } from '../../db/audit-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { deleteOtherSessions } from '../../db/sessions-repository.ts';
import { findUserById, setPasswordHash } from '../../db/users-repository.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { passwordProblem } from '../../domain/users/staff.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import type { Actor, AppContext } from '../context.ts';

/**
 * A signed-in user changes their own password (after a temporary one, or any time): the
 * current one must be right and the new one acceptable. Their other sessions end; the one
 * that made the change (`keepSession`, its token hash) stays.
 */
export async function changeOwnPassword(ctx: AppContext, actor: Actor, input: { currentPassword: string; newPassword: string },
  keepSession?: Buffer): Promise<void> {
  if (actor.userId === null) throw new AppError('FORBIDDEN', { en: 'Only a signed-in user has a password to change', zh: '只有登录用户才能修改密码' });
  const user = await findUserById(ctx.pool, actor.userId);
  if (!user || !user.active) throw new AppError('UNAUTHENTICATED', { en: 'Sign in first', zh: '请先登录' });
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw invalidInput({ en: 'The current password is not right', zh: '当前密码不正确' }, 'current_password');
  }
  const problem = passwordProblem(input.newPassword, user.username, input.currentPassword);
  if (problem) throw invalidInput(problem, 'new_password');
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(ctx.pool, async (client) => {
    await setPasswordHash(client, user.id, passwordHash, false);
    await deleteOtherSessions(client, user.id, keepSession ?? null);
    await appendAudit(client, actor, { action: 'user.password_change', entity: 'user', entityId: user.id, creditorId: user.creditor_id,
      detail: { username: user.username } });
  });
}
