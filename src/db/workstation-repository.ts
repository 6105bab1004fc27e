import type { Queryable } from './pool.ts';

// ---------------------------------------------------------------------------------------
// Priority: the one SQL expression the queue orders by (highest first). When a strategy
// table with a priority per account exists (the nightly strategy run writes it), its score
// is used; otherwise the balance. Ties go to the larger balance, then the oldest
// delinquency (highest DPD), so accounts the last run did not score still come in order.

/** Fallback: the balance in fen. `a` is accounts. */
export const BALANCE_PRIORITY_SQL = '(a.principal_fen + a.interest_fen + a.fees_fen)::numeric';

/** Tables the strategy run may write its per-account priority to, first found wins. */
const STRATEGY_TABLES = ['account_strategy', 'account_strategies', 'strategy_results'];
const DATE_COLUMNS = ['business_date', 'as_of', 'run_date', 'date'];

const priorityCache = new WeakMap<object, Promise<string>>();

/** The priority expression for this database (detected once per pool). */
export function prioritySql(db: Queryable): Promise<string> {
  let found = priorityCache.get(db);
  if (!found) {
    found = detectPrioritySql(db).catch(() => BALANCE_PRIORITY_SQL);
    priorityCache.set(db, found);
  }
  return found;
}

async function detectPrioritySql(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ table_name: string; columns: string[] }>(
    `SELECT table_name, array_agg(column_name::text) AS columns FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ANY($1) GROUP BY table_name`, [STRATEGY_TABLES]);
  for (const name of STRATEGY_TABLES) {
    const table = rows.find((r) => r.table_name === name);
    if (!table || !table.columns.includes('account_id') || !table.columns.includes('priority')) continue;
    // The latest run's row: the date is found once per query (an uncorrelated sub-select), then
    // each account is one primary-key probe.
    const dated = DATE_COLUMNS.find((c) => table.columns.includes(c));
    const conditions = ['st.account_id = a.id'];
    if (table.columns.includes('creditor_id')) conditions.push('st.creditor_id = a.creditor_id');
    if (dated) conditions.push(`st.${dated} = (SELECT max(${dated}) FROM ${name})`);
    return `coalesce((SELECT st.priority::numeric FROM ${name} st WHERE ${conditions.join(' AND ')} LIMIT 1), -1)`;
  }
  return BALANCE_PRIORITY_SQL;
}

// ---------------------------------------------------------------------------------------
// The queue and its claims. The statements every "next account" and "log contact" runs are
// named (prepared once per connection): under load, planning them again on every request
// cost more CPU than running them.

export interface QueueCandidate { account_id: number; creditor_id: number; callback_due_at: Date | null; priority: string }

/**
 * The collector's workable accounts in queue order (domain/workstation/queue.ts): open
 * callbacks that are due first, then priority. Left out: accounts handed to a supervisor,
 * claimed by anyone, or contacted within the rest period (unless a callback is due).
 */
export async function queueCandidates(db: Queryable, q: { collectorId: number; now: Date; restSince: Date; limit: number; excludeAccountId: number | null }):
  Promise<QueueCandidate[]> {
  const priority = await prioritySql(db);
  // A named (prepared) statement: planned once per connection instead of on every request;
  // the recent-contact test sits inside the NOT EXISTS so it is an anti-join probing
  // contact_attempts_account per candidate, not a hash of every recent attempt.
  const { rows } = await db.query<QueueCandidate>({
    name: `queue-candidates-${shortHash(priority)}`,
    text: `SELECT a.id AS account_id, a.creditor_id, cb.due_at AS callback_due_at, ${priority} AS priority
       FROM assignments asg
       JOIN accounts a ON a.creditor_id = asg.creditor_id AND a.id = asg.account_id
       LEFT JOIN LATERAL (SELECT min(c.due_at) AS due_at FROM callbacks c
                           WHERE c.creditor_id = a.creditor_id AND c.account_id = a.id AND c.status = 'open' AND c.due_at <= $2) cb ON true
       LEFT JOIN work_claims wc ON wc.account_id = a.id
      WHERE asg.collector_id = $1 AND asg.ended_at IS NULL
        AND (a.status = 'active' OR (a.status = 'promised' AND cb.due_at IS NOT NULL))
        AND a.id IS DISTINCT FROM $5
        AND (wc.claimed_by IS NULL OR wc.expires_at <= $2)
        AND NOT EXISTS (SELECT 1 FROM handoffs h WHERE h.creditor_id = a.creditor_id AND h.account_id = a.id AND h.resolved_at IS NULL)
        AND NOT EXISTS (SELECT 1 FROM contact_attempts ca
              WHERE cb.due_at IS NULL AND ca.creditor_id = a.creditor_id AND ca.account_id = a.id AND ca.at > $3)
      ORDER BY cb.due_at NULLS LAST, priority DESC, ${BALANCE_PRIORITY_SQL} DESC, a.first_delinquency_date, a.id
      LIMIT $4`,
    values: [q.collectorId, q.now, q.restSince, q.limit, q.excludeAccountId],
  });
  return rows;
}

