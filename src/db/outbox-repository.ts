/** All SQL on the message outbox (docs/messages.md): queueing, claiming one due message at a time, recording what became of it. */
import type { Queryable } from './pool.ts';

export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed', 'cancelled', 'expired'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface NewOutboxMessage {
  creditorId: number | null; accountId: number | null; contactPointId: number | null;
  channel: 'sms' | 'email'; purpose: 'collect' | 'notice'; toEnc: Buffer; toMask: string; body: string; decision: unknown;
  sendAfter: Date | null; expiresAt: Date | null;
  /** An e-mail's subject and opt-out link (required for e-mail, none for SMS). */
  subject?: string | null; unsubscribeUrl?: string | null;
  /** The agency clock's now (the column's default is the database's). */
  createdAt: Date;
  /** A validation notice this e-mail carries: the figures it states, recorded as the account's notice when it goes. */
  notice?: NoticeFigures | null;
  /** The collector who queued it, and the template it was written from: the contact it becomes is theirs, named so. */
  queuedBy?: number | null; template?: string | null;
}

/** What a validation notice states (validation_notices' columns), as an e-mail carrying one keeps them. */
export interface NoticeFigures {
  sent_on: string; validation_ends_on: string; itemization_date: string; itemization_fen: number; interest_fen: number; fees_fen: number;
  paid_fen: number; amount_now_fen: number;
  /** Whether the itemization is as of the charge-off (absent in e-mails queued before it was recorded: not). */
  charged_off?: boolean;
}

export async function insertOutbox(db: Queryable, m: NewOutboxMessage): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO outbox (creditor_id, account_id, contact_point_id, channel, purpose, to_enc, to_mask, body, decision, send_after, expires_at, created_at,
                         subject, unsubscribe_url, notice, queued_by, template)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
    [m.creditorId, m.accountId, m.contactPointId, m.channel, m.purpose, m.toEnc, m.toMask, m.body, JSON.stringify(m.decision), m.sendAfter, m.expiresAt, m.createdAt,
      m.subject ?? null, m.unsubscribeUrl ?? null, m.notice ? JSON.stringify(m.notice) : null, m.queuedBy ?? null, m.template ?? null]);
  return rows[0]!.id;
}

export interface ClaimedMessage {
  id: number; creditor_id: number | null; account_id: number | null; contact_point_id: number | null;
  channel: 'sms' | 'email' | 'letter'; purpose: 'collect' | 'location' | 'notice'; to_enc: Buffer; body: string;
  send_after: Date | null; expires_at: Date | null; subject: string | null; unsubscribe_url: string | null;
  notice: NoticeFigures | null;
  queued_by: number | null; template: string | null;
}

/**
 * Claims up to `limit` due messages, oldest first, in the caller's transaction (status
 * `sending`); dispatchers on other connections skip them. Returned in account order, so a
 * batch locks its accounts in one order.
 */
export async function claimDueMessages(db: Queryable, at: Date, limit: number): Promise<ClaimedMessage[]> {
  const { rows } = await db.query<ClaimedMessage>(`
    UPDATE outbox o SET status = 'sending', claimed_at = $1
     WHERE o.id IN (SELECT id FROM outbox WHERE status = 'queued' AND (send_after IS NULL OR send_after <= $1)
                     ORDER BY id FOR UPDATE SKIP LOCKED LIMIT $2)
    RETURNING o.id, o.creditor_id, o.account_id, o.contact_point_id, o.channel, o.purpose, o.to_enc, o.body, o.send_after, o.expires_at,
              o.subject, o.unsubscribe_url, o.notice, o.queued_by, o.template`, [at, limit]);
  return rows.sort((a, b) => (a.account_id ?? 0) - (b.account_id ?? 0) || a.id - b.id);
}

/** What the dispatcher made of a claimed message before sending it. */
export type Judged =
  | { status: 'queued'; sendAfter: Date; decision: unknown }
  | { status: 'cancelled'; decision: unknown; error: string | null }
  | { status: 'expired' }
  | { status: 'sending'; decision: unknown; attemptId: number | null };

