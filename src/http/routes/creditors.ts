import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addCreditor } from '../../app/creditors/add-creditor.ts';
import { listCreditors } from '../../app/creditors/list-creditors.ts';
import { ENGLISH_NAME_MAX, setEnglishName } from '../../app/creditors/set-english-name.ts';
import { REPAYMENT_MAX, setRepayment } from '../../app/creditors/set-repayment.ts';
import type { AppContext } from '../../app/context.ts';
import { actorFrom } from '../auth-hook.ts';
import { errorSchema } from '../schemas.ts';

const creditorSchema = z.object({ id: z.number().int(), code: z.string(), name: z.string(),
  name_en: z.string().nullable().describe('the bank\'s name in English, shown to debtors reading English or Spanish; null: its name is shown') });

export function creditorRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/creditors', {
      schema: {
        tags: ['creditors'], summary: 'Creditor banks (委托方)',
        response: { 200: z.object({ items: z.array(creditorSchema.extend({ accounts: z.number().int(), repayment_zh: z.string().nullable(), repayment_en: z.string().nullable(),
          pack: z.string().nullable().describe('the compliance pack of the contract in force'),
          validation_notices_due: z.number().int().nullable().describe('under a US contract: open accounts still waiting for their validation notice'),
          verifications_due: z.number().int().nullable().describe('under a US contract: verified disputes whose verification letter is still to be mailed'),
          substantiations_due: z.number().int().nullable().describe("of those, the letters that substantiate a New York debtor's charged-off debt (23 NYCRR 1.4): the bank's documents go in their envelopes"),
          substantiate_by: z.string().nullable().describe('the earliest day one of them is owed: 60 days after the dispute'),
          accounts_without_state: z.number().int().nullable().describe('under a US contract: open accounts whose debtor has no US state on file (called only when every US zone allows it)'),
          notices_without_charge_off: z.number().int().nullable().describe('under a US contract: of the accounts waiting for their validation notice, New York debtors\' (or of unknown state) whose bank file gave no charge-off figures: their notice itemizes as of the placement statement (23 NYCRR 1.2(b) asks for the charge-off)'),
          arrangement_confirmations_due: z.number().int().nullable().describe('under a US contract: arrangements of New York debtors (or of unknown state) not yet confirmed in writing (23 NYCRR 1.5(b))'),
          arrangement_confirmations_late: z.number().int().nullable().describe('of those, agreed more than five days ago'),
          arrangement_statements_due: z.number().int().nullable().describe('under a US contract: three-monthly statements due to New York debtors paying under a schedule'),
          team_works: z.boolean().describe("the signed-in user's team works this creditor (accounts dealt to it, or a territory it holds): the screens' default bank") })) }),
          401: errorSchema, 403: errorSchema },
      },
    }, async (request) => ({
      items: (await listCreditors(ctx, actorFrom(request))).map(({ id, code, name, name_en, accounts, repayment_zh, repayment_en, pack, validation_notices_due, verifications_due,
        substantiations_due, substantiate_by, accounts_without_state, notices_without_charge_off, arrangement_confirmations_due, arrangement_confirmations_late,
        arrangement_statements_due, team_works }) => ({ id, code, name, name_en, accounts, repayment_zh, repayment_en, pack, validation_notices_due, verifications_due, substantiations_due,
        substantiate_by, accounts_without_state, notices_without_charge_off, arrangement_confirmations_due, arrangement_confirmations_late,
        arrangement_statements_due, team_works })),
    }));

    app.put('/api/creditors/:creditor/repayment', {
      schema: {
        tags: ['creditors'], summary: '还款方式: how the creditor\'s debtors pay it (shown on their portal and in letters), zh and optionally en; both empty clears it',
        params: z.object({ creditor: z.string().min(1).max(32) }),
        body: z.object({ zh: z.string().max(REPAYMENT_MAX + 100), en: z.string().max(REPAYMENT_MAX + 100).nullable().optional() }),
        response: { 200: z.object({ repayment_zh: z.string().nullable(), repayment_en: z.string().nullable() }), 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    }, async (request) => setRepayment(ctx, actorFrom(request), request.params.creditor, { zh: request.body.zh, en: request.body.en ?? null }));

    app.put('/api/creditors/:creditor/name-en', {
      schema: {
        tags: ['creditors'], summary: 'The creditor\'s name in English: what its debtors reading English or Spanish see on the portal, in letters, e-mails and texts; empty or null clears it',
        params: z.object({ creditor: z.string().min(1).max(32) }),
        body: z.object({ name_en: z.string().max(ENGLISH_NAME_MAX + 100).nullable() }),
        response: { 200: z.object({ code: z.string(), name: z.string(), name_en: z.string().nullable() }), 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    }, async (request) => setEnglishName(ctx, actorFrom(request), request.params.creditor, request.body.name_en));

    app.post('/api/creditors', {
      schema: {
        tags: ['creditors'], summary: 'Add a creditor bank',
        body: z.object({ code: z.string().min(1).max(32), name: z.string().min(1).max(200), name_en: z.string().max(ENGLISH_NAME_MAX + 100).nullable().optional() }),
        response: { 201: creditorSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 409: errorSchema },
      },
    }, async (request, reply) => reply.code(201).send(await addCreditor(ctx, actorFrom(request), { code: request.body.code, name: request.body.name, nameEn: request.body.name_en ?? null })));
  };
}
