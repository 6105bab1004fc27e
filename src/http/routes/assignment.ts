import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAssignmentHistory } from '../../app/assignment/assignment-history.ts';
import { dealUnassignedAccounts } from '../../app/assignment/deal-accounts.ts';
import { MAX_MOVE, moveAccounts } from '../../app/assignment/move-accounts.ts';
import { offboardCollector } from '../../app/assignment/offboard-collector.ts';
import { listTerritoriesFor, removeTerritory, setTerritory } from '../../app/assignment/territories.ts';
import { authorize } from '../../app/authorization.ts';
import type { AppContext } from '../../app/context.ts';
import { MAX_CREDIT_DAYS } from '../../domain/assignment/index.ts';
import { invalidInput } from '../../domain/errors.ts';
import { actorFrom } from '../auth-hook.ts';
import { errorSchema } from '../schemas.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const creditDays = z.number().int().min(0).max(MAX_CREDIT_DAYS).optional();
/** A territory's region: 2 to 6 digits of a GB/T 2260 code, a US state (`US-MA`, any case; the use case checks the state), or `*` (all regions). */
const regionPrefix = z.string().trim().regex(/^([0-9]{2,6}|[Uu][Ss]-[A-Za-z]{2}|\*)$/);
const territorySchema = z.object({ creditor_id: z.number().int(), creditor_code: z.string(), region_prefix: z.string(),
  region_name: z.string().nullable(), region_name_en: z.string().nullable(), team_id: z.number().int(), team_name: z.string() });
const carried = { promises_carried: z.number().int(), promise_credits: z.number().int(), callbacks_carried: z.number().int().nullable() };
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

export function assignmentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/territories', {
      schema: { tags: ['assignment'], summary: 'Territories (片区): creditor x region prefix -> team',
        querystring: z.object({ creditor: z.string().trim().min(1).max(32).optional() }),
        response: { 200: z.object({ items: z.array(territorySchema) }), ...errors } },
    }, async (request) => ({ items: await listTerritoriesFor(ctx, actorFrom(request), request.query.creditor ? { creditorCode: request.query.creditor } : {}) }));

    app.put('/api/territories', {
      schema: { tags: ['assignment'], summary: 'Set a territory: accounts of the creditor in the region (longest prefix wins) go to the team',
        body: z.object({ creditor: z.string().trim().min(1).max(32), region_prefix: regionPrefix,
          team_id: z.number().int().positive() }),
        response: { 200: z.object({ creditor_code: z.string(), region_prefix: z.string(), team_id: z.number().int(), team_name: z.string(),
          previous_team_id: z.number().int().nullable() }), ...errors } },
    }, async (request) => {
      const b = request.body;
      return setTerritory(ctx, actorFrom(request), { creditorCode: b.creditor, regionPrefix: b.region_prefix, team: b.team_id });
    });

    app.delete('/api/territories', {
      schema: { tags: ['assignment'], summary: 'Remove a territory: accounts already dealt stay with their collectors; new ones in the region are left unassigned',
        querystring: z.object({ creditor: z.string().trim().min(1).max(32), region_prefix: regionPrefix }),
        response: { 200: z.object({ creditor_code: z.string(), region_prefix: z.string(), team_id: z.number().int() }), ...errors } },
    }, async (request) => removeTerritory(ctx, actorFrom(request), { creditorCode: request.query.creditor, regionPrefix: request.query.region_prefix }));

    app.post('/api/assignments/deal', {
      schema: { tags: ['assignment'], summary: 'Deal every open, unassigned account (分案) by territory, balancing count and balance within each team; with rebalance, also every account whose collector is outside its territory\'s team',
        body: z.object({ creditor: z.string().trim().min(1).max(32).optional(), rebalance: z.boolean().default(false) }).default({ rebalance: false }),
        response: { 200: z.object({ creditor: z.string().nullable(), accounts: z.number().int(), dealt: z.number().int(), kept: z.number().int(), no_territory: z.number().int(),
          no_collector: z.number().int(), moved: z.number().int(), teams: z.array(z.object({ team_id: z.number().int(), team_name: z.string(), accounts: z.number().int(),
            collectors: z.number().int() })), seconds: z.number() }), ...errors } },
    }, async (request) => dealUnassignedAccounts(ctx, actorFrom(request),
      { ...(request.body.creditor ? { creditorCode: request.body.creditor } : {}), rebalance: request.body.rebalance }));

    app.post('/api/assignments/move', {
      schema: { tags: ['assignment'], summary: 'Move accounts to a collector (调案) with a reason; open promises and callbacks follow',
        body: z.object({ account_ids: z.array(z.number().int().positive()).min(1).max(MAX_MOVE), to_user_id: z.number().int().positive(),
          reason: z.string().trim().min(2).max(500), credit_days: creditDays }),
        response: { 200: z.object({ to: z.object({ id: z.number().int(), username: z.string(), team_id: z.number().int() }),
          moved: z.array(z.object({ account_id: z.number().int(), from: z.number().int().nullable(), to: z.number().int() })),
          unchanged: z.array(z.number().int()), ...carried }), ...errors } },
    }, async (request) => {
      const b = request.body;
      return moveAccounts(ctx, actorFrom(request), { accountIds: b.account_ids, to: b.to_user_id, reason: b.reason, creditDays: b.credit_days ?? null });
    });

    app.post('/api/collectors/:id/offboard', {
      schema: { tags: ['assignment'], summary: 'Turnover (转单): every account of a departing collector to a user or a team, in one transaction; the user is signed out and deactivated',
        params: idParams,
        body: z.object({ to_user_id: z.number().int().positive().optional(), to_team_id: z.number().int().positive().optional(),
          reason: z.string().trim().max(500).optional(), credit_days: creditDays }),
        response: { 200: z.object({ user: z.object({ id: z.number().int(), username: z.string() }),
          to: z.object({ kind: z.enum(['user', 'team']), id: z.number().int(), name: z.string() }), accounts: z.number().int(),
          accounts_finished: z.number().int().describe('of accounts, those paid, settled, recalled or closed: moved too, so none is left without an owner'),
          by_collector: z.array(z.object({ collector_id: z.number().int(), username: z.string(), accounts: z.number().int() })),
          deactivated: z.literal(true), ...carried }), ...errors } },
    }, async (request) => {
      const b = request.body;
      const actor = actorFrom(request);
      authorize(actor, 'assignment.manage');
      if ((b.to_user_id === undefined) === (b.to_team_id === undefined)) throw invalidInput({ en: 'Give exactly one of to_user_id or to_team_id', zh: '请在 to_user_id 和 to_team_id 中只给出一个' }, 'to_user_id');
      return offboardCollector(ctx, actor, {
        user: request.params.id, to: b.to_user_id !== undefined ? { kind: 'user', ref: b.to_user_id } : { kind: 'team', ref: b.to_team_id! },
        creditDays: b.credit_days ?? null, ...(b.reason ? { reason: b.reason } : {}),
      });
    });

    app.get('/api/accounts/:id/assignments', {
      schema: { tags: ['assignment'], summary: "The account's assignment history: who held it, when, and why it moved", params: idParams,
        response: { 200: z.object({ items: z.array(z.object({ id: z.number().int(), collector_id: z.number().int(), collector_name: z.string(),
          collector_username: z.string(), team_id: z.number().int(), team_name: z.string(), assigned_at: z.date(), ended_at: z.date().nullable(),
          kind: z.string().nullable(), reason: z.string(), assigned_by_name: z.string().nullable() })) }), ...errors } },
    }, async (request) => ({ items: await listAssignmentHistory(ctx, actorFrom(request), request.params.id) }));
  };
}
