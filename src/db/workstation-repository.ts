import { BALANCE_NOW_SQL, PAID_SINCE_STATEMENT_SQL, PARTS_NOW_JOIN, SHOWN_STATUS_SQL, STATED_ON_SQL } from './accounts-repository.ts';
import { packInForceSql } from './contracts-repository.ts';
import { mandateEndSql } from './placements-repository.ts';
import { usRegionName } from '../domain/import/person-us.ts';
import { inTransaction, type Pool, type Queryable } from './pool.ts';

// ---------------------------------------------------------------------------------------
// The queue (migration 0014, docs/workstation.md): each collector's active accounts in queue
// order, written once to work_queue and read from the top. The order: the latest strategy
// run's priority (accounts it did not score last), then the larger balance, then the oldest
// delinquency (highest DPD), then the id. The statements every "next account" and "log
// contact" runs are named (prepared once per connection): under load, planning them again on
// every request cost more CPU than running them.

export interface QueueCandidate { account_id: number; creditor_id: number; callback_due_at: Date | null }

/**
 * Writes the collector's queue again if it is still stale (or was never built) once its state
 * row is locked: two requests of one collector build it once, and an assignment committed
 * meanwhile either is seen by the build or marks the queue stale again after it.
 */
export async function rebuildQueueIfStale(pool: Pool, collectorId: number, now: Date): Promise<boolean> {
  return inTransaction(pool, async (client) => {
    await client.query({ name: 'ws-queue-state-ensure', text: 'INSERT INTO work_queue_state (collector_id) VALUES ($1) ON CONFLICT DO NOTHING', values: [collectorId] });
    const locked = await client.query<{ stale: boolean }>({ name: 'ws-queue-state-lock', text: 'SELECT stale FROM work_queue_state WHERE collector_id = $1 FOR UPDATE', values: [collectorId] });
    if (!locked.rows[0]!.stale) return false;
    await client.query({ name: 'ws-queue-clear', text: 'DELETE FROM work_queue WHERE collector_id = $1', values: [collectorId] });
    const built = await client.query({ name: 'ws-queue-build', text: `INSERT INTO work_queue (collector_id, position, account_id, creditor_id)
      SELECT $1, row_number() OVER (ORDER BY coalesce(st.priority, -1) DESC, ${BALANCE_NOW_SQL('a', PAID_SINCE_STATEMENT_SQL())} DESC,
                                             a.first_delinquency_date, a.id), a.id, a.creditor_id
        FROM assignments asg
        JOIN accounts a ON a.creditor_id = asg.creditor_id AND a.id = asg.account_id
        LEFT JOIN account_strategy st ON st.business_date = (SELECT max(business_date) FROM account_strategy)
                                     AND st.creditor_id = a.creditor_id AND st.account_id = a.id
       WHERE asg.collector_id = $1 AND asg.ended_at IS NULL AND a.status = 'active'`, values: [collectorId] });
    // Every queued account has its claim row from now on ("next account" only updates it).
    await client.query({ name: 'ws-queue-claim-rows', text: `INSERT INTO work_claims (account_id)
      SELECT account_id FROM work_queue WHERE collector_id = $1 ON CONFLICT DO NOTHING`, values: [collectorId] });
    await client.query({ name: 'ws-queue-built', text: 'UPDATE work_queue_state SET stale = false, built_at = $2, accounts = $3 WHERE collector_id = $1',
      values: [collectorId, now, built.rowCount ?? 0] });
    return true;
  });
}

/** Active users holding accounts whose queue is stale or was never built. */
export async function staleQueueCollectors(db: Queryable): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(`SELECT u.id FROM users u
      WHERE u.active AND EXISTS (SELECT 1 FROM assignments asg WHERE asg.collector_id = u.id AND asg.ended_at IS NULL)
        AND NOT EXISTS (SELECT 1 FROM work_queue_state s WHERE s.collector_id = u.id AND NOT s.stale)
      ORDER BY u.id`);
  return rows.map((r) => r.id);
}

/**
 * The collector's workable accounts in queue order (domain/workstation/queue.ts): open
 * callbacks that are due first (on active or promised accounts they hold), then the queue
 * from the top. Left out: accounts handed to a supervisor, claimed by anyone, no longer
 * active, or contacted within the rest period (unless a callback is due; the newest contact
 * is on the claim row, kept by a trigger on contact_attempts).
 */
