import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR, type AppContext } from '../src/app/context.ts';
import { importPayments } from '../src/app/import/import-payments.ts';
import { importPlacements } from '../src/app/import/import-placements.ts';
import { importRecalls } from '../src/app/import/import-recalls.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { testContext } from './support/fixtures.ts';
import { PLACEMENT_HEADER_ZH, placementCells, placementFixtures, tempDir, writeCsv, writeXlsx } from './support/import-fixtures.ts';

let db: TestDatabase;
let ctx: AppContext;
let dir: string;
const accounts = placementFixtures(5).map((f) => f.accountNo);

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool); // business date 2026-03-02
  dir = await tempDir();
  await db.pool.query(`INSERT INTO creditors (code, name) VALUES ('BANK1', '华裕银行'), ('BANK2', '第二银行')`);
  // Placed at the start of February: the recalls below fall after it.
  const file = await writeCsv(path.join(dir, 'placements.csv'), [...PLACEMENT_HEADER_ZH, '委案日期'], placementFixtures(5).map((f) => [...placementCells(f), '2026-02-01']));
  await importPlacements(ctx, CLI_ACTOR, { filePath: file, creditor: 'BANK1' });
});
afterAll(async () => {
  await db?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

const count = async (sql: string, params: unknown[] = []) => (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]!.n;

describe('payment files', () => {
  const header = ['账号', '交易流水号', '还款金额', '还款日期'];

  it('records payments keyed by the bank transaction id; a repeat is unchanged, never counted twice', async () => {
    const rows = [[accounts[0]!, 'T001', '1,000.00', '2026/2/1'], [accounts[1]!, 'T002', '￥88.80', '20260215'], [accounts[0]!, 'T003', '-50.00', '2026年2月20日']];
    const first = await importPayments(ctx, CLI_ACTOR, { filePath: await writeCsv(path.join(dir, 'pay1.csv'), header, rows), creditor: 'BANK1' });
    expect(first.summary).toMatchObject({ rows: 3, inserted: 3, updated: 0, unchanged: 0, rejected: 0 });
    const stored = await db.pool.query(`SELECT p.txn_id, p.amount_fen, p.paid_on, p.batch_id, a.account_no FROM payments p
      JOIN accounts a ON a.creditor_id = p.creditor_id AND a.id = p.account_id ORDER BY p.txn_id`);
    expect(stored.rows).toEqual([
      { txn_id: 'T001', amount_fen: 100000, paid_on: '2026-02-01', batch_id: first.summary.batch_id, account_no: accounts[0] },
      { txn_id: 'T002', amount_fen: 8880, paid_on: '2026-02-15', batch_id: first.summary.batch_id, account_no: accounts[1] },
      { txn_id: 'T003', amount_fen: -5000, paid_on: '2026-02-20', batch_id: first.summary.batch_id, account_no: accounts[0] },
    ]);

    // The next day's file repeats two of them, in another format.
    const next = await importPayments(ctx, CLI_ACTOR, {
      filePath: await writeXlsx(path.join(dir, 'pay2.xlsx'), ['Account No', 'Transaction ID', 'Amount', 'Payment Date'],
        [[accounts[0]!, 'T001', 1000, '2026-02-01'], [accounts[1]!, 'T002', '88.8', new Date(Date.UTC(2026, 1, 15))], [accounts[2]!, 'T004', '10', '2026-03-01']]),
      creditor: 'BANK1',
    });
    expect(next.summary).toMatchObject({ rows: 3, inserted: 1, unchanged: 2, rejected: 0 });
    expect(await count('payments')).toBe(4);
    const balances = await db.pool.query('SELECT principal_fen FROM accounts WHERE account_no = $1', [accounts[0]]);
    expect(balances.rows[0].principal_fen).toBe(100101); // balances come from the bank's balance files, not from payments
  });

  it('rejects a payment for an unknown account, and a known transaction id with different values', async () => {
    const rows = [['6299999999999999', 'T100', '5.00', '2026-02-01'], [accounts[0]!, 'T001', '999.00', '2026-02-01'],
      [accounts[3]!, 'T101', '5.00', '2026-02-02'], [accounts[3]!, 'T101', '5.00', '2026-02-02'], [accounts[3]!, 'T102', '0', '2026-02-02']];
    const file = await writeCsv(path.join(dir, 'pay3.csv'), header, rows);
    const { summary } = await importPayments(ctx, CLI_ACTOR, { filePath: file, creditor: 'BANK1' });
    expect(summary).toMatchObject({ rows: 5, inserted: 1, unchanged: 1, rejected: 3 });
    const errors = parse(await fs.readFile(summary.errors_file!, 'utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(errors.map((e) => [e.row_number, e.column])).toEqual([['2', '账号'], ['3', '交易流水号'], ['6', '还款金额']]);
    expect(errors[0]!.reason).toMatch(/没有这个账号的账户.* \/ no account with this account number has been placed by this creditor/);
    expect(errors[1]!.reason).toMatch(/a transaction cannot change/);
    const t001 = await db.pool.query(`SELECT amount_fen FROM payments WHERE txn_id = 'T001'`);
    expect(t001.rows).toEqual([{ amount_fen: 100000 }]);
  });

  it('a row given twice shares its first copy\'s fate: both refused when the first is, both in the errors file', async () => {
    const rows = [[accounts[4]!, 'D1', '0', '2026-02-05'], [accounts[4]!, 'D1', '0', '2026-02-05'],
      ['6299999999999998', 'D2', '5.00', '2026-02-05'], ['6299999999999998', 'D2', '5.00', '2026-02-05'], [accounts[4]!, 'D3', '1.00', '2026-02-05'], [accounts[4]!, 'D3', '1.00', '2026-02-05']];
    const { summary } = await importPayments(ctx, CLI_ACTOR, { filePath: await writeCsv(path.join(dir, 'pay-twice.csv'), header, rows), creditor: 'BANK1' });
    // D1 (a zero amount) refused as read, D2 (no such account) by the database, each twice; D3 lands once and its copy is unchanged.
    expect(summary).toMatchObject({ rows: 6, inserted: 1, unchanged: 1, rejected: 4 });
    const errors = parse(await fs.readFile(summary.errors_file!, 'utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(errors.map((e) => [e.row_number, e.column])).toEqual([['2', '还款金额'], ['3', '还款金额'], ['4', '账号'], ['5', '账号']]);
    expect(errors[3]!.reason).toBe(errors[2]!.reason);
    expect(await count(`payments WHERE txn_id IN ('D1', 'D2', 'D3')`)).toBe(1);
  });

  it('does not see another creditor\'s accounts', async () => {
    const { summary } = await importPayments(ctx, CLI_ACTOR, {
      filePath: await writeCsv(path.join(dir, 'pay-bank2.csv'), header, [[accounts[0]!, 'X1', '1', '2026-02-01']]), creditor: 'BANK2',
    });
    expect(summary).toMatchObject({ inserted: 0, rejected: 1 });
  });
});

describe('recall files', () => {
  it("refuses a payments or placements file chosen as recalls before anything is written (it recalled every account in it)", async () => {
    const statuses = async () => (await db.pool.query(`SELECT status FROM accounts WHERE account_no = ANY($1) ORDER BY account_no`, [accounts])).rows.map((r) => r.status);
    const before = await statuses();
    const batches = await count('import_batches');
    const payments = await writeCsv(path.join(dir, 'wrong-kind.csv'), ['账号', '交易流水号', '还款金额', '还款日期'], [[accounts[0]!, 'W1', '10.00', '2026-02-20']]);
    await expect(importRecalls(ctx, CLI_ACTOR, { filePath: payments, creditor: 'BANK1' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'file',
      message: expect.stringContaining(`This file has a payments file's columns ("交易流水号", "还款金额"): imported as recalls it would recall every account in it. Import it as payments`),
      messageZh: expect.stringContaining('这个文件含有还款文件的列') });
    const placements = await writeCsv(path.join(dir, 'wrong-kind-2.csv'), [...PLACEMENT_HEADER_ZH], placementFixtures(1).map(placementCells));
    await expect(importRecalls(ctx, CLI_ACTOR, { filePath: placements, creditor: 'BANK1' })).rejects.toMatchObject({ message: expect.stringContaining("a placements file's columns") });
    expect(await statuses()).toEqual(before);
    expect(await count('import_batches')).toBe(batches);
  });

  it('recalls listed accounts with the date, keeps their previous state in history, deletes nothing', async () => {
    const rows = [[accounts[0]!, '2026-02-28'], [accounts[1]!, ''], ['6299999999999999', '2026-02-28']];
    const before = await count('accounts');
    const { summary } = await importRecalls(ctx, CLI_ACTOR, { filePath: await writeCsv(path.join(dir, 'recall.csv'), ['账号', '退案日期'], rows), creditor: 'BANK1' });
    expect(summary).toMatchObject({ rows: 3, inserted: 0, updated: 2, unchanged: 0, rejected: 1 });
    expect(await count('accounts')).toBe(before);
    const recalled = await db.pool.query(`SELECT account_no, status, recalled_on, version FROM accounts WHERE status = 'recalled' ORDER BY account_no`);
    expect(recalled.rows).toEqual([
      { account_no: accounts[0], status: 'recalled', recalled_on: '2026-02-28', version: 2 },
      { account_no: accounts[1], status: 'recalled', recalled_on: '2026-03-02', version: 2 },
    ]);
    const history = await db.pool.query(`SELECT h.status, h.recalled_on, h.batch_id FROM account_history h JOIN accounts a ON a.id = h.account_id
      WHERE a.account_no = $1`, [accounts[0]]);
    expect(history.rows).toEqual([{ status: 'placed', recalled_on: null, batch_id: summary.batch_id }]);
    const audit = await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'import.recalls'`);
    expect(audit.rows[0].detail).toMatchObject({ rows: 3, updated: 2, rejected: 1 });
  });

  it('refuses a recall dated before the account was placed, or after today, naming the column', async () => {
    const rows = [[accounts[2]!, '2026-01-31'], [accounts[2]!, '2026-04-01']];
    const { summary } = await importRecalls(ctx, CLI_ACTOR, { filePath: await writeCsv(path.join(dir, 'recall-early.csv'), ['账号', '退案日期'], rows), creditor: 'BANK1' });
    expect(summary).toMatchObject({ updated: 0, rejected: 2 });
    const errors = parse(await fs.readFile(summary.errors_file!, 'utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(errors.map((e) => [e.row_number, e.column])).toEqual([['2', '退案日期'], ['3', '退案日期']]);
    expect(errors[1]!.reason).toContain('recall date 2026-04-01 is after today (2026-03-02)');
    expect(errors[0]!.reason).toContain('退案日期早于该账户委案给我们的日期');
    expect((await db.pool.query('SELECT status FROM accounts WHERE account_no = $1', [accounts[2]])).rows[0].status).not.toBe('recalled');
  });

  it('refuses both copies of a recall given twice that cannot be (dated before the placement): the account stays in collection', async () => {
    const rows = [[accounts[3]!, '2026-01-31'], [accounts[3]!, '2026-01-31']];
    const { summary } = await importRecalls(ctx, CLI_ACTOR, { filePath: await writeCsv(path.join(dir, 'recall-twice.csv'), ['账号', '退案日期'], rows), creditor: 'BANK1' });
    expect(summary).toMatchObject({ rows: 2, updated: 0, unchanged: 0, rejected: 2 });
    const errors = parse(await fs.readFile(summary.errors_file!, 'utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(errors.map((e) => e.row_number)).toEqual(['2', '3']);
    expect((await db.pool.query('SELECT status FROM accounts WHERE account_no = $1', [accounts[3]])).rows[0].status).not.toBe('recalled');
  });

  it('leaves an account already recalled unchanged', async () => {
    const { summary } = await importRecalls(ctx, CLI_ACTOR, {
      filePath: await writeCsv(path.join(dir, 'recall-again.csv'), ['account_no', 'recall_date'], [[accounts[0]!, '2026-03-01']]), creditor: 'BANK1',
    });
    expect(summary).toMatchObject({ updated: 0, unchanged: 1 });
    const row = await db.pool.query('SELECT recalled_on FROM accounts WHERE account_no = $1', [accounts[0]]);
    expect(row.rows[0].recalled_on).toBe('2026-02-28');
  });

  it('keeps an account already paid in full as paid, with the recall date: its outcome is not lost', async () => {
    await db.pool.query(`UPDATE accounts SET status = 'paid' WHERE account_no = $1`, [accounts[3]]);
    const recall = async (name: string) => (await importRecalls(ctx, CLI_ACTOR, {
      filePath: await writeCsv(path.join(dir, name), ['account_no', 'recall_date'], [[accounts[3]!, '2026-03-01']]), creditor: 'BANK1' })).summary;
    expect(await recall('recall-paid.csv')).toMatchObject({ updated: 1 });
    expect((await db.pool.query('SELECT status, recalled_on FROM accounts WHERE account_no = $1', [accounts[3]])).rows[0]).toEqual({ status: 'paid', recalled_on: '2026-03-01' });
    expect(await recall('recall-paid-again.csv')).toMatchObject({ updated: 0, unchanged: 1 });
  });

  it('places a recalled account again when a later placement file lists it', async () => {
    const fixtures = placementFixtures(1);
    const file = await writeCsv(path.join(dir, 'replace.csv'), [...PLACEMENT_HEADER_ZH, '委案日期'], [[...placementCells(fixtures[0]!), '2026-03-02']]);
    const { summary } = await importPlacements(ctx, CLI_ACTOR, { filePath: file, creditor: 'BANK1', placementEnd: '2026-12-31' });
    expect(summary).toMatchObject({ updated: 1 });
    const { rows: [account] } = await db.pool.query(`SELECT a.status, a.recalled_on, p.ends_on FROM accounts a
      JOIN placements p ON p.creditor_id = a.creditor_id AND p.id = a.placement_id WHERE a.account_no = $1`, [accounts[0]]);
    expect(account).toEqual({ status: 'placed', recalled_on: null, ends_on: '2026-12-31' });
    expect(await count('account_history h JOIN accounts a ON a.id = h.account_id WHERE a.account_no = $1', [accounts[0]])).toBe(2);
  });
});
