import type { AccountScope } from '../app/authorization.ts';
import { PARTS_NOW_JOIN } from './accounts-repository.ts';
import type { Queryable } from './pool.ts';

/** SQL condition for a scope; `a` is accounts, `asg` the account's current assignment. */
function scopeCondition(scope: AccountScope, params: unknown[]): string {
  switch (scope.kind) {
    case 'all': return 'true';
    case 'collector': params.push(scope.userId); return `asg.collector_id = $${params.length}`;
    case 'team': params.push(scope.teamId); return `asg.team_id = $${params.length}`;
    case 'creditor': params.push(scope.creditorId); return `a.creditor_id = $${params.length}`;
  }
}

const ASSIGNMENT = `LEFT JOIN assignments asg ON asg.creditor_id = a.creditor_id AND asg.account_id = a.id AND asg.ended_at IS NULL`;

// ---------------------------------------------------------------------------------------
// The account, as hardship needs it.

export interface HardshipAccount {
  id: number; creditor_id: number; creditor_code: string; creditor_name: string; debtor_id: number; account_no_mask: string;
  debtor_name: string; principal_fen: number; interest_fen: number; fees_fen: number; status: string; region_code: string | null;
  pack: 'CN' | 'US' | 'UK'; terms: Record<string, unknown>; collector_id: number | null;
}

/** The account with its balance parts now (PARTS_NOW_JOIN), its contract (the version in force on the date) and current collector; locked when `lock`. */
export async function findHardshipAccount(db: Queryable, accountId: number, businessDate: string, lock = false): Promise<HardshipAccount | undefined> {
  // Debtor, then account: the order logging a contact takes them (log-contact.ts), so a
  // submission and a contact on the same debtor queue behind each other instead of deadlocking.
  if (lock) {
    await db.query('SELECT 1 FROM debtors WHERE id = (SELECT debtor_id FROM accounts WHERE id = $1) FOR UPDATE', [accountId]);
    await db.query('SELECT 1 FROM accounts WHERE id = $1 FOR UPDATE', [accountId]);
  }
  const { rows } = await db.query<HardshipAccount>(
    `SELECT a.id, a.creditor_id, c.code AS creditor_code, c.name AS creditor_name, a.debtor_id, a.account_no_mask, d.name AS debtor_name,
            now.principal_fen, now.interest_fen, now.fees_fen, a.status, coalesce(a.region_code, d.region_code) AS region_code,
            coalesce(k.pack, 'CN') AS pack, coalesce(k.terms, '{}') AS terms, asg.collector_id
       FROM accounts a JOIN creditors c ON c.id = a.creditor_id JOIN debtors d ON d.id = a.debtor_id
       ${PARTS_NOW_JOIN()}
       ${ASSIGNMENT}
       LEFT JOIN LATERAL (SELECT pack, terms FROM contracts WHERE creditor_id = a.creditor_id
                           ORDER BY (effective_from <= $2) DESC, version DESC LIMIT 1) k ON true
      WHERE a.id = $1`, [accountId, businessDate]);
  return rows[0];
}

