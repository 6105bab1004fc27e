import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addCreditor } from '../../app/creditors/add-creditor.ts';
import { listCreditors } from '../../app/creditors/list-creditors.ts';
import type { AppContext } from '../../app/context.ts';
import { actorFrom } from '../auth-hook.ts';
import { errorSchema } from '../schemas.ts';

const creditorSchema = z.object({ id: z.number().int(), code: z.string(), name: z.string() });

export function creditorRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/creditors', {
      schema: {
        tags: ['creditors'], summary: 'Creditor banks (委托方)',
        response: { 200: z.object({ items: z.array(creditorSchema.extend({ accounts: z.number().int() })) }), 401: errorSchema, 403: errorSchema },
      },
    }, async (request) => ({
      items: (await listCreditors(ctx, actorFrom(request))).map(({ id, code, name, accounts }) => ({ id, code, name, accounts })),
    }));

    app.post('/api/creditors', {
      schema: {
        tags: ['creditors'], summary: 'Add a creditor bank',
        body: z.object({ code: z.string().min(1).max(32), name: z.string().min(1).max(200) }),
        response: { 201: creditorSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 409: errorSchema },
      },
    }, async (request, reply) => reply.code(201).send(await addCreditor(ctx, actorFrom(request), request.body)));
  };
}
