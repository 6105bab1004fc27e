import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accountCases } from '../../app/cases/account-cases.ts';
import { addCollectorStatement } from '../../app/cases/add-collector-statement.ts';
import { casesInbox, complaintScorecard } from '../../app/cases/cases-inbox.ts';
import { closeComplaint } from '../../app/cases/close-complaint.ts';
import { decideSettlement } from '../../app/cases/decide-settlement.ts';
import { forwardComplaint } from '../../app/cases/forward-complaint.ts';
import { offerSettlement } from '../../app/cases/offer-settlement.ts';
import { openComplaint } from '../../app/cases/open-complaint.ts';
import { openDispute } from '../../app/cases/open-dispute.ts';
import { resolveDispute } from '../../app/cases/resolve-dispute.ts';
import type { AppContext } from '../../app/context.ts';
import { COMPLAINT_ACTIONS, COMPLAINT_CHANNELS, COMPLAINT_FINDINGS, DISPUTE_OUTCOMES, DISPUTE_REASONS } from '../../domain/cases/index.ts';
import { actorFrom } from '../auth-hook.ts';
import { currencySchema, errorSchema, localDateSchema } from '../schemas.ts';

const localDate = localDateSchema;
const idParams = z.object({ id: z.coerce.number().int().positive() });
const fenAmount = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

const waiverSchema = z.object({
  id: z.number().int(), account_id: z.number().int(), account_no_mask: z.string(), debtor_name: z.string(),
  principal_fen: z.number().int(), interest_fen: z.number().int(), fees_fen: z.number().int(),
  balance_principal_fen: z.number().int(), balance_interest_fen: z.number().int(), balance_fees_fen: z.number().int(), settle_fen: z.number().int(),
  payment: z.enum(['lump_sum', 'instalments']), schedule: z.array(z.object({ n: z.number().int(), due_date: z.string(), amount_fen: z.number().int() })),
  due_date: z.string(), offered_on: z.string(), approver: z.enum(['requester', 'supervisor', 'creditor']), status: z.string(),
  note: z.string().nullable(), decision_reason: z.string().nullable(), requested_by_name: z.string().nullable(),
  decided_by_name: z.string().nullable(), created_at: z.date(), decided_at: z.date().nullable(), resolved_on: z.string().nullable(),
  currency: currencySchema.optional(),
});
const caseSchema = z.object({
  id: z.number().int(), account_id: z.number().int(), account_no_mask: z.string(), debtor_name: z.string(), kind: z.enum(['dispute', 'complaint']),
  channel: z.string(), description: z.string(), dispute_reason: z.string().nullable(), origin: z.enum(['staff', 'portal']),
  opened_by_name: z.string().nullable(), attempt_ids: z.array(z.number().int()), recording_ref: z.string().nullable(),
  collector_id: z.number().int().nullable(), collector_name: z.string().nullable(), status: z.string(), opened_on: z.string().nullable(),
  due_on: z.string().nullable(), collector_statement: z.string().nullable(), collector_statement_at: z.date().nullable(),
  finding: z.string().nullable(), action: z.string().nullable(), resolution_note: z.string().nullable(), resolved_by_name: z.string().nullable(),
  created_at: z.date(), resolved_at: z.date().nullable(),
});
const partLimits = z.object({ principal_bp: z.number().int().optional(), interest_bp: z.number().int().optional(), fees_bp: z.number().int().optional() });