export async function queueCandidates(db: Queryable, q: { collectorId: number; now: Date; restSince: Date; limit: number; excludeAccountId: number | null }):
  Promise<QueueCandidate[]> {
  const { rows } = await db.query<QueueCandidate>({
    name: 'ws-queue-candidates',
    // Each probe is an EXISTS the planner keeps as a per-row filter (OFFSET 0 stops it turning
    // them into joins): the plan stays "walk the queue's index from the top, stop at $4", with
    // a cost that does not grow with the number of accounts the collector holds.
    text: `(SELECT c.account_id, c.creditor_id, min(c.due_at) AS callback_due_at, 0 AS position
         FROM callbacks c
        WHERE c.collector_id = $1 AND c.status = 'open' AND c.due_at <= $2 AND c.account_id IS DISTINCT FROM $5
          AND EXISTS (SELECT 1 FROM assignments asg WHERE asg.creditor_id = c.creditor_id AND asg.account_id = c.account_id
                         AND asg.ended_at IS NULL AND asg.collector_id = $1 OFFSET 0)
          AND EXISTS (SELECT 1 FROM accounts a WHERE a.id = c.account_id AND a.status IN ('active', 'promised') OFFSET 0)
          AND NOT EXISTS (SELECT 1 FROM work_claims wc WHERE wc.account_id = c.account_id AND wc.claimed_by IS NOT NULL
                             AND (wc.expires_at IS NULL OR wc.expires_at > $2) OFFSET 0)
          AND NOT EXISTS (SELECT 1 FROM handoffs h WHERE h.creditor_id = c.creditor_id AND h.account_id = c.account_id AND h.resolved_at IS NULL OFFSET 0)
        GROUP BY c.creditor_id, c.account_id
        ORDER BY min(c.due_at), c.account_id
        LIMIT $4)
      UNION ALL
      (SELECT q.account_id, q.creditor_id, NULL, q.position
         FROM work_queue q
        WHERE q.collector_id = $1 AND q.account_id IS DISTINCT FROM $5
          AND EXISTS (SELECT 1 FROM accounts a WHERE a.id = q.account_id AND a.status = 'active' OFFSET 0)
          AND NOT EXISTS (SELECT 1 FROM work_claims wc WHERE wc.account_id = q.account_id
                             AND ((wc.claimed_by IS NOT NULL AND (wc.expires_at IS NULL OR wc.expires_at > $2)) OR wc.last_contact_at > $3) OFFSET 0)
          AND NOT EXISTS (SELECT 1 FROM handoffs h WHERE h.creditor_id = q.creditor_id AND h.account_id = q.account_id AND h.resolved_at IS NULL OFFSET 0)
        ORDER BY q.position
        LIMIT $4)`,
    values: [q.collectorId, q.now, q.restSince, q.limit, q.excludeAccountId],
  });
  // An account with a callback due is offered once, as a callback.
  const seen = new Set<number>();
  const out: QueueCandidate[] = [];
  for (const r of rows) {
    const id = Number(r.account_id);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ account_id: id, creditor_id: Number(r.creditor_id), callback_due_at: r.callback_due_at });
    if (out.length === q.limit) break;
  }
  return out;
}

/** Claim rows exist for every account that has been offered (queued accounts get theirs when the queue is built). */
export async function ensureClaimRows(db: Queryable, accountIds: number[]): Promise<void> {
  if (accountIds.length === 0) return;
  await db.query({ name: 'ws-ensure-claims', text: 'INSERT INTO work_claims (account_id) SELECT unnest($1::bigint[]) ON CONFLICT DO NOTHING', values: [accountIds] });
}

/**
 * Claims the account for the user if nobody holds it (or the hold expired): one conditional
 * UPDATE, so of two requests deciding on the same account at once exactly one gets it (the
 * second waits for the first's row lock, then re-reads the row as claimed and gets nothing).
 */
/**
 * Claims the account unless another request holds it or (with `restSince`) it was contacted since
 * then: the candidates were read before, and a call logged by another tab meanwhile, whose claim it
 * then gave back, must still rest the account.
 */
export async function claimIfFree(db: Queryable, accountId: number, userId: number, now: Date, expiresAt: Date, restSince: Date | null): Promise<boolean> {
  const { rowCount } = await db.query({ name: 'ws-claim-if-free-resting', text: `UPDATE work_claims SET claimed_by = $2, claimed_at = $3, expires_at = $4
      WHERE account_id = $1 AND (claimed_by IS NULL OR expires_at <= $3) AND ($5::timestamptz IS NULL OR last_contact_at IS NULL OR last_contact_at <= $5)`,
  values: [accountId, userId, now, expiresAt, restSince] });
  return rowCount === 1;
}

export async function releaseClaim(db: Queryable, accountId: number, userId: number): Promise<void> {
  await db.query({ name: 'ws-release-claim', text: 'UPDATE work_claims SET claimed_by = NULL, claimed_at = NULL, expires_at = NULL WHERE account_id = $1 AND claimed_by = $2', values: [accountId, userId] });
}

export interface QueueLimits { break_until: Date | null; cap: number | null; attempts_today: number; queue_stale: boolean | null }

/**
 * What may stop the queue (a break, the daily cap) and whether the collector's queue must be
 * built first (null: never built), giving back the account the collector is leaving in the
 * same statement: one round trip before the candidates are read.
 */
export async function queueLimits(db: Queryable, userId: number, now: Date, dayStart: Date, release: number | null): Promise<QueueLimits> {
  const { rows } = await db.query<QueueLimits>({ name: 'ws-queue-limits', text: `WITH released AS (
              UPDATE work_claims SET claimed_by = NULL, claimed_at = NULL, expires_at = NULL
               WHERE account_id = $4 AND claimed_by = $1 RETURNING account_id)
     SELECT (SELECT max(until) FROM queue_breaks WHERE user_id = $1 AND starts_at <= $2) AS break_until,
            (SELECT daily_attempts FROM collector_caps WHERE user_id = $1) AS cap,
            (SELECT count(*)::int FROM contact_attempts WHERE collector_id = $1 AND at >= $3 AND initiated_by = 'agency') AS attempts_today,
            (SELECT stale FROM work_queue_state WHERE collector_id = $1) AS queue_stale`, values: [userId, now, dayStart, release] });
  return rows[0]!;
}

// ---------------------------------------------------------------------------------------
// Version (optimistic locking) and status.

