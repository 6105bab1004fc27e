import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { accountHardship } from '../../app/hardship/account-hardship.ts';
import { approveApplication } from '../../app/hardship/approve-application.ts';
import { evidenceFile } from '../../app/hardship/evidence-file.ts';
import { getApplication, hardshipInbox } from '../../app/hardship/inbox.ts';
import { closeProgramme, openProgramme, programmes } from '../../app/hardship/programmes.ts';
import { quoteAccountPlan } from '../../app/hardship/quote-plan.ts';
import { rejectApplication } from '../../app/hardship/reject-application.ts';
import { requestInformation } from '../../app/hardship/request-information.ts';
import { resubmitApplication } from '../../app/hardship/resubmit-application.ts';
import { submitHardshipApplication } from '../../app/hardship/submit-application.ts';
import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES, HARDSHIP_REASONS } from '../../domain/hardship/application.ts';
import { BALANCE_PARTS } from '../../domain/hardship/plan.ts';
import { actorFrom } from '../auth-hook.ts';
import { errorSchema, localDateSchema } from '../schemas.ts';

/**
 * Hardship (停息挂账) over HTTP: the collector's application from the account page, the
 * creditor's inbox and decisions, evidence downloads, programmes. Evidence goes as JSON with
 * each file base64-encoded (as imports do): at most 5 files of 10 MB each.
 */
const idParams = z.object({ id: z.coerce.number().int().positive() });
const localDate = localDateSchema;
const fenAmount = z.number().int().min(0);
const record = z.record(z.string(), z.unknown());
const loose = <T>(value: T): never => value as never;
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
// base64 of a file just over the limit still passes here, so the use case can refuse it by name.
const BASE64_MAX = Math.ceil((EVIDENCE_MAX_BYTES + 1024) / 3) * 4;
const evidenceSchema = z.array(z.object({ file_name: z.string().trim().min(1).max(200), content_base64: z.string().min(1).max(BASE64_MAX) }))
  .max(EVIDENCE_MAX_FILES).default([]);
const planTerms = {
  months: z.number().int(), first_due_date: localDate,
  waive: z.array(z.enum(BALANCE_PARTS)).optional(), monthly_fee_bp: z.number().int().optional(),
};
const BODY_LIMIT = EVIDENCE_MAX_FILES * BASE64_MAX + 64 * 1024;

const decode = (files: Array<{ file_name: string; content_base64: string }>) =>
  files.map((f) => ({ fileName: f.file_name, content: Buffer.from(f.content_base64, 'base64') }));

