/** All SQL of the US validation notices (债务确认通知; docs/messages.md, "Validation notices"). */
import { BALANCE_NOW_SQL, PAID_SINCE_STATEMENT_SQL, STATED_ON_SQL } from './accounts-repository.ts';
import { packInForceSql } from './contracts-repository.ts';
import type { Queryable } from './pool.ts';
import { ownEmail, OWN_EMAIL_FIRST } from './contact-state-repository.ts';
import { OWN_ADDRESS } from './letters-repository.ts';
import { OPEN_ACCOUNT } from './strategy-repository.ts';

/** Account `a`'s charge-off figures in force: its newest account_charge_offs row (none: no row). A subquery for a lateral join. */
export const LATEST_CHARGE_OFF = (a: string) => `(SELECT * FROM account_charge_offs c WHERE c.creditor_id = ${a}.creditor_id AND c.account_id = ${a}.id
    ORDER BY c.id DESC LIMIT 1)`;

/**
 * The account's charge-off figures in force when they still come to its balance, as the
 * validation notice itemizes by them; no row otherwise (a later file may have restated the
 * balance alone). A subquery for a lateral join on account `a`.
 */
const CHARGE_OFF_ITEMIZED = (a: string) => `(SELECT * FROM ${LATEST_CHARGE_OFF(a)} c
    WHERE c.balance_fen + c.interest_fen + c.fees_fen - c.paid_fen = ${a}.principal_fen + ${a}.interest_fen + ${a}.fees_fen)`;

/** A debtor's state on file (`expr`, read once) is New York (or a part of it), or not known: New York's rules bind them. */
const NEW_YORK_OR_UNKNOWN = (expr: string) => `(coalesce(${expr}, 'US-NY') ~ '^US-NY(-|$)')`;

export interface NoticeCandidate {
  account_id: number; debtor_id: number; debtor_name: string; account_no_mask: string; product: string;
  /** The language the debtor asked to be written to in (debtors.preferred_language): 'es' adds the Spanish notice. */
  language: string | null;
  /** The debtor's own address the notice goes to (verified first), or null when none works. */
  point_id: number | null; address_enc: Buffer | null;
  /**
   * The itemization (1006.34(b)(3)): as of the charge-off when the bank's file gave its figures and
   * they still add up to the account's balance (account_charge_offs), else as of the creditor's
   * last statement of the balance: the file that restated it (accounts.balance_stated_on) or placed it.
   */
  itemization_date: string; itemization_fen: number;
  /** Interest and fees charged since the itemization date: the bank's since the charge-off; none since a statement (the agency adds none). */
  interest_fen: number; fees_fen: number;
  /** Paid or credited since the itemization date: the bank's since the charge-off, and payments since the placement net of reversals (never below 0 nor above what was owed). */
  paid_fen: number;
  /** Whether the itemization is as of the charge-off. */
  charged_off: boolean;
  /** The debtor's state as on file (`US-CA`, the account's or else the debtor's) and the first delinquency date: is the debt time-barred? */
  region_code: string | null; first_delinquency_date: string;
  /** The debtor's e-mail address for a notice by e-mail (one they gave us first; never a work address without consent); null: none. */
  email_point_id: number | null; email_enc: Buffer | null; email_mask: string | null;
  /** The notice already sent today, when this is a reprint: its figures are printed as they were recorded. */
  sent: { sent_on: string; validation_ends_on: string; itemization_date: string; itemization_fen: number; interest_fen: number; fees_fen: number; paid_fen: number;
    charged_off: boolean } | null;
}

/**
 * The creditor's open accounts that have had no validation notice (and, to print, those whose
 * notice was posted on the date: a reprint), with the facts the notice states and the postal and
 * e-mail addresses it may go to; an account whose notice e-mail is on its way is not one.
 */