export interface LockedAccount { id: number; creditor_id: number; debtor_id: number; version: number; status: string;
  balance_fen: number; terms: Record<string, unknown> | null;
  /** The compliance pack of the contract in force (CN, US, UK; null: no contract): the account's currency. */
  pack: string | null;
  /** The last day of the account's mandate (its placement's, or the later day it was kept until: 留案), YYYY-MM-DD. */
  mandate_ends_on: string }

/** Locks the account row for the change about to be made; its version says who changed it last. */
export async function lockAccount(db: Queryable, accountId: number, businessDate: string): Promise<LockedAccount | undefined> {
  // The balance now: the bank's last statement of it, less what was paid since (a promise is never for more).
  const { rows } = await db.query<LockedAccount>({ name: 'ws-lock-account', text: `SELECT a.id, a.creditor_id, a.debtor_id, a.version, a.status,
            ${BALANCE_NOW_SQL('a', PAID_SINCE_STATEMENT_SQL())} AS balance_fen,
            k.terms, k.pack,
            (SELECT to_char(${mandateEndSql()}, 'YYYY-MM-DD') FROM placements pl
              WHERE pl.creditor_id = a.creditor_id AND pl.id = a.placement_id) AS mandate_ends_on
       FROM accounts a
       LEFT JOIN LATERAL (SELECT k.terms, k.pack FROM contracts k WHERE k.creditor_id = a.creditor_id
                           ORDER BY (k.effective_from <= $2) DESC, k.version DESC LIMIT 1) k ON true
      WHERE a.id = $1 FOR UPDATE OF a`, values: [accountId, businessDate] });
  return rows[0];
}

/** What decides whether a debt may be time-barred (src/domain/time-barred.ts): the pack in force, where the debtor is, the first delinquency, the bank. */
export async function timeBarFacts(db: Queryable, accountId: number, businessDate: string):
  Promise<{ pack: string | null; region_code: string | null; first_delinquency_date: string; creditor_name: string }> {
  const { rows } = await db.query(
    `SELECT ${packInForceSql('a.creditor_id', '$2::date')} AS pack, coalesce(a.region_code, d.region_code) AS region_code,
            to_char(a.first_delinquency_date, 'YYYY-MM-DD') AS first_delinquency_date, c.name AS creditor_name
       FROM accounts a JOIN debtors d ON d.id = a.debtor_id JOIN creditors c ON c.id = a.creditor_id WHERE a.id = $1`, [accountId, businessDate]);
  return rows[0];
}

/** One more change to the account: a new version, and the status if it moves. */
export async function bumpAccount(db: Queryable, accountId: number, status?: string): Promise<number> {
  const { rows } = await db.query<{ version: number }>({ name: 'ws-bump-account', text: `UPDATE accounts SET version = version + 1, updated_at = now(), status = coalesce($2, status) WHERE id = $1 RETURNING version`, values: [accountId, status ?? null] });
  return rows[0]!.version;
}

/** Sets the status of the debtor's accounts that are in `from` to `to`; returns their ids. */
export async function moveDebtorAccounts(db: Queryable, debtorId: number, from: string, to: string): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    `UPDATE accounts SET status = $3, version = version + 1, updated_at = now() WHERE debtor_id = $1 AND status = $2 RETURNING id`,
    [debtorId, from, to]);
  return rows.map((r) => r.id);
}

/** Locks the debtor's row; whether their personal data was erased (at the end of the retention period). */
export async function lockDebtor(db: Queryable, debtorId: number): Promise<{ erased: boolean }> {
  const { rows } = await db.query<{ erased: boolean }>('SELECT erased_at IS NOT NULL AS erased FROM debtors WHERE id = $1 FOR UPDATE', [debtorId]);
  return { erased: rows[0]?.erased ?? false };
}

/** Sets the language the debtor asked to be written to in (NULL: not stated); the one it replaces. */
export async function setPreferredLanguage(db: Queryable, debtorId: number, language: string | null): Promise<string | null> {
  const { rows } = await db.query<{ before: string | null }>(
    `UPDATE debtors d SET preferred_language = $2 FROM (SELECT preferred_language AS before FROM debtors WHERE id = $1) old
      WHERE d.id = $1 RETURNING old.before`, [debtorId, language]);
  return rows[0]?.before ?? null;
}

/** Sets a debtor's name; the one it replaces (null: no such debtor, or their personal data erased, and nothing changed). */
export async function setDebtorName(db: Queryable, debtorId: number, name: string): Promise<string | null> {
  const { rows } = await db.query<{ before: string }>(
    `UPDATE debtors d SET name = $2 FROM (SELECT name AS before FROM debtors WHERE id = $1) old
      WHERE d.id = $1 AND d.erased_at IS NULL RETURNING old.before`, [debtorId, name]);
  return rows[0]?.before ?? null;
}

// ---------------------------------------------------------------------------------------
// Promises, callbacks, contact points.

