/** What the files sent back to creditors read (催记回传). */
import type { AccountStatusRecord } from '../domain/exports/account-status.ts';
import type { RecalledAccountRecord } from '../domain/exports/recalled-accounts.ts';
import type { ContactRecord } from '../domain/exports/contact-records.ts';
import { usRegionName } from '../domain/import/person-us.ts';
import { BALANCE_NOW_SQL, PARTS_NOW_JOIN, SHOWN_STATUS_SQL } from './accounts-repository.ts';
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

export interface AccountStatusRow extends AccountStatusRecord { id: number }

/**
 * One page of the accounts a creditor has with the agency (recalled and erased ones left out),
 * by id after `afterId`: their balance parts and balance now (the bank's last statement less what
 * was paid since, as the screens show them), their status as the screens show it (on hold while a hold
 * that stops collection is in force on `today`), their collector, last contact (the agency's wall clock), earliest
 * open promise and the kinds of the holds in force on `today`.
 */
export async function accountStatusPage(db: Queryable, q: { creditorId: number; zone: string; today: string; afterId: number; limit: number }):
  Promise<AccountStatusRow[]> {
  const { rows } = await db.query<AccountStatusRow>(
    `SELECT a.id, a.account_no, ${SHOWN_STATUS_SQL('a', '$3::date')} AS status, now.principal_fen, now.interest_fen, now.fees_fen,
            ${BALANCE_NOW_SQL('a', 'now.paid_since_fen')} AS balance_fen, a.first_delinquency_date::text AS first_delinquency_date,
            u.display_name AS collector_name,
            to_char(la.at AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI:SS') AS last_contact_local, la.outcome AS last_outcome,
            pr.amount_fen AS promise_fen, pr.due_date::text AS promise_due,
            (SELECT string_agg(DISTINCT h.kind, ',' ORDER BY h.kind) FROM holds h
              WHERE h.debtor_id = a.debtor_id AND h.released_at IS NULL AND h.starts_on <= $3::date AND (h.ends_on IS NULL OR h.ends_on >= $3::date)
                AND (h.account_id IS NULL OR (h.creditor_id = a.creditor_id AND h.account_id = a.id))) AS hold_kinds,
            d.preferred_language AS language
       FROM accounts a
       JOIN debtors d ON d.id = a.debtor_id AND d.erased_at IS NULL
       ${PARTS_NOW_JOIN()}
       LEFT JOIN assignments s ON s.creditor_id = a.creditor_id AND s.account_id = a.id AND s.ended_at IS NULL
       LEFT JOIN users u ON u.id = s.collector_id
       LEFT JOIN LATERAL (SELECT ca.at, ca.outcome FROM contact_attempts ca WHERE ca.creditor_id = a.creditor_id AND ca.account_id = a.id
                           ORDER BY ca.at DESC, ca.id DESC LIMIT 1) la ON true
       LEFT JOIN LATERAL (SELECT p.amount_fen, p.due_date FROM promises p WHERE p.creditor_id = a.creditor_id AND p.account_id = a.id AND p.status = 'open'
                           ORDER BY p.due_date, p.id LIMIT 1) pr ON true
      WHERE a.creditor_id = $1 AND a.status <> 'recalled' AND a.id > $4
      ORDER BY a.id
      LIMIT $5`,
    [q.creditorId, q.zone, q.today, q.afterId, q.limit]);
  return rows;
}

export interface RecalledAccountRow extends RecalledAccountRecord { id: number }

/**
 * One page of the creditor's accounts whose recall date falls from..to (recalled, or paid or
 * settled and then recalled), by id after `afterId`: their batch, why they went back, what was paid while placed, their last collector and contact.
 */
