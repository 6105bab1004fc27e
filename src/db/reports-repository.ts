import { usRegionName } from '../domain/import/person-us.ts';
import { packInForceSql } from './contracts-repository.ts';
import type { Queryable } from './pool.ts';

/**
 * Reports read the summary tables of migration 0013 (kept by triggers in the same
 * transaction as every account, payment, assignment and contact attempt), never the big
 * tables themselves; see docs/reports.md.
 *
 * Every query takes the reader's slice: a creditor (creditor users, or a chosen creditor)
 * and/or a list of collectors (a collector: themself; a supervisor: their team's).
 */
export interface ReportSlice {
  creditorId: number | null;
  collectorIds: readonly number[] | null;
  /** The creditors whose amounts a total adds (those of one currency); null: every creditor's. */
  creditorIds?: readonly number[] | null;
  /** Placement months (first days), inclusive; null = open. */
  fromMonth: string | null;
  toMonth: string | null;
}

export type Dimension = 'creditor' | 'region' | 'bucket' | 'placement_month' | 'collector';

const KEY: Record<Dimension, string> = {
  creditor: 'x.creditor_id::text',
  region: 'x.region_prefix',
  bucket: 'x.bucket',
  placement_month: "to_char(x.placement_month, 'YYYY-MM')",
  collector: 'x.collector_id::text',
};

function where(slice: ReportSlice, params: unknown[], monthColumn = 'x.placement_month'): string {
  const parts: string[] = [];
  if (slice.creditorId !== null) { params.push(slice.creditorId); parts.push(`x.creditor_id = $${params.length}`); }
  if (slice.collectorIds !== null) { params.push(slice.collectorIds); parts.push(`x.collector_id = ANY($${params.length}::bigint[])`); }
  if (slice.creditorIds) { params.push(slice.creditorIds); parts.push(`x.creditor_id = ANY($${params.length}::bigint[])`); }
  if (slice.fromMonth !== null) { params.push(slice.fromMonth); parts.push(`${monthColumn} >= $${params.length}::date`); }
  if (slice.toMonth !== null) { params.push(slice.toMonth); parts.push(`${monthColumn} <= $${params.length}::date`); }
  return parts.length ? `WHERE ${parts.join(' AND ')}` : '';
}

export interface RecoveryRow { key: string; accounts: number; placed_fen: number; payments: number; recovered_fen: number }

/** Placed and recovered by one dimension. Recovered counts every payment to date. */
export async function recoveryByDimension(db: Queryable, by: Dimension, slice: ReportSlice): Promise<RecoveryRow[]> {
  const p1: unknown[] = [];
  const placed = db.query<{ key: string; accounts: string; placed_fen: string }>(
    `SELECT ${KEY[by]} AS key, sum(x.accounts)::text AS accounts, sum(x.placed_fen)::text AS placed_fen
       FROM report_placed x ${where(slice, p1)} GROUP BY 1`, p1);
  const p2: unknown[] = [];
  const recovered = db.query<{ key: string; payments: string; recovered_fen: string }>(
    `SELECT ${KEY[by]} AS key, sum(x.payments)::text AS payments, sum(x.recovered_fen)::text AS recovered_fen
       FROM report_recovered x ${where(slice, p2)} GROUP BY 1`, p2);
  const [a, b] = await Promise.all([placed, recovered]);
  const rows = new Map<string, RecoveryRow>();
  const row = (key: string) => rows.get(key) ?? rows.set(key, { key, accounts: 0, placed_fen: 0, payments: 0, recovered_fen: 0 }).get(key)!;
  for (const r of a.rows) Object.assign(row(r.key), { accounts: Number(r.accounts), placed_fen: Number(r.placed_fen) });
  for (const r of b.rows) Object.assign(row(r.key), { payments: Number(r.payments), recovered_fen: Number(r.recovered_fen) });
  return [...rows.values()].filter((r) => r.accounts !== 0 || r.placed_fen !== 0 || r.payments !== 0 || r.recovered_fen !== 0);
}

