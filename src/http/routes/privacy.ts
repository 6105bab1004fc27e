import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { erasePersonalData, personalDataOutlook } from '../../app/privacy/erase-personal-data.ts';
import { actorFrom } from '../auth-hook.ts';
import { errorSchema } from '../schemas.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema };
const counts = {
  debtors: z.number().int(), accounts: z.number().int(), contact_points: z.number().int(), contact_notes: z.number().int(), messages: z.number().int(),
  hardship_statements: z.number().int(), evidence_files: z.number().int(), portal_actions: z.number().int(),
  import_errors_files: z.number().int(),
};

/** Personal data erasure once the entrustment ends (个人信息删除, docs/privacy.md). */
export function privacyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/privacy/erasure', {
      schema: { tags: ['privacy'], summary: 'Debtors whose personal data is due for erasure today and in the next 30 days, and how many are erased',
        response: { 200: z.object({ business_date: z.string(), default_retention_days: z.number().int(), due: z.number().int(),
          next_30_days: z.number().int(), erased: z.number().int() }), ...errors } },
    }, async (request) => personalDataOutlook(ctx, actorFrom(request)));

    app.post('/api/privacy/erasure', {
      schema: { tags: ['privacy'], summary: 'Erase now the personal data of every debtor due (the nightly run does it too); dry_run only counts',
        body: z.object({ dry_run: z.boolean().default(false) }).default({ dry_run: false }),
        response: { 200: z.object({ business_date: z.string(), dry_run: z.boolean(), due: z.number().int(), ...counts }), ...errors } },
    }, async (request) => erasePersonalData(ctx, actorFrom(request), { dryRun: request.body.dry_run }));
  };
}
