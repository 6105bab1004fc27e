import { searchForms } from '../domain/account-search.ts';
import { IN_COLLECTION, type ShownAccountStatus } from '../domain/account-status.ts';
import type { AccountScope } from '../app/authorization.ts';
import { usRegionName } from '../domain/import/person-us.ts';
import { collectionStoppedSql } from './collection-stopped.ts';
import type { Queryable } from './pool.ts';

/**
 * The date of the bank's last statement of account `a`'s balance parts: the file that restated
 * them (accounts.balance_stated_on), else its placement's date. SQL over an `accounts` row aliased `a`.
 */
export const STATED_ON_SQL = (a = 'a') =>
  `coalesce(${a}.balance_stated_on, (SELECT pl.placed_on FROM placements pl WHERE pl.creditor_id = ${a}.creditor_id AND pl.id = ${a}.placement_id))`;

/**
 * What the debtor has paid (net of reversals) since the bank's last statement of the balance: the
 * payments dated on or after STATED_ON_SQL, which the bank's figures do not reflect yet. The
 * balance now is the stated parts less this (never below zero); the validation notice, the
 * account page, the portal and a promise's limit all read it so.
 */
export const PAID_SINCE_STATEMENT_SQL = (a = 'a') =>
  `(SELECT coalesce(sum(p.amount_fen), 0) FROM payments p WHERE p.creditor_id = ${a}.creditor_id AND p.account_id = ${a}.id AND p.paid_on >= ${STATED_ON_SQL(a)})`;

/**
 * PAID_SINCE_STATEMENT_SQL for every account at once, as rows (creditor_id, account_id, fen): a
 * grouped read of the payments, for a query over all open accounts (the nightly strategy) where a
 * lookup per account would cost more. Accounts without payments since have no row.
 */
export const PAID_SINCE_STATEMENT_BY_ACCOUNT_SQL =
  `SELECT p.creditor_id, p.account_id, sum(p.amount_fen)::bigint AS fen
     FROM payments p JOIN accounts a ON a.creditor_id = p.creditor_id AND a.id = p.account_id
    WHERE p.paid_on >= ${STATED_ON_SQL('a')}
    GROUP BY p.creditor_id, p.account_id`;

/** The balance now (the statement less what was paid since, never below zero; nothing once settled) given the paid-since sum as SQL: domain/balance.ts's balanceNow. */
export const BALANCE_NOW_SQL = (a: string, paidSince: string) =>
  `(CASE WHEN ${a}.status = 'settled' THEN 0 ELSE greatest(0, ${a}.principal_fen + ${a}.interest_fen + ${a}.fees_fen - ${paidSince}) END)::bigint`;

/**
 * The balance parts now, as a lateral join `now` on account `a`: the bank's statement of each less
 * what the payments settled since were allocated to it (never below zero), and what was paid since
 * the statement, settled or not (`paid_since_fen`, as PAID_SINCE_STATEMENT_SQL), in one read of
 * the account's payments. What a settlement offer waives, a hardship plan spreads and the account page shows.
 */
export const PARTS_NOW_JOIN = (a = 'a') =>
  `CROSS JOIN LATERAL (SELECT ${PARTS_NOW(a).map(([name, sql]) => `${sql}::bigint AS ${name}`).join(', ')} ${PARTS_NOW_FROM(a)}) now`;

/** PARTS_NOW_JOIN's figures, each as its name and its aggregate over PARTS_NOW_FROM's payments. */
const PARTS_NOW = (a: string): Array<[string, string]> => [
  ...(['principal', 'interest', 'fees'] as const).map((part): [string, string] =>
    [`${part}_fen`, `greatest(0, ${a}.${part}_fen - coalesce(sum(p.to_${part}_fen) FILTER (WHERE p.settled_at IS NOT NULL), 0))`]),
  ['paid_since_fen', 'coalesce(sum(p.amount_fen), 0)'],
];
const PARTS_NOW_FROM = (a: string) =>
  `FROM payments p WHERE p.creditor_id = ${a}.creditor_id AND p.account_id = ${a}.id AND p.paid_on >= ${STATED_ON_SQL(a)}`;

