import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR, type Actor, type AppContext } from '../src/app/context.ts';
import { setContract } from '../src/app/contracts/set-contract.ts';
import { recordPayment } from '../src/app/payments/record-payment.ts';
import { reversePayment } from '../src/app/payments/reverse-payment.ts';
import { buildStatement } from '../src/app/statements/build-statement.ts';
import { exportStatement } from '../src/app/statements/export-statement.ts';
import { incentiveReport } from '../src/app/statements/incentive-report.ts';
import { issueStatement } from '../src/app/statements/issue-statement.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';
import { runCli } from './support/cli.ts';
import { CONTRACT } from './support/money-fixtures.ts';

let db: TestDatabase;
let ctx: AppContext; // business date 2026-03-02
let april: AppContext; // business date 2026-04-02
let app: FastifyInstance;
let c1: { id: number; username: string };
let c2: { id: number; username: string };
let staff: Actor;
let a: number; // M5 at placement: 15 %
let b: number; // M2 at placement: 8 %
const paymentIds: Record<string, number> = {};
const cookies: Record<string, string> = {};

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  april = testContext(db.pool, () => new Date('2026-04-02T02:00:00Z'));
  const bank = await newCreditor(db.pool, 'BANK1');
  const other = await newCreditor(db.pool, 'BANK2');
  const team = await newTeam(db.pool);
  c1 = await newUser(db.pool, 'collector', { teamId: team.id });
  c2 = await newUser(db.pool, 'collector', { teamId: team.id });
  const sup = await newUser(db.pool, 'supervisor', { teamId: team.id });
  staff = { userId: sup.id, username: sup.username, role: 'supervisor', teamId: team.id, creditorId: null };
  a = (await newAccount(db.pool, { creditorId: bank.id, debtorId: (await newDebtor(ctx)).id, collectorId: c1.id, teamId: team.id, firstDelinquencyDate: '2025-09-01' })).id;
  b = (await newAccount(db.pool, { creditorId: bank.id, debtorId: (await newDebtor(ctx)).id, collectorId: c2.id, teamId: team.id, firstDelinquencyDate: '2025-12-01' })).id;
  await db.pool.query(`UPDATE assignments SET assigned_at = '2025-12-31 09:00+08'`);
  await setContract(ctx, CLI_ACTOR, { creditor: 'BANK1', contract: CONTRACT, effectiveFrom: '2025-01-01' });
  const pay = async (key: string, accountId: number, amountFen: number, paidOn: string) =>
    (paymentIds[key] = (await recordPayment(ctx, staff, { accountId, amountFen, paidOn, txnId: key })).id);
  await pay('JAN', a, 10_000, '2026-01-31');
  await pay('FEB1', a, 100_000, '2026-02-03');
  await pay('FEB2', b, 33_333, '2026-02-14');
  await pay('FEB3', b, 5, '2026-02-20');
  await pay('MAR1', a, 20_000, '2026-03-01');
  // For the incentive report: a promise c1 took that was kept in February, a complaint against c2 upheld in February.
  await db.pool.query(`INSERT INTO promises (creditor_id, account_id, amount_fen, due_date, status, taken_by, created_at, resolved_at)
    VALUES ($1, $2, 100000, '2026-02-05', 'kept', $3, '2026-02-01 10:00+08', '2026-02-03 12:00+08')`, [bank.id, a, c1.id]);
  await db.pool.query(`INSERT INTO complaints (creditor_id, account_id, kind, channel, description, collector_id, status, finding, created_at, resolved_at)
    VALUES ($1, $2, 'complaint', 'phone', '态度恶劣', $3, 'closed', 'upheld', '2026-02-10 10:00+08', '2026-02-12 10:00+08')`, [bank.id, b, c2.id]);

  app = await buildServer(april);
  const own = await newUser(db.pool, 'creditor_user', { creditorId: bank.id });
  const foreign = await newUser(db.pool, 'creditor_user', { creditorId: other.id });
  cookies.own = await signInCookie(app, own.username);
  cookies.foreign = await signInCookie(app, foreign.username);
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe('the February statement (hand-computed)', () => {
  it('has the month\'s payments with bucket, rate and commission rounded half up per line; totals are sums of the lines', async () => {
    const s = await buildStatement(ctx, CLI_ACTOR, { creditor: 'BANK1', month: '2026-02' });
    expect(s.status).toBe('draft');
    expect(s.lines.map((l) => [l.txn_id, l.kind, l.paid_on, l.amount_fen, l.bucket, l.rate_bp, l.commission_fen, l.collector_name])).toEqual([
      ['FEB1', 'payment', '2026-02-03', 100_000, 'M5', 1500, 15_000, `collector ${c1.username}`], // 1,000.00 x 15 %
      ['FEB2', 'payment', '2026-02-14', 33_333, 'M2', 800, 2_667, `collector ${c2.username}`], // 333.33 x 8 % = 26.6664 -> 26.67
      ['FEB3', 'payment', '2026-02-20', 5, 'M2', 800, 0, `collector ${c2.username}`], // 0.05 x 8 % = 0.004 -> 0.00
    ]);
    expect(s.totals).toEqual({ recovered_fen: 133_338, commission_fen: 17_667, net_due_fen: 115_671, lines: 3 });
    expect(s.lines.every((l) => /^\*+\d{4}$|^\d{4}\*+\d{4}$/.test(l.account_no_mask))).toBe(true);
  });

  it('once issued is frozen: corrections after it go on March as adjustments', async () => {
    await expect(issueStatement(ctx, CLI_ACTOR, { creditor: 'BANK1', month: '2026-03' })).rejects.toMatchObject({ code: 'CONFLICT' }); // not over
    const issued = await issueStatement(ctx, CLI_ACTOR, { creditor: 'BANK1', month: '2026-02' });
    expect(issued.status).toBe('issued');
    await expect(issueStatement(ctx, CLI_ACTOR, { creditor: 'BANK1', month: '2026-02' })).rejects.toMatchObject({ code: 'CONFLICT' });

    // After the issue: FEB2 bounces, and a February payment the bank reported late is recorded.
    await reversePayment(ctx, staff, { paymentId: paymentIds.FEB2!, reason: 'bounced', on: '2026-03-02' });
    await recordPayment(ctx, staff, { accountId: a, amountFen: 1_000, paidOn: '2026-02-25', txnId: 'LATE' });

    const feb = await buildStatement(april, CLI_ACTOR, { creditor: 'BANK1', month: '2026-02' });
    expect(feb).toMatchObject({ status: 'issued', totals: { recovered_fen: 133_338, commission_fen: 17_667, net_due_fen: 115_671, lines: 3 } });
    expect(feb.lines.map((l) => l.txn_id)).toEqual(['FEB1', 'FEB2', 'FEB3']);
    // Its files print when it was issued on the agency's clock (Shanghai), not in UTC.
    expect(feb.issued_local).toBe(new Date(Date.parse(feb.issued_at!) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' '));
    await expect(db.pool.query('UPDATE statements SET recovered_fen = 0')).rejects.toThrow(/frozen/);
    await expect(db.pool.query('DELETE FROM statement_lines')).rejects.toThrow(/frozen/);

    const mar = await buildStatement(april, CLI_ACTOR, { creditor: 'BANK1', month: '2026-03' });
    expect(mar.lines.map((l) => [l.txn_id, l.kind, l.amount_fen, l.commission_fen])).toEqual([
      ['LATE', 'adjustment', 1_000, 150],
      ['MAR1', 'payment', 20_000, 3_000],
      ['FEB2-REV', 'adjustment', -33_333, -2_667],
    ]);
    expect(mar.totals).toEqual({ recovered_fen: -12_333, commission_fen: 483, net_due_fen: -12_816, lines: 3 });
    // January was never issued: its payment waits for January's statement.
    expect((await buildStatement(april, CLI_ACTOR, { creditor: 'BANK1', month: '2026-01' })).lines.map((l) => l.txn_id)).toEqual(['JAN']);
  });
});

