import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { extendPlacement, listPlacements, RETAIN_MAX, retainAccounts } from '../../app/placements/placements.ts';
import { actorFrom } from '../auth-hook.ts';
import { errorSchema } from '../schemas.ts';

const int = z.number().int();
const creditorParams = z.object({ creditor: z.string().min(1).max(32) });

export function placementRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/creditors/:creditor/placements', {
      schema: {
        tags: ['creditors'], summary: "A creditor's placements (委案批次), the latest first: their terms and their accounts by where they stand (a bank's users: their own)",
        params: creditorParams,
        response: {
          200: z.object({ creditor: z.string(), date: z.string().describe("today's business date, which days_left counts from"),
            items: z.array(z.object({ id: int, creditor_code: z.string(), batch_ref: z.string(), placed_on: z.string(),
              ends_on: z.string().describe("the term's last day (延期 moves it); the night after it, the accounts still in collection are recalled (到期退案)"),
              days_left: int, state: z.enum(['in_term', 'ending_soon', 'ended']).describe('ending_soon: within 14 days of its last day'),
              accounts: int, in_collection: int, recalled: int, finished: int.describe('paid in full or settled'),
              retained: int.describe('of those in collection, the ones kept past the last day (留案)') })) }),
          401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    }, async (request) => listPlacements(ctx, actorFrom(request), request.params.creditor));

    app.post('/api/creditors/:creditor/placements/extend', {
      schema: {
        tags: ['creditors'], summary: "Extend a placement's term (延期) to a later last day: the creditor's decision (admins record it; a bank's users make it for their own); audited",
        params: creditorParams,
        body: z.object({ batch_ref: z.string().min(1).max(200), until: z.string().describe('the new last day, YYYY-MM-DD'), reason: z.string().max(1000).nullable().optional() }),
        response: { 200: z.object({ batch_ref: z.string(), ends_on: z.string(), was: z.string() }), 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    }, async (request) => extendPlacement(ctx, actorFrom(request), { creditor: request.params.creditor, batchRef: request.body.batch_ref, until: request.body.until,
      reason: request.body.reason ?? null }));

    app.post('/api/creditors/:creditor/placements/retain', {
      schema: {
        tags: ['creditors'], summary: "Keep accounts past their placement's last day (留案) until a day: the creditor's decision (admins record it; a bank's users make it for their own); audited",
        params: creditorParams,
        body: z.object({ account_nos: z.array(z.string().max(64)).max(RETAIN_MAX).describe("the creditor's account numbers"),
          until: z.string().describe('the day to keep them until, YYYY-MM-DD'), reason: z.string().max(1000).nullable().optional() }),
        response: {
          200: z.object({ until: z.string(),
            retained: z.array(z.object({ account_no: z.string(), placement_ends_on: z.string(), was: z.string().nullable().describe('the day it was kept until before') })),
            refused: z.array(z.object({ account_no: z.string(), reason: z.string(), reason_zh: z.string() })) }),
          400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    }, async (request) => retainAccounts(ctx, actorFrom(request), { creditor: request.params.creditor, accountNos: request.body.account_nos,
      until: request.body.until, reason: request.body.reason ?? null }));
  };
}