/** A line's name in Chinese (`label`) and in English (`label_en`: regions.name_en, a creditor's English name; else the same). */
export interface DimensionLabel { label: string; label_en: string }

/** Names for keys: creditor codes, province names, collector names. */
export async function dimensionLabels(db: Queryable, by: Dimension, keys: readonly string[]): Promise<Map<string, DimensionLabel>> {
  if (by === 'creditor') {
    const { rows } = await db.query<{ key: string } & DimensionLabel>(
      `SELECT id::text AS key, code || ' ' || name AS label, code || ' ' || coalesce(name_en, name) AS label_en
         FROM creditors WHERE id = ANY($1::bigint[])`, [keys.map(Number)]);
    return new Map(rows.map(({ key, ...names }) => [key, names]));
  }
  if (by === 'region') {
    const { rows } = await db.query<{ key: string } & DimensionLabel>(
      'SELECT left(code, 2) AS key, name AS label, coalesce(name_en, name) AS label_en FROM regions WHERE code = ANY($1::text[])', [keys.map((k) => `${k}0000`)]);
    // A US account's region is its state ('US-MA', migration 0042): one name in both languages.
    const states = keys.flatMap((k) => {
      const name = usRegionName(k);
      return name ? [[k, { label: `${name} (${k.slice(3)})`, label_en: `${name} (${k.slice(3)})` }] as const] : [];
    });
    return new Map([...rows.map(({ key, ...names }) => [key, names] as const), ...states]);
  }
  if (by === 'collector') {
    const { rows } = await db.query<{ key: string; label: string }>(
      'SELECT id::text AS key, display_name AS label FROM users WHERE id = ANY($1::bigint[])', [keys.filter((k) => k !== '0').map(Number)]);
    return new Map(rows.map((r) => [r.key, { label: r.label, label_en: r.label }]));
  }
  return new Map();
}

export interface VintageRows {
  placed: { placement_month: string; accounts: number; placed_fen: number }[];
  recovered: { placement_month: string; paid_month: string; recovered_fen: number }[];
}

export async function vintageRows(db: Queryable, slice: ReportSlice): Promise<VintageRows> {
  const p1: unknown[] = [];
  const placed = db.query<{ placement_month: string; accounts: string; placed_fen: string }>(
    `SELECT to_char(x.placement_month, 'YYYY-MM') AS placement_month, sum(x.accounts)::text AS accounts, sum(x.placed_fen)::text AS placed_fen
       FROM report_placed x ${where(slice, p1)} GROUP BY 1`, p1);
  const p2: unknown[] = [];
  const recovered = db.query<{ placement_month: string; paid_month: string; recovered_fen: string }>(
    `SELECT to_char(x.placement_month, 'YYYY-MM') AS placement_month, to_char(x.paid_month, 'YYYY-MM') AS paid_month,
            sum(x.recovered_fen)::text AS recovered_fen
       FROM report_recovered x ${where(slice, p2)} GROUP BY 1, 2`, p2);
  const [a, b] = await Promise.all([placed, recovered]);
  return {
    placed: a.rows.map((r) => ({ placement_month: r.placement_month, accounts: Number(r.accounts), placed_fen: Number(r.placed_fen) })),
    recovered: b.rows.map((r) => ({ ...r, recovered_fen: Number(r.recovered_fen) })),
  };
}

// ---- roll rates ----

export async function rollRows(db: Queryable, slice: ReportSlice):
  Promise<{ month: string; from_bucket: string; to_bucket: string; accounts: number }[]> {
  const params: unknown[] = [];
  const { rows } = await db.query<{ month: string; from_bucket: string; to_bucket: string; accounts: string }>(
    `SELECT to_char(x.month, 'YYYY-MM') AS month, x.from_bucket, x.to_bucket, sum(x.accounts)::text AS accounts
       FROM report_rolls x ${where(slice, params, 'x.month')} GROUP BY 1, 2, 3`, params);
  return rows.map((r) => ({ ...r, accounts: Number(r.accounts) }));
}

