import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkContact } from '../../app/compliance/check-contact.ts';
import { correctContact } from '../../app/compliance/correct-contact.ts';
import { logContact } from '../../app/compliance/log-contact.ts';
import { planContacts, type PlannedContact } from '../../app/compliance/plan-contacts.ts';
import type { AppContext } from '../../app/context.ts';
import { HOLD_KINDS, placeableHoldKinds, placeHold } from '../../app/holds/place-hold.ts';
import { listHolds } from '../../app/holds/list-holds.ts';
import { releaseHold } from '../../app/holds/release-hold.ts';
import { createSuspension } from '../../app/suspensions/create-suspension.ts';
import { endSuspension } from '../../app/suspensions/end-suspension.ts';
import { listSuspensions } from '../../app/suspensions/list-suspensions.ts';
import { DELINQUENCY_REASONS } from '../../domain/workstation/index.ts';
import { actorFrom } from '../auth-hook.ts';
import { errorSchema, localDateSchema } from '../schemas.ts';

const localDate = localDateSchema;
export const decisionSchema = z.object({
  allowed: z.boolean(),
  reasons: z.array(z.object({ rule: z.string(), message: z.string(), message_zh: z.string(), citation: z.string() })),
  next_allowed_at: z.string().nullable(),
});
const intent = {
  channel: z.enum(['call', 'sms', 'email', 'letter', 'visit']),
  party: z.enum(['debtor', 'third_party']).default('debtor'),
  purpose: z.enum(['collect', 'location', 'notice']).default('collect'),
  contact_point_id: z.coerce.number().int().positive().optional(),
  at: z.iso.datetime({ offset: true }).optional(),
};
const idParams = z.object({ id: z.coerce.number().int().positive() });
const holdSchema = z.object({
  id: z.number().int(), kind: z.string(), reason: z.string(), account_id: z.number().int().nullable(), debtor_id: z.number().int(),
  set_by_name: z.string().nullable(), set_at: z.date(), starts_on: z.string(), ends_on: z.string().nullable(),
  released_at: z.date().nullable(), released_reason: z.string().nullable(), in_force: z.boolean(),
  other_creditor: z.literal(true).optional().describe("to a bank's user: a debtor-wide hold placed from another creditor's account, its kind and dates only (reason and who placed it left out)"),
  last_day: z.string().nullable().describe('the last day the compliance engine keeps the hold in force: its end, or the end the law gives a UK breathing space (60 days) or plan being arranged (30 days, 60 once extended); null while it has none'),
});
const suspensionSchema = z.object({
  id: z.number().int(), scope: z.enum(['region', 'creditor', 'account']), code: z.string(), from_date: z.string(), to_date: z.string().nullable(),
  reason: z.string(), created_at: z.date(), ended_at: z.date().nullable(),
});

/**
 * `callCentre`: calls go through the agency's recorded call centre (click-to-call configured).
 * A call logged by hand is then recorded only when it names its recording: without one, a
 * pack that requires every call recorded (CN) refuses it.
 */
