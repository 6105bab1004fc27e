/**
 * All SQL of the nightly strategy run. Set-based: promise evaluation is one statement, the
 * strategy of every open account is one INSERT ... SELECT into the narrow account_strategy
 * table (the creditor's rules compiled to CASE expressions), and SMS reminders are written
 * in batches. Nothing here loops over accounts with a query each.
 */
import { BUCKETS, bucketRange } from '../domain/delinquency.ts';
import { parseLocalDate } from '../domain/calendar.ts';
import { englishCountry } from '../domain/country.ts';
import { creditorNameFor } from '../domain/creditor-name.ts';
import { newYorkTimeBarNotice } from '../domain/time-barred.ts';
import { fen } from '../domain/money.ts';
import type { Condition, ReminderFacts, StrategyRules } from '../domain/strategy/index.ts';
import { listLicences } from './licences-repository.ts';
import { mandateEndSql } from './placements-repository.ts';
import type { Queryable } from './pool.ts';
import { packInForceSql } from './contracts-repository.ts';
import { accountRegionSql, contractsInForceSql, holdStopsSql, stoppedBySuspensionSql, type AccountSql } from './collection-stopped.ts';
import { BALANCE_NOW_SQL, PAID_SINCE_STATEMENT_BY_ACCOUNT_SQL } from './accounts-repository.ts';

export const OPEN_ACCOUNT = `a.status NOT IN ('paid', 'settled', 'recalled', 'closed')`;

export interface RuleSetRow { creditor_id: number; version: number; effective_from: string; rules: unknown }

/** The rules in force on the date, per creditor that has any. */
export async function loadRuleSets(db: Queryable, date: string): Promise<RuleSetRow[]> {
  const { rows } = await db.query<RuleSetRow>(
    `SELECT DISTINCT ON (creditor_id) creditor_id::int AS creditor_id, version, effective_from, rules
       FROM strategy_rules WHERE effective_from <= $1 ORDER BY creditor_id, version DESC`, [date]);
  return rows;
}

/** Saves a new version of a creditor's rules; returns its number. */
export async function insertRuleSet(db: Queryable, creditorId: number, effectiveFrom: string, rules: unknown, userId: number | null, at: Date = new Date()): Promise<number> {
  const { rows } = await db.query<{ version: number }>(
    `INSERT INTO strategy_rules (creditor_id, version, effective_from, rules, created_by, created_at)
     SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5 FROM strategy_rules WHERE creditor_id = $1 RETURNING version`,
    [creditorId, effectiveFrom, JSON.stringify(rules), userId, at]);
  return rows[0]!.version;
}

/** The terms of the contract in force on the date, per creditor (the same choice as the compliance plan). */
export async function loadContractTerms(db: Queryable, date: string): Promise<Map<number, Record<string, unknown>>> {
  const { rows } = await db.query<{ creditor_id: number; terms: Record<string, unknown> }>(
    `SELECT DISTINCT ON (creditor_id) creditor_id::int AS creditor_id, terms
       FROM contracts ORDER BY creditor_id, (effective_from <= $1) DESC, version DESC`, [date]);
  return new Map(rows.map((r) => [r.creditor_id, r.terms]));
}

export interface PromiseCounts { kept: number; partially_kept: number; broken: number }

/**
 * Resolves the open promises the date decides (src/domain/promises/evaluate.ts, set-based):
 * payments from the day the promise was taken to due date + grace count; full -> kept (at
 * once); after the grace, some -> partially kept, none -> broken. A resolved promise's
 * account leaves the 'promised' state and returns to the queue.
 */
