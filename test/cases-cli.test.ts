import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offerSettlement } from '../src/app/cases/offer-settlement.ts';
import type { AppContext } from '../src/app/context.ts';
import { runCli } from './support/cli.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext } from './support/fixtures.ts';

/** `leeway cases ...` as the real process against a test database. */
let db: TestDatabase;
let ctx: AppContext;
let env: Record<string, string>;

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  env = { DATABASE_URL: db.url, LEEWAY_DATA_DIR: await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-cases-')), LEEWAY_CLOCK_START: '2026-03-02T10:00:00+08:00' };
});
afterAll(async () => { await db?.drop(); });

describe('leeway cases', () => {
  it('evaluate-settlements settles an offer paid as agreed, and list shows it', async () => {
    const bank = await newCreditor(db.pool, 'CLIBANK');
    const team = await newTeam(db.pool);
    const collector = await newUser(db.pool, 'collector', { teamId: team.id });
    const { id } = await newAccount(db.pool, { creditorId: bank.id, debtorId: (await newDebtor(ctx)).id, collectorId: collector.id, teamId: team.id });
    const offer = await offerSettlement(ctx, { userId: collector.id, username: collector.username, role: 'collector', teamId: team.id, creditorId: null }, id,
      { principalFen: 0, interestFen: 50, feesFen: 0, payment: 'lump_sum', dueDate: '2026-03-10' });
    await db.pool.query(`INSERT INTO payments (creditor_id, account_id, txn_id, amount_fen, paid_on) VALUES ($1, $2, 'CLI1', $3, '2026-03-02')`,
      [bank.id, id, offer.settle_fen]);

    const run = await runCli(['cases', 'evaluate-settlements', '--date', '2026-03-02', '--json'], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ date: '2026-03-02', settled: 1, lapsed: 0, outcomes: [{ waiver_id: offer.id, status: 'settled' }] });
    const list = await runCli(['cases', 'list', '--account', String(id)], { env });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain(`settlement ${offer.id}  settled`);

    const bad = await runCli(['cases', 'evaluate-settlements', '--date', '2026-02-30'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/2026-02-30/);
  });
});