describe('leeway statements build', () => {
  it('prints the issued statement as JSON, and refuses a bad month with exit 2', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-statements-'));
    const env = { DATABASE_URL: db.url, LEEWAY_DATA_DIR: dataDir };
    const res = await runCli(['statements', 'build', '--creditor', 'BANK1', '--month', '2026-02', '--json'], { env });
    expect(res.stderr).toBe('');
    expect(JSON.parse(res.stdout)).toMatchObject({ status: 'issued', totals: { recovered_fen: 133_338, commission_fen: 17_667, net_due_fen: 115_671, lines: 3 } });
    const bad = await runCli(['statements', 'build', '--creditor', 'BANK1', '--month', '2026-2'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/month must be YYYY-MM/);
    await fs.rm(dataDir, { recursive: true, force: true });
  });
});

describe('exports', () => {
  it('CSV is UTF-8 with a BOM and the issued lines and totals', async () => {
    const file = await exportStatement(april, CLI_ACTOR, { creditor: 'BANK1', month: '2026-02', format: 'csv', locale: 'zh-CN' });
    expect(file.fileName).toBe('statement-BANK1-2026-02-zh.csv');
    expect([...file.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = file.body.toString('utf8');
    expect(text).toContain('2,还款,');
    expect(text).toContain(',333.33,M2,8.00%,26.67,');
    expect(text).toContain('应付银行净额,1156.71');
  });

  it('XLSX has the lines with amounts as numbers and the totals', async () => {
    const file = await exportStatement(april, CLI_ACTOR, { creditor: 'BANK1', month: '2026-02', format: 'xlsx', locale: 'en' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.body as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(2).getCell(6).value).toBe('Amount (CNY)');
    expect(sheet.getRow(4).getCell(6).value).toBe(333.33);
    expect(sheet.getRow(4).getCell(9).value).toBe(26.67);
    const labels = [] as unknown[];
    sheet.eachRow((row) => labels.push(row.getCell(1).value, row.getCell(2).value));
    expect(labels).toEqual(expect.arrayContaining(['Net due to the bank', 1156.71]));
  });

  it('PDF embeds a CJK font and maps its glyphs back to the Chinese text, in zh and en', async () => {
    const zh = await exportStatement(april, CLI_ACTOR, { creditor: 'BANK1', month: '2026-02', format: 'pdf', locale: 'zh-CN' });
    expect(zh.body.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfStreams(zh.body);
    expect(text).toMatch(/FontFile/);
    // the ToUnicode map of the embedded subset names 佣 (U+4F63), 金 (U+91D1), 结 (U+7ED3), 算 (U+7B97)
    for (const code of ['4f63', '91d1', '7ed3', '7b97']) expect(text.toLowerCase()).toContain(`<${code}>`);
    const en = await exportStatement(april, CLI_ACTOR, { creditor: 'BANK1', month: '2026-02', format: 'pdf', locale: 'en' });
    expect(en.fileName).toBe('statement-BANK1-2026-02-en.pdf');
    const enText = pdfStreams(en.body).toLowerCase();
    expect(enText).toContain('<94f6>'); // 银, of the bank's name "BANK1 银行", still Chinese in the English statement
    expect(enText).not.toContain('<4f63>'); // the headings are English: no 佣
  });
});

describe('HTTP: a creditor user sees only their own creditor', () => {
  it('gets their statement without naming it, and 404 for another bank', async () => {
    const own = await app.inject({ method: 'GET', url: '/api/statements?month=2026-02', headers: { cookie: cookies.own! } });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ creditor: 'BANK1', status: 'issued', totals: { net_due_fen: 115_671 } });
    const foreign = await app.inject({ method: 'GET', url: '/api/statements?creditor=BANK1&month=2026-02', headers: { cookie: cookies.foreign! } });
    expect(foreign.statusCode).toBe(404);
    const file = await app.inject({ method: 'GET', url: '/api/statements/export?month=2026-02&format=csv&locale=en', headers: { cookie: cookies.own! } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toBe('attachment; filename="statement-BANK1-2026-02-en.csv"');
    expect(file.body).toContain('Net due to the bank,1156.71');
    const bad = await app.inject({ method: 'GET', url: '/api/statements?month=2026-2', headers: { cookie: cookies.own! } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('month');
  });
});

describe('collector incentive report', () => {
  it('per collector for a month: recovered, commission, promises kept, upheld complaints', async () => {
    const feb = await incentiveReport(april, CLI_ACTOR, { month: '2026-02' });
    const by = Object.fromEntries(feb.rows.map((r) => [r.collector_id, r]));
    expect(by[c1.id]).toMatchObject({ recovered_fen: 101_000, commission_fen: 15_150, promises_kept: 1, upheld_complaints: 0 });
    expect(by[c2.id]).toMatchObject({ recovered_fen: 33_338, commission_fen: 2_667, promises_kept: 0, upheld_complaints: 1 });
    const mar = await incentiveReport(april, CLI_ACTOR, { month: '2026-03' });
    // A month with only a reversal: the money goes back, and no payment is counted (a bounce is not one).
    expect(mar.rows.find((r) => r.collector_id === c2.id)).toMatchObject({ recovered_fen: -33_333, commission_fen: -2_667, payments: 0 });
    const own = await incentiveReport(april, { userId: c1.id, username: c1.username, role: 'collector', teamId: null, creditorId: null }, { month: '2026-02' });
    expect(own.rows.map((r) => r.collector_id)).toEqual([c1.id]);
  });

  it('counts the accounts paid off (结清户数) in the month of their last payment, for the collector it was credited to', async () => {
    const bank2 = (await db.pool.query(`SELECT id FROM creditors WHERE code = 'BANK2'`)).rows[0].id as number;
    const team = (await db.pool.query(`SELECT team_id FROM users WHERE id = $1`, [c1.id])).rows[0].team_id as number;
    const paidOff = (await newAccount(db.pool, { creditorId: bank2, debtorId: (await newDebtor(ctx)).id, collectorId: c1.id, teamId: team, principalFen: 8_500 })).id;
    await db.pool.query(`UPDATE assignments SET assigned_at = '2025-12-31 09:00+08' WHERE account_id = $1`, [paidOff]);
    await recordPayment(april, staff, { accountId: paidOff, amountFen: 5_000, paidOn: '2026-02-27' });
    expect((await incentiveReport(april, CLI_ACTOR, { month: '2026-02' })).rows.find((r) => r.collector_id === c1.id)).toMatchObject({ paid_off: 0 });
    await recordPayment(april, staff, { accountId: paidOff, amountFen: 5_000, paidOn: '2026-03-10' }); // 100.00 owed: 85.00 + 10.00 interest + 5.00 fees
    const mar = await incentiveReport(april, CLI_ACTOR, { month: '2026-03' });
    expect(mar.rows.find((r) => r.collector_id === c1.id)).toMatchObject({ paid_off: 1 });
    expect(mar.rows.find((r) => r.collector_id === c2.id)).toMatchObject({ paid_off: 0 });
    expect(mar.totals.paid_off).toBe(1);
    expect((await incentiveReport(april, CLI_ACTOR, { month: '2026-02' })).totals.paid_off).toBe(0);
  });
});

/** A PDF as latin1 text, followed by every stream inflated. */
function pdfStreams(pdf: Buffer): string {
  const out: string[] = [];
  let at = 0;
  for (;;) {
    const start = pdf.indexOf('stream\n', at);
    if (start < 0) break;
    const end = pdf.indexOf('\nendstream', start);
    const body = pdf.subarray(start + 7, end);
    try { out.push(zlib.inflateSync(body).toString('latin1')); } catch { out.push(body.toString('latin1')); }
    at = end + 10;
  }
  return pdf.toString('latin1') + '\n' + out.join('\n');
}
