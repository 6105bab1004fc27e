import { PARTS_NOW_JOIN } from './accounts-repository.ts';
import { mandateEndSql } from './placements-repository.ts';
import type { Queryable } from './pool.ts';

/**
 * Cases (docs/cases.md): settlement offers and waivers (waivers table), disputes and
 * complaints (complaints table, kind). All their SQL lives here.
 */

/** Who sees which cases: the inbox filters of the Cases screen. */
export type CaseScope = { kind: 'all' } | { kind: 'team'; teamId: number } | { kind: 'creditor'; creditorId: number };

export interface CaseAccount {
  id: number; creditor_id: number; debtor_id: number; status: string; principal_fen: number; interest_fen: number; fees_fen: number;
  team_id: number | null; collector_id: number | null; terms: Record<string, unknown> | null;
  /** The contract's compliance pack (null: no contract): its country's business days count the deadlines. */
  pack: string | null;
  /** The last day of the bank's mandate: its placement's last day, or the day it was kept until (留案), the later. */
  mandate_ends_on: string;
}

/** The account as the cases need it, locked for the change (unless `lock: false`, for reading): balance parts now (PARTS_NOW_JOIN), current team and collector, contract terms. */
export async function lockCaseAccount(db: Queryable, accountId: number, businessDate: string, options: { lock?: boolean } = {}): Promise<CaseAccount | undefined> {
  const { rows } = await db.query<CaseAccount>(
    `SELECT a.id, a.creditor_id, a.debtor_id, a.status, now.principal_fen, now.interest_fen, now.fees_fen,
            s.team_id, s.collector_id,
            k.terms, k.pack,
            (SELECT to_char(${mandateEndSql()}, 'YYYY-MM-DD') FROM placements pl
              WHERE pl.creditor_id = a.creditor_id AND pl.id = a.placement_id) AS mandate_ends_on
       FROM accounts a
       ${PARTS_NOW_JOIN()}
       LEFT JOIN assignments s ON s.creditor_id = a.creditor_id AND s.account_id = a.id AND s.ended_at IS NULL
       LEFT JOIN LATERAL (SELECT terms, pack FROM contracts WHERE creditor_id = a.creditor_id
                           ORDER BY (effective_from <= $2) DESC, version DESC LIMIT 1) k ON true
      WHERE a.id = $1${options.lock === false ? '' : ' FOR UPDATE OF a'}`, [accountId, businessDate]);
  return rows[0];
}

/** The account goes back to its bank on a day, for a reason (accounts.recall_reason). */
export async function recallAccount(db: Queryable, accountId: number, on: string, reason: 'dispute'): Promise<void> {
  await db.query(
    `UPDATE accounts SET status = 'recalled', recalled_on = $2, recall_reason = $3, version = version + 1, updated_at = now() WHERE id = $1`,
    [accountId, on, reason]);
}

// ---------------------------------------------------------------------------------------
// Settlements and waivers

export interface WaiverRow {
  id: number; creditor_id: number; account_id: number; account_no_mask: string; debtor_name: string;
  principal_fen: number; interest_fen: number; fees_fen: number;
  balance_principal_fen: number; balance_interest_fen: number; balance_fees_fen: number; settle_fen: number;
  payment: 'lump_sum' | 'instalments'; schedule: Array<{ n: number; due_date: string; amount_fen: number }>; due_date: string;
  offered_on: string; approver: 'requester' | 'supervisor' | 'creditor'; team_id: number | null; status: string;
  note: string | null; decision_reason: string | null; requested_by: number | null; requested_by_name: string | null;
  decided_by: number | null; decided_by_name: string | null; created_at: Date; decided_at: Date | null; resolved_on: string | null;
}

const WAIVER_SELECT = `SELECT w.id, w.creditor_id, w.account_id, a.account_no_mask, d.name AS debtor_name,
  w.principal_fen, w.interest_fen, w.fees_fen, w.balance_principal_fen, w.balance_interest_fen, w.balance_fees_fen, w.settle_fen,
  w.payment, w.schedule, w.due_date, w.offered_on, w.approver, coalesce(s.team_id, w.team_id) AS team_id, w.status, w.note, w.decision_reason,
  w.requested_by, ru.display_name AS requested_by_name, w.decided_by, du.display_name AS decided_by_name,
  w.created_at, w.decided_at, w.resolved_on
  FROM waivers w
  JOIN accounts a ON a.creditor_id = w.creditor_id AND a.id = w.account_id
  JOIN debtors d ON d.id = a.debtor_id
  LEFT JOIN users ru ON ru.id = w.requested_by
  LEFT JOIN users du ON du.id = w.decided_by
  LEFT JOIN assignments s ON s.creditor_id = w.creditor_id AND s.account_id = w.account_id AND s.ended_at IS NULL`;

