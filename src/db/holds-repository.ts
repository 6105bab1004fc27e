import type { Queryable } from './pool.ts';

export interface HoldRow {
  id: number; debtor_id: number; creditor_id: number | null; account_id: number | null; kind: string; reason: string;
  set_by: number | null; set_by_name: string | null; set_at: Date; starts_on: string; ends_on: string | null;
  released_at: Date | null; released_by: number | null; released_reason: string | null;
}

const SELECT = `SELECT h.id, h.debtor_id, h.creditor_id, h.account_id, h.kind, h.reason, h.set_by, u.display_name AS set_by_name,
  h.set_at, h.starts_on, h.ends_on, h.released_at, h.released_by, h.released_reason
  FROM holds h LEFT JOIN users u ON u.id = h.set_by`;

export async function insertHold(db: Queryable, hold: { debtorId: number; creditorId: number | null; accountId: number | null;
  kind: string; reason: string; setBy: number | null; startsOn: string; endsOn: string | null }): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO holds (debtor_id, creditor_id, account_id, kind, reason, set_by, starts_on, ends_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [hold.debtorId, hold.creditorId, hold.accountId, hold.kind, hold.reason, hold.setBy, hold.startsOn, hold.endsOn]);
  return rows[0]!.id;
}

export async function findHold(db: Queryable, id: number): Promise<HoldRow | undefined> {
  return (await db.query<HoldRow>(`${SELECT} WHERE h.id = $1`, [id])).rows[0];
}

/** Holds that bear on an account: its own and its debtor's debtor-wide ones. */
export async function listHoldsForAccount(db: Queryable, accountId: number, debtorId: number): Promise<HoldRow[]> {
  return (await db.query<HoldRow>(`${SELECT} WHERE h.debtor_id = $1 AND (h.account_id IS NULL OR h.account_id = $2) ORDER BY h.id`,
    [debtorId, accountId])).rows;
}

export async function releaseHoldRow(db: Queryable, id: number, by: number | null, reason: string, at: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE holds SET released_at = $2, released_by = $3, released_reason = $4 WHERE id = $1 AND released_at IS NULL',
    [id, at, by, reason]);
  return (rowCount ?? 0) > 0;
}

/**
 * The open case a hold belongs to, if any: a dispute waiting for the creditor's verification,
 * an open complaint, or a hardship application waiting for a decision. Such a hold ends with
 * its case, never on its own.
 */
export async function openCaseOfHold(db: Queryable, holdId: number): Promise<{ kind: 'dispute' | 'complaint' | 'hardship_application'; id: number } | null> {
  const { rows } = await db.query<{ kind: 'dispute' | 'complaint' | 'hardship_application'; id: number }>(
    `SELECT kind, id FROM complaints WHERE hold_id = $1 AND status = 'open'
     UNION ALL
     SELECT 'hardship_application', id FROM hardship_applications WHERE hold_id = $1 AND status IN ('submitted', 'info_requested')
     LIMIT 1`, [holdId]);
  return rows[0] ?? null;
}
