import { AppError } from '../domain/errors.ts';
import { usRegionName } from '../domain/import/person-us.ts';
import type { Queryable } from './pool.ts';
import { BALANCE_NOW_SQL, PAID_SINCE_STATEMENT_SQL } from './accounts-repository.ts';

// Territories, assignment (分案), moves (调案) and turnover (转单). Bulk writes take arrays and
// run as one statement each (unnest), never a query per account.

/** Accounts in these states are finished: they are neither dealt nor counted in a portfolio. */
const FINISHED = `('paid', 'settled', 'recalled', 'closed')`;

/** One deal at a time (dealing reads every unassigned account, then writes them all). */
export async function lockDealing(db: Queryable): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(7423006)');
}

export interface TerritoryRow {
  creditor_id: number; creditor_code: string; region_prefix: string; region_name: string | null; region_name_en: string | null; team_id: number; team_name: string;
}

export async function listTerritories(db: Queryable, creditorId: number | null = null): Promise<TerritoryRow[]> {
  const { rows } = await db.query<TerritoryRow>(
    `SELECT t.creditor_id, c.code AS creditor_code, t.region_prefix, r.name AS region_name, r.name_en AS region_name_en, t.team_id, tm.name AS team_name
       FROM territories t JOIN creditors c ON c.id = t.creditor_id JOIN teams tm ON tm.id = t.team_id
       LEFT JOIN regions r ON r.code = rpad(t.region_prefix, 6, '0')
      WHERE $1::bigint IS NULL OR t.creditor_id = $1
      ORDER BY c.code, t.region_prefix`, [creditorId]);
  // A US state's territory is named by the state (the regions table is GB/T 2260's).
  return rows.map((r) => (r.region_name === null ? { ...r, region_name: usRegionName(r.region_prefix), region_name_en: usRegionName(r.region_prefix) } : r));
}

/** Sets (creates or replaces) a territory; returns the team it pointed to before, if any. */
export async function upsertTerritory(db: Queryable, t: { creditorId: number; regionPrefix: string; teamId: number }): Promise<number | null> {
  const before = await db.query<{ team_id: number }>(
    'SELECT team_id FROM territories WHERE creditor_id = $1 AND region_prefix = $2 FOR UPDATE', [t.creditorId, t.regionPrefix]);
  await db.query(
    `INSERT INTO territories (creditor_id, region_prefix, team_id) VALUES ($1, $2, $3)
     ON CONFLICT (creditor_id, region_prefix) DO UPDATE SET team_id = EXCLUDED.team_id`, [t.creditorId, t.regionPrefix, t.teamId]);
  return before.rows[0]?.team_id ?? null;
}

/** Removes a territory; returns the team it pointed to, or null when there was none. */
export async function deleteTerritory(db: Queryable, creditorId: number, regionPrefix: string): Promise<number | null> {
  const { rows } = await db.query<{ team_id: number }>(
    'DELETE FROM territories WHERE creditor_id = $1 AND region_prefix = $2 RETURNING team_id', [creditorId, regionPrefix]);
  return rows[0]?.team_id ?? null;
}

/** A team by id (a number), or by exact name or id (text). */
export async function findTeamByRef(db: Queryable, ref: string | number): Promise<{ id: number; name: string } | undefined> {
  if (typeof ref === 'number') return (await db.query<{ id: number; name: string }>('SELECT id, name FROM teams WHERE id = $1', [ref])).rows[0];
  const { rows } = await db.query<{ id: number; name: string }>(
    `SELECT id, name FROM teams WHERE name = $1 OR ($1 ~ '^[0-9]{1,18}$' AND id = $1::bigint) ORDER BY name = $1 DESC LIMIT 1`, [ref]);
  return rows[0];
}

export interface StaffRow { id: number; username: string; display_name: string; role: string; team_id: number | null; active: boolean }
const STAFF = 'id, username, display_name, role, team_id, active';

