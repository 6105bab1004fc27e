import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { nightFixture, testContext } from './support/fixtures.ts';

/** `leeway nightly`: the night's work by hand, the steps the server schedules at 01:30, in their order. */
let db: TestDatabase;
let dir: string;
let bankCode: string;
let endedAccount: number;

beforeAll(async () => {
  db = await createTestDatabase();
  ({ bankCode, endedAccount } = await nightFixture(testContext(db.pool)));
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-nightly-'));
}, 60_000);
afterAll(async () => { await db?.drop(); await fs.rm(dir, { recursive: true, force: true }); });

describe('leeway nightly', () => {
  const env = () => ({ DATABASE_URL: db.url, LEEWAY_DATA_DIR: path.join(dir, 'data'), LEEWAY_CLOCK_START: '2026-03-12T02:00:00Z',
    LEEWAY_EXPORT_DIR: path.join(dir, 'files'), LEEWAY_BACKUP_DIR: undefined });

  it("runs the night's steps in order and says what each did; the files go where LEEWAY_EXPORT_DIR says", async () => {
    const res = await runCli(['nightly', '--json'], { env: env(), timeoutMs: 120_000 });
    expect(res.code, res.stderr).toBe(0);
    const steps = JSON.parse(res.stdout) as Record<string, Record<string, unknown>>;
    // No backup: LEEWAY_BACKUP_DIR is not set.
    expect(Object.keys(steps)).toEqual(['zones', 'recalls', 'plans', 'settlements', 'strategy', 'queues', 'month_end', 'bank_files', 'erasure']);
    expect(steps.recalls).toMatchObject({ date: '2026-03-12', placements: 1, recalled: 1 });
    // The ended placement's account was recalled first, so the run judged the other three only.
    expect(steps.strategy).toMatchObject({ date: '2026-03-12', accounts: 3 });
    expect((await db.pool.query(`SELECT status FROM accounts WHERE id = $1`, [endedAccount])).rows[0].status).toBe('recalled');
    expect(await fs.readdir(path.join(dir, 'files', bankCode))).toContain(`accounts-${bankCode}-2026-03-12-zh.csv`);
    // Run again for the night: nothing more to do.
    const again = JSON.parse((await runCli(['nightly', '--json'], { env: env(), timeoutMs: 120_000 })).stdout);
    expect(again.recalls).toMatchObject({ recalled: 0 });
    expect(again.strategy).toMatchObject({ changed: 0, sms_queued: 0 });
  }, 240_000);

  it('prints a line a step without --json, and refuses a day to come before anything is done', async () => {
    const res = await runCli(['nightly', '--date', '2026-03-11'], { env: env(), timeoutMs: 120_000 });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout.split('\n').filter(Boolean).map((l) => l.split(/\s+/)[0])).toEqual(
      ['zones', 'recalls', 'plans', 'settlements', 'strategy', 'queues', 'month_end', 'bank_files', 'erasure']);
    expect(res.stdout).toMatch(/^strategy\s+strategy run done: date 2026-03-11, accounts 3,/m);
    const ahead = await runCli(['nightly', '--date', '2026-03-20'], { env: env() });
    expect(ahead.code).toBe(2);
    expect(ahead.stderr).toContain("The night's work cannot run for 2026-03-20, a day to come");
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM account_strategy WHERE business_date = '2026-03-20'`)).rows[0].n).toBe(0);
  }, 240_000);
});
