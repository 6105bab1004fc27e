/** All SQL of personal data erasure (docs/privacy.md): which debtors are due, and erasing them. */
import { US_RECORD_RETENTION_YEARS } from '../domain/privacy.ts';
import type { Queryable } from './pool.ts';

/**
 * Per debtor not yet erased, the first business date their data may be erased: the day after
 * the last of their accounts' retention periods ends (domain/privacy.ts erasableFrom). An
 * account ends on its recall date, or for paid, settled and closed ones on its last change;
 * its retention is the creditor's contract term `pii_retention_days` in force on `today`,
 * else `defaultDays`, and for a creditor that has ever had a US contract at least
 * US_RECORD_RETENTION_YEARS (12 CFR 1006.100). Debtors with an open account, an open dispute or complaint, or a
 * hardship application waiting for a decision are never due.
 */
const ERASABLE = `
  WITH ends AS (
    SELECT a.debtor_id,
           a.status IN ('recalled', 'paid', 'settled', 'closed') AS ended,
           greatest(e.ended_on
             + coalesce((SELECT (k.terms->>'pii_retention_days')::int FROM contracts k
                          WHERE k.creditor_id = a.creditor_id AND k.effective_from <= $1::date AND k.terms ? 'pii_retention_days'
                          ORDER BY k.effective_from DESC, k.version DESC LIMIT 1), $3::int),
             CASE WHEN EXISTS (SELECT 1 FROM contracts k WHERE k.creditor_id = a.creditor_id AND k.pack = 'US')
                  THEN (e.ended_on + interval '${US_RECORD_RETENTION_YEARS} years')::date END) + 1 AS from_date,
           EXISTS (SELECT 1 FROM complaints c WHERE c.creditor_id = a.creditor_id AND c.account_id = a.id AND c.status = 'open')
             OR EXISTS (SELECT 1 FROM hardship_applications h WHERE h.creditor_id = a.creditor_id AND h.account_id = a.id
                         AND h.status IN ('draft', 'submitted')) AS pending
      FROM accounts a JOIN debtors d ON d.id = a.debtor_id
     CROSS JOIN LATERAL (SELECT coalesce(a.recalled_on, (a.updated_at AT TIME ZONE $2)::date) AS ended_on) e
     WHERE d.erased_at IS NULL AND ($4::bigint[] IS NULL OR a.debtor_id = ANY($4)))
  SELECT debtor_id, max(from_date) AS erasable_from
    FROM ends GROUP BY debtor_id
   HAVING bool_and(ended) AND NOT bool_or(pending)`;

export interface ErasureOutlook { due: number; next_30_days: number; erased: number }

export async function erasureOutlook(db: Queryable, q: { today: string; zone: string; defaultDays: number }): Promise<ErasureOutlook> {
  const { rows } = await db.query<ErasureOutlook>(
    `SELECT count(*) FILTER (WHERE erasable_from <= $1::date)::int AS due,
            count(*) FILTER (WHERE erasable_from > $1::date AND erasable_from <= $1::date + 30)::int AS next_30_days,
            (SELECT count(*)::int FROM debtors WHERE erased_at IS NOT NULL) AS erased
       FROM (${ERASABLE}) e`, [q.today, q.zone, q.defaultDays, null]);
  return rows[0]!;
}

/** Every debtor due on `today`, oldest first. */
export async function debtorsDue(db: Queryable, q: { today: string; zone: string; defaultDays: number }): Promise<number[]> {
  return (await db.query<{ debtor_id: number }>(
    `SELECT debtor_id FROM (${ERASABLE}) e WHERE erasable_from <= $1::date ORDER BY erasable_from, debtor_id`,
    [q.today, q.zone, q.defaultDays, null])).rows.map((r) => r.debtor_id);
}

/** Locks these debtors' rows and returns those still due once locked (nothing can give them a new account meanwhile). */
export async function lockStillDue(db: Queryable, ids: readonly number[], q: { today: string; zone: string; defaultDays: number }): Promise<number[]> {
  await db.query('SELECT id FROM debtors WHERE id = ANY($1) ORDER BY id FOR UPDATE', [ids]);
  const still = await db.query<{ debtor_id: number }>(
    `SELECT debtor_id FROM (${ERASABLE}) e WHERE erasable_from <= $1::date`, [q.today, q.zone, q.defaultDays, ids]);
  return still.rows.map((r) => r.debtor_id).sort((a, b) => a - b);
}

export interface ErasureCounts {
  debtors: number; accounts: number; contact_points: number; contact_notes: number; messages: number;
  hardship_statements: number; evidence_files: number; portal_actions: number;
}

const ACCOUNTS_OF = 'SELECT a.creditor_id, a.id FROM accounts a WHERE a.debtor_id = ANY($1)';

/**
 * The rows each count of ErasureCounts is about, for debtors $1 (ids) with ERASED as $2: the
 * one definition both the erasure (UPDATE/DELETE ... WHERE) and its dry run (SELECT count(*)
 * ... WHERE) use, so a dry run counts exactly what the run then erases. None of the erasure's
 * writes changes what another predicate matches (debtor, account and application ids stay).
 */