export interface AccountListRow {
  id: number;
  creditor_id: number;
  creditor_code: string;
  creditor_name: string;
  /** The creditor's name in English (creditors.name_en); null: it has none. */
  creditor_name_en: string | null;
  account_no_mask: string;
  debtor_id: number;
  debtor_name: string;
  id_number_mask: string | null;
  phone_mask: string | null;
  region_code: string | null;
  region_name: string | null;
  /** The region's English name (regions.name_en; a US state's own). */
  region_name_en: string | null;
  product: string;
  /** The balance parts now (PARTS_NOW_JOIN: the bank's figures less what settled payments paid of each), as the account page shows them. */
  principal_fen: number;
  interest_fen: number;
  fees_fen: number;
  /** The bank's last statement of the balance, its parts' total. */
  stated_fen: number;
  /** What the debtor paid since that statement (PAID_SINCE_STATEMENT_SQL). */
  paid_since_statement_fen: number;
  /** The day of that statement (STATED_ON_SQL): the bank's figures count every payment before it. */
  balance_stated_on: string;
  first_delinquency_date: string;
  /**
   * As stored (findAccountInScope: what the use cases decide by); in a list (listAccounts,
   * listDebtorsAccounts) as shown: `on_hold` while its collection is stopped by a hold or a suspension (SHOWN_STATUS_SQL).
   */
  status: string;
  collector_name: string | null;
}

/**
 * SQL: the status account `a` is shown in on the date `on` (SQL text): `on_hold` (停催) while it is
 * still in collection and its collection is stopped (collectionStoppedSql: a hold that stops it,
 * as the compliance engine reads its dates, or a suspension over its region, creditor or itself),
 * else its stored status. The accounts list, its status filter, the account page, caller lookup
 * and the bank's account status file read it; nothing stores it (src/domain/account-status.ts).
 */
export const SHOWN_STATUS_SQL = (a: string, on: string) =>
  `(CASE WHEN ${a}.status IN (${IN_COLLECTION.map((st) => `'${st}'`).join(', ')}) AND ${collectionStoppedSql(a, on)} THEN 'on_hold' ELSE ${a}.status END)`;

/** SQL condition for a scope; `a` is accounts, `asg` the current assignment. */
function scopeCondition(scope: AccountScope, params: unknown[]): string {
  switch (scope.kind) {
    case 'all': return 'true';
    case 'collector': params.push(scope.userId); return `asg.collector_id = $${params.length}`;
    case 'team': params.push(scope.teamId); return `asg.team_id = $${params.length}`;
    case 'creditor': params.push(scope.creditorId); return `a.creditor_id = $${params.length}`;
  }
}

const FROM = `
  FROM accounts a
  JOIN creditors c ON c.id = a.creditor_id
  JOIN debtors d ON d.id = a.debtor_id
  LEFT JOIN assignments asg ON asg.creditor_id = a.creditor_id AND asg.account_id = a.id AND asg.ended_at IS NULL
  LEFT JOIN users u ON u.id = asg.collector_id
  LEFT JOIN regions r ON r.code = a.region_code`;

/**
 * PARTS_NOW_JOIN's figures for account `a` as one JSON value in a select list, where it is worked
 * out after an ORDER BY ... LIMIT for the rows shown only (as a join it would read the payments of
 * every account the list matches before sorting them).
 */
const PARTS_NOW_JSON = `(SELECT json_build_object(${PARTS_NOW('a').map(([name, sql]) => `'${name}', ${sql}`).join(', ')}) ${PARTS_NOW_FROM('a')})`;

