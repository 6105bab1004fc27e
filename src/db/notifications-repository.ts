import type { Queryable } from './pool.ts';

/**
 * Whose notices (通知): a person's own, and for a bank's user also the notices addressed to
 * the bank, which its users share and read once for all (`creditorId`, null for agency staff).
 */
export type Recipient = { userId: number; creditorId: number | null };

export interface NoticeRow {
  id: number; creditor_id: number; account_id: number; account_no_mask: string; audience: 'collector' | 'creditor' | 'staff'; kind: string;
  message: string; /** The same in Chinese (null on notices written before it was kept). */ message_zh: string | null;
  application_id: number | null; plan_id: number | null; waiver_id: number | null; case_id: number | null;
  created_at: Date; read_at: Date | null;
}

/** A notice's words, in English and Chinese: each reader reads them in the language they chose. */
export interface NoticeWords { en: string; zh: string }

export interface NewNotice {
  creditorId: number; accountId: number; audience: 'collector' | 'creditor' | 'staff'; userId: number | null; kind: string; message: NoticeWords;
  /** When, on the product's clock (the agency's, which a training or demo server may set apart from the database's). */
  at: Date;
  applicationId?: number | null; planId?: number | null; waiverId?: number | null; caseId?: number | null; qaReviewId?: number | null;
}

export async function insertNotification(db: Queryable, n: NewNotice): Promise<void> {
  await db.query(
    `INSERT INTO notifications (creditor_id, account_id, audience, user_id, kind, application_id, plan_id, waiver_id, case_id, qa_review_id, message, message_zh, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [n.creditorId, n.accountId, n.audience, n.userId, n.kind, n.applicationId ?? null, n.planId ?? null, n.waiverId ?? null, n.caseId ?? null,
      n.qaReviewId ?? null, n.message.en, n.message.zh, n.at]);
}

/** Tells a bank's users that something on one of its accounts waits for their decision (a hardship application, a settlement offer). */
export async function tellCreditorToDecide(db: Queryable, n: { creditorId: number; accountId: number; kind: 'application_to_decide' | 'settlement_to_decide'; at: Date;
  applicationId?: number; waiverId?: number; message: (accountNoMask: string) => NoticeWords }): Promise<void> {
  const { rows: [account] } = await db.query<{ account_no_mask: string }>('SELECT account_no_mask FROM accounts WHERE id = $1', [n.accountId]);
  await insertNotification(db, { creditorId: n.creditorId, accountId: n.accountId, audience: 'creditor', userId: null, kind: n.kind, at: n.at,
    applicationId: n.applicationId ?? null, waiverId: n.waiverId ?? null, message: n.message(account?.account_no_mask ?? String(n.accountId)) });
}

/**
 * The bank's "waits for your decision" notices about an application or a settlement offer, marked
 * read once it is decided (approved, rejected, lapsed, withdrawn): they no longer wait, for any of the
 * bank's users, who share them. Each resubmission's notice is covered. `readBy`: who decided (null: the
 * nightly run); `at`: when, on the product's clock, never before the notice was written.
 */
export async function markDecisionNoticesRead(db: Queryable, n: ({ kind: 'application_to_decide'; applicationId: number } | { kind: 'settlement_to_decide'; waiverId: number })
  & { creditorId: number; readBy: number | null; at: Date }): Promise<number> {
  const [column, id] = n.kind === 'application_to_decide' ? ['application_id', n.applicationId] : ['waiver_id', n.waiverId];
  const { rowCount } = await db.query(
    `UPDATE notifications SET read_at = greatest(created_at, $5), read_by = $4
      WHERE creditor_id = $1 AND audience = 'creditor' AND kind = $2 AND ${column} = $3 AND read_at IS NULL`,
    [n.creditorId, n.kind, id, n.readBy, n.at]);
  return rowCount ?? 0;
}

function addressedTo(r: Recipient, params: unknown[]): string {
  params.push(r.userId);
  const own = `(n.audience <> 'creditor' AND n.user_id = $${params.length})`;
  if (r.creditorId === null) return own;
  params.push(r.creditorId);
  return `(${own} OR (n.audience = 'creditor' AND n.creditor_id = $${params.length}))`;
}

export async function listNotices(db: Queryable, r: Recipient, options: { unreadOnly: boolean; limit: number }): Promise<NoticeRow[]> {
  const params: unknown[] = [];
  const where = addressedTo(r, params);
  params.push(options.limit);
  return (await db.query<NoticeRow>(
    `SELECT n.id, n.creditor_id, n.account_id, a.account_no_mask, n.audience, n.kind, n.message, n.message_zh, n.application_id, n.plan_id, n.waiver_id,
            n.case_id, n.created_at, n.read_at
       FROM notifications n JOIN accounts a ON a.creditor_id = n.creditor_id AND a.id = n.account_id
      WHERE ${where}${options.unreadOnly ? ' AND n.read_at IS NULL' : ''}
      ORDER BY n.id DESC LIMIT $${params.length}`, params)).rows;
}

export async function countUnread(db: Queryable, r: Recipient): Promise<number> {
  const params: unknown[] = [];
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM notifications n WHERE ${addressedTo(r, params)} AND n.read_at IS NULL`, params);
  return rows[0]!.n;
}

/**
 * Marks the recipient's notice read (or all their unread ones when `id` is null); a notice
 * already read keeps its first reader and time. Returns the notices it covered with their read
 * time: none when `id` is not the recipient's.
 */
export async function markRead(db: Queryable, r: Recipient, id: number | null, reader: number | null): Promise<Array<{ id: number; read_at: Date }>> {
  const params: unknown[] = [];
  const where = addressedTo(r, params);
  params.push(reader);
  // The database's clock, as for created_at: a notice is never read before it was written.
  const set = `read_by = coalesce(n.read_by, $${params.length}), read_at = coalesce(n.read_at, now())`;
  if (id !== null) params.push(id);
  const which = id === null ? 'n.read_at IS NULL' : `n.id = $${params.length}`;
  return (await db.query<{ id: number; read_at: Date }>(
    `UPDATE notifications n SET ${set} WHERE ${where} AND ${which} RETURNING n.id, n.read_at`, params)).rows;
}
