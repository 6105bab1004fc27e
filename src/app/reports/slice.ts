import { findCreditorByCode } from '../../db/creditors-repository.ts';
import type { Queryable } from '../../db/pool.ts';
import { teamCollectorIds } from '../../db/reports-repository.ts';
import { addDays, isLocalDate, startOfLocalDay, type LocalDate } from '../../domain/calendar.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { parseMonth } from '../../domain/reports/index.ts';
import { accountScope, authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';

/** Which figures a reader sees: a creditor user their creditor's, a collector their own, a supervisor their team's. */
export interface ReaderSlice {
  creditorId: number | null;
  creditorCode: string | null;
  collectorIds: number[] | null;
}

export interface ReportOptions {
  /** Creditor code: only this creditor (a creditor user may name only their own). */
  creditor?: string;
  /** Reports of money: the currency of the amounts, where creditors' contracts are in several (default: the first of CNY, USD, GBP held). */
  currency?: string;
}

export async function readerSlice(ctx: AppContext, db: Queryable, actor: Actor, options: ReportOptions): Promise<ReaderSlice> {
  authorize(actor, 'reports.read');
  const scope = accountScope(actor);
  let creditorId: number | null = null;
  let creditorCode: string | null = null;
  if (options.creditor !== undefined) {
    const creditor = await findCreditorByCode(db, options.creditor);
    if (!creditor || (scope.kind === 'creditor' && creditor.id !== scope.creditorId)) {
      throw new AppError('NOT_FOUND', { en: `Creditor ${options.creditor} does not exist or is not yours to see`, zh: `委托方 ${options.creditor} 不存在，或不在您的查看范围内` }, { field: 'creditor' });
    }
    creditorId = creditor.id;
    creditorCode = creditor.code;
  }
  if (scope.kind === 'creditor') {
    creditorId = scope.creditorId;
    if (creditorCode === null) {
      const { rows } = await db.query<{ code: string }>('SELECT code FROM creditors WHERE id = $1', [scope.creditorId]);
      creditorCode = rows[0]?.code ?? null;
    }
  }
  const collectorIds = scope.kind === 'collector' ? [scope.userId] : scope.kind === 'team' ? await teamCollectorIds(db, scope.teamId) : null;
  return { creditorId, creditorCode, collectorIds };
}

/** 'YYYY-MM' bounds on placement months, as first days. */
export function monthBounds(from: string | undefined, to: string | undefined): { fromMonth: string | null; toMonth: string | null } {
  const fromMonth = from === undefined ? null : `${parseMonth(from, 'from')}-01`;
  const toMonth = to === undefined ? null : `${parseMonth(to, 'to')}-01`;
  if (fromMonth && toMonth && fromMonth > toMonth) throw invalidInput({ en: `from (${from}) is after to (${to})`, zh: `起始月份 from（${from}）晚于截止月份 to（${to}）` }, 'from');
  return { fromMonth, toMonth };
}

/** An inclusive period of business dates (default: this month so far) and its instants in the agency's zone. */
export function period(ctx: AppContext, from: string | undefined, to: string | undefined):
  { from: LocalDate; to: LocalDate; fromInstant: Date; toInstant: Date } {
  const today = businessDate(ctx) as LocalDate;
  for (const [field, value] of [['from', from], ['to', to]] as const) {
    if (value !== undefined && !isLocalDate(value)) {
      throw invalidInput({ en: `${field} must be a date as YYYY-MM-DD, got "${value}"`, zh: `${field} 必须是 YYYY-MM-DD 格式的日期，实际为“${value}”` }, field);
    }
  }
  const start = (from ?? `${today.slice(0, 8)}01`) as LocalDate;
  const end = (to ?? today) as LocalDate;
  if (start > end) throw invalidInput({ en: `from (${start}) is after to (${end})`, zh: `起始日期 from（${start}）晚于截止日期 to（${end}）` }, 'from');
  return { from: start, to: end, fromInstant: new Date(startOfLocalDay(start, ctx.agencyZone)),
    toInstant: new Date(startOfLocalDay(addDays(end, 1), ctx.agencyZone)) };
}