/** RFC 6266 / 5987: an ASCII fallback and the UTF-8 name, so 失业证明.pdf downloads under its own name. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function hardshipRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/accounts/:id/hardship', {
      schema: {
        tags: ['hardship'], summary: "The account's hardship panel: applications with evidence, plans with instalments, timeline, notifications, programmes",
        params: idParams,
        response: { 200: record, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    }, async (request) => loose(await accountHardship(ctx, actorFrom(request), request.params.id)));

    app.post('/api/accounts/:id/hardship/quote', {
      schema: {
        tags: ['hardship'], summary: "Quote a plan on the account's balance (stores nothing), with affordability when income and essential spending are given",
        params: idParams,
        body: z.object({ ...planTerms, monthly_income_fen: fenAmount.optional(), monthly_essentials_fen: fenAmount.optional() }),
        response: { 200: z.object({ schedule: record, affordability: record.nullable() }), ...errors },
      },
    }, async (request) => {
      const b = request.body;
      return loose(await quoteAccountPlan(ctx, actorFrom(request), request.params.id,
        { months: b.months, firstDueDate: b.first_due_date, ...(b.waive ? { waive: b.waive } : {}), ...(b.monthly_fee_bp !== undefined ? { monthlyFeeBp: b.monthly_fee_bp } : {}) },
        { monthlyIncomeFen: b.monthly_income_fen ?? null, monthlyEssentialsFen: b.monthly_essentials_fen ?? null }));
    });

    app.post('/api/accounts/:id/hardship', {
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['hardship'], summary: "Submit a hardship application for the debtor: places a hardship_review hold (contact stops) and sends it to the creditor's inbox",
        params: idParams,
        body: z.object({
          reason: z.enum(HARDSHIP_REASONS), statement: z.string().max(4000),
          monthly_income_fen: fenAmount.optional(), monthly_essentials_fen: fenAmount.optional(),
          plan: z.object(planTerms), evidence: evidenceSchema, evidence_note: z.string().max(1000).optional(),
          programme_id: z.number().int().positive().optional(),
        }),
        response: { 201: record, ...errors },
      },
    }, async (request, reply) => {
      const b = request.body;
      const result = await submitHardshipApplication(ctx, { kind: 'staff', actor: actorFrom(request) }, request.params.id, {
        reason: b.reason, statement: b.statement, monthlyIncomeFen: b.monthly_income_fen ?? null, monthlyEssentialsFen: b.monthly_essentials_fen ?? null,
        plan: { months: b.plan.months, firstDueDate: b.plan.first_due_date, ...(b.plan.waive ? { waive: b.plan.waive } : {}),
          ...(b.plan.monthly_fee_bp !== undefined ? { monthlyFeeBp: b.plan.monthly_fee_bp } : {}) },
        evidence: decode(b.evidence), evidenceNote: b.evidence_note ?? null, programmeId: b.programme_id ?? null,
      });
      return reply.code(201).send(loose(result));
    });

    app.get('/api/hardship/inbox', {
      schema: {
        tags: ['hardship'], summary: "The creditor's hardship inbox: applications (a creditor user sees their bank's only), soonest deadline first, and plan notifications",
        querystring: z.object({ view: z.enum(['open', 'decided', 'all']).default('open') }),
        response: { 200: z.object({ business_date: z.string(), items: z.array(record), notifications: z.array(record) }), 401: errorSchema, 403: errorSchema },
      },
    }, async (request) => loose(await hardshipInbox(ctx, actorFrom(request), request.query.view)));

    app.get('/api/hardship/applications/:id', {
      schema: {
        tags: ['hardship'], summary: 'One hardship application with its evidence files and timeline', params: idParams,
        response: { 200: record, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    }, async (request) => loose(await getApplication(ctx, actorFrom(request), request.params.id)));

    app.post('/api/hardship/applications/:id/approve', {
      schema: {
        tags: ['hardship'], summary: 'Approve (optionally on changed terms): the plan starts, the hold ends, the account goes in_plan',
        params: idParams,
        body: z.object({ months: z.number().int().optional(), first_due_date: localDate.optional(), waive: z.array(z.enum(BALANCE_PARTS)).optional(),
          monthly_fee_bp: z.number().int().optional(), note: z.string().max(1000).optional() }).default({}),
        response: { 200: record, ...errors },
      },
    }, async (request) => {
      const b = request.body;
      return loose(await approveApplication(ctx, actorFrom(request), request.params.id, {
        ...(b.months !== undefined ? { months: b.months } : {}), ...(b.first_due_date ? { firstDueDate: b.first_due_date } : {}),
        ...(b.waive ? { waive: b.waive } : {}), ...(b.monthly_fee_bp !== undefined ? { monthlyFeeBp: b.monthly_fee_bp } : {}), note: b.note ?? null,
      }));
    });

    app.post('/api/hardship/applications/:id/reject', {
      schema: {
        tags: ['hardship'], summary: 'Reject with a reason: the hold ends and the collector is told', params: idParams,
        body: z.object({ reason: z.string().max(1000) }), response: { 200: record, ...errors },
      },
    }, async (request) => loose(await rejectApplication(ctx, actorFrom(request), request.params.id, request.body.reason)));

    app.post('/api/hardship/applications/:id/request-info', {
      schema: {
        tags: ['hardship'], summary: 'Ask for more information: the hold stays, the collector is told and resubmits', params: idParams,
        body: z.object({ question: z.string().max(1000) }), response: { 200: record, ...errors },
      },
    }, async (request) => loose(await requestInformation(ctx, actorFrom(request), request.params.id, request.body.question)));

    app.post('/api/hardship/applications/:id/resubmit', {
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['hardship'], summary: 'Answer the creditor and resubmit, with further evidence; a new deadline counts from today', params: idParams,
        body: z.object({ information: z.string().max(4000), evidence: evidenceSchema }), response: { 200: record, ...errors },
      },
    }, async (request) => loose(await resubmitApplication(ctx, actorFrom(request), request.params.id,
      { information: request.body.information, evidence: decode(request.body.evidence) })));

    app.get('/api/hardship/evidence/:id', {
      schema: {
        tags: ['hardship'], summary: 'Download one evidence file (always as an attachment, with its detected type)', params: idParams,
        response: { 200: z.any(), 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    }, async (request, reply) => {
      const file = await evidenceFile(ctx, actorFrom(request), request.params.id);
      return reply.type(file.content_type)
        .header('content-disposition', contentDisposition(file.file_name))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .header('digest', `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`)
        .send(file.content);
    });

    app.get('/api/hardship/programmes', {
      schema: {
        tags: ['hardship'], summary: 'Open hardship programmes (for suspensions: region epidemics, disasters)',
        response: { 200: z.object({ items: z.array(record) }), 401: errorSchema, 403: errorSchema },
      },
    }, async (request) => loose({ items: await programmes(ctx, actorFrom(request)) }));

    app.post('/api/hardship/programmes', {
      schema: {
        tags: ['hardship'], summary: "Open a hardship programme for a suspension: affected debtors' applications start with its reason and evidence note",
        body: z.object({ suspension_id: z.number().int().positive(), name: z.string().max(200).optional(), reason: z.enum(HARDSHIP_REASONS).optional(),
          evidence_note: z.string().max(1000) }),
        response: { 201: record, ...errors },
      },
    }, async (request, reply) => {
      const b = request.body;
      return reply.code(201).send(loose(await openProgramme(ctx, actorFrom(request), { suspensionId: b.suspension_id, name: b.name ?? null,
        ...(b.reason ? { reason: b.reason } : {}), evidenceNote: b.evidence_note })));
    });

    app.post('/api/hardship/programmes/:id/close', {
      schema: {
        tags: ['hardship'], summary: 'Close a hardship programme: new applications can no longer name it (those made keep it)', params: idParams,
        response: { 200: record, ...errors },
      },
    }, async (request) => loose(await closeProgramme(ctx, actorFrom(request), request.params.id)));
  };
}
