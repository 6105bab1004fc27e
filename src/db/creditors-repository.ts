import type { Queryable } from './pool.ts';

export interface CreditorRow { id: number; code: string; name: string; accounts: number; created_at: Date;
  /** The bank's name in English, for debtors reading English or Spanish; null when not set (its own name is shown). */
  name_en: string | null;
  /** 还款方式: where the creditor's debtors pay it, as an admin wrote it; null when not set. */
  repayment_zh: string | null; repayment_en: string | null }

export async function listCreditors(db: Queryable): Promise<CreditorRow[]> {
  const { rows } = await db.query<CreditorRow>(
    `SELECT c.id, c.code, c.name, c.name_en, c.created_at, c.repayment_zh, c.repayment_en,
            (SELECT count(*)::int FROM accounts a WHERE a.creditor_id = c.id) AS accounts
       FROM creditors c ORDER BY c.code`);
  return rows;
}

/** The creditors a team works: accounts dealt to its collectors now, or territories it holds. */
export async function creditorsWorkedByTeam(db: Queryable, teamId: number): Promise<Set<number>> {
  const { rows } = await db.query<{ creditor_id: string }>(
    `SELECT creditor_id FROM territories WHERE team_id = $1
     UNION SELECT DISTINCT creditor_id FROM assignments WHERE team_id = $1 AND ended_at IS NULL`, [teamId]);
  return new Set(rows.map((r) => Number(r.creditor_id)));
}

/** How many accounts a creditor has placed. */
export async function countCreditorAccounts(db: Queryable, creditorId: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts WHERE creditor_id = $1', [creditorId]);
  return rows[0]!.n;
}

/** The creditor with this code, as typed or in capitals (codes are stored in capitals: huayu is HUAYU). */
export async function findCreditorByCode(db: Queryable, code: string):
  Promise<{ id: number; code: string; name: string; name_en: string | null; repayment_zh: string | null; repayment_en: string | null } | undefined> {
  const { rows } = await db.query(
    'SELECT id, code, name, name_en, repayment_zh, repayment_en FROM creditors WHERE code IN ($1, upper(btrim($1))) ORDER BY code = $1 DESC LIMIT 1', [code]);
  return rows[0];
}

/** A creditor's code by its id (a bank user's bank). */
export async function creditorCodeOf(db: Queryable, creditorId: number): Promise<string | null> {
  const { rows } = await db.query<{ code: string }>('SELECT code FROM creditors WHERE id = $1', [creditorId]);
  return rows[0]?.code ?? null;
}

export async function insertCreditor(db: Queryable, code: string, name: string, nameEn: string | null = null): Promise<number> {
  const { rows } = await db.query<{ id: number }>('INSERT INTO creditors (code, name, name_en) VALUES ($1, $2, $3) RETURNING id', [code, name, nameEn]);
  return rows[0]!.id;
}

/** Sets (or clears, with null) the creditor's name in English. */
export async function setCreditorEnglishName(db: Queryable, creditorId: number, nameEn: string | null): Promise<void> {
  await db.query('UPDATE creditors SET name_en = $2 WHERE id = $1', [creditorId, nameEn]);
}

/** The code of a creditor other than `exceptId` whose name or English name is `name` (any case): one bank, one creditor. */
export async function creditorNamed(db: Queryable, name: string, exceptId: number | null = null): Promise<string | null> {
  const { rows } = await db.query<{ code: string }>(
    'SELECT code FROM creditors WHERE (lower(name) = lower($1) OR lower(name_en) = lower($1)) AND id IS DISTINCT FROM $2 ORDER BY code LIMIT 1', [name, exceptId]);
  return rows[0]?.code ?? null;
}

/** Every creditor's id, code and name, by code (no counts). */
export async function listCreditorNames(db: Queryable): Promise<Array<{ id: number; code: string; name: string; name_en: string | null }>> {
  const { rows } = await db.query<{ id: number; code: string; name: string; name_en: string | null }>('SELECT id, code, name, name_en FROM creditors ORDER BY code');
  return rows;
}

/** Sets (or clears, with nulls) how the creditor's debtors pay it. */
export async function setRepaymentChannels(db: Queryable, creditorId: number, text: { zh: string | null; en: string | null }): Promise<void> {
  await db.query('UPDATE creditors SET repayment_zh = $2, repayment_en = $3 WHERE id = $1', [creditorId, text.zh, text.en]);
}
