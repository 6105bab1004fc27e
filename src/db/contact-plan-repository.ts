import type pg from 'pg';
import type { AccountScope } from '../app/authorization.ts';
import { creditorNoticeOn, ZONED_POINTS } from './contact-state-repository.ts';

export interface PlanRow {
  id: number;
  creditor_id: number;
  creditor_code: string;
  debtor_id: number;
  region_code: string | null;
  time_zone: string;
  /** The zones of the debtor's own phones' areas and addresses in use (contact_points.time_zones); null: none known. */
  point_zones: string[] | null;
  opted_out_channels: string[];
  /** The debtor's preferred hours from the portal ('HH:MM' local), if they gave any. */
  preferred_from: string | null;
  preferred_to: string | null;
  collector_id: number | null;
  team_id: number | null;
  /** [kind, starts_on, ends_on|null, account_id|null] of the debtor's open holds (account_id null: debtor-wide). */
  holds: Array<[string, string, string | null, number | null]> | null;
  /** [account_id, epoch ms, channel, party, third_party_id, outcome, initiated_by] of recent attempts. */
  history: Array<[number, number, string, string, number | null, string, string]> | null;
  /** The debtor's first usable contact point for the channel (a phone; an e-mail address for e-mail), masked; null: none. */
  phone_point_id: number | null;
  phone_mask: string | null;
  /** For e-mail and SMS: whether the debtor gave us that address or agreed to texts at that number (US.email_safe_harbor, US.nyc_electronic_consent); for e-mail, the day the creditor told them we may use it; else null. */
  point_consented: boolean | null;
  point_notice_on: string | null;
  /** The US validation notice's date; null when none was sent. */
  validation_notice_sent_on: string | null;
}

/**
 * Streams the open accounts of a scope (and team) with everything the compliance engine
 * reads, aggregated per debtor with hash joins rather than a query per account. Runs in its
 * own read-only transaction with a cursor; `onBatch` gets rows in batches of `batchSize`.
 */
