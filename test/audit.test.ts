import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCreditor } from '../src/app/creditors/add-creditor.ts';
import { CLI_ACTOR } from '../src/app/context.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { runCli } from './support/cli.ts';
import { testContext } from './support/fixtures.ts';

let db: TestDatabase;
let dataDir: string;
beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-audit-'));
  const ctx = testContext(db.pool);
  for (const code of ['AUD1', 'AUD2', 'AUD3']) await addCreditor(ctx, CLI_ACTOR, { code, name: code });
});
afterAll(async () => { await db?.drop(); await fs.rm(dataDir, { recursive: true, force: true }); });

const cli = (args: string[]) => runCli(args, { env: { DATABASE_URL: db.url, LEEWAY_DATA_DIR: dataDir } });

describe('audit log', () => {
  it('is written in the same transaction as the change: a failed change leaves no audit row', async () => {
    const ctx = testContext(db.pool);
    const before = (await db.pool.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n;
    await expect(addCreditor(ctx, CLI_ACTOR, { code: 'AUD1', name: 'again' })).rejects.toThrow(/already exists/);
    // Nor a second code for a bank already there (its name, in any case).
    const { rows: [existing] } = await db.pool.query(`SELECT code, name FROM creditors WHERE code = 'AUD1'`);
    await expect(addCreditor(ctx, CLI_ACTOR, { code: 'AUD9', name: existing.name.toUpperCase() })).rejects.toThrow(`Creditor AUD1 is already named "${existing.name.toUpperCase()}"`);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n).toBe(before);
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(db.pool.query("UPDATE audit_log SET action = 'x'")).rejects.toThrow(/append-only/);
    await expect(db.pool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(db.pool.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });

  it('`leeway audit verify` passes on an intact chain', async () => {
    const res = await cli(['audit', 'verify', '--json']);
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ ok: true, rows: 3, breaks: [] });
  });

  it('`leeway audit verify` names the tampered row and exits 1', async () => {
    // Someone with the database owner's powers switches the guard off and edits history.
    const client = await db.pool.connect();
    try {
      await client.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
      await client.query(`UPDATE audit_log SET detail = '{"code":"AUD2","name":"forged"}' WHERE entity_id = (SELECT id::text FROM creditors WHERE code = 'AUD2')`);
      await client.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    } finally { client.release(); }
    const tampered = (await db.pool.query("SELECT id FROM audit_log WHERE detail->>'name' = 'forged'")).rows[0].id;
    const res = await cli(['audit', 'verify', '--json']);
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout)).toMatchObject({ ok: false, breaks: [{ id: tampered, problem: 'hash_mismatch' }] });
    const human = await cli(['audit', 'verify']);
    expect(human.stdout).toContain(`row ${tampered}: hash mismatch`);
  });

  it('detects a deleted row through the broken link', async () => {
    const client = await db.pool.connect();
    try {
      await client.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
      await client.query('DELETE FROM audit_log WHERE id = (SELECT min(id) FROM audit_log)');
      await client.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    } finally { client.release(); }
    const res = await cli(['audit', 'verify', '--json']);
    expect(JSON.parse(res.stdout).breaks).toContainEqual(expect.objectContaining({ problem: 'prev_hash_mismatch' }));
  });
});
