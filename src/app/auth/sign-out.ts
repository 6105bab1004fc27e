import { deleteSession } from '../../db/sessions-repository.ts';
import type { AppContext } from '../context.ts';
import { hashToken } from './sessions.ts';

export async function signOut(ctx: AppContext, token: string): Promise<void> {
  await deleteSession(ctx.pool, hashToken(token));
}
