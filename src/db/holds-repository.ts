import { FLAG_NAMES, holdStopsCollection } from '../domain/compliance/index.ts';
import { accountSql, holdStopsSql } from './collection-stopped.ts';
import { DEFAULT_GRACE_DAYS as DEFAULT_PROMISE_GRACE_DAYS } from '../domain/promises/evaluate.ts';
import { currencyMark, currencyOfPack } from '../domain/money.ts';
import { packInForceSql } from './contracts-repository.ts';
import type { Queryable } from './pool.ts';

export interface HoldRow {
  id: number; debtor_id: number; creditor_id: number | null; account_id: number | null; kind: string; reason: string;
  /** The creditor whose account it was placed from (a debtor-wide one too); null: the debtor's own, or no one creditor's. */
  placed_from_creditor_id: number | null;
  set_by: number | null; set_by_name: string | null; set_at: Date; starts_on: string; ends_on: string | null;
  released_at: Date | null; released_by: number | null; released_reason: string | null;
}

const SELECT = `SELECT h.id, h.debtor_id, h.creditor_id, h.account_id, h.kind, h.reason, h.placed_from_creditor_id, h.set_by, u.display_name AS set_by_name,
  h.set_at, h.starts_on, h.ends_on, h.released_at, h.released_by, h.released_reason
  FROM holds h LEFT JOIN users u ON u.id = h.set_by`;

/**
 * The kinds of the holds that stop collection on the given accounts on `today`, by account
 * (holdStopsSql: what the engine stops for; never `vulnerable`, never a moratorium past its
 * statutory end): what the debtor's portal says collection is paused for, and what refuses a promise.
 */
export async function stoppingHoldKinds(db: Queryable, accountIds: readonly number[], today: string): Promise<Array<{ account_id: number; kind: string }>> {
  if (accountIds.length === 0) return [];
  const { rows } = await db.query<{ account_id: string; kind: string }>(
    `SELECT DISTINCT a.id AS account_id, h.kind FROM accounts a JOIN holds h ON h.debtor_id = a.debtor_id
      WHERE a.id = ANY ($1::bigint[]) AND ${holdStopsSql('h', accountSql('a', '$2::date'), '$2::date')}
      ORDER BY 1, 2`, [accountIds, today]);
  return rows.map((r) => ({ account_id: Number(r.account_id), kind: r.kind }));
}

/**
 * Puts a hold in the record, and, when its kind stops collection (every kind but `vulnerable`),
 * ends the open promises (承诺还款) of the accounts it covers that it overlaps: all of them when it
 * is in force from `today` or earlier; from a later start, those whose window (due date + the
 * contract's grace) reaches it. Each is cancelled with the hold as its reason, and a `promised`
 * account goes back to `active`. Every path that places a hold comes through here, so no promise
 * is later counted broken against a debtor for a time when collection had stopped.
 */
export async function insertHold(db: Queryable, hold: { debtorId: number; creditorId: number | null; accountId: number | null;
  /** The creditor whose account it was placed from, when it covers the debtor's every account (`creditorId` null); else `creditorId`. */
  placedFrom?: number | null;
  kind: string; reason: string; setBy: number | null; startsOn: string; endsOn: string | null;
  /** When it was set, on the product's clock (ctx.now(): a training or demo server may run apart from the database's). */
  at: Date }, today: string = hold.startsOn): Promise<number> {
  const { rows } = await db.query<{ id: number; set_at: Date }>(
    `INSERT INTO holds (debtor_id, creditor_id, account_id, kind, reason, set_by, starts_on, ends_on, set_at, placed_from_creditor_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id, set_at`,
    [hold.debtorId, hold.creditorId, hold.accountId, hold.kind, hold.reason, hold.setBy, hold.startsOn, hold.endsOn, hold.at, hold.placedFrom ?? hold.creditorId]);
  const { id, set_at: setAt } = rows[0]!;
  if (holdStopsCollection(hold.kind)) await endPromisesUnderHold(db, { holdId: id, debtorId: hold.debtorId, accountId: hold.accountId, kind: hold.kind, startsOn: hold.startsOn, today, at: setAt });
  return id;
}

/** The debtor's open hold of a kind (debtor-wide), if any. */
export async function findOpenDebtorHold(db: Queryable, debtorId: number, kind: string): Promise<number | undefined> {
  return (await db.query<{ id: number }>(`SELECT id FROM holds WHERE debtor_id = $1 AND account_id IS NULL AND kind = $2 AND released_at IS NULL LIMIT 1`,
    [debtorId, kind])).rows[0]?.id;
}

