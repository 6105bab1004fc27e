/**
 * "Collection is stopped" (停催) for an account on a date, in SQL, as the compliance engine reads
 * it (src/domain/compliance): a hold its contract's pack stops collection for, in force by the
 * engine's reading of its dates, or a suspension (区域停催) over its region, its creditor or
 * itself. One set of conditions, so that the accounts list and its filter, the account page, the
 * bank's status file, the portal and the strategy's `on_hold` cannot tell it differently:
 * collectionStoppedSql for an account row; the strategy's set-based run puts holdStopsSql and
 * stoppedBySuspensionSql together its own way. test/on-hold-status.test.ts holds them to the engine.
 */
import { holdKindsStoppingUnder, LEGALLY_DATED_HOLDS, PACK_IDS, ukMoratoriumDays } from '../domain/compliance/index.ts';
import { packInForceSql } from './contracts-repository.ts';

/** SQL expressions over one `accounts` row: what decides which holds and suspensions stop its collection. */
export interface AccountSql {
  /** The accounts row's alias. */
  a: string;
  /** The pack of its creditor's contract in force on the date: 'CN' without one (as the engine). */
  pack: string;
  /** That contract's compliance overrides (jsonb; null when none): a UK contract may lengthen a moratorium. */
  compliance: string;
  /** Its region: the account's, else its debtor's (as contact-state reads it). */
  region: string;
}

/** SQL: account `a`'s region, the account's, else its debtor's (as contact-state reads it). */
export const accountRegionSql = (a: string) => `coalesce(${a}.region_code, (SELECT d.region_code FROM debtors d WHERE d.id = ${a}.debtor_id))`;

/** The account row `a` alone: its contract and region read by subqueries (a query over a few accounts). */
export function accountSql(a: string, on: string): AccountSql {
  return {
    a,
    pack: `coalesce(${packInForceSql(`${a}.creditor_id`, on)}, 'CN')`,
    compliance: `(SELECT k.terms->'compliance' FROM contracts k WHERE k.creditor_id = ${a}.creditor_id
                   ORDER BY (k.effective_from <= ${on}) DESC, k.version DESC LIMIT 1)`,
    region: accountRegionSql(a),
  };
}

/** Each creditor's contract in force on the date (creditor_id, pack, compliance), chosen as packInForceSql does: for a run over many accounts. */
export function contractsInForceSql(on: string): string {
  return `SELECT DISTINCT ON (creditor_id) creditor_id, pack, terms->'compliance' AS compliance FROM contracts
           ORDER BY creditor_id, (effective_from <= ${on}) DESC, version DESC`;
}

const textArray = (items: readonly string[]) => `'{${items.join(',')}}'::text[]`;

/** Hold row `x` bears on account `a` (its own, or its debtor's debtor-wide one) and is not lifted. */
const bears = (x: string, a: string) =>
  `${x}.debtor_id = ${a}.debtor_id AND (${x}.account_id IS NULL OR ${x}.account_id = ${a}.id) AND ${x}.released_at IS NULL`;

/** A whole number of days the contract sets for a rule's parameter, else the pack's (the engine refuses a contract with another value). */
const contractDays = (compliance: string, rule: string, name: string, fallback: number) =>
  `coalesce(CASE WHEN jsonb_typeof(${compliance}->'${rule}'->'${name}') = 'number' THEN (${compliance}->'${rule}'->>'${name}')::numeric::int END, ${fallback})`;

/**
 * The last day hold `h` is in force over the account, as holdLastDay (hold-end.ts) gives it under
 * the UK pack, the only one that reads these kinds: a standard breathing space 60 days after it
 * started unless ended earlier, a mental health crisis one 30 days after the recorded end of
 * treatment (none while it is not recorded), a plan being arranged 30 days after it started (30
 * more once extended) unless ended earlier; any other hold its recorded end. Null: no end.
 */
function holdLastDaySql(h: string, account: AccountSql): string {
  const law = ukMoratoriumDays();
  const breathing = (name: 'days' | 'crisis_extra_days') => contractDays(account.compliance, 'breathing_space', name, law.breathing_space[name]);
  const plan = (name: 'days' | 'extension_days') => contractDays(account.compliance, 'plan_pending', name, law.plan_pending[name]);
  const extended = `EXISTS (SELECT 1 FROM holds e WHERE ${bears('e', account.a)} AND e.kind = 'plan_pending_extended')`;
  return `(CASE ${h}.kind
    WHEN 'breathing_space' THEN coalesce(${h}.ends_on, ${h}.starts_on + ${breathing('days')})
    WHEN 'mental_health_crisis' THEN ${h}.ends_on + ${breathing('crisis_extra_days')}
    WHEN 'plan_pending' THEN coalesce(${h}.ends_on, ${h}.starts_on + ${plan('days')} + CASE WHEN ${extended} THEN ${plan('extension_days')} ELSE 0 END)
    ELSE ${h}.ends_on END)`;
}

/**
 * SQL: hold row `h` stops the account's collection on the date `on`, as the engine reads the
 * holds (app/compliance/situation.ts): it bears on the account and is not lifted; its kind is one
 * the account's pack stops collection for (holdKindsStoppingUnder: never `vulnerable`); it has
 * begun; and it has not ended. A UK moratorium ends as the law has it (holdLastDaySql), the latest
 * begun of its kind being the one that runs; several holds of another kind keep collection stopped
 * from the earliest start to the latest end (or for good, one of them having none).
 */
