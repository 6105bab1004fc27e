import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ChannelAdapter } from '../../channels/index.ts';
import type { AppContext } from '../../app/context.ts';
import { dispatchNow, listOutboxMessages, moveOutboxMessage } from '../../app/messages/manage-outbox.ts';
import { actorFrom } from '../auth-hook.ts';
import { errorSchema } from '../schemas.ts';

const itemSchema = z.object({
  id: z.number().int(), channel: z.string(), purpose: z.string(), to: z.string(), body: z.string(),
  status: z.enum(['queued', 'sending', 'sent', 'failed', 'cancelled', 'expired']),
  created_at: z.string(), send_after: z.string().nullable(), expires_at: z.string().nullable(), sent_at: z.string().nullable(),
  adapter: z.string().nullable(), provider_ref: z.string().nullable(), error: z.string().nullable(),
  account_id: z.number().int().nullable(), creditor_code: z.string().nullable(),
  reasons: z.array(z.object({ rule: z.string(), message: z.string(), message_zh: z.string() })),
  next_allowed_at: z.string().nullable(),
});
const idParams = z.object({ id: z.coerce.number().int().positive() });
const refusals = { 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

/** The message outbox (短信发件箱): what was queued, sent, deferred or stopped, and sending what is due now. */
export function outboxRoutes(ctx: AppContext, channel: ChannelAdapter): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/outbox', {
      schema: {
        tags: ['messages'], summary: 'Messages in the outbox, newest first, a page at a time, with the count of each status',
        querystring: z.object({ status: z.string().max(20).optional(), before: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: {
          200: z.object({ adapter: z.string(), counts: z.record(z.string(), z.number().int()), items: z.array(itemSchema), next_before: z.number().int().nullable() }),
          400: errorSchema, 401: errorSchema, 403: errorSchema,
        },
      },
    }, async (request) => listOutboxMessages(ctx, actorFrom(request), channel, request.query));

    app.post('/api/outbox/dispatch', {
      schema: {
        tags: ['messages'], summary: 'Send what is due now, each message judged again by the compliance engine (the server also does this every minute)',
        body: z.object({}).optional(),
        response: { 200: z.object({ sent: z.number().int(), failed: z.number().int(), deferred: z.number().int(), cancelled: z.number().int(), expired: z.number().int() }),
          401: errorSchema, 403: errorSchema },
      },
    }, async (request) => dispatchNow(ctx, actorFrom(request), channel));

    app.post('/api/outbox/:id/cancel', {
      schema: { tags: ['messages'], summary: 'Do not send a queued message', params: idParams, body: z.object({}).optional(),
        response: { 200: z.object({ item: itemSchema }), ...refusals } },
    }, async (request) => moveOutboxMessage(ctx, actorFrom(request), request.params.id, 'cancel'));

    app.post('/api/outbox/:id/retry', {
      schema: { tags: ['messages'], summary: 'Queue a failed message again', params: idParams, body: z.object({}).optional(),
        response: { 200: z.object({ item: itemSchema }), ...refusals } },
    }, async (request) => moveOutboxMessage(ctx, actorFrom(request), request.params.id, 'retry'));
  };
}
