/** All SQL on the message outbox (docs/messages.md): queueing, claiming one due message at a time, recording what became of it. */
import type { Queryable } from './pool.ts';

export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed', 'cancelled', 'expired'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface NewOutboxMessage {
  creditorId: number | null; accountId: number | null; contactPointId: number | null;
  channel: 'sms'; purpose: 'collect' | 'notice'; toEnc: Buffer; toMask: string; body: string; decision: unknown;
  sendAfter: Date | null; expiresAt: Date | null;
  /** The agency clock's now (the column's default is the database's). */
  createdAt: Date;
}

export async function insertOutbox(db: Queryable, m: NewOutboxMessage): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO outbox (creditor_id, account_id, contact_point_id, channel, purpose, to_enc, to_mask, body, decision, send_after, expires_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [m.creditorId, m.accountId, m.contactPointId, m.channel, m.purpose, m.toEnc, m.toMask, m.body, JSON.stringify(m.decision), m.sendAfter, m.expiresAt, m.createdAt]);
  return rows[0]!.id;
}

export interface ClaimedMessage {
  id: number; creditor_id: number | null; account_id: number | null; contact_point_id: number | null;
  channel: 'sms' | 'email' | 'letter'; purpose: 'collect' | 'location' | 'notice'; to_enc: Buffer; body: string;
  send_after: Date | null; expires_at: Date | null;
}

/**
 * Claims the oldest message due at `at` (committed on its own: a message claimed is never
 * claimed again, so a dispatcher that stops while sending cannot send it twice). Dispatchers
 * on other connections skip it while it is being claimed.
 */
export async function claimDueMessage(db: Queryable, at: Date): Promise<ClaimedMessage | undefined> {
  const { rows } = await db.query<ClaimedMessage>(`
    UPDATE outbox o SET status = 'sending', claimed_at = $1
     WHERE o.id = (SELECT id FROM outbox WHERE status = 'queued' AND (send_after IS NULL OR send_after <= $1)
                    ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
    RETURNING o.id, o.creditor_id, o.account_id, o.contact_point_id, o.channel, o.purpose, o.to_enc, o.body, o.send_after, o.expires_at`, [at]);
  return rows[0];
}

/** What the dispatcher made of a claimed message. */
export type Settled =
  | { status: 'sent'; adapter: string; providerRef: string; sentAt: Date; decision: unknown; attemptId: number | null }
  | { status: 'failed'; adapter: string; error: string; decision: unknown }
  | { status: 'queued'; sendAfter: Date; decision: unknown }
  | { status: 'cancelled'; decision: unknown; error: string | null }
  | { status: 'expired' };

export async function settleMessage(db: Queryable, id: number, s: Settled): Promise<void> {
  switch (s.status) {
    case 'sent':
      await db.query(`UPDATE outbox SET status = 'sent', adapter = $2, provider_ref = $3, sent_at = $4, dispatch_decision = $5, contact_attempt_id = $6, error = NULL WHERE id = $1`,
        [id, s.adapter, s.providerRef, s.sentAt, JSON.stringify(s.decision), s.attemptId]);
      return;
    case 'failed':
      await db.query(`UPDATE outbox SET status = 'failed', adapter = $2, error = $3, dispatch_decision = $4 WHERE id = $1`, [id, s.adapter, s.error, JSON.stringify(s.decision)]);
      return;
    case 'queued':
      await db.query(`UPDATE outbox SET status = 'queued', send_after = $2, dispatch_decision = $3 WHERE id = $1`, [id, s.sendAfter, JSON.stringify(s.decision)]);
      return;
    case 'cancelled':
      await db.query(`UPDATE outbox SET status = 'cancelled', dispatch_decision = $2, error = $3 WHERE id = $1`, [id, JSON.stringify(s.decision), s.error]);
      return;
    case 'expired':
      await db.query(`UPDATE outbox SET status = 'expired' WHERE id = $1`, [id]);
      return;
  }
}

export interface OutboxRow {
  id: number; channel: string; purpose: string; to_mask: string; body: string; status: OutboxStatus;
  created_at: Date; send_after: Date | null; expires_at: Date | null; sent_at: Date | null;
  adapter: string | null; provider_ref: string | null; error: string | null;
  account_id: number | null; creditor_code: string | null; dispatch_decision: unknown;
}

const ROW = `o.id, o.channel, o.purpose, o.to_mask, o.body, o.status, o.created_at, o.send_after, o.expires_at, o.sent_at,
             o.adapter, o.provider_ref, o.error, o.account_id, c.code AS creditor_code, o.dispatch_decision`;

