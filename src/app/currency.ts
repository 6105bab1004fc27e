import { packsInForce } from '../db/contracts-repository.ts';
import type { Queryable } from '../db/pool.ts';
import { currencyOfPack, type Currency } from '../domain/money.ts';

/**
 * The currency the agency's totals are in (reports, dashboards, incentives): the one currency of
 * all its creditors' contracts in force, or CNY when they have none or differ (an agency should
 * not mix currencies in one installation; docs/money.md).
 */
export async function agencyCurrency(db: Queryable, date: string): Promise<Currency> {
  const currencies = new Set([...(await packsInForce(db, null, date)).values()].map(currencyOfPack));
  return currencies.size === 1 ? [...currencies][0]! : 'CNY';
}

/**
 * Rows about accounts, each with the currency its creditor's contract (in force on the date)
 * implies, read in one query for all the rows' creditors: what a screen formats the row's
 * amounts in.
 */
export async function withCurrency<T extends { creditor_id: number }>(db: Queryable, rows: readonly T[], date: string): Promise<Array<T & { currency: Currency }>> {
  const packs = await packsInForce(db, rows.map((r) => r.creditor_id), date);
  return rows.map((r) => ({ ...r, currency: currencyOfPack(packs.get(r.creditor_id)) }));
}