export async function recalledAccountsPage(db: Queryable, q: { creditorId: number; from: string; to: string; zone: string; afterId: number; limit: number }):
  Promise<RecalledAccountRow[]> {
  const { rows } = await db.query<RecalledAccountRow>(
    `SELECT a.id, a.account_no, pl.batch_ref, pl.placed_on::text AS placed_on, a.recalled_on::text AS recalled_on,
            a.recall_reason, a.status,
            a.principal_fen, a.interest_fen, a.fees_fen,
            (SELECT coalesce(sum(p.amount_fen), 0) FROM payments p WHERE p.creditor_id = a.creditor_id AND p.account_id = a.id
                AND p.paid_on BETWEEN pl.placed_on AND a.recalled_on)::float8 AS recovered_fen,
            u.display_name AS collector_name,
            to_char(la.at AT TIME ZONE $4, 'YYYY-MM-DD HH24:MI:SS') AS last_contact_local, la.outcome AS last_outcome
       FROM accounts a
       JOIN placements pl ON pl.creditor_id = a.creditor_id AND pl.id = a.placement_id
       LEFT JOIN LATERAL (SELECT s.collector_id FROM assignments s WHERE s.creditor_id = a.creditor_id AND s.account_id = a.id
                           ORDER BY s.ended_at IS NULL DESC, s.ended_at DESC, s.id DESC LIMIT 1) s ON true
       LEFT JOIN users u ON u.id = s.collector_id
       LEFT JOIN LATERAL (SELECT ca.at, ca.outcome FROM contact_attempts ca WHERE ca.creditor_id = a.creditor_id AND ca.account_id = a.id
                           ORDER BY ca.at DESC, ca.id DESC LIMIT 1) la ON true
      WHERE a.creditor_id = $1 AND a.recalled_on BETWEEN $2::date AND $3::date AND a.id > $5
      ORDER BY a.id
      LIMIT $6`,
    [q.creditorId, q.from, q.to, q.zone, q.afterId, q.limit]);
  return rows.map((r) => ({ ...r, recovered_fen: Number(r.recovered_fen) }));
}

/** A lost-contact account (失联) for a skip-trace vendor: the account number, the debtor's name and encrypted ID number. */
export interface LostContactRow { id: number; account_no: string; debtor_name: string | null; id_number_enc: Buffer | null; region_name: string | null }
type LostContactQueryRow = LostContactRow & { region_code: string | null };

/**
 * One page of a creditor's lost-contact accounts (erased debtors left out), by id after `afterId`:
 * those marked 失联, and those being collected whose debtor has no own contact point that works.
 */
export async function lostContactPage(db: Queryable, q: { creditorId: number; afterId: number; limit: number }): Promise<LostContactRow[]> {
  const { rows } = await db.query<LostContactQueryRow>(
    `SELECT a.id, a.account_no, d.name AS debtor_name, d.id_number_enc, r.name AS region_name, coalesce(a.region_code, d.region_code) AS region_code
       FROM accounts a JOIN debtors d ON d.id = a.debtor_id LEFT JOIN regions r ON r.code = coalesce(a.region_code, d.region_code)
      WHERE a.creditor_id = $1 AND d.erased_at IS NULL AND a.id > $2
        -- Lost (失联), or back in the queue (a promise ended, a hold lifted) with still no own number or address that works.
        AND (a.status = 'lost_contact'
             OR (a.status IN ('placed', 'active') AND NOT EXISTS (SELECT 1 FROM contact_points cp WHERE cp.debtor_id = a.debtor_id AND cp.owner = 'debtor'
                                                                     AND cp.verified <> 'invalid' AND cp.erased_at IS NULL)))
      ORDER BY a.id LIMIT $3`, [q.creditorId, q.afterId, q.limit]);
  // The regions table is GB/T 2260's; a US state's name is the product's own.
  return rows.map(({ region_code: code, ...r }) => ({ ...r, region_name: r.region_name ?? usRegionName(code) }));
}

/** Whether any of the creditor's accounts has this recall date (the nightly drop writes a recall list only then). */
export async function anyRecalledOn(db: Queryable, creditorId: number, date: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM accounts WHERE creditor_id = $1 AND recalled_on = $2::date LIMIT 1', [creditorId, date]);
  return rows.length > 0;
}
