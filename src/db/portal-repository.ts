import { PAID_SINCE_STATEMENT_SQL, PARTS_NOW_JOIN, STATED_ON_SQL } from './accounts-repository.ts';
import { collectionStoppedSql } from './collection-stopped.ts';
import { ownEmail, OWN_EMAIL_FIRST } from './contact-state-repository.ts';
import { packInForceSql } from './contracts-repository.ts';
import type { Queryable } from './pool.ts';

// ---------------------------------------------------------------------------------------
// Links, sessions, rate limits.

export async function insertLink(db: Queryable, l: { tokenHash: Buffer; debtorId: number; accountId: number | null; createdBy: number | null; expiresAt: Date }): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO portal_links (token_hash, debtor_id, account_id, created_by, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [l.tokenHash, l.debtorId, l.accountId, l.createdBy, l.expiresAt]);
  return rows[0]!.id;
}

/** Marks an unused, unexpired link used and returns it; nothing when the token is unknown, used or expired. */
export async function consumeLink(db: Queryable, tokenHash: Buffer, now: Date): Promise<{ id: number; debtor_id: number } | undefined> {
  const { rows } = await db.query<{ id: number; debtor_id: number }>(
    `UPDATE portal_links SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING id, debtor_id`, [tokenHash, now]);
  return rows[0];
}

export interface PortalSessionRow {
  token_hash: Buffer; debtor_id: number | null; expires_at: Date; verified_at: Date | null; failed_attempts: number; locked_at: Date | null;
  code_hash: Buffer | null; code_expires_at: Date | null; codes_sent: number;
}

export async function insertSession(db: Queryable, s: { tokenHash: Buffer; debtorId: number | null; linkId: number | null; expiresAt: Date }): Promise<void> {
  await db.query(`INSERT INTO portal_sessions (token_hash, debtor_id, link_id, expires_at) VALUES ($1, $2, $3, $4)`,
    [s.tokenHash, s.debtorId, s.linkId, s.expiresAt]);
}

export async function lockSession(db: Queryable, tokenHash: Buffer): Promise<PortalSessionRow | undefined> {
  return (await db.query<PortalSessionRow>(`SELECT * FROM portal_sessions WHERE token_hash = $1 FOR UPDATE`, [tokenHash])).rows[0];
}

export async function findSession(db: Queryable, tokenHash: Buffer): Promise<PortalSessionRow | undefined> {
  return (await db.query<PortalSessionRow>(`SELECT * FROM portal_sessions WHERE token_hash = $1`, [tokenHash])).rows[0];
}

export async function recordWrongAnswer(db: Queryable, tokenHash: Buffer, failedAttempts: number, lockedAt: Date | null): Promise<void> {
  await db.query(`UPDATE portal_sessions SET failed_attempts = $2, locked_at = $3 WHERE token_hash = $1`, [tokenHash, failedAttempts, lockedAt]);
}

/** Marks the session verified under a new token (`newTokenHash`): the token held before the check is no longer a session. */
export async function markVerified(db: Queryable, tokenHash: Buffer, newTokenHash: Buffer, how: string, now: Date, expiresAt: Date): Promise<void> {
  await db.query(`UPDATE portal_sessions SET token_hash = $5, verified_at = $2, verified_by = $3, expires_at = $4, code_hash = NULL WHERE token_hash = $1`,
    [tokenHash, now, how, expiresAt, newTokenHash]);
}

export async function storeCode(db: Queryable, tokenHash: Buffer, codeHash: Buffer, expiresAt: Date): Promise<void> {
  await db.query(`UPDATE portal_sessions SET code_hash = $2, code_expires_at = $3, codes_sent = codes_sent + 1 WHERE token_hash = $1`,
    [tokenHash, codeHash, expiresAt]);
}

export async function endSession(db: Queryable, tokenHash: Buffer, now: Date): Promise<void> {
  await db.query(`UPDATE portal_sessions SET expires_at = least(expires_at, $2) WHERE token_hash = $1`, [tokenHash, now]);
}