export async function hasOpenPromise(db: Queryable, creditorId: number, accountId: number): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM promises WHERE creditor_id = $1 AND account_id = $2 AND status = 'open'`, [creditorId, accountId]);
  return rows.length > 0;
}

export async function insertPromise(db: Queryable, p: { creditorId: number; accountId: number; amountFen: number; dueDate: string; takenBy: number | null; at: Date;
  /** 改约: the promise this one replaces. */
  rescheduledFrom?: number | null }): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO promises (creditor_id, account_id, amount_fen, due_date, taken_by, created_at, rescheduled_from) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [p.creditorId, p.accountId, p.amountFen, p.dueDate, p.takenBy, p.at, p.rescheduledFrom ?? null]);
  return rows[0]!.id;
}

export interface OpenPromise { id: number; creditor_id: number; account_id: number; amount_fen: number; due_date: string; rescheduled_from: number | null }

/** The account a promise is of (to lock it first), if the promise exists. */
export async function promiseAccountId(db: Queryable, promiseId: number): Promise<number | undefined> {
  return (await db.query<{ account_id: number }>('SELECT account_id FROM promises WHERE id = $1', [promiseId])).rows[0]?.account_id;
}

/** The account's open promise, locked (the caller holds the account's lock), if it has one. */
export async function openPromiseOf(db: Queryable, creditorId: number, accountId: number): Promise<OpenPromise | undefined> {
  const { rows } = await db.query<OpenPromise>(
    `SELECT id, creditor_id, account_id, amount_fen::float8 AS amount_fen, to_char(due_date, 'YYYY-MM-DD') AS due_date, rescheduled_from
       FROM promises WHERE creditor_id = $1 AND account_id = $2 AND status = 'open' FOR UPDATE`, [creditorId, accountId]);
  return rows[0];
}

/** A promise, locked (the caller holds its account's lock). */
export async function findPromiseForUpdate(db: Queryable, promiseId: number): Promise<(OpenPromise & { status: string }) | undefined> {
  const { rows } = await db.query<OpenPromise & { status: string }>(
    `SELECT id, creditor_id, account_id, amount_fen::float8 AS amount_fen, to_char(due_date, 'YYYY-MM-DD') AS due_date, rescheduled_from, status
       FROM promises WHERE id = $1 FOR UPDATE`, [promiseId]);
  return rows[0];
}

/** Ends the account's open promise, if any, with the reason (the account was recalled, ...). */
export async function cancelOpenPromises(db: Queryable, c: { creditorId: number; accountId: number; reason: string; at: Date }): Promise<void> {
  await db.query(`UPDATE promises SET status = 'cancelled', resolved_at = $4, cancel_reason = $3 WHERE creditor_id = $1 AND account_id = $2 AND status = 'open'`,
    [c.creditorId, c.accountId, c.reason, c.at]);
}

/** Cancels an open promise with its reason; false when it was no longer open. */
export async function cancelPromiseRow(db: Queryable, c: { creditorId: number; promiseId: number; reason: string; by: number | null; at: Date }): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE promises SET status = 'cancelled', resolved_at = $5, cancel_reason = $3, cancelled_by = $4
      WHERE creditor_id = $1 AND id = $2 AND status = 'open'`, [c.creditorId, c.promiseId, c.reason, c.by, c.at]);
  return (rowCount ?? 0) > 0;
}

/** The account a callback is on (to lock it first), if the callback exists. */
export async function callbackAccountId(db: Queryable, callbackId: number): Promise<number | undefined> {
  return (await db.query<{ account_id: number }>('SELECT account_id FROM callbacks WHERE id = $1', [callbackId])).rows[0]?.account_id;
}

/** Cancels an open callback; its status before (undefined: no such callback). */
export async function cancelCallbackRow(db: Queryable, callbackId: number): Promise<string | undefined> {
  const { rows } = await db.query<{ status: string }>(
    `UPDATE callbacks c SET status = CASE WHEN c.status = 'open' THEN 'cancelled' ELSE c.status END
       FROM callbacks before WHERE c.id = $1 AND before.id = c.id RETURNING before.status`, [callbackId]);
  return rows[0]?.status;
}

export async function insertCallback(db: Queryable, c: { creditorId: number; accountId: number; collectorId: number; dueAt: Date;
  localTime: string; timeZone: string; note: string | null; /** When it was asked for, on the product's clock (ctx.now()). */ at: Date }): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO callbacks (creditor_id, account_id, collector_id, due_at, local_time, time_zone, note, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [c.creditorId, c.accountId, c.collectorId, c.dueAt, c.localTime, c.timeZone, c.note, c.at]);
  return rows[0]!.id;
}


/** After a contact: the callbacks due by then are answered and the account gets its next version. */
export async function completeCallbacksAndBump(db: Queryable, creditorId: number, accountId: number, at: Date): Promise<number> {
  const { rows } = await db.query<{ version: number }>({ name: 'ws-contact-done', text: `WITH answered AS (
        UPDATE callbacks SET status = 'done', done_at = $3 WHERE creditor_id = $1 AND account_id = $2 AND status = 'open' AND due_at <= $3)
      UPDATE accounts SET version = version + 1, updated_at = now() WHERE id = $2 RETURNING version`, values: [creditorId, accountId, at] });
  return rows[0]!.version;
}

export interface ContactPointRow { id: number; debtor_id: number; kind: string; owner: string; verified: string; erased: boolean }

export async function findContactPoint(db: Queryable, id: number): Promise<ContactPointRow | undefined> {
  const { rows } = await db.query<ContactPointRow>('SELECT id, debtor_id, kind, owner, verified, erased_at IS NOT NULL AS erased FROM contact_points WHERE id = $1', [id]);
  return rows[0];
}

