import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../src/app/audit/verify-audit.ts';
import { CLI_ACTOR } from '../src/app/context.ts';
import { appendAudit } from '../src/db/audit-repository.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { testContext } from './support/fixtures.ts';

/**
 * The audit chain in streams (migration 0012): audited writes in concurrent transactions no
 * longer wait for each other, and verification still catches an edited, a deleted or a
 * removed newest row in any stream.
 */
let db: TestDatabase;
beforeAll(async () => { db = await createTestDatabase(); });
afterAll(async () => { await db?.drop(); });

const verify = () => verifyAuditLog(testContext(db.pool), CLI_ACTOR);

async function tamper(sql: string): Promise<void> {
  const client = await db.pool.connect();
  try {
    await client.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await client.query(sql);
    await client.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
  } finally { client.release(); }
}

describe('audit chain streams', () => {
  it('lets two open transactions append at once, in two streams, and verifies both', async () => {
    const a = await db.pool.connect();
    const b = await db.pool.connect();
    try {
      await a.query('BEGIN');
      await b.query('BEGIN');
      await appendAudit(a, CLI_ACTOR, { action: 'test.a', entity: 'test', detail: { n: 1 } });
      // With one global chain this insert waited for A's commit; now it goes to another stream.
      const second = appendAudit(b, CLI_ACTOR, { action: 'test.b', entity: 'test', detail: { n: 2 } });
      const inTime = await Promise.race([second.then(() => true), new Promise((r) => setTimeout(() => r(false), 2000))]);
      expect(inTime).toBe(true);
      await appendAudit(a, CLI_ACTOR, { action: 'test.a', entity: 'test', detail: { n: 3 } });
      await b.query('COMMIT');
      await a.query('COMMIT');
    } finally { a.release(); b.release(); }
    const { rows } = await db.pool.query<{ action: string; stream: number }>('SELECT action, stream FROM audit_log ORDER BY id');
    expect(rows.map((r) => r.action)).toEqual(['test.a', 'test.b', 'test.a']);
    expect(rows[0]!.stream).toBe(rows[2]!.stream); // one transaction keeps its stream
    expect(rows[1]!.stream).not.toBe(rows[0]!.stream);
    expect(await verify()).toEqual({ ok: true, rows: 3, breaks: [] });
  });

  it('keeps every stream intact under many concurrent writers', async () => {
    await Promise.all(Array.from({ length: 40 }, async (_, i) => {
      const client = await db.pool.connect();
      try {
        await client.query('BEGIN');
        await appendAudit(client, CLI_ACTOR, { action: 'test.many', entity: 'test', detail: { i } });
        await appendAudit(client, CLI_ACTOR, { action: 'test.many', entity: 'test', detail: { i, again: true } });
        await client.query('COMMIT');
      } finally { client.release(); }
    }));
    expect(await verify()).toMatchObject({ ok: true, rows: 83, breaks: [] });
  });

  it('names an edited row, a deleted one, and a removed newest row', async () => {
    const { rows: [edited] } = await db.pool.query<{ id: number }>(`SELECT id FROM audit_log WHERE action = 'test.many' ORDER BY id LIMIT 1 OFFSET 10`);
    await tamper(`UPDATE audit_log SET detail = '{"forged":true}' WHERE id = ${edited!.id}`);
    // Deleted: a row with a later row in its stream; that later row's link breaks.
    const { rows: [deleted] } = await db.pool.query<{ id: number; next: number }>(
      `SELECT id, next FROM (SELECT id, lead(id) OVER (PARTITION BY stream ORDER BY id) AS next FROM audit_log WHERE id <> $1) s
        WHERE next IS NOT NULL AND next <> $1 AND next < (SELECT max(id) FROM audit_log) ORDER BY id DESC LIMIT 1`, [edited!.id]);
    await tamper(`DELETE FROM audit_log WHERE id = ${deleted!.id}`);
    // The newest row of a stream: no row after it to break, the stream's head catches it.
    const { rows: [newest] } = await db.pool.query<{ id: number }>('SELECT max(id) AS id FROM audit_log');
    await tamper(`DELETE FROM audit_log WHERE id = ${newest!.id}`);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.breaks).toEqual(expect.arrayContaining([
      { id: edited!.id, problem: 'hash_mismatch' },
      { id: deleted!.next, problem: 'prev_hash_mismatch' },
      { id: newest!.id, problem: 'tail_missing' },
    ]));
  });
});
