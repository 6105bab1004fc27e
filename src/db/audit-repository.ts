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
  await db.query(
    `INSERT INTO audit_log (actor_user_id, actor, action, entity, entity_id, creditor_id, detail, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, '', '')`,
    [actor.userId, actor.username, entry.action, entry.entity,
      entry.entityId == null ? null : String(entry.entityId), entry.creditorId ?? null, JSON.stringify(entry.detail ?? {})],
  );
}

/** hash_mismatch: the row was edited; prev_hash_mismatch: the row before it was edited away or deleted. */
export interface ChainBreak { id: number; problem: 'hash_mismatch' | 'prev_hash_mismatch' }

/** Walks the chain in id order, recomputing each row's digest in the database. */
export async function findAuditChainBreaks(db: Queryable): Promise<{ rows: number; breaks: ChainBreak[] }> {
  const { rows } = await db.query<{ id: number; ok: boolean; linked: boolean; prev_id: number | null }>(
    `SELECT id, audit_digest(a) = hash AS ok,
            prev_hash = coalesce(lag(hash) OVER (ORDER BY id), '\\x00'::bytea) AS linked,
            lag(id) OVER (ORDER BY id) AS prev_id
       FROM audit_log a ORDER BY id`);
  const breaks: ChainBreak[] = [];
  for (const row of rows) {
    if (!row.ok) breaks.push({ id: row.id, problem: 'hash_mismatch' });
    if (!row.linked) breaks.push({ id: row.id, problem: 'prev_hash_mismatch' });
  }
  return { rows: rows.length, breaks };
}
