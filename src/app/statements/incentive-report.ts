import { incentiveRows, type IncentiveRow } from '../../db/statements-repository.ts';
import { teamCollectorIds } from '../../db/reports-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';
import { currencyScope } from '../currency.ts';
import type { Currency } from '../../domain/money.ts';
import { parseMonth } from './build-statement.ts';

export interface IncentiveReport {
  month: string;
  /** What the amounts are in: payments on the accounts of creditors whose contracts are in it (app/currency.ts). */
  currency: Currency;
  currencies: Currency[];
  rows: IncentiveRow[];
  totals: { recovered_fen: number; commission_fen: number; payments: number; promises_kept: number; upheld_complaints: number; paid_off: number };
}

/**
 * The collector incentive report for a month: recovered (credited to them, net of
 * reversals), commission earned for the agency, promises kept, accounts paid off, upheld complaints.
 * A collector sees their own line; a supervisor their team; an admin everyone.
 */
export async function incentiveReport(ctx: AppContext, actor: Actor, input: { month?: string | undefined; currency?: string | undefined }): Promise<IncentiveReport> {
  authorize(actor, 'incentives.read');
  const { first, last } = parseMonth(input.month);
  if (actor.role === 'collector' && actor.userId === null) throw new AppError('FORBIDDEN', { en: 'No user to scope the report', zh: '缺少用户身份，无法确定报表范围' });
  const money = await currencyScope(ctx.pool, last, input.currency, null,
    actor.role === 'collector' ? [actor.userId!] : actor.role === 'supervisor' && actor.teamId !== null ? await teamCollectorIds(ctx.pool, actor.teamId) : null);
  const rows = await incentiveRows(ctx.pool, {
    first, last, zone: ctx.agencyZone, creditorIds: money.creditorIds,
    collectorId: actor.role === 'collector' ? actor.userId : null,
    teamId: actor.role === 'supervisor' ? actor.teamId ?? -1 : null,
  });
  const totals = { recovered_fen: 0, commission_fen: 0, payments: 0, promises_kept: 0, upheld_complaints: 0, paid_off: 0 };
  for (const r of rows) {
    totals.recovered_fen += r.recovered_fen; totals.commission_fen += r.commission_fen; totals.payments += r.payments;
    totals.promises_kept += r.promises_kept; totals.upheld_complaints += r.upheld_complaints; totals.paid_off += r.paid_off;
  }
  return { month: input.month!, currency: money.currency, currencies: money.currencies, rows, totals };
}
