import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { buildStatement } from '../../app/statements/build-statement.ts';
import { exportStatement } from '../../app/statements/export-statement.ts';
import { incentiveReport } from '../../app/statements/incentive-report.ts';
import { issueStatement } from '../../app/statements/issue-statement.ts';
import { actorFrom } from '../auth-hook.ts';
import { currencySchema, errorSchema } from '../schemas.ts';

const int = z.number().int();
const lineSchema = z.object({
  line_no: int, payment_id: int, kind: z.enum(['payment', 'adjustment']), account_id: int, account_no_mask: z.string(), txn_id: z.string(),
  paid_on: z.string(), amount_fen: int, bucket: z.string().nullable(), rate_bp: int, commission_fen: int, collector_id: int.nullable(),
  collector_name: z.string().nullable(), reverses_id: int.nullable(),
});
const statementSchema = z.object({
  creditor: z.string(), creditor_name: z.string(), creditor_name_en: z.string().nullable().describe('the creditor\'s name in English; null: it has none'), month: z.string(), currency: currencySchema, status: z.enum(['draft', 'issued']),
  issued_at: z.string().nullable(), issued_local: z.string().nullable(), totals: z.object({ recovered_fen: int, commission_fen: int, net_due_fen: int, lines: int }), lines: z.array(lineSchema),
});
const which = z.object({ creditor: z.string().optional(), month: z.string().optional() });
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

export function statementRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/statements', {
      schema: { tags: ['money'], summary: "A creditor's commission statement for a month (YYYY-MM): the issued one, else a draft", querystring: which,
        response: { 200: statementSchema, ...errors } },
    }, async (request) => buildStatement(ctx, actorFrom(request), request.query));

    app.post('/api/statements/issue', {
      schema: { tags: ['money'], summary: 'Issue (freeze) a finished month\'s statement', body: which.optional(), response: { 201: statementSchema, ...errors } },
    }, async (request, reply) => reply.code(201).send(await issueStatement(ctx, actorFrom(request), request.body ?? {})));

    app.get('/api/statements/export', {
      schema: { tags: ['money'], summary: 'A statement as a file: format csv (UTF-8 with BOM), xlsx or pdf; locale zh-CN or en',
        querystring: which.extend({ format: z.string().optional(), locale: z.string().optional() }),
        response: { 200: z.string().describe('the file'), ...errors } },
    }, async (request, reply) => {
      const file = await exportStatement(ctx, actorFrom(request), request.query);
      return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.body as unknown as string); // a Buffer goes out as is
    });

    app.get('/api/incentives', {
      schema: { tags: ['money'], summary: 'Collector incentive report for a month: recovered, commission earned, promises kept, accounts paid off, upheld complaints',
        querystring: z.object({ month: z.string().optional(), currency: currencySchema.optional() }),
        response: { 200: z.object({ month: z.string(), currency: currencySchema, currencies: z.array(currencySchema), rows: z.array(z.object({ collector_id: int, username: z.string(), display_name: z.string(),
          team_id: int.nullable(), recovered_fen: int, commission_fen: int, payments: int, promises_kept: int, upheld_complaints: int, paid_off: int })),
        totals: z.object({ recovered_fen: int, commission_fen: int, payments: int, promises_kept: int, upheld_complaints: int, paid_off: int }) }), ...errors } },
    }, async (request) => incentiveReport(ctx, actorFrom(request), request.query));
  };
}
