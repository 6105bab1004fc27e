import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { CsvParser } from '../src/domain/import/csv.ts';
import { buildServer } from '../src/http/server.ts';
import { runCli } from './support/cli.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext, usContract } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

/*
 * "Today" is 2026-03-02 in Shanghai (10:00). BANKX's accounts had contacts late on 1 March and
 * just after midnight on 2 March, Shanghai time; BANKY's one contact on 1 March is not theirs.
 */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
let accountNo = '';
let collectorName = '';
const ids: Record<string, number> = {};

async function attempt(creditorId: number, accountId: number, at: string, fields: { outcome: string; channel?: string; party?: string;
  note?: string | null; collectorId?: number | null; reason?: string | null; recording?: string | null }): Promise<void> {
  await db.pool.query(
    `INSERT INTO contact_attempts (creditor_id, account_id, debtor_id, contact_point_id, channel, party, purpose, outcome, at, collector_id, note, delinquency_reason, recording_ref)
     SELECT a.creditor_id, a.id, a.debtor_id, (SELECT id FROM contact_points WHERE debtor_id = a.debtor_id LIMIT 1), $3, $4, 'collect', $5, $6, $7, $8, $9, $10
       FROM accounts a WHERE a.creditor_id = $1 AND a.id = $2`,
    [creditorId, accountId, fields.channel ?? 'call', fields.party ?? 'debtor', fields.outcome, at, fields.collectorId ?? null, fields.note ?? null,
      fields.reason ?? null, fields.recording ?? null]);
}

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool, () => new Date('2026-03-02T02:00:00Z'));
  app = await buildServer(ctx);
  const x = await newCreditor(db.pool, 'BANKX');
  const y = await newCreditor(db.pool, 'BANKY');
  const team = await newTeam(db.pool);
  const collector = await newUser(db.pool, 'collector', { teamId: team.id });
  collectorName = `collector ${collector.username}`;
  const debtor = await newDebtor(ctx, { phone: '13800138000' });
  const ax = await newAccount(db.pool, { creditorId: x.id, debtorId: debtor.id, collectorId: collector.id, teamId: team.id, accountNo: '6222000011112222' });
  accountNo = '6222000011112222';
  const ay = await newAccount(db.pool, { creditorId: y.id, debtorId: (await newDebtor(ctx)).id, collectorId: collector.id, teamId: team.id });
  Object.assign(ids, { x: x.id, ax: ax.id, debtor: debtor.id, collector: collector.id, team: team.id });
  await attempt(x.id, ax.id, '2026-03-01T15:30:00Z', { outcome: 'promise', note: '工资发了就还, "全额"\n下周一', collectorId: collector.id, reason: 'unemployment', recording: 'REC-7' });
  await attempt(x.id, ax.id, '2026-03-01T01:00:00Z', { outcome: 'no_answer', collectorId: collector.id, note: '=HYPERLINK("http://x")' });
  await attempt(x.id, ax.id, '2026-03-01T16:10:00Z', { outcome: 'wrong_number', party: 'third_party', collectorId: collector.id,
    note: '同事王小明 13912345678 说他已离职' });
  await attempt(x.id, ax.id, '2026-03-01T05:00:00Z', { outcome: 'sms_sent', channel: 'sms' });
  await attempt(y.id, ay.id, '2026-03-01T03:00:00Z', { outcome: 'no_answer', collectorId: collector.id });
  cookies.admin = await signInCookie(app, (await newUser(db.pool, 'admin')).username);
  cookies.bankX = await signInCookie(app, (await newUser(db.pool, 'creditor_user', { creditorId: x.id })).username);
  cookies.bankY = await signInCookie(app, (await newUser(db.pool, 'creditor_user', { creditorId: y.id })).username);
  cookies.supervisor = await signInCookie(app, (await newUser(db.pool, 'supervisor', { teamId: team.id })).username);
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const get = (query: string, as: string) => app.inject({ method: 'GET', url: `/api/exports/contact-records?${query}`, headers: { cookie: cookies[as]! } });

function parseCsv(text: string): string[][] {
  const parser = new CsvParser(',');
  return [...parser.push(text), ...parser.end()];
}