/** An open hold of a kind on the account itself (not a debtor-wide one), if any. */
export async function findOpenAccountHold(db: Queryable, accountId: number, kind: string): Promise<number | undefined> {
  return (await db.query<{ id: number }>(`SELECT id FROM holds WHERE account_id = $1 AND kind = $2 AND released_at IS NULL ORDER BY id LIMIT 1`,
    [accountId, kind])).rows[0]?.id;
}

/**
 * An open hold of a kind on the account that no case holds yet (placed as the debtor said it on a
 * call, or by hand), locked: what the case opened for it takes as its own.
 */
export async function lockUnclaimedAccountHold(db: Queryable, accountId: number, kind: string): Promise<number | undefined> {
  return (await db.query<{ id: number }>(
    `SELECT h.id FROM holds h WHERE h.account_id = $1 AND h.kind = $2 AND h.released_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM complaints c WHERE c.hold_id = h.id)
      ORDER BY h.id LIMIT 1 FOR UPDATE`, [accountId, kind])).rows[0]?.id;
}

/**
 * SQL for the last day a payment still counts for promise `p` (its due date plus the grace of the
 * creditor's contract in force on `onDate`, or the default), as src/domain/promises/evaluate.ts has it.
 */
export function promiseWindowEndSql(p: string, onDate: string): string {
  return `(${p}.due_date + coalesce(
    (SELECT CASE WHEN g ~ '^[0-9]{1,3}$' THEN g::int END
       FROM contracts k, coalesce(k.terms->>'promise_grace_days', k.terms->>'grace_days') AS g
      WHERE k.creditor_id = ${p}.creditor_id AND k.effective_from <= ${onDate} ORDER BY k.effective_from DESC, k.version DESC LIMIT 1),
    ${DEFAULT_PROMISE_GRACE_DAYS}))`;
}

/** SQL naming a hold kind (the text expression `kind`) in Chinese, as the screens do (FLAG_NAMES); an unknown kind as stored. */
export function HOLD_KIND_ZH_SQL(kind: string): string {
  const q = (text: string) => `'${text.replace(/'/g, "''")}'`;
  return `(CASE ${kind}::text ${Object.entries(FLAG_NAMES).map(([k, v]) => `WHEN ${q(k)} THEN ${q(v.zh)}`).join(' ')} ELSE ${kind}::text END)`;
}

/** SQL naming a hold kind in English as the screens do (FLAG_NAMES: "represented by an attorney"); an unknown kind as stored, its _ as spaces. */
export function HOLD_KIND_EN_SQL(kind: string): string {
  const q = (text: string) => `'${text.replace(/'/g, "''")}'`;
  return `(CASE ${kind}::text ${Object.entries(FLAG_NAMES).map(([k, v]) => `WHEN ${q(k)} THEN ${q(v.en)}`).join(' ')} ELSE replace(${kind}::text, '_', ' ') END)`;
}

/** What an `ended` CTE over promises returns for tellPromiseHolders. */
export const ENDED_PROMISE_COLUMNS = 'p.creditor_id, p.account_id, p.amount_fen, p.due_date, coalesce(p.owner_id, p.taken_by) AS holder';

/** SQL: the mark before an amount (currencyMark) owed under the pack `pack` (SQL text), in the locale. */
function currencyMarkSql(pack: string, locale: 'zh-CN' | 'en'): string {
  const mark = (p: string) => `'${currencyMark(currencyOfPack(p), locale)}'`;
  return `(CASE ${pack} WHEN 'US' THEN ${mark('US')} WHEN 'UK' THEN ${mark('UK')} ELSE ${mark('CN')} END)`;
}

/**
 * SQL closing a statement whose `ended` CTE cancelled promises: tells the collector holding each
 * (notification `promise_ended`) which promise ended and why (`why`: SQL text expressions, in
 * English and in Chinese), so a promise does not vanish from their work unexplained. `at`: when,
 * as SQL (a parameter holding the product's clock, which a training or demo server sets apart
 * from the database's); the amount is in the currency of the creditor's contract then.
 */