export async function setAccountStatus(db: Queryable, creditorId: number, accountId: number, status: string, onlyFrom?: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE accounts SET status = $3, version = version + 1, updated_at = now()
      WHERE creditor_id = $1 AND id = $2 AND ($4::text IS NULL OR status = $4)`, [creditorId, accountId, status, onlyFrom ?? null]);
  return (rowCount ?? 0) > 0;
}

// ---------------------------------------------------------------------------------------
// Applications.

export interface ApplicationRow {
  id: number; creditor_id: number; creditor_code: string; creditor_name: string;
  /** The creditor's name in English (creditors.name_en); null: it has none. */
  creditor_name_en: string | null; account_id: number; account_no_mask: string;
  debtor_name: string; debtor_id: number; collector_id: number | null; collector_name: string | null;
  reason: string; debtor_statement: string; evidence_note: string | null; monthly_income_fen: number | null; monthly_essentials_fen: number | null;
  requested_plan: Record<string, unknown>; decided_terms: Record<string, unknown> | null;
  status: string; origin: string; submitted_on: string; decision_due_on: string; hold_id: number | null; programme_id: number | null;
  info_request: string | null; decision_note: string | null; decided_by_name: string | null; decided_at: Date | null;
  created_by_name: string | null; created_at: Date; evidence_count: number;
  /** The account's balance parts as the bank last stated them: what the creditor decides on (how much a waiver gives up). */
  principal_fen: number; interest_fen: number; fees_fen: number;
}

const APPLICATION_SELECT = `
  SELECT h.id, h.creditor_id, c.code AS creditor_code, c.name AS creditor_name, c.name_en AS creditor_name_en, h.account_id, a.account_no_mask,
         d.name AS debtor_name, a.debtor_id, asg.collector_id, cu.display_name AS collector_name,
         h.reason, h.debtor_statement, h.evidence_note, h.monthly_income_fen, h.monthly_essentials_fen, h.requested_plan, h.decided_terms,
         h.status, h.origin, h.submitted_on, h.decision_due_on, h.hold_id, h.programme_id, h.info_request, h.decision_note,
         du.display_name AS decided_by_name, h.decided_at, bu.display_name AS created_by_name, h.created_at,
         a.principal_fen, a.interest_fen, a.fees_fen,
         (SELECT count(*)::int FROM hardship_evidence e WHERE e.creditor_id = h.creditor_id AND e.application_id = h.id) AS evidence_count
    FROM hardship_applications h
    JOIN accounts a ON a.creditor_id = h.creditor_id AND a.id = h.account_id
    JOIN creditors c ON c.id = h.creditor_id
    JOIN debtors d ON d.id = a.debtor_id
    ${ASSIGNMENT}
    LEFT JOIN users cu ON cu.id = asg.collector_id
    LEFT JOIN users du ON du.id = h.decided_by
    LEFT JOIN users bu ON bu.id = h.created_by`;

export async function insertApplication(db: Queryable, a: {
  creditorId: number; accountId: number; reason: string; statement: string; evidenceNote: string | null; incomeFen: number | null;
  essentialsFen: number | null; requestedPlan: Record<string, unknown>; submittedOn: string; decisionDueOn: string; origin: 'staff' | 'portal';
  originDebtorId: number | null; createdBy: number | null; programmeId: number | null;
  /** When, on the product's clock (ctx.now()). */
  at: Date;
}): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO hardship_applications (creditor_id, account_id, reason, debtor_statement, evidence_note, monthly_income_fen,
       monthly_essentials_fen, requested_plan, status, submitted_on, decision_due_on, origin, origin_debtor_id, created_by, programme_id,
       created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'submitted', $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id`,
    [a.creditorId, a.accountId, a.reason, a.statement, a.evidenceNote, a.incomeFen, a.essentialsFen, JSON.stringify(a.requestedPlan),
      a.submittedOn, a.decisionDueOn, a.origin, a.originDebtorId, a.createdBy, a.programmeId, a.at]);
  return rows[0]!.id;
}

export async function setApplicationHold(db: Queryable, creditorId: number, id: number, holdId: number): Promise<void> {
  await db.query('UPDATE hardship_applications SET hold_id = $3 WHERE creditor_id = $1 AND id = $2', [creditorId, id, holdId]);
}

/** The application if its account is in the scope; locked FOR UPDATE when `lock`. */
export async function findApplication(db: Queryable, scope: AccountScope, id: number, lock = false): Promise<ApplicationRow | undefined> {
  const params: unknown[] = [];
  const where = scopeCondition(scope, params);
  params.push(id);
  if (lock) {
    const found = await db.query<{ id: number }>(`SELECT h.id FROM hardship_applications h JOIN accounts a ON a.creditor_id = h.creditor_id AND a.id = h.account_id
      ${ASSIGNMENT} WHERE ${where} AND h.id = $${params.length} FOR UPDATE OF h`, params);
    if (!found.rows[0]) return undefined;
  }
  return (await db.query<ApplicationRow>(`${APPLICATION_SELECT} WHERE ${where} AND h.id = $${params.length}`, params)).rows[0];
}

