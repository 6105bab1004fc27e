import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { teamDashboard } from '../../app/dashboard/team-dashboard.ts';
import type { AppContext } from '../../app/context.ts';
import { actorFrom } from '../auth-hook.ts';
import { currencySchema, errorSchema, localDateSchema } from '../schemas.ts';

const int = z.number().int();
const figures = { attempts: int, right_party: int, promises_taken: int, promises_kept: int, collected_fen: int, target_fen: int, abusive: int,
  paid_off: int.describe('accounts now paid in full or settled (已结清) whose last payment is dated the day, that the collector holds') };

export function dashboardRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/dashboard/team', {
      schema: {
        tags: ['dashboard'],
        summary: "A team's day by collector: attempts, right-party contacts, promises taken and kept, collected (minor units of `currency`, on the accounts of creditors whose contracts are in it) vs. target, abusive calls; totals",
        querystring: z.object({ date: localDateSchema.optional(),
          team_id: z.coerce.number().int().positive().optional(), currency: currencySchema.optional() }),
        response: {
          200: z.object({ date: z.string(), team_id: int.nullable(), target_source: z.literal('default'),
            currency: currencySchema, currencies: z.array(currencySchema),
            collectors: z.array(z.object({ user_id: int, username: z.string(), display_name: z.string(), team_id: int, team_name: z.string(), ...figures,
              target_fen: int.nullable().describe("the day's target in `currency`; null for a collector who works no account in it (a US desk's in yuan), or offboarded since: not in the total"),
              active: z.boolean().describe('false: offboarded since, listed for a day they worked so the day reads as it did') })),
            totals: z.object({ collectors: int, ...figures }) }),
          400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema,
        },
      },
    }, async (request) => {
      const q = request.query;
      return teamDashboard(ctx, actorFrom(request), { ...(q.date ? { date: q.date } : {}), ...(q.team_id ? { teamId: q.team_id } : {}),
        ...(q.currency ? { currency: q.currency } : {}) });
    });
  };
}
