/**
 * All SQL on payments and their settlement (allocation, credit, commission): docs/money.md.
 * Settlement writes each payment's columns once, in the transaction that recorded it.
 */
import { IN_COLLECTION } from '../domain/account-status.ts';
import { PAID_SINCE_STATEMENT_SQL } from './accounts-repository.ts';
import { mandateEndSql } from './placements-repository.ts';
import type { Queryable } from './pool.ts';

export interface PaymentToSettle {
  id: number; creditor_id: number; account_id: number; amount_fen: number; paid_on: string; reverses_id: number | null;
}

/** Payments not settled yet, by id or by creditor (optionally one import batch, or up to a date). */
export async function unsettledPayments(db: Queryable, filter: { ids?: readonly number[]; creditorId?: number; batchId?: number; upTo?: string }):
  Promise<PaymentToSettle[]> {
  const { rows } = await db.query<PaymentToSettle>(
    `SELECT id, creditor_id, account_id, amount_fen, paid_on, reverses_id FROM payments
      WHERE settled_at IS NULL AND ($1::bigint[] IS NULL OR id = ANY($1::bigint[])) AND ($2::bigint IS NULL OR creditor_id = $2)
        AND ($3::bigint IS NULL OR batch_id = $3) AND ($4::date IS NULL OR paid_on <= $4)
      ORDER BY paid_on, id`,
    [filter.ids ?? null, filter.creditorId ?? null, filter.batchId ?? null, filter.upTo ?? null]);
  return rows;
}

export interface AccountSettlementFacts {
  account_id: number; creditor_id: number; fees_fen: number; interest_fen: number; principal_fen: number;
  placed_on: string; first_delinquency_date: string; recalled_on: string | null;
  /** The last day of the account's mandate: its placement's (an extension moves it), or the later day it was kept until (留案). */
  mandate_ends_on: string;
  /**
   * The balance parts the arrangement in force gives up (an active instalment plan's `waive`, or an
   * agreed settlement's discounted parts): a payment under it goes to the others first.
   */
  waived: string[];
  /** Net allocations of the account's settled payments. */
  paid_fees: number; paid_interest: number; paid_principal: number;
  /**
   * The date of the bank's last statement of the balance parts: the file that restated them
   * (accounts.balance_stated_on) or placed the account. Payments dated before it are in those parts already.
   */
  stated_on: string;
  /** Net allocations of the settled payments dated on or after `stated_on`: what comes off the stated parts. */
  since_fees: number; since_interest: number; since_principal: number;
}

export async function accountSettlementFacts(db: Queryable, creditorId: number, accountIds: readonly number[]): Promise<AccountSettlementFacts[]> {
  const { rows } = await db.query<AccountSettlementFacts>(
    `SELECT a.id AS account_id, a.creditor_id, a.fees_fen, a.interest_fen, a.principal_fen, pl.placed_on, ${mandateEndSql()} AS mandate_ends_on, a.first_delinquency_date,
            a.recalled_on, coalesce(s.fees, 0)::bigint AS paid_fees, coalesce(s.interest, 0)::bigint AS paid_interest,
            coalesce(s.principal, 0)::bigint AS paid_principal, to_char(st.stated_on, 'YYYY-MM-DD') AS stated_on,
            coalesce(s.since_fees, 0)::bigint AS since_fees, coalesce(s.since_interest, 0)::bigint AS since_interest,
            coalesce(s.since_principal, 0)::bigint AS since_principal,
            coalesce(
              (SELECT array(SELECT jsonb_array_elements_text(coalesce(ip.terms->'waive', '[]'))) FROM instalment_plans ip
                WHERE ip.creditor_id = a.creditor_id AND ip.account_id = a.id AND ip.status = 'active' ORDER BY ip.id DESC LIMIT 1),
              (SELECT array_remove(ARRAY[CASE WHEN w.fees_fen > 0 THEN 'fees' END, CASE WHEN w.interest_fen > 0 THEN 'interest' END,
                                         CASE WHEN w.principal_fen > 0 THEN 'principal' END], NULL)
                 FROM waivers w WHERE w.creditor_id = a.creditor_id AND w.account_id = a.id AND w.status = 'approved' ORDER BY w.id DESC LIMIT 1),
              '{}') AS waived
       FROM accounts a JOIN placements pl ON pl.creditor_id = a.creditor_id AND pl.id = a.placement_id
      -- The bank's last statement of the parts (STATED_ON_SQL, its placement already joined here).
      CROSS JOIN LATERAL (SELECT coalesce(a.balance_stated_on, pl.placed_on) AS stated_on) st
       LEFT JOIN LATERAL (SELECT sum(p.to_fees_fen) AS fees, sum(p.to_interest_fen) AS interest, sum(p.to_principal_fen) AS principal,
                                 sum(p.to_fees_fen) FILTER (WHERE p.paid_on >= st.stated_on) AS since_fees,
                                 sum(p.to_interest_fen) FILTER (WHERE p.paid_on >= st.stated_on) AS since_interest,
                                 sum(p.to_principal_fen) FILTER (WHERE p.paid_on >= st.stated_on) AS since_principal
                            FROM payments p WHERE p.creditor_id = a.creditor_id AND p.account_id = a.id
                             AND p.settled_at IS NOT NULL) s ON true
      WHERE a.creditor_id = $1 AND a.id = ANY($2::bigint[])`, [creditorId, accountIds]);
  return rows;
}