export async function resolveDuePromises(db: Queryable, input: {
  date: string; graceByCreditor: ReadonlyMap<number, number>; defaultGrace: number; zone: string; at: Date;
}): Promise<PromiseCounts> {
  const creditors = [...input.graceByCreditor.keys()];
  const { rows } = await db.query<{ status: keyof PromiseCounts; n: number }>(`
    WITH grace AS (SELECT * FROM unnest($2::bigint[], $3::int[]) AS g (creditor_id, days)),
    open AS (
      SELECT p.creditor_id, p.id, p.account_id, p.amount_fen, (p.created_at AT TIME ZONE $5)::date AS taken_on,
             p.due_date + coalesce(g.days, $4) AS window_end
        FROM promises p LEFT JOIN grace g ON g.creditor_id = p.creditor_id
       WHERE p.status = 'open'
    ), judged AS (
      SELECT o.creditor_id, o.id, o.account_id,
             CASE WHEN paid.fen >= o.amount_fen THEN 'kept'
                  WHEN $1::date <= o.window_end THEN NULL
                  WHEN paid.fen > 0 THEN 'partially_kept'
                  ELSE 'broken' END AS status
        FROM open o
        CROSS JOIN LATERAL (
          SELECT coalesce(sum(y.amount_fen), 0) AS fen FROM payments y
           WHERE y.creditor_id = o.creditor_id AND y.account_id = o.account_id
             AND y.paid_on >= o.taken_on AND y.paid_on <= least(o.window_end, $1::date)) paid
       WHERE o.taken_on <= $1::date
    ), resolved AS (
      UPDATE promises p SET status = j.status, resolved_at = $6
        FROM judged j WHERE j.status IS NOT NULL AND p.creditor_id = j.creditor_id AND p.id = j.id
      RETURNING p.creditor_id, p.account_id, p.status
    ), returned AS (
      UPDATE accounts a SET status = 'active', version = a.version + 1, updated_at = $6
        FROM resolved r WHERE a.creditor_id = r.creditor_id AND a.id = r.account_id AND a.status = 'promised'
      RETURNING a.id
    )
    SELECT status, count(*)::int AS n FROM resolved GROUP BY status`,
    [input.date, creditors, creditors.map((c) => input.graceByCreditor.get(c)), input.defaultGrace, input.zone, input.at]);
  const counts: PromiseCounts = { kept: 0, partially_kept: 0, broken: 0 };
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

// ---------------------------------------------------------------------------------------
// The rules, compiled to SQL over the facts of one account (columns of `f` below). Every
// value that reaches the text is a validated number, a bucket or an action name from the
// domain's closed lists, or a segment name matching ^[a-z][a-z0-9_]*$ (parseStrategyRules).

function literal(text: string): string {
  if (!/^[A-Za-z0-9_+]+$/.test(text)) throw new Error(`refusing to inline ${JSON.stringify(text)} into SQL`);
  return `'${text}'`;
}

function int(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`refusing to inline ${String(n)} into SQL`);
  return String(n);
}

export function conditionSql(c: Condition): string {
  const parts: string[] = [];
  if (c.buckets !== undefined) parts.push(c.buckets.length ? `f.bucket IN (${c.buckets.map(literal).join(', ')})` : 'false');
  if (c.minBalanceFen !== undefined) parts.push(`f.balance_fen >= ${int(c.minBalanceFen)}`);
  if (c.maxBalanceFen !== undefined) parts.push(`f.balance_fen <= ${int(c.maxBalanceFen)}`);
  if (c.contactable !== undefined) parts.push(c.contactable ? 'f.contactable' : 'NOT f.contactable');
  if (c.hasAddress !== undefined) parts.push(c.hasAddress ? 'f.has_address' : 'NOT f.has_address');
  if (c.onHold !== undefined) parts.push(c.onHold ? 'f.on_hold' : 'NOT f.on_hold');
  if (c.inPlan !== undefined) parts.push(c.inPlan ? 'f.in_plan' : 'NOT f.in_plan');
  if (c.openPromise !== undefined) parts.push(c.openPromise ? 'f.due_in IS NOT NULL' : 'f.due_in IS NULL');
  if (c.promiseDueWithinDays !== undefined) parts.push(`f.due_in BETWEEN 0 AND ${int(c.promiseDueWithinDays)}`);
  if (c.minBrokenPromises !== undefined) parts.push(`f.broken >= ${int(c.minBrokenPromises)}`);
  if (c.instalmentDueWithinDays !== undefined) parts.push(`f.instalment_due_in BETWEEN 0 AND ${int(c.instalmentDueWithinDays)}`);
  if (c.placementEndsWithinDays !== undefined) parts.push(`f.ends_in BETWEEN 0 AND ${int(c.placementEndsWithinDays)}`);
  return parts.length ? `(${parts.join(' AND ')})` : 'true';
}

function firstMatch(items: readonly { when: Condition; value: string }[], fallback: string): string {
  if (items.length === 0) return literal(fallback);
  return `CASE ${items.map((i) => `WHEN ${conditionSql(i.when)} THEN ${literal(i.value)}`).join(' ')} ELSE ${literal(fallback)} END`;
}

