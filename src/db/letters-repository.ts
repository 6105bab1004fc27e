/** All SQL of printing collection letters (docs/messages.md, "Letters"). */
import { BALANCE_NOW_SQL, PAID_SINCE_STATEMENT_SQL } from './accounts-repository.ts';
import type { Queryable } from './pool.ts';
import { OPEN_ACCOUNT } from './strategy-repository.ts';

export interface LetterCandidate {
  account_id: number; debtor_id: number; debtor_name: string; account_no_mask: string; balance_fen: number;
  /** The language the debtor reads (debtors.preferred_language): under a US contract 'es' adds a Spanish page. */
  language: string | null;
  /** The debtor's own address the letter goes to (verified first), or null when there is none that works. */
  point_id: number | null; address_enc: Buffer | null;
  /** A letter was already recorded for the account within the day. */
  already: boolean;
  /** A collection letter went to the account on an earlier day since `restStart` (the rest between letters): none goes again yet. */
  recent: boolean;
  /** The debtor's state as on file (the account's, else the debtor's) and the first delinquency date: is the debt time-barred? */
  region_code: string | null; first_delinquency_date: string;
}

/** The debtor's own address a letter goes to (verified first, never one marked invalid), as `cp` (id, value_enc), for a query of accounts `a`. */
export const OWN_ADDRESS = `LEFT JOIN LATERAL (SELECT id, value_enc FROM contact_points
                          WHERE debtor_id = a.debtor_id AND kind = 'address' AND owner = 'debtor' AND verified <> 'invalid'
                          ORDER BY (verified = 'verified') DESC, id LIMIT 1) cp ON true`;

/** The creditor's open accounts whose next action on the date is a letter, with the address it goes to. */
export async function letterCandidates(db: Queryable, input: { date: string; creditorId: number; dayStart: Date; dayEnd: Date; restStart: Date }): Promise<LetterCandidate[]> {
  const { rows } = await db.query<LetterCandidate>(`
    SELECT a.id AS account_id, a.debtor_id, d.name AS debtor_name, d.preferred_language AS language, a.account_no_mask,
           -- The amount a letter states: the bank's last statement less what was paid since.
           ${BALANCE_NOW_SQL('a', PAID_SINCE_STATEMENT_SQL())} AS balance_fen,
           cp.id AS point_id, cp.value_enc AS address_enc,
           coalesce(a.region_code, d.region_code) AS region_code, to_char(a.first_delinquency_date, 'YYYY-MM-DD') AS first_delinquency_date,
           EXISTS (SELECT 1 FROM contact_attempts ca WHERE ca.debtor_id = a.debtor_id AND ca.at >= $3 AND ca.at < $4
                      AND ca.creditor_id = a.creditor_id AND ca.account_id = a.id AND ca.channel = 'letter' AND ca.purpose = 'collect') AS already,
           EXISTS (SELECT 1 FROM contact_attempts ca WHERE ca.debtor_id = a.debtor_id AND ca.at >= $5 AND ca.at < $3
                      AND ca.creditor_id = a.creditor_id AND ca.account_id = a.id AND ca.channel = 'letter' AND ca.purpose = 'collect') AS recent
      FROM account_strategy s
      JOIN accounts a ON a.creditor_id = s.creditor_id AND a.id = s.account_id
      JOIN debtors d ON d.id = a.debtor_id
      ${OWN_ADDRESS}
     WHERE s.business_date = $1 AND s.creditor_id = $2 AND s.next_action = 'letter' AND ${OPEN_ACCOUNT}
     ORDER BY a.id`, [input.date, input.creditorId, input.dayStart, input.dayEnd, input.restStart]);
  return rows;
}
