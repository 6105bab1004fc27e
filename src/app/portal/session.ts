import { extendSession, findSession } from '../../db/portal-repository.ts';
import { endSession } from '../../db/portal-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { SESSION_TTL_MINUTES, sessionStatus, type SessionStatus } from '../../domain/portal/access.ts';
import type { AppContext } from '../context.ts';
import { hashToken } from './tokens.ts';
import { toState } from './verify.ts';

export async function portalSessionStatus(ctx: AppContext, sessionToken: string | undefined): Promise<SessionStatus | 'none'> {
  if (!sessionToken) return 'none';
  const session = await findSession(ctx.pool, hashToken(sessionToken));
  return session ? sessionStatus(toState(session), ctx.now()) : 'none';
}

/** The debtor behind a verified session, or UNAUTHENTICATED: nothing about a debt is read before this. */
export async function requireDebtor(ctx: AppContext, sessionToken: string | undefined): Promise<number> {
  const session = sessionToken ? await findSession(ctx.pool, hashToken(sessionToken)) : undefined;
  if (!session || session.debtor_id === null || sessionStatus(toState(session), ctx.now()) !== 'verified') {
    throw new AppError('UNAUTHENTICATED', { en: 'Open your personal link and answer the check first', zh: '请先打开您的个人链接，并完成身份确认' });
  }
  // 30 minutes from the debtor's last page, not from the check: one writing a long statement is not signed out under it.
  await extendSession(ctx.pool, hashToken(sessionToken!), new Date(ctx.now().getTime() + SESSION_TTL_MINUTES * 60_000));
  return session.debtor_id;
}

export async function signOutPortal(ctx: AppContext, sessionToken: string | undefined): Promise<void> {
  if (sessionToken) await endSession(ctx.pool, hashToken(sessionToken), ctx.now());
}