export async function debtorPointStates(db: Queryable, debtorId: number): Promise<Array<{ owner: string; verified: string }>> {
  const { rows } = await db.query<{ owner: string; verified: string }>('SELECT owner, verified FROM contact_points WHERE debtor_id = $1', [debtorId]);
  return rows;
}

export async function setContactPointState(db: Queryable, id: number, verified: string, note: Record<string, unknown>): Promise<void> {
  await db.query(`UPDATE contact_points SET verified = $2, provenance = provenance || jsonb_build_object('last_marked', $3::jsonb) WHERE id = $1`,
    [id, verified, JSON.stringify(note)]);
}

/** Records (or withdraws) the debtor's agreement to be texted or e-mailed at this number or address, with who said so and when. */
export async function setContactPointConsent(db: Queryable, id: number, consented: boolean, note: Record<string, unknown>): Promise<void> {
  await db.query(`UPDATE contact_points SET debtor_consented = $2, provenance = provenance || jsonb_build_object('consent', $3::jsonb) WHERE id = $1`,
    [id, consented, JSON.stringify(note)]);
}

/** Marks a phone number as one the debtor asked not to be called at (or lifts it), with who said so and when. */
export async function setNoCalls(db: Queryable, id: number, noCalls: boolean, note: Record<string, unknown>): Promise<void> {
  await db.query(
    `UPDATE contact_points SET opted_out = CASE WHEN $2 THEN array_append(array_remove(opted_out, 'call'), 'call') ELSE array_remove(opted_out, 'call') END,
            provenance = provenance || jsonb_build_object('no_calls', $3::jsonb) WHERE id = $1`,
    [id, noCalls, JSON.stringify(note)]);
}

export async function insertContactPoint(db: Queryable, p: { debtorId: number; kind: string; valueEnc: Buffer; valueHash: Buffer; valueMask: string;
  timeZones: readonly string[] | null; owner: string; thirdPartyName: string | null; relation: string | null; source: string; provenance: Record<string, unknown>;
  employerProvided?: boolean; debtorConsented?: boolean }): Promise<number | undefined> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO contact_points (debtor_id, kind, value_enc, value_hash, value_mask, time_zones, owner, third_party_name, relation, source, provenance,
                                 employer_provided, debtor_consented)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (debtor_id, kind, value_hash) DO NOTHING RETURNING id`,
    [p.debtorId, p.kind, p.valueEnc, p.valueHash, p.valueMask, p.timeZones, p.owner, p.thirdPartyName, p.relation, p.source, JSON.stringify(p.provenance),
      p.employerProvided ?? false, p.debtorConsented ?? false]);
  return rows[0]?.id;
}

// ---------------------------------------------------------------------------------------
// Wellbeing: hand-offs, breaks, caps, workload.

/**
 * Why an account was handed to the supervisor queue: a code, which each screen words in its reader's
 * language (a supervisor may read in another language than the collector's). Migration 0073.
 */
export type HandoffReasonCode = 'abusive';

/** `reason`: only what a person wrote, if anything; the code says why. */
export async function insertHandoff(db: Queryable, h: { creditorId: number; accountId: number; fromUserId: number; teamId: number | null;
  reasonCode: HandoffReasonCode; reason: string | null; attemptId: number | null; at: Date }): Promise<number | undefined> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO handoffs (creditor_id, account_id, from_user_id, team_id, reason_code, reason, attempt_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id`,
    [h.creditorId, h.accountId, h.fromUserId, h.teamId, h.reasonCode, h.reason, h.attemptId, h.at]);
  return rows[0]?.id;
}

export async function insertBreak(db: Queryable, userId: number, from: Date, until: Date, reason: string): Promise<void> {
  await db.query('INSERT INTO queue_breaks (user_id, starts_at, until, reason) VALUES ($1, $2, $3, $4)', [userId, from, until, reason]);
}

export interface HandoffRow { id: number; account_id: number; creditor_code: string; account_no_mask: string; debtor_name: string;
  from_user_id: number; from_name: string; reason_code: HandoffReasonCode; reason: string | null; created_at: Date }

export async function listOpenHandoffs(db: Queryable, teamId: number | null): Promise<HandoffRow[]> {
  const { rows } = await db.query<HandoffRow>(
    `SELECT h.id, h.account_id, c.code AS creditor_code, a.account_no_mask, d.name AS debtor_name, h.from_user_id,
            u.display_name AS from_name, h.reason_code, h.reason, h.created_at
       FROM handoffs h JOIN accounts a ON a.creditor_id = h.creditor_id AND a.id = h.account_id
       JOIN creditors c ON c.id = a.creditor_id JOIN debtors d ON d.id = a.debtor_id JOIN users u ON u.id = h.from_user_id
      WHERE h.resolved_at IS NULL AND ($1::bigint IS NULL OR h.team_id = $1) ORDER BY h.created_at`, [teamId]);
  return rows;
}

export async function resolveHandoff(db: Queryable, id: number, teamId: number | null, by: number | null, resolution: string, at: Date):
  Promise<{ account_id: number; creditor_id: number } | undefined> {
  const { rows } = await db.query<{ account_id: number; creditor_id: number }>(
    `UPDATE handoffs SET resolved_at = $4, resolved_by = $3, resolution = $5
      WHERE id = $1 AND resolved_at IS NULL AND ($2::bigint IS NULL OR team_id = $2) RETURNING account_id, creditor_id`,
    [id, teamId, by, at, resolution]);
  return rows[0];
}

