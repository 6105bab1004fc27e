import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { complianceReport } from '../../app/reports/compliance-report.ts';
import { contactFunnel } from '../../app/reports/contact-funnel.ts';
import { languageAccessReport } from '../../app/reports/language-access.ts';
import { recoveryReport } from '../../app/reports/recovery.ts';
import { rollRateReport } from '../../app/reports/roll-rates.ts';
import { takeMonthEndSnapshot } from '../../app/reports/take-month-end.ts';
import { vintageReport } from '../../app/reports/vintages.ts';
import { RECOVERY_DIMENSIONS } from '../../domain/reports/index.ts';
import { actorFrom } from '../auth-hook.ts';
import { currencySchema, errorSchema, localDateSchema } from '../schemas.ts';

const int = z.number().int();
const bp = int.nullable();
const month = z.string().regex(/^\d{4}-\d{2}$/, 'expected a month YYYY-MM');
const date = localDateSchema;
const creditor = z.string().min(1).max(32).optional();
const monthQuery = z.object({ creditor, from: month.optional(), to: month.optional() });
const periodQuery = z.object({ creditor, from: date.optional(), to: date.optional() });
/** Amounts in one currency: where creditors' contracts are in several, which one (default: the first of CNY, USD, GBP held). */
const moneyQuery = monthQuery.extend({ currency: currencySchema.optional() });
const currencyFields = { currency: currencySchema, currencies: z.array(currencySchema) };
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
const figures = { accounts: int, placed_fen: int, payments: int, recovered_fen: int, recovery_rate_bp: bp };

/** Drops undefined query values (exactOptionalPropertyTypes). */
function defined<T extends Record<string, unknown>>(q: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

export function reportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/reports/recovery', {
      schema: {
        tags: ['reports'], summary: 'Recovery (liquidation) rate = recovered / placed balance, by creditor, region, bucket at placement, placement month or collector',
        querystring: moneyQuery.extend({ by: z.enum(RECOVERY_DIMENSIONS).optional() }),
        response: { 200: z.object({ by: z.string(), creditor: z.string().nullable(), ...currencyFields, from: z.string().nullable(), to: z.string().nullable(), as_of: z.literal('live'),
          lines: z.array(z.object({ key: z.string(), label: z.string(),
            label_en: z.string().describe("The line's name in English: a province's English name (regions.name_en), a creditor's; else as label"), ...figures })), total: z.object(figures) }), ...errors },
      },
    }, async (request) => recoveryReport(ctx, actorFrom(request), defined(request.query)));

    app.get('/api/reports/vintages', {
      schema: {
        tags: ['reports'], summary: 'Vintage curves: cumulative recovery rate of each placement month by months since placement',
        querystring: moneyQuery,
        response: { 200: z.object({ creditor: z.string().nullable(), ...currencyFields, from: z.string().nullable(), to: z.string().nullable(), through: z.string(), as_of: z.literal('live'),
          curves: z.array(z.object({ placement_month: z.string(), accounts: int, placed_fen: int,
            points: z.array(z.object({ months_since: int, recovered_fen: int, cumulative_fen: int, cumulative_rate_bp: bp })) })) }), ...errors },
      },
    }, async (request) => vintageReport(ctx, actorFrom(request), defined(request.query)));

    app.get('/api/reports/roll-rates', {
      schema: {
        tags: ['reports'], summary: 'Roll rates: share of accounts moving from bucket to bucket between month-end snapshots',
        querystring: monthQuery,
        response: { 200: z.object({ creditor: z.string().nullable(), from: z.string().nullable(), to: z.string().nullable(),
          months: z.array(z.object({ month: z.string(), as_of: z.string().nullable(), taken_at: z.string().nullable(), source: z.string().nullable(),
            rows: z.array(z.object({ from: z.string(), accounts: int, roll_forward_bp: bp, cured_bp: bp,
              cells: z.array(z.object({ to: z.string(), accounts: int, share_bp: bp })) })) })) }), ...errors },
      },
    }, async (request) => rollRateReport(ctx, actorFrom(request), defined(request.query)));

    app.get('/api/reports/funnel', {
      schema: {
        tags: ['reports'], summary: 'Contact funnel: attempts -> right-party contacts -> promises -> kept -> paid in full, over a period',
        querystring: periodQuery,
        response: { 200: z.object({ creditor: z.string().nullable(), from: z.string(), to: z.string(), as_of: z.literal('live'),
          steps: z.array(z.object({ stage: z.string(), count: int, from_previous_bp: bp, from_attempts_bp: bp })) }), ...errors },
      },
    }, async (request) => contactFunnel(ctx, actorFrom(request), defined(request.query)));

    app.get('/api/reports/compliance', {
      schema: {
        tags: ['reports'], summary: 'Compliance: refused attempts by rule, suspensions in force, complaints per 1,000 accounts',
        querystring: periodQuery,
        response: { 200: z.object({ creditor: z.string().nullable(), from: z.string(), to: z.string(), as_of: z.literal('live'),
          refused_attempts: int, refused_by_rule: z.array(z.object({ rule: z.string(), refused: int })),
          suspensions_in_force: z.array(z.object({ id: int, scope: z.string(), code: z.string(), from_date: z.string(), to_date: z.string().nullable(), reason: z.string() })),
          accounts: int, complaints: int, upheld_complaints: int, complaints_per_1000: z.number().nullable(), upheld_per_1000: z.number().nullable() }), ...errors },
      },
    }, async (request) => complianceReport(ctx, actorFrom(request), defined(request.query)));

    app.get('/api/reports/language-access', {
      schema: {
        tags: ['reports'], summary: "Language access (New York City's rules): accounts collected on and employees who collected, by language, for creditors under a US contract",
        querystring: periodQuery,
        response: { 200: z.object({ creditor: z.string().nullable(), from: z.string(), to: z.string(), as_of: z.literal('live'),
          languages: z.array(z.object({ language: z.string().nullable().describe('ISO 639-1; null: a call or visit whose language was not recorded'),
            accounts: int, employees: int, attempts: int })),
          other_than_english: z.object({ accounts: int, employees: int }) }), ...errors },
      },
    }, async (request) => languageAccessReport(ctx, actorFrom(request), defined(request.query)));

    app.post('/api/reports/month-end', {
      schema: {
        tags: ['reports'], summary: "Take (again) a month's month-end bucket snapshot and its roll counts (the nightly job does the current month)",
        body: z.object({ month: month.optional() }).optional(),
        response: { 200: z.object({ month: z.string(), as_of: z.string(), accounts: int, rolls: int, source: z.string(),
          pruned: z.array(z.string()).describe('months whose snapshots were deleted (their rolls stay)'), seconds: z.number() }), ...errors },
      },
    }, async (request) => takeMonthEndSnapshot(ctx, actorFrom(request), request.body?.month ? { month: request.body.month } : {}));
  };
}
