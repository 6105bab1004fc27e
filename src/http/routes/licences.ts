import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { listLicences, removeLicence, setLicence } from '../../app/licences/licences.ts';
import { listStateNotices, removeStateNotice, setStateNotice } from '../../app/licences/state-notices.ts';
import { actorFrom } from '../auth-hook.ts';
import { errorSchema } from '../schemas.ts';

const licenceSchema = z.object({
  jurisdiction: z.string().describe('a US state (US-CO) or New York City (US-NY-NYC)'), name_en: z.string(), name_zh: z.string(),
  number: z.string(), updated_at: z.date(),
});

export function licenceRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/licences', {
      schema: {
        tags: ['creditors'], summary: 'The agency\'s collection licences (催收执照), printed on what it writes to debtors there, and where the open US accounts are',
        response: { 200: z.object({ items: z.array(licenceSchema), us_accounts: z.array(z.object({
          state: z.string().nullable().describe('US-CO; null: the debtor\'s state is not known'), name: z.string().nullable(), accounts: z.number().int(),
          licences: z.array(z.string()).describe('the recorded licences their letters carry') })) }), 401: errorSchema, 403: errorSchema },
      },
    }, async (request) => listLicences(ctx, actorFrom(request)));

    app.put('/api/licences/:jurisdiction', {
      schema: {
        tags: ['creditors'], summary: 'Record a licence or its new number (admins; audited)',
        params: z.object({ jurisdiction: z.string().min(1).max(20) }),
        body: z.object({ number: z.string().max(100) }),
        response: { 200: licenceSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema },
      },
    }, async (request) => setLicence(ctx, actorFrom(request), { jurisdiction: request.params.jurisdiction, number: request.body.number }));

    app.delete('/api/licences/:jurisdiction', {
      schema: {
        tags: ['creditors'], summary: 'Remove a licence the agency no longer holds (admins; audited)',
        params: z.object({ jurisdiction: z.string().min(1).max(20) }),
        response: { 200: z.object({ jurisdiction: z.string(), removed: z.string() }), 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    }, async (request) => removeLicence(ctx, actorFrom(request), request.params.jurisdiction));

    const stateNotice = z.object({ jurisdiction: z.string(), name_en: z.string(), name_zh: z.string(), en: z.string(), es: z.string().nullable(), updated_at: z.date() });

    app.get('/api/state-notices', {
      schema: {
        tags: ['creditors'], summary: "The notices a state or New York City asks for that the agency's compliance officer recorded: on the back of a validation notice to a debtor there",
        response: { 200: z.object({ items: z.array(stateNotice) }), 401: errorSchema, 403: errorSchema },
      },
    }, async (request) => listStateNotices(ctx, actorFrom(request)));

    app.put('/api/state-notices/:jurisdiction', {
      schema: {
        tags: ['creditors'], summary: "Record a state's (or New York City's) notice or its new text, English and optionally Spanish (admins; audited)",
        params: z.object({ jurisdiction: z.string().min(1).max(20) }),
        body: z.object({ en: z.string().max(3100), es: z.string().max(3100).nullable().optional() }),
        response: { 200: stateNotice, 400: errorSchema, 401: errorSchema, 403: errorSchema },
      },
    }, async (request) => setStateNotice(ctx, actorFrom(request), { jurisdiction: request.params.jurisdiction, en: request.body.en, es: request.body.es ?? null }));

    app.delete('/api/state-notices/:jurisdiction', {
      schema: {
        tags: ['creditors'], summary: "Remove a state's notice (admins; audited)",
        params: z.object({ jurisdiction: z.string().min(1).max(20) }),
        response: { 200: z.object({ jurisdiction: z.string() }), 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    }, async (request) => removeStateNotice(ctx, actorFrom(request), request.params.jurisdiction));
  };
}
