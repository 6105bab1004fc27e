import type { Queryable } from './pool.ts';

export interface DashboardRow {
  user_id: number; username: string; display_name: string; team_id: number; team_name: string;
  attempts: number; right_party: number; promises_taken: number; promises_kept: number; collected_fen: number; abusive: number;
  /** Accounts the collector holds that are now paid in full or settled (已结清) by a last payment dated that day. */
  paid_off: number;
  /**
   * Whether the collector works accounts of the creditors in scope (`creditorIds`): false for one all of whose
   * accounts are another currency's (a US desk's in yuan figures); true for one who holds none.
   */
  works_currency: boolean;
  /** Still a user (false: offboarded since, listed for a day they worked, so a past day's figures stay as they were). */
  active: boolean;
}

/**
 * Per collector of a team (or of every team), one day's work: every active collector, and one
 * offboarded since who worked that day (attempts, promises taken or kept, payments credited),
 * so that a past day reads as it did and as the reports count it. Attempts are the
 * agency's own; promises taken are those the collector took that day; promises kept are
 * those the collector took that were resolved kept (fully or partly) that day; collected is
 * the payments dated that day on the accounts the collector holds now; paid off, the accounts the
 * collector holds now that are finished (paid in full or settled) and whose last payment is dated
 * that day.
 */
export async function teamDayFigures(db: Queryable, q: { teamId: number | null; from: Date; to: Date; date: string; rightPartyCodes: readonly string[];
  /** Whose payments `collected` adds (the creditors of one currency); null: every creditor's. */
  creditorIds?: readonly number[] | null }):
  Promise<DashboardRow[]> {
  const { rows } = await db.query<DashboardRow>(
    `WITH crew AS (
       SELECT u.id, u.username, u.display_name, u.team_id, t.name AS team_name,
              ($6::bigint[] IS NULL
               OR NOT EXISTS (SELECT 1 FROM assignments s WHERE s.collector_id = u.id AND s.ended_at IS NULL)
               OR EXISTS (SELECT 1 FROM assignments s WHERE s.collector_id = u.id AND s.ended_at IS NULL AND s.creditor_id = ANY($6::bigint[]))) AS works_currency,
              u.active
         FROM users u JOIN teams t ON t.id = u.team_id
        WHERE u.role = 'collector' AND ($1::bigint IS NULL OR u.team_id = $1)
          AND (u.active
               OR EXISTS (SELECT 1 FROM contact_attempts ca WHERE ca.collector_id = u.id AND ca.at >= $2 AND ca.at < $3)
               OR EXISTS (SELECT 1 FROM promises p WHERE p.taken_by = u.id AND (p.created_at >= $2 AND p.created_at < $3 OR p.resolved_at >= $2 AND p.resolved_at < $3))
               OR EXISTS (SELECT 1 FROM payments pay WHERE pay.collector_id = u.id AND pay.paid_on = $5::date))),
     attempts AS (
       SELECT ca.collector_id,
              count(*) FILTER (WHERE ca.initiated_by = 'agency')::int AS attempts,
              -- Of those attempts, the ones that reached the debtor (as the contact funnel counts them): a debtor's own call in is not one.
              count(*) FILTER (WHERE ca.initiated_by = 'agency' AND ca.outcome = ANY($4::text[]))::int AS right_party,
              count(*) FILTER (WHERE ca.outcome = 'abusive')::int AS abusive
         FROM contact_attempts ca JOIN crew ON crew.id = ca.collector_id
        WHERE ca.at >= $2 AND ca.at < $3 GROUP BY ca.collector_id),
     taken AS (
       SELECT p.taken_by, count(*)::int AS n FROM promises p JOIN crew ON crew.id = p.taken_by
        WHERE p.created_at >= $2 AND p.created_at < $3 AND p.rescheduled_from IS NULL GROUP BY p.taken_by),
     kept AS (
       SELECT p.taken_by, count(*)::int AS n FROM promises p JOIN crew ON crew.id = p.taken_by
        WHERE p.status IN ('kept', 'partially_kept') AND p.resolved_at >= $2 AND p.resolved_at < $3 GROUP BY p.taken_by),
     -- The day's payments for whom they are credited (docs/money.md: the promise's holder, or the account's owner at the end of the
     -- payment day), as the incentives and the statements count them; one not yet settled, for whoever holds the account now.
     collected AS (
       SELECT c.collector_id, sum(c.amount_fen)::bigint AS fen FROM (
         SELECT coalesce(pay.collector_id, s.collector_id) AS collector_id, pay.amount_fen
           FROM payments pay
           LEFT JOIN assignments s ON pay.collector_id IS NULL AND s.creditor_id = pay.creditor_id AND s.account_id = pay.account_id AND s.ended_at IS NULL
          -- By creditor and date (payments_month), a handful of creditors each.
          WHERE pay.creditor_id IN (SELECT k.id FROM creditors k WHERE $6::bigint[] IS NULL OR k.id = ANY($6::bigint[])) AND pay.paid_on = $5::date) c
         JOIN crew ON crew.id = c.collector_id GROUP BY c.collector_id),
     paid_off AS (
       SELECT s.collector_id, count(*)::int AS n
         FROM assignments s JOIN crew ON crew.id = s.collector_id
         JOIN accounts a ON a.creditor_id = s.creditor_id AND a.id = s.account_id
        WHERE s.ended_at IS NULL AND a.status IN ('paid', 'settled')
          AND (SELECT max(pay.paid_on) FROM payments pay
                WHERE pay.creditor_id = s.creditor_id AND pay.account_id = s.account_id AND pay.amount_fen > 0) = $5::date
        GROUP BY s.collector_id)
     SELECT crew.id AS user_id, crew.username, crew.display_name, crew.team_id, crew.team_name,
            coalesce(a.attempts, 0) AS attempts, coalesce(a.right_party, 0) AS right_party,
            coalesce(taken.n, 0) AS promises_taken, coalesce(kept.n, 0) AS promises_kept,
            coalesce(collected.fen, 0)::float8 AS collected_fen, coalesce(a.abusive, 0) AS abusive, coalesce(paid_off.n, 0) AS paid_off,
            crew.works_currency, crew.active
       FROM crew LEFT JOIN attempts a ON a.collector_id = crew.id LEFT JOIN taken ON taken.taken_by = crew.id
       LEFT JOIN kept ON kept.taken_by = crew.id LEFT JOIN collected ON collected.collector_id = crew.id
       LEFT JOIN paid_off ON paid_off.collector_id = crew.id
      ORDER BY crew.team_name, crew.display_name, crew.id`,
    [q.teamId, q.from, q.to, q.rightPartyCodes, q.date, q.creditorIds ?? null]);
  return rows.map((r) => ({ ...r, collected_fen: Number(r.collected_fen) }));
}

export async function teamExists(db: Queryable, teamId: number): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM teams WHERE id = $1', [teamId]);
  return rows.length > 0;
}