export interface NewWaiver {
  creditorId: number; accountId: number; discount: { principal: number; interest: number; fees: number };
  balance: { principal: number; interest: number; fees: number }; settleFen: number; payment: 'lump_sum' | 'instalments';
  schedule: Array<{ n: number; due_date: string; amount_fen: number }>; dueDate: string; offeredOn: string;
  approver: 'requester' | 'supervisor' | 'creditor'; teamId: number | null; status: 'requested' | 'approved';
  note: string | null; requestedBy: number | null; at: Date;
}

/** Inserts an offer; undefined when the account already has one waiting or approved (one live offer per account). */
export async function insertWaiver(db: Queryable, w: NewWaiver): Promise<number | undefined> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO waivers (creditor_id, account_id, principal_fen, interest_fen, fees_fen, balance_principal_fen, balance_interest_fen,
       balance_fees_fen, settle_fen, payment, schedule, due_date, offered_on, approver, team_id, status, note, requested_by,
       decided_by, decided_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
       CASE WHEN $16 = 'approved' THEN $18::bigint END, CASE WHEN $16 = 'approved' THEN $19::timestamptz END, $19)
     ON CONFLICT (creditor_id, account_id) WHERE status IN ('requested', 'approved') DO NOTHING
     RETURNING id`,
    [w.creditorId, w.accountId, w.discount.principal, w.discount.interest, w.discount.fees, w.balance.principal, w.balance.interest,
      w.balance.fees, w.settleFen, w.payment, JSON.stringify(w.schedule), w.dueDate, w.offeredOn, w.approver, w.teamId, w.status,
      w.note, w.requestedBy, w.at]);
  return rows[0]?.id;
}

export async function findWaiver(db: Queryable, id: number, options: { lock?: boolean } = {}): Promise<WaiverRow | undefined> {
  return (await db.query<WaiverRow>(`${WAIVER_SELECT} WHERE w.id = $1${options.lock ? ' FOR UPDATE OF w' : ''}`, [id])).rows[0];
}

export async function listWaiversForAccount(db: Queryable, accountId: number): Promise<WaiverRow[]> {
  return (await db.query<WaiverRow>(`${WAIVER_SELECT} WHERE w.account_id = $1 ORDER BY w.id DESC`, [accountId])).rows;
}

/** requested -> approved | rejected; false when it was no longer waiting. */
export async function decideWaiverRow(db: Queryable, id: number, d: { status: 'approved' | 'rejected'; by: number | null; reason: string; at: Date }): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE waivers SET status = $2, decided_by = $3, decision_reason = $4, decided_at = $5 WHERE id = $1 AND status = 'requested'`,
    [id, d.status, d.by, d.reason, d.at]);
  return (rowCount ?? 0) > 0;
}

/**
 * Offers waiting for an approver: supervisors see their team's 'supervisor' ones (the team of
 * the account now, as for complaints), creditor users their bank's 'creditor' ones.
 */
export async function listWaitingWaivers(db: Queryable, scope: CaseScope): Promise<WaiverRow[]> {
  const where = scope.kind === 'team' ? `w.approver = 'supervisor' AND coalesce(s.team_id, w.team_id) = $1`
    : scope.kind === 'creditor' ? `w.approver = 'creditor' AND w.creditor_id = $1` : 'true';
  return (await db.query<WaiverRow>(`${WAIVER_SELECT} WHERE w.status = 'requested' AND ${where} ORDER BY w.created_at, w.id`,
    scope.kind === 'all' ? [] : [scope.kind === 'team' ? scope.teamId : scope.creditorId])).rows;
}

export interface SettlementOutcome {
  waiver_id: number; creditor_id: number; account_id: number; account_no_mask: string; status: 'settled' | 'lapsed'; paid_fen: number; settle_fen: number;
  requested_by: number | null;
}

