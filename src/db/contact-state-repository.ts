import type { Queryable } from './pool.ts';

/**
 * SQL naming the person a third-party contact point belongs to (`point` a contact_points row
 * expression): their name as the debtor's file gives it, so the limits count a relative once
 * whatever number they were reached at; a point without a name is a person of its own.
 */
export const THIRD_PARTY_KEY = (point: string) =>
  `(SELECT coalesce(nullif(btrim(x.third_party_name), ''), '#' || x.id::text) FROM (SELECT (${point}).*) x)`;

/**
 * Which contact points' zones are the debtor's candidate zones (SQL, on contact_points): the
 * debtor's own phones (their areas' zones) and addresses (a US address's state's, narrowed by its
 * ZIP code) that are not marked invalid or erased and whose zones are known. A third party's
 * number says nothing of where the debtor is.
 */
export const ZONED_POINTS = `time_zones IS NOT NULL AND kind IN ('phone', 'address') AND owner = 'debtor' AND verified <> 'invalid' AND erased_at IS NULL`;

/**
 * The debtor's own e-mail addresses that may take an e-mail, as contact points `e` (a condition),
 * and the order to choose one by: one they gave us first, then verified; never one invalid,
 * erased, opted out of e-mail, or a work address they did not ask us to use (US.work_email).
 */
export const ownEmail = (e: string) => `${e}.kind = 'email' AND ${e}.owner = 'debtor' AND ${e}.verified <> 'invalid' AND ${e}.erased_at IS NULL
  AND NOT ('email' = ANY (${e}.opted_out)) AND NOT (${e}.employer_provided AND NOT ${e}.debtor_consented)`;
export const OWN_EMAIL_FIRST = (e: string) => `${e}.debtor_consented DESC, (${e}.verified = 'verified') DESC, ${e}.id`;

/**
 * For e-mail address `cp` and account `a`, the date the creditor told the debtor we may e-mail
 * them there (12 CFR 1006.6(d)(4)(ii), `US.email_safe_harbor`): the account's placement date, when
 * the address came in the same creditor's placement file and the creditor's contract in force on
 * `date` (SQL) says it sends that notice with its placements (`creditor_email_notice`); else null.
 */
export function creditorNoticeOn(cp: string, a: string, date: string): string {
  return `(SELECT to_char(pl.placed_on, 'YYYY-MM-DD') FROM placements pl
             JOIN import_batches b ON b.creditor_id = ${a}.creditor_id AND 'placement:' || b.id = ${cp}.source
            WHERE pl.creditor_id = ${a}.creditor_id AND pl.id = ${a}.placement_id AND ${cp}.kind = 'email'
              AND coalesce((SELECT (k.terms->>'creditor_email_notice')::boolean FROM contracts k WHERE k.creditor_id = ${a}.creditor_id
                             ORDER BY (k.effective_from <= ${date}) DESC, k.version DESC LIMIT 1), false))`;
}

/** What the compliance engine needs to know about one account's debtor, read in one place. */
export interface ContactStateRows {
  account: { id: number; creditor_id: number; creditor_code: string; debtor_id: number; region_code: string | null; status: string;
    /** The US validation notice's date, null when none was sent (read by US.validation_notice only). */
    validation_notice_sent_on: string | null };
  /** point_zones: the zones of the debtor's own phones and addresses in use (null: none known). */
  debtor: { time_zone: string; point_zones: string[] | null; opted_out_channels: string[]; preferred_from: string | null; preferred_to: string | null };
  contract: { pack: string; compliance: Record<string, unknown> } | null;
  holds: Array<{ kind: string; starts_on: string; ends_on: string | null }>;
  /** `third_party_id`: the person a third-party attempt reached (THIRD_PARTY_KEY), null when it named no contact point. */
  history: Array<{ account_id: number; at: Date; channel: string; party: string; third_party_id: string | null; outcome: string; initiated_by: string }>;
  suspensions: Array<{ id: number; scope: string; code: string; from_date: string; to_date: string | null }>;
  contactPoint: { id: number; kind: string; owner: string; third_party_key: string | null; opted_out: string[]; verified: string; debtor_id: number; employer_provided: boolean; debtor_consented: boolean;
    /** An e-mail address from the creditor's file: the day the creditor told the debtor we may use it (creditorNoticeOn); else null. */
    creditor_notice_on: string | null } | null;
  /** The agency's zone, when the caller knows it (a hold started by its calendar is in force; app/compliance/situation.ts). */
  agencyZone?: string;
}

