import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
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
  };
}