/** A user by id (a number), or by username or id (text; the username wins). */
export async function findUserByRef(db: Queryable, ref: string | number): Promise<StaffRow | undefined> {
  if (typeof ref === 'number') return (await db.query<StaffRow>(`SELECT ${STAFF} FROM users WHERE id = $1`, [ref])).rows[0];
  const { rows } = await db.query<StaffRow>(
    `SELECT ${STAFF} FROM users WHERE username = lower($1) OR ($1 ~ '^[0-9]{1,18}$' AND id = $1::bigint)
      ORDER BY username = lower($1) DESC LIMIT 1`, [ref]);
  return rows[0];
}

/**
 * Locks users for a turnover, in id order, so two offboardings (or an offboarding and a move
 * or deal, which take FOR SHARE) queue instead of deadlocking. NO KEY UPDATE: rows that only
 * reference these users (new assignments, promises) are not blocked by it.
 */
export async function lockUsersForChange(db: Queryable, ids: readonly number[]): Promise<StaffRow[]> {
  const { rows } = await db.query<StaffRow>(`SELECT ${STAFF} FROM users WHERE id = ANY($1::bigint[]) ORDER BY id FOR NO KEY UPDATE`, [ids]);
  return rows;
}

/**
 * Locks, for an offboarding, the departing user and whoever may receive their accounts (a
 * user, or a team's active collectors) in one statement, in id order.
 */
export async function lockForOffboarding(db: Queryable, departingId: number, target: { userId: number | null; teamId: number | null }): Promise<StaffRow[]> {
  const { rows } = await db.query<StaffRow>(
    `SELECT ${STAFF} FROM users WHERE id = $1 OR id = $2 OR (team_id = $3 AND role = 'collector' AND active)
      ORDER BY id FOR NO KEY UPDATE`, [departingId, target.userId, target.teamId]);
  return rows;
}

/** Locks users who are to receive accounts against a concurrent offboarding; returns them as they are now. */
export async function lockUsersForReceiving(db: Queryable, ids: readonly number[]): Promise<StaffRow[]> {
  const { rows } = await db.query<StaffRow>(`SELECT ${STAFF} FROM users WHERE id = ANY($1::bigint[]) ORDER BY id FOR SHARE`, [ids]);
  return rows;
}

/** Active collectors of the teams, locked FOR SHARE in id order (see lockUsersForChange). */
export async function lockTeamCollectors(db: Queryable, teamIds: readonly number[]): Promise<StaffRow[]> {
  const { rows } = await db.query<StaffRow>(
    `SELECT ${STAFF} FROM users WHERE team_id = ANY($1::bigint[]) AND role = 'collector' AND active ORDER BY id FOR SHARE`, [teamIds]);
  return rows;
}

/** The portfolio each collector holds now: open accounts and their balance. */
export async function collectorLoads(db: Queryable, collectorIds: readonly number[]): Promise<Array<{ collector_id: number; accounts: number; balance_fen: number }>> {
  const { rows } = await db.query(
    `SELECT s.collector_id, count(*)::int AS accounts, coalesce(sum(${BALANCE_NOW_SQL('a', PAID_SINCE_STATEMENT_SQL())}), 0)::bigint AS balance_fen
       FROM assignments s JOIN accounts a ON a.creditor_id = s.creditor_id AND a.id = s.account_id
      WHERE s.ended_at IS NULL AND s.collector_id = ANY($1::bigint[]) AND a.status NOT IN ${FINISHED}
      GROUP BY s.collector_id`, [collectorIds]);
  return rows;
}

/** Where these debtors' other accounts are now, among these collectors: (creditor, debtor) -> collector. */
export async function debtorOwners(db: Queryable, debtorIds: readonly number[], collectorIds: readonly number[]):
  Promise<Array<{ creditor_id: number; debtor_id: number; collector_id: number }>> {
  if (debtorIds.length === 0 || collectorIds.length === 0) return [];
  const { rows } = await db.query(
    `SELECT DISTINCT ON (a.creditor_id, a.debtor_id) a.creditor_id, a.debtor_id, s.collector_id
       FROM unnest($1::bigint[]) AS x(debtor_id) JOIN accounts a ON a.debtor_id = x.debtor_id
       JOIN assignments s ON s.creditor_id = a.creditor_id AND s.account_id = a.id AND s.ended_at IS NULL
      WHERE s.collector_id = ANY($2::bigint[])
      ORDER BY a.creditor_id, a.debtor_id, s.assigned_at DESC`, [debtorIds, collectorIds]);
  return rows;
}

