import { packsInForce } from '../db/contracts-repository.ts';
import type { Queryable } from '../db/pool.ts';
import { currencyOfPack, type Currency } from '../domain/money.ts';

/**
 * Rows about accounts, each with the currency its creditor's contract (in force on the date)
 * implies, read in one query for all the rows' creditors: what a screen formats the row's
 * amounts in.
 */
export async function withCurrency<T extends { creditor_id: number }>(db: Queryable, rows: readonly T[], date: string): Promise<Array<T & { currency: Currency }>> {
  const packs = await packsInForce(db, rows.map((r) => r.creditor_id), date);
  return rows.map((r) => ({ ...r, currency: currencyOfPack(packs.get(r.creditor_id)) }));
}
