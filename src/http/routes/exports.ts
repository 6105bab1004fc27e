import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportAccountStatus } from '../../app/exports/account-status.ts';
import { exportContactRecords } from '../../app/exports/contact-records.ts';
import type { ExportFile } from '../../app/exports/files.ts';
import { exportLostContacts } from '../../app/exports/lost-contacts.ts';
import { exportRecalledAccounts } from '../../app/exports/recalled-accounts.ts';
import type { AppContext } from '../../app/context.ts';
import { actorFrom } from '../auth-hook.ts';
import { errorSchema } from '../schemas.ts';

const creditor = z.string().trim().min(1).max(32).optional();
/** What every file takes: format csv or xlsx, locale zh-CN or en, a CSV's encoding utf8, gbk or gb18030 (the use case checks them and says what is wrong). */
const fileFields = { format: z.string().optional(), locale: z.string().optional(), encoding: z.string().optional() };

/** The file as a download, streamed as it is written (Fastify serializes objects, not streams). */
function sendFile(reply: FastifyReply, file: ExportFile): FastifyReply {
  return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.body as unknown as string);
}

/** Files sent back to creditors (docs/exports.md). */
export function exportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/exports/contact-records', {
      schema: {
        tags: ['exports'],
        summary: "Contact records for the bank (催记回传): every contact attempt on a creditor's accounts, from..to (business dates, default yesterday, at most 31 days)",
        description: 'format csv (UTF-8 with BOM, or encoding=gbk or gb18030) or xlsx; locale zh-CN or en. Admins name the creditor; a creditor\'s user gets their own. Audited.',
        querystring: z.object({
          creditor, from: z.string().optional(), to: z.string().optional(), ...fileFields,
        }),
        response: { 200: z.string().describe('the file'), 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    }, async (request, reply) => {
      const file = await exportContactRecords(ctx, actorFrom(request), request.query);
      return sendFile(reply, file);
    });

    app.get('/api/exports/account-status', {
      schema: {
        tags: ['exports'],
        summary: "Account status for the bank (案件状态回盘): every account the agency holds for a creditor, as it stands now",
        description: 'Status, balance, days past due and bucket, collector, last contact, open promise, holds in force. format csv or xlsx, encoding utf8, gbk or gb18030, locale zh-CN or en. Audited.',
        querystring: z.object({
          creditor, ...fileFields,
        }),
        response: { 200: z.string().describe('the file'), 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    }, async (request, reply) => {
      const file = await exportAccountStatus(ctx, actorFrom(request), request.query);
      return sendFile(reply, file);
    });

    app.get('/api/exports/recalled-accounts', {
      schema: {
        tags: ['exports'],
        summary: "The recall list for the bank (退案清单): a creditor's accounts whose recall date falls from..to (default yesterday, at most 31 days)",
        description: 'Batch, placed and recalled on, why (term ended, recalled by the creditor, or a dispute it did not verify), balance parts, what was paid while placed, collector, last contact. '
          + 'format csv or xlsx, encoding utf8, gbk or gb18030, locale zh-CN or en. Admins name the creditor; a creditor\'s user gets their own. Audited.',
        querystring: z.object({
          creditor, from: z.string().optional(), to: z.string().optional(), ...fileFields,
        }),
        response: { 200: z.string().describe('the file'), 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    }, async (request, reply) => {
      const file = await exportRecalledAccounts(ctx, actorFrom(request), request.query);
      return sendFile(reply, file);
    });

    app.get('/api/exports/lost-contacts', {
      schema: {
        tags: ['exports'],
        summary: "The lost-contact list for a skip-trace vendor (失联名单): a creditor's lost-contact accounts, the debtor's name and ID number in clear (admins; audited)",
        description: 'With empty phone, contact_name, relation and source columns for the vendor to fill; the file comes back through the contacts import. format csv or xlsx, encoding utf8, gbk or gb18030, locale zh-CN or en.',
        querystring: z.object({
          creditor, ...fileFields,
        }),
        response: { 200: z.string().describe('the file'), 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    }, async (request, reply) => {
      const file = await exportLostContacts(ctx, actorFrom(request), request.query);
      return sendFile(reply, file);
    });
  };
}