export interface MonthEndRun { month: string; taken_at: Date; as_of: string; accounts: number; source: string; pruned_at: Date | null }

export async function monthEndRuns(db: Queryable): Promise<MonthEndRun[]> {
  const { rows } = await db.query<MonthEndRun & { accounts: string }>(
    `SELECT to_char(month, 'YYYY-MM') AS month, taken_at, to_char(as_of, 'YYYY-MM-DD') AS as_of, accounts::text AS accounts, source, pruned_at
       FROM report_month_end_runs ORDER BY month`);
  return rows.map((r) => ({ ...r, accounts: Number(r.accounts) }));
}

/** When the snapshot of `month` (first day) was pruned, if it was. */
export async function monthEndPrunedAt(db: Queryable, month: string): Promise<Date | null> {
  return (await db.query<{ pruned_at: Date | null }>('SELECT pruned_at FROM report_month_end_runs WHERE month = $1::date', [month])).rows[0]?.pruned_at ?? null;
}

/**
 * Deletes the snapshots of the months before the newest `keep` months taken whose next month
 * has been taken too (its rolls are counted and stay in report_rolls; so months taken oldest
 * first, to fill in the past, each serve the next), and marks their runs; the months pruned.
 */
export async function pruneMonthEnds(db: Queryable, keep: number, at: Date): Promise<string[]> {
  const { rows } = await db.query<{ month: string }>(
    `WITH cutoff AS (SELECT (max(month) - make_interval(months => $1 - 1))::date AS month FROM report_month_end_runs),
          marked AS (UPDATE report_month_end_runs r SET pruned_at = $2 FROM cutoff c
                      WHERE r.month < c.month AND r.pruned_at IS NULL
                        AND EXISTS (SELECT 1 FROM report_month_end_runs n WHERE n.month = (r.month + interval '1 month')::date)
                     RETURNING r.month)
     SELECT to_char(month, 'YYYY-MM') AS month FROM marked ORDER BY month`, [keep, at]);
  if (rows.length) await db.query(`DELETE FROM report_month_end WHERE month = ANY($1::date[])`, [rows.map((r) => `${r.month}-01`)]);
  return rows.map((r) => r.month);
}

/**
 * The month-end buckets of `month` (first day) as of `asOf` (its last day, or today for
 * the month in progress), replacing any earlier snapshot of that month, and the roll
 * counts from the previous month's snapshot (when there is one). The strategy run's bucket
 * is used when it ran within the month (its latest date); other accounts get the bucket of
 * their first delinquency date at `asOf`.
 */
