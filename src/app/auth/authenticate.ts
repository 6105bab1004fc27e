import { touchSession } from '../../db/sessions-repository.ts';
import type { UserRow } from '../../db/users-repository.ts';
import type { AppContext } from '../context.ts';
import { hashToken, SESSION_TTL_MS } from './sessions.ts';

/** The signed-in user behind a session cookie, or undefined (unknown, expired, deactivated). */
export async function authenticate(ctx: AppContext, token: string | undefined): Promise<UserRow | undefined> {
  if (!token) return undefined;
  const now = ctx.now();
  const user = await touchSession(ctx.pool, hashToken(token), now, new Date(now.getTime() + SESSION_TTL_MS));
  return user?.active ? user : undefined;
}
