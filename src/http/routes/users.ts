import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { addTeam, addUser, listTeams, listUsers, resetPassword, setActive, updateUser } from '../../app/users/manage-users.ts';
import { actorFrom } from '../auth-hook.ts';
import { errorSchema } from '../schemas.ts';

const userSchema = z.object({
  id: z.number().int(), username: z.string(), display_name: z.string(), role: z.enum(['admin', 'supervisor', 'collector', 'creditor_user']),
  team_id: z.number().int().nullable(), team_name: z.string().nullable(), creditor_id: z.number().int().nullable(),
  creditor_code: z.string().nullable(), active: z.boolean(), created_at: z.string(), accounts: z.number().int(),
  last_sign_in_at: z.string().nullable(),
});
const teamSchema = z.object({ id: z.number().int(), name: z.string(), members: z.number().int(), supervisors: z.number().int() });
const idParams = z.object({ id: z.coerce.number().int().positive() });
const refusals = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

/** Staff accounts and teams (用户管理): admins keep them; supervisors may list the teams. */
export function userRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/users', {
      schema: { tags: ['users'], summary: 'Staff accounts with their team or bank and the open accounts they hold',
        response: { 200: z.object({ items: z.array(userSchema) }), 401: errorSchema, 403: errorSchema } },
    }, async (request) => ({ items: await listUsers(ctx, actorFrom(request)) }));

    app.post('/api/users', {
      schema: {
        tags: ['users'], summary: 'Add a staff account; answers its temporary password once',
        body: z.object({
          username: z.string().max(100), display_name: z.string().max(200), role: z.string().max(32),
          team_id: z.number().int().positive().optional(), creditor_code: z.string().max(32).optional(),
        }),
        response: { 201: z.object({ user: userSchema, temporary_password: z.string() }), ...refusals },
      },
    }, async (request, reply) => {
      const b = request.body;
      const created = await addUser(ctx, actorFrom(request),
        { username: b.username, displayName: b.display_name, role: b.role, team: b.team_id, creditorCode: b.creditor_code });
      return reply.code(201).send(created);
    });

    app.patch('/api/users/:id', {
      schema: {
        tags: ['users'], summary: "Change a user's name, role, team or bank (refused for role or team while they hold accounts; a change of role or scope ends their sessions)",
        params: idParams,
        body: z.object({ display_name: z.string().max(200).optional(), role: z.string().max(32).optional(),
          team_id: z.number().int().positive().nullable().optional(), creditor_code: z.string().max(32).nullable().optional() }),
        response: { 200: z.object({ user: userSchema }), ...refusals },
      },
    }, async (request) => {
      const b = request.body;
      return updateUser(ctx, actorFrom(request), request.params.id,
        { displayName: b.display_name, role: b.role, team: b.team_id, creditorCode: b.creditor_code });
    });

    app.post('/api/users/:id/reset-password', {
      schema: { tags: ['users'], summary: "A new temporary password for a user (their sessions end)", params: idParams,
        response: { 200: z.object({ temporary_password: z.string() }), ...refusals } },
    }, async (request) => resetPassword(ctx, actorFrom(request), request.params.id));

    app.post('/api/users/:id/deactivate', {
      schema: { tags: ['users'], summary: "Stop a user's access (their sessions end); one who holds accounts is offboarded instead",
        params: idParams, response: { 200: z.object({ user: userSchema }), ...refusals } },
    }, async (request) => setActive(ctx, actorFrom(request), request.params.id, false));

    app.post('/api/users/:id/activate', {
      schema: { tags: ['users'], summary: "Restore a user's access", params: idParams, response: { 200: z.object({ user: userSchema }), ...refusals } },
    }, async (request) => setActive(ctx, actorFrom(request), request.params.id, true));

    app.get('/api/teams', {
      schema: { tags: ['users'], summary: 'Teams with their active members and supervisors',
        response: { 200: z.object({ items: z.array(teamSchema) }), 401: errorSchema, 403: errorSchema } },
    }, async (request) => ({ items: await listTeams(ctx, actorFrom(request)) }));

    app.post('/api/teams', {
      schema: { tags: ['users'], summary: 'Add a team', body: z.object({ name: z.string().max(200) }), response: { 201: teamSchema, ...refusals } },
    }, async (request, reply) => reply.code(201).send(await addTeam(ctx, actorFrom(request), request.body)));
  };
}