/**
 * Loads the state for an account in one named statement (the engine runs before every
 * contact and every "next account"). A caller about to record a contact locks the account
 * and its debtor first (lockAccountInScope), so two collectors logging at once are counted
 * one after the other: this statement then starts after the locks are held.
 */
export async function loadContactState(db: Queryable, accountId: number, options: {
  historySince: Date; businessDate: string; contactPointId?: number | null;
}): Promise<ContactStateRows | undefined> {
  const { rows } = await db.query<StateRow>({
    name: 'contact-state',
    text: `SELECT a.id, a.creditor_id, c.code AS creditor_code, a.debtor_id, coalesce(a.region_code, d.region_code) AS region_code, a.status,
            (SELECT vn.sent_on FROM validation_notices vn WHERE vn.creditor_id = a.creditor_id AND vn.account_id = a.id AND vn.returned_on IS NULL) AS validation_notice_sent_on,
            d.time_zone, d.opted_out_channels, p.preferred_from, p.preferred_to,
            (SELECT array_agg(DISTINCT z ORDER BY z) FROM contact_points cp, unnest(cp.time_zones) z
              WHERE cp.debtor_id = a.debtor_id AND ${ZONED_POINTS}) AS point_zones,
            (SELECT json_build_object('pack', k.pack, 'compliance', coalesce(k.terms->'compliance', '{}'))
               FROM contracts k WHERE k.creditor_id = a.creditor_id
              ORDER BY (k.effective_from <= $2::date) DESC, k.version DESC LIMIT 1) AS contract,
            (SELECT coalesce(json_agg(json_build_object('kind', h.kind, 'starts_on', h.starts_on, 'ends_on', h.ends_on)), '[]')
               FROM holds h WHERE h.debtor_id = a.debtor_id AND h.released_at IS NULL AND (h.account_id IS NULL OR h.account_id = a.id)) AS holds,
            (SELECT coalesce(json_agg(json_build_object('account_id', ca.account_id, 'at', ca.at, 'channel', ca.channel, 'party', ca.party,
                      'third_party_id', CASE WHEN ca.party = 'third_party' THEN ${THIRD_PARTY_KEY('(SELECT tp FROM contact_points tp WHERE tp.id = ca.contact_point_id)')} END,
                      'outcome', ca.outcome,
                      'initiated_by', ca.initiated_by) ORDER BY ca.at), '[]')
               FROM contact_attempts ca WHERE ca.debtor_id = a.debtor_id AND ca.at >= $3) AS history,
            (SELECT coalesce(json_agg(json_build_object('id', s.id, 'scope', s.scope, 'code', s.code, 'from_date', s.from_date, 'to_date', s.to_date)), '[]')
               FROM suspensions s WHERE s.ended_at IS NULL
                AND (s.scope = 'region' OR (s.scope = 'creditor' AND s.code = c.code) OR (s.scope = 'account' AND s.code = a.id::text))) AS suspensions,
            (SELECT json_build_object('id', cp.id, 'kind', cp.kind, 'owner', cp.owner, 'opted_out', cp.opted_out, 'verified', cp.verified, 'debtor_id', cp.debtor_id,
                                      'third_party_key', CASE WHEN cp.owner = 'third_party' THEN ${THIRD_PARTY_KEY('cp')} END,
                                      'employer_provided', cp.employer_provided, 'debtor_consented', cp.debtor_consented,
                                      'creditor_notice_on', ${creditorNoticeOn('cp', 'a', '$2::date')})
               FROM contact_points cp WHERE cp.id = $4) AS contact_point
       FROM accounts a JOIN creditors c ON c.id = a.creditor_id JOIN debtors d ON d.id = a.debtor_id
       LEFT JOIN debtor_contact_preferences p ON p.debtor_id = d.id
      WHERE a.id = $1`,
    values: [accountId, options.businessDate, options.historySince, options.contactPointId ?? null],
  });
  const row = rows[0];
  if (!row) return undefined;
  return {
    account: { id: row.id, creditor_id: row.creditor_id, creditor_code: row.creditor_code, debtor_id: row.debtor_id, region_code: row.region_code, status: row.status,
      validation_notice_sent_on: row.validation_notice_sent_on },
    debtor: { time_zone: row.time_zone, point_zones: row.point_zones, opted_out_channels: row.opted_out_channels, preferred_from: row.preferred_from, preferred_to: row.preferred_to },
    contract: row.contract,
    holds: row.holds,
    // JSON carries instants as text.
    history: row.history.map((h) => ({ ...h, at: new Date(h.at) })),
    suspensions: row.suspensions,
    contactPoint: row.contact_point,
  };
}