export async function takeMonthEnd(db: Queryable, month: string, asOf: string, takenAt: Date):
  Promise<{ accounts: number; rolls: number; source: string }> {
  const { rows: [run] } = await db.query<{ d: string | null }>(
    `SELECT to_char(max(business_date), 'YYYY-MM-DD') AS d FROM account_strategy WHERE business_date >= $1::date AND business_date <= $2::date`,
    [month, asOf]);
  const strategyDate = run?.d ?? null;
  await db.query('DELETE FROM report_month_end WHERE month = $1::date', [month]);
  await db.query('DELETE FROM report_rolls WHERE month = $1::date', [month]);
  const inserted = await db.query(
    `INSERT INTO report_month_end (month, creditor_id, account_id, region_prefix, collector_id, bucket)
     SELECT $1::date, a.creditor_id, a.id, f.region_prefix,
            -- Whose it was at the end of the day: taken after the month, not whose it is now (0: nobody's).
            coalesce((SELECT w.collector_id FROM assignments w WHERE w.creditor_id = a.creditor_id AND w.account_id = a.id
                         AND w.assigned_at < (($2::date + 1)::timestamp AT TIME ZONE agency_zone())
                         AND (w.ended_at IS NULL OR w.ended_at >= (($2::date + 1)::timestamp AT TIME ZONE agency_zone()))
                       ORDER BY w.assigned_at DESC, w.id DESC LIMIT 1), 0),
            -- Where it stood on that day: finished by then (paid, and no money came in after it; recalled on or before it), else its bucket.
            CASE WHEN a.status IN ('paid', 'settled')
                  AND (SELECT coalesce(sum(y.amount_fen), 0) FROM payments y WHERE y.creditor_id = a.creditor_id AND y.account_id = a.id AND y.paid_on > $2::date) <= 0 THEN 'paid'
                 WHEN a.status IN ('recalled', 'closed') AND coalesce(a.recalled_on, $2::date) <= $2::date THEN 'out'
                 ELSE coalesce(s.bucket, report_bucket($2::date - a.first_delinquency_date)) END
       FROM accounts a
       JOIN placements p ON p.creditor_id = a.creditor_id AND p.id = a.placement_id
       JOIN report_account_facts f ON f.creditor_id = a.creditor_id AND f.account_id = a.id AND f.placement_id = a.placement_id
       LEFT JOIN account_strategy s ON s.business_date = $3::date AND s.creditor_id = a.creditor_id AND s.account_id = a.id
      WHERE p.placed_on <= $2::date`, [month, asOf, strategyDate]);
  const rolls = await db.query(
    `INSERT INTO report_rolls (month, creditor_id, region_prefix, collector_id, from_bucket, to_bucket, accounts)
     SELECT $1::date, n.creditor_id, n.region_prefix, n.collector_id, o.bucket, n.bucket, count(*)
       FROM report_month_end n
       JOIN report_month_end o ON o.month = ($1::date - interval '1 month')::date AND o.creditor_id = n.creditor_id AND o.account_id = n.account_id
      WHERE n.month = $1::date AND o.bucket NOT IN ('paid', 'out')
      GROUP BY 2, 3, 4, 5, 6`, [month]);
  const source = strategyDate ? `strategy ${strategyDate}` : 'first_delinquency_date';
  await db.query(
    `INSERT INTO report_month_end_runs (month, taken_at, as_of, accounts, source) VALUES ($1::date, $2, $3::date, $4, $5)
     ON CONFLICT (month) DO UPDATE SET taken_at = excluded.taken_at, as_of = excluded.as_of, accounts = excluded.accounts, source = excluded.source`,
    [month, takenAt, asOf, inserted.rowCount ?? 0, source]);
  return { accounts: inserted.rowCount ?? 0, rolls: rolls.rowCount ?? 0, source };
}

// ---- contact funnel ----

export interface FunnelSlice { creditorId: number | null; collectorIds: readonly number[] | null; from: string; to: string; fromInstant: Date; toInstant: Date }

export async function funnelCounts(db: Queryable, slice: FunnelSlice, rightPartyCodes: readonly string[]):
  Promise<{ attempts: number; right_party: number; promises: number; kept: number; paid: number }> {
  const { rows: [contacts] } = await db.query<{ attempts: string; right_party: string }>(
    // Attempts are the agency's; right-party contacts are conversations with the debtor whoever called (a promise taken
    // when the debtor rang back follows one), so that each promise below stands on a conversation counted above.
    `SELECT coalesce(sum(attempts) FILTER (WHERE initiated_by = 'agency'), 0)::text AS attempts,
            coalesce(sum(attempts) FILTER (WHERE outcome = ANY($5::text[]) AND initiated_by IN ('agency', 'debtor')), 0)::text AS right_party
       FROM report_contacts
      WHERE day >= $1::date AND day <= $2::date
        AND ($3::bigint IS NULL OR creditor_id = $3) AND ($4::bigint[] IS NULL OR collector_id = ANY($4))`,
    [slice.from, slice.to, slice.creditorId, slice.collectorIds, rightPartyCodes]);
  const { rows: [promises] } = await db.query<{ promises: string; kept: string; paid: string }>(
    // A moved promise (改约) is the same commitment: taken once (the first), kept at most once (only the last can be). Promises
    // taken by a collector: one the debtor made on the portal followed no conversation (the portal's own figures count those).
    `SELECT count(*) FILTER (WHERE rescheduled_from IS NULL)::text AS promises, count(*) FILTER (WHERE status IN ('kept', 'partially_kept'))::text AS kept,
            count(*) FILTER (WHERE status = 'kept')::text AS paid
       FROM promises
      WHERE created_at >= $1 AND created_at < $2 AND taken_by IS NOT NULL
        AND ($3::bigint IS NULL OR creditor_id = $3) AND ($4::bigint[] IS NULL OR taken_by = ANY($4))`,
    [slice.fromInstant, slice.toInstant, slice.creditorId, slice.collectorIds]);
  return { attempts: Number(contacts!.attempts), right_party: Number(contacts!.right_party),
    promises: Number(promises!.promises), kept: Number(promises!.kept), paid: Number(promises!.paid) };
}

