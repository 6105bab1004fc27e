import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { appealReview, decideAppeal } from '../../app/quality/appeal-review.ts';
import { reviewCall } from '../../app/quality/review-call.ts';
import { listQualityReviews, qualityChecklist, qualityQueue, qualitySummaryFor } from '../../app/quality/reviews.ts';
import { actorFrom } from '../auth-hook.ts';
import { errorSchema } from '../schemas.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema };
const answer = z.enum(['pass', 'fail', 'na']);
const reviewSchema = z.object({
  id: z.number().int(), attempt_id: z.number().int(), account_id: z.number().int(), account_no_mask: z.string(), debtor_name: z.string(),
  creditor_code: z.string(), collector_id: z.number().int(), collector_name: z.string(), reviewer_name: z.string(), attempt_at: z.date(),
  channel: z.string(), outcome: z.string(), outcome_label: z.string(), outcome_label_zh: z.string(), note: z.string().nullable(),
  recording_ref: z.string().nullable(), answers: z.record(z.string(), answer), score: z.number().int(),
  result: z.enum(['pass', 'fail', 'red_line']), comment: z.string().nullable(), complaint_linked: z.boolean(), reviewed_at: z.date(),
  status: z.enum(['final', 'appealed', 'upheld', 'overturned']), appeal_reason: z.string().nullable(), appealed_at: z.date().nullable(),
  appeal_note: z.string().nullable(), appeal_decided_by_name: z.string().nullable(), appeal_decided_at: z.date().nullable(),
  can_appeal: z.boolean(), can_decide_appeal: z.boolean(),
});

/** Call quality review (质检, docs/quality.md). */
export function qualityRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/quality/checklist', {
      schema: { tags: ['quality'], summary: 'The quality review checklist: items, weights, red lines, the pass mark',
        response: { 200: z.object({ pass_mark: z.number().int(), appeal_days: z.number().int(), items: z.array(z.object({
          code: z.string(), weight: z.number().int(), red_line: z.boolean(), label: z.string(), label_zh: z.string(), hint: z.string(), hint_zh: z.string() })) }),
        ...errors } },
    }, async (request) => qualityChecklist(actorFrom(request)));

    app.get('/api/quality/queue', {
      schema: { tags: ['quality'], summary: "Calls and visits of your collectors waiting for review: every complaint-linked one, every one recorded without the debt collector disclosure (US), and a fixed sample",
        querystring: z.object({ collector_id: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.object({ sample_percent: z.number().int(), window_days: z.number().int(), items: z.array(z.object({
          attempt_id: z.number().int(), creditor_code: z.string(), account_id: z.number().int(), account_no_mask: z.string(), debtor_name: z.string(),
          collector_id: z.number().int(), collector_name: z.string(), at: z.date(), channel: z.enum(['call', 'visit']), party: z.enum(['debtor', 'third_party']),
          outcome: z.string(), outcome_label: z.string(), outcome_label_zh: z.string(), note: z.string().nullable(), recording_ref: z.string().nullable(), call_seconds: z.number().int().nullable(),
          complaint_ids: z.array(z.number().int()), reason: z.enum(['complaint', 'no_disclosure', 'sample']) })) }), ...errors } },
    }, async (request) => qualityQueue(ctx, actorFrom(request), { collectorId: request.query.collector_id ?? null, limit: request.query.limit }));

    app.post('/api/quality/reviews', {
      schema: { tags: ['quality'], summary: 'Review a call or visit against the checklist (质检); a review that does not pass needs a comment',
        body: z.object({ attempt_id: z.number().int().positive(), answers: z.record(z.string(), z.string()), comment: z.string().max(2000).optional() }),
        response: { 201: z.object({ review: reviewSchema }), ...errors } },
    }, async (request, reply) => {
      const b = request.body;
      return reply.code(201).send({ review: await reviewCall(ctx, actorFrom(request), { attemptId: b.attempt_id, answers: b.answers, comment: b.comment ?? null }) });
    });

    app.get('/api/quality/reviews', {
      schema: { tags: ['quality'], summary: 'Quality reviews, newest first (collectors: their own)',
        querystring: z.object({
          collector_id: z.coerce.number().int().positive().optional(), status: z.enum(['final', 'appealed', 'upheld', 'overturned']).optional(),
          result: z.enum(['pass', 'fail', 'red_line']).optional(), before: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(reviewSchema), next_before: z.number().int().nullable() }), ...errors } },
    }, async (request) => {
      const q = request.query;
      return listQualityReviews(ctx, actorFrom(request), { collectorId: q.collector_id ?? null, status: q.status ?? null, result: q.result ?? null,
        before: q.before ?? null, limit: q.limit });
    });

    app.post('/api/quality/reviews/:id/appeal', {
      schema: { tags: ['quality'], summary: 'Appeal (申诉) a review of your own call that did not pass, within the appeal days', params: idParams,
        body: z.object({ reason: z.string().max(2000) }), response: { 200: z.object({ review: reviewSchema }), ...errors } },
    }, async (request) => ({ review: await appealReview(ctx, actorFrom(request), request.params.id, { reason: request.body.reason }) }));

    app.post('/api/quality/reviews/:id/appeal-decision', {
      schema: { tags: ['quality'], summary: 'Decide an appeal: upheld (the review stands) or overturned (it no longer counts)', params: idParams,
        body: z.object({ decision: z.enum(['upheld', 'overturned']), note: z.string().max(2000) }), response: { 200: z.object({ review: reviewSchema }), ...errors } },
    }, async (request) => ({ review: await decideAppeal(ctx, actorFrom(request), request.params.id, request.body) }));

    app.get('/api/quality/summary', {
      schema: { tags: ['quality'], summary: 'Per collector: reviews, average score, passes, fails, red lines, appeals (collectors: their own row)',
        querystring: z.object({ from: z.string().optional(), to: z.string().optional() }),
        response: { 200: z.object({ from: z.string(), to: z.string(), pass_mark: z.number().int(), collectors: z.array(z.object({
          collector_id: z.number().int(), collector_name: z.string(), reviews: z.number().int(), average_score: z.number().nullable(),
          passed: z.number().int(), failed: z.number().int(), red_lines: z.number().int(), appeals_open: z.number().int(), overturned: z.number().int() })) }),
        ...errors } },
    }, async (request) => qualitySummaryFor(ctx, actorFrom(request), { from: request.query.from ?? null, to: request.query.to ?? null }));
  };
}
