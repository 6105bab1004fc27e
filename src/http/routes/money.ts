import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app/context.ts';
import { contractRoutes } from './contracts.ts';
import { paymentRoutes } from './payments.ts';
import { statementRoutes } from './statements.ts';

/** Contracts, payments, statements and the incentive report (docs/money.md). */
export function moneyRoutes(ctx: AppContext): FastifyPluginAsyncZod[] {
  return [contractRoutes(ctx), paymentRoutes(ctx), statementRoutes(ctx)];
}