export interface StoredContract { version: number; effective_from: string; placement_days: number; pack: string; commission: unknown; terms: Record<string, unknown> }

export async function contractVersionsOf(db: Queryable, creditorId: number): Promise<StoredContract[]> {
  const { rows } = await db.query<StoredContract>(
    `SELECT version, effective_from, placement_days, pack, commission, terms FROM contracts WHERE creditor_id = $1 ORDER BY version`, [creditorId]);
  return rows;
}

export interface OpenPromiseFact { id: number; account_id: number; amount_fen: number; due_date: string; taken_on: string }

/** Open promises of the accounts, with the business date each was taken. */
export async function openPromisesOf(db: Queryable, creditorId: number, accountIds: readonly number[], zone: string): Promise<OpenPromiseFact[]> {
  const { rows } = await db.query<OpenPromiseFact>(
    `SELECT id, account_id, amount_fen, due_date, to_char((created_at AT TIME ZONE $3)::date, 'YYYY-MM-DD') AS taken_on
       FROM promises WHERE creditor_id = $1 AND account_id = ANY($2::bigint[]) AND status = 'open' ORDER BY id`,
    [creditorId, accountIds, zone]);
  return rows;
}

export interface SettledPaymentRow {
  id: number; amount_fen: number; to_fees_fen: number; to_interest_fen: number; to_principal_fen: number; collector_id: number | null;
  credit_basis: string | null; promise_id: number | null; placed_on: string | null; bucket_at_placement: string | null;
  contract_version: number | null; rate_bp: number; commission_fen: number; no_commission_reason: string | null; reverses_id: number | null;
}

export async function settledPayment(db: Queryable, creditorId: number, id: number): Promise<SettledPaymentRow | undefined> {
  const { rows } = await db.query<SettledPaymentRow>(
    `SELECT id, amount_fen, to_fees_fen, to_interest_fen, to_principal_fen, collector_id, credit_basis, promise_id, placed_on,
            bucket_at_placement, contract_version, rate_bp, commission_fen, no_commission_reason, reverses_id
       FROM payments WHERE creditor_id = $1 AND id = $2 AND settled_at IS NOT NULL`, [creditorId, id]);
  return rows[0];
}

export interface Settlement {
  id: number; fees: number; interest: number; principal: number; collectorId: number | null; basis: string; promiseId: number | null;
  placedOn: string; bucket: string; contractVersion: number | null; rateBp: number; commissionFen: number; reason: string | null;
}

