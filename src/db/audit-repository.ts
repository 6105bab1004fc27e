import type { Queryable } from './pool.ts';
import type { Actor } from '../app/context.ts';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | number | null;
  creditorId?: number | null;
  detail?: Record<string, unknown>;
}

/**
 * Appends one audit row. Call it with the transaction's client so the row commits or rolls
 * back with the change it records. The table's trigger assigns the id, time and hash chain.
 */
export async function appendAudit(db: Queryable, actor: Actor, entry: AuditEntry): Promise<void> {
  await db.query({
    name: 'audit-append',
    text: `INSERT INTO audit_log (actor_user_id, actor, action, entity, entity_id, creditor_id, detail, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, '', '')`,
    values: [actor.userId, actor.username, entry.action, entry.entity,
      entry.entityId == null ? null : String(entry.entityId), entry.creditorId ?? null, JSON.stringify(entry.detail ?? {})],
  });
}

/**
 * hash_mismatch: the row was edited; prev_hash_mismatch: the row before it in its stream was
 * edited away or deleted; tail_missing: the stream's newest row (`id`, as its head records it)
 * is gone or replaced.
 */
export interface ChainBreak { id: number; problem: 'hash_mismatch' | 'prev_hash_mismatch' | 'tail_missing' }

/**
 * Walks each stream's chain in id order, recomputing each row's digest in the database, and
 * checks that each stream ends where its head says (migration 0012: 16 streams).
 */
export async function findAuditChainBreaks(db: Queryable): Promise<{ rows: number; breaks: ChainBreak[] }> {
  const { rows } = await db.query<{ id: number; ok: boolean; linked: boolean }>(
    `SELECT id, audit_digest(a) = hash AS ok,
            prev_hash = coalesce(lag(hash) OVER (PARTITION BY stream ORDER BY id), '\\x00'::bytea) AS linked
       FROM audit_log a ORDER BY id`);
  const breaks: ChainBreak[] = [];
  for (const row of rows) {
    if (!row.ok) breaks.push({ id: row.id, problem: 'hash_mismatch' });
    if (!row.linked) breaks.push({ id: row.id, problem: 'prev_hash_mismatch' });
  }
  const { rows: tails } = await db.query<{ last_id: number }>(
    `SELECT h.last_id FROM audit_chain_heads h
      WHERE h.last_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM (SELECT id, hash FROM audit_log a WHERE a.stream = h.stream ORDER BY id DESC LIMIT 1) t
         WHERE t.id = h.last_id AND t.hash = h.last_hash)
      ORDER BY h.last_id`);
  for (const t of tails) breaks.push({ id: t.last_id, problem: 'tail_missing' });
  breaks.sort((a, b) => a.id - b.id);
  return { rows: rows.length, breaks };
}

export interface AuditListRow {
  id: number; at: Date; actor: string; action: string; entity: string; entity_id: string | null; creditor_code: string | null;
  detail: Record<string, unknown>;
}

export interface AuditFilter {
  /** An action, or every action under a prefix ending in '.'. */
  action?: string | undefined; actor?: string | undefined; entity?: string | undefined; entityId?: string | undefined;
  creditorCode?: string | undefined;
  /** From the start of `from` to the end of `to`, local dates in `zone`. */
  from?: string | undefined; to?: string | undefined; zone: string;
  before?: number | undefined; limit: number;
}

/** Entries newest first, `limit` of them older than `before` (an id), matching the filter. */
export async function listAuditEntries(db: Queryable, f: AuditFilter): Promise<AuditListRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (p: string) => string, value: unknown) => { params.push(value); where.push(sql(`$${params.length}`)); };
  if (f.action !== undefined) {
    if (f.action.endsWith('.')) add((p) => `starts_with(l.action, ${p})`, f.action);
    else add((p) => `l.action = ${p}`, f.action);
  }
  if (f.actor !== undefined) add((p) => `l.actor = ${p}`, f.actor);
  if (f.entity !== undefined) add((p) => `l.entity = ${p}`, f.entity);
  if (f.entityId !== undefined) add((p) => `l.entity_id = ${p}`, f.entityId);
  if (f.creditorCode !== undefined) add((p) => `l.creditor_id = (SELECT id FROM creditors WHERE code = ${p})`, f.creditorCode);
  if (f.from !== undefined || f.to !== undefined) {
    params.push(f.zone);
    const zone = `$${params.length}`;
    if (f.from !== undefined) add((p) => `l.at >= (${p}::date)::timestamp AT TIME ZONE ${zone}`, f.from);
    if (f.to !== undefined) add((p) => `l.at < (${p}::date + 1)::timestamp AT TIME ZONE ${zone}`, f.to);
  }
  if (f.before !== undefined) add((p) => `l.id < ${p}`, f.before);
  params.push(f.limit);
  const { rows } = await db.query<AuditListRow>(
    `SELECT l.id, l.at, l.actor, l.action, l.entity, l.entity_id, c.code AS creditor_code, l.detail
       FROM audit_log l LEFT JOIN creditors c ON c.id = l.creditor_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY l.id DESC LIMIT $${params.length}`, params);
  return rows;
}

export async function listAuditActions(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ action: string }>('SELECT DISTINCT action FROM audit_log ORDER BY action');
  return rows.map((r) => r.action);
}