function ruleSetSql(rules: StrategyRules): { segment: string; action: string; priority: string } {
  const w = rules.priority;
  const bucketPoints = `CASE f.bucket ${BUCKETS.map((b) => `WHEN ${literal(b)} THEN ${int(w.bucketPoints[b])}`).join(' ')} END`;
  return {
    segment: firstMatch(rules.segments.map((s) => ({ when: s.when, value: s.name })), rules.defaultSegment),
    action: firstMatch(rules.actions.map((a) => ({ when: a.when, value: a.action })), rules.defaultAction),
    priority: `(${bucketPoints} + least(f.balance_fen / ${int(w.balanceFenPerPoint)}, ${int(w.maxBalancePoints)})` +
      ` + least(f.broken, ${int(w.maxBrokenPromises)}) * ${int(w.brokenPromisePoints)}` +
      ` + CASE WHEN f.contactable THEN ${int(w.contactablePoints)} ELSE 0 END` +
      (w.placementEndingPoints === 0 ? '' : ` + CASE WHEN f.ends_in BETWEEN 0 AND ${int(w.placementEndingDays)} THEN ${int(w.placementEndingPoints)} ELSE 0 END`) + ')::int',
  };
}

/** DPD to bucket from the domain's one table of ranges. */
function bucketSql(dpd: string): string {
  const whens = BUCKETS.map((b) => {
    const r = bucketRange(b);
    return r.maxDpd === null ? null : `WHEN ${dpd} <= ${int(r.maxDpd)} THEN ${literal(b)}`;
  }).filter((w): w is string => w !== null);
  return `CASE ${whens.join(' ')} ELSE ${literal(BUCKETS[BUCKETS.length - 1]!)} END`;
}

/** Per creditor: its rules, their version and its broken-promise lookback; creditors not listed use `fallback`. */
export interface CompiledRuleSets {
  byCreditor: ReadonlyMap<number, { version: number; rules: StrategyRules }>;
  fallback: { version: number; rules: StrategyRules };
}

function perCreditor(sets: CompiledRuleSets, pick: (rules: StrategyRules) => string): string {
  const fallback = pick(sets.fallback.rules);
  if (sets.byCreditor.size === 0) return fallback;
  return `CASE f.creditor_id ${[...sets.byCreditor].map(([id, s]) => `WHEN ${int(id)} THEN ${pick(s.rules)}`).join(' ')} ELSE ${fallback} END`;
}

/** The facts' account `a`, its contract from `contract_now` (k), for the conditions of collection-stopped.ts. */
const STRATEGY_ACCOUNT: AccountSql = {
  a: 'a', pack: `coalesce(k.pack, 'CN')`, compliance: 'k.compliance',
  region: accountRegionSql('a'),
};

/**
 * The facts of every open account on the date ($1), one row each, in the columns
 * conditionSql reads. The inner query is kept whole (OFFSET 0) so each fact is computed
 * once per account, not once per rule that reads it. `on_hold`: its collection is stopped, by
 * the conditions every screen shows 停催 by (collection-stopped.ts), here set-based: the accounts
 * a hold stops, found from the holds; the suspensions in force, read once and compared with each
 * account.
 */