const TO_ERASE = {
  debtors: { table: 'debtors d', where: 'd.id = ANY($1) AND d.erased_at IS NULL' },
  accounts: { table: 'accounts a', where: 'a.debtor_id = ANY($1)' },
  contact_points: { table: 'contact_points cp', where: 'cp.debtor_id = ANY($1) AND cp.erased_at IS NULL' },
  contact_notes: { table: 'contact_attempts ca', where: 'ca.debtor_id = ANY($1) AND ca.note IS NOT NULL' },
  messages: { table: 'outbox o', where: `(o.account_id IN (SELECT x.id FROM (${ACCOUNTS_OF}) x)
                                          OR o.contact_point_id IN (SELECT id FROM contact_points WHERE debtor_id = ANY($1)))
                                        AND o.body <> $2` },
  hardship_statements: { table: 'hardship_applications h', where: `(h.creditor_id, h.account_id) IN (${ACCOUNTS_OF}) AND h.debtor_statement <> $2` },
  evidence_files: { table: 'hardship_evidence ev', where: `(ev.creditor_id, ev.application_id) IN
                     (SELECT h.creditor_id, h.id FROM hardship_applications h WHERE (h.creditor_id, h.account_id) IN (${ACCOUNTS_OF}))` },
  portal_actions: { table: 'portal_actions pa', where: 'pa.debtor_id = ANY($1) AND pa.summary <> $2' },
} as const satisfies Record<keyof ErasureCounts, { table: string; where: string }>;

/** What eraseDebtors would erase for these debtors now, changing nothing (a dry run). */
export async function countErasure(db: Queryable, ids: readonly number[], erased: string): Promise<ErasureCounts> {
  const columns = Object.entries(TO_ERASE).map(([key, t]) => `(SELECT count(*)::int FROM ${t.table} WHERE ${t.where}) AS ${key}`);
  const { rows } = await db.query<ErasureCounts>(`SELECT ${columns.join(',\n')}`, [ids, erased]);
  return rows[0]!;
}

/**
 * Erases the personal data of these debtors (locked by the caller). `erasedEnc` is the stored
 * form of ERASED under the agency's key, so every reader that decrypts a value reads ERASED;
 * each erased contact point gets a hash of its own id, matching nothing real and keeping the
 * (debtor, kind, value_hash) key unique. Every statement takes the debtors' ids as $1 and
 * ERASED as $2 (TO_ERASE's predicates), and its own values after them.
 */
export async function eraseDebtors(db: Queryable, ids: readonly number[], e: { at: Date; erased: string; erasedEnc: Buffer }): Promise<ErasureCounts> {
  // The WITH declares $2 for the statements that do not use it (PostgreSQL refuses a parameter of no type).
  const write = async (key: keyof ErasureCounts, change: string, more: unknown[] = []): Promise<number> =>
    (await db.query(`WITH marks AS (SELECT $2::text AS erased) ${change} WHERE ${TO_ERASE[key].where}`, [ids, e.erased, ...more])).rowCount ?? 0;
  const counts: ErasureCounts = {
    debtors: await write('debtors', `UPDATE debtors d SET name = $2, id_number_enc = NULL, id_number_hash = NULL, id_number_mask = NULL,
                                      birth_date = NULL, erased_at = $3`, [e.at]),
    // The bank's account number identifies the person too; the masked form stays for statements.
    accounts: await write('accounts', `UPDATE accounts a SET account_no = 'erased:' || a.id, updated_at = $3`, [e.at]),
    contact_points: await write('contact_points', `UPDATE contact_points cp SET value_enc = $3, value_hash = sha256(convert_to('erased:' || cp.id, 'UTF8')),
                                    value_mask = $2, third_party_name = CASE WHEN cp.third_party_name IS NULL THEN NULL ELSE $2 END,
                                    relation = NULL, verified = 'invalid', erased_at = $4`, [e.erasedEnc, e.at]),
    contact_notes: await write('contact_notes', `UPDATE contact_attempts ca SET note = NULL`),
    messages: await write('messages', `UPDATE outbox o SET to_enc = $3, to_mask = $2, body = $2,
                                         status = CASE WHEN o.status = 'queued' THEN 'cancelled' ELSE o.status END`, [e.erasedEnc]),
    hardship_statements: await write('hardship_statements', 'UPDATE hardship_applications h SET debtor_statement = $2, monthly_income_fen = NULL, monthly_essentials_fen = NULL'),
    evidence_files: await write('evidence_files', 'DELETE FROM hardship_evidence ev'),
    portal_actions: await write('portal_actions', `UPDATE portal_actions pa SET summary = $2, detail = '{}'`),
  };
  // A team lead's reason for correcting a contact's outcome may tell what the debtor said.
  await db.query(`UPDATE contact_corrections k SET reason = $2 FROM contact_attempts ca
                   WHERE ca.creditor_id = k.creditor_id AND ca.id = k.attempt_id AND ca.debtor_id = ANY($1) AND k.reason <> $2`, [ids, e.erased]);
  await db.query(`UPDATE hardship_events ev SET note = NULL FROM (${ACCOUNTS_OF}) x
                   WHERE ev.creditor_id = x.creditor_id AND ev.account_id = x.id AND ev.note IS NOT NULL`, [ids]);
  await db.query(`UPDATE debtor_contact_preferences SET adviser_name = NULL, adviser_phone_enc = NULL, adviser_phone_mask = NULL
                   WHERE debtor_id = ANY($1)`, [ids]);
  return counts;
}