/** A message that does not go now: deferred, cancelled or expired (the ones that go: recordSending). */
export async function recordJudgement(db: Queryable, id: number, j: Exclude<Judged, { status: 'sending' }>): Promise<void> {
  switch (j.status) {
    case 'queued':
      await db.query(`UPDATE outbox SET status = 'queued', send_after = $2, dispatch_decision = $3 WHERE id = $1`, [id, j.sendAfter, JSON.stringify(j.decision)]);
      return;
    case 'cancelled':
      await db.query(`UPDATE outbox SET status = 'cancelled', dispatch_decision = $2, error = $3 WHERE id = $1`, [id, JSON.stringify(j.decision), j.error]);
      return;
    case 'expired':
      await db.query(`UPDATE outbox SET status = 'expired' WHERE id = $1`, [id]);
      return;
  }
}

/** The decisions and attempts of the messages about to go, in one statement. */
export async function recordSending(db: Queryable, items: ReadonlyArray<{ id: number; decision: unknown; attemptId: number | null }>): Promise<void> {
  if (items.length === 0) return;
  await db.query(`UPDATE outbox o SET dispatch_decision = i.decision, contact_attempt_id = i.attempt_id
                    FROM unnest($1::bigint[], $2::jsonb[], $3::bigint[]) AS i (id, decision, attempt_id) WHERE o.id = i.id`,
    [items.map((i) => i.id), items.map((i) => JSON.stringify(i.decision)), items.map((i) => i.attemptId)]);
}

/** `adapter`: what carried the message (the adapter called, or the one it handed the message to). */
export type Delivery = { id: number; attempt: { creditorId: number; id: number } | null; sentAt: Date; adapter: string } &
  ({ ok: true; providerRef: string } | { ok: false; error: string });

/** What the channel answered for the messages of a batch; a failed one's contact attempt becomes a network error. */
export async function recordDelivery(db: Queryable, results: readonly Delivery[]): Promise<void> {
  const sent = results.flatMap((r) => (r.ok ? [r] : []));
  const failed = results.flatMap((r) => (r.ok ? [] : [r]));
  if (sent.length) {
    await db.query(`
      UPDATE outbox o SET status = 'sent', adapter = r.adapter, provider_ref = r.ref, sent_at = r.at, error = NULL
        FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::text[]) AS r (id, ref, at, adapter) WHERE o.id = r.id`,
      [sent.map((r) => r.id), sent.map((r) => r.providerRef), sent.map((r) => r.sentAt), sent.map((r) => r.adapter)]);
  }
  if (failed.length) {
    await db.query(`
      UPDATE outbox o SET status = 'failed', adapter = r.adapter, error = r.error
        FROM unnest($1::bigint[], $2::text[], $3::text[]) AS r (id, error, adapter) WHERE o.id = r.id`,
      [failed.map((r) => r.id), failed.map((r) => r.error), failed.map((r) => r.adapter)]);
    const attempts = failed.flatMap((r) => (r.attempt === null ? [] : [r.attempt]));
    if (attempts.length) {
      await db.query(`UPDATE contact_attempts c SET outcome = 'network_error' FROM unnest($1::bigint[], $2::bigint[]) AS a (creditor_id, id)
                       WHERE c.creditor_id = a.creditor_id AND c.id = a.id`, [attempts.map((a) => a.creditorId), attempts.map((a) => a.id)]);
    }
  }
}

export interface OutboxRow {
  id: number; channel: string; purpose: string; to_mask: string; subject: string | null; body: string; status: OutboxStatus;
  created_at: Date; send_after: Date | null; expires_at: Date | null; sent_at: Date | null;
  adapter: string | null; provider_ref: string | null; error: string | null;
  account_id: number | null; creditor_code: string | null; dispatch_decision: unknown;
  delivery: 'delivered' | 'undelivered' | null; delivered_at: Date | null; delivery_error: string | null;
}

const ROW = `o.id, o.channel, o.purpose, o.to_mask, o.subject, o.body, o.status, o.created_at, o.send_after, o.expires_at, o.sent_at,
             o.adapter, o.provider_ref, o.error, o.account_id, c.code AS creditor_code, o.dispatch_decision,
             o.delivery, o.delivered_at, o.delivery_error`;

/** Newest first, a page at a time (keyset on id). */
/** SQL: the message is about an account currently dealt to team `$n` (a team lead's outbox). */
const OF_TEAM = (param: number) => `EXISTS (SELECT 1 FROM assignments asg WHERE asg.creditor_id = o.creditor_id AND asg.account_id = o.account_id
  AND asg.ended_at IS NULL AND asg.team_id = $${param})`;

