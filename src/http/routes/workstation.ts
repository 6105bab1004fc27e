import { correctDebtorName } from '../../app/workstation/debtor-name.ts';
import { setDebtorLanguage } from '../../app/workstation/debtor-language.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { pendingDialOf } from '../../app/calls/click-to-call.ts';
import { getAccountPage } from '../../app/workstation/account-page.ts';
import { addContactPoint, markContactPoint, recordContactConsent, recordNoCalls } from '../../app/workstation/contact-points.ts';
import { nextAccount } from '../../app/workstation/next-account.ts';
import { cancelCallback, scheduleCallback } from '../../app/workstation/schedule-callback.ts';
import { cancelPromise, reschedulePromise } from '../../app/workstation/change-promise.ts';
import { takePromise } from '../../app/workstation/take-promise.ts';
import {
  collectorWorkload, listHandoffs, reportAbusive, resolveHandoffCase, setCollectorCap,
} from '../../app/workstation/wellbeing.ts';
import { RELIABILITIES } from '../../domain/workstation/index.ts';
import { actorFrom } from '../auth-hook.ts';
import { currencySchema, errorSchema, localDateSchema } from '../schemas.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const localDate = localDateSchema;
const expectedVersion = z.number().int().positive().optional();
const timeBarNoticeRead = z.boolean().optional().describe('New York\'s notice on a debt that may be time-barred (the account page\'s time_bar_notice) was read to the debtor on this call: required where it applies (23 NYCRR 1.3(b))');
const record = z.record(z.string(), z.unknown());
/** Rows typed by their interfaces, sent as they are (the schema above lists their keys loosely). */
const loose = <T>(value: T): never => value as never;
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };

export function workstationRoutes(ctx: AppContext, options: { dialer: boolean } = { dialer: false }): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/api/queue/next', {
      schema: {
        tags: ['workstation'], summary: 'Next account: the highest-priority assigned account the rules allow to call now (callbacks due first), claimed for you',
        body: z.object({ release: z.number().int().positive().optional() }).default({}),
        response: { 200: z.object({ account_id: z.number().int().nullable() }).catchall(z.unknown()), 401: errorSchema, 403: errorSchema },
      },
    }, async (request) => nextAccount(ctx, actorFrom(request), { release: request.body.release ?? null }));

    app.get('/api/accounts/:id/page', {
      schema: {
        tags: ['workstation'], summary: 'The account page: debtor (masked), balance, DPD/bucket, placement, contact points, holds, promises, plans, assignments, contact log',
        params: idParams,
        response: { 200: z.object({ account: record, debtor: record, contact_points: z.array(record), holds: z.array(record), promises: z.array(record),
          plans: z.array(record), assignments: z.array(record), contacts: z.array(record), callbacks: z.array(record), handoff: record.nullable(),
          debtor_local_time: z.string(), business_date: z.string(), call_now: record, outcome_codes: z.array(record), delinquency_reasons: z.array(z.string()),
          dialer: z.boolean(), pending_dial: record.nullable(), may_correct_contacts: z.boolean(), may_correct_name: z.boolean(), callback_zone: z.string(), currency: currencySchema,
          validation_notice: z.object({ sent_on: z.string().nullable(), validation_ends_on: z.string().nullable(), channel: z.string().optional() }).nullable(),
          charge_off: z.object({ charged_off_on: z.string(), balance_fen: z.number().int(), interest_fen: z.number().int(), fees_fen: z.number().int(), paid_fen: z.number().int() })
            .nullable().describe("under a US contract, what the bank's file said of a charged-off debt (the date, the balance then, interest, fees and payments since)"),
          call_disclosure: z.object({ en: z.string(), zh: z.string(), es: z.string().optional() }).nullable(),
          voicemail_message: z.object({ en: z.string(), zh: z.string(), es: z.string().optional() }).nullable(),
          time_barred: z.object({ since: z.string(), state: z.string().nullable(), years: z.number().int(), citation: z.string(), en: z.string(), zh: z.string() }).nullable(),
          time_bar_notice: z.object({ en: z.string(), zh: z.string(), es: z.string().optional(), citation: z.string() }).nullable()
            .describe("New York's notice on a debt that may be time-barred: read to the debtor before a promise is taken or moved (23 NYCRR 1.3(b))"),
          language_to_ask: z.object({ en: z.string(), zh: z.string() }).nullable(), texts_need_consent: z.boolean() }),
        401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    }, async (request) => {
      const actor = actorFrom(request);
      const page = await getAccountPage(ctx, actor, request.params.id);
      return loose({ ...page, dialer: options.dialer, pending_dial: options.dialer ? await pendingDialOf(ctx, actor) : null });
    });

    app.post('/api/accounts/:id/promises', {
      schema: {
        tags: ['workstation'], summary: "Take a promise to pay: amount in fen, date from today within the contract's limit, one open per account",
        params: idParams, body: z.object({ amount_fen: z.number().int(), due_date: localDate, expected_version: expectedVersion, time_bar_notice_read: timeBarNoticeRead }),
        response: { 201: z.object({ promise_id: z.number().int(), version: z.number().int() }), ...errors },
      },
    }, async (request, reply) => {
      const b = request.body;
      return reply.code(201).send(await takePromise(ctx, actorFrom(request), request.params.id,
        { amountFen: b.amount_fen, dueDate: b.due_date, expectedVersion: b.expected_version ?? null, timeBarNoticeRead: b.time_bar_notice_read }));
    });

    app.post('/api/callbacks/:id/cancel', {
      schema: {
        tags: ['workstation'], summary: 'Cancel an open callback (取消回拨), with the reason',
        params: idParams, body: z.object({ reason: z.string().max(500), expected_version: expectedVersion }),
        response: { 200: z.object({ callback_id: z.number().int(), version: z.number().int() }), ...errors },
      },
    }, async (request) => cancelCallback(ctx, actorFrom(request), request.params.id,
      { reason: request.body.reason, expectedVersion: request.body.expected_version ?? null }));

    app.post('/api/promises/:id/cancel', {
      schema: {
        tags: ['workstation'], summary: 'Cancel an open promise to pay (取消承诺), with the reason: neither kept nor broken; the account goes back to the queue',
        params: idParams, body: z.object({ reason: z.string().max(500), expected_version: expectedVersion }),
        response: { 200: z.object({ promise_id: z.number().int(), version: z.number().int() }), ...errors },
      },
    }, async (request) => cancelPromise(ctx, actorFrom(request), request.params.id,
      { reason: request.body.reason, expectedVersion: request.body.expected_version ?? null }));

    app.post('/api/promises/:id/reschedule', {
      schema: {
        tags: ['workstation'], summary: 'Move an open promise (改约) to a new date or amount, with the reason: the old one cancelled, the new one naming it',
        params: idParams, body: z.object({ amount_fen: z.number().int(), due_date: localDate, reason: z.string().max(500), expected_version: expectedVersion,
          time_bar_notice_read: timeBarNoticeRead }),
        response: { 201: z.object({ promise_id: z.number().int(), replaces: z.number().int(), version: z.number().int() }), ...errors },
      },
    }, async (request, reply) => {
      const b = request.body;
      return reply.code(201).send(await reschedulePromise(ctx, actorFrom(request), request.params.id,
        { amountFen: b.amount_fen, dueDate: b.due_date, reason: b.reason, expectedVersion: b.expected_version ?? null, timeBarNoticeRead: b.time_bar_notice_read }));
    });

    app.post('/api/accounts/:id/callbacks', {
      schema: {
        tags: ['workstation'], summary: "Schedule a callback at a time in the debtor's zone (checked against the calling hours)",
        params: idParams,
        body: z.object({ local_time: z.string().regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}$/, 'expected YYYY-MM-DDTHH:MM'), note: z.string().max(500).optional(),
          expected_version: expectedVersion }),
        response: { 201: z.object({ callback_id: z.number().int(), due_at: z.string(), version: z.number().int(),
          would_refuse: z.array(z.object({ rule: z.string(), message: z.string(), message_zh: z.string() }))
            .describe('booked, but on what the record holds now the call would be refused then (a cap, a hold): each reason') }), ...errors },
      },
    }, async (request, reply) => {
      const b = request.body;
      return reply.code(201).send(await scheduleCallback(ctx, actorFrom(request), request.params.id,
        { localTime: b.local_time, note: b.note ?? null, expectedVersion: b.expected_version ?? null }));
    });

    app.post('/api/accounts/:id/contact-points', {
      schema: {
        tags: ['workstation'], summary: 'Add a contact point found by skip-tracing, with source, reliability and owner',
        params: idParams,
        body: z.object({
          kind: z.enum(['phone', 'address', 'email']), value: z.string().trim().min(3).max(300),
          owner: z.enum(['debtor', 'third_party']).default('debtor'), third_party_name: z.string().trim().max(100).optional(),
          relation: z.string().trim().max(50).optional(), source: z.string().trim().min(2).max(100), reliability: z.enum(RELIABILITIES),
          expected_version: expectedVersion,
          // An e-mail address: the debtor's employer gave it (a work address); the debtor asked us to use it anyway (12 CFR 1006.22(f)(3)).
          employer_provided: z.boolean().optional(), debtor_consented: z.boolean().optional(),
          // The collector checked that a number or address on file as another person's is this debtor's own (409 without it).
          confirmed_shared: z.boolean().optional(),
        }),
        response: { 201: z.object({ contact_point_id: z.number().int(), lost_contact: z.boolean(), version: z.number().int() }), ...errors },
      },
    }, async (request, reply) => {
      const b = request.body;
      return reply.code(201).send(await addContactPoint(ctx, actorFrom(request), request.params.id, {
        kind: b.kind, value: b.value, owner: b.owner, thirdPartyName: b.third_party_name ?? null, relation: b.relation ?? null,
        source: b.source, reliability: b.reliability, expectedVersion: b.expected_version ?? null,
        employerProvided: b.employer_provided ?? false, debtorConsented: b.debtor_consented ?? false, confirmedShared: b.confirmed_shared ?? false,
      }));
    });

    app.post('/api/accounts/:id/debtor-language', {
      schema: {
        tags: ['workstation'], summary: "Record the language the debtor asked to be written to in (ISO 639-1: en, es, zh, ...; null: not stated); under a US contract 'es' adds the Spanish validation notice",
        params: idParams,
        body: z.object({ language: z.string().trim().max(40).nullable(), expected_version: expectedVersion }),
        response: { 200: z.object({ version: z.number().int(), language: z.string().nullable() }), ...errors },
      },
    }, async (request) => setDebtorLanguage(ctx, actorFrom(request), request.params.id,
      { language: request.body.language, expectedVersion: request.body.expected_version ?? null }));

    app.post('/api/accounts/:id/debtor-name', {
      schema: {
        tags: ['workstation'], summary: "Correct the debtor's name (姓名更正; a team lead's or an admin's, with the reason and its evidence; for all the debtor's accounts)",
        params: idParams,
        body: z.object({ name: z.string().max(200), reason: z.string().max(300), expected_version: expectedVersion }),
        response: { 200: z.object({ version: z.number().int(), name: z.string() }), ...errors },
      },
    }, async (request) => correctDebtorName(ctx, actorFrom(request), request.params.id,
      { name: request.body.name, reason: request.body.reason, expectedVersion: request.body.expected_version ?? null }));

    app.post('/api/contact-points/:id/mark', {
      schema: {
        tags: ['workstation'], summary: "Mark a contact point invalid (wrong number) or verified; all of the debtor's own invalid = lost contact (失联)",
        params: idParams,
        body: z.object({ account_id: z.number().int().positive(), state: z.enum(['invalid', 'verified', 'unverified']),
          reason: z.string().trim().min(2).max(300), expected_version: expectedVersion }),
        response: { 200: z.object({ lost_contact: z.boolean(), moved_accounts: z.array(z.number().int()), version: z.number().int() }), ...errors },
      },
    }, async (request) => {
      const b = request.body;
      return markContactPoint(ctx, actorFrom(request), request.params.id,
        { accountId: b.account_id, state: b.state, reason: b.reason, expectedVersion: b.expected_version ?? null });
    });

    app.post('/api/contact-points/:id/consent', {
      schema: {
        tags: ['workstation'], summary: "Record that the debtor agreed to texts or e-mails at one of their own numbers or addresses (or withdrew it): New York City's rules allow no text or e-mail without it",
        params: idParams,
        body: z.object({ account_id: z.number().int().positive(), consented: z.boolean(), note: z.string().trim().min(2).max(300), expected_version: expectedVersion }),
        response: { 200: z.object({ version: z.number().int() }), ...errors },
      },
    }, async (request) => {
      const b = request.body;
      return recordContactConsent(ctx, actorFrom(request), request.params.id,
        { accountId: b.account_id, consented: b.consented, note: b.note, expectedVersion: b.expected_version ?? null });
    });

    app.post('/api/contact-points/:id/no-calls', {
      schema: {
        tags: ['workstation'], summary: 'Record that the debtor asked not to be called at one of their numbers (a work phone, say), or to be called there again; calls to it are refused while it stands',
        params: idParams,
        body: z.object({ account_id: z.number().int().positive(), no_calls: z.boolean(), note: z.string().trim().min(2).max(300), expected_version: expectedVersion }),
        response: { 200: z.object({ version: z.number().int() }), ...errors },
      },
    }, async (request) => {
      const b = request.body;
      return recordNoCalls(ctx, actorFrom(request), request.params.id, { accountId: b.account_id, noCalls: b.no_calls, note: b.note, expectedVersion: b.expected_version ?? null });
    });

    app.post('/api/accounts/:id/handoff', {
      schema: {
        tags: ['workstation'], summary: 'Hand the account to the supervisor queue after an abusive call, and take a short break from the queue',
        params: idParams,
        body: z.object({
          reason: z.string().trim().min(2).max(300).optional()
            .describe("the collector's own words, if any: the hand-off is recorded as made after an abusive call, which each reader sees in their own language"),
          attempt_id: z.number().int().positive().optional(),
        }),
        response: { 201: z.object({ handoff_id: z.number().int().nullable(), break_until: z.string() }), ...errors },
      },
    }, async (request, reply) => reply.code(201).send(await reportAbusive(ctx, actorFrom(request), request.params.id,
      { reason: request.body.reason ?? null, attemptId: request.body.attempt_id ?? null })));

    app.get('/api/workload', {
      schema: {
        tags: ['workstation'], summary: "Per-collector daily workload of your team: attempts, right-party contacts, promises, abusive calls, caps",
        querystring: z.object({ date: localDate.optional() }),
        response: { 200: z.object({ date: z.string(), items: z.array(record) }), 401: errorSchema, 403: errorSchema },
      },
    }, async (request) => loose(await collectorWorkload(ctx, actorFrom(request), request.query.date ? { date: request.query.date } : {})));

    app.put('/api/collectors/:id/cap', {
      schema: {
        tags: ['workstation'], summary: "Set (or clear with null) a collector's daily cap on contact attempts",
        params: idParams, body: z.object({ daily_attempts: z.number().int().positive().max(1000).nullable() }),
        response: { 204: z.null(), ...errors },
      },
    }, async (request, reply) => {
      await setCollectorCap(ctx, actorFrom(request), request.params.id, request.body.daily_attempts);
      return reply.code(204).send(null);
    });

    app.get('/api/handoffs', {
      schema: { tags: ['workstation'], summary: 'The supervisor queue: accounts handed off by collectors, open',
        response: { 200: z.object({ items: z.array(record) }), 401: errorSchema, 403: errorSchema } },
    }, async (request) => loose({ items: await listHandoffs(ctx, actorFrom(request)) }));

    app.post('/api/handoffs/:id/resolve', {
      schema: { tags: ['workstation'], summary: "Resolve a hand-off: the account returns to its collector's queue", params: idParams,
        body: z.object({ resolution: z.string().trim().min(2).max(300) }), response: { 204: z.null(), ...errors } },
    }, async (request, reply) => {
      await resolveHandoffCase(ctx, actorFrom(request), request.params.id, request.body.resolution);
      return reply.code(204).send(null);
    });
  };
}