/** The list's columns, the status given by `status` (SQL). */
const selectSql = (status: string) => `a.id, a.creditor_id, c.code AS creditor_code, c.name AS creditor_name, c.name_en AS creditor_name_en, a.account_no_mask,
  a.debtor_id, d.name AS debtor_name, d.id_number_mask,
  (SELECT cp.value_mask FROM contact_points cp WHERE cp.debtor_id = a.debtor_id AND cp.kind = 'phone'
     AND cp.owner = 'debtor' AND cp.verified <> 'invalid' ORDER BY cp.id LIMIT 1) AS phone_mask,
  a.region_code, r.name AS region_name, r.name_en AS region_name_en, a.product, ${PARTS_NOW_JSON} AS parts_now,
  (a.principal_fen + a.interest_fen + a.fees_fen)::bigint AS stated_fen,
  to_char(${STATED_ON_SQL()}, 'YYYY-MM-DD') AS balance_stated_on, a.first_delinquency_date, ${status} AS status, u.display_name AS collector_name`;
const SELECT = selectSql('a.status');


type ListedRow = Omit<AccountListRow, 'principal_fen' | 'interest_fen' | 'fees_fen' | 'paid_since_statement_fen'>
  & { parts_now: { principal_fen: number; interest_fen: number; fees_fen: number; paid_since_fen: number } };

/** A listed row with its parts now in their columns, and a US state's name where the regions table has none (it is GB/T 2260's). */
function listed({ parts_now: now, ...row }: ListedRow): AccountListRow {
  const named = row.region_name === null && row.region_code ? { region_name: usRegionName(row.region_code), region_name_en: usRegionName(row.region_code) } : {};
  return { ...row, ...named, principal_fen: now.principal_fen, interest_fen: now.interest_fen, fees_fen: now.fees_fen, paid_since_statement_fen: now.paid_since_fen };
}

export interface AccountQuery { scope: AccountScope; q?: string | undefined;
  /** The business date: a hold in force on it puts an account on hold. */
  today: string;
  /** Only the accounts shown in this status (SHOWN_STATUS_SQL: `on_hold` those on hold, `active` the active ones not on hold). */
  status?: ShownAccountStatus | undefined;
  /** Only the accounts of the placement (委案批次) with this batch reference. */
  placement?: string | undefined;
  /** Only the accounts this collector holds now, or (`none`) those no collector holds. */
  collector?: number | 'none' | undefined; limit: number; offset: number }