export async function findCollector(db: Queryable, userId: number): Promise<{ id: number; team_id: number | null; role: string } | undefined> {
  const { rows } = await db.query<{ id: number; team_id: number | null; role: string }>('SELECT id, team_id, role FROM users WHERE id = $1', [userId]);
  return rows[0];
}

export async function setDailyCap(db: Queryable, userId: number, cap: number | null, by: number | null): Promise<void> {
  if (cap === null) await db.query('DELETE FROM collector_caps WHERE user_id = $1', [userId]);
  else await db.query(`INSERT INTO collector_caps (user_id, daily_attempts, set_by) VALUES ($1, $2, $3)
    ON CONFLICT (user_id) DO UPDATE SET daily_attempts = EXCLUDED.daily_attempts, set_by = EXCLUDED.set_by, set_at = now()`, [userId, cap, by]);
}

export interface WorkloadRow { user_id: number; username: string; display_name: string; attempts: number; right_party: number;
  promises: number; abusive: number;
  /** Calls placed with click-to-call whose result is not recorded yet (after-call work left undone). */
  unrecorded_calls: number;
  /** Open promises the collector cancelled by hand that day (not moves, not those a hold or suspension ended): for the team lead to see. */
  promises_cancelled: number;
  daily_cap: number | null; on_break_until: Date | null }

/** Per collector of a team (or all), the day's work: attempts, conversations, promises, abusive calls. */
export async function dailyWorkload(db: Queryable, q: { teamId: number | null; from: Date; to: Date; now: Date; rightPartyCodes: string[] }): Promise<WorkloadRow[]> {
  const { rows } = await db.query<WorkloadRow>(
    `SELECT u.id AS user_id, u.username, u.display_name,
            count(ca.id) FILTER (WHERE ca.initiated_by = 'agency')::int AS attempts,
            count(ca.id) FILTER (WHERE ca.initiated_by = 'agency' AND ca.outcome = ANY($4))::int AS right_party,
            (SELECT count(*)::int FROM promises p WHERE p.taken_by = u.id AND p.created_at >= $2 AND p.created_at < $3 AND p.rescheduled_from IS NULL) AS promises,
            count(ca.id) FILTER (WHERE ca.outcome = 'abusive')::int AS abusive,
            count(ca.id) FILTER (WHERE ca.outcome = 'dialed')::int AS unrecorded_calls,
            (SELECT count(*)::int FROM promises p WHERE p.cancelled_by = u.id AND p.status = 'cancelled' AND p.resolved_at >= $2 AND p.resolved_at < $3
                AND p.cancel_reason NOT LIKE 'rescheduled: %') AS promises_cancelled,
            cap.daily_attempts AS daily_cap,
            (SELECT max(b.until) FROM queue_breaks b WHERE b.user_id = u.id AND b.until > $5 AND b.starts_at <= $5) AS on_break_until
       FROM users u
       LEFT JOIN contact_attempts ca ON ca.collector_id = u.id AND ca.at >= $2 AND ca.at < $3
       LEFT JOIN collector_caps cap ON cap.user_id = u.id
      WHERE u.role = 'collector' AND u.active AND ($1::bigint IS NULL OR u.team_id = $1)
      GROUP BY u.id, cap.daily_attempts ORDER BY u.display_name, u.id`, [q.teamId, q.from, q.to, q.rightPartyCodes, q.now]);
  return rows;
}

// ---------------------------------------------------------------------------------------
// The account page: everything about one account, personal data masked.

