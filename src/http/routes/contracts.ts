import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { setContract } from '../../app/contracts/set-contract.ts';
import { showContract } from '../../app/contracts/show-contract.ts';
import type { AppContext } from '../../app/context.ts';
import { actorFrom } from '../auth-hook.ts';
import { errorSchema } from '../schemas.ts';

export function contractRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/contracts', {
      schema: {
        tags: ['money'], summary: "A creditor's contract versions (委托合同), newest first",
        querystring: z.object({ creditor: z.string().optional() }),
        response: { 200: z.object({ creditor: z.string(),
          earliest_effective_from: z.string().describe('the first day a new version may start: today or later, not before the latest version, after the payments already settled'),
          versions: z.array(z.object({ version: z.number().int(), effective_from: z.string(),
          created_at: z.string(), contract: z.record(z.string(), z.unknown()), terms: z.record(z.string(), z.unknown()) })) }),
        400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    }, async (request) => showContract(ctx, actorFrom(request), request.query.creditor));

    app.post('/api/contracts', {
      schema: {
        tags: ['money'], summary: "Add a version of a creditor's contract; the body is the contract JSON (docs/money.md), effective_from in the query (default today)",
        querystring: z.object({ effective_from: z.string().optional(),
          creditor: z.string().optional().describe("the creditor the version is for (the screen's choice): refused unless the JSON's `creditor` is the same") }),
        body: z.unknown(),
        response: { 201: z.object({ creditor: z.string(), version: z.number().int(), effective_from: z.string() }),
          400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    }, async (request, reply) => reply.code(201).send(await setContract(ctx, actorFrom(request),
      { creditor: request.query.creditor, contract: request.body ?? {}, effectiveFrom: request.query.effective_from })));
  };
}
