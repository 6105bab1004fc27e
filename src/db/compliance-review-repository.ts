import type { Queryable } from './pool.ts';

export interface ConfirmationRow {
  item: string; status: 'confirmed' | 'questioned'; note: string; reading: string; decided_by_name: string; decided_at: Date;
}

export async function listConfirmations(db: Queryable): Promise<ConfirmationRow[]> {
  const { rows } = await db.query<ConfirmationRow>('SELECT item, status, note, reading, decided_by_name, decided_at FROM compliance_confirmations ORDER BY item');
  return rows;
}

/** Records the officer's word on an item (replacing the one before, which it answers; null: none). */
export async function saveConfirmation(db: Queryable, row: ConfirmationRow & { decided_by: number | null }): Promise<{ status: string; note: string } | null> {
  const { rows } = await db.query<{ status: string; note: string }>('SELECT status, note FROM compliance_confirmations WHERE item = $1 FOR UPDATE', [row.item]);
  await db.query(`INSERT INTO compliance_confirmations (item, status, note, reading, decided_by, decided_by_name, decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
    ON CONFLICT (item) DO UPDATE SET status = excluded.status, note = excluded.note, reading = excluded.reading, decided_by = excluded.decided_by,
      decided_by_name = excluded.decided_by_name, decided_at = excluded.decided_at`,
  [row.item, row.status, row.note, row.reading, row.decided_by, row.decided_by_name, row.decided_at]);
  return rows[0] ?? null;
}
