import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAccounts } from '../../app/accounts/list-accounts.ts';
import { PII_FIELDS, revealAccountPii } from '../../app/accounts/reveal-pii.ts';
import { findCaller } from '../../app/workstation/find-caller.ts';
import type { AppContext } from '../../app/context.ts';
import { SHOWN_ACCOUNT_STATUSES } from '../../domain/account-status.ts';
import { actorFrom } from '../auth-hook.ts';
import { currencySchema, errorSchema } from '../schemas.ts';

const accountSummarySchema = z.object({
  id: z.number().int(),
  creditor_code: z.string(),
  creditor_name: z.string(),
  creditor_name_en: z.string().nullable().describe('the creditor\'s name in English (Changchuan Bank); null: it has none, its name is shown'),
  account_no_mask: z.string(),
  debtor_name: z.string(),
  id_number_mask: z.string().nullable(),
  phone_mask: z.string().nullable(),
  region_code: z.string().nullable(),
  region_name: z.string().nullable(),
  region_name_en: z.string().nullable().describe('the region in English (Hanyu Pinyin and the kind of division: Nanshan District)'),
  product: z.string(),
  principal_fen: z.number().int().describe('the balance parts now: the bank\'s figures less what settled payments paid of each, as the account page shows them'),
  interest_fen: z.number().int(),
  fees_fen: z.number().int(),
  balance_fen: z.number().int(),
  balance_stated_on: z.string().describe("the day of the bank's figures the balance starts from (its file's, or the placement's): payments before it are counted in them"),
  dpd: z.number().int(),
  bucket: z.string(),
  status: z.string().describe('as shown: on_hold (停催) while a hold that stops collection is in force, else as stored'),
  collector_name: z.string().nullable(),
  currency: currencySchema,
});

export function accountRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/accounts', {
      schema: {
        tags: ['accounts'], summary: 'Accounts in your scope (a collector: assigned to you), personal data masked',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
          q: z.string().trim().max(64).optional(),
          placement: z.string().trim().max(200).optional().describe("only the accounts of this placement (委案批次: its batch reference)"),
          status: z.enum(SHOWN_ACCOUNT_STATUSES).optional()
            .describe('only the accounts in this status as shown: on_hold those still in collection with a hold in force that stops collection (never stored), active the active ones not on hold'),
          collector: z.union([z.literal('none'), z.coerce.number().int().positive()]).optional()
            .describe("only the accounts this collector (a user id) holds now; none: those no collector holds (a team's accounts not yet dealt)"),
        }),
        response: { 200: z.object({ total: z.number().int(), items: z.array(accountSummarySchema) }), 401: errorSchema, 403: errorSchema },
      },
    }, async (request) => listAccounts(ctx, actorFrom(request), { ...request.query, q: request.query.q || undefined, placement: request.query.placement || undefined }));

    app.post('/api/accounts/:id/reveal', {
      schema: {
        tags: ['accounts'], summary: "Reveal the debtor's ID number and/or contact points (audited, naming what was shown)",
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: z.object({ reason: z.string().trim().min(2).max(200),
          fields: z.array(z.enum(PII_FIELDS)).min(1).optional().describe('what to show (default both): only these are decrypted, sent and audited') }),
        response: {
          200: z.object({
            account_id: z.number().int(),
            id_number: z.string().nullable().optional(),
            contact_points: z.array(z.object({
              id: z.number().int(), kind: z.string(), owner: z.string(), third_party_name: z.string().nullable(),
              relation: z.string().nullable(), verified: z.string(), value: z.string(),
            })).optional(),
          }),
          401: errorSchema, 403: errorSchema, 404: errorSchema,
        },
      },
    }, async (request) => revealAccountPii(ctx, actorFrom(request), request.params.id, request.body.reason, request.body.fields));

    app.post('/api/accounts/caller-lookup', {
      schema: {
        tags: ['accounts'],
        summary: '来电查找: whose phone number (or ID number, or account number) this is, and their accounts you may work (masked; audited). In the body, never in the address',
        body: z.object({ phone: z.string().max(40).optional(), id_number: z.string().max(40).optional(), account_no: z.string().max(64).optional() })
          .refine((b) => [b.phone, b.id_number, b.account_no].filter((v) => v !== undefined).length === 1, { message: 'give one of phone, id_number or account_no' }),
        response: {
          200: z.object({
            matched_by: z.enum(['phone', 'id_number', 'account_no']),
            value_mask: z.string(),
            matches: z.array(z.object({
              debtor_id: z.number().int(), party: z.enum(['debtor', 'third_party']), contact_point_id: z.number().int().nullable(),
              third_party_name: z.string().nullable(), relation: z.string().nullable(), accounts: z.array(accountSummarySchema),
              elsewhere: z.array(z.object({ collector_name: z.string().nullable(), accounts: z.number().int() })),
            })),
          }),
          400: errorSchema, 401: errorSchema, 403: errorSchema,
        },
      },
    }, async (request) => {
      const b = request.body;
      return findCaller(ctx, actorFrom(request), b.phone !== undefined ? { phone: b.phone }
        : b.account_no !== undefined ? { accountNo: b.account_no } : { idNumber: b.id_number ?? '' });
    });
  };
}