export function tellPromiseHolders(why: { en: string; zh: string }, at: string): string {
  const pack = packInForceSql('e.creditor_id', `(${at})::date`);
  const amount = (locale: 'zh-CN' | 'en') => `${currencyMarkSql(pack, locale)} || to_char(e.amount_fen / 100.0, 'FM999,999,999,990.00')`;
  return `INSERT INTO notifications (creditor_id, account_id, audience, user_id, kind, message, message_zh, created_at)
     SELECT e.creditor_id, e.account_id, 'collector', e.holder, 'promise_ended',
            format('Promise on %s (%s by %s) ended by %s: collection is stopped, so it will not be counted broken',
                   a.account_no_mask, ${amount('en')}, e.due_date, ${why.en}),
            format('账户 %s 的承诺还款（%s，%s 前）因%s而结束：催收已停止，不计为违约',
                   a.account_no_mask, ${amount('zh-CN')}, e.due_date, ${why.zh}),
            ${at}
       FROM ended e JOIN accounts a ON a.creditor_id = e.creditor_id AND a.id = e.account_id
      WHERE e.holder IS NOT NULL`;
}

async function endPromisesUnderHold(db: Queryable, h: { holdId: number; debtorId: number; accountId: number | null; kind: string; startsOn: string; today: string; at: Date }): Promise<void> {
  await db.query(
    `WITH ended AS (
       UPDATE promises p SET status = 'cancelled', resolved_at = $7, cancel_reason = 'hold:' || $4, cancelled_by_hold = $1
         FROM accounts a
        WHERE p.creditor_id = a.creditor_id AND p.account_id = a.id AND p.status = 'open'
          AND a.debtor_id = $2 AND ($3::bigint IS NULL OR a.id = $3)
          AND ($5::date <= $6::date OR ${promiseWindowEndSql('p', '$6::date')} >= $5::date)
       RETURNING ${ENDED_PROMISE_COLUMNS}),
     returned AS (
       UPDATE accounts a SET status = 'active', version = a.version + 1, updated_at = $7
         FROM ended e WHERE a.creditor_id = e.creditor_id AND a.id = e.account_id AND a.status = 'promised')
     ${tellPromiseHolders({ en: `'a hold (' || ${HOLD_KIND_EN_SQL('$4')} || ')'`, zh: `${HOLD_KIND_ZH_SQL('$4')} || '停催'` }, '$7::timestamptz')}`,
    [h.holdId, h.debtorId, h.accountId, h.kind, h.startsOn, h.today, h.at]);
}

export async function findHold(db: Queryable, id: number): Promise<HoldRow | undefined> {
  return (await db.query<HoldRow>(`${SELECT} WHERE h.id = $1`, [id])).rows[0];
}

/** Holds that bear on an account: its own and its debtor's debtor-wide ones. */
export async function listHoldsForAccount(db: Queryable, accountId: number, debtorId: number): Promise<HoldRow[]> {
  return (await db.query<HoldRow>(`${SELECT} WHERE h.debtor_id = $1 AND (h.account_id IS NULL OR h.account_id = $2) ORDER BY h.id`,
    [debtorId, accountId])).rows;
}

export async function releaseHoldRow(db: Queryable, id: number, by: number | null, reason: string, at: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE holds SET released_at = $2, released_by = $3, released_reason = $4 WHERE id = $1 AND released_at IS NULL',
    [id, at, by, reason]);
  return (rowCount ?? 0) > 0;
}

/**
 * The open case a hold belongs to, if any: a dispute waiting for the creditor's verification (or,
 * under a US contract, verified but its verification letter not yet mailed), an open complaint,
 * or a hardship application waiting for a decision. Such a hold ends with its case, never on its own.
 * `date`: the agency's business date, whose contract says whether the creditor's is a US one.
 */
export async function openCaseOfHold(db: Queryable, holdId: number, date: string): Promise<{ kind: 'dispute' | 'complaint' | 'hardship_application'; id: number } | null> {
  const { rows } = await db.query<{ kind: 'dispute' | 'complaint' | 'hardship_application'; id: number }>(
    `SELECT kind, id FROM complaints WHERE hold_id = $1
        AND (status = 'open' OR (kind = 'dispute' AND status = 'verified' AND verification_sent_on IS NULL
             AND ${packInForceSql('complaints.creditor_id', '$2::date')} = 'US'))
     UNION ALL
     SELECT 'hardship_application', id FROM hardship_applications WHERE hold_id = $1 AND status IN ('submitted', 'info_requested')
     LIMIT 1`, [holdId, date]);
  return rows[0] ?? null;
}