export async function listApplications(db: Queryable, scope: AccountScope, filter: { statuses: string[]; limit: number; accountId?: number }): Promise<ApplicationRow[]> {
  const params: unknown[] = [];
  let where = scopeCondition(scope, params);
  if (filter.statuses.length) { params.push(filter.statuses); where += ` AND h.status = ANY($${params.length})`; }
  if (filter.accountId !== undefined) { params.push(filter.accountId); where += ` AND h.account_id = $${params.length}`; }
  params.push(filter.limit);
  return (await db.query<ApplicationRow>(
    `${APPLICATION_SELECT} WHERE ${where} ORDER BY h.decision_due_on, h.id LIMIT $${params.length}`, params)).rows;
}

export async function updateApplication(db: Queryable, creditorId: number, id: number, change: {
  status: string; decidedBy?: number | null; decidedAt?: Date | null; decisionNote?: string | null; decidedTerms?: Record<string, unknown> | null;
  infoRequest?: string | null; submittedOn?: string; decisionDueOn?: string;
}): Promise<void> {
  const sets = ['status = $3', 'updated_at = now()'];
  const params: unknown[] = [creditorId, id, change.status];
  const add = (column: string, value: unknown) => { params.push(value); sets.push(`${column} = $${params.length}`); };
  if (change.decidedBy !== undefined) add('decided_by', change.decidedBy);
  if (change.decidedAt !== undefined) add('decided_at', change.decidedAt);
  if (change.decisionNote !== undefined) add('decision_note', change.decisionNote);
  if (change.decidedTerms !== undefined) add('decided_terms', change.decidedTerms === null ? null : JSON.stringify(change.decidedTerms));
  if (change.infoRequest !== undefined) add('info_request', change.infoRequest);
  if (change.submittedOn !== undefined) add('submitted_on', change.submittedOn);
  if (change.decisionDueOn !== undefined) add('decision_due_on', change.decisionDueOn);
  await db.query(`UPDATE hardship_applications SET ${sets.join(', ')} WHERE creditor_id = $1 AND id = $2`, params);
}

/** Applications still awaiting a decision whose deadline is before the date, locked, oldest first. */
export async function lockOverdueApplications(db: Queryable, date: string): Promise<Array<{ id: number; creditor_id: number; account_id: number;
  hold_id: number | null; decision_due_on: string; collector_id: number | null }>> {
  return (await db.query(
    `SELECT h.id, h.creditor_id, h.account_id, h.hold_id, h.decision_due_on, asg.collector_id
       FROM hardship_applications h
       LEFT JOIN assignments asg ON asg.creditor_id = h.creditor_id AND asg.account_id = h.account_id AND asg.ended_at IS NULL
      WHERE h.status IN ('submitted', 'info_requested') AND h.decision_due_on < $1
      ORDER BY h.decision_due_on, h.id FOR UPDATE OF h SKIP LOCKED`, [date])).rows;
}

// ---------------------------------------------------------------------------------------
// Evidence.

export interface EvidenceRow { id: number; application_id: number; file_name: string; content_type: string; size_bytes: number; sha256: string; created_at: Date }

export async function insertEvidence(db: Queryable, e: { creditorId: number; applicationId: number; fileName: string; contentType: string;
  sha256: string; content: Buffer; uploadedBy: number | null }): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO hardship_evidence (creditor_id, application_id, file_name, content_type, size_bytes, sha256, content, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [e.creditorId, e.applicationId, e.fileName, e.contentType, e.content.length, e.sha256, e.content, e.uploadedBy]);
  return rows[0]!.id;
}

export async function listEvidence(db: Queryable, creditorId: number, applicationIds: number[]): Promise<EvidenceRow[]> {
  return (await db.query<EvidenceRow>(
    `SELECT id, application_id, file_name, content_type, size_bytes, sha256, created_at FROM hardship_evidence
      WHERE creditor_id = $1 AND application_id = ANY($2) ORDER BY id`, [creditorId, applicationIds])).rows;
}

