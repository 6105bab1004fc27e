import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signIn } from '../../app/auth/sign-in.ts';
import { signOut } from '../../app/auth/sign-out.ts';
import { hashToken, SESSION_COOKIE, SESSION_TTL_MS } from '../../app/auth/sessions.ts';
import { changeOwnPassword } from '../../app/users/change-password.ts';
import { setLocale } from '../../app/users/set-locale.ts';
import type { AppContext } from '../../app/context.ts';
import { actorFrom } from '../auth-hook.ts';
import { errorSchema, localeSchema, publicUser, userSchema } from '../schemas.ts';

export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/api/auth/login', {
      config: { access: 'public' },
      schema: {
        tags: ['auth'], summary: 'Sign in; sets the HttpOnly session cookie',
        body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }),
        response: { 200: z.object({ user: userSchema }), 401: errorSchema, 429: errorSchema },
      },
    }, async (request, reply) => {
      const { token, user } = await signIn(ctx, { ...request.body, ip: request.ip });
      void reply.setCookie(SESSION_COOKIE, token, {
        path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', maxAge: SESSION_TTL_MS / 1000,
      });
      return { user: await publicUser(user, ctx) };
    });

    app.post('/api/auth/logout', {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'Sign out: ends the session', response: { 204: z.null() } },
    }, async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await signOut(ctx, token);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    });

    app.get('/api/me', {
      schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: z.object({ user: userSchema }), 401: errorSchema } },
    }, async (request) => ({ user: await publicUser(request.user!, ctx) }));

    app.put('/api/me/locale', {
      schema: {
        tags: ['auth'], summary: 'Remember the user interface language',
        body: z.object({ locale: localeSchema }),
        response: { 200: z.object({ user: userSchema }), 401: errorSchema },
      },
    }, async (request) => {
      await setLocale(ctx, actorFrom(request), request.body.locale);
      return { user: await publicUser({ ...request.user!, locale: request.body.locale }, ctx) };
    });

    app.put('/api/me/password', {
      schema: {
        tags: ['auth'], summary: 'Change your own password; your other sessions end',
        body: z.object({ current_password: z.string().max(200), new_password: z.string().max(200) }),
        response: { 204: z.null(), 400: errorSchema, 401: errorSchema },
      },
    }, async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      await changeOwnPassword(ctx, actorFrom(request), { currentPassword: request.body.current_password, newPassword: request.body.new_password },
        token ? hashToken(token) : undefined);
      return reply.code(204).send(null);
    });
  };
}
