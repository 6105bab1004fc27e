import { countryOfRegion } from '../domain/country.ts';
import { packInForceSql } from './contracts-repository.ts';
import { ENDED_PROMISE_COLUMNS, promiseWindowEndSql, tellPromiseHolders } from './holds-repository.ts';
import type { Queryable } from './pool.ts';

export interface SuspensionRow {
  id: number; scope: 'region' | 'creditor' | 'account'; code: string; from_date: string; to_date: string | null; reason: string;
  created_by: number | null; created_at: Date; ended_at: Date | null;
}

export async function insertSuspension(db: Queryable, s: { scope: string; code: string; from: string; to: string | null; reason: string; createdBy: number | null }): Promise<SuspensionRow> {
  const { rows } = await db.query<SuspensionRow>(
    `INSERT INTO suspensions (scope, code, from_date, to_date, reason, created_by) VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING id, scope, code, from_date, to_date, reason, created_by, created_at, ended_at`,
    [s.scope, s.code, s.from, s.to, s.reason, s.createdBy]);
  return rows[0]!;
}

export async function listSuspensionRows(db: Queryable, includeEnded: boolean): Promise<SuspensionRow[]> {
  return (await db.query<SuspensionRow>(
    `SELECT id, scope, code, from_date, to_date, reason, created_by, created_at, ended_at FROM suspensions
      ${includeEnded ? '' : 'WHERE ended_at IS NULL'} ORDER BY from_date DESC, id DESC`)).rows;
}

export async function endSuspensionRow(db: Queryable, id: number, at: Date): Promise<SuspensionRow | undefined> {
  return (await db.query<SuspensionRow>(
    `UPDATE suspensions SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL
     RETURNING id, scope, code, from_date, to_date, reason, created_by, created_at, ended_at`, [id, at])).rows[0];
}

export interface AttemptInWindow { id: number; account_id: number; creditor_code: string; at: Date; channel: string; party: string; outcome: string; collector_name: string | null }

/**
 * Contact attempts already made inside a (possibly backdated) suspension's window, judged by
 * the debtor's local date, for review. `regionPrefix` is the code's significant digits.
 */
export async function attemptsInWindow(db: Queryable, s: { scope: string; code: string; from: string; to: string | null; regionPrefix: string }):
  Promise<AttemptInWindow[]> {
  const match = s.scope === 'region' ? `coalesce(a.region_code, d.region_code) LIKE $3 || '%'`
    : s.scope === 'creditor' ? 'c.code = $3' : 'a.id::text = $3';
  const { rows } = await db.query<AttemptInWindow>(
    `SELECT ca.id, ca.account_id, c.code AS creditor_code, ca.at, ca.channel, ca.party, ca.outcome, u.display_name AS collector_name
       FROM contact_attempts ca
       JOIN accounts a ON a.creditor_id = ca.creditor_id AND a.id = ca.account_id
       JOIN creditors c ON c.id = a.creditor_id
       JOIN debtors d ON d.id = ca.debtor_id
       LEFT JOIN users u ON u.id = ca.collector_id
      WHERE ${match} AND (ca.at AT TIME ZONE d.time_zone)::date BETWEEN $1 AND coalesce($2::date, 'infinity'::date)
      ORDER BY ca.at LIMIT 10000`,
    [s.from, s.to, s.scope === 'region' ? s.regionPrefix : s.code]);
  return rows;
}

/**
 * A suspension ends the open promises of the accounts it covers that fall due while it is in force:
 * whose days of payment (due date to the end of the grace) meet its days. Each is cancelled
 * with `suspension:<scope>` and the suspension's id; a `promised` account goes back to `active`.
 * Returns how many.
 */
export async function endPromisesUnderSuspension(db: Queryable, s: { id: number; scope: string; code: string; from: string; to: string | null; regionPrefix: string; today: string; at: Date }): Promise<number> {
  // A region covers the debtor as the engine reads it (regionCovers): either code's significant digits
  // contain the other's, and an unknown region is covered; we never guess in the debtor's disfavour.
  const region = `regexp_replace(coalesce(a.region_code, d.region_code), '(00)+$', '')`;
  // A region is of one country (GB/T 2260 codes China's, US-FL a US state): its suspension reaches only accounts under that country's pack.
  const country = `coalesce(${packInForceSql('a.creditor_id', '$5::date')}, 'CN') = '${countryOfRegion(s.code)}'`;
  const match = s.scope === 'region' ? `(coalesce(a.region_code, d.region_code) IS NULL OR starts_with(${region}, $3) OR starts_with($3, ${region})) AND ${country}`
    : s.scope === 'creditor' ? 'a.creditor_id = (SELECT id FROM creditors WHERE code = $3)' : 'a.id::text = $3';
  const { rows } = await db.query<{ n: number }>(
    `WITH ended AS (
       UPDATE promises p SET status = 'cancelled', resolved_at = $6, cancel_reason = 'suspension:' || $7, cancelled_by_suspension = $4
         FROM accounts a JOIN debtors d ON d.id = a.debtor_id
        WHERE p.creditor_id = a.creditor_id AND p.account_id = a.id AND p.status = 'open' AND ${match}
          AND p.due_date <= coalesce($2::date, 'infinity'::date) AND ${promiseWindowEndSql('p', '$5::date')} >= $1::date
       RETURNING ${ENDED_PROMISE_COLUMNS}),
     returned AS (
       UPDATE accounts a SET status = 'active', version = a.version + 1, updated_at = $6
         FROM ended e WHERE a.creditor_id = e.creditor_id AND a.id = e.account_id AND a.status = 'promised'),
     told AS (${tellPromiseHolders({ en: `'a ' || $7 || ' suspension'`,
       zh: `CASE $7::text WHEN 'region' THEN '区域停催' WHEN 'creditor' THEN '委托方停催' WHEN 'account' THEN '案件停催' ELSE '停催' END` }, '$6::timestamptz')})
     SELECT count(*)::int AS n FROM ended`,
    [s.from, s.to, s.scope === 'region' ? s.regionPrefix : s.code, s.id, s.today, s.at, s.scope]);
  return rows[0]!.n;
}

/** A suspension not ended, over the same scope and code and the same dates (the same one entered twice); undefined when none. */
export async function sameSuspension(db: Queryable, s: { scope: string; code: string; from: string; to: string | null }): Promise<{ id: number } | undefined> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT id FROM suspensions WHERE scope = $1 AND code = $2 AND from_date = $3::date AND to_date IS NOT DISTINCT FROM $4::date AND ended_at IS NULL LIMIT 1`,
    [s.scope, s.code, s.from, s.to]);
  return rows[0];
}

export async function regionExists(db: Queryable, code: string): Promise<boolean> {
  return ((await db.query('SELECT 1 FROM regions WHERE code = $1', [code])).rowCount ?? 0) > 0;
}