/** Newest first, a page at a time (keyset on id). */
export async function listOutbox(db: Queryable, f: { status?: OutboxStatus | undefined; before?: number | undefined; limit: number }): Promise<OutboxRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.status !== undefined) { params.push(f.status); where.push(`o.status = $${params.length}`); }
  if (f.before !== undefined) { params.push(f.before); where.push(`o.id < $${params.length}`); }
  params.push(f.limit);
  const { rows } = await db.query<OutboxRow>(
    `SELECT ${ROW} FROM outbox o LEFT JOIN creditors c ON c.id = o.creditor_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY o.id DESC LIMIT $${params.length}`, params);
  return rows;
}

export async function countOutbox(db: Queryable): Promise<Record<OutboxStatus, number>> {
  const { rows } = await db.query<{ status: OutboxStatus; n: number }>('SELECT status, count(*)::int AS n FROM outbox GROUP BY status');
  const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

export async function findOutboxRow(db: Queryable, id: number): Promise<OutboxRow | undefined> {
  const { rows } = await db.query<OutboxRow>(`SELECT ${ROW} FROM outbox o LEFT JOIN creditors c ON c.id = o.creditor_id WHERE o.id = $1`, [id]);
  return rows[0];
}

/** Moves a message from one status to another (cancel a queued one, queue a failed one again); false when it was not in `from`. */
export async function moveOutbox(db: Queryable, id: number, from: OutboxStatus, to: OutboxStatus): Promise<boolean> {
  const result = await db.query(
    `UPDATE outbox SET status = $3, error = CASE WHEN $3 = 'queued' THEN NULL ELSE error END,
            send_after = CASE WHEN $3 = 'queued' THEN NULL ELSE send_after END
      WHERE id = $1 AND status = $2`, [id, from, to]);
  return (result.rowCount ?? 0) > 0;
}

/** The phone contact points with this keyed hash (every debtor's, any owner), locked for the change a reply makes. */
export async function lockPhonePoints(db: Queryable, valueHash: Buffer): Promise<Array<{ id: number; debtor_id: number; owner: string; opted_out: string[] }>> {
  const { rows } = await db.query<{ id: number; debtor_id: number; owner: string; opted_out: string[] }>(
    `SELECT id, debtor_id, owner, opted_out FROM contact_points WHERE kind = 'phone' AND value_hash = $1 ORDER BY id FOR UPDATE`, [valueHash]);
  return rows;
}

/** Adds SMS to the points' opt-outs and cancels their queued messages; returns how many were cancelled. */
export async function optOutOfSms(db: Queryable, pointIds: readonly number[], reason: string): Promise<number> {
  await db.query(`UPDATE contact_points SET opted_out = array_append(opted_out, 'sms') WHERE id = ANY ($1::bigint[]) AND NOT ('sms' = ANY (opted_out))`, [pointIds]);
  const cancelled = await db.query(
    `UPDATE outbox SET status = 'cancelled', error = $2 WHERE status = 'queued' AND channel = 'sms' AND contact_point_id = ANY ($1::bigint[])`, [pointIds, reason]);
  return cancelled.rowCount ?? 0;
}

/** The latest message sent to one of the points within the days: what a reply answers. */
export async function lastSentTo(db: Queryable, pointIds: readonly number[], since: Date):
  Promise<{ id: number; creditor_id: number; account_id: number; contact_point_id: number; debtor_id: number } | undefined> {
  const { rows } = await db.query(
    `SELECT o.id, o.creditor_id, o.account_id, o.contact_point_id, cp.debtor_id
       FROM outbox o JOIN contact_points cp ON cp.id = o.contact_point_id
      WHERE o.status = 'sent' AND o.account_id IS NOT NULL AND o.contact_point_id = ANY ($1::bigint[]) AND o.sent_at >= $2
      ORDER BY o.sent_at DESC, o.id DESC LIMIT 1`, [pointIds, since]);
  return rows[0];
}

/** A contact point with what an SMS to it needs. */
export async function findPointForSms(db: Queryable, pointId: number): Promise<{ id: number; kind: string; owner: string; value_enc: Buffer; value_mask: string } | undefined> {
  const { rows } = await db.query<{ id: number; kind: string; owner: string; value_enc: Buffer; value_mask: string }>(
    'SELECT id, kind, owner, value_enc, value_mask FROM contact_points WHERE id = $1', [pointId]);
  return rows[0];
}