/** Writes the settlements in one statement. */
export async function writeSettlements(db: Queryable, creditorId: number, s: readonly Settlement[], at: Date): Promise<void> {
  if (s.length === 0) return;
  await db.query(
    `UPDATE payments p SET settled_at = $2, to_fees_fen = v.fees, to_interest_fen = v.interest, to_principal_fen = v.principal,
            collector_id = v.collector_id, credit_basis = v.basis, promise_id = v.promise_id, placed_on = v.placed_on,
            bucket_at_placement = v.bucket, contract_version = v.contract_version, rate_bp = v.rate_bp, commission_fen = v.commission,
            no_commission_reason = v.reason
       FROM unnest($3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[], $8::text[], $9::bigint[], $10::date[],
                   $11::text[], $12::int[], $13::int[], $14::bigint[], $15::text[])
            AS v (id, fees, interest, principal, collector_id, basis, promise_id, placed_on, bucket, contract_version, rate_bp, commission, reason)
      WHERE p.creditor_id = $1 AND p.id = v.id AND p.settled_at IS NULL`,
    [creditorId, at, s.map((x) => x.id), s.map((x) => x.fees), s.map((x) => x.interest), s.map((x) => x.principal),
      s.map((x) => x.collectorId), s.map((x) => x.basis), s.map((x) => x.promiseId), s.map((x) => x.placedOn), s.map((x) => x.bucket),
      s.map((x) => x.contractVersion), s.map((x) => x.rateBp), s.map((x) => x.commissionFen), s.map((x) => x.reason)]);
}

/**
 * The matched promises that the money now covers become kept at once (the same rule as the
 * strategy run: payments from the day taken to due date + grace count; full -> kept). Partly
 * kept and broken are decided when the window closes, by the strategy run.
 */
export async function keepCoveredPromises(db: Queryable, creditorId: number, promises: readonly { id: number; windowEnd: string }[], at: Date, zone: string): Promise<number[]> {
  if (promises.length === 0) return [];
  const { rows } = await db.query<{ id: number }>(
    `WITH w AS (SELECT * FROM unnest($2::bigint[], $3::date[]) AS w (id, window_end)),
     covered AS (
       SELECT p.id, p.account_id FROM promises p JOIN w ON w.id = p.id
        WHERE p.creditor_id = $1 AND p.status = 'open'
          AND (SELECT coalesce(sum(y.amount_fen), 0) FROM payments y WHERE y.creditor_id = p.creditor_id AND y.account_id = p.account_id
                 AND y.paid_on >= (p.created_at AT TIME ZONE $5)::date AND y.paid_on <= w.window_end) >= p.amount_fen),
     kept AS (UPDATE promises p SET status = 'kept', resolved_at = $4 FROM covered c WHERE p.creditor_id = $1 AND p.id = c.id RETURNING p.id, p.account_id),
     returned AS (UPDATE accounts a SET status = 'active', version = a.version + 1, updated_at = $4
                    FROM kept k WHERE a.creditor_id = $1 AND a.id = k.account_id AND a.status = 'promised' RETURNING a.id)
     SELECT id FROM kept`,
    [creditorId, promises.map((p) => p.id), promises.map((p) => p.windowEnd), at, zone]);
  return rows.map((r) => r.id);
}

/** The account statuses still in collection that a payment in full finishes (an instalment plan is finished by its own evaluation). */
const PAYABLE_STATUSES = IN_COLLECTION.filter((status) => status !== 'in_plan');

export interface PaidInFullChange { account_id: number; from_status: string; to_status: 'paid' | 'active'; stated_fen: number; paid_since_fen: number }

/**
 * Paid in full (已结清): the accounts among `accountIds` still in collection whose payments since
 * the bank's last statement (PAID_SINCE_STATEMENT_SQL) cover it become 'paid'; an account made
 * 'paid' that a reversal among `reversedIds` leaves owing again returns to 'active'. Their open
 * promises a payment did not keep are cancelled ('paid_in_full'), and the collector holding each is
 * told (notification `account_paid` or `account_reopened`). Returns what changed, in id order.
 */