/**
 * Set-based evaluation of every approved offer on `today` (a business date), in one statement:
 * settled when payments dated from the offer up to the last due date reach the agreed amount
 * (the account becomes 'settled'); lapsed when a due date before today was missed, counting
 * cumulatively; the rest stay approved. The same rule as domain/cases settlementState.
 * `paidOn`: only the offers on these accounts of the creditor, and only settled (a payment just
 * settled met one at once; lapsing is the nightly run's).
 */
export async function evaluateSettlementRows(db: Queryable, today: string, paidOn?: { creditorId: number; accountIds: readonly number[] }):
  Promise<SettlementOutcome[]> {
  const { rows } = await db.query<SettlementOutcome>(
    `WITH live AS (
       SELECT w.creditor_id, w.id, w.account_id, w.settle_fen, w.offered_on, w.due_date, w.schedule
         FROM waivers w WHERE w.status = 'approved' AND w.offered_on <= $1
          AND ($2::bigint IS NULL OR (w.creditor_id = $2 AND w.account_id = ANY($3::bigint[])))),
     judged AS (
       SELECT l.creditor_id, l.id, l.account_id, l.settle_fen,
              (SELECT coalesce(sum(p.amount_fen), 0) FROM payments p
                WHERE p.creditor_id = l.creditor_id AND p.account_id = l.account_id
                  AND p.paid_on BETWEEN l.offered_on AND l.due_date)::bigint AS paid_fen,
              EXISTS (SELECT 1 FROM jsonb_to_recordset(l.schedule) AS s(n int, due_date date, amount_fen bigint)
                WHERE s.due_date < $1
                  AND (SELECT coalesce(sum(p.amount_fen), 0) FROM payments p
                        WHERE p.creditor_id = l.creditor_id AND p.account_id = l.account_id
                          AND p.paid_on BETWEEN l.offered_on AND s.due_date)
                    < (SELECT sum(s2.amount_fen) FROM jsonb_to_recordset(l.schedule) AS s2(n int, amount_fen bigint) WHERE s2.n <= s.n)
              ) AS missed
         FROM live l),
     decided AS (
       UPDATE waivers w SET status = CASE WHEN j.paid_fen >= j.settle_fen THEN 'settled' ELSE 'lapsed' END, resolved_on = $1
         FROM judged j
        WHERE w.creditor_id = j.creditor_id AND w.id = j.id AND w.status = 'approved' AND (j.paid_fen >= j.settle_fen OR (j.missed AND $2::bigint IS NULL))
       RETURNING w.id AS waiver_id, w.creditor_id, w.account_id, w.status, j.paid_fen, w.settle_fen, w.requested_by),
     settled AS (
       UPDATE accounts a SET status = 'settled', version = a.version + 1, updated_at = now()
         FROM decided d WHERE d.status = 'settled' AND a.creditor_id = d.creditor_id AND a.id = d.account_id
       RETURNING a.id)
     SELECT d.*, a.account_no_mask FROM decided d JOIN accounts a ON a.creditor_id = d.creditor_id AND a.id = d.account_id
      ORDER BY d.waiver_id`, [today, paidOn?.creditorId ?? null, paidOn?.accountIds ?? null]);
  return rows;
}

// ---------------------------------------------------------------------------------------
// Disputes and complaints

export interface CaseRow {
  id: number; creditor_id: number; account_id: number; account_no_mask: string; debtor_name: string; kind: 'dispute' | 'complaint';
  channel: string; description: string; dispute_reason: string | null; origin: 'staff' | 'portal'; opened_by: number | null;
  opened_by_name: string | null; attempt_ids: number[]; recording_ref: string | null; collector_id: number | null;
  collector_name: string | null; hold_id: number | null; team_id: number | null; status: string; opened_on: string | null;
  due_on: string | null; collector_statement: string | null; collector_statement_at: Date | null; finding: string | null;
  action: string | null; resolution_note: string | null; resolved_by: number | null; resolved_by_name: string | null;
  created_at: Date; resolved_at: Date | null;
}