/** One evidence file with its content, if its account is in the scope. */
export async function findEvidenceFile(db: Queryable, scope: AccountScope, id: number): Promise<(EvidenceRow & { content: Buffer; creditor_id: number; account_id: number }) | undefined> {
  const params: unknown[] = [];
  const where = scopeCondition(scope, params);
  params.push(id);
  return (await db.query(
    `SELECT e.id, e.application_id, e.file_name, e.content_type, e.size_bytes, e.sha256, e.created_at, e.content, e.creditor_id, h.account_id
       FROM hardship_evidence e
       JOIN hardship_applications h ON h.creditor_id = e.creditor_id AND h.id = e.application_id
       JOIN accounts a ON a.creditor_id = h.creditor_id AND a.id = h.account_id
       ${ASSIGNMENT}
      WHERE ${where} AND e.id = $${params.length}`, params)).rows[0];
}

// ---------------------------------------------------------------------------------------
// Timeline and notifications.

/**
 * A timeline row. `note`: what a person typed, as typed; or the system's own words in both
 * languages, stored as the English `note` (what readers of the English-only rows before it see)
 * with both kept in `detail.message`, so each reader gets theirs (listEvents' `note_zh`).
 */
export async function insertEvent(db: Queryable, e: { creditorId: number; accountId: number; applicationId?: number | null; planId?: number | null;
  kind: string; actor: string; actorUserId: number | null; note?: string | { en: string; zh: string } | null; detail?: Record<string, unknown>;
  /** When, on the product's clock (a training or demo server's may stand apart from the database's). */
  at: Date }): Promise<void> {
  const bilingual = typeof e.note === 'object' && e.note !== null ? e.note : null;
  const note = bilingual ? bilingual.en : e.note ?? null;
  const detail = bilingual ? { ...e.detail, message: { en: bilingual.en, zh: bilingual.zh } } : e.detail ?? {};
  await db.query(
    `INSERT INTO hardship_events (creditor_id, account_id, application_id, plan_id, kind, actor, actor_user_id, note, detail, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [e.creditorId, e.accountId, e.applicationId ?? null, e.planId ?? null, e.kind, e.actor, e.actorUserId, note, JSON.stringify(detail), e.at]);
}

export interface EventRow { id: number; application_id: number | null; plan_id: number | null; kind: string; actor: string;
  /** Who, as people know them: a staff member's display name; null for the debtor (the portal) and the system. */ actor_name: string | null;
  note: string | null;
  /**
   * The note in Chinese, for a note the system wrote (kept in both languages as `detail.message`); null for a
   * note a person typed (shown as typed), an older system note kept in English only, and a note erased.
   */
  note_zh: string | null;
  detail: Record<string, unknown>; at: Date }

export async function listEvents(db: Queryable, creditorId: number, accountId: number): Promise<EventRow[]> {
  return (await db.query<EventRow>(
    `SELECT e.id, e.application_id, e.plan_id, e.kind, e.actor, u.display_name AS actor_name, e.note,
            CASE WHEN e.note IS NOT NULL THEN e.detail #>> '{message,zh}' END AS note_zh, e.detail, e.at
       FROM hardship_events e LEFT JOIN users u ON u.id = e.actor_user_id
      WHERE e.creditor_id = $1 AND e.account_id = $2 ORDER BY e.id`, [creditorId, accountId])).rows;
}

export interface NotificationRow { id: number; account_id: number; account_no_mask: string; audience: string; user_id: number | null; kind: string;
  application_id: number | null; plan_id: number | null; message: string; message_zh: string | null; created_at: Date }

const NOTIFICATION_SELECT = `SELECT n.id, n.account_id, a.account_no_mask, n.audience, n.user_id, n.kind, n.application_id, n.plan_id, n.message, n.message_zh, n.created_at
  FROM notifications n JOIN accounts a ON a.creditor_id = n.creditor_id AND a.id = n.account_id`;

/** The notification kinds of hardship applications and plans: what the account page's hardship section lists. */
export const HARDSHIP_NOTICE_KINDS = ['application_rejected', 'application_expired', 'info_requested', 'application_approved', 'plan_defaulted', 'plan_completed'];

/** The account's hardship notifications (other kinds are the collector's, on their notices screen), newest first. */
export async function listAccountNotifications(db: Queryable, creditorId: number, accountId: number): Promise<NotificationRow[]> {
  return (await db.query<NotificationRow>(`${NOTIFICATION_SELECT} WHERE n.creditor_id = $1 AND n.account_id = $2 AND n.kind = ANY($3::text[]) ORDER BY n.id DESC`,
    [creditorId, accountId, HARDSHIP_NOTICE_KINDS])).rows;
}

/**
 * What the bank is told about hardship: an application to decide, a plan defaulted, paid off or
 * running again after a reversal. Its other notices (a settlement offer to approve) are not the
 * hardship inbox's: they are in the Notices (通知) its users share.
 */
export const HARDSHIP_CREDITOR_NOTICE_KINDS = ['application_to_decide', 'plan_defaulted', 'plan_completed', 'plan_reopened'];

/**
 * The creditor audience's hardship notifications not yet read, for the accounts in the scope: what the
 * inbox shows above the applications. One read in the Notices, or an application decided
 * (markDecisionNoticesRead), is read for all the bank's users and leaves the inbox.
 */
export async function listCreditorNotifications(db: Queryable, scope: AccountScope, limit: number): Promise<NotificationRow[]> {
  const params: unknown[] = [HARDSHIP_CREDITOR_NOTICE_KINDS];
  const where = scopeCondition(scope, params);
  params.push(limit);
  return (await db.query<NotificationRow>(`${NOTIFICATION_SELECT} ${ASSIGNMENT}
    WHERE n.audience = 'creditor' AND n.kind = ANY($1::text[]) AND n.read_at IS NULL AND ${where} ORDER BY n.id DESC LIMIT $${params.length}`, params)).rows;
}

// ---------------------------------------------------------------------------------------
// Plans.

export async function insertPlan(db: Queryable, p: { creditorId: number; accountId: number; applicationId: number; totalFen: number;
  startDate: string; months: number; terms: Record<string, unknown>; at: Date;
  instalments: Array<{ n: number; dueDate: string; principalFen: number; feeFen: number; amountFen: number }> }): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO instalment_plans (creditor_id, account_id, application_id, status, total_fen, start_date, months, terms, created_at)
     VALUES ($1, $2, $3, 'active', $4, $5, $6, $7, $8) RETURNING id`,
    [p.creditorId, p.accountId, p.applicationId, p.totalFen, p.startDate, p.months, JSON.stringify(p.terms), p.at]);
  const id = rows[0]!.id;
  await db.query(
    `INSERT INTO plan_instalments (creditor_id, plan_id, n, due_date, principal_fen, fee_fen, amount_fen)
     SELECT $1::bigint, $2::bigint, * FROM unnest($3::int[], $4::date[], $5::bigint[], $6::bigint[], $7::bigint[])`,
    [p.creditorId, id, p.instalments.map((i) => i.n), p.instalments.map((i) => i.dueDate), p.instalments.map((i) => i.principalFen),
      p.instalments.map((i) => i.feeFen), p.instalments.map((i) => i.amountFen)]);
  return id;
}

