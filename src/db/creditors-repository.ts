import type { Queryable } from './pool.ts';

export interface CreditorRow { id: number; code: string; name: string; accounts: number; created_at: Date }

export async function listCreditors(db: Queryable): Promise<CreditorRow[]> {
  const { rows } = await db.query<CreditorRow>(
    `SELECT c.id, c.code, c.name, c.created_at,
            (SELECT count(*)::int FROM accounts a WHERE a.creditor_id = c.id) AS accounts
       FROM creditors c ORDER BY c.code`);
  return rows;
}

export async function findCreditorByCode(db: Queryable, code: string): Promise<{ id: number; code: string; name: string } | undefined> {
  const { rows } = await db.query('SELECT id, code, name FROM creditors WHERE code = $1', [code]);
  return rows[0];
}

export async function insertCreditor(db: Queryable, code: string, name: string): Promise<number> {
  const { rows } = await db.query<{ id: number }>('INSERT INTO creditors (code, name) VALUES ($1, $2) RETURNING id', [code, name]);
  return rows[0]!.id;
}

/** Every creditor's id, code and name, by code (no counts). */
export async function listCreditorNames(db: Queryable): Promise<Array<{ id: number; code: string; name: string }>> {
  const { rows } = await db.query<{ id: number; code: string; name: string }>('SELECT id, code, name FROM creditors ORDER BY code');
  return rows;
}
