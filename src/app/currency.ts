import { packsInForce } from '../db/contracts-repository.ts';
import type { Queryable } from '../db/pool.ts';
import { invalidInput } from '../domain/errors.ts';
import { currencyOfPack, type Currency } from '../domain/money.ts';

/** The order currencies are offered in, and the first one held is a total's when none is asked for. */
const CURRENCIES: readonly Currency[] = ['CNY', 'USD', 'GBP'];

/**
 * The signed-in user's currencies. `agency`: the one the screens' totals default to (reports,
 * dashboards, incentives): the one currency of all its creditors, or, with creditors in several,
 * the first of CNY, USD, GBP they hold; CNY with none (totals across creditors are never added
 * across currencies: currencyScope). `desk`: the one of the accounts the user works: a
 * collector's own (their current assignments), a supervisor's team's, a bank user's bank's; when
 * those are in one currency, that one, else (an admin, no accounts yet, several) the agency's.
 * What a screen's examples follow (the caller lookup's number), never a total's currency.
 */
export async function userCurrencies(db: Queryable, date: string, user: { id: number; role: string; team_id: number | null; creditor_id: number | null }):
  Promise<{ agency: Currency; desk: Currency }> {
  const currencies = await creditorCurrencies(db, date);
  const agency = held(currencies)[0] ?? 'CNY';
  const creditorsOf = async (column: 'collector_id' | 'team_id', id: number) => (await db.query<{ creditor_id: string }>(
    `SELECT DISTINCT creditor_id FROM assignments WHERE ${column} = $1 AND ended_at IS NULL`, [id])).rows.map((r) => Number(r.creditor_id));
  const worked = user.role === 'creditor_user' && user.creditor_id !== null ? [user.creditor_id]
    : user.role === 'collector' ? await creditorsOf('collector_id', user.id)
    : user.role === 'supervisor' && user.team_id !== null ? await creditorsOf('team_id', user.team_id)
    : [];
  const desk = new Set(worked.map((id) => currencies.get(id) ?? 'CNY'));
  return { agency, desk: desk.size === 1 ? [...desk][0]! : agency };
}

/**
 * Each creditor's currency: its contract's in force on `date`; CNY for one with no contract but
 * with accounts (their amounts are shown in yuan). A creditor with neither holds no money.
 */
async function creditorCurrencies(db: Queryable, date: string): Promise<Map<number, Currency>> {
  const packs = await packsInForce(db, null, date);
  const { rows } = await db.query<{ id: number }>(
    'SELECT c.id FROM creditors c WHERE EXISTS (SELECT 1 FROM accounts a WHERE a.creditor_id = c.id) ORDER BY c.id');
  const currencies = new Map<number, Currency>([...packs].map(([id, pack]) => [id, currencyOfPack(pack)]));
  for (const { id } of rows) if (!currencies.has(id)) currencies.set(id, 'CNY');
  return currencies;
}

function held(currencies: ReadonlyMap<number, Currency>): Currency[] {
  const values = new Set(currencies.values());
  return CURRENCIES.filter((c) => values.has(c));
}

/**
 * Which currency a total across creditors is in, and whose amounts it adds (`creditorIds`,
 * null: every creditor's). One creditor's (`only`): its own currency, and asking for another is
 * refused. With every creditor in one currency (the common case): that one, and every creditor.
 * With creditors in several: the one asked for (refused when no creditor holds it), else the
 * first of CNY, USD, GBP held, and only the creditors in it (their contract in force on `date`;
 * CNY for one with none). `currencies` lists those held, for a screen to offer.
 */
export interface CurrencyScope { currency: Currency; currencies: Currency[]; creditorIds: number[] | null }

export async function currencyScope(db: Queryable, date: string, requested?: string | null, only?: { id: number; code: string | null } | null,
  viewer?: readonly number[] | null): Promise<CurrencyScope> {
  if (only) {
    const currency = currencyOfPack((await packsInForce(db, [only.id], date)).get(only.id));
    if (requested && requested !== currency) {
      throw invalidInput({ en: `${only.code}'s amounts are in ${currency}, not ${requested}`, zh: `${only.code} 的金额以 ${currency} 计价，而非 ${requested}` }, 'currency');
    }
    return { currency, currencies: [currency], creditorIds: null };
  }
  const byCreditor = await creditorCurrencies(db, date);
  const currencies = held(byCreditor);
  if (currencies.length === 0) currencies.push('CNY');
  const currency = (requested ?? (currencies.length > 1 ? await viewerCurrency(db, byCreditor, viewer) : null) ?? currencies[0]!) as Currency;
  if (!currencies.includes(currency)) {
    throw invalidInput({
      en: `No creditor's contract is in ${requested}: totals are in ${currencies.join(' or ')}`,
      zh: `没有委托方的合同以 ${requested} 计价：合计可按 ${currencies.join(' 或 ')} 查看`,
    }, 'currency');
  }
  if (currencies.length === 1) return { currency, currencies, creditorIds: null };
  return { currency, currencies, creditorIds: [...byCreditor].filter(([, c]) => c === currency).map(([id]) => id) };
}

/**
 * With creditors in several currencies, the one a reader's own figures are in when none is asked
 * for: `viewer` lists the collectors whose work they read (a collector: themself; a supervisor:
 * their team); when the accounts those collectors hold now are all in one currency, that one (a US
 * desk's figures open in dollars). Null when the accounts are in several, or none, or the reader
 * reads everyone's (`viewer` null).
 */
async function viewerCurrency(db: Queryable, byCreditor: ReadonlyMap<number, Currency>, viewer: readonly number[] | null | undefined): Promise<Currency | null> {
  if (!viewer || viewer.length === 0) return null;
  const { rows } = await db.query<{ creditor_id: number }>(
    'SELECT DISTINCT creditor_id FROM assignments WHERE collector_id = ANY($1::bigint[]) AND ended_at IS NULL', [viewer]);
  const theirs = new Set(rows.map((r) => byCreditor.get(Number(r.creditor_id)) ?? 'CNY'));
  return theirs.size === 1 ? [...theirs][0]! : null;
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