/** Records one attempt and returns how many of that kind the client made since `since` (this one included). */
export async function countAttempt(db: Queryable, clientHash: Buffer, kind: string, now: Date, since: Date): Promise<number> {
  // The client's own rows older than the window are of no more use: the table stays small.
  await db.query(`DELETE FROM portal_attempts WHERE client_hash = $1 AND kind = $2 AND at <= $3`, [clientHash, kind, since]);
  await db.query(`INSERT INTO portal_attempts (client_hash, kind, at) VALUES ($1, $2, $3)`, [clientHash, kind, now]);
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM portal_attempts WHERE client_hash = $1 AND kind = $2 AND at > $3`, [clientHash, kind, since]);
  return rows[0]!.n;
}

// ---------------------------------------------------------------------------------------
// What the debtor sees.

export async function loadDebtorSecrets(db: Queryable, debtorId: number): Promise<{ id_number_enc: Buffer | null; birth_date: string | null } | undefined> {
  return (await db.query(`SELECT id_number_enc, birth_date FROM debtors WHERE id = $1`, [debtorId])).rows[0];
}

export interface PortalAccountRow {
  id: number; creditor_id: number; creditor_name: string; account_no_mask: string; product: string;
  /** The bank's name in English, when an admin set one (what a reader of English or Spanish sees). */
  creditor_name_en: string | null;
  principal_fen: number; interest_fen: number; fees_fen: number; first_delinquency_date: string; status: string; version: number;
  /** The bank's last statement of the parts above, and what the debtor paid since (the balance now is the one less the other). */
  balance_stated_on: string; paid_since_statement_fen: number;
  /** Each part as it stands now (the statement's less what the payments since paid off of it, PARTS_NOW_JOIN): what a plan spreads. */
  principal_now_fen: number; interest_now_fen: number; fees_now_fen: number;
  pack: string | null; terms: Record<string, unknown> | null; compliance: Record<string, unknown> | null;
  /** Where the debtor is on file (GB/T 2260, or a US state as `US-MA`): state laws the rights list names read it. */
  region_code: string | null;
  /** 还款方式: where this creditor's debtors pay it, as the agency's admin wrote it. */
  repayment_zh: string | null; repayment_en: string | null;
  /** Collection on it is stopped today, by a hold or a suspension (collectionStoppedSql: as the staff's screens show 停催). */
  collection_paused: boolean;
}

/** The debtor's accounts still being collected (recalled, paid, settled and closed ones are not the agency's to show). */
export async function listDebtorAccounts(db: Queryable, debtorId: number, businessDate: string): Promise<PortalAccountRow[]> {
  return (await db.query<PortalAccountRow>(
    `SELECT a.id, a.creditor_id, c.name AS creditor_name, c.name_en AS creditor_name_en, a.account_no_mask, a.product, a.principal_fen, a.interest_fen, a.fees_fen,
            to_char(${STATED_ON_SQL()}, 'YYYY-MM-DD') AS balance_stated_on, ${PAID_SINCE_STATEMENT_SQL()}::bigint AS paid_since_statement_fen,
            now.principal_fen::float8 AS principal_now_fen, now.interest_fen::float8 AS interest_now_fen, now.fees_fen::float8 AS fees_now_fen,
            a.first_delinquency_date, a.status, a.version, k.pack, k.terms, coalesce(k.terms->'compliance', '{}') AS compliance,
            coalesce(a.region_code, d.region_code) AS region_code, c.repayment_zh, c.repayment_en,
            ${collectionStoppedSql('a', '$2::date')} AS collection_paused
       FROM accounts a JOIN creditors c ON c.id = a.creditor_id JOIN debtors d ON d.id = a.debtor_id
       ${PARTS_NOW_JOIN()}
       LEFT JOIN LATERAL (SELECT pack, terms FROM contracts WHERE creditor_id = a.creditor_id
                           ORDER BY (effective_from <= $2) DESC, version DESC LIMIT 1) k ON true
      WHERE a.debtor_id = $1 AND a.status NOT IN ('recalled', 'paid', 'settled', 'closed')
      ORDER BY a.id`, [debtorId, businessDate])).rows;
}

export async function listOpenPromises(db: Queryable, accountIds: number[]): Promise<Array<{ id: number; account_id: number; amount_fen: number; due_date: string; status: string }>> {
  if (accountIds.length === 0) return [];
  return (await db.query(`SELECT id, account_id, amount_fen, due_date, status FROM promises WHERE account_id = ANY($1) AND status = 'open' ORDER BY due_date`,
    [accountIds])).rows;
}

/** The debtor's plans running: total, number of instalments, and the next one not yet paid (what is left of it, and its date). */
export async function listActivePlans(db: Queryable, accountIds: number[]): Promise<Array<{ id: number; account_id: number; total_fen: number; status: string;
  instalments: number; next_due_date: string | null; next_due_fen: number | null }>> {
  if (accountIds.length === 0) return [];
  return (await db.query(
    `SELECT ip.id, ip.account_id, ip.total_fen, ip.status,
            (SELECT count(*)::int FROM plan_instalments pi WHERE pi.creditor_id = ip.creditor_id AND pi.plan_id = ip.id) AS instalments,
            nx.due_date::text AS next_due_date, nx.left_fen::int8 AS next_due_fen
       FROM instalment_plans ip
       LEFT JOIN LATERAL (SELECT pi.due_date, pi.amount_fen - pi.paid_fen AS left_fen FROM plan_instalments pi
                           WHERE pi.creditor_id = ip.creditor_id AND pi.plan_id = ip.id AND pi.paid_fen < pi.amount_fen ORDER BY pi.n LIMIT 1) nx ON true
      WHERE ip.account_id = ANY($1) AND ip.status = 'active' ORDER BY ip.id`, [accountIds])).rows.map((r) => ({ ...r, next_due_fen: r.next_due_fen === null ? null : Number(r.next_due_fen) }));
}

/** A payment on record for one of the debtor's accounts: what the bank's file or the agency recorded. */
export interface PortalPaymentRow { account_id: number; paid_on: string; amount_fen: number; reversal: boolean }

/** What a US validation notice itemized (12 CFR 1006.34(c)(2)): as of a day, what was owed, and interest, fees and payments since, to the amount then. */
export interface NoticeItemization {
  account_id: number; sent_on: string; itemization_date: string; charged_off: boolean;
  itemization_fen: number; interest_fen: number; fees_fen: number; paid_fen: number; amount_now_fen: number;
}

/** The itemization of each account's validation notice in force (one the post returned is not), as it was sent. */
export async function listNoticeItemizations(db: Queryable, accountIds: number[]): Promise<NoticeItemization[]> {
  return (await db.query<NoticeItemization>(
    `SELECT account_id::int, to_char(sent_on, 'YYYY-MM-DD') AS sent_on, to_char(itemization_date, 'YYYY-MM-DD') AS itemization_date, charged_off,
            itemization_fen::float8, interest_fen::float8, fees_fen::float8, paid_fen::float8, amount_now_fen::float8
       FROM validation_notices WHERE account_id = ANY($1::bigint[]) AND returned_on IS NULL`, [accountIds])).rows;
}

/** The latest `perAccount` payments of each account (reversals too, as negative amounts), newest first. */
export async function listRecentPayments(db: Queryable, accountIds: number[], perAccount: number): Promise<PortalPaymentRow[]> {
  if (accountIds.length === 0) return [];
  return (await db.query<PortalPaymentRow>(
    `SELECT account_id, to_char(paid_on, 'YYYY-MM-DD') AS paid_on, amount_fen, reversal
       FROM (SELECT p.account_id, p.paid_on, p.amount_fen, p.reverses_id IS NOT NULL OR p.amount_fen < 0 AS reversal,
                    row_number() OVER (PARTITION BY p.account_id ORDER BY p.paid_on DESC, p.id DESC) AS n
               FROM payments p JOIN accounts a ON a.creditor_id = p.creditor_id AND a.id = p.account_id
              WHERE a.id = ANY($1::bigint[])) x
      WHERE n <= $2 ORDER BY account_id, paid_on DESC, n`, [accountIds, perAccount])).rows;
}

export interface PortalFinishedRow {
  id: number; creditor_id: number; creditor_name: string; creditor_name_en: string | null; account_no_mask: string; status: 'paid' | 'settled';
  /** Its creditor's contract's pack today (null: none): which country's details and rules a debtor with no open account is given. */
  pack: string | null;
  /** The day of its last payment (that paid it off or met the settlement), or null when none is on record. */
  last_paid_on: string | null;
}

/**
 * The debtor's accounts finished as paid in full (已结清) or settled (减免结清) since `since` (their last
 * payment, else the day their status last changed, in `zone`): the debtor sees that nothing more is owed.
 */
export async function listFinishedAccounts(db: Queryable, debtorId: number, since: string, zone: string, today: string): Promise<PortalFinishedRow[]> {
  return (await db.query<PortalFinishedRow>(
    `SELECT a.id, a.creditor_id, c.name AS creditor_name, c.name_en AS creditor_name_en, a.account_no_mask, a.status, to_char(lp.paid_on, 'YYYY-MM-DD') AS last_paid_on,
            ${packInForceSql('a.creditor_id', '$4::date')} AS pack
       FROM accounts a JOIN creditors c ON c.id = a.creditor_id
       LEFT JOIN LATERAL (SELECT max(p.paid_on) AS paid_on FROM payments p
                           WHERE p.creditor_id = a.creditor_id AND p.account_id = a.id AND p.amount_fen > 0) lp ON true
      WHERE a.debtor_id = $1 AND a.status IN ('paid', 'settled') AND coalesce(lp.paid_on, (a.updated_at AT TIME ZONE $3)::date) >= $2::date
      ORDER BY a.id`, [debtorId, since, zone, today])).rows;
}

export interface PortalReturnedRow { id: number; creditor_id: number; creditor_name: string; creditor_name_en: string | null; account_no_mask: string; recalled_on: string; pack: string | null }

/**
 * The debtor's accounts the agency gave back to the bank (退案: the bank's recall, or the placement's
 * term ending) on or after `since`: the debtor learns the agency no longer handles them, and whom to ask.
 */
export async function listReturnedAccounts(db: Queryable, debtorId: number, since: string, today: string): Promise<PortalReturnedRow[]> {
  return (await db.query<PortalReturnedRow>(
    `SELECT a.id, a.creditor_id, c.name AS creditor_name, c.name_en AS creditor_name_en, a.account_no_mask, to_char(a.recalled_on, 'YYYY-MM-DD') AS recalled_on,
            ${packInForceSql('a.creditor_id', '$3::date')} AS pack
       FROM accounts a JOIN creditors c ON c.id = a.creditor_id
      WHERE a.debtor_id = $1 AND a.status = 'recalled' AND a.recalled_on >= $2::date
      ORDER BY a.recalled_on DESC, a.id`, [debtorId, since, today])).rows;
}

export interface PortalCaseRow {
  account_id: number; kind: 'dispute' | 'complaint'; status: string; opened_on: string;
  /** When the answer is owed: a complaint's deadline; a dispute's only where New York's substantiation rule sets one (23 NYCRR 1.4). */
  due_on: string | null;
  /** The day the dispute's verification (and substantiation) letter went, if it has. */
  verification_sent_on: string | null; substantiated_on: string | null;
  /** The business day the case was answered or closed, in the agency's zone. */
  resolved_on: string | null;
}

/**
 * The debtor's disputes and complaints on these accounts that are open, or were answered on or
 * after `since`: what the portal tells them about each (opened, answer owed by, answered).
 */
export async function listRecentCases(db: Queryable, accountIds: number[], since: string, zone: string): Promise<PortalCaseRow[]> {
  if (accountIds.length === 0) return [];
  return (await db.query<PortalCaseRow>(
    `SELECT c.account_id, c.kind, c.status, to_char(coalesce(c.opened_on, (c.created_at AT TIME ZONE $3)::date), 'YYYY-MM-DD') AS opened_on,
            to_char(c.due_on, 'YYYY-MM-DD') AS due_on, to_char(c.verification_sent_on, 'YYYY-MM-DD') AS verification_sent_on,
            to_char(c.substantiated_on, 'YYYY-MM-DD') AS substantiated_on, to_char((c.resolved_at AT TIME ZONE $3)::date, 'YYYY-MM-DD') AS resolved_on
       FROM complaints c
      WHERE c.account_id = ANY($1::bigint[])
        AND (c.status = 'open' OR (c.resolved_at AT TIME ZONE $3)::date >= $2::date OR c.verification_sent_on >= $2::date)
      ORDER BY c.created_at DESC, c.id DESC`, [accountIds, since, zone])).rows;
}

/** A phone of the debtor's own that works and takes SMS: where one-time codes go. */
/** The pack of the account's contract in force on `date`, and the language its debtor reads (debtors.preferred_language). */
export async function accountPackAndLanguage(db: Queryable, accountId: number, date: string): Promise<{ pack: string | null; language: string | null }> {
  const { rows } = await db.query<{ pack: string | null; language: string | null }>(
    `SELECT ${packInForceSql('a.creditor_id', '$2::date')} AS pack, d.preferred_language AS language
       FROM accounts a JOIN debtors d ON d.id = a.debtor_id WHERE a.id = $1`, [accountId, date]);
  return rows[0] ?? { pack: null, language: null };
}

/** The debtor's own phone for a portal link or code by SMS: one they agreed to be texted at first, then a verified one. */
export async function findDebtorPhone(db: Queryable, debtorId: number): Promise<{ id: number; value_enc: Buffer; value_mask: string } | undefined> {
  return (await db.query(
    `SELECT id, value_enc, value_mask FROM contact_points
      WHERE debtor_id = $1 AND kind = 'phone' AND owner = 'debtor' AND verified <> 'invalid' AND NOT ('sms' = ANY(opted_out))
      ORDER BY debtor_consented DESC, (verified = 'verified') DESC, id LIMIT 1`, [debtorId])).rows[0];
}

/**
 * The debtor's own e-mail address for a one-time code when no phone can take one: one they gave us
 * first, never a work address they did not ask us to use, nor one opted out of e-mail.
 */
export async function findDebtorEmail(db: Queryable, debtorId: number): Promise<{ id: number; value_enc: Buffer; value_mask: string } | undefined> {
  return (await db.query(
    `SELECT id, value_enc, value_mask FROM contact_points e WHERE e.debtor_id = $1 AND ${ownEmail('e')} ORDER BY ${OWN_EMAIL_FIRST('e')} LIMIT 1`,
    [debtorId])).rows[0];
}

// ---------------------------------------------------------------------------------------
// Actions and preferences.

export async function insertAction(db: Queryable, a: { reference: string; debtorId: number; creditorId: number | null; accountId: number | null;
  kind: string; summary: string; detail: Record<string, unknown>; at: Date }): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO portal_actions (reference, debtor_id, creditor_id, account_id, kind, summary, detail, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [a.reference, a.debtorId, a.creditorId, a.accountId, a.kind, a.summary, JSON.stringify(a.detail), a.at]);
  return rows[0]!.id;
}

export interface PortalActionRow { id: number; reference: string; account_id: number | null; kind: string; summary: string; detail: Record<string, unknown>; created_at: Date }

export async function listActions(db: Queryable, debtorId: number, accountId?: number): Promise<PortalActionRow[]> {
  return (await db.query<PortalActionRow>(
    `SELECT id, reference, account_id, kind, summary, detail, created_at FROM portal_actions
      WHERE debtor_id = $1 AND ($2::bigint IS NULL OR account_id = $2 OR account_id IS NULL) ORDER BY created_at DESC, id DESC LIMIT 50`,
    [debtorId, accountId ?? null])).rows;
}

export interface PreferencesRow {
  preferred_from: string | null; preferred_to: string | null; adviser_name: string | null; adviser_phone_mask: string | null; opted_out_channels: string[];
  /** The debtor's own e-mail addresses that take e-mail (not invalid, not opted out), masked. */
  emails: string[];
  /** The debtor's own phone numbers still in use (not invalid), masked, and whether they agreed to texts at each. */
  phones: Array<{ id: number; mask: string; consented: boolean }>;
}

export async function loadPreferences(db: Queryable, debtorId: number): Promise<PreferencesRow> {
  const { rows } = await db.query<PreferencesRow>(
    `SELECT p.preferred_from, p.preferred_to, p.adviser_name, p.adviser_phone_mask, d.opted_out_channels,
            array(SELECT cp.value_mask FROM contact_points cp WHERE cp.debtor_id = d.id AND cp.kind = 'email' AND cp.owner = 'debtor'
                    AND cp.verified <> 'invalid' AND NOT ('email' = ANY (cp.opted_out)) AND cp.erased_at IS NULL ORDER BY cp.id) AS emails,
            coalesce((SELECT json_agg(json_build_object('id', cp.id, 'mask', cp.value_mask, 'consented', cp.debtor_consented) ORDER BY cp.id)
                        FROM contact_points cp WHERE cp.debtor_id = d.id AND cp.kind = 'phone' AND cp.owner = 'debtor' AND cp.verified <> 'invalid'
                         AND cp.erased_at IS NULL), '[]') AS phones
       FROM debtors d LEFT JOIN debtor_contact_preferences p ON p.debtor_id = d.id WHERE d.id = $1`, [debtorId]);
  return rows[0] ?? { preferred_from: null, preferred_to: null, adviser_name: null, adviser_phone_mask: null, opted_out_channels: [], emails: [], phones: [] };
}

/**
 * The debtor's agreement to texts, number by number, as they gave it in the portal: the phones of
 * theirs in `agreed` take texts (New York City's rules ask for it, US.nyc_electronic_consent), their
 * other phones in use do not. The ids of the numbers whose agreement changed.
 */
export async function saveTextConsent(db: Queryable, debtorId: number, agreed: readonly number[], at: Date): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    `UPDATE contact_points SET debtor_consented = (id = ANY ($2::bigint[])),
            provenance = provenance || jsonb_build_object('consent', jsonb_build_object('consented', id = ANY ($2::bigint[]), 'by', 'debtor (portal)', 'at', $3::text))
      WHERE debtor_id = $1 AND kind = 'phone' AND owner = 'debtor' AND verified <> 'invalid' AND erased_at IS NULL
        AND debtor_consented <> (id = ANY ($2::bigint[]))
      RETURNING id`, [debtorId, agreed, at.toISOString()]);
  return rows.map((r) => Number(r.id));
}

/** Saves the preferences; `adviser` undefined keeps the adviser on file. */
export async function savePreferences(db: Queryable, debtorId: number, p: { from: string | null; to: string | null; optOuts: string[];
  adviser?: { name: string; phoneEnc: Buffer; phoneMask: string }; at: Date }): Promise<void> {
  await db.query(
    `INSERT INTO debtor_contact_preferences (debtor_id, preferred_from, preferred_to, adviser_name, adviser_phone_enc, adviser_phone_mask, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (debtor_id) DO UPDATE SET preferred_from = $2, preferred_to = $3, updated_at = $7,
       adviser_name = coalesce($4, debtor_contact_preferences.adviser_name),
       adviser_phone_enc = coalesce($5, debtor_contact_preferences.adviser_phone_enc),
       adviser_phone_mask = coalesce($6, debtor_contact_preferences.adviser_phone_mask)`,
    [debtorId, p.from, p.to, p.adviser?.name ?? null, p.adviser?.phoneEnc ?? null, p.adviser?.phoneMask ?? null, p.at]);
  await db.query(`UPDATE debtors SET opted_out_channels = $2 WHERE id = $1`, [debtorId, p.optOuts]);
}

/**
 * An e-mail address the debtor gave in the portal: a contact point of theirs (source `portal`,
 * verified: they typed it; consented: they asked to be e-mailed there, so even a work address
 * may be used), or, when they have it already, taken back into e-mail (an earlier opt-out of
 * that address is lifted, a bounce forgotten). Its id.
 */
export async function saveDebtorEmail(db: Queryable, debtorId: number, e: { enc: Buffer; hash: Buffer; mask: string }): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO contact_points (debtor_id, kind, value_enc, value_hash, value_mask, owner, source, verified, debtor_consented)
     VALUES ($1, 'email', $2, $3, $4, 'debtor', 'portal', 'verified', true)
     ON CONFLICT (debtor_id, kind, value_hash) DO UPDATE SET opted_out = array_remove(contact_points.opted_out, 'email'), verified = 'verified',
       debtor_consented = true
     RETURNING id`, [debtorId, e.enc, e.hash, e.mask]);
  return rows[0]!.id;
}