export async function listAccounts(db: Queryable, query: AccountQuery): Promise<{ total: number; rows: AccountListRow[] }> {
  const params: unknown[] = [];
  let where = scopeCondition(query.scope, params);
  if (query.q) {
    // A name (whole, its start: 王 finds 王芳, or from two characters on any part of it in any case:
    // wilson finds George Wilson) in either Chinese script, the whole account number (as typed, in
    // capitals, or ungrouped), or the account number's last four digits as the masked numbers show
    // them (****4538). Taken as text, never as a pattern.
    const forms = searchForms(query.q);
    const numbers = `$${params.push(forms.accountNos)}::text[]`;
    const names = `$${params.push(forms.names)}::text[]`;
    const anyPart = [...query.q.trim()].length >= 2 ? ' OR strpos(lower(d.name), lower(q.name)) > 0' : '';
    const lastFour = /^\d{4}$/.test(query.q) ? ` OR right(a.account_no, 4) = $${params.push(query.q)}` : '';
    where += ` AND (a.account_no = ANY (${numbers}) OR EXISTS (SELECT 1 FROM unnest(${names}) AS q(name)`
      + ` WHERE d.name = q.name OR starts_with(d.name, q.name)${anyPart})${lastFour})`;
  }
  // The business date as a parameter, added the first time a query needs it (an unused one is refused).
  let onDate: string | undefined;
  const today = () => (onDate ??= `$${params.push(query.today)}::date`);
  if (query.status) {
    const held = query.status === 'on_hold';
    // The stored statuses that may show as asked first (every one in collection for on_hold), then the holds and suspensions decide.
    params.push(held ? IN_COLLECTION : [query.status]);
    where += ` AND a.status = ANY ($${params.length}::text[])`;
    if (held || (IN_COLLECTION as readonly string[]).includes(query.status)) {
      const shown = SHOWN_STATUS_SQL('a', today());
      params.push(query.status);
      where += ` AND ${shown} = $${params.length}`;
    }
  }
  if (query.placement) {
    params.push(query.placement);
    where += ` AND (a.creditor_id, a.placement_id) IN (SELECT creditor_id, id FROM placements WHERE batch_ref = $${params.length})`;
  }
  if (query.collector === 'none') where += ' AND asg.collector_id IS NULL';
  else if (query.collector !== undefined) where += ` AND asg.collector_id = $${params.push(query.collector)}`;
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n ${FROM} WHERE ${where}`, params);
  const select = selectSql(SHOWN_STATUS_SQL('a', today()));
  params.push(query.limit, query.offset);
  const { rows } = await db.query<ListedRow>(
    `SELECT ${select} ${FROM} WHERE ${where}
      ORDER BY a.first_delinquency_date, a.id LIMIT $${params.length - 1} OFFSET $${params.length}`, params);
  return { total: total.rows[0]!.n, rows: rows.map(listed) };
}

export async function findAccountInScope(db: Queryable, scope: AccountScope, accountId: number): Promise<AccountListRow | undefined> {
  const params: unknown[] = [];
  const where = scopeCondition(scope, params);
  params.push(accountId);
  // Named per kind of scope (the text depends on nothing else): every contact logged runs it.
  const { rows } = await db.query<ListedRow>({ name: `account-in-scope-${scope.kind}`,
    text: `SELECT ${SELECT} ${FROM} WHERE ${where} AND a.id = $${params.length}`, values: params });
  return rows[0] === undefined ? undefined : listed(rows[0]);
}

/**
 * The account when it is in the scope, with its row and its debtor's row locked (account
 * first, as every change to an account does) for a change about to be made: logging a contact
 * is counted against the debtor's other contacts one at a time.
 */
export async function lockAccountInScope(db: Queryable, scope: AccountScope, accountId: number):
  Promise<{ id: number; creditor_id: number; debtor_id: number; version: number } | undefined> {
  const params: unknown[] = [];
  const where = scopeCondition(scope, params);
  params.push(accountId);
  const { rows } = await db.query<{ id: number; creditor_id: number; debtor_id: number; version: number }>({ name: `account-lock-in-scope-${scope.kind}`,
    text: `SELECT a.id, a.creditor_id, a.debtor_id, a.version FROM accounts a
             JOIN debtors d ON d.id = a.debtor_id
             LEFT JOIN assignments asg ON asg.creditor_id = a.creditor_id AND asg.account_id = a.id AND asg.ended_at IS NULL
            WHERE ${where} AND a.id = $${params.length}
              FOR UPDATE OF a, d`, values: params });
  return rows[0];
}

export interface EncryptedPii {
  id_number_enc: Buffer | null;
  contact_points: Array<{ id: number; kind: string; owner: string; third_party_name: string | null; relation: string | null;
    verified: string; value_enc: Buffer }>;
}

export async function loadDebtorPii(db: Queryable, debtorId: number): Promise<EncryptedPii> {
  const debtor = await db.query<{ id_number_enc: Buffer | null }>('SELECT id_number_enc FROM debtors WHERE id = $1', [debtorId]);
  const points = await db.query<EncryptedPii['contact_points'][number]>(
    `SELECT id, kind, owner, third_party_name, relation, verified, value_enc
       FROM contact_points WHERE debtor_id = $1 ORDER BY id`, [debtorId]);
  return { id_number_enc: debtor.rows[0]?.id_number_enc ?? null, contact_points: points.rows };
}

/** A phone number's owners, found by its keyed hash: the debtor's own first, then third parties. Erased ones are gone. */
export interface CallerPoint { contact_point_id: number | null; debtor_id: number; owner: 'debtor' | 'third_party'; third_party_name: string | null; relation: string | null }

export async function findPhoneOwners(db: Queryable, phoneHash: Buffer): Promise<CallerPoint[]> {
  const { rows } = await db.query<CallerPoint>({ name: 'caller-phone-owners', text:
    `SELECT cp.id AS contact_point_id, cp.debtor_id, cp.owner, cp.third_party_name, cp.relation
       FROM contact_points cp JOIN debtors d ON d.id = cp.debtor_id
      WHERE cp.kind = 'phone' AND cp.value_hash = $1 AND cp.erased_at IS NULL AND d.erased_at IS NULL
      ORDER BY cp.owner = 'debtor' DESC, cp.id LIMIT 20`, values: [phoneHash] });
  return rows;
}

export async function findDebtorByIdNumber(db: Queryable, idNumberHash: Buffer): Promise<number | undefined> {
  const { rows } = await db.query<{ id: number }>('SELECT id FROM debtors WHERE id_number_hash = $1 AND erased_at IS NULL', [idNumberHash]);
  return rows[0]?.id;
}

/**
 * The debtors (not erased) whose account at any creditor has this account number: one, but two
 * banks may number accounts alike. By creditor, so each creditor's (creditor, account number) key is used.
 */
export async function findDebtorsByAccountNo(db: Queryable, accountNo: string): Promise<number[]> {
  const { rows } = await db.query<{ debtor_id: number }>(
    `SELECT DISTINCT a.debtor_id FROM creditors c JOIN accounts a ON a.creditor_id = c.id AND a.account_no = $1
       JOIN debtors d ON d.id = a.debtor_id AND d.erased_at IS NULL ORDER BY a.debtor_id`, [accountNo]);
  return rows.map((r) => Number(r.debtor_id));
}

/** The debtors' accounts in the scope, the ones still being worked first, each in the status shown on `today` (SHOWN_STATUS_SQL). */
export async function listDebtorsAccounts(db: Queryable, scope: AccountScope, debtorIds: readonly number[], today: string): Promise<AccountListRow[]> {
  const params: unknown[] = [];
  const where = scopeCondition(scope, params);
  params.push(debtorIds, today);
  const { rows } = await db.query<ListedRow>(
    `SELECT ${selectSql(SHOWN_STATUS_SQL('a', `$${params.length}::date`))} ${FROM} WHERE ${where} AND a.debtor_id = ANY ($${params.length - 1}::bigint[])
      ORDER BY a.status IN ('paid', 'settled', 'recalled', 'closed'), a.first_delinquency_date, a.id`, params);
  return rows.map(listed);
}

/** How many of the debtors' accounts (recalled ones left out) are outside the scope, per debtor and collector holding them. */
export async function countDebtorsAccountsElsewhere(db: Queryable, scope: AccountScope, debtorIds: readonly number[]):
  Promise<Array<{ debtor_id: number; collector_name: string | null; accounts: number }>> {
  const params: unknown[] = [];
  const where = scopeCondition(scope, params);
  params.push(debtorIds);
  const { rows } = await db.query<{ debtor_id: number; collector_name: string | null; accounts: number }>(
    `SELECT a.debtor_id, u.display_name AS collector_name, count(*)::int AS accounts
       FROM accounts a
       LEFT JOIN assignments asg ON asg.creditor_id = a.creditor_id AND asg.account_id = a.id AND asg.ended_at IS NULL
       LEFT JOIN users u ON u.id = asg.collector_id
      WHERE a.debtor_id = ANY ($${params.length}::bigint[]) AND a.status <> 'recalled' AND NOT coalesce(${where}, false)
      GROUP BY a.debtor_id, u.display_name ORDER BY a.debtor_id, count(*) DESC, u.display_name`, params);
  return rows;
}
