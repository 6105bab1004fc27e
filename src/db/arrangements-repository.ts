import { OWN_ADDRESS } from './letters-repository.ts';
import type { Queryable } from './pool.ts';

/** An arrangement's terms as stored: a promise's amount and date, a settlement's sum and schedule, a plan's instalments. */
export type StoredTerms =
  | { amount_fen: number; due_date: string }
  | { settle_fen: number; balance_fen: number; schedule: Array<{ due_date: string; amount_fen: number }> }
  | { schedule: Array<{ due_date: string; amount_fen: number }> };

export interface ArrangementCandidate {
  kind: 'promise' | 'settlement' | 'plan'; ref_id: number; account_id: number; debtor_id: number; debtor_name: string; account_no_mask: string;
  language: string | null;
  /** The day it was agreed, in the agency's zone. */
  agreed_on: string; terms: StoredTerms; region_code: string | null; point_id: number | null; address_enc: Buffer | null;
  /** Already mailed on the date (a reprint). */
  already: boolean;
}

/**
 * The creditor's live arrangements (an open promise, an approved settlement, an active plan),
 * each with the day it was agreed, its terms, the debtor's state and own address, and whether its
 * confirmation went: those not confirmed yet, and those confirmed on `date` (a reprint).
 */
const LIVE_ARRANGEMENTS = `
  SELECT 'promise' AS kind, p.creditor_id, p.id AS ref_id, p.account_id, p.created_at AS agreed_at,
         jsonb_build_object('amount_fen', p.amount_fen, 'due_date', to_char(p.due_date, 'YYYY-MM-DD')) AS terms
    FROM promises p WHERE p.creditor_id = $1 AND p.status = 'open'
  UNION ALL
  SELECT 'settlement', w.creditor_id, w.id, w.account_id, coalesce(w.decided_at, w.created_at),
         jsonb_build_object('settle_fen', w.settle_fen, 'balance_fen', w.balance_principal_fen + w.balance_interest_fen + w.balance_fees_fen, 'schedule', w.schedule)
    FROM waivers w WHERE w.creditor_id = $1 AND w.status = 'approved'
  UNION ALL
  SELECT 'plan', ip.creditor_id, ip.id, ip.account_id, ip.created_at,
         jsonb_build_object('schedule', (SELECT coalesce(jsonb_agg(jsonb_build_object('due_date', to_char(pi.due_date, 'YYYY-MM-DD'), 'amount_fen', pi.amount_fen) ORDER BY pi.n), '[]')
                                          FROM plan_instalments pi WHERE pi.creditor_id = ip.creditor_id AND pi.plan_id = ip.id))
    FROM instalment_plans ip WHERE ip.creditor_id = $1 AND ip.status = 'active'`;

export async function arrangementCandidates(db: Queryable, input: { creditorId: number; date: string; zone: string }): Promise<ArrangementCandidate[]> {
  const { rows } = await db.query<ArrangementCandidate>(`
    WITH arr AS (${LIVE_ARRANGEMENTS})
    SELECT arr.kind, arr.ref_id::int, arr.account_id::int, a.debtor_id::int, d.name AS debtor_name, a.account_no_mask, d.preferred_language AS language,
           to_char((arr.agreed_at AT TIME ZONE $3)::date, 'YYYY-MM-DD') AS agreed_on, arr.terms,
           coalesce(a.region_code, d.region_code) AS region_code, cp.id AS point_id, cp.value_enc AS address_enc,
           ac.sent_on IS NOT NULL AS already
      FROM arr JOIN accounts a ON a.creditor_id = arr.creditor_id AND a.id = arr.account_id
      JOIN debtors d ON d.id = a.debtor_id
      LEFT JOIN arrangement_confirmations ac ON ac.creditor_id = arr.creditor_id AND ac.kind = arr.kind AND ac.ref_id = arr.ref_id
      ${OWN_ADDRESS}
     WHERE ac.sent_on IS NULL OR ac.sent_on = $2::date
     ORDER BY arr.agreed_at, arr.kind, arr.ref_id`, [input.creditorId, input.date, input.zone]);
  return rows;
}

/** The unconfirmed live arrangements of a creditor: the debtor's state and the day agreed, for counting what is due. */
export async function unconfirmedArrangements(db: Queryable, creditorId: number, zone: string): Promise<Array<{ region_code: string | null; agreed_on: string }>> {
  const { rows } = await db.query<{ region_code: string | null; agreed_on: string }>(`
    WITH arr AS (${LIVE_ARRANGEMENTS})
    SELECT coalesce(a.region_code, d.region_code) AS region_code, to_char((arr.agreed_at AT TIME ZONE $2)::date, 'YYYY-MM-DD') AS agreed_on
      FROM arr JOIN accounts a ON a.creditor_id = arr.creditor_id AND a.id = arr.account_id JOIN debtors d ON d.id = a.debtor_id
     WHERE NOT EXISTS (SELECT 1 FROM arrangement_confirmations ac WHERE ac.creditor_id = arr.creditor_id AND ac.kind = arr.kind AND ac.ref_id = arr.ref_id)`,
  [creditorId, zone]);
  return rows;
}