function factsSql(sets: CompiledRuleSets, onlyCreditor: number | null): string {
  const ids = [...sets.byCreditor.keys()];
  const lookback = ids.length
    ? `CASE p.creditor_id ${ids.map((id) => `WHEN ${int(id)} THEN ${int(sets.byCreditor.get(id)!.rules.priority.brokenPromiseLookbackDays)}`).join(' ')} ELSE ${int(sets.fallback.rules.priority.brokenPromiseLookbackDays)} END`
    : int(sets.fallback.rules.priority.brokenPromiseLookbackDays);
  return `
    WITH reach AS (
      SELECT debtor_id, bool_or(kind = 'phone') AS has_phone, bool_or(kind = 'address') AS has_address
        FROM contact_points WHERE owner = 'debtor' AND verified <> 'invalid' GROUP BY debtor_id
    ), contract_now AS (${contractsInForceSql('$1::date')}
    ), held AS (
      SELECT DISTINCT a.id FROM holds h JOIN accounts a ON a.debtor_id = h.debtor_id LEFT JOIN contract_now k ON k.creditor_id = a.creditor_id
       WHERE ${holdStopsSql('h', STRATEGY_ACCOUNT, '$1::date')}
    ), promised AS (
      SELECT p.creditor_id, p.account_id, min(p.due_date) FILTER (WHERE p.status = 'open') AS open_due,
             count(*) FILTER (WHERE p.status = 'broken' AND p.due_date > $1::date - ${lookback}) AS broken
        FROM promises p WHERE p.status IN ('open', 'broken') GROUP BY p.creditor_id, p.account_id
    ), instalment AS (
      SELECT ip.creditor_id, ip.account_id, min(pi.due_date) AS next_due
        FROM instalment_plans ip JOIN plan_instalments pi ON pi.creditor_id = ip.creditor_id AND pi.plan_id = ip.id
       WHERE ip.status = 'active' AND pi.paid_fen < pi.amount_fen GROUP BY ip.creditor_id, ip.account_id
    ), paid AS (${PAID_SINCE_STATEMENT_BY_ACCOUNT_SQL}
    ), facts AS (
      SELECT a.creditor_id, a.id AS account_id, d.dpd, ${bucketSql('d.dpd')} AS bucket,
             ${BALANCE_NOW_SQL('a', 'coalesce(pd.fen, 0)')} AS balance_fen,
             coalesce(r.has_phone, false) AS contactable, coalesce(r.has_address, false) AS has_address,
             (hd.id IS NOT NULL OR ${stoppedBySuspensionSql(STRATEGY_ACCOUNT, '$1::date')}) AS on_hold, a.status = 'in_plan' AS in_plan,
             pr.open_due - $1::date AS due_in, coalesce(pr.broken, 0)::int AS broken,
             ip.next_due - $1::date AS instalment_due_in,
             ${mandateEndSql()} - $1::date AS ends_in
        FROM accounts a
        JOIN placements pl ON pl.creditor_id = a.creditor_id AND pl.id = a.placement_id
        CROSS JOIN LATERAL (SELECT greatest(0, $1::date - a.first_delinquency_date) AS dpd) d
        LEFT JOIN reach r ON r.debtor_id = a.debtor_id
        LEFT JOIN contract_now k ON k.creditor_id = a.creditor_id
        LEFT JOIN held hd ON hd.id = a.id
        LEFT JOIN promised pr ON pr.creditor_id = a.creditor_id AND pr.account_id = a.id
        LEFT JOIN instalment ip ON ip.creditor_id = a.creditor_id AND ip.account_id = a.id
        LEFT JOIN paid pd ON pd.creditor_id = a.creditor_id AND pd.account_id = a.id
       WHERE ${OPEN_ACCOUNT}${onlyCreditor === null ? '' : ` AND a.creditor_id = ${int(onlyCreditor)}`}
      OFFSET 0
    )`;
}

function strategySelect(sets: CompiledRuleSets, onlyCreditor: number | null = null): string {
  const version = sets.byCreditor.size
    ? `CASE f.creditor_id ${[...sets.byCreditor].map(([id, s]) => `WHEN ${int(id)} THEN ${int(s.version)}`).join(' ')} ELSE ${int(sets.fallback.version)} END`
    : int(sets.fallback.version);
  return `${factsSql(sets, onlyCreditor)}
    SELECT f.creditor_id, $1::date AS business_date, f.account_id, f.dpd, f.bucket,
           ${perCreditor(sets, (r) => ruleSetSql(r).segment)} AS segment,
           ${perCreditor(sets, (r) => ruleSetSql(r).priority)} AS priority,
           ${perCreditor(sets, (r) => ruleSetSql(r).action)} AS next_action,
           ${version} AS rule_version
      FROM facts f`;
}

const COLUMNS = 'creditor_id, business_date, account_id, dpd, bucket, segment, priority, next_action, rule_version';


/**
 * Writes the strategy of every open account for the date. The first run for a date is a
 * plain INSERT ... SELECT; a later one upserts and touches only rows whose result differs,
 * and removes the rows of accounts that are no longer open. Returns the rows written.
 */
