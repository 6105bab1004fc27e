import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR, type AppContext } from '../src/app/context.ts';
import { exportLostContacts } from '../src/app/exports/lost-contacts.ts';
import { importContacts } from '../src/app/import/import-contacts.ts';
import { importPlacements } from '../src/app/import/import-placements.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { buildServer } from '../src/http/server.ts';
import { newUser, testContext } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';
import { csvText, PLACEMENT_HEADER_ZH, placementCells, placementFixtures, tempDir, writeCsv, writeXlsx } from './support/import-fixtures.ts';

/** Skip-trace results (失联修复结果) as files, on a real database. */
let db: TestDatabase;
let ctx: AppContext;
let dir: string;
const fixtures = placementFixtures(4);
const accounts = fixtures.map((f) => f.accountNo);
const HEADER = ['账号', '手机号码', '联系人', '关系', '修复来源'];
let placementBatch: number;

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  dir = await tempDir();
  await db.pool.query(`INSERT INTO creditors (code, name) VALUES ('BANK1', '华裕银行')`);
  ({ summary: { batch_id: placementBatch } } = await importPlacements(ctx, CLI_ACTOR,
    { filePath: await writeCsv(path.join(dir, 'placements.csv'), PLACEMENT_HEADER_ZH, fixtures.map(placementCells)), creditor: 'BANK1' }));
  await db.pool.query(`UPDATE accounts SET status = 'active'`);
  // The first account's debtor is lost (失联): their only phone turned out wrong.
  await db.pool.query(`UPDATE contact_points SET verified = 'invalid' WHERE kind = 'phone' AND debtor_id = (SELECT debtor_id FROM accounts WHERE account_no = $1)`, [accounts[0]]);
  await db.pool.query(`UPDATE accounts SET status = 'lost_contact' WHERE account_no = $1`, [accounts[0]]);
});
afterAll(async () => {
  await db?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

const points = async (accountNo: string) => (await db.pool.query(
  `SELECT cp.value_mask, cp.owner, cp.third_party_name, cp.relation, cp.source, cp.provenance, cp.verified
     FROM contact_points cp JOIN accounts a ON a.debtor_id = cp.debtor_id WHERE a.account_no = $1 AND cp.kind = 'phone' ORDER BY cp.id`, [accountNo])).rows;
const status = async (accountNo: string) => (await db.pool.query('SELECT status FROM accounts WHERE account_no = $1', [accountNo])).rows[0].status;

describe('skip-trace results (失联修复结果)', () => {
  let firstBatch: number;

  it('refuses a placements or payments file chosen as skip-trace results before anything is written (it made the bank\'s phones "found" and lost accounts active)', async () => {
    const before = await points(accounts[0]!);
    const batches = (await db.pool.query('SELECT count(*)::int AS n FROM import_batches')).rows[0].n;
    const placements = await writeCsv(path.join(dir, 'placements-as-contacts.csv'), ['账号', '姓名', '手机', '本金', '利息', '逾期日期'],
      [[accounts[0]!, '某人', '13712345678', '5040.76', '0', '2025-01-01']]);
    await expect(importContacts(ctx, CLI_ACTOR, { filePath: placements, creditor: 'BANK1' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'file',
      message: expect.stringContaining(`This file has a placements file's columns ("本金", "利息"): imported as skip-trace results it would add its phones and addresses`),
      messageZh: expect.stringContaining('这个文件含有委案文件的列（"本金", "利息"）：按失联修复结果导入') });
    expect(await points(accounts[0]!)).toEqual(before);
    expect(await status(accounts[0]!)).toBe('lost_contact');
    expect((await db.pool.query('SELECT count(*)::int AS n FROM import_batches')).rows[0].n).toBe(batches);
  });

  it("adds the numbers found to the debtors, with where they were found; a lost debtor's account is back in the queue", async () => {
    const rows = [
      [accounts[0]!, '139 1000 0001', '', '', '号码修复A'],
      [accounts[0]!, '+86 139-1000-0002', '王二', '父亲', '号码修复A'],
      [accounts[1]!, fixtures[1]!.phone, '', '', '号码修复A'], // the debtor has it already
      ['6299999999999999', '13910000003', '', '', '号码修复A'],
      [accounts[2]!, '110', '', '', '号码修复A'],
      [accounts[2]!, '13910000004', '', '母亲', ''],
    ];
    const file = await writeCsv(path.join(dir, '失联修复0302.csv'), HEADER, rows, { encoding: 'gbk' });
    const { summary, details } = await importContacts(ctx, CLI_ACTOR, { filePath: file, creditor: 'BANK1' });
    firstBatch = summary.batch_id;
    expect(summary).toMatchObject({ rows: 6, inserted: 2, updated: 0, unchanged: 1, rejected: 3 });
    expect(details.contactsAdded).toBe(2);

    expect(await points(accounts[0]!)).toEqual([
      expect.objectContaining({ owner: 'debtor', verified: 'invalid' }),
      { value_mask: '139****0001', owner: 'debtor', third_party_name: null, relation: null, source: 'skip_trace:号码修复A', verified: 'unverified',
        provenance: { source: 'skip_trace:号码修复A', reliability: 'medium', batch_id: firstBatch, account_id: expect.any(Number) } },
      expect.objectContaining({ value_mask: '139****0002', owner: 'third_party', third_party_name: '王二', relation: '父亲' }),
    ]);
    expect(await status(accounts[0]!)).toBe('active');
    expect(await points(accounts[1]!)).toHaveLength(1);

    const errors = parse(await fs.readFile(summary.errors_file!, 'utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(errors.map((e) => [e.row_number, e.column])).toEqual([['5', '账号'], ['6', '手机号码'], ['7', '联系人']]);
    expect(errors[1]!.reason).toMatch(/电话号码不是手机号.*\/ a phone number is neither/);
    expect(errors[2]!.reason).toMatch(/a relation is given without the contact's name/);
    expect(errors[0]!.reason).toMatch(/no account with this account number has been placed by this creditor/);
    // The number in the errors file is the bank's, as sent: the file is for correcting and sending again.
    expect(errors[1]!['手机号码']).toBe('110');
  });

  it("refuses as a debtor's own a number on file as another person's (another debtor's, or their relative's): the account stays lost", async () => {
    // The fourth account's debtor is lost too; the vendor "finds" the second debtor's own number, and the first debtor's father's.
    await db.pool.query(`UPDATE contact_points SET verified = 'invalid' WHERE kind = 'phone' AND debtor_id = (SELECT debtor_id FROM accounts WHERE account_no = $1)`, [accounts[3]]);
    await db.pool.query(`UPDATE accounts SET status = 'lost_contact' WHERE account_no = $1`, [accounts[3]]);
    const rows = [[accounts[3]!, fixtures[1]!.phone, '', '', '号码修复B'], [accounts[3]!, '13910000002', '', '', '号码修复B']];
    const { summary } = await importContacts(ctx, CLI_ACTOR, { filePath: await writeCsv(path.join(dir, 'others.csv'), HEADER, rows), creditor: 'BANK1' });
    expect(summary).toMatchObject({ rows: 2, inserted: 0, rejected: 2 });
    const errors = parse(await fs.readFile(summary.errors_file!, 'utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(errors.map((e) => e.column)).toEqual(['手机号码', '手机号码']);
    expect(errors[0]!.reason).toContain("this number is on file as another person's");
    expect(await status(accounts[3]!)).toBe('lost_contact');
    expect((await points(accounts[3]!)).filter((p) => p.verified !== 'invalid')).toEqual([]);
    await db.pool.query(`UPDATE accounts SET status = 'active' WHERE account_no = $1`, [accounts[3]]);
  });

  it('changes nothing the second time: the same file, or the same numbers in another file (XLSX, English headers)', async () => {
    const again = await importContacts(ctx, CLI_ACTOR, { filePath: path.join(dir, '失联修复0302.csv'), creditor: 'BANK1' });
    expect(again.summary).toMatchObject({ inserted: 0, updated: 0 });
    expect(again.details.duplicateOf?.id).toBe(firstBatch);
    const file = await writeXlsx(path.join(dir, 'skiptrace.xlsx'), ['Account No', 'Mobile', 'Contact Name', 'Relationship', 'Source'],
      [[accounts[0]!, '13910000001', '', '', 'vendor B'], [accounts[3]!, '13910000005', '', '', 'vendor B']]);
    const other = await importContacts(ctx, CLI_ACTOR, { filePath: file, creditor: 'BANK1' });
    expect(other.summary).toMatchObject({ rows: 2, inserted: 1, unchanged: 1, rejected: 0 });
    expect((await points(accounts[3]!)).map((p) => p.source)).toEqual([`placement:${placementBatch}`, 'skip_trace:vendor B']);
    expect(await points(accounts[0]!)).toHaveLength(3);
  });

  it("comes in through the admin's upload too, and is listed with its kind", async () => {
    const app = await buildServer(ctx);
    try {
      const admin = await newUser(db.pool, 'admin');
      const cookie = await signInCookie(app, admin.username);
      const content = Buffer.from(csvText(HEADER, [[accounts[2]!, '13910000006', '李四', '同事', '号码修复A']])).toString('base64');
      const res = await app.inject({ method: 'POST', url: '/api/imports', headers: { cookie }, payload: { kind: 'contacts', creditor: 'BANK1', file_name: '修复结果.csv', content_base64: content } });
      expect(res.statusCode, res.body).toBe(202);
      let body: Record<string, unknown> = {};
      for (let i = 0; i < 200 && (body.status ?? 'running') === 'running'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        body = (await app.inject({ method: 'GET', url: `/api/imports/${res.json().id}`, headers: { cookie } })).json();
      }
      expect(body).toMatchObject({ status: 'done', kind: 'contacts', summary: { rows: 1, inserted: 1, rejected: 0 } });
      expect(await points(accounts[2]!)).toEqual(expect.arrayContaining([expect.objectContaining({ third_party_name: '李四', relation: '同事' })]));
    } finally {
      await app.close();
    }
  });

  it("round trip with a vendor: the lost-contact list (ID numbers in clear, admins only, audited) comes back filled in as results", async () => {
    // The fourth debtor has no number or address that works, though the account is back in the queue (a promise ended): it is on the list all the same.
    await db.pool.query(`UPDATE contact_points SET verified = 'invalid' WHERE owner = 'debtor' AND debtor_id = (SELECT debtor_id FROM accounts WHERE account_no = $1)`, [accounts[3]]);
    expect(await status(accounts[3]!)).toBe('active');
    const file = await exportLostContacts(ctx, CLI_ACTOR, { creditor: 'BANK1', encoding: 'gbk' });
    expect(file.fileName).toBe('lost-contacts-BANK1-2026-03-02-zh-gbk.csv');
    const chunks: Buffer[] = [];
    for await (const chunk of file.body) chunks.push(chunk as Buffer);
    const rows = parse(iconv.decode(Buffer.concat(chunks), 'gbk'), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toEqual([{ 账号: accounts[3], 姓名: fixtures[3]!.name, 身份证号: fixtures[3]!.idNumber, 地区: expect.any(String), 手机号码: '', 联系人: '', 关系: '', 修复来源: '' }]);
    const audit = await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'export.lost_contacts'`);
    expect(audit.rows[0].detail).toMatchObject({ fields: ['debtor_name', 'id_number'], encoding: 'gbk' });
    await expect(exportLostContacts(ctx, { userId: 1, username: 'lead', role: 'supervisor', teamId: 1, creditorId: null }, { creditor: 'BANK1' }))
      .rejects.toMatchObject({ code: 'FORBIDDEN' });

    // The vendor fills in what it found and sends the same file back.
    rows[0]!['手机号码'] = '13910000008';
    rows[0]!['修复来源'] = '号码修复A';
    const back = await writeCsv(path.join(dir, 'lost-filled.csv'), Object.keys(rows[0]!), rows.map((r) => Object.values(r)), { encoding: 'gbk' });
    const { summary } = await importContacts(ctx, CLI_ACTOR, { filePath: back, creditor: 'BANK1' });
    expect(summary).toMatchObject({ rows: 1, inserted: 1, rejected: 0 });
    expect(await status(accounts[3]!)).toBe('active');
    expect(await db.pool.query(`SELECT count(*)::int AS n FROM accounts WHERE status = 'lost_contact'`).then((r) => r.rows[0].n)).toBe(0);
  });

  it('takes e-mail addresses found too (an Email column): the debtor\'s own or a named third party\'s, once each; a row with neither a number nor an address is refused', async () => {
    const file = await writeCsv(path.join(dir, 'emails.csv'), ['账号', '手机号码', '电子邮箱', '联系人', '关系', '修复来源'], [
      [accounts[3]!, '', 'qian.wu@example.com', '', '', '邮箱修复'],
      [accounts[3]!, '', 'zhou@example.com', '周六', '同事', '邮箱修复'],
      [accounts[3]!, '13910000009', 'qian.wu@example.com', '', '', '邮箱修复'],   // a new number; the address again
      [accounts[3]!, '', 'not an address', '', '', '邮箱修复'],
      [accounts[3]!, '', '', '', '', '邮箱修复'],
    ]);
    const { summary } = await importContacts(ctx, CLI_ACTOR, { filePath: file, creditor: 'BANK1' });
    expect(summary).toMatchObject({ rows: 5, inserted: 3, rejected: 2 });
    const emails = (await db.pool.query(
      `SELECT cp.value_mask, cp.owner, cp.third_party_name, cp.source, cp.time_zones FROM contact_points cp JOIN accounts a ON a.debtor_id = cp.debtor_id
        WHERE a.account_no = $1 AND cp.kind = 'email' ORDER BY cp.id`, [accounts[3]])).rows;
    expect(emails).toEqual([
      { value_mask: 'q***@example.com', owner: 'debtor', third_party_name: null, source: 'skip_trace:邮箱修复', time_zones: null },
      { value_mask: 'z***@example.com', owner: 'third_party', third_party_name: '周六', source: 'skip_trace:邮箱修复', time_zones: null },
    ]);
    expect((await points(accounts[3]!)).map((p) => p.value_mask)).toContain('139****0009');
    const errors = parse(await fs.readFile(summary.errors_file!, 'utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(errors.map((e) => [e.row_number, e.column])).toEqual([['5', '电子邮箱'], ['6', '手机号码']]);
    expect(errors[1]!.reason).toMatch(/电话号码和电子邮箱都为空/);
  });

  it('refuses a file without the numbers, before anything is written', async () => {
    const file = await writeCsv(path.join(dir, 'nophones.csv'), ['账号', '联系人'], [[accounts[0]!, '王二']]);
    await expect(importContacts(ctx, CLI_ACTOR, { filePath: file, creditor: 'BANK1' })).rejects.toThrow(/phone/);
  });
});
