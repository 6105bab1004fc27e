import { teamDayFigures, teamExists, type DashboardRow } from '../../db/dashboard-repository.ts';
import { teamCollectorIds } from '../../db/reports-repository.ts';
import { addDays, startOfLocalDay, type LocalDate } from '../../domain/calendar.ts';
import { AppError } from '../../domain/errors.ts';
import { OUTCOME_CODES } from '../../domain/workstation/index.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { currencyScope } from '../currency.ts';
import type { Currency } from '../../domain/money.ts';

/**
 * The daily collection target of one collector, in the currency's minor unit, when nothing more
 * specific is configured: ¥3,000.00 a day in China, $500.00 in the US, £400.00 in the UK (a
 * collector's day of recoveries in each market, not one number read in three currencies).
 * Contracts do not (yet) carry a per-collector target, so the dashboard compares every collector
 * against the documented figure of the currency it shows.
 */
export const DEFAULT_DAILY_TARGETS: Readonly<Record<Currency, number>> = { CNY: 300_000, USD: 50_000, GBP: 40_000 };
/** China's (the dashboard's figure when it shows yuan). */
export const DEFAULT_DAILY_TARGET_FEN = DEFAULT_DAILY_TARGETS.CNY;

/** Outcomes counted as a conversation with the debtor (right-party contact, RPC). */
const RIGHT_PARTY_CODES = OUTCOME_CODES.filter((o) => o.rightParty).map((o) => o.code);

/**
 * A collector's day; `target_fen` null where they work no account in the dashboard's currency but were credited money in it
 * (no target there to add).
 */
export interface DashboardCollector extends Omit<DashboardRow, 'works_currency'> { target_fen: number | null }
export interface TeamDashboard {
  date: string;
  team_id: number | null;
  target_source: 'default';
  /** What `collected_fen` is in: payments on the accounts of creditors whose contracts are in it (app/currency.ts). */
  currency: Currency;
  currencies: Currency[];
  collectors: DashboardCollector[];
  totals: { collectors: number; attempts: number; right_party: number; promises_taken: number; promises_kept: number;
    collected_fen: number; target_fen: number; abusive: number; paid_off: number };
}

/** A supervisor sees their own team; an admin sees every team, or one with `teamId`. */
export async function teamDashboard(ctx: AppContext, actor: Actor, options: { date?: string; teamId?: number; currency?: string } = {}): Promise<TeamDashboard> {
  authorize(actor, 'dashboard.read');
  let teamId: number | null;
  if (actor.role === 'admin') {
    teamId = options.teamId ?? null;
    if (teamId !== null && !(await teamExists(ctx.pool, teamId))) throw new AppError('NOT_FOUND', { en: `Team ${teamId} does not exist`, zh: `小组 ${teamId} 不存在` });
  } else {
    if (actor.teamId === null) throw new AppError('FORBIDDEN', { en: 'This account has no team to show', zh: '该账号不属于任何小组，没有可显示的看板' });
    if (options.teamId !== undefined && options.teamId !== actor.teamId) {
      throw new AppError('NOT_FOUND', { en: `Team ${options.teamId} is not your team`, zh: `小组 ${options.teamId} 不是您的小组` });
    }
    teamId = actor.teamId;
  }
  const date = (options.date ?? businessDate(ctx)) as LocalDate;
  const from = new Date(startOfLocalDay(date, ctx.agencyZone));
  const to = new Date(startOfLocalDay(addDays(date, 1), ctx.agencyZone));
  const money = await currencyScope(ctx.pool, date, options.currency, null, teamId === null ? null : await teamCollectorIds(ctx.pool, teamId));
  const rows = await teamDayFigures(ctx.pool, { teamId, from, to, date, rightPartyCodes: RIGHT_PARTY_CODES, creditorIds: money.creditorIds });
  const target = DEFAULT_DAILY_TARGETS[money.currency];
  // In one currency of several, the collectors with something in it: a target (they work its accounts) or money collected
  // in it, as the incentive report lists them (docs/money.md); a US desk's zeros are no line of the yuan day, so the
  // footer's count of collectors is that of the lines its totals add.
  const collectors: DashboardCollector[] = rows.filter((r) => r.works_currency || r.collected_fen !== 0)
    // One offboarded since has no target: the day's work is theirs, the target no longer.
    .map(({ works_currency: works, ...r }) => ({ ...r, target_fen: works && r.active ? target : null }));
  const sum = (key: 'attempts' | 'right_party' | 'promises_taken' | 'promises_kept' | 'collected_fen' | 'target_fen' | 'abusive' | 'paid_off') =>
    collectors.reduce((total, c) => total + (c[key] ?? 0), 0);
  return {
    date, team_id: teamId, target_source: 'default', currency: money.currency, currencies: money.currencies, collectors,
    totals: { collectors: collectors.length, attempts: sum('attempts'), right_party: sum('right_party'), promises_taken: sum('promises_taken'),
      promises_kept: sum('promises_kept'), collected_fen: sum('collected_fen'), target_fen: sum('target_fen'), abusive: sum('abusive'), paid_off: sum('paid_off') },
  };
}
