import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listActions, listAudit } from '../../app/audit/list-audit.ts';
import { verifyAuditLog } from '../../app/audit/verify-audit.ts';
import type { AppContext } from '../../app/context.ts';
import { actorFrom } from '../auth-hook.ts';
import { errorSchema } from '../schemas.ts';

export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/audit/verify', {
      schema: {
        tags: ['audit'], summary: 'Check the audit log hash chain for tampering',
        response: {
          200: z.object({ ok: z.boolean(), rows: z.number().int(), breaks: z.array(z.object({ id: z.number().int(), problem: z.string() })) }),
          401: errorSchema, 403: errorSchema,
        },
      },
    }, async (request) => verifyAuditLog(ctx, actorFrom(request)));

    app.get('/api/audit', {
      schema: {
        tags: ['audit'], summary: 'The audit log, newest first, a page at a time (pass next_before as before for older entries)',
        querystring: z.object({
          action: z.string().max(100).optional(), actor: z.string().max(100).optional(), entity: z.string().max(100).optional(),
          entity_id: z.string().max(100).optional(), creditor: z.string().max(32).optional(), from: z.string().max(10).optional(),
          to: z.string().max(10).optional(), before: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({
            items: z.array(z.object({
              id: z.number().int(), at: z.string(), actor: z.string(), action: z.string(), entity: z.string(), entity_id: z.string().nullable(),
              creditor_code: z.string().nullable(), detail: z.record(z.string(), z.unknown()),
            })),
            next_before: z.number().int().nullable(),
          }),
          400: errorSchema, 401: errorSchema, 403: errorSchema,
        },
      },
    }, async (request) => {
      const q = request.query;
      return listAudit(ctx, actorFrom(request), { action: q.action, actor: q.actor, entity: q.entity, entityId: q.entity_id, creditor: q.creditor,
        from: q.from, to: q.to, before: q.before, limit: q.limit });
    });

    app.get('/api/audit/actions', {
      schema: { tags: ['audit'], summary: 'The actions present in the audit log', response: { 200: z.object({ items: z.array(z.string()) }), 401: errorSchema, 403: errorSchema } },
    }, async (request) => ({ items: await listActions(ctx, actorFrom(request)) }));
  };
}
