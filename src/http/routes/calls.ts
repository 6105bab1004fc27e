import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { dialContactPoint, receiveCallEvent, recordDialResult } from '../../app/calls/click-to-call.ts';
import type { AppContext } from '../../app/context.ts';
import type { Dialer } from '../../channels/dialer.ts';
import { DELINQUENCY_REASONS } from '../../domain/workstation/index.ts';
import { actorFrom } from '../auth-hook.ts';
import { gatewayDoor } from '../gateway-door.ts';
import { errorSchema } from '../schemas.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const record = z.record(z.string(), z.unknown());

/** Click-to-call (一键外呼, docs/workstation.md): dial through the telephony gateway, then record the result. */
export function callRoutes(ctx: AppContext, dialer: Dialer | null, eventToken: string | undefined): FastifyPluginAsyncZod {
  /** The gateway's door is open only with the token, and only to it. */
  const checkGateway = gatewayDoor(eventToken, { variable: 'LEEWAY_VOICE_INBOUND_TOKEN', en: 'call events', zh: '通话事件接口' });

  return async (app) => {
    app.post('/api/channels/voice/events', {
      config: { access: 'public' },
      schema: {
        tags: ['workstation'],
        summary: 'The telephony gateway says how a call it placed ended (Authorization: Bearer <LEEWAY_VOICE_INBOUND_TOKEN>): an unanswered call gets its outcome; an answered one its length',
        body: z.object({ call_id: z.number().int().positive(), status: z.enum(['answered', 'no_answer', 'busy', 'failed', 'powered_off']),
          duration_s: z.number().int().min(0).max(86_400).optional(), recording_ref: z.string().min(1).max(200).optional() }),
        response: { 200: z.object({ call_id: z.number().int(), outcome: z.string(), call_status: z.string() }), 400: errorSchema, 401: errorSchema, 404: errorSchema },
      },
    }, async (request) => {
      checkGateway(request.headers.authorization);
      const b = request.body;
      return receiveCallEvent(ctx, { callId: b.call_id, status: b.status, seconds: b.duration_s ?? null, recordingRef: b.recording_ref ?? null });
    });

    app.post('/api/accounts/:id/dial', {
      schema: {
        tags: ['workstation'],
        summary: "一键外呼: ring your seat and the debtor's number through the telephony gateway, if the rules allow a call now (409 CONTACT_NOT_ALLOWED otherwise); recorded as a `dialed` attempt",
        params: idParams, body: z.object({ contact_point_id: z.number().int().positive(), expected_version: z.number().int().positive().optional() }),
        response: { 201: z.object({ attempt_id: z.number().int(), call_ref: z.string(), decision: record, version: z.number().int() }),
          400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 502: errorSchema, 503: errorSchema },
      },
    }, async (request, reply) => reply.code(201).send(await dialContactPoint(ctx, dialer, actorFrom(request), request.params.id,
      { contactPointId: request.body.contact_point_id, expectedVersion: request.body.expected_version ?? null }) as never));

    app.post('/api/contact-attempts/:id/result', {
      schema: {
        tags: ['workstation'], summary: 'The result of a dialled call (its outcome code, note and reason for delinquency), recorded once on its attempt',
        params: idParams,
        body: z.object({ outcome: z.string().min(1).max(40), note: z.string().max(2000).optional(), delinquency_reason: z.enum(DELINQUENCY_REASONS).optional(),
          expected_version: z.number().int().positive().optional(),
          language: z.string().max(40).nullable().optional().describe('the language the call was held in (ISO 639-1: en, es, zh, ...)'),
          disclosure_given: z.boolean().optional().describe('whether the debt collector disclosure was given (12 CFR 1006.18(e)): required for a conversation with the debtor themself under a US contract, refused elsewhere') }),
        response: { 200: z.object({ attempt_id: z.number().int(), version: z.number().int() }), 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema },
      },
    }, async (request) => {
      const b = request.body;
      return recordDialResult(ctx, actorFrom(request), request.params.id,
        { outcome: b.outcome, note: b.note ?? null, delinquencyReason: b.delinquency_reason ?? null, expectedVersion: b.expected_version ?? null, language: b.language ?? null,
          disclosureGiven: b.disclosure_given ?? null });
    });
  };
}
