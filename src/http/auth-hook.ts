import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate } from '../app/auth/authenticate.ts';
import { actorOf } from '../app/auth/sign-in.ts';
import { SESSION_COOKIE } from '../app/auth/sessions.ts';
import type { Actor, AppContext } from '../app/context.ts';
import type { UserRow } from '../db/users-repository.ts';
import { AppError, type Bilingual } from '../domain/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user: UserRow | undefined;
    actor: Actor | undefined;
  }
  interface FastifyContextConfig {
    /** 'public' routes skip the session check; every other /api route needs a signed-in user. */
    access?: 'public' | 'signed_in';
  }
}

const SIGN_IN_FIRST: Bilingual = { en: 'Sign in first', zh: '请先登录' };

/**
 * What a user signed in with a temporary password (one an admin set: a new user, a reset) may do
 * before choosing their own: read themselves, change the password or the language, sign out.
 * Anything else would be done, and audited, under their name by whoever set the password.
 */
const WITH_TEMPORARY_PASSWORD = new Set(['GET /api/me', 'PUT /api/me/password', 'PUT /api/me/locale', 'POST /api/auth/logout']);

export function registerAuthHook(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('user', undefined);
  app.decorateRequest('actor', undefined);
  app.addHook('preHandler', async (request) => {
    if (!request.url.startsWith('/api/') || request.routeOptions.config.access === 'public') return;
    const user = await authenticate(ctx, request.cookies[SESSION_COOKIE]);
    if (!user) throw new AppError('UNAUTHENTICATED', SIGN_IN_FIRST);
    if (user.password_temporary && !WITH_TEMPORARY_PASSWORD.has(`${request.method} ${request.routeOptions.url}`)) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', {
        en: 'You signed in with a temporary password: choose your own password first (PUT /api/me/password)',
        zh: '您使用的是临时密码登录：请先设置自己的密码（PUT /api/me/password）',
      });
    }
    request.user = user;
    request.actor = actorOf(user);
  });
}

/** The signed-in actor of a non-public route (the hook guarantees one). */
export function actorFrom(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', SIGN_IN_FIRST);
  return request.actor;
}
