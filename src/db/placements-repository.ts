import { ENDED_PROMISE_COLUMNS, tellPromiseHolders } from './holds-repository.ts';
import { IN_COLLECTION } from '../domain/account-status.ts';
import type { Queryable } from './pool.ts';

/**
 * The last day of an account's mandate (SQL over the account `a` and its placement `pl`): the
 * placement's last day, or the day the bank agreed to keep the account until (留案), whichever is
 * later (GREATEST ignores a null).
 */
export function mandateEndSql(a = 'a', pl = 'pl'): string {
  return `greatest(${pl}.ends_on, ${a}.retained_until)`;
}

export interface PlacementRow {
  id: number; creditor_id: number; creditor_code: string; batch_ref: string; placed_on: string; ends_on: string;
  /** Accounts placed in it, and of those: still in collection, recalled, finished (paid in full or settled). */
  accounts: number; in_collection: number; recalled: number; finished: number;
  /** Of those in collection, the ones kept past the placement's last day (留案). */
  retained: number;
}

/** A creditor's placements (委案批次), the latest first, with their accounts counted by where they stand. */
export async function listPlacements(db: Queryable, creditorId: number): Promise<PlacementRow[]> {
  const { rows } = await db.query<PlacementRow>(
    `SELECT pl.id, pl.creditor_id, c.code AS creditor_code, pl.batch_ref, pl.placed_on::text, pl.ends_on::text,
            coalesce(n.accounts, 0) AS accounts, coalesce(n.in_collection, 0) AS in_collection,
            coalesce(n.recalled, 0) AS recalled, coalesce(n.finished, 0) AS finished, coalesce(n.retained, 0) AS retained
       FROM placements pl JOIN creditors c ON c.id = pl.creditor_id
       LEFT JOIN (SELECT a.placement_id, count(*)::int AS accounts,
                         count(*) FILTER (WHERE a.status = ANY($2::text[]))::int AS in_collection,
                         count(*) FILTER (WHERE a.status = ANY($2::text[]) AND a.retained_until IS NOT NULL)::int AS retained,
                         count(*) FILTER (WHERE a.status = 'recalled')::int AS recalled,
                         count(*) FILTER (WHERE a.status IN ('paid', 'settled'))::int AS finished
                    FROM accounts a WHERE a.creditor_id = $1 GROUP BY a.placement_id) n ON n.placement_id = pl.id
      WHERE pl.creditor_id = $1
      ORDER BY pl.placed_on DESC, pl.id DESC`, [creditorId, IN_COLLECTION]);
  return rows;
}

/** One placement by its batch reference, locked for a change of its term. */
export async function lockPlacement(db: Queryable, creditorId: number, batchRef: string): Promise<{ id: number; placed_on: string; ends_on: string } | undefined> {
  const { rows } = await db.query<{ id: number; placed_on: string; ends_on: string }>(
    'SELECT id, placed_on::text, ends_on::text FROM placements WHERE creditor_id = $1 AND batch_ref = $2 FOR UPDATE', [creditorId, batchRef]);
  return rows[0];
}

export async function setPlacementEnd(db: Queryable, creditorId: number, placementId: number, endsOn: string): Promise<void> {
  await db.query('UPDATE placements SET ends_on = $3 WHERE creditor_id = $1 AND id = $2', [creditorId, placementId, endsOn]);
}

export interface TermEnded { creditor_id: number; creditor_code: string; placement_id: number; batch_ref: string; ends_on: string; recalled: number; promises_cancelled: number }

/**
 * 到期退案: every account still in collection whose mandate ended before `date` (its placement's
 * last day, or the later day it was kept until: 留案) becomes recalled on that day; its previous
 * state goes to account_history, and its open promises end (cancelled, `recalled`: never broken).
 * An account paid in full or settled keeps that outcome. One row per placement and last day.
 */
