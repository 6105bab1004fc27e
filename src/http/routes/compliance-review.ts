import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { complianceReview, decideReviewItem } from '../../app/compliance/review.ts';
import { actorFrom } from '../auth-hook.ts';
import { errorSchema } from '../schemas.ts';

const confirmation = z.object({
  status: z.enum(['confirmed', 'questioned']), note: z.string(), by: z.string(), at: z.date(),
  current: z.boolean().describe('given on the reading the product has now (a release that changed the rule or text asks again)'),
}).nullable();

export function complianceReviewRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/compliance/review', {
      schema: {
        tags: ['compliance'], summary: "合规确认: every rule of the compliance engine and the texts written on a law's strength, the U items (not yet verified) and the compliance officer's word on each",
        response: {
          200: z.object({
            rules: z.array(z.object({ item: z.string(), pack: z.string(), citation: z.string(),
              citation_zh: z.string().describe('the citation in Chinese, for the 中文 screen; a confirmation is given on the English `citation`'), legal_floor: z.boolean(),
              params: z.record(z.string(), z.object({ default: z.number(), kind: z.string(), tighter: z.string() })), unverified: z.string().nullable(), confirmation })),
            texts: z.array(z.object({ item: z.string(), title: z.object({ en: z.string(), zh: z.string() }), unverified: z.object({ en: z.string(), zh: z.string() }),
              parts: z.array(z.object({ label: z.string(), text: z.string() })), confirmation })),
            open: z.number().int().describe('U items without a current confirmation'),
          }),
          401: errorSchema, 403: errorSchema,
        },
      },
    }, async (request) => complianceReview(ctx, actorFrom(request)));

    app.put('/api/compliance/review/:item', {
      schema: {
        tags: ['compliance'], summary: "The compliance officer confirms the product's reading of a rule or text, or questions it, saying what was checked (admins; audited)",
        params: z.object({ item: z.string().min(1).max(80) }),
        body: z.object({ status: z.string().max(20), note: z.string().max(2100) }),
        response: { 200: confirmation.unwrap(), 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    }, async (request) => decideReviewItem(ctx, actorFrom(request), request.params.item, request.body));
  };
}
