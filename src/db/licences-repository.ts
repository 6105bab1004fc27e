import type { Licence } from '../domain/licences.ts';
import type { StateNotice } from '../domain/state-notices.ts';
import { packInForceSql } from './contracts-repository.ts';
import type { Queryable } from './pool.ts';
import { OPEN_ACCOUNT } from './strategy-repository.ts';

export interface LicenceRow extends Licence { updated_at: Date }

/** The agency's licences (催收执照), by jurisdiction. */
export async function listLicences(db: Queryable): Promise<LicenceRow[]> {
  const { rows } = await db.query<LicenceRow>('SELECT jurisdiction, licence_no AS number, updated_at FROM agency_licences ORDER BY jurisdiction');
  return rows;
}

/** Records a licence, or its new number (in a transaction); answers the number it had before (null: it is new). */
export async function upsertLicence(db: Queryable, licence: Licence, at: Date): Promise<string | null> {
  const { rows } = await db.query<{ licence_no: string }>('SELECT licence_no FROM agency_licences WHERE jurisdiction = $1 FOR UPDATE', [licence.jurisdiction]);
  await db.query(`INSERT INTO agency_licences (jurisdiction, licence_no, updated_at) VALUES ($1, $2, $3)
    ON CONFLICT (jurisdiction) DO UPDATE SET licence_no = excluded.licence_no, updated_at = excluded.updated_at`, [licence.jurisdiction, licence.number, at]);
  return rows[0]?.licence_no ?? null;
}

/** Removes a licence; answers its number, or null when there was none. */
export async function deleteLicence(db: Queryable, jurisdiction: string): Promise<string | null> {
  const { rows } = await db.query<{ licence_no: string }>('DELETE FROM agency_licences WHERE jurisdiction = $1 RETURNING licence_no', [jurisdiction]);
  return rows[0]?.licence_no ?? null;
}

/**
 * Where the open accounts under US contracts are: their count by the debtor's state as on file
 * (`US-CO`; null: not known), the account's region first, as the notices read it.
 */
export async function openUsAccountsByState(db: Queryable, date: string): Promise<Array<{ state: string | null; accounts: number }>> {
  const { rows } = await db.query<{ state: string | null; accounts: number }>(`
    WITH us AS (SELECT c.id FROM creditors c WHERE ${packInForceSql('c.id', '$1::date')} = 'US')
    SELECT left(coalesce(a.region_code, d.region_code), 5) AS state, count(*)::int AS accounts
      FROM us JOIN accounts a ON a.creditor_id = us.id JOIN debtors d ON d.id = a.debtor_id
     WHERE ${OPEN_ACCOUNT}
     GROUP BY 1 ORDER BY 1 NULLS LAST`, [date]);
  return rows;
}

export interface StateNoticeRow extends StateNotice { updated_at: Date }

/** The agency's own state notices, by jurisdiction. */
export async function listStateNotices(db: Queryable): Promise<StateNoticeRow[]> {
  const { rows } = await db.query<StateNoticeRow>('SELECT jurisdiction, text_en AS en, text_es AS es, updated_at FROM state_notices ORDER BY jurisdiction');
  return rows;
}

/** Records a notice or its new text (in a transaction); answers the one before (null: it is new). */
export async function upsertStateNotice(db: Queryable, notice: StateNotice, at: Date): Promise<{ en: string; es: string | null } | null> {
  const { rows } = await db.query<{ en: string; es: string | null }>('SELECT text_en AS en, text_es AS es FROM state_notices WHERE jurisdiction = $1 FOR UPDATE', [notice.jurisdiction]);
  await db.query(`INSERT INTO state_notices (jurisdiction, text_en, text_es, updated_at) VALUES ($1, $2, $3, $4)
    ON CONFLICT (jurisdiction) DO UPDATE SET text_en = excluded.text_en, text_es = excluded.text_es, updated_at = excluded.updated_at`,
  [notice.jurisdiction, notice.en, notice.es, at]);
  return rows[0] ?? null;
}

/** Removes a notice; answers it, or null when there was none. */
export async function deleteStateNotice(db: Queryable, jurisdiction: string): Promise<{ en: string; es: string | null } | null> {
  const { rows } = await db.query<{ en: string; es: string | null }>('DELETE FROM state_notices WHERE jurisdiction = $1 RETURNING text_en AS en, text_es AS es', [jurisdiction]);
  return rows[0] ?? null;
}