export interface AccountPageRows {
  account: { id: number; creditor_id: number; creditor_code: string; creditor_name: string;
    /** The creditor's name in English (creditors.name_en); null: it has none. */
    creditor_name_en: string | null; account_no_mask: string; product: string;
    principal_fen: number; interest_fen: number; fees_fen: number; first_delinquency_date: string; status: string; version: number;
    /** The status the list shows on the business date (SHOWN_STATUS_SQL): `on_hold` while a hold stops collection, else `status`. */
    shown_status: string;
    /**
     * The parts above are as they are now (PARTS_NOW_JOIN); the bank's last statement of the balance (its total, and its date:
     * STATED_ON_SQL), and what was paid since (PAID_SINCE_STATEMENT_SQL).
     */
    stated_balance_fen: number; balance_stated_on: string; paid_since_statement_fen: number;
    region_code: string | null; region_name: string | null; region_name_en: string | null; recalled_on: string | null;
    recall_reason: 'term_end' | 'creditor' | 'dispute' | null; updated_at: Date;
    placement_batch_ref: string; placed_on: string; placement_ends_on: string;
    /** 留案: the bank agreed the agency keeps the account past its placement's last day, until this day (null: not kept). */
    retained_until: string | null;
    /** The last day of its mandate: the later of the two above. */
    mandate_ends_on: string; contract_name: string | null; contract_pack: string | null;
    contract_terms: Record<string, unknown> | null };
  debtor: { id: number; name: string; id_number_mask: string | null; region_code: string | null; time_zone: string; opted_out_channels: string[];
    /** The language the debtor asked to be written to in (en, es, zh; null: not stated). */
    preferred_language: string | null };
  contact_points: Array<{ id: number; kind: string; value_mask: string; owner: string; third_party_name: string | null; relation: string | null;
    source: string; provenance: Record<string, unknown>; verified: string; opted_out: string[]; created_at: Date;
    /** Erased at the end of the retention period (docs/privacy.md): shown as such, never used or marked again. */ erased: boolean;
    /** A phone also on file for another debtor: whoever answers or reads a text may not be this debtor. */ shared: boolean }>;
  holds: Array<{ id: number; kind: string; reason: string; account_id: number | null; starts_on: string; ends_on: string | null; set_at: Date;
    set_by_name: string | null;
    /** The dispute or complaint (case) the hold is part of, which ends it; null: none (placed by hand, or as a dispute was logged and before its form). */
    case_kind: 'dispute' | 'complaint' | null }>;
  promises: Array<{ id: number; amount_fen: number; due_date: string; status: string; taken_by_name: string | null; created_at: Date; resolved_at: Date | null;
    /** Why it was cancelled (`rescheduled: ...` when moved, `hold:<kind>` / `suspension:<scope>` when a hold or suspension ended it); the promise it replaced (改约). */
    cancel_reason: string | null; rescheduled_from: number | null; cancelled_by_hold_kind: string | null }>;
  plans: Array<{ id: number; status: string; total_fen: number; created_at: Date; instalments: number; next_due_date: string | null }>;
  assignments: Array<{ id: number; collector_name: string; team_name: string; assigned_at: Date; ended_at: Date | null; reason: string;
    /** deal (分案 by territory), move (调案), offboard (离职转单); null on rows from before it was kept. */ kind: string | null; assigned_by_name: string | null }>;
  contacts: Array<{ id: number; at: Date; channel: string; party: string; purpose: string; outcome: string; delinquency_reason: string | null;
    /** Whether the debt collector disclosure was given (a US conversation with the debtor); null where not asked. */
    disclosure_given: boolean | null;
    note: string | null; initiated_by: string; collector_name: string | null; contact_point_mask: string | null; third_party_name: string | null;
    /** Click-to-call: how long the conversation lasted, as the telephony gateway reported it. */
    call_seconds: number | null; recording_ref: string | null;
    /** 催记更正: the latest correction of the outcome, if any (what it replaced, why, by whom, when). */
    correction: { from_outcome: string; reason: string; by_name: string; at: string } | null }>;
  callbacks: Array<{ id: number; due_at: Date; local_time: string; time_zone: string; note: string | null; status: string; collector_name: string }>;
  handoff: { id: number; reason_code: HandoffReasonCode; reason: string | null; created_at: Date } | null;
}