export async function noticeCandidates(db: Queryable, input: { creditorId: number; date: string; by?: 'letter' | 'email' }): Promise<NoticeCandidate[]> {
  const { rows } = await db.query<NoticeCandidate>(`
    SELECT a.id AS account_id, a.debtor_id, d.name AS debtor_name, d.preferred_language AS language, a.account_no_mask, a.product,
           cp.id AS point_id, cp.value_enc AS address_enc, em.id AS email_point_id, em.value_enc AS email_enc, em.value_mask AS email_mask,
           to_char(coalesce(co.charged_off_on, ${STATED_ON_SQL()}), 'YYYY-MM-DD') AS itemization_date,
           coalesce(co.balance_fen, a.principal_fen + a.interest_fen + a.fees_fen) AS itemization_fen,
           coalesce(co.interest_fen, 0) AS interest_fen, coalesce(co.fees_fen, 0) AS fees_fen, co.id IS NOT NULL AS charged_off,
           (coalesce(co.paid_fen, 0) + greatest(0, least(a.principal_fen + a.interest_fen + a.fees_fen, ${PAID_SINCE_STATEMENT_SQL()})))::bigint AS paid_fen,
           coalesce(a.region_code, d.region_code) AS region_code, to_char(a.first_delinquency_date, 'YYYY-MM-DD') AS first_delinquency_date,
           CASE WHEN vn.id IS NOT NULL THEN json_build_object('sent_on', vn.sent_on, 'validation_ends_on', vn.validation_ends_on,
             'itemization_date', vn.itemization_date, 'itemization_fen', vn.itemization_fen, 'interest_fen', vn.interest_fen,
             'fees_fen', vn.fees_fen, 'paid_fen', vn.paid_fen, 'charged_off', vn.charged_off) END AS sent
      FROM accounts a
      JOIN debtors d ON d.id = a.debtor_id
      LEFT JOIN validation_notices vn ON vn.creditor_id = a.creditor_id AND vn.account_id = a.id AND vn.returned_on IS NULL
      LEFT JOIN LATERAL ${CHARGE_OFF_ITEMIZED('a')} co ON true
      ${OWN_ADDRESS}
      LEFT JOIN LATERAL (SELECT id, value_enc, value_mask FROM contact_points e
                          WHERE e.debtor_id = a.debtor_id AND ${ownEmail('e')} ORDER BY ${OWN_EMAIL_FIRST('e')} LIMIT 1) em ON true
     WHERE a.creditor_id = $1 AND ${OPEN_ACCOUNT}
       -- none in force, or (a reprint) one posted on the date; and no notice e-mail on its way
       AND (vn.id IS NULL OR (vn.sent_on = $2::date AND (SELECT ca.channel FROM contact_attempts ca WHERE ca.id = vn.contact_attempt_id) = 'letter'
                              AND $3 = 'letter'))
       AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.creditor_id = a.creditor_id AND o.account_id = a.id AND o.notice IS NOT NULL AND o.status IN ('queued', 'sending'))
     ORDER BY a.id`, [input.creditorId, input.date, input.by ?? 'letter']);
  return rows;
}

export interface NewValidationNotice {
  creditorId: number; accountId: number; sentOn: string; validationEndsOn: string; itemizationDate: string;
  itemizationFen: number; interestFen: number; feesFen: number; paidFen: number; amountNowFen: number; contactAttemptId: number; sentBy: number | null;
  /** Whether the itemization is as of the charge-off. */
  chargedOff: boolean;
}

