import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { LEEWAY_BIN, runCli } from './support/cli.ts';
import { PLACEMENT_HEADER_ZH, placementCells, placementFixtures, tempDir, writeCsv } from './support/import-fixtures.ts';

let db: TestDatabase;
let dir: string;
const DATA_KEY = 'a1'.repeat(32);

beforeAll(async () => {
  db = await createTestDatabase();
  dir = await tempDir('leeway-import-cli-');
  await db.pool.query(`INSERT INTO creditors (code, name) VALUES ('BANK1', '华裕银行'), ('CRASH', '崩溃测试银行'), ('TIMING', '计时银行')`);
});
afterAll(async () => {
  await db?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

const env = () => ({ DATABASE_URL: db.url, LEEWAY_DATA_DIR: dir, LEEWAY_DATA_KEY: DATA_KEY });
const cli = (args: string[]) => runCli(args, { env: env(), timeoutMs: 120_000 });
const count = async (sql: string, params: unknown[] = []) => (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]!.n;

describe('leeway import', () => {
  it('prints exactly the summary keys with --json', { timeout: 120_000 }, async () => {
    const file = await writeCsv(path.join(dir, 'p.csv'), PLACEMENT_HEADER_ZH, placementFixtures(20).map(placementCells), { encoding: 'gbk' });
    const res = await cli(['import', 'placements', file, '--creditor', 'bank1', '--json']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toBe(''); // no progress bar when stderr is not a terminal
    const summary = JSON.parse(res.stdout);
    expect(Object.keys(summary)).toEqual(['batch_id', 'file_sha256', 'rows', 'inserted', 'updated', 'unchanged', 'rejected', 'errors_file', 'seconds']);
    expect(summary).toMatchObject({ rows: 20, inserted: 20, updated: 0, unchanged: 0, rejected: 0, errors_file: null });
    expect(typeof summary.seconds).toBe('number');
  });

  it('prints a readable summary, and says when the file was imported before', { timeout: 120_000 }, async () => {
    const res = await cli(['import', 'placements', path.join(dir, 'p.csv'), '--creditor', 'BANK1']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/placements from p\.csv for BANK1: batch \d+, CSV, GBK/);
    expect(res.stdout).toMatch(/already imported as batch \d+ on \d{4}-\d{2}-\d{2}: nothing changed/);
    expect(res.stdout).toMatch(/unchanged\s+20/);
    // An option that acts while the rows are read did nothing: said so.
    const again = await cli(['import', 'placements', path.join(dir, 'p.csv'), '--creditor', 'BANK1', '--placement-end', '2026-12-31']);
    expect(again.stdout).toContain("--placement-end had no effect: the file was not read again (to move a placement's last day: leeway placements extend).");
    // The earlier import is dated by the agency's day (Asia/Shanghai): at 07:30 there it is 2 March, though 1 March in UTC.
    const batch = Number(/already imported as batch (\d+)/.exec(res.stdout)![1]);
    await db.pool.query(`UPDATE import_batches SET created_at = '2026-03-01T23:30:00Z' WHERE id = $1`, [batch]);
    expect((await cli(['import', 'placements', path.join(dir, 'p.csv'), '--creditor', 'BANK1'])).stdout)
      .toContain(`already imported as batch ${batch} on 2026-03-02: nothing changed`);
  });

  it('imports payments and recalls, and points to the errors file', { timeout: 180_000 }, async () => {
    const payments = await writeCsv(path.join(dir, 'pay.csv'), ['账号', '交易流水号', '还款金额', '还款日期'],
      [['6222000000000001', 'T1', '100', '2026-02-01'], ['6299000000000000', 'T2', '100', '2026-02-01']]);
    const res = await cli(['import', 'payments', payments, '--creditor', 'BANK1']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/rejected\s+1\s+-> .*pay\.csv\.errors\.csv/);
    const elsewhere = path.join(dir, 'rejected-payments.csv');
    const again = await cli(['import', 'payments', payments, '--creditor', 'BANK1', '--errors', elsewhere, '--json']);
    // The same file: its first import's rejected rows, written where this run was told to.
    expect(JSON.parse(again.stdout)).toMatchObject({ rejected: 1, errors_file: elsewhere });
    expect(await fs.readFile(elsewhere, 'utf8')).toContain('6299000000000000');
    const copy = await writeCsv(path.join(dir, 'pay-copy.csv'), ['账号', '交易流水号', '还款金额', '还款日期'], [['6299000000000000', 'T9', '1', '2026-02-01']]);
    const other = JSON.parse((await cli(['import', 'payments', copy, '--creditor', 'BANK1', '--errors', elsewhere, '--json'])).stdout);
    expect(other).toMatchObject({ rejected: 1, errors_file: elsewhere });
    expect(await fs.readFile(elsewhere, 'utf8')).toContain('T9');
    // A day with no payments: the bank's file is its header alone, a completed import of no rows, and said so.
    const none = await cli(['import', 'payments', await writeCsv(path.join(dir, 'pay-none.csv'), ['账号', '交易流水号', '还款金额', '还款日期'], []), '--creditor', 'BANK1']);
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout).toMatch(/rows\s+0\n/);
    expect(none.stdout).toContain('The file has a header but no rows: there was nothing to import');
    expect(res.stdout).not.toContain('no rows');
    const recalls = await writeCsv(path.join(dir, 'recall.csv'), ['账号'], [['6222000000000002']]);
    const recalled = JSON.parse((await cli(['import', 'recalls', recalls, '--creditor', 'BANK1', '--json'])).stdout);
    expect(recalled).toMatchObject({ rows: 1, updated: 1 });
  });

  it('exits 2 naming the problem: unknown creditor (listing the known ones), malformed file, bad option', { timeout: 180_000 }, async () => {
    const unknown = await cli(['import', 'placements', path.join(dir, 'p.csv'), '--creditor', 'NOPE']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown creditor "NOPE". Known creditors: BANK1, CRASH, TIMING.');
    const missing = await cli(['import', 'placements', path.join(dir, 'nope.csv'), '--creditor', 'BANK1']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such file/);
    // Asked for JSON, the refusal is one JSON object on stdout as well (a script read nothing there).
    const scripted = await cli(['import', 'placements', path.join(dir, 'nope.csv'), '--creditor', 'BANK1', '--json']);
    expect(scripted.code).toBe(2);
    expect(JSON.parse(scripted.stdout)).toMatchObject({ error: { code: 'INVALID_INPUT', message: expect.stringMatching(/no such file/), message_zh: expect.any(String) } });
    const encoding = await cli(['import', 'placements', path.join(dir, 'p.csv'), '--creditor', 'BANK1', '--encoding', 'latin1']);
    expect(encoding.code).toBe(2);
    expect(encoding.stderr).toMatch(/Allowed choices are auto, utf8, gbk, gb18030/);
    for (const args of [['import'], ['import', 'placements'], ['import', 'payments'], ['import', 'recalls']]) {
      const help = await cli([...args, '--help']);
      expect(help.code, args.join(' ')).toBe(0);
      expect(help.stdout).toContain('Usage: leeway import');
    }
  });

  it('is all-or-nothing when killed (SIGKILL at random moments), and running it again completes it', { timeout: 300_000 }, async () => {
    const rows = 8_000;
    const file = await writeCsv(path.join(dir, 'crash.csv'), PLACEMENT_HEADER_ZH, placementFixtures(rows, 100_000).map(placementCells));
    const held = async (creditorId: number) => (await db.pool.query(
      `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = 7423003 AND objid = $1 AND granted`, [creditorId])).rowCount! > 0;
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const start = (code: string) => {
      const child = spawn(process.execPath, [LEEWAY_BIN, 'import', 'placements', file, '--creditor', code, '--json'], { env: { ...process.env, ...env() }, stdio: 'ignore' });
      return { child, exited: new Promise<void>((resolve) => child.on('exit', () => resolve())) };
    };
    const creditor = async (code: string) =>
      (await db.pool.query<{ id: number }>(`INSERT INTO creditors (code, name) VALUES ($1, $1) RETURNING id`, [code])).rows[0]!.id;
    /** Waits until the import holds its creditor's lock (its transaction has begun); false if it ended first. */
    const transactionBegun = async (id: number, child: ReturnType<typeof start>['child']) => {
      for (let i = 0; i < 3000 && child.exitCode === null; i++) { if (await held(id)) return true; await sleep(10); }
      return false;
    };

    // How long the transaction lasts here, to aim the kills inside it.
    const timingId = await creditor('TIMING2');
    const timing = start('TIMING2');
    expect(await transactionBegun(timingId, timing.child)).toBe(true);
    const began = Date.now();
    await timing.exited;
    const transactionMs = Date.now() - began;
    expect(timing.child.exitCode).toBe(0);

    const kills: string[] = [];
    let rolledBack = 0;
    for (let attempt = 1; attempt <= 4; attempt++) {
      const code = `CRASH${attempt}`;
      const id = await creditor(code);
      const state = async () => ({
        accounts: await count('accounts WHERE creditor_id = $1', [id]),
        batches: await count(`import_batches WHERE creditor_id = $1 AND status = 'done'`, [id]),
        audits: await count(`audit_log WHERE action = 'import.placements' AND creditor_id = $1`, [id]),
        contacts: await count(`contact_points WHERE debtor_id IN (SELECT debtor_id FROM accounts WHERE creditor_id = $1)`, [id]),
        placements: await count('placements WHERE creditor_id = $1', [id]),
      });
      const run = start(code);
      expect(await transactionBegun(id, run.child), code).toBe(true);
      const delay = Math.floor(Math.random() * transactionMs * 0.8);
      await sleep(delay);
      const finishedFirst = run.child.exitCode !== null;
      run.child.kill('SIGKILL');
      await run.exited;
      // The server notices the dead client and rolls back: wait until its transaction is gone.
      for (let i = 0; i < 600 && (await held(id)); i++) await sleep(50);
      const after = await state();
      const nothing = { accounts: 0, batches: 0, audits: 0, contacts: 0, placements: 0 };
      const everything = { accounts: rows, batches: 1, audits: 1, contacts: rows * 2, placements: 1 };
      kills.push(finishedFirst ? `${code}: finished before the kill` : `${code}: killed ${delay} ms into the transaction`);
      expect([nothing, everything], kills.join('; ')).toContainEqual(after);
      if (after.accounts === 0) rolledBack++;

      // The same command again completes it.
      const again = await cli(['import', 'placements', file, '--creditor', code, '--json']);
      expect(again.code, again.stderr).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({ rows, rejected: 0 });
      expect(await state()).toMatchObject({ accounts: rows, contacts: rows * 2, placements: 1 });
      expect(await count(`import_batches WHERE creditor_id = $1 AND status = 'done' AND duplicate_of IS NULL`, [id])).toBe(1);
    }
    // The kills landed inside transactions, and those left nothing behind.
    expect(rolledBack, kills.join('; ')).toBeGreaterThan(0);
  });
});