export interface DealableAccount {
  id: number; creditor_id: number; debtor_id: number; balance_fen: number; region_code: string | null;
  /** The current owner of a 'placed' account that kept its row (placed again after a recall); else null. */
  current_collector_id: number | null;
}

/**
 * Accounts to deal: open accounts without a current owner (new placements, or left over),
 * and accounts still 'placed' whatever their row says (placed again after a recall).
 */
export async function accountsToDeal(db: Queryable, creditorId: number | null, options: { rebalance?: boolean } = {}): Promise<DealableAccount[]> {
  const { rows } = await db.query<DealableAccount>(
    `SELECT a.id, a.creditor_id, a.debtor_id, ${BALANCE_NOW_SQL('a', PAID_SINCE_STATEMENT_SQL())} AS balance_fen,
            coalesce(a.region_code, d.region_code) AS region_code, s.collector_id AS current_collector_id
       FROM accounts a JOIN debtors d ON d.id = a.debtor_id
       LEFT JOIN assignments s ON s.creditor_id = a.creditor_id AND s.account_id = a.id AND s.ended_at IS NULL
      WHERE a.status NOT IN ${FINISHED} AND ($1::bigint IS NULL OR a.creditor_id = $1) AND ($2 OR s.id IS NULL OR a.status = 'placed')
      ORDER BY a.id`, [creditorId, options.rebalance === true]);
  return rows;
}

export interface CurrentAssignment {
  account_id: number; creditor_id: number; debtor_id: number; balance_fen: number; status: string;
  collector_id: number | null; team_id: number | null; assignment_id: number | null;
}

/** Accounts with their current owner (null when unassigned), current rows locked so a move waits for another. */
export async function lockAccountsForMove(db: Queryable, accountIds: readonly number[]): Promise<CurrentAssignment[]> {
  const { rows } = await db.query<CurrentAssignment>(
    `SELECT a.id AS account_id, a.creditor_id, a.debtor_id, ${BALANCE_NOW_SQL('a', PAID_SINCE_STATEMENT_SQL())} AS balance_fen, a.status,
            s.collector_id, s.team_id, s.id AS assignment_id
       FROM accounts a
       LEFT JOIN assignments s ON s.creditor_id = a.creditor_id AND s.account_id = a.id AND s.ended_at IS NULL
      WHERE a.id = ANY($1::bigint[]) ORDER BY a.id FOR UPDATE OF a`, [accountIds]);
  return rows;
}

/** Every account a collector holds now (finished ones too: nothing may be left without an owner). */
export async function lockCollectorAccounts(db: Queryable, collectorId: number): Promise<CurrentAssignment[]> {
  const { rows } = await db.query<CurrentAssignment>(
    `SELECT a.id AS account_id, a.creditor_id, a.debtor_id, ${BALANCE_NOW_SQL('a', PAID_SINCE_STATEMENT_SQL())} AS balance_fen, a.status,
            s.collector_id, s.team_id, s.id AS assignment_id
       FROM assignments s JOIN accounts a ON a.creditor_id = s.creditor_id AND a.id = s.account_id
      WHERE s.collector_id = $1 AND s.ended_at IS NULL ORDER BY a.id FOR UPDATE OF a`, [collectorId]);
  return rows;
}