/** `teamId`: only messages about the team's accounts (null: every message). */
export async function listOutbox(db: Queryable, f: { status?: OutboxStatus | undefined; before?: number | undefined; limit: number; teamId: number | null }): Promise<OutboxRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.status !== undefined) { params.push(f.status); where.push(`o.status = $${params.length}`); }
  if (f.before !== undefined) { params.push(f.before); where.push(`o.id < $${params.length}`); }
  if (f.teamId !== null) { params.push(f.teamId); where.push(OF_TEAM(params.length)); }
  params.push(f.limit);
  const { rows } = await db.query<OutboxRow>(
    `SELECT ${ROW} FROM outbox o LEFT JOIN creditors c ON c.id = o.creditor_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY o.id DESC LIMIT $${params.length}`, params);
  return rows;
}

export async function countOutbox(db: Queryable, teamId: number | null = null): Promise<Record<OutboxStatus, number>> {
  const { rows } = await db.query<{ status: OutboxStatus; n: number }>(
    `SELECT status, count(*)::int AS n FROM outbox o ${teamId === null ? '' : `WHERE ${OF_TEAM(1)}`} GROUP BY status`, teamId === null ? [] : [teamId]);
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
export async function lockPhonePoints(db: Queryable, valueHashes: readonly Buffer[]):
  Promise<Array<{ id: number; debtor_id: number; owner: string; opted_out: string[]; value_hash: Buffer }>> {
  const { rows } = await db.query<{ id: number; debtor_id: number; owner: string; opted_out: string[]; value_hash: Buffer }>(
    `SELECT id, debtor_id, owner, opted_out, value_hash FROM contact_points WHERE kind = 'phone' AND value_hash = ANY ($1::bytea[]) ORDER BY id FOR UPDATE`, [valueHashes]);
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

/**
 * Adds e-mail to the point's opt-outs (an e-mail's unsubscribe link) and cancels its queued
 * e-mails; whether it was opted in before, and how many were cancelled. The point is locked first.
 */
export async function optOutOfEmail(db: Queryable, pointId: number, reason: string): Promise<{ found: boolean; changed: boolean; cancelled: number; debtorId: number | null }> {
  const { rows } = await db.query<{ debtor_id: number; opted_out: string[] }>(
    `SELECT debtor_id, opted_out FROM contact_points WHERE id = $1 AND kind = 'email' FOR UPDATE`, [pointId]);
  const point = rows[0];
  if (!point) return { found: false, changed: false, cancelled: 0, debtorId: null };
  const changed = !point.opted_out.includes('email');
  if (changed) await db.query(`UPDATE contact_points SET opted_out = array_append(opted_out, 'email') WHERE id = $1`, [pointId]);
  const cancelled = await db.query(`UPDATE outbox SET status = 'cancelled', error = $2 WHERE status = 'queued' AND channel = 'email' AND contact_point_id = $1`,
    [pointId, reason]);
  return { found: true, changed, cancelled: cancelled.rowCount ?? 0, debtorId: point.debtor_id };
}

/** A sent message, locked for its receipt. */
/** The message a receipt names, by our id or by the gateway's reference (all that carry it: the caller refuses more than one). */
export async function lockSentMessages(db: Queryable, key: { id: number } | { providerRef: string }, channel: 'sms' | 'email'):
  Promise<Array<{ id: number; status: string; creditor_id: number | null; account_id: number | null; contact_point_id: number | null;
    contact_attempt_id: number | null; carries_notice: boolean }>> {
  const columns = 'id, status, creditor_id, account_id, contact_point_id, contact_attempt_id, notice IS NOT NULL AS carries_notice';
  const { rows } = 'id' in key
    ? await db.query(`SELECT ${columns} FROM outbox WHERE id = $1 AND channel = $2 FOR UPDATE`, [key.id, channel])
    : await db.query(`SELECT ${columns} FROM outbox WHERE provider_ref = $1 AND channel = $2 ORDER BY id LIMIT 2 FOR UPDATE`,
      [key.providerRef, channel]);
  return rows;
}

export async function recordReceipt(db: Queryable, id: number, r: { delivery: 'delivered' | 'undelivered'; at: Date; error: string | null }): Promise<void> {
  await db.query('UPDATE outbox SET delivery = $2, delivered_at = $3, delivery_error = $4 WHERE id = $1', [id, r.delivery, r.at, r.error]);
}