const CASE_SELECT = `SELECT c.id, c.creditor_id, c.account_id, a.account_no_mask, d.name AS debtor_name, c.kind, c.channel, c.description,
  c.dispute_reason, c.origin, c.opened_by, ou.display_name AS opened_by_name, array_to_json(c.attempt_ids) AS attempt_ids, c.recording_ref, c.collector_id,
  cu.display_name AS collector_name, c.hold_id, coalesce(s.team_id, c.team_id) AS team_id, c.status, c.opened_on, c.due_on, c.collector_statement,
  c.collector_statement_at, c.finding, c.action, c.resolution_note, c.resolved_by, ru.display_name AS resolved_by_name,
  c.created_at, c.resolved_at
  FROM complaints c
  JOIN accounts a ON a.creditor_id = c.creditor_id AND a.id = c.account_id
  JOIN debtors d ON d.id = a.debtor_id
  LEFT JOIN users ou ON ou.id = c.opened_by
  LEFT JOIN users cu ON cu.id = c.collector_id
  LEFT JOIN users ru ON ru.id = c.resolved_by
  LEFT JOIN assignments s ON s.creditor_id = c.creditor_id AND s.account_id = c.account_id AND s.ended_at IS NULL`;

export interface NewCase {
  creditorId: number; accountId: number; kind: 'dispute' | 'complaint'; channel: string; description: string;
  disputeReason: string | null; origin: 'staff' | 'portal'; openedBy: number | null; attemptIds: number[]; recordingRef: string | null;
  collectorId: number | null; holdId: number; teamId: number | null; openedOn: string; dueOn: string | null; at: Date;
}

export async function insertCase(db: Queryable, c: NewCase): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO complaints (creditor_id, account_id, kind, channel, description, dispute_reason, origin, opened_by, attempt_ids,
       recording_ref, collector_id, hold_id, team_id, opened_on, due_on, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
    [c.creditorId, c.accountId, c.kind, c.channel, c.description, c.disputeReason, c.origin, c.openedBy, c.attemptIds,
      c.recordingRef, c.collectorId, c.holdId, c.teamId, c.openedOn, c.dueOn, c.at]);
  return rows[0]!.id;
}

export async function findCase(db: Queryable, id: number, options: { lock?: boolean } = {}): Promise<CaseRow | undefined> {
  return (await db.query<CaseRow>(`${CASE_SELECT} WHERE c.id = $1${options.lock ? ' FOR UPDATE OF c' : ''}`, [id])).rows[0];
}

export async function listCasesForAccount(db: Queryable, accountId: number): Promise<CaseRow[]> {
  return (await db.query<CaseRow>(`${CASE_SELECT} WHERE c.account_id = $1 ORDER BY c.id DESC`, [accountId])).rows;
}

/** Open cases of a kind in scope: complaints for a team's supervisor, disputes for a creditor's users. */
export async function listOpenCases(db: Queryable, kind: 'dispute' | 'complaint', scope: CaseScope): Promise<CaseRow[]> {
  // The team answering for a case is the account's team now (a case opened before the account
  // was dealt, or that stays open while it moves, follows it), else the team when it was opened.
  const where = scope.kind === 'team' ? 'coalesce(s.team_id, c.team_id) = $2' : scope.kind === 'creditor' ? 'c.creditor_id = $2' : 'true';
  return (await db.query<CaseRow>(`${CASE_SELECT} WHERE c.kind = $1 AND c.status = 'open' AND ${where}
    ORDER BY c.due_on NULLS LAST, c.id`, scope.kind === 'all' ? [kind] : [kind, scope.kind === 'team' ? scope.teamId : scope.creditorId])).rows;
}

/** The id of the creditor's account with this number (the key the bank knows), if placed. */
export async function findAccountIdByNumber(db: Queryable, creditorId: number, accountNo: string): Promise<number | undefined> {
  return (await db.query<{ id: number }>('SELECT id FROM accounts WHERE creditor_id = $1 AND account_no = $2', [creditorId, accountNo])).rows[0]?.id;
}

/** The attempts of an account among `ids`, with who made them and their recording reference. */
export async function attemptsOfAccount(db: Queryable, creditorId: number, accountId: number, ids: number[]):
  Promise<Array<{ id: number; collector_id: number | null; recording_ref: string | null }>> {
  if (ids.length === 0) return [];
  return (await db.query(`SELECT id, collector_id, recording_ref FROM contact_attempts
    WHERE creditor_id = $1 AND account_id = $2 AND id = ANY($3::bigint[]) ORDER BY at`, [creditorId, accountId, ids])).rows;
}

export async function setCollectorStatement(db: Queryable, id: number, statement: string, at: Date): Promise<void> {
  await db.query('UPDATE complaints SET collector_statement = $2, collector_statement_at = $3 WHERE id = $1', [id, statement, at]);
}

