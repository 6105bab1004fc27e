import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ChannelAdapter } from '../../channels/index.ts';
import type { AppContext } from '../../app/context.ts';
import { dispatchNow, listOutboxMessages, moveOutboxMessage } from '../../app/messages/manage-outbox.ts';
import { receiveReceipt, receiveSms } from '../../app/messages/receive-sms.ts';
import { listEmailTemplates, sendEmail } from '../../app/messages/send-email.ts';
import { listSmsTemplates, sendSms } from '../../app/messages/send-sms.ts';
import { printLetters, type PrintedLetters } from '../../app/letters/print-letters.ts';
import { printValidationNotices } from '../../app/letters/print-validation-notices.ts';
import { emailValidationNotices } from '../../app/letters/email-validation-notices.ts';
import { printVerifications } from '../../app/letters/print-verifications.ts';
import { printArrangementConfirmations, printArrangementStatements } from '../../app/letters/print-arrangement-confirmations.ts';
import { AppError } from '../../domain/errors.ts';
import { actorFrom } from '../auth-hook.ts';
import { gatewayDoor } from '../gateway-door.ts';
import { errorSchema } from '../schemas.ts';
import { decisionSchema } from './compliance.ts';

const itemSchema = z.object({
  id: z.number().int(), channel: z.string(), purpose: z.string(), to: z.string(), subject: z.string().nullable(), body: z.string(),
  status: z.enum(['queued', 'sending', 'sent', 'failed', 'cancelled', 'expired']),
  created_at: z.string(), send_after: z.string().nullable(), expires_at: z.string().nullable(), sent_at: z.string().nullable(),
  adapter: z.string().nullable(), provider_ref: z.string().nullable(), error: z.string().nullable(),
  account_id: z.number().int().nullable(), creditor_code: z.string().nullable(),
  reasons: z.array(z.object({ rule: z.string(), message: z.string(), message_zh: z.string() })),
  next_allowed_at: z.string().nullable(),
  delivery: z.enum(['delivered', 'undelivered']).nullable(), delivered_at: z.string().nullable(), delivery_error: z.string().nullable(),
});
const idParams = z.object({ id: z.coerce.number().int().positive() });
const refusals = { 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

/**
 * The message outbox (短信发件箱): what was queued, sent, deferred or stopped, and sending what
 * is due now; and the SMS gateway's door for replies, open only with LEEWAY_SMS_INBOUND_TOKEN.
 */
export function outboxRoutes(ctx: AppContext, channel: ChannelAdapter, inboundToken: string | undefined, emailInboundToken?: string): FastifyPluginAsyncZod {
  /** The gateway's doors are open only with the token, and only to it. */
  const checkGateway = gatewayDoor(inboundToken, { variable: 'LEEWAY_SMS_INBOUND_TOKEN', en: 'inbound SMS', zh: '短信回复接口' });
  const checkMailProvider = gatewayDoor(emailInboundToken, { variable: 'LEEWAY_EMAIL_INBOUND_TOKEN', en: 'e-mail receipts', zh: '邮件回执接口' });

  return async (app) => {
    app.post('/api/channels/sms/receipts', {
      config: { access: 'public' },
      schema: {
        tags: ['messages'], summary: "A delivery receipt for a message the gateway accepted, named by our id or the gateway's provider_ref (Authorization: Bearer <LEEWAY_SMS_INBOUND_TOKEN>); a number reported as not existing marks its contact point invalid",
        body: z.object({ id: z.number().int().positive().optional(), provider_ref: z.string().min(1).max(200).optional(),
          status: z.enum(['delivered', 'undelivered']), error: z.string().max(200).optional(), invalid_number: z.boolean().optional() }),
        response: {
          200: z.object({ id: z.number().int(), delivery: z.string(), contact_point_invalid: z.boolean() }),
          400: errorSchema, 401: errorSchema, 404: errorSchema, 409: errorSchema,
        },
      },
    }, async (request) => {
      checkGateway(request.headers.authorization);
      const b = request.body;
      return receiveReceipt(ctx, { id: b.id, providerRef: b.provider_ref, status: b.status, error: b.error, invalidNumber: b.invalid_number });
    });

    app.post('/api/channels/email/receipts', {
      config: { access: 'public' },
      schema: {
        tags: ['messages'], summary: "What became of an e-mail the mail server accepted, named by our id or its Message-ID (provider_ref), posted by the mail provider or a relay (Authorization: Bearer <LEEWAY_EMAIL_INBOUND_TOKEN>): delivered; bounced (permanent: the address is marked invalid); complained (a spam report: the address is opted out of e-mail)",
        body: z.object({ id: z.number().int().positive().optional(), provider_ref: z.string().min(1).max(300).optional(),
          status: z.enum(['delivered', 'bounced', 'complained']), permanent: z.boolean().optional(), error: z.string().max(200).optional() }),
        response: {
          200: z.object({ id: z.number().int(), delivery: z.string(), contact_point_invalid: z.boolean(), opted_out: z.boolean() }),
          400: errorSchema, 401: errorSchema, 404: errorSchema, 409: errorSchema,
        },
      },
    }, async (request) => {
      checkMailProvider(request.headers.authorization);
      const b = request.body;
      return receiveReceipt(ctx, { id: b.id, providerRef: b.provider_ref, status: b.status === 'bounced' ? 'undelivered' : 'delivered', error: b.error,
        invalidNumber: b.status === 'bounced' && b.permanent === true, complaint: b.status === 'complained' }, 'email');
    });

    app.post('/api/channels/sms/inbound', {
      config: { access: 'public' },
      schema: {
        tags: ['messages'], summary: "A reply from a debtor's phone, posted by the SMS gateway (Authorization: Bearer <LEEWAY_SMS_INBOUND_TOKEN>); an opt-out stops SMS to that number at once",
        body: z.object({ from: z.string().min(1).max(40), body: z.string().max(2000) }),
        response: {
          200: z.object({ matched: z.number().int(), opted_out: z.boolean(), cancelled: z.number().int(), attempt_id: z.number().int().nullable() }),
          400: errorSchema, 401: errorSchema, 404: errorSchema,
        },
      },
    }, async (request) => {
      checkGateway(request.headers.authorization);
      return receiveSms(ctx, request.body);
    });

    app.get('/api/accounts/:id/sms-templates', {
      schema: {
        tags: ['messages'], summary: 'The SMS templates a collector may send for the account, each filled in (body null: it does not apply now)', params: idParams,
        response: { 200: z.object({ items: z.array(z.object({ key: z.string(), name_zh: z.string(), name_en: z.string(), body: z.string().nullable() })) }),
          401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    }, async (request) => listSmsTemplates(ctx, actorFrom(request), request.params.id));

    app.post('/api/accounts/:id/sms', {
      schema: {
        tags: ['messages'], summary: "Send a template SMS to a phone of the debtor's own, if the compliance engine allows it now (409 CONTACT_NOT_ALLOWED with the decision otherwise)",
        params: idParams, body: z.object({ template: z.string().max(40), contact_point_id: z.number().int().positive() }),
        response: {
          201: z.object({ outbox_id: z.number().int(), to: z.string(), body: z.string(), decision: decisionSchema }),
          400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema,
        },
      },
    }, async (request, reply) => reply.code(201).send(await sendSms(ctx, actorFrom(request), request.params.id,
      { template: request.body.template, contactPointId: request.body.contact_point_id })));

    app.get('/api/accounts/:id/email-templates', {
      schema: {
        tags: ['messages'], summary: 'The e-mail templates a collector may send for the account, each filled in (subject and body null: it does not apply now)',
        params: idParams,
        response: { 200: z.object({ items: z.array(z.object({ key: z.string(), name_zh: z.string(), name_en: z.string(), subject: z.string().nullable(),
          body: z.string().nullable() })) }), 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    }, async (request) => listEmailTemplates(ctx, actorFrom(request), request.params.id, ctx.publicUrl ?? `${request.protocol}://${request.host}`));

    app.post('/api/accounts/:id/email', {
      schema: {
        tags: ['messages'], summary: "Send a template e-mail to an e-mail address of the debtor's own, with its opt-out link, if the compliance engine allows it now (409 CONTACT_NOT_ALLOWED with the decision otherwise)",
        params: idParams, body: z.object({ template: z.string().max(40), contact_point_id: z.number().int().positive() }),
        response: {
          201: z.object({ outbox_id: z.number().int(), to: z.string(), subject: z.string(), body: z.string(), decision: decisionSchema }),
          400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema,
        },
      },
    }, async (request, reply) => reply.code(201).send(await sendEmail(ctx, actorFrom(request), request.params.id,
      { template: request.body.template, contactPointId: request.body.contact_point_id, baseUrl: ctx.publicUrl ?? `${request.protocol}://${request.host}` })));

    const pdfSchema = <B extends z.ZodTypeAny>(summary: string, body: B) => ({ tags: ['messages'], summary, body,
      response: { 200: z.string().describe('the PDF'), 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema } });
    const creditorBody = z.object({ creditor: z.string().min(1).max(32) });

    app.post('/api/letters/print', {
      schema: pdfSchema("Today's collection letters for a creditor as one PDF (one page each), each allowed by the compliance engine and recorded as the account's contact once a day; x-letters-printed, x-letters-already and x-letters-refused (JSON) say what went in and what was left out",
        z.object({ creditor: z.string().min(1).max(32), locale: z.string().max(8).optional() })),
    }, async (request, reply) => sendPrinted(reply, await printLetters(ctx, actorFrom(request), request.body), 'x-letters',
      { en: 'letters', zh: '信函' }, (request.body).creditor));

    app.post('/api/letters/validation-notices', {
      schema: pdfSchema("A US creditor's validation notices (12 CFR 1006.34) as one PDF: one for each open account that has had none, allowed by the compliance engine, recorded as the account's contact and with its validation period; until then the account is not collected. x-notices-printed, x-notices-already and x-notices-refused (JSON) say what went in and what was left out",
        creditorBody),
    }, async (request, reply) => sendPrinted(reply, await printValidationNotices(ctx, actorFrom(request), request.body), 'x-notices',
      { en: 'validation notices', zh: '债务确认通知' }, (request.body).creditor));

    app.post('/api/letters/validation-notices/email', {
      schema: {
        tags: ['messages'],
        summary: "A US creditor's validation notices by e-mail (12 CFR 1006.42): for each open account with none, to an address of the debtor's own the engine allows (Reg F's safe harbour), queued for today; each counts as the account's notice once it goes, and is taken back if it bounces. What cannot go today is left for the post",
        body: creditorBody,
        response: { 200: z.object({ date: z.string(), queued: z.number().int(), refused: z.record(z.string(), z.number().int()) }),
          400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    }, async (request) => emailValidationNotices(ctx, actorFrom(request),
      { creditor: request.body.creditor, baseUrl: ctx.publicUrl ?? `${request.protocol}://${request.host}` }));

    app.post('/api/letters/verifications', {
      schema: pdfSchema("A US creditor's verification letters (12 CFR 1006.38(d)(2)) as one PDF: one for each dispute the creditor verified whose hold is still in force; each recorded as the account's contact, and the dispute's hold released (collection resumes). A New York debtor's dispute of a charged-off debt is answered with its substantiation (23 NYCRR 1.4), whose documents come from the bank: such a run needs documents_enclosed (409 otherwise). x-notices-printed, x-notices-already and x-notices-refused (JSON) say what went in and what was left out",
        creditorBody.extend({ documents_enclosed: z.boolean().optional().describe("the bank's documents (signed contract or last statement with a transaction, charge-off statement) are in the envelopes of the letters that substantiate a New York debt") })),
    }, async (request, reply) => sendPrinted(reply, await printVerifications(ctx, actorFrom(request),
      { creditor: request.body.creditor, documentsEnclosed: request.body.documents_enclosed }), 'x-notices',
      { en: 'verification letters', zh: '债务核实函' }, (request.body).creditor));

    app.post('/api/letters/arrangement-confirmations', {
      schema: pdfSchema("A US creditor's written confirmations of payment arrangements for New York debtors (23 NYCRR 1.5(b)) as one PDF: one for each open promise, approved settlement and active instalment plan of a debtor in New York (or of unknown state) not yet confirmed, with every term and the notice of exempt income; each recorded as the account's contact. x-notices-printed, x-notices-already and x-notices-refused (JSON) say what went in and what was left out",
        creditorBody),
    }, async (request, reply) => sendPrinted(reply, await printArrangementConfirmations(ctx, actorFrom(request), request.body), 'x-notices',
      { en: 'arrangement confirmations', zh: '还款安排确认函' }, (request.body).creditor));

    app.post('/api/letters/arrangement-statements', {
      schema: pdfSchema("A US creditor's statements to New York debtors paying under a schedule (23 NYCRR 1.5(b), at least every three months after the written confirmation) as one PDF: what was agreed, paid and is left, and the payments to come; each recorded as the account's contact. x-notices-printed, x-notices-already and x-notices-refused (JSON) say what went in and what was left out",
        creditorBody),
    }, async (request, reply) => sendPrinted(reply, await printArrangementStatements(ctx, actorFrom(request), request.body), 'x-notices',
      { en: 'arrangement statements', zh: '还款安排对账单' }, (request.body).creditor));

    app.get('/api/outbox', {
      schema: {
        tags: ['messages'], summary: 'Messages in the outbox, newest first, a page at a time, with the count of each status',
        querystring: z.object({ status: z.string().max(20).optional(), before: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: {
          200: z.object({ adapter: z.string(), email_adapter: z.string(), counts: z.record(z.string(), z.number().int()), items: z.array(itemSchema),
            next_before: z.number().int().nullable() }),
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

/** A letter run's PDF with what went in and what was left out in `<prefix>-*` headers; nothing to print is a 409 with the reasons. */
function sendPrinted(reply: FastifyReply, printed: PrintedLetters, prefix: string, what: { en: string; zh: string }, creditor: string): FastifyReply {
  if (printed.file === null) {
    throw new AppError('CONFLICT', {
      en: `No ${what.en} to print for ${creditor} on ${printed.date}`,
      zh: `${creditor} 在 ${printed.date} 没有需要打印的${what.zh}`,
    }, { details: { date: printed.date, refused: printed.refused } });
  }
  return reply.type('application/pdf').header('content-disposition', `attachment; filename="${printed.file.fileName}"`)
    .header(`${prefix}-printed`, String(printed.printed)).header(`${prefix}-already`, String(printed.already))
    .header(`${prefix}-refused`, JSON.stringify(printed.refused))
    .send(printed.file.body as unknown as string);   // a Buffer goes out as is
}