export async function finishPaidAccounts(db: Queryable, creditorId: number, accountIds: readonly number[], reversedIds: readonly number[], at: Date,
  marks: { en: string; zh: string }): Promise<PaidInFullChange[]> {
  if (accountIds.length === 0) return [];
  const { rows } = await db.query<PaidInFullChange>(
    `WITH facts AS (
       SELECT a.id, a.status, (a.principal_fen + a.interest_fen + a.fees_fen)::bigint AS stated_fen, ${PAID_SINCE_STATEMENT_SQL()}::bigint AS paid_since_fen
         FROM unnest($2::bigint[]) AS x(id) JOIN accounts a ON a.creditor_id = $1 AND a.id = x.id
     ), changed AS (
       UPDATE accounts a SET status = CASE WHEN f.status = 'paid' THEN 'active' ELSE 'paid' END, version = a.version + 1, updated_at = $5
         FROM facts f
        WHERE a.creditor_id = $1 AND a.id = f.id
          AND ((f.status = ANY($4::text[]) AND f.paid_since_fen >= f.stated_fen)
            OR (f.status = 'paid' AND f.id = ANY($3::bigint[]) AND f.paid_since_fen < f.stated_fen))
       RETURNING a.id AS account_id, f.status AS from_status, a.status AS to_status, f.stated_fen, f.paid_since_fen, a.account_no_mask
     ), cancelled AS (
       UPDATE promises p SET status = 'cancelled', resolved_at = $5, cancel_reason = 'paid_in_full'
         FROM changed c WHERE c.to_status = 'paid' AND p.creditor_id = $1 AND p.account_id = c.account_id AND p.status = 'open'
     ), told AS (
       INSERT INTO notifications (creditor_id, account_id, audience, user_id, kind, message, message_zh, created_at)
       SELECT $1, c.account_id, 'collector', s.collector_id, CASE WHEN c.to_status = 'paid' THEN 'account_paid' ELSE 'account_reopened' END,
              CASE WHEN c.to_status = 'paid'
                   THEN format('Account %s is paid in full: %s paid since the bank''s figures of %s; collection has ended',
                               c.account_no_mask, $6 || to_char(c.paid_since_fen / 100.0, 'FM999,999,999,990.00'), $6 || to_char(c.stated_fen / 100.0, 'FM999,999,999,990.00'))
                   ELSE format('Account %s is owing again (%s) after a payment was reversed; it is back in collection',
                               c.account_no_mask, $6 || to_char((c.stated_fen - c.paid_since_fen) / 100.0, 'FM999,999,999,990.00')) END,
              CASE WHEN c.to_status = 'paid'
                   THEN format('账户 %s 已结清：银行对账金额 %s，之后已还 %s，催收结束',
                               c.account_no_mask, $7 || to_char(c.stated_fen / 100.0, 'FM999,999,999,990.00'), $7 || to_char(c.paid_since_fen / 100.0, 'FM999,999,999,990.00'))
                   ELSE format('账户 %s 因一笔还款被冲正，重新欠款 %s，已恢复催收',
                               c.account_no_mask, $7 || to_char((c.stated_fen - c.paid_since_fen) / 100.0, 'FM999,999,999,990.00')) END,
              $5
         FROM changed c JOIN assignments s ON s.creditor_id = $1 AND s.account_id = c.account_id AND s.ended_at IS NULL
     )
     SELECT account_id, from_status, to_status, stated_fen, paid_since_fen FROM changed ORDER BY account_id`,
    [creditorId, accountIds, reversedIds, PAYABLE_STATUSES, at, marks.en, marks.zh]);
  return rows;
}

export async function insertPayment(db: Queryable, p: {
  creditorId: number; accountId: number; txnId: string; amountFen: number; paidOn: string; source: 'staff' | 'reversal';
  recordedBy: number | null; reversesId?: number | null; reversalReason?: string | null;
}): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO payments (creditor_id, account_id, txn_id, amount_fen, paid_on, source, recorded_by, reverses_id, reversal_reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [p.creditorId, p.accountId, p.txnId, p.amountFen, p.paidOn, p.source, p.recordedBy, p.reversesId ?? null, p.reversalReason ?? null]);
  return rows[0]!.id;
}

export async function txnExists(db: Queryable, creditorId: number, txnId: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM payments WHERE creditor_id = $1 AND txn_id = $2', [creditorId, txnId]);
  return rows.length > 0;
}