function shortHash(text: string): string {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}

/** Claim rows exist for every account that has been offered (created on first offer). */
export async function ensureClaimRows(db: Queryable, accountIds: number[]): Promise<void> {
  if (accountIds.length === 0) return;
  await db.query({ name: 'ws-ensure-claims', text: 'INSERT INTO work_claims (account_id) SELECT unnest($1::bigint[]) ON CONFLICT DO NOTHING', values: [accountIds] });
}

/**
 * Locks one account's claim row if nobody holds it, skipping it if another transaction is
 * deciding on it right now. One row at a time, in queue order, so a request holds only the
 * rows it has judged and a concurrent one moves on to the next.
 */
export async function lockFreeClaim(db: Queryable, accountId: number, now: Date): Promise<boolean> {
  const { rows } = await db.query({ name: 'ws-lock-free-claim', text: `SELECT account_id FROM work_claims
      WHERE account_id = $1 AND (claimed_by IS NULL OR expires_at <= $2)
      FOR UPDATE SKIP LOCKED`, values: [accountId, now] });
  return rows.length > 0;
}

export async function claimAccount(db: Queryable, accountId: number, userId: number, now: Date, expiresAt: Date): Promise<void> {
  await db.query({ name: 'ws-claim', text: 'UPDATE work_claims SET claimed_by = $2, claimed_at = $3, expires_at = $4 WHERE account_id = $1', values: [accountId, userId, now, expiresAt] });
}

export async function releaseClaim(db: Queryable, accountId: number, userId: number): Promise<void> {
  await db.query({ name: 'ws-release-claim', text: 'UPDATE work_claims SET claimed_by = NULL, claimed_at = NULL, expires_at = NULL WHERE account_id = $1 AND claimed_by = $2', values: [accountId, userId] });
}

export interface QueueLimits { break_until: Date | null; cap: number | null; attempts_today: number }

export async function queueLimits(db: Queryable, userId: number, now: Date, dayStart: Date): Promise<QueueLimits> {
  const { rows } = await db.query<QueueLimits>({ name: 'ws-queue-limits', text: `SELECT (SELECT max(until) FROM queue_breaks WHERE user_id = $1 AND starts_at <= $2) AS break_until,
            (SELECT daily_attempts FROM collector_caps WHERE user_id = $1) AS cap,
            (SELECT count(*)::int FROM contact_attempts WHERE collector_id = $1 AND at >= $3 AND initiated_by = 'agency') AS attempts_today`, values: [userId, now, dayStart] });
  return rows[0]!;
}

// ---------------------------------------------------------------------------------------
// Version (optimistic locking) and status.

export interface LockedAccount { id: number; creditor_id: number; debtor_id: number; version: number; status: string;
  balance_fen: number; terms: Record<string, unknown> | null }