export interface PlanRow { id: number; account_id: number; application_id: number | null; status: string; total_fen: number; start_date: string;
  months: number; terms: Record<string, unknown>; ended_on: string | null; created_at: Date }
export interface InstalmentRow { plan_id: number; n: number; due_date: string; principal_fen: number; fee_fen: number; amount_fen: number; paid_fen: number; paid_on: string | null }

export async function listPlans(db: Queryable, creditorId: number, accountId: number): Promise<Array<PlanRow & { instalments: InstalmentRow[] }>> {
  const plans = (await db.query<PlanRow>(
    `SELECT id, account_id, application_id, status, total_fen, start_date, months, terms, ended_on, created_at FROM instalment_plans
      WHERE creditor_id = $1 AND account_id = $2 ORDER BY id DESC`, [creditorId, accountId])).rows;
  const instalments = (await db.query<InstalmentRow>(
    `SELECT plan_id, n, due_date, principal_fen, fee_fen, amount_fen, paid_fen, paid_on FROM plan_instalments
      WHERE creditor_id = $1 AND plan_id = ANY($2) ORDER BY plan_id, n`, [creditorId, plans.map((p) => p.id)])).rows;
  return plans.map((p) => ({ ...p, instalments: instalments.filter((i) => i.plan_id === p.id) }));
}

