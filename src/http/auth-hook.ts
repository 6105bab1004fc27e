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

export function registerAuthHook(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('user', undefined);
  app.decorateRequest('actor', undefined);
  app.addHook('preHandler', async (request) => {
    if (!request.url.startsWith('/api/') || request.routeOptions.config.access === 'public') return;
    const user = await authenticate(ctx, request.cookies[SESSION_COOKIE]);
    if (!user) throw new AppError('UNAUTHENTICATED', SIGN_IN_FIRST);
    request.user = user;
    request.actor = actorOf(user);
  });
}

/** The signed-in actor of a non-public route (the hook guarantees one). */
export function actorFrom(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', SIGN_IN_FIRST);
  return request.actor;
}