// ---- compliance ----

export async function refusalsByRule(db: Queryable, slice: FunnelSlice): Promise<{ rule: string; refused: number }[]> {
  const { rows } = await db.query<{ rule: string; refused: string }>(
    `SELECT r.rule, count(*)::text AS refused
       FROM audit_log a CROSS JOIN LATERAL jsonb_array_elements_text(coalesce(a.detail -> 'reasons', '[]')) AS r(rule)
      WHERE a.action = 'contact.refused' AND a.at >= $1 AND a.at < $2
        AND ($3::bigint IS NULL OR a.creditor_id = $3) AND ($4::bigint[] IS NULL OR a.actor_user_id = ANY($4))
      GROUP BY r.rule ORDER BY count(*) DESC, r.rule`,
    [slice.fromInstant, slice.toInstant, slice.creditorId, slice.collectorIds]);
  return rows.map((r) => ({ rule: r.rule, refused: Number(r.refused) }));
}

export async function refusedAttempts(db: Queryable, slice: FunnelSlice): Promise<number> {
  const { rows: [r] } = await db.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM audit_log a
      WHERE a.action = 'contact.refused' AND a.at >= $1 AND a.at < $2
        AND ($3::bigint IS NULL OR a.creditor_id = $3) AND ($4::bigint[] IS NULL OR a.actor_user_id = ANY($4))`,
    [slice.fromInstant, slice.toInstant, slice.creditorId, slice.collectorIds]);
  return Number(r!.n);
}

export interface SuspensionInForce { id: number; scope: string; code: string; from_date: string; to_date: string | null; reason: string }

/** Region and creditor suspensions in force on `date` (a creditor sees regions and its own). */
export async function suspensionsInForce(db: Queryable, date: string, creditorCode: string | null): Promise<SuspensionInForce[]> {
  const { rows } = await db.query<SuspensionInForce>(
    `SELECT id::int AS id, scope, code, to_char(from_date, 'YYYY-MM-DD') AS from_date, to_char(to_date, 'YYYY-MM-DD') AS to_date, reason
       FROM suspensions
      WHERE ended_at IS NULL AND from_date <= $1::date AND (to_date IS NULL OR to_date >= $1::date)
        AND (scope = 'region' OR (scope = 'creditor' AND ($2::text IS NULL OR code = $2)))
      ORDER BY from_date, id`, [date, creditorCode]);
  return rows;
}

export async function complaintCounts(db: Queryable, slice: FunnelSlice): Promise<{ complaints: number; upheld: number }> {
  const { rows: [r] } = await db.query<{ complaints: string; upheld: string }>(
    // Opened in the period; upheld in the period (the day of the finding, as the incentives count them: a month
    // already reported does not change when a complaint opened in it is decided later).
    `SELECT count(*) FILTER (WHERE created_at >= $1 AND created_at < $2)::text AS complaints,
            count(*) FILTER (WHERE finding = 'upheld' AND coalesce(resolved_at, created_at) >= $1 AND coalesce(resolved_at, created_at) < $2)::text AS upheld
       FROM complaints
      WHERE kind = 'complaint' AND (created_at >= $1 AND created_at < $2 OR resolved_at >= $1 AND resolved_at < $2)
        AND ($3::bigint IS NULL OR creditor_id = $3) AND ($4::bigint[] IS NULL OR collector_id = ANY($4))`,
    [slice.fromInstant, slice.toInstant, slice.creditorId, slice.collectorIds]);
  return { complaints: Number(r!.complaints), upheld: Number(r!.upheld) };
}

/** Accounts placed (to date) in the slice: the denominator of rates per 1,000 accounts. */
export async function placedAccounts(db: Queryable, creditorId: number | null, collectorIds: readonly number[] | null): Promise<number> {
  const { rows: [r] } = await db.query<{ n: string }>(
    `SELECT coalesce(sum(accounts), 0)::text AS n FROM report_placed
      WHERE ($1::bigint IS NULL OR creditor_id = $1) AND ($2::bigint[] IS NULL OR collector_id = ANY($2))`, [creditorId, collectorIds]);
  return Number(r!.n);
}

export async function teamCollectorIds(db: Queryable, teamId: number): Promise<number[]> {
  const { rows } = await db.query<{ id: string }>(`SELECT id::text FROM users WHERE team_id = $1 AND role = 'collector'`, [teamId]);
  return rows.map((r) => Number(r.id));
}

/** One language's line of the language access report: how many accounts, employees and attempts. */
export interface LanguageLine { language: string | null; accounts: number; employees: number; attempts: number }

/**
 * The collection contacts employees had or tried with debtors of creditors under a US contract in
 * the period (theirs or the debtor's call), by the language they were in: a call's or visit's as the collector recorded it (null:
 * not recorded); a text's, e-mail's or letter's the one the product writes such a debtor in
 * (Spanish to one who reads it, else English). The lines, and the accounts and employees over every
 * language but English (an account or employee in two languages counted once).
 */
export async function languageAccessCounts(db: Queryable, slice: FunnelSlice): Promise<{ lines: LanguageLine[]; otherThanEnglish: { accounts: number; employees: number } }> {
  const attempts = `
    SELECT ca.account_id, ca.collector_id,
           coalesce(ca.language, CASE WHEN ca.channel IN ('sms', 'email', 'letter') THEN CASE WHEN d.preferred_language = 'es' THEN 'es' ELSE 'en' END END) AS language
      FROM contact_attempts ca JOIN debtors d ON d.id = ca.debtor_id
     WHERE ca.at >= $1 AND ca.at < $2 AND ca.party = 'debtor' AND ca.purpose = 'collect' AND ca.collector_id IS NOT NULL
       AND ($3::bigint IS NULL OR ca.creditor_id = $3) AND ($4::bigint[] IS NULL OR ca.collector_id = ANY($4))
       AND ${packInForceSql('ca.creditor_id', '(ca.at AT TIME ZONE \'UTC\')::date')} = 'US'`;
  const values = [slice.fromInstant, slice.toInstant, slice.creditorId, slice.collectorIds];
  const [{ rows }, { rows: [other] }] = await Promise.all([
    db.query<LanguageLine>(`SELECT language, count(DISTINCT account_id)::int AS accounts, count(DISTINCT collector_id)::int AS employees, count(*)::int AS attempts
       FROM (${attempts}) a GROUP BY language ORDER BY language IS NULL, language = 'en' DESC, language`, values),
    db.query<{ accounts: number; employees: number }>(`SELECT count(DISTINCT account_id)::int AS accounts, count(DISTINCT collector_id)::int AS employees
       FROM (${attempts}) a WHERE language <> 'en'`, values),
  ]);
  return { lines: rows, otherThanEnglish: other ?? { accounts: 0, employees: 0 } };
}