export function holdStopsSql(h: string, account: AccountSql, on: string): string {
  const byPack = PACK_IDS.map((pack) => [pack, holdKindsStoppingUnder(pack)] as const);
  const everywhere = byPack.map(([, kinds]) => kinds).reduce((common, kinds) => common.filter((k) => kinds.includes(k)));
  const extra = byPack.map(([pack, kinds]) => [pack, kinds.filter((k) => !everywhere.includes(k))] as const).filter(([, kinds]) => kinds.length > 0);
  const kindStops = `(${h}.kind = ANY (${textArray(everywhere)})${extra.length === 0 ? ''
    : ` OR CASE ${account.pack} ${extra.map(([pack, kinds]) => `WHEN '${pack}' THEN ${h}.kind = ANY (${textArray(kinds)})`).join(' ')} ELSE false END`})`;
  const last = holdLastDaySql(h, account);
  return `(${bears(h, account.a)} AND ${h}.starts_on <= ${on} AND ${kindStops}
    AND CASE WHEN ${h}.kind = ANY (${textArray(LEGALLY_DATED_HOLDS)})
      THEN (${last} IS NULL OR ${last} >= ${on})
        AND NOT EXISTS (SELECT 1 FROM holds l WHERE ${bears('l', account.a)} AND l.kind = ${h}.kind AND l.starts_on > ${h}.starts_on AND l.starts_on <= ${on})
      ELSE ${h}.ends_on IS NULL OR ${h}.ends_on >= ${on}
        OR EXISTS (SELECT 1 FROM holds m WHERE ${bears('m', account.a)} AND m.kind = ${h}.kind AND (m.ends_on IS NULL OR m.ends_on >= ${on}))
    END)`;
}

/** SQL: a hold stops the account's collection on `on` (holdStopsSql). */
export function stoppedByHoldSql(account: AccountSql, on: string): string {
  return `EXISTS (SELECT 1 FROM holds h WHERE ${holdStopsSql('h', account, on)})`;
}

/**
 * SQL: a region code's significant part, as the engine reads it (regionCovers): GB/T 2260 pads a
 * province (42) or a city (4201) with zeros to six digits; any other code (a US state, US-FL) is
 * taken whole. Written for GB/T 2260's six digits, without a regular expression: it is read for
 * every account of a list.
 */
const regionPrefixSql = (code: string) => `(CASE WHEN ${code} LIKE '__0000' THEN left(${code}, 2) WHEN ${code} LIKE '____00' THEN left(${code}, 4) ELSE ${code} END)`;

/**
 * SQL: `what` (an aggregate) over the suspensions in force on `on` (not ended, from..to inclusive)
 * of a scope, as `s`, with a region one's significant part as `p.prefix`: an uncorrelated subquery,
 * read once for a whole query.
 */
function ofSuspensionsInForce(what: string, on: string, scope: string, more = { from: '', where: '' }): string {
  return `(SELECT ${what} FROM suspensions s CROSS JOIN LATERAL (SELECT ${regionPrefixSql('s.code')} AS prefix) p${more.from}
    WHERE s.ended_at IS NULL AND s.from_date <= ${on} AND (s.to_date IS NULL OR s.to_date >= ${on}) AND s.scope = '${scope}'${more.where})`;
}

/**
 * SQL: a suspension in force on `on` reaches the account, as the engine's suspension rule does
 * (regionCovers; app/compliance/situation.ts suspensionsReaching): one over the account itself,
 * over its creditor, or over its region when either code's significant part begins the other's (a
 * district in a suspended city; a debtor known only to the province of a suspended district; an
 * unknown region is covered: never guessed in the debtor's disfavour) and the region is of the
 * country of the account's pack (a GB/T 2260 code CN, a US state US; none reaches a UK contract's
 * accounts). The suspensions are read once for the whole query (uncorrelated subqueries), so an
 * account costs a few comparisons: the accounts list's filter and the strategy test every account.
 */
export function stoppedBySuspensionSql(account: AccountSql, on: string): string {
  const accounts = ofSuspensionsInForce('array_agg(s.code)', on, 'account');
  const creditors = ofSuspensionsInForce('array_agg(c.id)', on, 'creditor', { from: ' JOIN creditors c ON c.code = s.code', where: '' });
  const region = regionPrefixSql(account.region);
  const inRegion = (country: 'CN' | 'US') => {
    const where = ` AND ${country === 'US' ? '' : 'NOT '}s.code LIKE 'US-%'`;
    // The account's region begins with a suspended one's significant part (it lies in it), or is a head of one (it may: 42 of 4201).
    const within = ofSuspensionsInForce(`array_agg(p.prefix || '%')`, on, 'region', { from: '', where });
    const heads = ofSuspensionsInForce('array_agg(left(p.prefix, n))', on, 'region', { from: ' CROSS JOIN LATERAL generate_series(2, length(p.prefix), 2) n', where });
    return `(${within} IS NOT NULL AND (nullif(${account.region}, '') IS NULL OR ${region} LIKE ANY (${within}::text[]) OR ${region} = ANY (${heads}::text[])) AND ${account.pack} = '${country}')`;
  };
  return `coalesce(${account.a}.id::text = ANY (${accounts}::text[]) OR ${account.a}.creditor_id = ANY (${creditors}::bigint[]) OR ${inRegion('CN')} OR ${inRegion('US')}, false)`;
}

/**
 * SQL: collection on account `a` is stopped on the date `on` (SQL text): a hold or a suspension
 * (above). What shows an account still in collection as on hold (停催), everywhere it is shown.
 */
export function collectionStoppedSql(a: string, on: string): string {
  const account = accountSql(a, on);
  return `(${stoppedByHoldSql(account, on)} OR ${stoppedBySuspensionSql(account, on)})`;
}