describe('contact records for the bank (催记回传)', () => {
  it('yesterday\'s contacts of the creditor\'s accounts, oldest first, on the agency\'s clock, in Chinese', async () => {
    const res = await get('creditor=BANKX', 'admin');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="contacts-BANKX-2026-03-01-zh.csv"');
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(res.body.slice(1));
    expect(rows[0]).toEqual(['账号', '催收时间', '方式', '对象', '联系方式', '结果代码', '结果', '逾期原因', '备注', '催收员', '发起方', '录音编号']);
    // 01:00Z, 05:00Z and 15:30Z on 1 March are 09:00, 13:00 and 23:30 in Shanghai; 16:10Z is 2 March there.
    expect(rows.slice(1).map((r) => [r[1], r[2], r[5]])).toEqual([
      ['2026-03-01 09:00:00', '电话', 'no_answer'], ['2026-03-01 13:00:00', '短信', 'sms_sent'], ['2026-03-01 23:30:00', '电话', 'promise']]);
    expect(rows[3]).toEqual([accountNo, '2026-03-01 23:30:00', '电话', '本人', '138****8000', 'promise', '承诺还款', '失业',
      '工资发了就还, "全额"\n下周一', collectorName, '我方', 'REC-7']);
    expect(rows[1]![8]).toBe('\'=HYPERLINK("http://x")'); // text, not a formula
    expect(rows[2]![9]).toBe('系统');
    expect(res.body).not.toContain('13800138000');
  });

  it('a period, English, GBK for older systems, and XLSX', async () => {
    const en = await get('creditor=BANKX&from=2026-03-01&to=2026-03-02&locale=en', 'admin');
    const rows = parseCsv(en.body.slice(1));
    expect(rows[0]![0]).toBe('account_no');
    expect(rows.slice(1).map((r) => [r[1], r[3], r[6]])).toEqual([
      ['2026-03-01 09:00:00', 'Debtor', 'No answer'], ['2026-03-01 13:00:00', 'Debtor', 'SMS sent'],
      ['2026-03-01 23:30:00', 'Debtor', 'Promise to pay'], ['2026-03-02 00:10:00', 'Third party', 'Wrong number']]);
    // The third party is not named, nor their number given: that contact's note stays with the agency.
    expect(rows[4]![8]).toBe('(third-party contact: note not sent)');
    expect(en.body).not.toMatch(/王小明|13912345678/);
    expect(en.headers['content-disposition']).toContain('contacts-BANKX-2026-03-01_2026-03-02-en.csv');

    const gbk = await get('creditor=BANKX&encoding=gbk', 'admin');
    expect(gbk.headers['content-type']).toBe('text/csv; charset=gbk');
    const utf8 = await get('creditor=BANKX', 'admin');
    expect(iconv.decode(gbk.rawPayload, 'gbk')).toBe(utf8.body.slice(1)); // the same text, no byte order mark

    const xlsx = await get('creditor=BANKX&format=xlsx', 'admin');
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(4).getCell(1).value).toBe(accountNo);
    expect(sheet.getRow(2).getCell(9).value).toBe('=HYPERLINK("http://x")'); // a string cell: nothing to run
  });

  it('a bank\'s user gets their own creditor\'s records only; supervisors and collectors none', async () => {
    const own = await get('', 'bankX');
    expect(own.statusCode).toBe(200);
    expect(parseCsv(own.body.slice(1))).toHaveLength(4);
    const theirs = await get('', 'bankY');
    expect(parseCsv(theirs.body.slice(1)).slice(1).map((r) => r[5])).toEqual(['no_answer']);
    expect((await get('creditor=BANKX', 'bankY')).statusCode).toBe(404);
    expect((await get('creditor=BANKX', 'supervisor')).statusCode).toBe(403);
    const audit = await db.pool.query(`SELECT actor, detail FROM audit_log WHERE action = 'export.contact_records' ORDER BY id`);
    expect(audit.rows.length).toBeGreaterThanOrEqual(6);
    expect(audit.rows.at(-1).detail).toMatchObject({ from: '2026-03-01', to: '2026-03-01', format: 'csv', encoding: 'utf8' });
  });

  it('refuses a bad request with the field named', async () => {
    for (const [query, field] of [['creditor=BANKX&from=2026-01-30&to=2026-03-02', 'from'], ['creditor=BANKX&to=2026-03-03', 'to'],
      ['creditor=BANKX&from=2026-3-1', 'from'], ['creditor=BANKX&format=pdf', 'format'], ['creditor=BANKX&format=xlsx&encoding=gbk', 'encoding'],
      ['', 'creditor'], ['creditor=NOPE', 'creditor']] as const) {
      const res = await get(query, 'admin');
      expect([400, 404], query).toContain(res.statusCode);
      expect(res.json().error.field, query).toBe(field);
    }
  });

  it('from the command line, to a file', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-export-'));
    try {
      const out = path.join(dir, 'x.csv');
      const run = await runCli(['export', 'contacts', '--creditor', 'BANKX', '--from', '2026-03-01', '--out', out], {
        env: { DATABASE_URL: db.url, LEEWAY_DATA_DIR: dir, LEEWAY_CLOCK_START: '2026-03-02T10:00:00+08:00' } });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain(`Wrote ${out}: BANKX's contact records of 2026-03-01`);
      const rows = parseCsv((await fs.readFile(out, 'utf8')).slice(1));
      expect(rows.slice(1).map((r) => r[1])).toEqual(['2026-03-01 09:00:00', '2026-03-01 13:00:00', '2026-03-01 23:30:00']);
      const bad = await runCli(['export', 'contacts', '--creditor', 'BANKX', '--format', 'pdf'], { env: { DATABASE_URL: db.url, LEEWAY_DATA_DIR: dir } });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/format must be one of csv, xlsx/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the recall list for the bank (退案清单)', () => {
  it("the creditor's accounts recalled over the dates: why, balance, what was paid while placed, last contact; a bank's user their own", async () => {
    const { recallEndedPlacements } = await import('../src/app/placements/placements.ts');
    const { importRecalls } = await import('../src/app/import/import-recalls.ts');
    const { writeCsv } = await import('./support/import-fixtures.ts');
    const { CLI_ACTOR } = await import('../src/app/context.ts');
    // A batch whose term ended on 2026-02-27: two of its accounts go back tonight (one of them paid 120.00 while placed, and 50.00 before it was
    // placed); a third the bank's own recall file took back dated that same day (the bank's recall all the same); one recalled earlier is
    // outside the dates.
    const batch = (await db.pool.query(`INSERT INTO placements (creditor_id, batch_ref, placed_on, ends_on) VALUES ($1, 'BANKX-20251101', '2025-11-01', '2026-02-27') RETURNING id`,
      [ids.x])).rows[0].id as number;
    const account = async (no: string) => {
      const a = await newAccount(db.pool, { creditorId: ids.x!, debtorId: (await newDebtor(ctx)).id, collectorId: ids.collector!, teamId: ids.team!, accountNo: no });
      await db.pool.query('UPDATE accounts SET placement_id = $2 WHERE id = $1', [a.id, batch]);
      return a.id;
    };
    const paying = await account('6222777700000001');
    await account('6222777700000002');
    const taken = await account('6222777700000003');
    const earlier = await account('6222777700000004');
    for (const [fen, on] of [[12_000, '2026-01-10'], [5_000, '2025-10-20']] as const) {
      await db.pool.query(`INSERT INTO payments (creditor_id, account_id, txn_id, amount_fen, paid_on) VALUES ($1, $2, $3, $4, $5)`, [ids.x, paying, `R${on}`, fen, on]);
    }
    await attempt(ids.x!, paying, '2026-02-20T03:00:00Z', { outcome: 'promise', collectorId: ids.collector! });
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-recall-file-'));
    try {
      const recall = async (no: string, on: string) => (await importRecalls(ctx, CLI_ACTOR, {
        filePath: await writeCsv(path.join(dir, `recall-${on}.csv`), ['account_no', 'recall_date'], [[no, on]]), creditor: 'BANKX' })).summary.updated;
      expect(await recall('6222777700000003', '2026-02-27')).toBe(1);
      expect(await recall('6222777700000004', '2026-02-10')).toBe(1);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
    await recallEndedPlacements(ctx, CLI_ACTOR);

    const res = await app.inject({ method: 'GET', url: '/api/exports/recalled-accounts?creditor=BANKX&from=2026-02-27&to=2026-03-01', headers: { cookie: cookies.admin! } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="recalled-BANKX-2026-02-27_2026-03-01-zh.csv"');
    const rows = parseCsv(res.body.slice(1));
    expect(rows[0]).toEqual(['账号', '委案批次', '委案日期', '退案日期', '退案原因', '结清情况', '本金', '利息', '费用', '余额合计', '委案期间回款', '催收员', '最近联络时间', '最近联络结果']);
    expect(rows.slice(1)).toEqual([
      ['6222777700000001', 'BANKX-20251101', '2025-11-01', '2026-02-27', '委案到期', '', '10000.00', '10.00', '5.00', '10015.00', '120.00', collectorName, '2026-02-20 11:00:00', '承诺还款'],
      ['6222777700000002', 'BANKX-20251101', '2025-11-01', '2026-02-27', '委案到期', '', '10000.00', '10.00', '5.00', '10015.00', '0.00', collectorName, '', ''],
      ['6222777700000003', 'BANKX-20251101', '2025-11-01', '2026-02-27', '委托方退案', '', '10000.00', '10.00', '5.00', '10015.00', '0.00', collectorName, '', ''],
    ]);
    // In English too.
    await db.pool.query(`UPDATE accounts SET recalled_on = '2026-02-26' WHERE id = $1`, [taken]);
    const en = await app.inject({ method: 'GET', url: '/api/exports/recalled-accounts?from=2026-02-26&locale=en', headers: { cookie: cookies.bankX! } });
    expect(en.statusCode, en.body).toBe(200);
    expect(parseCsv(en.body.slice(1)).slice(1).map((r) => [r[0], r[4]])).toEqual([['6222777700000003', 'recalled by the creditor']]);
    expect((await app.inject({ method: 'GET', url: '/api/exports/recalled-accounts?creditor=BANKX', headers: { cookie: cookies.bankY! } })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/exports/recalled-accounts?creditor=BANKX', headers: { cookie: cookies.supervisor! } })).statusCode).toBe(403);
    const audit = await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'export.recalled_accounts' ORDER BY id`);
    expect(audit.rows.map((r) => [r.detail.from, r.detail.to])).toEqual([['2026-02-27', '2026-03-01'], ['2026-02-26', '2026-02-26']]);
  });

});

describe('account status for the bank (案件状态回盘)', () => {
  it('every account the agency holds for the creditor, as it stands now; recalled ones left out', async () => {
    await db.pool.query(`INSERT INTO promises (creditor_id, account_id, amount_fen, due_date, taken_by) VALUES ($1, $2, 50000, '2026-03-10', $3)`,
      [ids.x, ids.ax, ids.collector]);
    await db.pool.query(`INSERT INTO holds (debtor_id, kind, reason, starts_on) VALUES ($1, 'dispute', '书面异议', '2026-03-01')`, [ids.debtor]);
    const recalled = await newAccount(db.pool, { creditorId: ids.x!, debtorId: (await newDebtor(ctx)).id, collectorId: ids.collector!, teamId: ids.team!, accountNo: '6222999900000001' });
    await db.pool.query(`UPDATE accounts SET status = 'recalled', recalled_on = '2026-02-28' WHERE id = $1`, [recalled.id]);
    const fresh = await newAccount(db.pool, { creditorId: ids.x!, debtorId: (await newDebtor(ctx)).id, collectorId: ids.collector!, teamId: ids.team!,
      accountNo: '6222999900000002', principalFen: 300_000, firstDelinquencyDate: '2026-02-20' });

    // The debtor paid 1,000.00 of the fresh account's 3,015.00 since the bank's figures: the file says what is owed now, as the screens do.
    const paid = await app.inject({ method: 'POST', url: '/api/payments', headers: { cookie: cookies.admin! },
      payload: { account_id: fresh.id, amount_fen: 100_000, paid_on: '2026-03-01' } });
    expect(paid.statusCode, paid.body).toBe(201);
    const res = await app.inject({ method: 'GET', url: '/api/exports/account-status?creditor=BANKX', headers: { cookie: cookies.admin! } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="accounts-BANKX-2026-03-02-zh.csv"');
    const rows = parseCsv(res.body.slice(1));
    expect(rows[0]).toEqual(['账号', '状态', '本金', '利息', '费用', '余额合计', '逾期天数', '账龄', '催收员', '最近联络时间', '最近联络结果', '承诺金额', '承诺日期', '停催原因',
      '书面语言']);
    expect(rows.slice(1).map((r) => r[0])).toEqual([accountNo, '6222999900000002']);
    // newAccount: 10,000.00 principal, 10.00 interest, 5.00 fees, delinquent since 15 January.
    // Its debtor's dispute hold is in force: the status says on hold (停催), as the accounts list does, and the hold column why.
    expect(rows[1]).toEqual([accountNo, '停催', '10000.00', '10.00', '5.00', '10015.00', '46', 'M2', collectorName, '2026-03-02 00:10:00', '号码错误/非本人',
      '500.00', '2026-03-10', '异议', '']);
    expect(rows[2]!.slice(0, 11)).toEqual(['6222999900000002', '催收中', '2015.00', '0.00', '0.00', '2015.00', '10', 'M1', collectorName, '', '']);
    expect(fresh.id).toBeGreaterThan(ids.ax!);

    const bankY = await app.inject({ method: 'GET', url: '/api/exports/account-status?format=xlsx&locale=en', headers: { cookie: cookies.bankY! } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bankY.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.rowCount).toBe(2);
    expect(book.worksheets[0]!.getRow(1).getCell(14).value).toBe('hold');
    expect((await app.inject({ method: 'GET', url: '/api/exports/account-status?creditor=BANKX', headers: { cookie: cookies.bankY! } })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/exports/account-status?creditor=BANKX', headers: { cookie: cookies.supervisor! } })).statusCode).toBe(403);
    const audit = await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'export.account_status' ORDER BY id`);
    expect(audit.rows.map((r) => r.detail.format)).toEqual(['csv', 'xlsx']);
  });
});

describe('the nightly drop of files for the banks', () => {
  it('the nightly drop adds the recall list of yesterday for a creditor that had accounts recalled then, and none otherwise', async () => {
    const { writeBankFiles } = await import('../src/app/exports/bank-files.ts');
    const { CLI_ACTOR } = await import('../src/app/context.ts');
    await db.pool.query(`UPDATE accounts SET recalled_on = '2026-03-01' WHERE account_no = '6222777700000002'`);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-recall-drop-'));
    try {
      const run = await writeBankFiles(ctx, CLI_ACTOR, dir);
      expect(run.files.filter((f) => f.includes('recalled-'))).toEqual([path.join('BANKX', 'recalled-BANKX-2026-03-01-zh.csv')]);
      const rows = parseCsv((await fs.readFile(path.join(dir, 'BANKX', 'recalled-BANKX-2026-03-01-zh.csv'), 'utf8')).slice(1));
      expect(rows.slice(1).map((r) => r[0])).toEqual(['6222777700000002']);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it("writes a US bank's files in English, and gives them so when asked without a language; a Chinese bank's in Chinese", async () => {
    const { writeBankFiles } = await import('../src/app/exports/bank-files.ts');
    const { CLI_ACTOR } = await import('../src/app/context.ts');
    const us = await newCreditor(db.pool, 'PRAIRIEX');
    await usContract(db.pool, us.id);
    const team = await newTeam(db.pool);
    await newAccount(db.pool, { creditorId: us.id, debtorId: (await newDebtor(ctx)).id, collectorId: (await newUser(db.pool, 'collector', { teamId: team.id })).id, teamId: team.id });
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-us-drop-'));
    try {
      const run = await writeBankFiles(ctx, CLI_ACTOR, dir);
      expect(run.files.filter((f) => f.startsWith('PRAIRIEX'))).toEqual([path.join('PRAIRIEX', 'contacts-PRAIRIEX-2026-03-01-en.csv'), path.join('PRAIRIEX', 'accounts-PRAIRIEX-2026-03-02-en.csv')]);
      expect(run.files).toContain(path.join('BANKX', 'accounts-BANKX-2026-03-02-zh.csv'));
      const header = (await fs.readFile(path.join(dir, 'PRAIRIEX', 'accounts-PRAIRIEX-2026-03-02-en.csv'), 'utf8')).replace(/^\uFEFF/, '').split(/\r?\n/)[0]!;
      expect(header).not.toMatch(/[\u4e00-\u9fff]/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
    const asked = await app.inject({ method: 'GET', url: '/api/exports/account-status?creditor=PRAIRIEX', headers: { cookie: cookies.admin! } });
    expect(asked.headers['content-disposition']).toBe('attachment; filename="accounts-PRAIRIEX-2026-03-02-en.csv"');
  });
});
