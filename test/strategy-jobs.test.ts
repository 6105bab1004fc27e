import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobs, DISPATCH_CRON, DISPATCH_QUEUE, STRATEGY_CRON, STRATEGY_QUEUE, type Jobs } from '../src/jobs/index.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { nightFixture, testContext } from './support/fixtures.ts';

/** The nightly strategy run on pg-boss, on the same database. */
let db: TestDatabase;
let jobs: Jobs | undefined;
const logged: object[] = [];
let exportDir: string;
let bankCode: string;
let endedAccount: number;

beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = testContext(db.pool);
  exportDir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-bank-files-'));
  // Three accounts, and a fourth in a placement whose term ended on 2026-03-05: the night of the 12th recalls it before anything else.
  ({ bankCode, endedAccount } = await nightFixture(ctx));
  jobs = await createJobs(ctx, { info: (detail) => logged.push(detail), error: (detail) => logged.push(detail) },
    { pollingIntervalSeconds: 0.5, exportDir, backupDir: path.join(exportDir, 'backups') });
}, 60_000);
afterAll(async () => { await jobs?.stop(); await db?.drop(); await fs.rm(exportDir, { recursive: true, force: true }); });

describe('strategy jobs', () => {
  it('schedules the nightly run in the agency zone, and message dispatch every minute', async () => {
    const schedules = (await jobs!.boss.getSchedules()).sort((a, b) => a.name.localeCompare(b.name));
    expect(schedules).toEqual([
      expect.objectContaining({ name: DISPATCH_QUEUE, cron: DISPATCH_CRON }),
      expect.objectContaining({ name: STRATEGY_QUEUE, cron: STRATEGY_CRON, options: expect.objectContaining({ tz: 'Asia/Shanghai' }) }),
    ]);
  });

  it('a queued run computes the strategy for its date', async () => {
    await jobs!.boss.send(STRATEGY_QUEUE, { date: '2026-03-12' });
    const deadline = Date.now() + 30_000;
    let rows = 0;
    while (Date.now() < deadline && rows < 3) {
      await new Promise((r) => setTimeout(r, 250));
      rows = (await db.pool.query(`SELECT count(*)::int AS n FROM account_strategy WHERE business_date = '2026-03-12'`)).rows[0].n;
    }
    expect(rows).toBe(3);
    const { rows: audit } = await db.pool.query(`SELECT actor FROM audit_log WHERE action = 'strategy.run'`);
    expect(audit).toEqual([{ actor: 'system' }]);
    // The account whose placement ended was recalled on its last day, so the run gave it no strategy.
    expect((await db.pool.query(`SELECT status, to_char(recalled_on, 'YYYY-MM-DD') AS on FROM accounts WHERE id = $1`, [endedAccount])).rows[0]).toEqual({ status: 'recalled', on: '2026-03-05' });
    expect(logged).toContainEqual(expect.objectContaining({ date: '2026-03-12', placements: 1, recalled: 1 }));
    // Then the collector's queue is built for the morning, in the new run's order.
    const queueDeadline = Date.now() + 20_000;
    let queued = 0;
    while (Date.now() < queueDeadline && queued < 3) {
      await new Promise((r) => setTimeout(r, 250));
      queued = (await db.pool.query(`SELECT count(*)::int AS n FROM work_queue q JOIN work_queue_state s USING (collector_id) WHERE NOT s.stale`)).rows[0].n;
    }
    expect(queued).toBe(3);
    // The files for the banks, for every creditor with accounts: yesterday's contacts, today's accounts (the clock's 2 March).
    const filesDeadline = Date.now() + 20_000;
    while (Date.now() < filesDeadline && !logged.some((l) => 'directory' in l)) await new Promise((r) => setTimeout(r, 250));
    expect((await fs.readdir(path.join(exportDir, bankCode))).sort()).toEqual([`accounts-${bankCode}-2026-03-02-zh.csv`, `contacts-${bankCode}-2026-03-01-zh.csv`]);
    const accounts = (await fs.readFile(path.join(exportDir, bankCode, `accounts-${bankCode}-2026-03-02-zh.csv`), 'utf8')).trim().split(/\r?\n/);
    expect(accounts).toHaveLength(4); // the header and the three accounts
    // Last, personal data erasure (nobody here is due), judged on today: the run's date is ahead of the clock, and erasure never is.
    const erasureDeadline = Date.now() + 20_000;
    while (Date.now() < erasureDeadline && !logged.some((l) => 'evidence_files' in l)) await new Promise((r) => setTimeout(r, 250));
    expect(logged).toContainEqual(expect.objectContaining({ business_date: '2026-03-02', dry_run: false, debtors: 0 }));
    // And after it, the nightly backup (LEEWAY_BACKUP_DIR) of the run's date.
    const backupDeadline = Date.now() + 20_000;
    while (Date.now() < backupDeadline && !logged.some((l) => 'made' in l)) await new Promise((r) => setTimeout(r, 250));
    expect(logged).toContainEqual(expect.objectContaining({ dir: path.join(exportDir, 'backups', 'leeway-2026-03-12'), made: true }));
    expect(await fs.readdir(path.join(exportDir, 'backups', 'leeway-2026-03-12'))).toContain('manifest.json');
  }, 60_000);
});