export async function recallEndedPlacements(db: Queryable, date: string, at: Date): Promise<TermEnded[]> {
  const { rows } = await db.query<TermEnded>(
    `WITH expired AS MATERIALIZED (
       SELECT a.creditor_id, a.id AS account_id, pl.id AS placement_id, ${mandateEndSql()} AS ends_on, a.retained_until > pl.ends_on AS retained
         FROM placements pl JOIN accounts a ON a.creditor_id = pl.creditor_id AND a.placement_id = pl.id
        WHERE pl.ends_on < $1::date AND (a.retained_until IS NULL OR a.retained_until < $1::date) AND a.status = ANY($2::text[])
        FOR UPDATE OF a),
     history AS (
       INSERT INTO account_history (creditor_id, account_id, batch_id, principal_fen, interest_fen, fees_fen, status, placement_id, recalled_on)
       SELECT a.creditor_id, a.id, NULL, a.principal_fen, a.interest_fen, a.fees_fen, a.status, a.placement_id, a.recalled_on
         FROM expired x JOIN accounts a ON a.creditor_id = x.creditor_id AND a.id = x.account_id),
     recalled AS (
       UPDATE accounts a SET status = 'recalled', recalled_on = x.ends_on, recall_reason = 'term_end', version = a.version + 1, updated_at = $3
         FROM expired x WHERE a.creditor_id = x.creditor_id AND a.id = x.account_id
       RETURNING a.creditor_id, a.id, x.placement_id, x.ends_on),
     -- The collector holding an open promise is told it ended, and why (it is never counted broken).
     ended AS (
       UPDATE promises p SET status = 'cancelled', resolved_at = $3, cancel_reason = 'recalled'
         FROM expired x WHERE p.creditor_id = x.creditor_id AND p.account_id = x.account_id AND p.status = 'open'
       RETURNING ${ENDED_PROMISE_COLUMNS}, x.placement_id, x.ends_on AS term_end, x.retained),
     told AS (${tellPromiseHolders({
       en: `CASE WHEN e.retained THEN 'the end of its retention (留案)' ELSE 'the end of the placement''s term' END || ' on ' || e.term_end::text`,
       zh: `CASE WHEN e.retained THEN '留案到期' ELSE '委案到期' END || '（' || e.term_end::text || '）'` }, '$3::timestamptz')})
     SELECT r.creditor_id, c.code AS creditor_code, r.placement_id, pl.batch_ref, r.ends_on::text, r.n AS recalled, coalesce(x.n, 0) AS promises_cancelled
       FROM (SELECT creditor_id, placement_id, ends_on, count(*)::int AS n FROM recalled GROUP BY 1, 2, 3) r
       JOIN placements pl ON pl.creditor_id = r.creditor_id AND pl.id = r.placement_id
       JOIN creditors c ON c.id = r.creditor_id
       LEFT JOIN (SELECT creditor_id, placement_id, term_end, count(*)::int AS n FROM ended GROUP BY 1, 2, 3) x
         ON x.creditor_id = r.creditor_id AND x.placement_id = r.placement_id AND x.term_end = r.ends_on
      ORDER BY c.code, r.ends_on, pl.batch_ref`, [date, IN_COLLECTION, at]);
  return rows;
}

export interface RetainedAccount { account_no: string; account_id: number; placement_ends_on: string; was: string | null }

/**
 * 留案: keeps the listed accounts (by the creditor's account number) past their placement's last day
 * until `until`, those still in collection whose placement ends before it; returns those kept, with
 * their placement's last day and the day they were kept until before.
 */
export async function retainAccounts(db: Queryable, creditorId: number, accountNos: readonly string[], until: string): Promise<RetainedAccount[]> {
  const { rows } = await db.query<RetainedAccount>(
    `WITH kept AS (
       SELECT a.id, a.account_no, pl.ends_on, a.retained_until
         FROM accounts a JOIN placements pl ON pl.creditor_id = a.creditor_id AND pl.id = a.placement_id
        WHERE a.creditor_id = $1 AND a.account_no = ANY($2::text[]) AND a.status = ANY($4::text[]) AND pl.ends_on < $3::date
        FOR UPDATE OF a)
     UPDATE accounts a SET retained_until = $3::date, version = a.version + 1, updated_at = now()
       FROM kept k WHERE a.creditor_id = $1 AND a.id = k.id
     RETURNING a.account_no, a.id AS account_id, to_char(k.ends_on, 'YYYY-MM-DD') AS placement_ends_on, to_char(k.retained_until, 'YYYY-MM-DD') AS was`,
    [creditorId, accountNos, until, IN_COLLECTION]);
  return rows;
}

/** What each listed account number is, for saying why one was not kept. */
export async function accountsByNumber(db: Queryable, creditorId: number, accountNos: readonly string[]):
  Promise<Array<{ account_no: string; status: string; ends_on: string }>> {
  const { rows } = await db.query(
    `SELECT a.account_no, a.status, to_char(${mandateEndSql()}, 'YYYY-MM-DD') AS ends_on
       FROM accounts a JOIN placements pl ON pl.creditor_id = a.creditor_id AND pl.id = a.placement_id
      WHERE a.creditor_id = $1 AND a.account_no = ANY($2::text[])`, [creditorId, accountNos]);
  return rows;
}