export interface PaymentRow {
  id: number; creditor_id: number; account_id: number; account_no_mask: string; txn_id: string; amount_fen: number; paid_on: string;
  source: string; reverses_id: number | null; reversed_by: number | null; reversal_reason: string | null;
  to_fees_fen: number | null; to_interest_fen: number | null; to_principal_fen: number | null;
  collector_id: number | null; collector_name: string | null; credit_basis: string | null; promise_id: number | null;
  bucket_at_placement: string | null; rate_bp: number | null; commission_fen: number | null; no_commission_reason: string | null;
}

const PAYMENT_SELECT = `SELECT p.id, p.creditor_id, p.account_id, a.account_no_mask, p.txn_id, p.amount_fen, p.paid_on, p.source,
  p.reverses_id, r.id AS reversed_by, p.reversal_reason, p.to_fees_fen, p.to_interest_fen, p.to_principal_fen, p.collector_id,
  u.display_name AS collector_name, p.credit_basis, p.promise_id, p.bucket_at_placement, p.rate_bp, p.commission_fen, p.no_commission_reason
  FROM payments p JOIN accounts a ON a.creditor_id = p.creditor_id AND a.id = p.account_id
  LEFT JOIN payments r ON r.creditor_id = p.creditor_id AND r.reverses_id = p.id
  LEFT JOIN users u ON u.id = p.collector_id`;

export async function findPayment(db: Queryable, id: number): Promise<PaymentRow | undefined> {
  const { rows } = await db.query<PaymentRow>(`${PAYMENT_SELECT} WHERE p.id = $1`, [id]);
  return rows[0];
}

/** Lock a payment's row while it is reversed (two reversals of one payment cannot both pass). */
export async function lockPayment(db: Queryable, id: number): Promise<void> {
  await db.query('SELECT 1 FROM payments WHERE id = $1 FOR UPDATE', [id]);
}

export async function listAccountPayments(db: Queryable, creditorId: number, accountId: number): Promise<PaymentRow[]> {
  const { rows } = await db.query<PaymentRow>(`${PAYMENT_SELECT} WHERE p.creditor_id = $1 AND p.account_id = $2 ORDER BY p.paid_on DESC, p.id DESC`,
    [creditorId, accountId]);
  return rows;
}

/** An imported negative row: the latest payment of the account it may reverse (same magnitude, not reversed, not after it). */
export async function reversalTarget(db: Queryable, creditorId: number, accountId: number, amountFen: number, paidOn: string, excludeIds: readonly number[]): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT p.id FROM payments p
      WHERE p.creditor_id = $1 AND p.account_id = $2 AND p.amount_fen = $3 AND p.paid_on <= $4 AND p.reverses_id IS NULL
        AND p.settled_at IS NOT NULL AND NOT (p.id = ANY($5::bigint[]))
        AND NOT EXISTS (SELECT 1 FROM payments r WHERE r.creditor_id = p.creditor_id AND r.reverses_id = p.id)
      ORDER BY p.paid_on DESC, p.id DESC LIMIT 1`, [creditorId, accountId, -amountFen, paidOn, excludeIds]);
  return rows[0]?.id ?? null;
}

export async function linkReversal(db: Queryable, creditorId: number, id: number, reversesId: number): Promise<void> {
  await db.query(`UPDATE payments SET reverses_id = $3, reversal_reason = 'file' WHERE creditor_id = $1 AND id = $2 AND settled_at IS NULL`,
    [creditorId, id, reversesId]);
}


/** The latest payment date, on or after `from`, of the creditor's settled payments (their commission computed); null when none. */
export async function lastSettledPaymentOn(db: Queryable, creditorId: number, from: string): Promise<string | null> {
  const { rows } = await db.query<{ on: string | null }>(
    `SELECT to_char(max(paid_on), 'YYYY-MM-DD') AS on FROM payments WHERE creditor_id = $1 AND paid_on >= $2::date AND settled_at IS NOT NULL`, [creditorId, from]);
  return rows[0]?.on ?? null;
}