export function casesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/accounts/:id/cases', {
      schema: { tags: ['cases'], summary: "The account's settlement offers, disputes and complaints, and the viewer's waiver authority", params: idParams,
        response: { 200: z.object({ business_date: z.string(),
          balance: z.object({ principal_fen: z.number().int(), interest_fen: z.number().int(), fees_fen: z.number().int() }),
          authority: z.enum(['collector', 'supervisor', 'creditor']), limits: z.object({ collector: partLimits, supervisor: partLimits }),
          waivers: z.array(waiverSchema), disputes: z.array(caseSchema), complaints: z.array(caseSchema) }), ...errors } },
    }, async (request) => accountCases(ctx, actorFrom(request), request.params.id));

    app.post('/api/accounts/:id/settlements', {
      schema: { tags: ['cases'], summary: 'Offer a settlement (减免): approved at once within your authority, else sent to the approver', params: idParams,
        body: z.object({ principal_fen: fenAmount.default(0), interest_fen: fenAmount.default(0), fees_fen: fenAmount.default(0),
          payment: z.enum(['lump_sum', 'instalments']).default('lump_sum'), due_date: localDate,
          instalments: z.number().int().min(2).max(60).optional(), note: z.string().max(2000).optional() }),
        response: { 201: z.object({ id: z.number().int(), status: z.enum(['approved', 'requested']),
          approver: z.enum(['requester', 'supervisor', 'creditor']), settle_fen: z.number().int() }), ...errors } },
    }, async (request, reply) => {
      const b = request.body;
      return reply.code(201).send(await offerSettlement(ctx, actorFrom(request), request.params.id, {
        principalFen: b.principal_fen, interestFen: b.interest_fen, feesFen: b.fees_fen, payment: b.payment, dueDate: b.due_date,
        ...(b.instalments === undefined ? {} : { instalments: b.instalments }), note: b.note ?? null }));
    });

    app.post('/api/settlements/:id/decision', {
      schema: { tags: ['cases'], summary: "Approve or reject a settlement offer waiting for you (the team's supervisor, or the creditor)", params: idParams,
        body: z.object({ decision: z.enum(['approve', 'reject']), reason: z.string().trim().min(2).max(2000) }),
        response: { 200: z.object({ status: z.enum(['approved', 'rejected']) }), ...errors } },
    }, async (request) => decideSettlement(ctx, actorFrom(request), request.params.id, request.body));

    app.post('/api/accounts/:id/disputes', {
      schema: { tags: ['cases'], summary: 'Open a dispute: a dispute hold stops collection at once; the creditor is asked to verify', params: idParams,
        body: z.object({ reason: z.enum(DISPUTE_REASONS), description: z.string().trim().min(2).max(2000), channel: z.enum(COMPLAINT_CHANNELS).default('phone') }),
        response: { 201: z.object({ id: z.number().int(), hold_id: z.number().int() }), ...errors } },
    }, async (request, reply) => {
      const b = request.body;
      return reply.code(201).send(await openDispute(ctx, { kind: 'staff', actor: actorFrom(request) }, request.params.id,
        { reason: b.reason, description: b.description, channel: b.channel }));
    });

    app.post('/api/disputes/:id/resolution', {
      schema: { tags: ['cases'], summary: "The creditor's answer: verified (collection resumes) or returned (the account is recalled)", params: idParams,
        body: z.object({ outcome: z.enum(DISPUTE_OUTCOMES), note: z.string().trim().min(2).max(2000) }),
        response: { 200: z.object({ status: z.enum(DISPUTE_OUTCOMES), account_status: z.string().nullable(),
          verification_to_mail: z.boolean().describe('under a US contract: the hold stays until the verification is mailed (POST /api/letters/verifications)') }), ...errors } },
    }, async (request) => resolveDispute(ctx, actorFrom(request), request.params.id, request.body));

    app.post('/api/accounts/:id/complaints', {
      schema: { tags: ['cases'], summary: 'Open a complaint (投诉): a complaint_review hold at once; the team supervisor investigates by a deadline', params: idParams,
        body: z.object({ channel: z.enum(COMPLAINT_CHANNELS).default('phone'), description: z.string().trim().min(2).max(2000),
          attempt_ids: z.array(z.number().int().positive()).max(50).default([]), recording_ref: z.string().max(200).optional() }),
        response: { 201: z.object({ id: z.number().int(), hold_id: z.number().int(), due_on: z.string(), collector_id: z.number().int().nullable() }), ...errors } },
    }, async (request, reply) => {
      const b = request.body;
      return reply.code(201).send(await openComplaint(ctx, { kind: 'staff', actor: actorFrom(request) }, request.params.id,
        { channel: b.channel, description: b.description, attemptIds: b.attempt_ids, recordingRef: b.recording_ref ?? null }));
    });

    app.post('/api/complaints/forwarded', {
      schema: { tags: ['cases'], summary: 'A bank user forwards a complaint it received (转办投诉), naming the account by its number: a complaint_review hold at once',
        body: z.object({ account_no: z.string().trim().min(1).max(64), channel: z.enum(['creditor', 'regulator']).default('creditor'),
          description: z.string().trim().min(2).max(2000) }),
        response: { 201: z.object({ id: z.number().int(), account_id: z.number().int(), account_no_mask: z.string(), due_on: z.string() }), ...errors } },
    }, async (request, reply) => {
      const b = request.body;
      return reply.code(201).send(await forwardComplaint(ctx, actorFrom(request), { accountNo: b.account_no, channel: b.channel, description: b.description }));
    });

    app.post('/api/complaints/:id/statement', {
      schema: { tags: ['cases'], summary: "The named collector's side of a complaint", params: idParams,
        body: z.object({ statement: z.string().trim().min(2).max(2000) }), response: { 204: z.null(), ...errors } },
    }, async (request, reply) => {
      await addCollectorStatement(ctx, actorFrom(request), request.params.id, request.body.statement);
      return reply.code(204).send(null);
    });

    app.post('/api/complaints/:id/close', {
      schema: { tags: ['cases'], summary: "The supervisor's finding and action; releases the complaint's hold", params: idParams,
        body: z.object({ finding: z.enum(COMPLAINT_FINDINGS), action: z.enum(COMPLAINT_ACTIONS), note: z.string().trim().min(2).max(2000) }),
        response: { 200: z.object({ released_holds: z.array(z.number().int()) }), ...errors } },
    }, async (request) => closeComplaint(ctx, actorFrom(request), request.params.id, request.body));

    app.get('/api/cases/inbox', {
      schema: { tags: ['cases'], summary: 'What waits for you: complaints to investigate, disputes to verify, settlement offers to decide',
        response: { 200: z.object({ business_date: z.string(), complaints: z.array(caseSchema), disputes: z.array(caseSchema), waivers: z.array(waiverSchema) }), ...errors } },
    }, async (request) => casesInbox(ctx, actorFrom(request)));

    app.get('/api/cases/scorecard', {
      schema: { tags: ['cases'], summary: "Upheld and open complaints per collector of your team (the workload screen's column)",
        response: { 200: z.object({ items: z.array(z.object({ collector_id: z.number().int(), upheld: z.number().int(), open: z.number().int() })) }), ...errors } },
    }, async (request) => ({ items: await complaintScorecard(ctx, actorFrom(request)) }));
  };
}