/** Ends the current rows of these accounts. */
export async function endAssignments(db: Queryable, accountIds: readonly number[], at: Date, by: number | null): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE assignments s SET ended_at = $2, ended_by = $3 FROM unnest($1::bigint[]) AS x(id) JOIN accounts a ON a.id = x.id
      WHERE s.creditor_id = a.creditor_id AND s.account_id = a.id AND s.ended_at IS NULL`,
    [accountIds, at, by]);
  return rowCount ?? 0;
}

export interface NewAssignment { accountId: number; collectorId: number; teamId: number }
export interface OpenedAssignment { id: number; creditor_id: number; account_id: number; collector_id: number }

/**
 * Opens the new current rows and makes 'placed' accounts 'active': ONE statement for the lot
 * (the account list is unnested and joined once). `returnOnly` limits the rows sent back to
 * those accounts (a deal of 100,000 needs back only the few whose owner changed).
 */
export async function openAssignments(db: Queryable, rows: readonly NewAssignment[],
  how: { kind: 'deal' | 'move' | 'offboard'; reason: string; by: number | null; at: Date }, returnOnly?: readonly number[]): Promise<OpenedAssignment[]> {
  if (rows.length === 0) return [];
  const { rows: opened } = await db.query<OpenedAssignment>(
    `WITH x AS MATERIALIZED (
       SELECT a.creditor_id, x.account_id, x.collector_id, x.team_id, a.status
         FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) AS x(account_id, collector_id, team_id)
         JOIN accounts a ON a.id = x.account_id
        ORDER BY a.creditor_id, x.account_id),  -- in key order: the indexes and the heap are written in sequence
     opened AS (
       INSERT INTO assignments (creditor_id, account_id, collector_id, team_id, assigned_at, reason, kind, assigned_by)
       SELECT creditor_id, account_id, collector_id, team_id, $4, $5, $6, $7 FROM x
       RETURNING id, creditor_id, account_id, collector_id),
     activated AS (
       UPDATE accounts a SET status = 'active', version = a.version + 1, updated_at = $4
         FROM x WHERE x.status = 'placed' AND a.creditor_id = x.creditor_id AND a.id = x.account_id AND a.status = 'placed')
     SELECT * FROM opened WHERE $8::bigint[] IS NULL OR account_id = ANY($8::bigint[])`,
    [rows.map((r) => r.accountId), rows.map((r) => r.collectorId), rows.map((r) => r.teamId), how.at, how.reason, how.kind, how.by,
      returnOnly ?? null]).catch((error: unknown) => {
    // Someone else gave one of these accounts an owner in the meantime: nothing was written.
    if ((error as { code?: string }).code === '23505') {
      throw new AppError('CONFLICT', { en: 'An account was assigned by someone else at the same time; nothing changed, try again', zh: '有账户同时被其他人分案；本次没有任何改动，请重试' });
    }
    throw error;
  });
  return opened;
}

/** Dealt accounts are no longer 'placed': they enter their collector's queue. */
export async function activatePlaced(db: Queryable, accountIds: readonly number[], at: Date): Promise<void> {
  if (accountIds.length === 0) return;
  await db.query(`UPDATE accounts a SET status = 'active', version = a.version + 1, updated_at = $2
                    FROM unnest($1::bigint[]) AS x(id) WHERE a.id = x.id AND a.status = 'placed'`, [accountIds, at]);
}

export interface Handover { accountId: number; fromCollectorId: number | null; toCollectorId: number; assignmentId: number }

/**
 * Carries open promises and callbacks of moved accounts to their new owner. Where the
 * collector who took an open promise loses the account, a promise credit opens: payments up to
 * `businessDate` + the window count for them. The window is `creditDays` when given, else the
 * creditor contract's terms.turnover_credit_days, else `defaultDays`.
 */
export async function carryPromisesAndCallbacks(db: Queryable, handovers: readonly Handover[],
  window: { businessDate: string; creditDays: number | null; defaultDays: number; zone: string }):
  Promise<{ promises: number; credits: number; callbacks: number | null }> {
  if (handovers.length === 0) return { promises: 0, credits: 0, callbacks: 0 };
  const params = [handovers.map((h) => h.accountId), handovers.map((h) => h.fromCollectorId),
    handovers.map((h) => h.toCollectorId), handovers.map((h) => h.assignmentId)];
  const moved = `unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[]) AS h(account_id, from_id, to_id, assignment_id)`;
  const credits = await db.query(
    `INSERT INTO promise_credits (creditor_id, promise_id, account_id, collector_id, taken_on, credit_until, assignment_id)
     SELECT p.creditor_id, p.id, p.account_id, p.taken_by, (p.created_at AT TIME ZONE $8)::date,
            greatest((p.created_at AT TIME ZONE $8)::date, $5::date + coalesce($6::int,
              (SELECT (k.terms->>'turnover_credit_days')::int FROM contracts k WHERE k.creditor_id = p.creditor_id
                  AND k.effective_from <= $5::date AND k.terms ? 'turnover_credit_days'
                ORDER BY k.effective_from DESC, k.version DESC LIMIT 1), $7::int)),
            h.assignment_id
       FROM ${moved} JOIN accounts a ON a.id = h.account_id
       JOIN promises p ON p.creditor_id = a.creditor_id AND p.account_id = a.id AND p.status = 'open'
      WHERE p.taken_by = h.from_id AND p.taken_by <> h.to_id`,
    [...params, window.businessDate, window.creditDays, window.defaultDays, window.zone]);
  const promises = await db.query(
    `UPDATE promises p SET owner_id = h.to_id FROM ${moved}, accounts a
      WHERE a.id = h.account_id AND p.creditor_id = a.creditor_id AND p.account_id = a.id AND p.status = 'open'`, params);
  let callbacks: number | null = null;
  // Scheduled callbacks arrive with the collector workstation; carry them when the table is there.
  const { rows } = await db.query<{ present: boolean }>(`SELECT to_regclass('callbacks') IS NOT NULL AS present`);
  if (rows[0]?.present) {
    const carried = await db.query(
      `UPDATE callbacks c SET collector_id = h.to_id FROM ${moved}, accounts a
        WHERE a.id = h.account_id AND c.creditor_id = a.creditor_id AND c.account_id = a.id AND c.status = 'open'`, params);
    callbacks = carried.rowCount ?? 0;
  }
  return { promises: promises.rowCount ?? 0, credits: credits.rowCount ?? 0, callbacks };
}

/**
 * Open promises and callbacks still in the departing user's name on accounts they no longer
 * hold go to each account's current owner.
 */
export async function reassignStrays(db: Queryable, userId: number): Promise<number> {
  const promises = await db.query(
    `UPDATE promises p SET owner_id = s.collector_id FROM assignments s
      WHERE p.owner_id = $1 AND p.status = 'open' AND s.creditor_id = p.creditor_id AND s.account_id = p.account_id AND s.ended_at IS NULL`, [userId]);
  let callbacks = 0;
  const { rows } = await db.query<{ present: boolean }>(`SELECT to_regclass('callbacks') IS NOT NULL AS present`);
  if (rows[0]?.present) {
    const r = await db.query(
      `UPDATE callbacks c SET collector_id = s.collector_id FROM assignments s
        WHERE c.collector_id = $1 AND c.status = 'open' AND s.creditor_id = c.creditor_id AND s.account_id = c.account_id AND s.ended_at IS NULL`, [userId]);
    callbacks = r.rowCount ?? 0;
  }
  return (promises.rowCount ?? 0) + callbacks;
}

/** "Next account" claims a departing user holds (workstation, 0007) end now, so the new owners can work the accounts at once. */
export async function releaseClaims(db: Queryable, userId: number): Promise<number> {
  const { rows } = await db.query<{ present: boolean }>(`SELECT to_regclass('work_claims') IS NOT NULL AS present`);
  if (!rows[0]?.present) return 0;
  const r = await db.query('UPDATE work_claims SET claimed_by = NULL, claimed_at = NULL, expires_at = NULL WHERE claimed_by = $1', [userId]);
  return r.rowCount ?? 0;
}

/** What is still in a user's name: current assignments, open promises, open callbacks. */
export async function ownedBy(db: Queryable, userId: number): Promise<{ accounts: number; promises: number; callbacks: number }> {
  const { rows } = await db.query<{ present: boolean }>(`SELECT to_regclass('callbacks') IS NOT NULL AS present`);
  const callbacks = rows[0]?.present ? "(SELECT count(*)::int FROM callbacks WHERE collector_id = $1 AND status = 'open')" : '0';
  const r = await db.query<{ accounts: number; promises: number; callbacks: number }>(
    `SELECT (SELECT count(*)::int FROM assignments WHERE collector_id = $1 AND ended_at IS NULL) AS accounts,
            (SELECT count(*)::int FROM promises WHERE owner_id = $1 AND status = 'open') AS promises,
            ${callbacks} AS callbacks`, [userId]);
  return r.rows[0]!;
}

/** The departing user: no more sign-in (sessions are deleted separately). */
export async function deactivateUser(db: Queryable, userId: number): Promise<void> {
  await db.query('UPDATE users SET active = false WHERE id = $1', [userId]);
}

export interface AssignmentHistoryRow {
  id: number; collector_id: number; collector_name: string; collector_username: string; team_id: number; team_name: string;
  assigned_at: Date; ended_at: Date | null; kind: string | null; reason: string; assigned_by_name: string | null;
}

export async function assignmentHistory(db: Queryable, creditorId: number, accountId: number): Promise<AssignmentHistoryRow[]> {
  const { rows } = await db.query<AssignmentHistoryRow>(
    `SELECT s.id, s.collector_id, u.display_name AS collector_name, u.username AS collector_username, s.team_id, t.name AS team_name,
            s.assigned_at, s.ended_at, s.kind, s.reason, b.display_name AS assigned_by_name
       FROM assignments s JOIN users u ON u.id = s.collector_id JOIN teams t ON t.id = s.team_id
       LEFT JOIN users b ON b.id = s.assigned_by
      WHERE s.creditor_id = $1 AND s.account_id = $2 ORDER BY s.assigned_at, s.id`, [creditorId, accountId]);
  return rows;
}

export interface PaymentCreditFacts {
  payment_id: number; creditor_id: number; account_id: number; paid_on: string; amount_fen: number; owner_id: number | null;
  credits: Array<{ promise_id: number; collector_id: number; taken_on: string; credit_until: string }>;
}

/**
 * For each payment: the account's owner at the end of the payment day (agency zone) and the
 * promise credits of its account. The rule that picks between them is creditedCollector.
 */
export async function paymentCreditFacts(db: Queryable, filter: { paymentIds?: readonly number[]; creditorId?: number; from?: string; to?: string },
  zone: string): Promise<PaymentCreditFacts[]> {
  const { rows } = await db.query<PaymentCreditFacts>(
    `SELECT p.id AS payment_id, p.creditor_id, p.account_id, p.paid_on, p.amount_fen, o.collector_id AS owner_id,
            coalesce((SELECT json_agg(json_build_object('promise_id', c.promise_id, 'collector_id', c.collector_id,
                        'taken_on', c.taken_on, 'credit_until', c.credit_until) ORDER BY c.id)
                        FROM promise_credits c WHERE c.creditor_id = p.creditor_id AND c.account_id = p.account_id
                         AND c.credit_until >= p.paid_on AND c.taken_on <= p.paid_on), '[]') AS credits
       FROM payments p
       LEFT JOIN LATERAL (SELECT s.collector_id FROM assignments s
                           WHERE s.creditor_id = p.creditor_id AND s.account_id = p.account_id
                             AND s.assigned_at < ((p.paid_on + 1)::timestamp AT TIME ZONE $5)
                             AND (s.ended_at IS NULL OR s.ended_at >= ((p.paid_on + 1)::timestamp AT TIME ZONE $5))
                           ORDER BY s.assigned_at DESC, s.id DESC LIMIT 1) o ON true
      WHERE ($1::bigint[] IS NULL OR p.id = ANY($1::bigint[])) AND ($2::bigint IS NULL OR p.creditor_id = $2)
        AND ($3::date IS NULL OR p.paid_on >= $3) AND ($4::date IS NULL OR p.paid_on <= $4)
      ORDER BY p.id`,
    [filter.paymentIds ?? null, filter.creditorId ?? null, filter.from ?? null, filter.to ?? null, zone]);
  return rows;
}
