/** All SQL on contract versions (委托合同). A version is never changed: a new one is added. */
import type { Queryable } from './pool.ts';

export interface ContractRow {
  creditor_id: number; creditor: string; version: number; name: string; pack: string; effective_from: string;
  placement_days: number; commission: unknown; terms: Record<string, unknown>; created_at: Date; created_by: number | null;
}

const SELECT = `SELECT k.creditor_id, c.code AS creditor, k.version, k.name, k.pack, k.effective_from, k.placement_days,
  k.commission, k.terms, k.created_at, k.created_by FROM contracts k JOIN creditors c ON c.id = k.creditor_id`;

/** Every version of a creditor's contract, newest first. */
export async function listContractVersions(db: Queryable, creditorId: number): Promise<ContractRow[]> {
  const { rows } = await db.query<ContractRow>(`${SELECT} WHERE k.creditor_id = $1 ORDER BY k.version DESC`, [creditorId]);
  return rows;
}

/**
 * The version in force on a date: the highest version effective by then, else (nothing
 * effective yet) the latest. The same choice the strategy and compliance readers make.
 */
export async function contractInForce(db: Queryable, creditorId: number, date: string): Promise<ContractRow | undefined> {
  const { rows } = await db.query<ContractRow>(
    `${SELECT} WHERE k.creditor_id = $1 ORDER BY (k.effective_from <= $2::date) DESC, k.version DESC LIMIT 1`, [creditorId, date]);
  return rows[0];
}

/**
 * SQL for the pack of a creditor's contract in force on a date (null without a contract), chosen
 * as contractInForce does: `creditor` and `date` are SQL expressions of the query it goes in.
 */
export function packInForceSql(creditor: string, date: string): string {
  return `(SELECT k.pack FROM contracts k WHERE k.creditor_id = ${creditor} ORDER BY (k.effective_from <= ${date}) DESC, k.version DESC LIMIT 1)`;
}

/**
 * The pack of each creditor's contract in force on the date, chosen as contractInForce does
 * (creditors without one are left out); `creditorIds` null: every creditor's.
 */
export async function packsInForce(db: Queryable, creditorIds: readonly number[] | null, date: string): Promise<Map<number, string>> {
  if (creditorIds !== null && creditorIds.length === 0) return new Map();
  const { rows } = await db.query<{ creditor_id: number; pack: string }>(
    `SELECT DISTINCT ON (creditor_id) creditor_id, pack FROM contracts WHERE $1::bigint[] IS NULL OR creditor_id = ANY($1::bigint[])
      ORDER BY creditor_id, (effective_from <= $2::date) DESC, version DESC`, [creditorIds === null ? null : [...new Set(creditorIds)], date]);
  return new Map(rows.map((r) => [r.creditor_id, r.pack]));
}

export async function insertContractVersion(db: Queryable, c: {
  creditorId: number; name: string; pack: string; effectiveFrom: string; placementDays: number;
  commission: unknown; terms: Record<string, unknown>; createdBy: number | null;
}): Promise<number> {
  // Serialises two writers of one creditor's next version on the creditor row.
  await db.query('SELECT 1 FROM creditors WHERE id = $1 FOR UPDATE', [c.creditorId]);
  const { rows } = await db.query<{ version: number }>(
    `INSERT INTO contracts (creditor_id, version, name, pack, effective_from, placement_days, commission, terms, created_by)
     SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5, $6, $7, $8 FROM contracts WHERE creditor_id = $1
     RETURNING version`,
    [c.creditorId, c.name, c.pack, c.effectiveFrom, c.placementDays, JSON.stringify(c.commission), JSON.stringify(c.terms), c.createdBy]);
  return rows[0]!.version;
}