/** A plan written without a start date (the demo portfolio's) starts on the day it was created, in the agency zone. */
export interface ActivePlan { creditor_id: number; id: number; account_id: number; start_date: string; terms: Record<string, unknown>;
  contract_terms: Record<string, unknown>; collector_id: number | null }

/** Active plans, locked, a page at a time (keyset on creditor_id, id). */
const ACTIVE_PLAN_SELECT = (date: string) => `SELECT ip.creditor_id, ip.id, ip.account_id, coalesce(ip.start_date, (ip.created_at AT TIME ZONE agency_zone())::date) AS start_date,
           ip.terms, coalesce(k.terms, '{}') AS contract_terms, asg.collector_id
       FROM instalment_plans ip
       LEFT JOIN assignments asg ON asg.creditor_id = ip.creditor_id AND asg.account_id = ip.account_id AND asg.ended_at IS NULL
       LEFT JOIN LATERAL (SELECT terms FROM contracts WHERE creditor_id = ip.creditor_id
                           ORDER BY (effective_from <= ${date}) DESC, version DESC LIMIT 1) k ON true`;

export async function lockActivePlans(db: Queryable, after: { creditorId: number; id: number }, limit: number, date: string): Promise<ActivePlan[]> {
  return (await db.query<ActivePlan>(
    `${ACTIVE_PLAN_SELECT('$4')}
      WHERE ip.status = 'active' AND (ip.creditor_id, ip.id) > ($1, $2)
      ORDER BY ip.creditor_id, ip.id LIMIT $3 FOR UPDATE OF ip SKIP LOCKED`, [after.creditorId, after.id, limit, date])).rows;
}

/** The active plans on these accounts of the creditor, locked (those another transaction holds are skipped). */
export async function lockActivePlansOf(db: Queryable, creditorId: number, accountIds: readonly number[], date: string): Promise<ActivePlan[]> {
  return (await db.query<ActivePlan>(
    `${ACTIVE_PLAN_SELECT('$3')}
      WHERE ip.status = 'active' AND ip.creditor_id = $1 AND ip.account_id = ANY($2::bigint[])
      ORDER BY ip.creditor_id, ip.id FOR UPDATE OF ip SKIP LOCKED`, [creditorId, accountIds, date])).rows;
}

/** The instalments of the plans and the payments on their accounts from each plan's start to the date, in two set-based reads. */
export async function loadPlanMoney(db: Queryable, plans: ActivePlan[], date: string): Promise<{
  instalments: InstalmentRow[]; payments: Array<{ plan_id: number; amount_fen: number; paid_on: string }> }> {
  const creditorIds = plans.map((p) => p.creditor_id);
  const planIds = plans.map((p) => p.id);
  // One after the other: the nightly run passes its transaction's client, which runs one query at a time.
  const instalments = await db.query<InstalmentRow>(
      `SELECT pi.plan_id, pi.n, pi.due_date, pi.principal_fen, pi.fee_fen, pi.amount_fen, pi.paid_fen, pi.paid_on
         FROM plan_instalments pi JOIN unnest($1::bigint[], $2::bigint[]) AS k(creditor_id, plan_id)
           ON pi.creditor_id = k.creditor_id AND pi.plan_id = k.plan_id ORDER BY pi.plan_id, pi.n`, [creditorIds, planIds]);
  const payments = await db.query<{ plan_id: number; amount_fen: number; paid_on: string }>(
      `SELECT ip.id AS plan_id, p.amount_fen, p.paid_on
         FROM instalment_plans ip JOIN unnest($1::bigint[], $2::bigint[]) AS k(creditor_id, plan_id)
           ON ip.creditor_id = k.creditor_id AND ip.id = k.plan_id
         JOIN payments p ON p.creditor_id = ip.creditor_id AND p.account_id = ip.account_id
                        AND p.paid_on >= coalesce(ip.start_date, (ip.created_at AT TIME ZONE agency_zone())::date) AND p.paid_on <= $3
        ORDER BY ip.id, p.paid_on, p.id`, [creditorIds, planIds, date]);
  return { instalments: instalments.rows, payments: payments.rows };
}