export async function writeStrategy(db: Queryable, date: string, sets: CompiledRuleSets): Promise<{ accounts: number; changed: number }> {
  const params: unknown[] = [date];
  const select = strategySelect(sets);
  const existing = await db.query('SELECT 1 FROM account_strategy WHERE business_date = $1 LIMIT 1', [date]);
  if (existing.rows.length === 0) {
    const inserted = await db.query(`INSERT INTO account_strategy (${COLUMNS}) ${select}`, params);
    return { accounts: inserted.rowCount ?? 0, changed: inserted.rowCount ?? 0 };
  }
  const upserted = await db.query(`
    INSERT INTO account_strategy AS s (${COLUMNS}) ${select}
    ON CONFLICT (business_date, creditor_id, account_id) DO UPDATE
       SET dpd = EXCLUDED.dpd, bucket = EXCLUDED.bucket, segment = EXCLUDED.segment, priority = EXCLUDED.priority,
           next_action = EXCLUDED.next_action, rule_version = EXCLUDED.rule_version, computed_at = now()
     WHERE (s.dpd, s.bucket, s.segment, s.priority, s.next_action, s.rule_version)
           IS DISTINCT FROM (EXCLUDED.dpd, EXCLUDED.bucket, EXCLUDED.segment, EXCLUDED.priority, EXCLUDED.next_action, EXCLUDED.rule_version)`, params);
  const removed = await db.query(`
    DELETE FROM account_strategy s WHERE s.business_date = $1
       AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.creditor_id = s.creditor_id AND a.id = s.account_id AND ${OPEN_ACCOUNT})`, [date]);
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM account_strategy WHERE business_date = $1', [date]);
  return { accounts: rows[0]!.n, changed: (upserted.rowCount ?? 0) + (removed.rowCount ?? 0) };
}

