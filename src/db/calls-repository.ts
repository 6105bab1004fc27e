import type { Queryable } from './pool.ts';

/** Click-to-call (一键外呼): the attempts placed through the telephony gateway and their results. */

/** Serializes one collector's dials (two tabs at once) for the rest of the transaction. */
export async function lockCollectorDials(db: Queryable, collectorId: number): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(8101, $1::int)', [collectorId]);
}

export interface PendingDial { attempt_id: number; account_id: number; contact_point_mask: string | null; at: Date }

/** The collector's latest call whose result is not recorded yet, placed since `since`. */
export async function pendingDial(db: Queryable, collectorId: number, since: Date): Promise<PendingDial | undefined> {
  const { rows } = await db.query<PendingDial>({ name: 'calls-pending', text:
    `SELECT a.id AS attempt_id, a.account_id, cp.value_mask AS contact_point_mask, a.at
       FROM contact_attempts a LEFT JOIN contact_points cp ON cp.id = a.contact_point_id
      WHERE a.collector_id = $1 AND a.outcome = 'dialed' AND a.at >= $2 ORDER BY a.id DESC LIMIT 1`, values: [collectorId, since] });
  return rows[0];
}

export interface DialPoint { id: number; debtor_id: number; kind: string; owner: 'debtor' | 'third_party'; verified: string; value_enc: Buffer | null }

export async function findDialPoint(db: Queryable, pointId: number): Promise<DialPoint | undefined> {
  const { rows } = await db.query<DialPoint>('SELECT id, debtor_id, kind, owner, verified, value_enc FROM contact_points WHERE id = $1 AND erased_at IS NULL', [pointId]);
  return rows[0];
}

/** The gateway took the call: its reference (the recording's too), and the call is `placed`. */
export async function setCallRef(db: Queryable, attemptId: number, callRef: string): Promise<void> {
  await db.query(`UPDATE contact_attempts SET recording_ref = $2, call_status = 'placed' WHERE id = $1`, [attemptId, callRef]);
}

/** The gateway did not take the call: it never left, so it counts towards nothing, and there is no result to record. */
export async function failDial(db: Queryable, attemptId: number, error: string): Promise<void> {
  await db.query(`UPDATE contact_attempts SET outcome = 'network_error', note = $2, call_status = 'failed', result_recorded_at = now()
                   WHERE id = $1 AND outcome = 'dialed'`, [attemptId, error]);
}

export interface DialledAttempt {
  id: number; creditor_id: number; account_id: number; debtor_id: number; contact_point_id: number | null; collector_id: number | null;
  channel: string; outcome: string; at: Date; call_status: string | null; result_recorded_at: Date | null;
}

export async function findAttempt(db: Queryable, attemptId: number, lock = false): Promise<DialledAttempt | undefined> {
  const { rows } = await db.query<DialledAttempt>(
    `SELECT id, creditor_id, account_id, debtor_id, contact_point_id, collector_id, channel, outcome, at, call_status, result_recorded_at
       FROM contact_attempts WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [attemptId]);
  return rows[0];
}

export async function recordCallResult(db: Queryable, attemptId: number,
  r: { outcome: string; note: string | null; delinquencyReason: string | null; language: string | null; disclosureGiven: boolean | null; at: Date }): Promise<void> {
  await db.query(`UPDATE contact_attempts SET outcome = $2, note = $3, delinquency_reason = $4, result_recorded_at = $5, language = $6, disclosure_given = $7
                   WHERE id = $1`, [attemptId, r.outcome, r.note, r.delinquencyReason, r.at, r.language, r.disclosureGiven]);
}

/**
 * How the gateway says a call ended: its status and length, and the outcome of an unanswered
 * call whose result no one recorded yet (an answered one waits for the collector's).
 */
export async function recordCallEnd(db: Queryable, attemptId: number, e: { status: string; seconds: number | null; recordingRef: string | null; outcome: string | null }): Promise<void> {
  await db.query(
    `UPDATE contact_attempts SET call_status = $2, call_seconds = $3, recording_ref = coalesce($4, recording_ref),
            outcome = CASE WHEN $5::text IS NOT NULL AND result_recorded_at IS NULL THEN $5::text ELSE outcome END
      WHERE id = $1`, [attemptId, e.status, e.seconds, e.recordingRef, e.outcome]);
}
