import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';

/* One creditor, one account of 200,000 fen placed 2026-01-10 (M2), 30,000 recovered (one payment and a -5,000 reversal on top of 35,000). */
let db: TestDatabase;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-reports-cli-'));
  const { rows: [c] } = await db.pool.query(`INSERT INTO creditors (code, name) VALUES ('BANKC', '川银行') RETURNING id`);
  const { rows: [p] } = await db.pool.query(`INSERT INTO placements (creditor_id, batch_ref, placed_on, ends_on) VALUES ($1, 'P', '2026-01-10', '2026-12-31') RETURNING id`, [c.id]);
  const { rows: [d] } = await db.pool.query(`INSERT INTO debtors (name) VALUES ('李四') RETURNING id`);
  const { rows: [a] } = await db.pool.query(
    `INSERT INTO accounts (creditor_id, account_no, account_no_mask, debtor_id, placement_id, principal_fen, first_delinquency_date, region_code)
     VALUES ($1, 'C1', 'C1', $2, $3, 200000, '2025-12-01', '510104') RETURNING id`, [c.id, d.id, p.id]);
  await db.pool.query(`INSERT INTO payments (creditor_id, account_id, txn_id, amount_fen, paid_on) VALUES ($1, $2, 't1', 35000, '2026-01-20'), ($1, $2, 't2', -5000, '2026-01-25')`, [c.id, a.id]);
});
afterAll(async () => {
  await db?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

const cli = (args: string[]) => runCli(args, { env: { DATABASE_URL: db.url, LEEWAY_DATA_DIR: dir, LEEWAY_DATA_KEY: 'b2'.repeat(32) }, timeoutMs: 120_000 });

describe('leeway reports', () => {
  it('recovery as JSON and as CSV (yuan, percent)', { timeout: 120_000 }, async () => {
    const json = await cli(['reports', 'recovery', '--by', 'bucket', '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ by: 'bucket', lines: [{ key: 'M2', accounts: 1, placed_fen: 200_000, payments: 1, recovered_fen: 30_000, recovery_rate_bp: 1500 }] });
    const csv = await cli(['reports', 'recovery', '--by', 'region', '--creditor', 'BANKC', '--csv']);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout).toBe('region,label,accounts,placed_yuan,payments,recovered_yuan,recovery_rate_pct\r\n' +
      '51,四川省,1,2000.00,1,300.00,15.00\r\ntotal,,1,2000.00,1,300.00,15.00\r\n');
  });

  it('bad input exits 2 naming the field', { timeout: 120_000 }, async () => {
    const res = await cli(['reports', 'recovery', '--by', 'colour']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/by must be one of creditor, region, bucket, placement_month, collector/);
  });
});