/** Locks the account row for the change about to be made; its version says who changed it last. */
export async function lockAccount(db: Queryable, accountId: number, businessDate: string): Promise<LockedAccount | undefined> {
  const { rows } = await db.query<LockedAccount>({ name: 'ws-lock-account', text: `SELECT a.id, a.creditor_id, a.debtor_id, a.version, a.status, a.principal_fen + a.interest_fen + a.fees_fen AS balance_fen,
            (SELECT k.terms FROM contracts k WHERE k.creditor_id = a.creditor_id
              ORDER BY (k.effective_from <= $2) DESC, k.version DESC LIMIT 1) AS terms
       FROM accounts a WHERE a.id = $1 FOR UPDATE OF a`, values: [accountId, businessDate] });
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

export async function lockDebtor(db: Queryable, debtorId: number): Promise<void> {
  await db.query('SELECT 1 FROM debtors WHERE id = $1 FOR UPDATE', [debtorId]);
}

// ---------------------------------------------------------------------------------------
// Promises, callbacks, contact points.

export async function hasOpenPromise(db: Queryable, creditorId: number, accountId: number): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM promises WHERE creditor_id = $1 AND account_id = $2 AND status = 'open'`, [creditorId, accountId]);
  return rows.length > 0;
}

export async function insertPromise(db: Queryable, p: { creditorId: number; accountId: number; amountFen: number; dueDate: string; takenBy: number | null; at: Date }): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO promises (creditor_id, account_id, amount_fen, due_date, taken_by, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [p.creditorId, p.accountId, p.amountFen, p.dueDate, p.takenBy, p.at]);
  return rows[0]!.id;
}

export async function insertCallback(db: Queryable, c: { creditorId: number; accountId: number; collectorId: number; dueAt: Date;
  localTime: string; timeZone: string; note: string | null }): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO callbacks (creditor_id, account_id, collector_id, due_at, local_time, time_zone, note)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [c.creditorId, c.accountId, c.collectorId, c.dueAt, c.localTime, c.timeZone, c.note]);
  return rows[0]!.id;
}

/** A contact on the account answers the callbacks that were due by then. */
export async function completeDueCallbacks(db: Queryable, creditorId: number, accountId: number, at: Date): Promise<void> {
  await db.query({ name: 'ws-complete-callbacks', text: `UPDATE callbacks SET status = 'done', done_at = $3 WHERE creditor_id = $1 AND account_id = $2 AND status = 'open' AND due_at <= $3`, values: [creditorId, accountId, at] });
}

export interface ContactPointRow { id: number; debtor_id: number; kind: string; owner: string; verified: string }

export async function findContactPoint(db: Queryable, id: number): Promise<ContactPointRow | undefined> {
  const { rows } = await db.query<ContactPointRow>('SELECT id, debtor_id, kind, owner, verified FROM contact_points WHERE id = $1', [id]);
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

export async function insertContactPoint(db: Queryable, p: { debtorId: number; kind: string; valueEnc: Buffer; valueHash: Buffer; valueMask: string;
  owner: string; thirdPartyName: string | null; relation: string | null; source: string; provenance: Record<string, unknown> }): Promise<number | undefined> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO contact_points (debtor_id, kind, value_enc, value_hash, value_mask, owner, third_party_name, relation, source, provenance)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (debtor_id, kind, value_hash) DO NOTHING RETURNING id`,
    [p.debtorId, p.kind, p.valueEnc, p.valueHash, p.valueMask, p.owner, p.thirdPartyName, p.relation, p.source, JSON.stringify(p.provenance)]);
  return rows[0]?.id;
}

// ---------------------------------------------------------------------------------------
// Wellbeing: hand-offs, breaks, caps, workload.

export async function insertHandoff(db: Queryable, h: { creditorId: number; accountId: number; fromUserId: number; teamId: number | null;
  reason: string; attemptId: number | null; at: Date }): Promise<number | undefined> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO handoffs (creditor_id, account_id, from_user_id, team_id, reason, attempt_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
    [h.creditorId, h.accountId, h.fromUserId, h.teamId, h.reason, h.attemptId, h.at]);
  return rows[0]?.id;
}

export async function insertBreak(db: Queryable, userId: number, from: Date, until: Date, reason: string): Promise<void> {
  await db.query('INSERT INTO queue_breaks (user_id, starts_at, until, reason) VALUES ($1, $2, $3, $4)', [userId, from, until, reason]);
}

export interface HandoffRow { id: number; account_id: number; creditor_code: string; account_no_mask: string; debtor_name: string;
  from_user_id: number; from_name: string; reason: string; created_at: Date }