export async function listAccountActions(db: Queryable, accountId: number, debtorId: number): Promise<PortalActionRow[]> {
  return (await db.query<PortalActionRow>(
    `SELECT a.id, a.reference, a.account_id, a.kind, a.summary, a.detail, a.created_at
       FROM portal_actions a WHERE a.debtor_id = $2 AND (a.account_id = $1 OR a.account_id IS NULL) ORDER BY a.created_at DESC, a.id DESC LIMIT 100`,
    [accountId, debtorId])).rows;
}

/** A hardship application's latest word to the debtor: what the bank asked, or decided, recently. */
export interface PortalHardshipRow { account_id: number; status: 'info_requested' | 'rejected' | 'expired'; info_request: string | null; decision_note: string | null; decided_on: string | null }

/**
 * The latest hardship application of each account whose answer the debtor is to hear: the bank
 * asked for more (still open), or turned it down or let it lapse since `since`. An approved one
 * shows as the plan.
 */
export async function listHardshipAnswers(db: Queryable, accountIds: number[], since: string, zone: string): Promise<PortalHardshipRow[]> {
  if (accountIds.length === 0) return [];
  return (await db.query<PortalHardshipRow>(
    `SELECT DISTINCT ON (h.account_id) h.account_id, h.status, h.info_request, h.decision_note,
            to_char((h.decided_at AT TIME ZONE $2)::date, 'YYYY-MM-DD') AS decided_on
       FROM hardship_applications h
      WHERE h.account_id = ANY($1::bigint[])
      ORDER BY h.account_id, h.id DESC`, [accountIds, zone])).rows
    .filter((r) => r.status === 'info_requested' || ((r.status === 'rejected' || r.status === 'expired') && r.decided_on !== null && r.decided_on >= since));
}

/**
 * Moves a verified session's end to `until` when that is later (each page the debtor opens keeps
 * it alive), never past four hours after the check (a session is not kept for ever by use).
 */
export async function extendSession(db: Queryable, tokenHash: Buffer, until: Date): Promise<void> {
  await db.query(`UPDATE portal_sessions SET expires_at = least($2, verified_at + interval '4 hours')
                   WHERE token_hash = $1 AND verified_at IS NOT NULL AND expires_at < least($2, verified_at + interval '4 hours')`, [tokenHash, until]);
}