interface StateRow {
  id: number; creditor_id: number; creditor_code: string; debtor_id: number; region_code: string | null; status: string;
  validation_notice_sent_on: string | null;
  time_zone: string; point_zones: string[] | null; opted_out_channels: string[]; preferred_from: string | null; preferred_to: string | null;
  contract: ContactStateRows['contract'];
  holds: ContactStateRows['holds'];
  history: Array<Omit<ContactStateRows['history'][number], 'at'> & { at: string }>;
  suspensions: ContactStateRows['suspensions'];
  contact_point: ContactStateRows['contactPoint'];
}

export interface NewContactAttempt {
  creditorId: number; accountId: number; debtorId: number; contactPointId: number | null; channel: string; party: string;
  purpose: string; outcome: string; initiatedBy: string; at: Date; collectorId: number | null; note: string | null;
  recordingRef: string | null; decision: unknown; delinquencyReason?: string | null;
  /** The language a call or visit was held in (ISO 639-1), as the collector recorded it. */
  language?: string | null;
  /** Whether the debt collector disclosure was given (a US conversation with the debtor); null where not asked. */
  disclosureGiven?: boolean | null;
}

export async function insertContactAttempt(db: Queryable, a: NewContactAttempt): Promise<number> {
  const { rows } = await db.query<{ id: number }>({
    name: 'contact-attempt-insert',
    text: `INSERT INTO contact_attempts (creditor_id, account_id, debtor_id, contact_point_id, channel, party, purpose, outcome,
                                   initiated_by, at, collector_id, note, recording_ref, decision, delinquency_reason, language, disclosure_given)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
    values: [a.creditorId, a.accountId, a.debtorId, a.contactPointId, a.channel, a.party, a.purpose, a.outcome, a.initiatedBy, a.at,
      a.collectorId, a.note, a.recordingRef, JSON.stringify(a.decision), a.delinquencyReason ?? null, a.language ?? null, a.disclosureGiven ?? null] });
  return rows[0]!.id;
}

/**
 * Phones in international form (masked `(***) ...` or `+...`) whose zones were never looked up
 * (contact_points.time_zones NULL), locked so two runs do not take the same ones. The condition is
 * the partial index's (migration 0041): keep them the same.
 */
export async function phonesWithoutZones(db: Queryable, limit: number): Promise<Array<{ id: number; value_enc: Buffer }>> {
  const { rows } = await db.query<{ id: number; value_enc: Buffer }>(
    `SELECT id, value_enc FROM contact_points
      WHERE kind = 'phone' AND time_zones IS NULL AND erased_at IS NULL AND (value_mask LIKE '(***)%' OR value_mask LIKE '+%')
      ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`, [limit]);
  return rows;
}

/** Stores the zones looked up for these contact points (an empty list: looked up, none known). */
export async function setPointZones(db: Queryable, ids: readonly number[], zones: ReadonlyArray<readonly string[]>): Promise<void> {
  if (ids.length === 0) return;
  await db.query(
    `UPDATE contact_points cp SET time_zones = CASE WHEN z.zones = '' THEN '{}'::text[] ELSE string_to_array(z.zones, ' ') END
       FROM unnest($1::bigint[], $2::text[]) AS z(id, zones) WHERE cp.id = z.id`,
    [ids, zones.map((list) => list.join(' '))]);
}

/** The debtors with an account of a creditor that has (or had) a contract under the US pack (SQL, a set of debtor ids). */
const US_DEBTORS = `SELECT a.debtor_id FROM accounts a WHERE a.creditor_id IN (SELECT creditor_id FROM contracts WHERE pack = 'US')`;

/**
 * Addresses of US creditors' debtors whose zones were never looked up (contact_points.time_zones
 * NULL), locked so two runs do not take the same ones; `placed`: the debtor's own address from a
 * placement file, whose state an import files the debtor under.
 */
export async function usAddressesWithoutZones(db: Queryable, limit: number):
  Promise<Array<{ id: number; debtor_id: number; value_enc: Buffer; placed: boolean }>> {
  const { rows } = await db.query<{ id: number; debtor_id: number; value_enc: Buffer; placed: boolean }>(
    `SELECT id, debtor_id, value_enc, (owner = 'debtor' AND source LIKE 'placement:%') AS placed FROM contact_points
      WHERE kind = 'address' AND time_zones IS NULL AND erased_at IS NULL AND debtor_id IN (${US_DEBTORS})
      ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`, [limit]);
  return rows;
}

/**
 * US creditors' debtors filed under no zone of `countryZones` (their placement address's state
 * was not read, or spanned zones before addresses kept theirs) who have a placement address with
 * known zones in use: filed under that address's first zone, as an import does now. Returns how many.
 */
export async function fileDebtorsUnderAddressZones(db: Queryable, countryZones: readonly string[]): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE debtors d SET time_zone = z.zone
       FROM (SELECT DISTINCT ON (cp.debtor_id) cp.debtor_id, cp.time_zones[1] AS zone FROM contact_points cp
              WHERE cp.time_zones IS NOT NULL AND cardinality(cp.time_zones) > 0 AND cp.kind = 'address' AND cp.owner = 'debtor'
                AND cp.source LIKE 'placement:%' AND cp.verified <> 'invalid' AND cp.erased_at IS NULL AND cp.debtor_id IN (${US_DEBTORS})
              ORDER BY cp.debtor_id, cp.id) z
      WHERE d.id = z.debtor_id AND z.zone = ANY($1::text[]) AND NOT (d.time_zone = ANY($1::text[]))`, [countryZones]);
  return rowCount ?? 0;
}

/**
 * US creditors' debtors with no region on file, after `afterId`, each with their first placement
 * address in use: the address an import reads the state from.
 */
export async function usDebtorsWithoutRegion(db: Queryable, afterId: number, limit: number): Promise<Array<{ debtor_id: number; value_enc: Buffer }>> {
  const { rows } = await db.query<{ debtor_id: number; value_enc: Buffer }>(
    `SELECT DISTINCT ON (d.id) d.id AS debtor_id, cp.value_enc
       FROM debtors d JOIN contact_points cp ON cp.debtor_id = d.id
      WHERE d.region_code IS NULL AND d.id > $1 AND d.id IN (${US_DEBTORS})
        AND cp.kind = 'address' AND cp.owner = 'debtor' AND cp.source LIKE 'placement:%' AND cp.erased_at IS NULL
      ORDER BY d.id, cp.id LIMIT $2`, [afterId, limit]);
  return rows;
}

/** Files debtors under regions read from their addresses (region_source 'address'), where they still have none; returns how many. */
export async function setDebtorRegions(db: Queryable, ids: readonly number[], codes: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const { rowCount } = await db.query(
    `UPDATE debtors d SET region_code = r.code, region_source = 'address'
       FROM unnest($1::bigint[], $2::text[]) AS r(id, code) WHERE d.id = r.id AND d.region_code IS NULL`, [ids, codes]);
  return rowCount ?? 0;
}