export async function listOpenHandoffs(db: Queryable, teamId: number | null): Promise<HandoffRow[]> {
  const { rows } = await db.query<HandoffRow>(
    `SELECT h.id, h.account_id, c.code AS creditor_code, a.account_no_mask, d.name AS debtor_name, h.from_user_id,
            u.display_name AS from_name, h.reason, h.created_at
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
  promises: number; abusive: number; daily_cap: number | null; on_break_until: Date | null }

/** Per collector of a team (or all), the day's work: attempts, conversations, promises, abusive calls. */
export async function dailyWorkload(db: Queryable, q: { teamId: number | null; from: Date; to: Date; now: Date; rightPartyCodes: string[] }): Promise<WorkloadRow[]> {
  const { rows } = await db.query<WorkloadRow>(
    `SELECT u.id AS user_id, u.username, u.display_name,
            count(ca.id) FILTER (WHERE ca.initiated_by = 'agency')::int AS attempts,
            count(ca.id) FILTER (WHERE ca.outcome = ANY($4))::int AS right_party,
            (SELECT count(*)::int FROM promises p WHERE p.taken_by = u.id AND p.created_at >= $2 AND p.created_at < $3) AS promises,
            count(ca.id) FILTER (WHERE ca.outcome = 'abusive')::int AS abusive,
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
  account: { id: number; creditor_id: number; creditor_code: string; creditor_name: string; account_no_mask: string; product: string;
    principal_fen: number; interest_fen: number; fees_fen: number; first_delinquency_date: string; status: string; version: number;
    region_code: string | null; region_name: string | null; recalled_on: string | null; updated_at: Date;
    placement_batch_ref: string; placed_on: string; placement_ends_on: string; contract_name: string | null; contract_pack: string | null;
    contract_terms: Record<string, unknown> | null };
  debtor: { id: number; name: string; id_number_mask: string | null; region_code: string | null; time_zone: string; opted_out_channels: string[] };
  contact_points: Array<{ id: number; kind: string; value_mask: string; owner: string; third_party_name: string | null; relation: string | null;
    source: string; provenance: Record<string, unknown>; verified: string; opted_out: string[]; created_at: Date }>;
  holds: Array<{ id: number; kind: string; reason: string; account_id: number | null; starts_on: string; ends_on: string | null; set_at: Date;
    set_by_name: string | null }>;
  promises: Array<{ id: number; amount_fen: number; due_date: string; status: string; taken_by_name: string | null; created_at: Date; resolved_at: Date | null }>;
  plans: Array<{ id: number; status: string; total_fen: number; created_at: Date; instalments: number; next_due_date: string | null }>;
  assignments: Array<{ id: number; collector_name: string; team_name: string; assigned_at: Date; ended_at: Date | null; reason: string; assigned_by_name: string | null }>;
  contacts: Array<{ id: number; at: Date; channel: string; party: string; purpose: string; outcome: string; delinquency_reason: string | null;
    note: string | null; initiated_by: string; collector_name: string | null; contact_point_mask: string | null; third_party_name: string | null }>;
  callbacks: Array<{ id: number; due_at: Date; local_time: string; time_zone: string; note: string | null; status: string; collector_name: string }>;
  handoff: { id: number; reason: string; created_at: Date } | null;
}

export async function loadAccountPage(db: Queryable, accountId: number, businessDate: string): Promise<AccountPageRows | undefined> {
  const acc = await db.query<AccountPageRows['account'] & { debtor_id: number }>(
    `SELECT a.id, a.creditor_id, c.code AS creditor_code, c.name AS creditor_name, a.account_no_mask, a.product, a.principal_fen,
            a.interest_fen, a.fees_fen, a.first_delinquency_date, a.status, a.version, a.region_code, r.name AS region_name,
            a.recalled_on, a.updated_at, p.batch_ref AS placement_batch_ref, p.placed_on, p.ends_on AS placement_ends_on, a.debtor_id,
            k.name AS contract_name, k.pack AS contract_pack, k.terms AS contract_terms
       FROM accounts a JOIN creditors c ON c.id = a.creditor_id
       JOIN placements p ON p.creditor_id = a.creditor_id AND p.id = a.placement_id
       LEFT JOIN regions r ON r.code = a.region_code
       LEFT JOIN LATERAL (SELECT name, pack, terms FROM contracts WHERE creditor_id = a.creditor_id
                           ORDER BY (effective_from <= $2) DESC, version DESC LIMIT 1) k ON true
      WHERE a.id = $1`, [accountId, businessDate]);
  const row = acc.rows[0];
  if (!row) return undefined;
  const { debtor_id: debtorId, ...account } = row;
  const key = [row.creditor_id, accountId];
  const [debtor, points, holds, promises, plans, assignments, contacts, callbacks, handoff] = await Promise.all([
    db.query(`SELECT id, name, id_number_mask, region_code, time_zone, opted_out_channels FROM debtors WHERE id = $1`, [debtorId]),
    db.query(`SELECT id, kind, value_mask, owner, third_party_name, relation, source, provenance, verified, opted_out, created_at
                FROM contact_points WHERE debtor_id = $1 ORDER BY (verified = 'invalid'), owner, id`, [debtorId]),
    db.query(`SELECT h.id, h.kind, h.reason, h.account_id, h.starts_on, h.ends_on, h.set_at, u.display_name AS set_by_name
                FROM holds h LEFT JOIN users u ON u.id = h.set_by
               WHERE h.debtor_id = $1 AND h.released_at IS NULL AND (h.account_id IS NULL OR h.account_id = $2) ORDER BY h.set_at`, [debtorId, accountId]),
    db.query(`SELECT p.id, p.amount_fen, p.due_date, p.status, u.display_name AS taken_by_name, p.created_at, p.resolved_at
                FROM promises p LEFT JOIN users u ON u.id = p.taken_by WHERE p.creditor_id = $1 AND p.account_id = $2 ORDER BY p.created_at DESC`, key),
    db.query(`SELECT ip.id, ip.status, ip.total_fen, ip.created_at,
                     (SELECT count(*)::int FROM plan_instalments pi WHERE pi.creditor_id = ip.creditor_id AND pi.plan_id = ip.id) AS instalments,
                     (SELECT min(pi.due_date) FROM plan_instalments pi WHERE pi.creditor_id = ip.creditor_id AND pi.plan_id = ip.id
                        AND pi.paid_fen < pi.amount_fen) AS next_due_date
                FROM instalment_plans ip WHERE ip.creditor_id = $1 AND ip.account_id = $2 ORDER BY ip.created_at DESC`, key),
    db.query(`SELECT s.id, u.display_name AS collector_name, t.name AS team_name, s.assigned_at, s.ended_at, s.reason, b.display_name AS assigned_by_name
                FROM assignments s JOIN users u ON u.id = s.collector_id JOIN teams t ON t.id = s.team_id LEFT JOIN users b ON b.id = s.assigned_by
               WHERE s.creditor_id = $1 AND s.account_id = $2 ORDER BY s.assigned_at DESC, s.id DESC`, key),
    db.query(`SELECT ca.id, ca.at, ca.channel, ca.party, ca.purpose, ca.outcome, ca.delinquency_reason, ca.note, ca.initiated_by,
                     u.display_name AS collector_name, cp.value_mask AS contact_point_mask, cp.third_party_name
                FROM contact_attempts ca LEFT JOIN users u ON u.id = ca.collector_id LEFT JOIN contact_points cp ON cp.id = ca.contact_point_id
               WHERE ca.creditor_id = $1 AND ca.account_id = $2 ORDER BY ca.at DESC, ca.id DESC`, key),
    db.query(`SELECT cb.id, cb.due_at, cb.local_time, cb.time_zone, cb.note, cb.status, u.display_name AS collector_name
                FROM callbacks cb JOIN users u ON u.id = cb.collector_id
               WHERE cb.creditor_id = $1 AND cb.account_id = $2 ORDER BY (cb.status = 'open') DESC, cb.due_at DESC LIMIT 20`, key),
    db.query(`SELECT id, reason, created_at FROM handoffs WHERE creditor_id = $1 AND account_id = $2 AND resolved_at IS NULL`, key),
  ]);
  return {
    account, debtor: debtor.rows[0], contact_points: points.rows, holds: holds.rows, promises: promises.rows, plans: plans.rows,
    assignments: assignments.rows, contacts: contacts.rows, callbacks: callbacks.rows, handoff: handoff.rows[0] ?? null,
  };
}
