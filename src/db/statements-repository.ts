/** All SQL on remittance statements (结算单) and the collector incentive report (docs/money.md). */
import type { StatementLine } from '../domain/statements/statement.ts';
import type { Queryable } from './pool.ts';

export interface StatementHeader {
  id: number; creditor_id: number; month: string; recovered_fen: number; commission_fen: number; net_due_fen: number;
  lines: number; issued_at: Date; issued_by: number | null;
}

export async function issuedStatement(db: Queryable, creditorId: number, month: string): Promise<StatementHeader | undefined> {
  const { rows } = await db.query<StatementHeader>(
    `SELECT id, creditor_id, to_char(month, 'YYYY-MM') AS month, recovered_fen, commission_fen, net_due_fen, lines, issued_at, issued_by
       FROM statements WHERE creditor_id = $1 AND month = $2::date`, [creditorId, month]);
  return rows[0];
}

const LINE_COLUMNS = `line_no, payment_id, kind, account_id, account_no_mask, txn_id, paid_on, amount_fen, bucket, rate_bp,
  commission_fen, collector_id, collector_name, reverses_id`;

export async function issuedLines(db: Queryable, creditorId: number, statementId: number): Promise<StatementLine[]> {
  const { rows } = await db.query<StatementLine>(
    `SELECT ${LINE_COLUMNS} FROM statement_lines WHERE creditor_id = $1 AND statement_id = $2 ORDER BY line_no`, [creditorId, statementId]);
  return rows;
}

/**
 * The lines a statement for [first, last] would carry now: settled entries dated in the month
 * that no issued statement carries, and, as adjustments, entries dated in an earlier month
 * whose statement is already issued (they came after it was frozen), plus reversals of
 * payments an issued statement carries.
 */
export async function draftLines(db: Queryable, creditorId: number, first: string, last: string): Promise<StatementLine[]> {
  const { rows } = await db.query<Omit<StatementLine, 'line_no'>>(
    `SELECT p.id AS payment_id,
            CASE WHEN p.paid_on < $2::date OR EXISTS (SELECT 1 FROM statement_lines o WHERE o.creditor_id = p.creditor_id AND o.payment_id = p.reverses_id)
                 THEN 'adjustment' ELSE 'payment' END AS kind,
            p.account_id, a.account_no_mask, p.txn_id, p.paid_on, p.amount_fen, p.bucket_at_placement AS bucket, p.rate_bp,
            p.commission_fen, p.collector_id, u.display_name AS collector_name, p.reverses_id
       FROM payments p JOIN accounts a ON a.creditor_id = p.creditor_id AND a.id = p.account_id
       LEFT JOIN users u ON u.id = p.collector_id
      WHERE p.id IN (
              -- the month's entries (index payments_month)
              SELECT m.id FROM payments m WHERE m.creditor_id = $1 AND m.paid_on BETWEEN $2::date AND $3::date
              UNION ALL
              -- earlier entries settled after the first statement was issued (index payments_settled):
              -- only those can belong to a frozen month without being on its statement (the hour
              -- covers a payment whose transaction committed just after an issue began)
              SELECT e.id FROM payments e WHERE e.creditor_id = $1 AND e.paid_on < $2::date
                 AND e.settled_at >= (SELECT min(s.issued_at) - interval '1 hour' FROM statements s WHERE s.creditor_id = $1)
                 AND EXISTS (SELECT 1 FROM statements s WHERE s.creditor_id = e.creditor_id AND s.month = date_trunc('month', e.paid_on)::date))
        AND p.creditor_id = $1 AND p.settled_at IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM statement_lines l WHERE l.creditor_id = p.creditor_id AND l.payment_id = p.id)
      ORDER BY p.paid_on, p.id`, [creditorId, first, last]);
  return rows.map((r, i) => ({ line_no: i + 1, ...r }));
}

export async function insertStatement(db: Queryable, s: {
  creditorId: number; month: string; recovered: number; commission: number; netDue: number; issuedAt: Date; issuedBy: number | null;
  lines: readonly StatementLine[];
}): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO statements (creditor_id, month, recovered_fen, commission_fen, net_due_fen, lines, issued_at, issued_by)
     VALUES ($1, $2::date, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [s.creditorId, s.month, s.recovered, s.commission, s.netDue, s.lines.length, s.issuedAt, s.issuedBy]);
  const id = rows[0]!.id;
  const l = s.lines;
  if (l.length > 0) {
    await db.query(
      `INSERT INTO statement_lines (creditor_id, statement_id, ${LINE_COLUMNS})
       SELECT $1, $2, * FROM unnest($3::int[], $4::bigint[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::date[], $10::bigint[],
                                    $11::text[], $12::int[], $13::bigint[], $14::bigint[], $15::text[], $16::bigint[])`,
      [s.creditorId, id, l.map((x) => x.line_no), l.map((x) => x.payment_id), l.map((x) => x.kind), l.map((x) => x.account_id),
        l.map((x) => x.account_no_mask), l.map((x) => x.txn_id), l.map((x) => x.paid_on), l.map((x) => x.amount_fen), l.map((x) => x.bucket),
        l.map((x) => x.rate_bp), l.map((x) => x.commission_fen), l.map((x) => x.collector_id), l.map((x) => x.collector_name), l.map((x) => x.reverses_id)]);
  }
  return id;
}

export interface IncentiveRow {
  collector_id: number; username: string; display_name: string; team_id: number | null;
  recovered_fen: number; commission_fen: number; payments: number; promises_kept: number; upheld_complaints: number;
  /** Accounts paid in full or settled (结清户数) whose last payment, in the month, was credited to them. */
  paid_off: number;
}