export async function loadAccountPage(db: Queryable, accountId: number, businessDate: string): Promise<AccountPageRows | undefined> {
  const acc = await db.query<AccountPageRows['account'] & { debtor_id: number }>(
    `SELECT a.id, a.creditor_id, c.code AS creditor_code, c.name AS creditor_name, c.name_en AS creditor_name_en, a.account_no_mask, a.product,
            now.principal_fen, now.interest_fen, now.fees_fen,
            (a.principal_fen + a.interest_fen + a.fees_fen)::bigint AS stated_balance_fen, to_char(${STATED_ON_SQL()}, 'YYYY-MM-DD') AS balance_stated_on,
            now.paid_since_fen AS paid_since_statement_fen,
            a.first_delinquency_date, a.status, ${SHOWN_STATUS_SQL('a', '$2::date')} AS shown_status, a.version, a.region_code, r.name AS region_name, r.name_en AS region_name_en,
            to_char(a.recalled_on, 'YYYY-MM-DD') AS recalled_on, a.recall_reason, a.updated_at, p.batch_ref AS placement_batch_ref, p.placed_on, p.ends_on AS placement_ends_on,
            to_char(a.retained_until, 'YYYY-MM-DD') AS retained_until, to_char(${mandateEndSql('a', 'p')}, 'YYYY-MM-DD') AS mandate_ends_on, a.debtor_id,
            k.name AS contract_name, k.pack AS contract_pack, k.terms AS contract_terms
       FROM accounts a JOIN creditors c ON c.id = a.creditor_id
       JOIN placements p ON p.creditor_id = a.creditor_id AND p.id = a.placement_id
       ${PARTS_NOW_JOIN()}
       LEFT JOIN regions r ON r.code = a.region_code
       LEFT JOIN LATERAL (SELECT name, pack, terms FROM contracts WHERE creditor_id = a.creditor_id
                           ORDER BY (effective_from <= $2) DESC, version DESC LIMIT 1) k ON true
      WHERE a.id = $1`, [accountId, businessDate]);
  const row = acc.rows[0];
  if (!row) return undefined;
  const { debtor_id: debtorId, ...account } = row;
  const key = [row.creditor_id, accountId];
  const [debtor, points, holds, promises, plans, assignments, contacts, callbacks, handoff] = await Promise.all([
    db.query(`SELECT id, name, id_number_mask, region_code, time_zone, opted_out_channels, preferred_language FROM debtors WHERE id = $1`, [debtorId]),
    // A phone also on file for another debtor (theirs, or a contact of theirs): a shared family line, or a number passed on.
    db.query(`SELECT cp.id, cp.kind, cp.value_mask, cp.owner, cp.third_party_name, cp.relation, cp.source, cp.provenance, cp.verified, cp.opted_out, cp.created_at,
                     cp.employer_provided, cp.debtor_consented, cp.erased_at IS NOT NULL AS erased,
                     (cp.kind = 'phone' AND cp.erased_at IS NULL AND EXISTS (
                        SELECT 1 FROM contact_points o WHERE o.kind = 'phone' AND o.value_hash = cp.value_hash AND o.debtor_id <> cp.debtor_id AND o.erased_at IS NULL)) AS shared
                FROM contact_points cp WHERE cp.debtor_id = $1 ORDER BY (cp.verified = 'invalid'), cp.owner, cp.id`, [debtorId]),
    db.query(`SELECT h.id, h.kind, h.reason, h.account_id, h.starts_on, h.ends_on, h.set_at, u.display_name AS set_by_name,
                     (SELECT c.kind FROM complaints c WHERE c.hold_id = h.id LIMIT 1) AS case_kind
                FROM holds h LEFT JOIN users u ON u.id = h.set_by
               WHERE h.debtor_id = $1 AND h.released_at IS NULL AND (h.account_id IS NULL OR h.account_id = $2) ORDER BY h.set_at`, [debtorId, accountId]),
    db.query(`SELECT p.id, p.amount_fen, p.due_date, p.status, u.display_name AS taken_by_name, p.created_at, p.resolved_at,
                     p.cancel_reason, p.rescheduled_from, h.kind AS cancelled_by_hold_kind
                FROM promises p LEFT JOIN users u ON u.id = p.taken_by LEFT JOIN holds h ON h.id = p.cancelled_by_hold
               WHERE p.creditor_id = $1 AND p.account_id = $2 ORDER BY p.created_at DESC, p.id DESC`, key),
    db.query(`SELECT ip.id, ip.status, ip.total_fen, ip.created_at,
                     (SELECT count(*)::int FROM plan_instalments pi WHERE pi.creditor_id = ip.creditor_id AND pi.plan_id = ip.id) AS instalments,
                     (SELECT min(pi.due_date) FROM plan_instalments pi WHERE pi.creditor_id = ip.creditor_id AND pi.plan_id = ip.id
                        AND pi.paid_fen < pi.amount_fen) AS next_due_date
                FROM instalment_plans ip WHERE ip.creditor_id = $1 AND ip.account_id = $2 ORDER BY ip.created_at DESC`, key),
    db.query(`SELECT s.id, u.display_name AS collector_name, t.name AS team_name, s.assigned_at, s.ended_at, s.reason, s.kind, b.display_name AS assigned_by_name
                FROM assignments s JOIN users u ON u.id = s.collector_id JOIN teams t ON t.id = s.team_id LEFT JOIN users b ON b.id = s.assigned_by
               WHERE s.creditor_id = $1 AND s.account_id = $2 ORDER BY s.assigned_at DESC, s.id DESC`, key),
    db.query(`SELECT ca.id, ca.at, ca.channel, ca.party, ca.purpose, ca.outcome, ca.delinquency_reason, ca.note, ca.initiated_by, ca.disclosure_given,
                     u.display_name AS collector_name, cp.value_mask AS contact_point_mask, cp.third_party_name, ca.call_seconds, ca.recording_ref,
                     k.correction
                FROM contact_attempts ca LEFT JOIN users u ON u.id = ca.collector_id LEFT JOIN contact_points cp ON cp.id = ca.contact_point_id
                LEFT JOIN LATERAL (SELECT json_build_object('from_outcome', (SELECT f.from_outcome FROM contact_corrections f WHERE f.attempt_id = ca.id
                                                                                ORDER BY f.corrected_at, f.id LIMIT 1),
                                                            'reason', x.reason, 'by_name', b.display_name, 'at', x.corrected_at) AS correction
                                     FROM contact_corrections x JOIN users b ON b.id = x.corrected_by
                                    WHERE x.attempt_id = ca.id ORDER BY x.corrected_at DESC, x.id DESC LIMIT 1) k ON true
               WHERE ca.creditor_id = $1 AND ca.account_id = $2 ORDER BY ca.at DESC, ca.id DESC`, key),
    db.query(`SELECT cb.id, cb.due_at, cb.local_time, cb.time_zone, cb.note, cb.status, u.display_name AS collector_name
                FROM callbacks cb JOIN users u ON u.id = cb.collector_id
               WHERE cb.creditor_id = $1 AND cb.account_id = $2 ORDER BY (cb.status = 'open') DESC, cb.due_at DESC LIMIT 20`, key),
    db.query(`SELECT id, reason_code, reason, created_at FROM handoffs WHERE creditor_id = $1 AND account_id = $2 AND resolved_at IS NULL`, key),
  ]);
  return {
    account: { ...account, region_name: account.region_name ?? usRegionName(account.region_code), region_name_en: account.region_name_en ?? usRegionName(account.region_code) }, debtor: debtor.rows[0], contact_points: points.rows, holds: holds.rows, promises: promises.rows, plans: plans.rows,
    assignments: assignments.rows, contacts: contacts.rows, callbacks: callbacks.rows, handoff: handoff.rows[0] ?? null,
  };
}

/** Whether another debtor (or a contact of another debtor's) has this number or address on file, by its keyed hash. */
export async function isAnotherPersons(db: Queryable, debtorId: number, kind: 'phone' | 'address' | 'email', hash: Buffer): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM contact_points WHERE kind = $1 AND value_hash = $2 AND debtor_id <> $3 AND erased_at IS NULL LIMIT 1`, [kind, hash, debtorId]);
  return rows.length > 0;
}