export async function closeCaseRow(db: Queryable, id: number, c: { status: 'closed' | 'verified' | 'returned'; finding: string | null;
  action: string | null; note: string; by: number | null; at: Date }): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE complaints SET status = $2, finding = $3, action = $4, resolution_note = $5, resolved_by = $6, resolved_at = $7
      WHERE id = $1 AND status = 'open'`, [id, c.status, c.finding, c.action, c.note, c.by, c.at]);
  return (rowCount ?? 0) > 0;
}

/** Open holds of a kind on one account (a case's own hold, or those bulk-loaded without a link). */
export async function openHoldIds(db: Queryable, accountId: number, kind: string): Promise<number[]> {
  return (await db.query<{ id: number }>(`SELECT id FROM holds WHERE account_id = $1 AND kind = $2 AND released_at IS NULL`,
    [accountId, kind])).rows.map((r) => r.id);
}

/** Other open cases of the kind on the account (a hold stays while one remains). */
export async function otherOpenCases(db: Queryable, accountId: number, kind: string, exceptId: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM complaints WHERE account_id = $1 AND kind = $2
    AND status = 'open' AND id <> $3`, [accountId, kind, exceptId]);
  return rows[0]!.n;
}

// ---------------------------------------------------------------------------------------
// Reports

/** Upheld complaints per collector (the scorecard): a team's collectors, or everyone. */
export async function upheldComplaintsByCollector(db: Queryable, teamId: number | null): Promise<Array<{ collector_id: number; upheld: number; open: number }>> {
  const { rows } = await db.query(
    `SELECT u.id AS collector_id,
            count(c.id) FILTER (WHERE c.finding = 'upheld')::int AS upheld,
            count(c.id) FILTER (WHERE c.status = 'open')::int AS open
       FROM users u LEFT JOIN complaints c ON c.collector_id = u.id AND c.kind = 'complaint'
      WHERE u.role = 'collector' AND ($1::bigint IS NULL OR u.team_id = $1)
      GROUP BY u.id ORDER BY u.id`, [teamId]);
  return rows;
}

export interface UpheldComplaintRow {
  id: number; account_id: number; account_no_mask: string; channel: string; collector_id: number | null; collector_name: string | null;
  opened_on: string | null; resolved_at: Date | null; action: string | null; description: string;
}

/**
 * Upheld complaints of one creditor's accounts, closed within [from, to] (business dates in
 * the agency's zone, inclusive; either may be null): what a creditor's report shows.
 */
export async function upheldComplaintsByCreditor(db: Queryable, creditorId: number, range: { from?: string | null; to?: string | null } = {},
  zone = 'Asia/Shanghai'): Promise<UpheldComplaintRow[]> {
  const { rows } = await db.query<UpheldComplaintRow>(
    `SELECT c.id, c.account_id, a.account_no_mask, c.channel, c.collector_id, u.display_name AS collector_name, c.opened_on,
            c.resolved_at, c.action, c.description
       FROM complaints c
       JOIN accounts a ON a.creditor_id = c.creditor_id AND a.id = c.account_id
       LEFT JOIN users u ON u.id = c.collector_id
      WHERE c.creditor_id = $1 AND c.kind = 'complaint' AND c.finding = 'upheld'
        AND ($2::date IS NULL OR (c.resolved_at AT TIME ZONE $4)::date >= $2)
        AND ($3::date IS NULL OR (c.resolved_at AT TIME ZONE $4)::date <= $3)
      ORDER BY c.resolved_at, c.id`, [creditorId, range.from ?? null, range.to ?? null, zone]);
  return rows;
}

/** The oldest complaint a bank forwarded (its own or a regulator's) on an account that is not closed yet; undefined when none. */
export async function openForwardedComplaint(db: Queryable, creditorId: number, accountId: number): Promise<{ id: number; due_on: string } | undefined> {
  const { rows } = await db.query<{ id: number; due_on: string }>(
    `SELECT id, to_char(due_on, 'YYYY-MM-DD') AS due_on FROM complaints WHERE creditor_id = $1 AND account_id = $2 AND kind = 'complaint'
        AND status <> 'closed' AND channel IN ('creditor', 'regulator') ORDER BY id LIMIT 1`, [creditorId, accountId]);
  return rows[0];
}
