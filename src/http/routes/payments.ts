import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { listPayments } from '../../app/payments/list-payments.ts';
import { recordPayment } from '../../app/payments/record-payment.ts';
import { reversePayment } from '../../app/payments/reverse-payment.ts';
import { actorFrom } from '../auth-hook.ts';
import { errorSchema, localDateSchema } from '../schemas.ts';

const int = z.number().int();
const paymentSchema = z.object({
  id: int, creditor_id: int, account_id: int, account_no_mask: z.string(), txn_id: z.string(), amount_fen: int, paid_on: z.string(),
  source: z.string(), reverses_id: int.nullable(), reversed_by: int.nullable(), reversal_reason: z.string().nullable(),
  to_fees_fen: int.nullable(), to_interest_fen: int.nullable(), to_principal_fen: int.nullable(),
  collector_id: int.nullable(), collector_name: z.string().nullable(), credit_basis: z.string().nullable(), promise_id: int.nullable(),
  bucket_at_placement: z.string().nullable(), rate_bp: int.nullable(), commission_fen: int.nullable(), no_commission_reason: z.string().nullable(),
});
const date = localDateSchema;

export function paymentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/api/payments', {
      schema: {
        tags: ['money'], summary: 'Record a payment (staff): allocated in the contract order, credited, matched to an open promise, commission computed',
        body: z.object({ account_id: int.positive().optional(), amount_fen: int.optional(), paid_on: date.optional(), txn_id: z.string().max(64).optional() }),
        response: { 201: paymentSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    }, async (request, reply) => {
      const b = request.body;
      return reply.code(201).send(await recordPayment(ctx, actorFrom(request), { accountId: b.account_id, amountFen: b.amount_fen, paidOn: b.paid_on, txnId: b.txn_id }));
    });

    app.post('/api/payments/:id/reverse', {
      schema: {
        tags: ['money'], summary: 'Reverse a bounced or refunded payment: a new negative entry undoing its allocation, credit and commission',
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: z.object({ reason: z.string().optional(), on: date.optional() }).optional(),
        response: { 201: paymentSchema, 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    }, async (request, reply) => reply.code(201).send(await reversePayment(ctx, actorFrom(request),
      { paymentId: request.params.id, reason: request.body?.reason, on: request.body?.on })));

    app.get('/api/accounts/:id/payments', {
      schema: {
        tags: ['money'], summary: "An account's payment entries with allocation, collector and commission, newest first",
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: z.object({ items: z.array(paymentSchema) }), 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    }, async (request) => ({ items: await listPayments(ctx, actorFrom(request), request.params.id) }));
  };
}
