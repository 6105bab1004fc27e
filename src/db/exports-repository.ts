/** What the files sent back to creditors read (催记回传). */
import type { ContactRecord } from '../domain/exports/contact-records.ts';
import type { Queryable } from './pool.ts';

/** `at` as PostgreSQL prints it: only the next page's keyset reads it, and text is cheaper than a Date. */
export interface ContactRecordRow extends ContactRecord { id: number; at: string }

/**
 * One page of a creditor's contact attempts in [from, to) (instants), oldest first, after the
 * keyset `after` (the last row of the previous page). The time is the agency's wall clock.
 */
export async function contactRecordsPage(db: Queryable, q: { creditorId: number; from: Date; to: Date; zone: string;
  after: { at: string; id: number } | null; limit: number }): Promise<ContactRecordRow[]> {
  const { rows } = await db.query<ContactRecordRow>(
    `SELECT ca.id, ca.at::text AS at, to_char(ca.at AT TIME ZONE $4, 'YYYY-MM-DD HH24:MI:SS') AS at_local,
            a.account_no, ca.channel, ca.party, cp.value_mask AS contact_point_mask, ca.outcome, ca.delinquency_reason, ca.note,
            u.display_name AS collector_name, ca.initiated_by, ca.recording_ref
       FROM contact_attempts ca
       JOIN accounts a ON a.creditor_id = ca.creditor_id AND a.id = ca.account_id
       LEFT JOIN contact_points cp ON cp.id = ca.contact_point_id
       LEFT JOIN users u ON u.id = ca.collector_id
      WHERE ca.creditor_id = $1 AND ca.at >= $2 AND ca.at < $3
        AND ($5::timestamptz IS NULL OR (ca.at, ca.id) > ($5, $6))
      ORDER BY ca.at, ca.id
      LIMIT $7`,
    [q.creditorId, q.from, q.to, q.zone, q.after?.at ?? null, q.after?.id ?? 0, q.limit]);
  return rows;
}