/**
 * Per collector for a month: money credited to them (net of reversals), the commission it
 * earned the agency, the promises they took that were kept in the month, the accounts a payment
 * credited to them in the month paid off (paid in full or settled), and complaints against them
 * upheld in the month. `collectorId` / `teamId` narrow it; `creditorId` too.
 */
export async function incentiveRows(db: Queryable, q: { first: string; last: string; zone: string; collectorId?: number | null;
  teamId?: number | null; creditorId?: number | null;
  /** Whose payments the amounts add (the creditors of one currency); null: every creditor's. */
  creditorIds?: readonly number[] | null }): Promise<IncentiveRow[]> {
  const { rows } = await db.query<IncentiveRow>(
    `WITH money AS (
       -- Payments counted as the recovery report counts them: the positive entries (a reversal is no payment).
       SELECT p.collector_id, sum(p.amount_fen)::bigint AS recovered_fen, sum(p.commission_fen)::bigint AS commission_fen,
              count(*) FILTER (WHERE p.amount_fen > 0)::int AS payments
         FROM payments p WHERE p.settled_at IS NOT NULL AND p.collector_id IS NOT NULL AND p.paid_on BETWEEN $1::date AND $2::date
          AND ($6::bigint IS NULL OR p.creditor_id = $6) AND ($7::bigint[] IS NULL OR p.creditor_id = ANY($7::bigint[])) GROUP BY p.collector_id),
     kept AS (
       SELECT coalesce(pr.taken_by, pr.owner_id) AS collector_id, count(*)::int AS n FROM promises pr
        WHERE pr.status = 'kept' AND (pr.resolved_at AT TIME ZONE $3)::date BETWEEN $1::date AND $2::date
          AND ($6::bigint IS NULL OR pr.creditor_id = $6) AND ($7::bigint[] IS NULL OR pr.creditor_id = ANY($7::bigint[])) GROUP BY 1),
     -- Accounts finished (paid in full or settled) by a last payment in the month: counted for whoever it was credited to.
     paid_off AS (
       SELECT l.collector_id, count(*)::int AS n FROM (
         SELECT DISTINCT ON (p.creditor_id, p.account_id) p.collector_id, p.paid_on
           FROM payments p JOIN accounts a ON a.creditor_id = p.creditor_id AND a.id = p.account_id
          WHERE a.status IN ('paid', 'settled') AND p.amount_fen > 0 AND p.settled_at IS NOT NULL
            -- An account whose last payment fell before the month has none from its first day: it drops out here, unread.
            AND p.paid_on >= $1::date
            AND ($6::bigint IS NULL OR p.creditor_id = $6) AND ($7::bigint[] IS NULL OR p.creditor_id = ANY($7::bigint[]))
          ORDER BY p.creditor_id, p.account_id, p.paid_on DESC, p.id DESC) l
        WHERE l.collector_id IS NOT NULL AND l.paid_on BETWEEN $1::date AND $2::date GROUP BY l.collector_id),
     upheld AS (
       SELECT c.collector_id, count(*)::int AS n FROM complaints c
        WHERE c.collector_id IS NOT NULL AND c.kind = 'complaint' AND c.finding = 'upheld'
          AND (coalesce(c.resolved_at, c.created_at) AT TIME ZONE $3)::date BETWEEN $1::date AND $2::date
          AND ($6::bigint IS NULL OR c.creditor_id = $6) AND ($7::bigint[] IS NULL OR c.creditor_id = ANY($7::bigint[])) GROUP BY 1)
     SELECT u.id AS collector_id, u.username, u.display_name, u.team_id,
            coalesce(m.recovered_fen, 0)::bigint AS recovered_fen, coalesce(m.commission_fen, 0)::bigint AS commission_fen,
            coalesce(m.payments, 0) AS payments, coalesce(k.n, 0) AS promises_kept, coalesce(h.n, 0) AS upheld_complaints, coalesce(f.n, 0) AS paid_off
       FROM users u LEFT JOIN money m ON m.collector_id = u.id LEFT JOIN kept k ON k.collector_id = u.id LEFT JOIN upheld h ON h.collector_id = u.id
       LEFT JOIN paid_off f ON f.collector_id = u.id
      WHERE (u.role = 'collector' OR m.collector_id IS NOT NULL)
        AND ($4::bigint IS NULL OR u.id = $4) AND ($5::bigint IS NULL OR u.team_id = $5)
        -- A collector with nothing to show is listed when they hold accounts in the currency read (every collector when all are one).
        AND (m.collector_id IS NOT NULL OR k.collector_id IS NOT NULL OR h.collector_id IS NOT NULL
             OR (u.role = 'collector' AND ($7::bigint[] IS NULL OR EXISTS (SELECT 1 FROM assignments s WHERE s.collector_id = u.id AND s.ended_at IS NULL
                                                                             AND s.creditor_id = ANY($7::bigint[])))))
      ORDER BY coalesce(m.recovered_fen, 0) DESC, u.username`,
    [q.first, q.last, q.zone, q.collectorId ?? null, q.teamId ?? null, q.creditorId ?? null, q.creditorIds ?? null]);
  return rows;
}

export async function creditorById(db: Queryable, id: number): Promise<{ id: number; code: string; name: string; name_en: string | null } | undefined> {
  const { rows } = await db.query<{ id: number; code: string; name: string; name_en: string | null }>('SELECT id, code, name, name_en FROM creditors WHERE id = $1', [id]);
  return rows[0];
}
