import { AppError } from '../../domain/errors.ts';
import { appendAudit } from '../../db/audit-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { insertSession, recentFailures, recordLoginAttempt } from '../../db/sessions-repository.ts';
import { findUserByUsername, type UserRow } from '../../db/users-repository.ts';
import type { AppContext } from '../context.ts';
import { timingDummyHash, verifyPassword } from './passwords.ts';
import { newSessionToken, SESSION_TTL_MS } from './sessions.ts';

// Login rate limit: 5 failures per username or 20 per address within 15 minutes lock that
// username or address out until the oldest failure leaves the window.
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_USER = 5;
export const MAX_FAILURES_PER_IP = 20;

export interface SignInResult { token: string; user: UserRow; expiresAt: Date }

export async function signIn(ctx: AppContext, input: { username: string; password: string; ip: string }): Promise<SignInResult> {
  const now = ctx.now();
  const username = input.username.trim().toLowerCase();
  const failures = await recentFailures(ctx.pool, username, input.ip, new Date(now.getTime() - LOGIN_WINDOW_MS));
  const lockedSince = failures.byUser >= MAX_FAILURES_PER_USER ? failures.oldestUser
    : failures.byIp >= MAX_FAILURES_PER_IP ? failures.oldestIp : null;
  if (lockedSince) {
    const retryAfter = Math.max(1, Math.ceil((lockedSince.getTime() + LOGIN_WINDOW_MS - now.getTime()) / 1000));
    const minutes = Math.ceil(retryAfter / 60);
    throw new AppError('RATE_LIMITED', { en: `Too many failed sign-in attempts; try again in ${minutes} minutes`, zh: `登录失败次数过多，请 ${minutes} 分钟后再试` },
      { details: { retry_after_seconds: retryAfter } });
  }
  const user = await findUserByUsername(ctx.pool, username);
  const ok = user && user.active
    ? await verifyPassword(user.password_hash, input.password)
    : (await verifyPassword(await timingDummyHash(), input.password), false);
  if (!ok || !user) {
    await recordLoginAttempt(ctx.pool, username, input.ip, false, now);
    throw new AppError('INVALID_CREDENTIALS', { en: 'Invalid username or password', zh: '用户名或密码错误' });
  }
  const { token, tokenHash } = newSessionToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await inTransaction(ctx.pool, async (client) => {
    await recordLoginAttempt(client, username, input.ip, true, now);
    await insertSession(client, tokenHash, user.id, now, expiresAt);
    await appendAudit(client, actorOf(user), { action: 'user.sign_in', entity: 'user', entityId: user.id, detail: { ip: input.ip } });
  });
  return { token, user, expiresAt };
}

export function actorOf(user: UserRow) {
  return { userId: user.id, username: user.username, role: user.role, teamId: user.team_id, creditorId: user.creditor_id };
}
