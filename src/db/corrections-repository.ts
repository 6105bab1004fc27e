import type { Queryable } from './pool.ts';

/** A contact attempt as a correction of its outcome needs it. */
export interface CorrectableAttempt {
  id: number; creditor_id: number; account_id: number; debtor_id: number; contact_point_id: number | null;
  channel: string; party: string; initiated_by: string; outcome: string; call_status: string | null; result_recorded_at: Date | null;
}

export async function findCorrectableAttempt(db: Queryable, attemptId: number, lock = false): Promise<CorrectableAttempt | undefined> {
  const { rows } = await db.query<CorrectableAttempt>(
    `SELECT id, creditor_id, account_id, debtor_id, contact_point_id, channel, party, initiated_by, outcome, call_status, result_recorded_at
       FROM contact_attempts WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [attemptId]);
  return rows[0];
}

/** Sets the attempt's outcome (the contact report follows by trigger, 0032) and keeps what it replaced; returns the correction's id. */
export async function correctOutcome(db: Queryable, c: { creditorId: number; attemptId: number; from: string; to: string; reason: string; by: number; at: Date }): Promise<number> {
  // A click-to-call attempt's result counts as recorded from now: the gateway's later word no longer sets it.
  await db.query(`UPDATE contact_attempts SET outcome = $2,
                         result_recorded_at = CASE WHEN call_status IS NULL THEN result_recorded_at ELSE coalesce(result_recorded_at, $3) END
                   WHERE id = $1`, [c.attemptId, c.to, c.at]);
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO contact_corrections (creditor_id, attempt_id, from_outcome, to_outcome, reason, corrected_by, corrected_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, [c.creditorId, c.attemptId, c.from, c.to, c.reason, c.by, c.at]);
  return rows[0]!.id;
}