/** Accounts the run chose an SMS for on the date and that have no SMS decision yet. */
export async function undecidedSmsAccounts(db: Queryable, date: string): Promise<number[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT account_id AS id FROM account_strategy
      WHERE business_date = $1 AND next_action = 'sms' AND sms_outbox_id IS NULL AND sms_decision IS NULL`, [date]);
  return rows.map((r) => Number(r.id));
}

interface ReminderRow {
  account_id: number; creditor_name: string; creditor_name_en: string | null; account_no_mask: string; promise_amount_fen: string | null; promise_due_date: string | null; in_plan: boolean;
  /** Its active plan's next instalment not paid in full: what is left of it, and its due date. */
  instalment_left_fen: string | null; instalment_due_date: string | null;
  /** The pack of the creditor's contract in force on the date (null: none written). */
  pack: string | null;
  /** The language the debtor reads (debtors.preferred_language). */
  language: string | null;
  /** The debtor's state as on file (the account's region first). */
  region_code: string | null;
  first_delinquency_date: string;
}

/** What a reminder (or a collector's template message) says of each account: creditor, masked number, contract's pack, open promise. */
export async function reminderFacts(db: Queryable, accountIds: readonly number[], date: string): Promise<Map<number, ReminderFacts>> {
  const { rows } = await db.query<ReminderRow>(`
    SELECT a.id::int AS account_id, c.name AS creditor_name, c.name_en AS creditor_name_en, a.account_no_mask,
           p.amount_fen::text AS promise_amount_fen, to_char(p.due_date, 'YYYY-MM-DD') AS promise_due_date,
           ${packInForceSql('a.creditor_id', '$2::date')} AS pack, d.preferred_language AS language,
           coalesce(a.region_code, d.region_code) AS region_code, to_char(a.first_delinquency_date, 'YYYY-MM-DD') AS first_delinquency_date,
           a.status = 'in_plan' AS in_plan,
           i.left_fen::text AS instalment_left_fen, to_char(i.due_date, 'YYYY-MM-DD') AS instalment_due_date
      FROM accounts a JOIN creditors c ON c.id = a.creditor_id JOIN debtors d ON d.id = a.debtor_id
      LEFT JOIN LATERAL (SELECT amount_fen, due_date FROM promises p
                          WHERE p.creditor_id = a.creditor_id AND p.account_id = a.id AND p.status = 'open'
                          ORDER BY due_date LIMIT 1) p ON true
      LEFT JOIN LATERAL (SELECT pi.amount_fen - pi.paid_fen AS left_fen, pi.due_date
                           FROM instalment_plans ip JOIN plan_instalments pi ON pi.creditor_id = ip.creditor_id AND pi.plan_id = ip.id
                          WHERE ip.creditor_id = a.creditor_id AND ip.account_id = a.id AND ip.status = 'active' AND pi.paid_fen < pi.amount_fen
                          ORDER BY pi.n LIMIT 1) i ON true
     WHERE a.id IN (SELECT unnest($1::bigint[]))`, [accountIds, date]);
  // A US e-mail carries the agency's licences for the debtor's state and city (src/domain/licences.ts).
  const licences = rows.some((r) => r.pack === 'US') ? await listLicences(db) : [];
  return new Map(rows.map((r) => {
    // A US or UK message is in English (or Spanish): the bank by its name in English when it has one.
    const creditorName = creditorNameFor(englishCountry(r.pack) !== null, { name: r.creditor_name, name_en: r.creditor_name_en });
    return [r.account_id, {
      creditorName, accountNoMask: r.account_no_mask, pack: r.pack, language: r.language, inPlan: r.in_plan,
      regionCode: r.region_code, licences: r.pack === 'US' ? licences : [],
      timeBarNotice: newYorkTimeBarNotice(r.pack, r.region_code, parseLocalDate(r.first_delinquency_date), parseLocalDate(date), creditorName),
      promise: r.promise_amount_fen === null || r.promise_due_date === null ? null
        : { amountFen: fen(Number(r.promise_amount_fen)), dueDate: parseLocalDate(r.promise_due_date) },
      instalment: r.instalment_left_fen === null || r.instalment_due_date === null ? null
        : { amountFen: fen(Number(r.instalment_left_fen)), dueDate: parseLocalDate(r.instalment_due_date) },
    }];
  }));
}

export interface QueuedSms {
  accountId: number; contactPointId: number; body: string; decision: unknown; sendAfter: Date; expiresAt: Date;
  /** An e-mail reminder's subject and opt-out link. */
  subject?: string; unsubscribeUrl?: string;
  /** The template it was written from (the contact it becomes is named so). */
  template?: string;
}

/**
 * Queues the reminders in the outbox (the contact point's encrypted value and mask copied,
 * never decrypted here), each to go at its send time and not after its day, and records each
 * outbox id (and its decision) on the account's strategy row: an SMS, or an e-mail for a debtor
 * no SMS could reach.
 */
export async function queueSms(db: Queryable, date: string, items: readonly QueuedSms[], at: Date, channel: 'sms' | 'email' = 'sms'): Promise<number> {
  if (items.length === 0) return 0;
  const result = await db.query(`
    WITH item AS (
      SELECT * FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::jsonb[], $6::timestamptz[], $7::timestamptz[], $10::text[], $11::text[], $12::text[])
                 AS i (account_id, point_id, body, decision, send_after, expires_at, subject, unsubscribe_url, template)
    ), queued AS (
      INSERT INTO outbox (creditor_id, account_id, contact_point_id, channel, purpose, to_enc, to_mask, body, decision, send_after, expires_at, created_at,
                          subject, unsubscribe_url, template)
      SELECT a.creditor_id, i.account_id, i.point_id, $9, 'collect', cp.value_enc, cp.value_mask, i.body, i.decision, i.send_after, i.expires_at, $8,
             i.subject, i.unsubscribe_url, i.template
        FROM item i JOIN accounts a ON a.id = i.account_id JOIN contact_points cp ON cp.id = i.point_id
      RETURNING id, creditor_id, account_id, decision
    )
    UPDATE account_strategy s SET sms_outbox_id = q.id, sms_decision = q.decision
      FROM queued q WHERE s.creditor_id = q.creditor_id AND s.business_date = $1 AND s.account_id = q.account_id`,
    [date, items.map((i) => i.accountId), items.map((i) => i.contactPointId), items.map((i) => i.body), items.map((i) => JSON.stringify(i.decision)),
      items.map((i) => i.sendAfter), items.map((i) => i.expiresAt), at, channel, items.map((i) => i.subject ?? null), items.map((i) => i.unsubscribeUrl ?? null),
      items.map((i) => i.template ?? null)]);
  return result.rowCount ?? 0;
}

/** Records the refusal (the engine's decision, or why no contact point would do) on the strategy rows. */
export async function recordBlockedSms(db: Queryable, date: string, items: readonly { creditorId: number; accountId: number; decision: unknown }[]): Promise<void> {
  if (items.length === 0) return;
  await db.query(`
    UPDATE account_strategy s SET sms_decision = i.decision
      FROM unnest($2::bigint[], $3::bigint[], $4::jsonb[]) AS i (creditor_id, account_id, decision)
     WHERE s.business_date = $1 AND s.creditor_id = i.creditor_id AND s.account_id = i.account_id`,
    [date, items.map((i) => i.creditorId), items.map((i) => i.accountId), items.map((i) => JSON.stringify(i.decision))]);
}

/**
 * What the rules would make of one creditor's open accounts on the date, counted by segment
 * and next action: the run's own SQL, only counted, nothing written (the strategy screen's
 * preview of a rules change).
 */
export async function countStrategy(db: Queryable, date: string, creditorId: number, rules: StrategyRules):
  Promise<Array<{ segment: string; next_action: string; n: number }>> {
  const params: unknown[] = [date];
  const sets: CompiledRuleSets = { byCreditor: new Map(), fallback: { version: 0, rules } };
  const select = strategySelect(sets, creditorId);
  const { rows } = await db.query<{ segment: string; next_action: string; n: number }>(
    `SELECT segment, next_action, count(*)::int AS n FROM (${select}) s GROUP BY segment, next_action ORDER BY segment, next_action`, params);
  return rows;
}

export interface RuleVersionRow { version: number; effective_from: string; created_at: Date; created_by: string | null }

/** A creditor's saved rule versions, newest first. */
export async function listRuleVersions(db: Queryable, creditorId: number): Promise<RuleVersionRow[]> {
  const { rows } = await db.query<RuleVersionRow>(
    `SELECT r.version, r.effective_from, r.created_at, u.username AS created_by
       FROM strategy_rules r LEFT JOIN users u ON u.id = r.created_by
      WHERE r.creditor_id = $1 ORDER BY r.version DESC`, [creditorId]);
  return rows;
}

/** Every creditor's saved versions that start after the date (scheduled), oldest first. */
export async function listScheduledRuleVersions(db: Queryable, date: string): Promise<Array<{ creditor_id: number; version: number; effective_from: string }>> {
  const { rows } = await db.query<{ creditor_id: number; version: number; effective_from: string }>(
    `SELECT creditor_id, version, effective_from FROM strategy_rules WHERE effective_from > $1 ORDER BY creditor_id, effective_from, version`, [date]);
  return rows;
}

/** The latest business date that has strategy results (the primary key starts with the date). */
export async function latestStrategyDate(db: Queryable): Promise<string | null> {
  const { rows } = await db.query<{ d: string | null }>('SELECT max(business_date) AS d FROM account_strategy');
  return rows[0]?.d ?? null;
}

/** The date's results counted per creditor and next action. */
export async function countNextActions(db: Queryable, date: string): Promise<Array<{ creditor_id: number; next_action: string; n: number }>> {
  const { rows } = await db.query<{ creditor_id: number; next_action: string; n: number }>(
    `SELECT creditor_id, next_action, count(*)::int AS n FROM account_strategy WHERE business_date = $1 GROUP BY creditor_id, next_action`, [date]);
  return rows;
}

export interface StrategyRunRow {
  id: number; business_date: string; started_at: Date; actor: string; accounts: number; changed: number;
  promises_kept: number; promises_partial: number; promises_broken: number; rule_versions: Record<string, number>;
  sms_queued: number | null; sms_blocked: number | null; sms_blocked_by_rule: Record<string, number> | null; email_queued: number | null;
}

/** Records a run once the accounts' strategy is written (in the same transaction); returns its id. */
export async function insertStrategyRun(db: Queryable, run: {
  date: string; startedAt: Date; actor: string; accounts: number; changed: number; promises: PromiseCounts; ruleVersions: Record<string, number>;
}): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO strategy_runs (business_date, started_at, actor, accounts, changed, promises_kept, promises_partial, promises_broken, rule_versions)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [run.date, run.startedAt, run.actor, run.accounts, run.changed, run.promises.kept, run.promises.partially_kept, run.promises.broken,
      JSON.stringify(run.ruleVersions)]);
  return rows[0]!.id;
}

/** What became of the run's reminders: SMS queued, e-mailed instead, blocked. */
export async function finishStrategyRun(db: Queryable, id: number, sms: { queued: number; emailed: number; blocked: number; byRule: Record<string, number> }): Promise<void> {
  await db.query('UPDATE strategy_runs SET sms_queued = $2, sms_blocked = $3, sms_blocked_by_rule = $4, email_queued = $5 WHERE id = $1',
    [id, sms.queued, sms.blocked, JSON.stringify(sms.byRule), sms.emailed]);
}

/** The latest runs, newest first. */
export async function listStrategyRuns(db: Queryable, limit: number): Promise<StrategyRunRow[]> {
  const { rows } = await db.query<StrategyRunRow>('SELECT * FROM strategy_runs ORDER BY id DESC LIMIT $1', [limit]);
  return rows;
}