type SentRow = { creditorId: number; kind: string; refId: number; accountId: number; sentOn: string; sentBy: number | null };

/** Records a letter of an arrangement as mailed in `table` (a reprint the same day adds nothing). */
const markSent = (table: 'arrangement_confirmations' | 'arrangement_statements') => async (db: Queryable, row: SentRow): Promise<void> => {
  await db.query(`INSERT INTO ${table} (creditor_id, kind, ref_id, account_id, sent_on, sent_by) VALUES ($1, $2, $3, $4, $5, $6)
    ON CONFLICT DO NOTHING`, [row.creditorId, row.kind, row.refId, row.accountId, row.sentOn, row.sentBy]);
};

export const markArrangementConfirmed = markSent('arrangement_confirmations');

export interface StatementCandidate {
  kind: 'settlement' | 'plan'; ref_id: number; account_id: number; debtor_id: number; debtor_name: string; account_no_mask: string;
  language: string | null; agreed_on: string; agreed_fen: number; paid_fen: number; schedule: Array<{ due_date: string; amount_fen: number }>;
  /** The day the arrangement was confirmed in writing, and the last statement's (null: none yet). */
  confirmed_on: string; last_statement_on: string | null;
  region_code: string | null; point_id: number | null; address_enc: Buffer | null;
  /** A statement already mailed on the date (a reprint). */
  already: boolean;
}

/**
 * The creditor's live arrangements paid under a schedule (an approved settlement in instalments, an
 * active plan) that were confirmed in writing, with what was agreed, what the account received
 * since (reversals netted), the schedule, and when the last statement went.
 */
export async function statementCandidates(db: Queryable, input: { creditorId: number; date: string; zone: string }): Promise<StatementCandidate[]> {
  const { rows } = await db.query<StatementCandidate>(`
    WITH arr AS (${LIVE_ARRANGEMENTS})
    SELECT arr.kind, arr.ref_id::int, arr.account_id::int, a.debtor_id::int, d.name AS debtor_name, a.account_no_mask, d.preferred_language AS language,
           to_char((arr.agreed_at AT TIME ZONE $3)::date, 'YYYY-MM-DD') AS agreed_on,
           coalesce((arr.terms->>'settle_fen')::bigint, (SELECT sum((i->>'amount_fen')::bigint) FROM jsonb_array_elements(arr.terms->'schedule') i))::bigint AS agreed_fen,
           (SELECT coalesce(sum(pm.amount_fen), 0) FROM payments pm WHERE pm.creditor_id = arr.creditor_id AND pm.account_id = arr.account_id
               AND pm.paid_on >= (arr.agreed_at AT TIME ZONE $3)::date)::bigint AS paid_fen,
           arr.terms->'schedule' AS schedule, to_char(ac.sent_on, 'YYYY-MM-DD') AS confirmed_on,
           (SELECT to_char(max(st.sent_on), 'YYYY-MM-DD') FROM arrangement_statements st
             WHERE st.creditor_id = arr.creditor_id AND st.kind = arr.kind AND st.ref_id = arr.ref_id AND st.sent_on < $2::date) AS last_statement_on,
           coalesce(a.region_code, d.region_code) AS region_code, cp.id AS point_id, cp.value_enc AS address_enc,
           EXISTS (SELECT 1 FROM arrangement_statements st WHERE st.creditor_id = arr.creditor_id AND st.kind = arr.kind AND st.ref_id = arr.ref_id
                     AND st.sent_on = $2::date) AS already
      FROM arr JOIN accounts a ON a.creditor_id = arr.creditor_id AND a.id = arr.account_id
      JOIN debtors d ON d.id = a.debtor_id
      JOIN arrangement_confirmations ac ON ac.creditor_id = arr.creditor_id AND ac.kind = arr.kind AND ac.ref_id = arr.ref_id
      ${OWN_ADDRESS}
     WHERE arr.kind IN ('settlement', 'plan') AND jsonb_array_length(arr.terms->'schedule') > 1
     ORDER BY arr.agreed_at, arr.kind, arr.ref_id`, [input.creditorId, input.date, input.zone]);
  return rows;
}

export const markStatementSent = markSent('arrangement_statements');

