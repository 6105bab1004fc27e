import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { countMyUnread, listMyNotices, NOTICE_LIMIT, readAllNotices, readNotice } from '../../app/notifications/notices.ts';
import { actorFrom } from '../auth-hook.ts';
import { errorSchema } from '../schemas.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const errors = { 401: errorSchema, 403: errorSchema };

const noticeSchema = z.object({
  id: z.number().int(), kind: z.string(), audience: z.enum(['collector', 'creditor', 'staff']), account_id: z.number().int(),
  account_no_mask: z.string(), message: z.string(), message_zh: z.string().nullable(), created_at: z.date(), read_at: z.date().nullable(),
  application_id: z.number().int().nullable(), plan_id: z.number().int().nullable(), waiver_id: z.number().int().nullable(),
  case_id: z.number().int().nullable(),
});

export function notificationsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/notifications', {
      schema: {
        tags: ['notifications'], summary: 'Your notices (通知), newest first, with the number unread: yours, and for a bank user also the bank\'s',
        querystring: z.object({ state: z.enum(['unread', 'all']).default('all'),
          limit: z.coerce.number().int().min(0).max(NOTICE_LIMIT.max).default(NOTICE_LIMIT.default) }),
        response: { 200: z.object({ unread: z.number().int(), items: z.array(noticeSchema) }), 400: errorSchema, ...errors },
      },
    }, async (request) => listMyNotices(ctx, actorFrom(request), { unreadOnly: request.query.state === 'unread', limit: request.query.limit }));

    app.get('/api/notifications/count', {
      schema: { tags: ['notifications'], summary: 'How many of your notices are unread', response: { 200: z.object({ unread: z.number().int() }), ...errors } },
    }, async (request) => countMyUnread(ctx, actorFrom(request)));

    app.post('/api/notifications/:id/read', {
      schema: { tags: ['notifications'], summary: 'Mark one of your notices read (a bank\'s notice is read for all its users)', params: idParams,
        response: { 200: z.object({ id: z.number().int(), read_at: z.date() }), 404: errorSchema, ...errors } },
    }, async (request) => readNotice(ctx, actorFrom(request), request.params.id));

    app.post('/api/notifications/read-all', {
      schema: { tags: ['notifications'], summary: 'Mark all your unread notices read', response: { 200: z.object({ marked: z.number().int() }), ...errors } },
    }, async (request) => readAllNotices(ctx, actorFrom(request)));
  };
}
