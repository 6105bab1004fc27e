import type { Queryable } from './pool.ts';

/** What the compliance engine needs to know about one account's debtor, read in one place. */
export interface ContactStateRows {
  account: { id: number; creditor_id: number; creditor_code: string; debtor_id: number; region_code: string | null };
  debtor: { time_zone: string; opted_out_channels: string[]; preferred_from: string | null; preferred_to: string | null };
  contract: { pack: string; compliance: Record<string, unknown> } | null;
  holds: Array<{ kind: string; starts_on: string; ends_on: string | null }>;
  history: Array<{ account_id: number; at: Date; channel: string; party: string; third_party_id: number | null; outcome: string; initiated_by: string }>;
  suspensions: Array<{ id: number; scope: string; code: string; from_date: string; to_date: string | null }>;
  contactPoint: { id: number; owner: string; opted_out: string[]; verified: string; debtor_id: number } | null;
}

/**
 * Loads the state for an account. With `lockDebtor` (inside a transaction) the debtor row is
 * locked first, so two collectors logging at once are counted one after the other.
 */
export async function loadContactState(db: Queryable, accountId: number, options: {
  historySince: Date; businessDate: string; contactPointId?: number | null; lockDebtor?: boolean;
}): Promise<ContactStateRows | undefined> {
  const acc = await db.query(
    `SELECT a.id, a.creditor_id, c.code AS creditor_code, a.debtor_id, coalesce(a.region_code, d.region_code) AS region_code,
            d.time_zone, d.opted_out_channels, p.preferred_from, p.preferred_to
       FROM accounts a JOIN creditors c ON c.id = a.creditor_id JOIN debtors d ON d.id = a.debtor_id
       LEFT JOIN debtor_contact_preferences p ON p.debtor_id = d.id
      WHERE a.id = $1`, [accountId]);
  const row = acc.rows[0];
  if (!row) return undefined;
  if (options.lockDebtor) await db.query('SELECT 1 FROM debtors WHERE id = $1 FOR UPDATE', [row.debtor_id]);
  const [contract, holds, history, suspensions, point] = await Promise.all([
    db.query(`SELECT pack, coalesce(terms->'compliance', '{}') AS compliance FROM contracts
               WHERE creditor_id = $1 ORDER BY (effective_from <= $2) DESC, version DESC LIMIT 1`, [row.creditor_id, options.businessDate]),
    db.query(`SELECT kind, starts_on, ends_on FROM holds
               WHERE debtor_id = $1 AND released_at IS NULL AND (account_id IS NULL OR account_id = $2)`, [row.debtor_id, accountId]),
    db.query(`SELECT account_id, at, channel, party, CASE WHEN party = 'third_party' THEN contact_point_id END AS third_party_id,
                     outcome, initiated_by
                FROM contact_attempts WHERE debtor_id = $1 AND at >= $2 ORDER BY at`, [row.debtor_id, options.historySince]),
    db.query(`SELECT id, scope, code, from_date, to_date FROM suspensions
               WHERE ended_at IS NULL AND (scope = 'region' OR (scope = 'creditor' AND code = $1) OR (scope = 'account' AND code = $2))`,
      [row.creditor_code, String(accountId)]),
    options.contactPointId
      ? db.query('SELECT id, owner, opted_out, verified, debtor_id FROM contact_points WHERE id = $1', [options.contactPointId])
      : Promise.resolve({ rows: [] }),
  ]);
  return {
    account: { id: row.id, creditor_id: row.creditor_id, creditor_code: row.creditor_code, debtor_id: row.debtor_id, region_code: row.region_code },
    debtor: { time_zone: row.time_zone, opted_out_channels: row.opted_out_channels, preferred_from: row.preferred_from, preferred_to: row.preferred_to },
    contract: contract.rows[0] ?? null,
    holds: holds.rows,
    history: history.rows,
    suspensions: suspensions.rows,
    contactPoint: point.rows[0] ?? null,
  };
}

export interface NewContactAttempt {
  creditorId: number; accountId: number; debtorId: number; contactPointId: number | null; channel: string; party: string;
  purpose: string; outcome: string; initiatedBy: string; at: Date; collectorId: number | null; note: string | null;
  recordingRef: string | null; decision: unknown; delinquencyReason?: string | null;
}

export async function insertContactAttempt(db: Queryable, a: NewContactAttempt): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO contact_attempts (creditor_id, account_id, debtor_id, contact_point_id, channel, party, purpose, outcome,
                                   initiated_by, at, collector_id, note, recording_ref, decision, delinquency_reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
    [a.creditorId, a.accountId, a.debtorId, a.contactPointId, a.channel, a.party, a.purpose, a.outcome, a.initiatedBy, a.at,
      a.collectorId, a.note, a.recordingRef, JSON.stringify(a.decision), a.delinquencyReason ?? null]);
  return rows[0]!.id;
}