export async function updateInstalments(db: Queryable, rows: Array<{ creditorId: number; planId: number; n: number; paidFen: number; paidOn: string | null }>): Promise<void> {
  if (!rows.length) return;
  await db.query(
    `UPDATE plan_instalments pi SET paid_fen = u.paid_fen, paid_on = u.paid_on
       FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::bigint[], $5::date[]) AS u(creditor_id, plan_id, n, paid_fen, paid_on)
      WHERE pi.creditor_id = u.creditor_id AND pi.plan_id = u.plan_id AND pi.n = u.n
        AND (pi.paid_fen, pi.paid_on) IS DISTINCT FROM (u.paid_fen, u.paid_on)`,
    [rows.map((r) => r.creditorId), rows.map((r) => r.planId), rows.map((r) => r.n), rows.map((r) => r.paidFen), rows.map((r) => r.paidOn)]);
}

export async function endPlan(db: Queryable, creditorId: number, planId: number, status: 'completed' | 'defaulted', on: string): Promise<void> {
  await db.query(`UPDATE instalment_plans SET status = $3, ended_on = $4, updated_at = now() WHERE creditor_id = $1 AND id = $2`,
    [creditorId, planId, status, on]);
}

// ---------------------------------------------------------------------------------------
// Programmes.

export interface ProgrammeRow { id: number; suspension_id: number; name: string; reason: string; evidence_note: string; opened_by_name: string | null;
  opened_at: Date; closed_at: Date | null; scope: string; code: string; from_date: string; to_date: string | null }

const PROGRAMME_SELECT = `SELECT g.id, g.suspension_id, g.name, g.reason, g.evidence_note, u.display_name AS opened_by_name, g.opened_at, g.closed_at,
  s.scope, s.code, s.from_date, s.to_date
  FROM hardship_programmes g JOIN suspensions s ON s.id = g.suspension_id LEFT JOIN users u ON u.id = g.opened_by`;

export async function insertProgramme(db: Queryable, g: { suspensionId: number; name: string; reason: string; evidenceNote: string; openedBy: number | null }): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO hardship_programmes (suspension_id, name, reason, evidence_note, opened_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [g.suspensionId, g.name, g.reason, g.evidenceNote, g.openedBy]);
  return rows[0]!.id;
}

export async function listProgrammes(db: Queryable, includeClosed: boolean): Promise<ProgrammeRow[]> {
  return (await db.query<ProgrammeRow>(`${PROGRAMME_SELECT} ${includeClosed ? '' : 'WHERE g.closed_at IS NULL'} ORDER BY g.id DESC`)).rows;
}

/** Closes an open programme; false when it was not open. */
export async function closeProgrammeRow(db: Queryable, id: number): Promise<boolean> {
  return ((await db.query('UPDATE hardship_programmes SET closed_at = now() WHERE id = $1 AND closed_at IS NULL', [id])).rowCount ?? 0) > 0;
}

export async function findProgramme(db: Queryable, id: number): Promise<ProgrammeRow | undefined> {
  return (await db.query<ProgrammeRow>(`${PROGRAMME_SELECT} WHERE g.id = $1`, [id])).rows[0];
}

/**
 * Open programmes whose suspension covers the account on the date: its region (code prefix,
 * as the compliance engine matches suspensions), its creditor, or the account itself.
 */
export async function programmesForAccount(db: Queryable, account: { id: number; creditor_code: string; region_code: string | null }, date: string): Promise<ProgrammeRow[]> {
  return (await db.query<ProgrammeRow>(
    `${PROGRAMME_SELECT}
      WHERE g.closed_at IS NULL AND s.ended_at IS NULL AND s.from_date <= $4 AND (s.to_date IS NULL OR s.to_date >= $4)
        AND ((s.scope = 'region' AND $3::text LIKE regexp_replace(s.code, '(00)+$', '') || '%')
          OR (s.scope = 'creditor' AND s.code = $2) OR (s.scope = 'account' AND s.code = $1::text))
      ORDER BY g.id`, [account.id, account.creditor_code, account.region_code ?? '', date])).rows;
}

export async function findSuspension(db: Queryable, id: number): Promise<{ id: number; reason: string; ended_at: Date | null } | undefined> {
  return (await db.query('SELECT id, reason, ended_at FROM suspensions WHERE id = $1', [id])).rows[0];
}