export function complianceRoutes(ctx: AppContext, options: { callCentre: boolean } = { callCentre: false }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/accounts/:id/contact-check', {
      schema: {
        tags: ['compliance'], summary: 'May I contact this debtor now? The compliance decision, explained (nothing recorded)',
        params: idParams, querystring: z.object(intent),
        response: { 200: decisionSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    }, async (request) => {
      const q = request.query;
      return checkContact(ctx, actorFrom(request), request.params.id, {
        channel: q.channel, party: q.party, purpose: q.purpose, contactPointId: q.contact_point_id ?? null, ...(q.at ? { at: new Date(q.at) } : {}),
      });
    });

    app.post('/api/accounts/:id/contacts', {
      schema: {
        tags: ['compliance'], summary: 'Log a contact attempt (催记); refused with 409 CONTACT_NOT_ALLOWED when the rules forbid it',
        params: idParams,
        body: z.object({
          ...intent,
          outcome: z.string().min(1).max(40),
          initiated_by: z.enum(['agency', 'debtor', 'third_party']).default('agency'),
          note: z.string().max(2000).optional(),
          recording_ref: z.string().max(200).optional(),
          delinquency_reason: z.enum(DELINQUENCY_REASONS).optional(),
          expected_version: z.number().int().positive().optional(),
          language: z.string().max(40).nullable().optional().describe('the language a call or visit was held in (ISO 639-1: en, es, zh, ...)'),
          disclosure_given: z.boolean().optional().describe('whether the debt collector disclosure was given (12 CFR 1006.18(e)): required for a call or visit with the debtor themself under a US contract, refused elsewhere'),
        }),
        response: { 201: z.object({ attempt_id: z.number().int(), decision: decisionSchema, version: z.number().int() }), 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    }, async (request, reply) => {
      const b = request.body;
      const result = await logContact(ctx, actorFrom(request), request.params.id, {
        channel: b.channel, party: b.party, purpose: b.purpose, contactPointId: b.contact_point_id ?? null, outcome: b.outcome,
        initiatedBy: b.initiated_by, note: b.note ?? null, recordingRef: b.recording_ref ?? null,
        callRecorded: options.callCentre && b.channel === 'call' && b.initiated_by === 'agency' ? Boolean(b.recording_ref?.trim()) : null,
        delinquencyReason: b.delinquency_reason ?? null, expectedVersion: b.expected_version ?? null, language: b.language ?? null, ...(b.at ? { at: new Date(b.at) } : {}),
        disclosureGiven: b.disclosure_given ?? null,
      });
      return reply.code(201).send(result);
    });

    app.post('/api/contact-attempts/:id/correction', {
      schema: {
        tags: ['compliance'], summary: '催记更正: a team lead corrects the outcome a contact was recorded with, saying why (kept with what it replaced)',
        params: idParams,
        body: z.object({ outcome: z.string().min(1).max(40), reason: z.string().max(500), expected_version: z.number().int().positive().optional() }),
        response: { 200: z.object({ attempt_id: z.number().int(), correction_id: z.number().int(), outcome: z.string(), version: z.number().int() }),
          400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    }, async (request) => {
      const b = request.body;
      return correctContact(ctx, actorFrom(request), request.params.id, { outcome: b.outcome, reason: b.reason, expectedVersion: b.expected_version ?? null });
    });

    app.get('/api/accounts/:id/holds', {
      schema: { tags: ['compliance'], summary: "The account's holds (停催) with who, when, why and whether in force", params: idParams,
        response: { 200: z.object({ items: z.array(holdSchema), kinds: z.array(z.enum(HOLD_KINDS)).describe('the kinds a hold placed on this account may be (its contract\'s pack)') }),
          401: errorSchema, 403: errorSchema, 404: errorSchema } },
    }, async (request) => ({
      items: await listHolds(ctx, actorFrom(request), request.params.id), kinds: await placeableHoldKinds(ctx, actorFrom(request), request.params.id),
    }));

    app.post('/api/accounts/:id/holds', {
      schema: {
        tags: ['compliance'], summary: 'Place a hold: collection contact stops at once', params: idParams,
        body: z.object({ kind: z.enum(HOLD_KINDS), reason: z.string().trim().min(2).max(500), scope: z.enum(['account', 'debtor']).default('account'),
          starts_on: localDate.optional(), ends_on: localDate.optional() }),
        response: { 201: z.object({ id: z.number().int() }), 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    }, async (request, reply) => {
      const b = request.body;
      return reply.code(201).send(await placeHold(ctx, actorFrom(request), request.params.id, {
        kind: b.kind, reason: b.reason, scope: b.scope, ...(b.starts_on ? { startsOn: b.starts_on } : {}), endsOn: b.ends_on ?? null,
      }));
    });

    app.post('/api/holds/:id/release', {
      schema: { tags: ['compliance'], summary: 'Lift a hold early (supervisor)', params: idParams,
        body: z.object({ reason: z.string().trim().min(2).max(500) }),
        response: { 204: z.null(), 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema } },
    }, async (request, reply) => {
      await releaseHold(ctx, actorFrom(request), request.params.id, request.body.reason);
      return reply.code(204).send(null);
    });

    app.get('/api/suspensions', {
      schema: { tags: ['compliance'], summary: 'Suspensions (区域停催) and their state today',
        querystring: z.object({ all: z.enum(['true', 'false']).default('false') }),
        response: { 200: z.object({ items: z.array(suspensionSchema.extend({ state: z.enum(['scheduled', 'in_force', 'over', 'ended']) })) }), 401: errorSchema, 403: errorSchema } },
    }, async (request) => ({ items: await listSuspensions(ctx, actorFrom(request), { includeEnded: request.query.all === 'true' }) }));

    app.post('/api/suspensions', {
      schema: {
        tags: ['compliance'], summary: 'Suspend contact over a region, creditor or account; lists attempts already made inside a backdated window',
        body: z.object({ scope: z.enum(['region', 'creditor', 'account']), code: z.string().trim().min(1).max(32), from: localDate,
          to: localDate.optional(), reason: z.string().trim().min(2).max(500) }),
        response: {
          201: z.object({ suspension: suspensionSchema, attempts_in_window: z.array(z.object({ id: z.number().int(), account_id: z.number().int(),
            creditor_code: z.string(), at: z.date(), channel: z.string(), party: z.string(), outcome: z.string(), collector_name: z.string().nullable() })),
            promises_ended: z.number().int() }),
          400: errorSchema, 401: errorSchema, 403: errorSchema, 409: errorSchema,
        },
      },
    }, async (request, reply) => {
      const b = request.body;
      return reply.code(201).send(await createSuspension(ctx, actorFrom(request), { scope: b.scope, code: b.code, from: b.from, to: b.to ?? null, reason: b.reason }));
    });

    app.post('/api/suspensions/:id/end', {
      schema: { tags: ['compliance'], summary: 'End a suspension now', params: idParams,
        response: { 200: suspensionSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema } },
    }, async (request) => endSuspension(ctx, actorFrom(request), request.params.id));

    app.post('/api/contact-plans', {
      schema: {
        tags: ['compliance'], summary: 'Call or SMS list for a date (and team): only debtors allowed at the planned time, with counts left out per rule',
        body: z.object({ date: localDate, time: z.string().regex(/^\d{2}:\d{2}$/).optional(), channel: z.enum(['call', 'sms']),
          team_id: z.number().int().positive().optional(), limit: z.number().int().min(0).max(5000).default(500) }),
        response: {
          200: z.object({
            summary: z.object({ date: z.string(), time: z.string(), channel: z.string(), at: z.string(), team_id: z.number().int().nullable(),
              accounts: z.number().int(), included: z.number().int(), left_out: z.number().int(), left_out_by_rule: z.record(z.string(), z.number().int()), seconds: z.number() }),
            items: z.array(z.object({ account_id: z.number().int(), creditor_code: z.string(), debtor_id: z.number().int(), collector_id: z.number().int().nullable(),
              contact_point_id: z.number().int(), phone_mask: z.string().nullable() })),
          }),
          400: errorSchema, 401: errorSchema, 403: errorSchema,
        },
      },
    }, async (request) => {
      const b = request.body;
      const items: PlannedContact[] = [];
      const summary = await planContacts(ctx, actorFrom(request), { date: b.date, channel: b.channel, teamId: b.team_id ?? null, ...(b.time ? { time: b.time } : {}) },
        (c) => { if (items.length < b.limit) items.push(c); });
      return { summary, items };
    });
  };
}
