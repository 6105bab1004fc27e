import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { creditorStrategyRules, previewStrategyRules, setStrategyRules } from '../../app/strategy/set-strategy-rules.ts';
import { runStrategy } from '../../app/strategy/run-strategy.ts';
import { strategyOverview } from '../../app/strategy/strategy-overview.ts';
import { actorFrom } from '../auth-hook.ts';
import { errorSchema } from '../schemas.ts';

const counts = z.record(z.string(), z.number().int());
const rulesJson = z.record(z.string(), z.unknown());
const creditorParams = z.object({ creditor: z.string().min(1).max(32) });
const refusals = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };

/** The strategy screen (催收策略): the runs, each creditor's rules in force, a preview of a change, saving a version, running now. */
export function strategyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/strategy', {
      schema: {
        tags: ['strategy'], summary: "Each creditor's rules in force today, the latest night's next actions, the latest runs",
        response: {
          200: z.object({
            today: z.string(), latest_date: z.string().nullable(),
            creditors: z.array(z.object({
              code: z.string(), name: z.string(), name_en: z.string().nullable().describe('the creditor\'s name in English; null: it has none'), version: z.number().int(), effective_from: z.string().nullable(),
              scheduled: z.array(z.object({ version: z.number().int(), effective_from: z.string() })),
              accounts: z.number().int(), by_action: counts,
            })),
            runs: z.array(z.object({
              date: z.string(), at: z.string(), actor: z.string(), accounts: z.number().int(), changed: z.number().int(),
              promises: z.object({ kept: z.number().int(), partially_kept: z.number().int(), broken: z.number().int() }),
              sms: z.object({ queued: z.number().int(), emailed: z.number().int(), blocked: z.number().int(), blocked_by_rule: counts }).nullable(),
            })),
          }),
          401: errorSchema, 403: errorSchema,
        },
      },
    }, async (request) => strategyOverview(ctx, actorFrom(request)));

    app.get('/api/strategy/rules/:creditor', {
      schema: {
        tags: ['strategy'], summary: "A creditor's rules in force today, its saved versions (newest first) and the defaults", params: creditorParams,
        response: {
          200: z.object({
            creditor: z.string(), name: z.string(), name_en: z.string().nullable().describe('the creditor\'s name in English; null: it has none'), date: z.string(),
            in_force: z.object({ version: z.number().int(), effective_from: z.string().nullable(), rules: z.unknown() }),
            versions: z.array(z.object({ version: z.number().int(), effective_from: z.string(), created_at: z.string(), created_by: z.string().nullable() })),
            defaults: z.unknown(),
          }),
          ...refusals,
        },
      },
    }, async (request) => creditorStrategyRules(ctx, actorFrom(request), request.params.creditor));

    app.post('/api/strategy/rules/:creditor/preview', {
      schema: {
        tags: ['strategy'], summary: "What today's run would give the creditor's open accounts under the rules in force and under proposed ones (nothing saved)",
        params: creditorParams, body: z.object({ rules: rulesJson }),
        response: {
          200: z.object({
            date: z.string(), accounts: z.number().int(),
            current: z.object({ version: z.number().int(), by_action: counts, by_segment: counts }),
            proposed: z.object({ by_action: counts, by_segment: counts }),
          }),
          ...refusals,
        },
      },
    }, async (request) => previewStrategyRules(ctx, actorFrom(request), { creditor: request.params.creditor, rules: request.body.rules }));

    app.post('/api/strategy/rules/:creditor', {
      schema: {
        tags: ['strategy'], summary: "Save a new version of a creditor's rules, in force from a date (today or later)",
        params: creditorParams, body: z.object({ effective_from: z.string().max(10), rules: rulesJson }),
        response: { 201: z.object({ creditor: z.string(), version: z.number().int(), effective_from: z.string() }), ...refusals },
      },
    }, async (request, reply) => reply.code(201).send(await setStrategyRules(ctx, actorFrom(request),
      { creditor: request.params.creditor, effectiveFrom: request.body.effective_from, rules: request.body.rules })));

    app.post('/api/strategy/run', {
      schema: {
        tags: ['strategy'], summary: "Run today's strategy now (what the nightly job does; a second run for a date changes nothing)",
        body: z.object({}).optional(),
        response: {
          200: z.object({
            summary: z.object({
              date: z.string(), accounts: z.number().int(), changed: z.number().int(), promises_kept: z.number().int(),
              promises_partial: z.number().int(), promises_broken: z.number().int(), sms_queued: z.number().int(),
              email_queued: z.number().int(), sms_blocked: z.number().int(), seconds: z.number(),
            }),
            sms_blocked_by_rule: counts,
          }),
          401: errorSchema, 403: errorSchema,
        },
      },
    }, async (request) => {
      const { summary, smsBlockedByRule } = await runStrategy(ctx, actorFrom(request));
      return { summary, sms_blocked_by_rule: smsBlockedByRule };
    });
  };
}