export async function streamPlanRows(pool: pg.Pool, options: {
  scope: AccountScope; teamId: number | null; channel: string; historySince: Date; batchSize?: number;
  /** The business date: which contract is in force (for an e-mail address's creditor notice). */
  businessDate: string;
  /** Only these accounts (e.g. the ones the strategy run chose for an SMS); absent: every open account in scope. */
  accountIds?: readonly number[];
  onBatch: (rows: PlanRow[]) => void | Promise<void>;
}): Promise<void> {
  const params: unknown[] = [options.channel, options.historySince, options.businessDate];
  const conditions = [`a.status NOT IN ('paid', 'settled', 'recalled', 'closed')`];
  const scope = options.scope;
  if (scope.kind === 'collector') { params.push(scope.userId); conditions.push(`asg.collector_id = $${params.length}`); }
  if (scope.kind === 'team') { params.push(scope.teamId); conditions.push(`asg.team_id = $${params.length}`); }
  if (scope.kind === 'creditor') { params.push(scope.creditorId); conditions.push(`a.creditor_id = $${params.length}`); }
  if (options.teamId !== null) { params.push(options.teamId); conditions.push(`asg.team_id = $${params.length}`); }
  let debtorsOnly = '';
  if (options.accountIds !== undefined) {
    params.push(options.accountIds);
    // Joined as a set (index lookups), not tested per row with = ANY; and only their debtors'
    // attempts, holds and phones are aggregated.
    conditions.push(`a.id IN (SELECT unnest($${params.length}::bigint[]))`);
    debtorsOnly = ` AND debtor_id IN (SELECT debtor_id FROM accounts WHERE id IN (SELECT unnest($${params.length}::bigint[])))`;
  }
  const sql = `
    WITH recent AS (
      SELECT debtor_id, json_agg(json_build_array(account_id, (extract(epoch FROM at) * 1000)::bigint, channel, party,
               CASE WHEN party = 'third_party' THEN contact_point_id END, outcome, initiated_by) ORDER BY at) AS history
        FROM contact_attempts WHERE at >= $2${debtorsOnly} GROUP BY debtor_id
    ), open_holds AS (
      SELECT debtor_id, json_agg(json_build_array(kind, starts_on, ends_on, account_id)) AS holds
        FROM holds WHERE released_at IS NULL${debtorsOnly} GROUP BY debtor_id
    ), phones AS (
      SELECT DISTINCT ON (debtor_id) debtor_id, id, value_mask, kind, source, debtor_consented FROM contact_points
       WHERE kind = CASE WHEN $1 = 'email' THEN 'email' ELSE 'phone' END AND owner = 'debtor' AND verified <> 'invalid' AND NOT ($1 = ANY (opted_out))
         -- a work e-mail address the debtor did not ask us to use is never chosen (12 CFR 1006.22(f)(3), US.work_email)
         AND NOT (employer_provided AND NOT debtor_consented)${debtorsOnly}
       -- an e-mail address the debtor gave us first (US.email_safe_harbor), and a phone they agreed to be texted at (US.nyc_electronic_consent)
       ORDER BY debtor_id, CASE WHEN $1 IN ('email', 'sms') THEN debtor_consented END DESC NULLS LAST, id
    ), point_zones AS (
      SELECT debtor_id, array_agg(DISTINCT z ORDER BY z) AS zones FROM contact_points, unnest(time_zones) z
       WHERE ${ZONED_POINTS}${debtorsOnly}
       GROUP BY debtor_id
    )
    SELECT a.id, a.creditor_id, c.code AS creditor_code, a.debtor_id, coalesce(a.region_code, d.region_code) AS region_code,
           d.time_zone, pz.zones AS point_zones, d.opted_out_channels, pref.preferred_from, pref.preferred_to, asg.collector_id, asg.team_id,
           h.holds, r.history, p.id AS phone_point_id, p.value_mask AS phone_mask, vn.sent_on AS validation_notice_sent_on,
           CASE WHEN $1 IN ('email', 'sms') THEN p.debtor_consented END AS point_consented,
           CASE WHEN $1 = 'email' THEN ${creditorNoticeOn('p', 'a', '$3::date')} END AS point_notice_on
      FROM accounts a
      JOIN creditors c ON c.id = a.creditor_id
      JOIN debtors d ON d.id = a.debtor_id
      LEFT JOIN debtor_contact_preferences pref ON pref.debtor_id = d.id
      LEFT JOIN assignments asg ON asg.creditor_id = a.creditor_id AND asg.account_id = a.id AND asg.ended_at IS NULL
      LEFT JOIN recent r ON r.debtor_id = a.debtor_id
      LEFT JOIN open_holds h ON h.debtor_id = a.debtor_id
      LEFT JOIN phones p ON p.debtor_id = a.debtor_id
      LEFT JOIN point_zones pz ON pz.debtor_id = a.debtor_id
      LEFT JOIN validation_notices vn ON vn.creditor_id = a.creditor_id AND vn.account_id = a.id AND vn.returned_on IS NULL
     WHERE ${conditions.join(' AND ')}`;
  const client = await pool.connect();
  try {
    await client.query('BEGIN READ ONLY');
    await client.query(`DECLARE plan_cursor NO SCROLL CURSOR FOR ${sql}`, params);
    const batchSize = options.batchSize ?? 20_000;
    for (;;) {
      const { rows } = await client.query<PlanRow>(`FETCH ${batchSize} FROM plan_cursor`);
      if (rows.length === 0) break;
      await options.onBatch(rows);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export async function loadContractPolicies(db: pg.Pool | pg.PoolClient, businessDate: string): Promise<Map<number, { pack: string; compliance: Record<string, unknown> }>> {
  const { rows } = await db.query(
    `SELECT DISTINCT ON (creditor_id) creditor_id, pack, coalesce(terms->'compliance', '{}') AS compliance
       FROM contracts ORDER BY creditor_id, (effective_from <= $1) DESC, version DESC`, [businessDate]);
  return new Map(rows.map((r) => [r.creditor_id as number, { pack: r.pack as string, compliance: r.compliance as Record<string, unknown> }]));
}

export async function findTeam(db: pg.Pool, ref: string): Promise<{ id: number; name: string } | undefined> {
  const { rows } = await db.query('SELECT id, name FROM teams WHERE id::text = $1 OR name = $1', [ref]);
  return rows[0];
}