export async function insertValidationNotice(db: Queryable, n: NewValidationNotice): Promise<void> {
  await db.query(
    `INSERT INTO validation_notices (creditor_id, account_id, sent_on, validation_ends_on, itemization_date, itemization_fen, interest_fen, fees_fen,
                                     paid_fen, amount_now_fen, contact_attempt_id, sent_by, charged_off)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [n.creditorId, n.accountId, n.sentOn, n.validationEndsOn, n.itemizationDate, n.itemizationFen, n.interestFen, n.feesFen, n.paidFen,
      n.amountNowFen, n.contactAttemptId, n.sentBy, n.chargedOff]);
}

/**
 * Per creditor: the pack of its contract in force, and for a US one how many open accounts still
 * need their validation notice, how many verified disputes their verification letter, and how
 * many open accounts have no state on file (their debtors are called only when every US zone
 * allows it, and held to Massachusetts's cap: worth a skip-trace), and how many of those waiting
 * for their notice are New York debtors' (or of unknown state) without charge-off figures in force
 * (their notice itemizes as of the placement statement, not the charge-off 23 NYCRR 1.2(b) asks for).
 */
export async function noticesDue(db: Queryable, date: string):
  Promise<Map<number, { pack: string | null; due: number | null; verifications: number | null; substantiations: number | null; substantiateBy: string | null;
    withoutState: number | null; withoutChargeOff: number | null }>> {
  const { rows } = await db.query<{ id: number; pack: string | null; due: number | null; verifications: number | null; substantiations: number | null;
    substantiate_by: string | null; without_state: number | null; without_charge_off: number | null }>(`
    SELECT c.id, p.pack, n.due, v.verifications, v.substantiations, to_char(v.substantiate_by, 'YYYY-MM-DD') AS substantiate_by,
           n.without_state, n.without_charge_off
      FROM creditors c LEFT JOIN LATERAL (SELECT ${packInForceSql('c.id', '$1::date')} AS pack) p ON true
      -- Verified disputes whose verification is still to be mailed; those that substantiate a New York debt, and the
      -- earliest day one is owed (60 days after the dispute, 23 NYCRR 1.4(b)).
      LEFT JOIN LATERAL (
        SELECT count(*)::int AS verifications, count(*) FILTER (WHERE s.substantiates)::int AS substantiations,
               min(s.disputed_on + 60) FILTER (WHERE s.substantiates) AS substantiate_by
          FROM (SELECT coalesce(k.opened_on, k.created_at::date) AS disputed_on, ${SUBSTANTIATES('k', 'a')} AS substantiates
                  FROM complaints k JOIN holds h ON h.id = k.hold_id JOIN accounts a ON a.creditor_id = k.creditor_id AND a.id = k.account_id
                 WHERE k.creditor_id = c.id AND k.kind = 'dispute' AND k.status = 'verified' AND k.verification_sent_on IS NULL AND h.released_at IS NULL) s
        HAVING p.pack = 'US') v ON true
      -- A US creditor's open accounts, read once for the counts.
      LEFT JOIN LATERAL (
        SELECT count(*) FILTER (WHERE s.due)::int AS due, count(*) FILTER (WHERE s.state IS NULL)::int AS without_state,
               count(*) FILTER (WHERE s.due AND ${NEW_YORK_OR_UNKNOWN('s.state')} AND NOT s.itemized)::int AS without_charge_off
          FROM (SELECT a.creditor_id, a.id, coalesce(a.region_code, (SELECT d.region_code FROM debtors d WHERE d.id = a.debtor_id)) AS state,
                       EXISTS ${CHARGE_OFF_ITEMIZED('a')} AS itemized,
                       NOT EXISTS (SELECT 1 FROM validation_notices vn WHERE vn.creditor_id = a.creditor_id AND vn.account_id = a.id AND vn.returned_on IS NULL) AS due
                  FROM accounts a WHERE p.pack = 'US' AND a.creditor_id = c.id AND ${OPEN_ACCOUNT}) s
        HAVING p.pack = 'US') n ON true`, [date]);
  return new Map(rows.map((r) => [r.id, { pack: r.pack, due: r.due, verifications: r.verifications, substantiations: r.substantiations,
    substantiateBy: r.substantiate_by, withoutState: r.without_state, withoutChargeOff: r.without_charge_off }]));
}

/** The account's validation notice: when and how it was sent (letter or e-mail) and when its validation period ends; undefined when none was sent. */
export async function validationNoticeOf(db: Queryable, creditorId: number, accountId: number):
  Promise<{ sent_on: string; validation_ends_on: string; channel: string } | undefined> {
  const { rows } = await db.query<{ sent_on: string; validation_ends_on: string; channel: string }>(
    `SELECT vn.sent_on, vn.validation_ends_on, ca.channel FROM validation_notices vn JOIN contact_attempts ca ON ca.id = vn.contact_attempt_id
      WHERE vn.creditor_id = $1 AND vn.account_id = $2 AND vn.returned_on IS NULL`, [creditorId, accountId]);
  return rows[0];
}

/** A charged-off debt's figures in force (account_charge_offs' newest row): what the bank's file said of the charge-off; undefined when none. */
export async function chargeOffOf(db: Queryable, creditorId: number, accountId: number):
  Promise<{ charged_off_on: string; balance_fen: number; interest_fen: number; fees_fen: number; paid_fen: number } | undefined> {
  const { rows } = await db.query<{ charged_off_on: string; balance_fen: number; interest_fen: number; fees_fen: number; paid_fen: number }>(
    `SELECT to_char(co.charged_off_on, 'YYYY-MM-DD') AS charged_off_on, co.balance_fen, co.interest_fen, co.fees_fen, co.paid_fen
       FROM accounts a CROSS JOIN LATERAL ${LATEST_CHARGE_OFF('a')} co WHERE a.creditor_id = $1 AND a.id = $2`, [creditorId, accountId]);
  return rows[0];
}

export interface VerificationCandidate {
  dispute_id: number; account_id: number; debtor_id: number; hold_id: number | null; debtor_name: string; account_no_mask: string;
  disputed_on: string; dispute_reason: string | null; resolution_note: string;
  /** The amount of the debt now: the bank's last statement of the balance less what was paid since (PAID_SINCE_STATEMENT_SQL), as the validation notice has it. */
  amount_fen: number;
  point_id: number | null; address_enc: Buffer | null;
  /** The debtor's state as on file (the account's region first); null: not known. */
  region_code: string | null;
  /** The language the debtor reads (debtors.preferred_language): 'es' adds the Spanish letter. */
  language: string | null;
  /** Already mailed on the date (a reprint). */
  already: boolean;
  /**
   * Whether the letter substantiates the debt (23 NYCRR 1.4; SUBSTANTIATES), and then the charge-off
   * (date, amount) and the settlements agreed on the account (agreed day, amount).
   */
  substantiates: boolean;
  charged_off_on: string | null; charge_off_fen: number | null;
  settlements: Array<{ agreed_on: string; amount_fen: number }>;
}

/**
 * Whether the verification of dispute `c` (on account `a`) substantiates the debt, New York's
 * 23 NYCRR 1.4: a debtor in New York (or of unknown state) disputing a charged-off debt (the
 * bank's file gave its charge-off figures), the dispute taken as the request (1.4(a) allows it),
 * unless an earlier dispute of the account was substantiated (owed once, 1.4(b)).
 */
const SUBSTANTIATES = (c: string, a: string) => `(${NEW_YORK_OR_UNKNOWN(`coalesce(${a}.region_code, (SELECT dd.region_code FROM debtors dd WHERE dd.id = ${a}.debtor_id))`)}
  AND EXISTS (SELECT 1 FROM account_charge_offs co WHERE co.creditor_id = ${a}.creditor_id AND co.account_id = ${a}.id)
  AND NOT EXISTS (SELECT 1 FROM complaints s WHERE s.creditor_id = ${c}.creditor_id AND s.account_id = ${c}.account_id AND s.id <> ${c}.id
                    AND s.substantiated_on IS NOT NULL))`;

/**
 * The creditor's disputes verified by the creditor whose verification has not been mailed (their
 * dispute hold still in force), and those mailed on the date (a reprint), with the address.
 */
export async function verificationCandidates(db: Queryable, input: { creditorId: number; date: string; zone: string }): Promise<VerificationCandidate[]> {
  const { rows } = await db.query<VerificationCandidate>(`
    SELECT c.id AS dispute_id, c.account_id, a.debtor_id, c.hold_id, d.name AS debtor_name, a.account_no_mask,
           to_char(coalesce(c.opened_on, c.created_at::date), 'YYYY-MM-DD') AS disputed_on, c.dispute_reason, c.resolution_note,
           -- The amount of the debt now, as the validation notice has it: the bank's last statement less what was paid since.
           ${BALANCE_NOW_SQL('a', PAID_SINCE_STATEMENT_SQL())} AS amount_fen, cp.id AS point_id, cp.value_enc AS address_enc,
           coalesce(a.region_code, d.region_code) AS region_code, d.preferred_language AS language, c.verification_sent_on IS NOT NULL AS already,
           CASE WHEN c.verification_sent_on IS NOT NULL THEN c.substantiated_on IS NOT NULL ELSE ${SUBSTANTIATES('c', 'a')} END AS substantiates,
           to_char(co.charged_off_on, 'YYYY-MM-DD') AS charged_off_on, co.balance_fen AS charge_off_fen,
           (SELECT coalesce(json_agg(json_build_object('agreed_on', to_char((w.decided_at AT TIME ZONE $3)::date, 'YYYY-MM-DD'), 'amount_fen', w.settle_fen)
                                     ORDER BY w.decided_at), '[]')
              FROM waivers w WHERE w.creditor_id = a.creditor_id AND w.account_id = a.id AND w.status IN ('approved', 'paid', 'lapsed')
               AND w.decided_at IS NOT NULL AND w.settle_fen > 0) AS settlements
      FROM complaints c
      JOIN accounts a ON a.creditor_id = c.creditor_id AND a.id = c.account_id
      JOIN debtors d ON d.id = a.debtor_id
      LEFT JOIN LATERAL ${LATEST_CHARGE_OFF('a')} co ON true
      ${OWN_ADDRESS}
     WHERE c.creditor_id = $1 AND c.kind = 'dispute' AND c.status = 'verified'
       AND (c.verification_sent_on = $2::date
            OR (c.verification_sent_on IS NULL AND EXISTS (SELECT 1 FROM holds h WHERE h.id = c.hold_id AND h.released_at IS NULL)))
     ORDER BY c.id`, [input.creditorId, input.date, input.zone]);
  return rows;
}

/**
 * A dispute just opened that New York's substantiation rule reaches (SUBSTANTIATES, under a US
 * contract in force on `date`) is due within 60 days (23 NYCRR 1.4(b)): its `due_on`, which the
 * Cases inbox sorts by. Returns that day, or null when the rule does not reach it.
 */
export async function setSubstantiationDue(db: Queryable, creditorId: number, disputeId: number, date: string): Promise<string | null> {
  const { rows } = await db.query<{ due_on: string }>(
    `UPDATE complaints c SET due_on = c.opened_on + 60
       FROM accounts a
      WHERE c.creditor_id = $1 AND c.id = $2 AND a.creditor_id = c.creditor_id AND a.id = c.account_id
        AND ${packInForceSql('c.creditor_id', '$3::date')} = 'US' AND ${SUBSTANTIATES('c', 'a')}
      RETURNING to_char(c.due_on, 'YYYY-MM-DD') AS due_on`, [creditorId, disputeId, date]);
  return rows[0]?.due_on ?? null;
}

/** The dispute's verification went on `date` (and substantiated the debt, when it did). */
export async function markVerificationSent(db: Queryable, creditorId: number, disputeId: number, date: string, substantiated: boolean): Promise<void> {
  await db.query(`UPDATE complaints SET verification_sent_on = $3, substantiated_on = CASE WHEN $4 THEN $3::date END WHERE creditor_id = $1 AND id = $2`,
    [creditorId, disputeId, date, substantiated]);
}

/** The post returned the notice this contact attempt recorded: it no longer counts, and the account needs a new one. Returns whether it was one. */
export async function returnValidationNotice(db: Queryable, creditorId: number, attemptId: number, on: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE validation_notices SET returned_on = $3 WHERE creditor_id = $1 AND contact_attempt_id = $2 AND returned_on IS NULL`, [creditorId, attemptId, on]);
  return (rowCount ?? 0) > 0;
}
