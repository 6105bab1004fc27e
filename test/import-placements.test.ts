import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR, type AppContext } from '../src/app/context.ts';
import { importPlacements } from '../src/app/import/import-placements.ts';
import type { ImportRequest } from '../src/app/import/engine.ts';
import { maySkipRowForeignKeyChecks } from '../src/db/import-repository.ts';
import { createPool } from '../src/db/pool.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newTeam, testContext } from './support/fixtures.ts';
import {
  csvText, encodeText, makeIdNumber, PLACEMENT_HEADER_EN, PLACEMENT_HEADER_TW, PLACEMENT_HEADER_ZH, placementCells, placementFixtures,
  tempDir, writeCsv, writeXlsx,
} from './support/import-fixtures.ts';

let db: TestDatabase;
let ctx: AppContext;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool); // business date 2026-03-02 (Asia/Shanghai)
  dir = await tempDir();
  for (const code of ['BANK1', 'BANK2', 'BANK3', 'BANK4']) await db.pool.query('INSERT INTO creditors (code, name) VALUES ($1, $2)', [code, `${code} 银行`]);
});
afterAll(async () => {
  await db?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

const run = (file: string, creditor: string, extra: Partial<ImportRequest> = {}) =>
  importPlacements(ctx, CLI_ACTOR, { filePath: file, creditor, ...extra });
const count = async (sql: string, params: unknown[] = []) => (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]!.n;
const creditorId = async (code: string) => (await db.pool.query<{ id: number }>('SELECT id FROM creditors WHERE code = $1', [code])).rows[0]!.id;

describe('placement files', () => {
  it('imports a GBK CSV with Chinese headers: accounts placed and unassigned, exact money, debtors, contact points, region, audit', async () => {
    const fixtures = placementFixtures(40);
    const file = await writeCsv(path.join(dir, 'gbk.csv'), PLACEMENT_HEADER_ZH, fixtures.map(placementCells), { encoding: 'gbk' });
    const { summary, details } = await run(file, 'BANK1');
    expect(details.encodingNote).toMatch(/^GBK/);
    expect(summary).toMatchObject({ rows: 40, inserted: 40, updated: 0, unchanged: 0, rejected: 0, errors_file: null });
    expect(summary.file_sha256).toMatch(/^[0-9a-f]{64}$/);

    const bank = await creditorId('BANK1');
    const { rows: [account] } = await db.pool.query(
      `SELECT a.*, p.placed_on, p.ends_on, p.batch_ref FROM accounts a JOIN placements p ON p.creditor_id = a.creditor_id AND p.id = a.placement_id
        WHERE a.creditor_id = $1 AND a.account_no = $2`, [bank, fixtures[6]!.accountNo]);
    // 6222000000000007: principal "1,007.07", interest "7.5", fees "￥35.00", 2025/8/8
    expect(account).toMatchObject({ principal_fen: 100707, interest_fen: 750, fees_fen: 3500, first_delinquency_date: '2025-08-08',
      status: 'placed', product: '信用卡', account_no_mask: '********0007', region_code: '440106', placed_on: '2026-03-02', ends_on: '2026-08-29' });
    // Named as people know it, the creditor's code and the placement date (as the demo's are).
    expect(account.batch_ref).toBe('BANK1-20260302');
    expect(await count('assignments WHERE creditor_id = $1', [bank])).toBe(0);
    const blankFees = await db.pool.query('SELECT fees_fen FROM accounts WHERE account_no = $1', [fixtures[3]!.accountNo]);
    expect(blankFees.rows[0].fees_fen).toBe(0);

    const { rows: [debtor] } = await db.pool.query('SELECT * FROM debtors WHERE id = $1', [account.debtor_id]);
    expect(debtor).toMatchObject({ name: fixtures[6]!.name, region_code: '440106', region_source: 'address', id_number_mask: '4401**********' + fixtures[6]!.idNumber.slice(-4) });
    expect(ctx.cipher.decrypt(debtor.id_number_enc)).toBe(fixtures[6]!.idNumber);
    const contacts = await db.pool.query('SELECT kind, value_enc, value_mask, source, provenance, owner FROM contact_points WHERE debtor_id = $1 ORDER BY kind', [debtor.id]);
    expect(contacts.rows.map((c) => [c.kind, c.source, c.owner])).toEqual([['address', `placement:${summary.batch_id}`, 'debtor'], ['phone', `placement:${summary.batch_id}`, 'debtor']]);
    // The source names the batch, which names the creditor and the file (provenance is left empty: docs/import.md).
    expect((await db.pool.query(`SELECT b.creditor_id FROM contact_points cp JOIN import_batches b ON b.id = split_part(cp.source, ':', 2)::bigint
      WHERE cp.debtor_id = $1 AND cp.kind = 'phone'`, [debtor.id])).rows).toEqual([{ creditor_id: bank }]);
    expect(ctx.cipher.decrypt(contacts.rows[1].value_enc)).toBe(fixtures[6]!.phone);
    expect(contacts.rows[1].value_mask).toBe('138****0007');

    const audit = await db.pool.query(`SELECT actor, entity_id, creditor_id, detail FROM audit_log WHERE action = 'import.placements'`);
    expect(audit.rows).toEqual([{ actor: 'cli', entity_id: String(summary.batch_id), creditor_id: bank,
      detail: expect.objectContaining({ file_name: 'gbk.csv', file_sha256: summary.file_sha256, rows: 40, inserted: 40, rejected: 0 }) }]);
    const batch = await db.pool.query('SELECT status, encoding, rows, inserted FROM import_batches WHERE id = $1', [summary.batch_id]);
    expect(batch.rows[0]).toEqual({ status: 'done', encoding: 'gbk', rows: 40, inserted: 40 });
  });

  it('stores personal data only encrypted: no column anywhere holds an ID number or phone in clear', async () => {
    const [sample] = placementFixtures(1, 5);
    for (const table of ['debtors', 'contact_points', 'accounts', 'import_batches', 'audit_log', 'placements']) {
      const n = await count(`${table} t WHERE t::text LIKE '%' || $1 || '%' OR t::text LIKE '%' || $2 || '%'`, [sample!.idNumber, sample!.phone]);
      expect(n, table).toBe(0);
    }
  });

  it('recognizes the same file again by its hash: nothing changes, and it says so', async () => {
    const before = await count('accounts');
    const { summary, details } = await run(path.join(dir, 'gbk.csv'), 'BANK1');
    expect(details.duplicateOf?.id).toBeGreaterThan(0);
    expect(summary).toMatchObject({ rows: 40, inserted: 0, updated: 0, unchanged: 40, rejected: 0 });
    expect(await count('accounts')).toBe(before);
    expect(await count(`audit_log WHERE action = 'import.placements'`)).toBe(2);
  });

  it('treats the same rows in another file as unchanged (UTF-8 BOM, tabs, traditional headers), and updates what changed', async () => {
    const rows = placementFixtures(40).map(placementCells);
    const same = await writeCsv(path.join(dir, 'tw.tsv'), PLACEMENT_HEADER_TW, rows, { encoding: 'utf8-bom', delimiter: '\t' });
    const first = await run(same, 'BANK1');
    expect(first.details.encodingNote).toMatch(/UTF-8 \(byte order mark\)/);
    expect(first.summary).toMatchObject({ inserted: 0, updated: 0, unchanged: 40, rejected: 0 });

    rows[0]![6] = '2,000.00';            // principal changed
    rows[1]![3] = '13900000002';          // a new phone
    rows[2]![8] = '';                     // blank fees: keeps the value
    const changed = await writeCsv(path.join(dir, 'en.csv'), PLACEMENT_HEADER_EN, rows);
    const second = await run(changed, 'BANK1');
    expect(second.summary).toMatchObject({ inserted: 0, updated: 2, unchanged: 38, rejected: 0 });
    const bank = await creditorId('BANK1');
    const { rows: [account] } = await db.pool.query('SELECT id, principal_fen, version FROM accounts WHERE creditor_id = $1 AND account_no = $2', [bank, rows[0]![0]]);
    expect(account).toMatchObject({ principal_fen: 200000, version: 2 });
    const history = await db.pool.query('SELECT principal_fen, batch_id, status FROM account_history WHERE account_id = $1', [account.id]);
    expect(history.rows).toEqual([{ principal_fen: 100101, batch_id: second.summary.batch_id, status: 'placed' }]);
    const phones = await db.pool.query(`SELECT cp.value_mask FROM contact_points cp JOIN accounts a ON a.debtor_id = cp.debtor_id
      WHERE a.account_no = $1 AND cp.kind = 'phone' ORDER BY cp.id`, [rows[1]![0]]);
    expect(phones.rows.map((r) => r.value_mask)).toEqual(['138****0002', '139****0002']);

    const again = await run(await writeCsv(path.join(dir, 'en-copy.csv'), PLACEMENT_HEADER_EN, rows, { delimiter: ',' }).then(async (f) => {
      await fs.appendFile(f, '\r\n'); return f; // same rows, different bytes
    }), 'BANK1');
    expect(again.summary).toMatchObject({ inserted: 0, updated: 0, unchanged: 40 });
    expect(await count('contact_points cp JOIN accounts a ON a.debtor_id = cp.debtor_id WHERE a.account_no = $1', [rows[1]![0]])).toBe(3);
  });

  it('matches debtors across creditors by the keyed hash of the ID number', async () => {
    const debtorsBefore = await count('debtors');
    const contactsBefore = await count('contact_points');
    const rows = placementFixtures(10).map(placementCells).map((r) => [`B2-${r[0]}`, ...r.slice(1)]);
    rows[3]![3] = `${rows[3]![3]}, 13912345678`; // the bank knows one more phone of this debtor
    const { summary } = await run(await writeCsv(path.join(dir, 'bank2.csv'), PLACEMENT_HEADER_ZH, rows), 'BANK2');
    expect(summary.inserted).toBe(10);
    expect(await count('debtors')).toBe(debtorsBefore);
    // The debtors' phones and addresses are not repeated; the new phone is added to the debtor found.
    expect(await count('contact_points')).toBe(contactsBefore + 1);
    const added = await db.pool.query(`SELECT cp.source, cp.value_mask FROM contact_points cp JOIN accounts a ON a.debtor_id = cp.debtor_id
      WHERE a.account_no = $1 AND cp.kind = 'phone' ORDER BY cp.id`, [rows[3]![0]]);
    expect(added.rows.map((r) => r.value_mask)).toEqual([expect.any(String), '139****5678']);
    expect(added.rows[1].source).toBe(`placement:${summary.batch_id}`);
    expect(await count(`accounts b2 JOIN accounts b1 ON b1.account_no = substr(b2.account_no, 4) AND b1.debtor_id = b2.debtor_id
      AND b1.creditor_id <> b2.creditor_id WHERE b2.account_no LIKE 'B2-%'`)).toBe(10);
  });

  it('gives several new accounts of one new person one debtor, with each phone and address once; a row without an ID number is a debtor of its own', async () => {
    const [a, b, c, d] = placementFixtures(4, 700).map(placementCells);
    const second = [`${a![0]}9`, a![1]!, a![2]!, `${a![3]}, 13912340700`, ...a!.slice(4)]; // the same person's other card, one more phone
    const third = [`${a![0]}8`, ...a!.slice(1)];                                         // and a third, nothing new
    const noId = [b![0]!, b![1]!, '', ...b!.slice(3)];
    const noIdAgain = [c![0]!, b![1]!, '', ...b!.slice(3)];                              // same name and phone, still no ID number
    const debtorsBefore = await count('debtors');
    const { summary } = await run(await writeCsv(path.join(dir, 'one-person.csv'), PLACEMENT_HEADER_ZH, [a!, d!, second, noId, third, noIdAgain]), 'BANK2');
    expect(summary).toMatchObject({ inserted: 6, rejected: 0 });
    expect(await count('debtors')).toBe(debtorsBefore + 4);
    const person = await db.pool.query<{ accounts: number; phones: number; addresses: number }>(
      `SELECT (SELECT count(*)::int FROM accounts x WHERE x.debtor_id = a.debtor_id) AS accounts,
              (SELECT count(*)::int FROM contact_points cp WHERE cp.debtor_id = a.debtor_id AND cp.kind = 'phone') AS phones,
              (SELECT count(*)::int FROM contact_points cp WHERE cp.debtor_id = a.debtor_id AND cp.kind = 'address') AS addresses
         FROM accounts a WHERE a.account_no = $1`, [a![0]]);
    expect(person.rows[0]).toEqual({ accounts: 3, phones: 2, addresses: 1 });
    expect(await count(`accounts a JOIN debtors d ON d.id = a.debtor_id WHERE a.account_no = ANY($1) AND d.id_number_hash IS NULL`,
      [[b![0], c![0]]])).toBe(2);
    expect(await count('(SELECT DISTINCT debtor_id FROM accounts WHERE account_no = ANY($1)) x', [[b![0], c![0]]])).toBe(2);
  });

  it('refuses a row whose ID number is on file, or on an earlier row, under another name, and takes the same name written another way', async () => {
    const [a, b, c] = placementFixtures(3, 1300).map(placementCells);
    await run(await writeCsv(path.join(dir, 'names-1.csv'), PLACEMENT_HEADER_ZH, [a!]), 'BANK2');
    const debtorsBefore = await count('debtors');
    const contactsBefore = await count('contact_points');
    const stranger = [`${a![0]}7`, '王小明', a![2]!, '13912340901', ...a!.slice(4)];    // a's ID number, another person's name and phone
    const spaced = [`${a![0]}6`, a![1]!.split('').join(' '), ...a!.slice(2)];          // a's name with spaces between the characters
    const twin = [`${b![0]}5`, '赵六', ...b!.slice(2)];                                  // b's ID number, a new debtor, another name
    const file = await writeCsv(path.join(dir, 'names-2.csv'), PLACEMENT_HEADER_ZH, [stranger, spaced, b!, c!, twin]);
    const { summary } = await run(file, 'BANK2');
    expect(summary).toMatchObject({ rows: 5, inserted: 3, rejected: 2 });
    const errors = parse(await fs.readFile(summary.errors_file!, 'utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(errors.map((e) => e.row_number)).toEqual(['2', '6']);
    expect(errors[0]!.reason).toMatch(/身份证号已属于系统中另一姓名的债务人.* \/ this ID number is already on file for a debtor under another name/);
    expect(errors[1]!.reason).toMatch(/本文件第 4 行的身份证号与本行相同，但姓名不同.* \/ row 4 of this file gives the same ID number under another name/);
    // Each row as the bank sent it, to correct and send again (rows refused while merging had lost every cell).
    expect(errors.map((e) => [e['账号'], e['姓名'], e['身份证号']])).toEqual([[stranger[0], stranger[1], stranger[2]], [twin[0], twin[1], twin[2]]]);
    // Neither refused account exists, nor did the stranger's phone join a's debtor; the spaced name is a's debtor.
    expect(await count('accounts WHERE account_no = ANY($1)', [[stranger[0], twin[0]]])).toBe(0);
    expect(await count('debtors')).toBe(debtorsBefore + 2);
    expect(await count('contact_points')).toBe(contactsBefore + 4);
    const debtorOf = async (accountNo: string) => (await db.pool.query(`SELECT debtor_id FROM accounts WHERE account_no = $1`, [accountNo])).rows[0].debtor_id;
    expect(await debtorOf(spaced[0]!)).toBe(await debtorOf(a![0]!));
  });

  it("refuses a known account's row that names another person's ID number: neither its balance nor its phone reaches the debtor on file", async () => {
    const [a, b, c] = placementFixtures(3, 1400).map(placementCells);
    const old = [...c!.slice(0, 2), '110101800101444', ...c!.slice(3)]; // placed under the old 15-digit form of the ID number
    await db.pool.query(`INSERT INTO creditors (code, name) VALUES ('OWNERS', '核对银行')`);
    await run(await writeCsv(path.join(dir, 'owner-1.csv'), PLACEMENT_HEADER_ZH, [a!, b!, old]), 'OWNERS');
    const contactsBefore = await count('contact_points');
    const balance = async (accountNo: string) => (await db.pool.query(`SELECT principal_fen FROM accounts WHERE account_no = $1`, [accountNo])).rows[0].principal_fen;
    const before = await balance(a![0]!);
    // a's account with b's person (name, ID number, a new phone) and a new balance; b's own row with a new balance and its ID number as the bank writes it in lower case.
    const mixedUp = [a![0]!, b![1]!, b![2]!, '13912341400', b![4]!, a![5]!, '9,999.00', ...a!.slice(7)];
    const own = [...b!.slice(0, 2), b![2]!.toLowerCase(), ...b!.slice(3, 6), '8,888.00', ...b!.slice(7)];
    // c's account, its ID number now in the 18-character form of the same person's number: no other person.
    const renewed = [...c!.slice(0, 2), '110101198001014441', ...c!.slice(3, 6), '7,777.00', ...c!.slice(7)];
    const { summary } = await run(await writeCsv(path.join(dir, 'owner-2.csv'), PLACEMENT_HEADER_ZH, [mixedUp, own, mixedUp, renewed]), 'OWNERS');
    expect(summary).toMatchObject({ rows: 4, updated: 2, rejected: 2 });
    expect(await balance(c![0]!)).toBe(777_700);
    const errors = parse(await fs.readFile(summary.errors_file!, 'utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(errors.map((e) => [e.row_number, e.column])).toEqual([['2', '身份证号'], ['4', '身份证号']]);
    expect(errors[0]!.reason).toMatch(/该账号在系统中属于另一证件号的债务人.* \/ this account is on file for a debtor with another ID number/);
    expect(await balance(a![0]!)).toBe(before);
    expect(await balance(b![0]!)).toBe(888_800);
    expect(await count('contact_points')).toBe(contactsBefore);
  });

  it('refuses a new account number that differs from a known one, or an earlier row\'s, only in the case of its letters: the debt is not made two accounts', async () => {
    const [a, b, c, d] = placementFixtures(4, 1500).map(placementCells);
    await db.pool.query(`INSERT INTO creditors (code, name) VALUES ('CASES', '大小写银行')`);
    await run(await writeCsv(path.join(dir, 'case-1.csv'), PLACEMENT_HEADER_ZH, [['QA80', ...a!.slice(1)], ['qb81', ...b!.slice(1)]]), 'CASES');
    const bank = await creditorId('CASES');
    // qa80 and QB81 are the known accounts as another system writes them; Xc1 then XC1, and Yd2 then yD2, are new ones written two ways in the file; 6222... has no letters.
    const rows = [['qa80', ...a!.slice(1)], ['QB81', ...b!.slice(1)], ['Xc1', ...c!.slice(1)], ['XC1', ...c!.slice(1)], ['Yd2', ...d!.slice(1)], ['yD2', ...d!.slice(1)], c!];
    const { summary } = await run(await writeCsv(path.join(dir, 'case-2.csv'), PLACEMENT_HEADER_ZH, rows), 'CASES');
    expect(summary).toMatchObject({ rows: 7, inserted: 3, rejected: 4 });
    const errors = parse(await fs.readFile(summary.errors_file!, 'utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(errors.map((e) => [e.row_number, e.column, e['账号']])).toEqual([['2', '账号', 'qa80'], ['3', '账号', 'QB81'], ['5', '账号', 'XC1'], ['7', '账号', 'yD2']]);
    expect(errors[0]!.reason).toMatch(/^账号 qa80 与已有账户 QA80 只有字母大小写不同.*请按 QA80 的写法重新发送本行 \/ account number qa80 differs from the account on file QA80 only in the case of its letters/);
    expect(errors[2]!.reason).toMatch(/^账号 XC1 与第 4 行的账号只有字母大小写不同/);
    expect((await db.pool.query('SELECT account_no FROM accounts WHERE creditor_id = $1 ORDER BY account_no', [bank])).rows.map((r) => r.account_no))
      .toEqual([c![0], 'QA80', 'Xc1', 'Yd2', 'qb81']);
  });

  it('runs two placement files of different banks at once, sharing new debtors: they take turns, and each person is one debtor', async () => {
    const people = placementFixtures(30, 800).map(placementCells);
    const debtorsBefore = await count('debtors');
    const [one, two] = await Promise.all([
      run(await writeCsv(path.join(dir, 'turns-1.csv'), PLACEMENT_HEADER_ZH, people.map((r) => [`T1-${r[0]}`, ...r.slice(1)])), 'BANK1'),
      run(await writeCsv(path.join(dir, 'turns-2.csv'), PLACEMENT_HEADER_ZH, people.map((r) => [`T2-${r[0]}`, ...r.slice(1)])), 'BANK2'),
    ]);
    expect([one.summary.inserted, two.summary.inserted]).toEqual([30, 30]);
    expect(await count('debtors')).toBe(debtorsBefore + 30);
    expect(await count(`accounts a JOIN accounts b ON b.account_no = 'T2-' || substr(a.account_no, 4) AND b.debtor_id = a.debtor_id
      WHERE a.account_no LIKE 'T1-%'`)).toBe(30);
  });

  it('reads XLSX: the first sheet or --sheet, a title row above the header, number and date cells', async () => {
    const header = ['卡号', '客户姓名', '证件号码', '手机号码', '家庭地址', '本金（元）', '利息', '首次逾期日'];
    const rows: Array<Array<string | number | Date>> = [
      ['6230000000000001', '李四', makeIdNumber('510104', '1985-06-01', 11), '13700000001', '四川省成都市锦江区红星路1号', 1234.56, '0', new Date(Date.UTC(2025, 11, 1))],
      ['6230000000000002', '王五', makeIdNumber('110105', '1979-01-02', 12), '13700000002', '北京市朝阳区', 800, 12.3, '2025/12/2'],
      [6230000000000003, '赵六', makeIdNumber('110105', '1979-01-02', 13), '13700000003', '', 1, 0, '2025-12-03'],
    ];
    const file = await writeXlsx(path.join(dir, 'bank.xlsx'), header, rows, { title: '华裕银行委案清单', sheetsBefore: ['说明'] });
    // The first sheet (notes) has no header: the refusal names the other sheet and how to choose it.
    await expect(run(file, 'BANK3')).rejects.toMatchObject({ field: 'sheet',
      message: expect.stringMatching(/no column for account_no.*This was its first sheet, "说明"; the workbook also has "委案清单": if the rows are there, choose that sheet/),
      messageZh: expect.stringContaining('以上是第一个工作表“说明”；这个工作簿还有 "委案清单"') });
    expect(await count('import_batches WHERE creditor_id = $1', [await creditorId('BANK3')])).toBe(0);

    const { summary, details } = await run(file, 'BANK3', { sheet: '委案清单', errorsPath: path.join(dir, 'bank.xlsx.errors.csv') });
    expect(details.format).toBe('xlsx');
    expect(summary).toMatchObject({ rows: 3, inserted: 2, rejected: 1 });
    const accounts = await db.pool.query(`SELECT account_no, principal_fen, interest_fen, first_delinquency_date FROM accounts a
      JOIN creditors c ON c.id = a.creditor_id WHERE c.code = 'BANK3' ORDER BY account_no`);
    expect(accounts.rows).toEqual([
      { account_no: '6230000000000001', principal_fen: 123456, interest_fen: 0, first_delinquency_date: '2025-12-01' },
      { account_no: '6230000000000002', principal_fen: 80000, interest_fen: 1230, first_delinquency_date: '2025-12-02' },
    ]);
    const errors = parse(await fs.readFile(summary.errors_file!, 'utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(errors).toEqual([expect.objectContaining({ row_number: '5', column: '卡号', reason: expect.stringMatching(/Excel.*format the column as text/) })]);
    await expect(run(file, 'BANK3', { sheet: '没有' })).rejects.toThrow(/no worksheet named "没有"; its sheets are: "说明", "委案清单"/);
  });

  it('reads XLSX merged cells as the sheet shows them: a product or date merged down is every row\'s; a merged amount is not read', async () => {
    const header = ['卡号', '客户姓名', '证件号码', '手机号码', '产品', '本金（元）', '利息', '首次逾期日', '委案日期'];
    const person = (n: number): [string, string, string] => [`623100000000000${n}`, `客户${n}`, makeIdNumber('510104', '1985-06-01', 20 + n)];
    const rows: Array<Array<string | number>> = [
      // Rows 3-5: one batch, product and placement date merged down over it (E3:E5, I3:I5).
      [...person(1), '13700000011', '信用卡', 1000, 10, '2025-12-01', '2026-02-27'],
      [...person(2), '13700000012', '', 2000, 20, '2025-12-02', ''],
      [...person(3), '13700000013', '', 3000, 30, '2025-12-03', ''],
      // Rows 6-8: one principal merged down (F6:F8): each account's, or their total? Not read.
      [...person(4), '13700000014', '贷款', 500, 1, '2025-12-04', '2026-03-01'],
      [...person(5), '13700000015', '贷款', '', 2, '2025-12-05', '2026-03-01'],
      [...person(6), '13700000016', '贷款', '', 3, '2025-12-06', '2026-03-01'],
      // Row 9: one value over principal and interest (F9:G9).
      [...person(7), '13700000017', '贷款', 800, '', '2025-12-07', '2026-03-01'],
      [...person(8), '13700000018', '贷款', 900, 9, '2025-12-08', '2026-03-01'],
    ];
    const file = await writeXlsx(path.join(dir, 'merged.xlsx'), header, rows,
      { title: '华裕银行委案清单 2026年3月', merges: ['A1:I1', 'E3:E5', 'I3:I5', 'F6:F8', 'F9:G9'] });
    const { summary } = await run(file, 'BANK3', { errorsPath: path.join(dir, 'merged.xlsx.errors.csv') });
    expect(summary).toMatchObject({ rows: 8, inserted: 4, rejected: 4 });

    const accounts = await db.pool.query(`SELECT a.account_no, a.product, a.principal_fen, a.interest_fen, p.placed_on FROM accounts a
      JOIN placements p ON p.creditor_id = a.creditor_id AND p.id = a.placement_id JOIN creditors c ON c.id = a.creditor_id
      WHERE c.code = 'BANK3' AND a.account_no LIKE '6231%' ORDER BY a.account_no`);
    expect(accounts.rows).toEqual([
      { account_no: person(1)[0], product: '信用卡', principal_fen: 100000, interest_fen: 1000, placed_on: '2026-02-27' },
      { account_no: person(2)[0], product: '信用卡', principal_fen: 200000, interest_fen: 2000, placed_on: '2026-02-27' },
      { account_no: person(3)[0], product: '信用卡', principal_fen: 300000, interest_fen: 3000, placed_on: '2026-02-27' },
      { account_no: person(8)[0], product: '贷款', principal_fen: 90000, interest_fen: 900, placed_on: '2026-03-01' },
    ]);
    const errors = parse(await fs.readFile(summary.errors_file!, 'utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(errors.map((e) => [e.row_number, e.column, e['本金（元）']])).toEqual([
      ['6', '本金（元）', '500'], ['7', '本金（元）', '500'], ['8', '本金（元）', '500'], ['9', '本金（元）; 利息', '800'],
    ]);
    expect(errors[0]!.reason).toMatch(/the amount cell F6:F8 \(本金（元）\) is merged over rows 6 to 8: .*unmerge the cell/);
    expect(errors[3]!.reason).toMatch(/cells F9:G9 are merged across columns \(本金（元）, 利息\): .*unmerge the cells/);
  });

  it('reads a two-row header (表头两行) as one: XLSX with group headings merged across and single ones merged down, and a GBK CSV', async () => {
    const heading = ['卡号', '客户姓名', '欠款金额', '', '', '联系方式', '', '逾期日期'];
    const names = ['', '', '本金', '利息', '滞纳金', '手机', '地址', ''];
    const person = (n: number) => [`623200000000000${n}`, `客户${n}`];
    const data = [
      [...person(1), '1,000.00', '10', '5', '13700000021', '湖北省武汉市江汉区解放大道1号', '2025-12-01'],
      [...person(2), '2000', '', '', '13700000022', '湖北省武汉市江汉区解放大道2号', '2025-12-02'],
      [...person(3), '三千', '30', '0', '13700000023', '', '2025-12-03'],
    ];
    // Row 1 the title, rows 2-3 the header (A2:A3, B2:B3, H2:H3 merged down; C2:E2, F2:G2 across), rows 4-6 the accounts.
    const xlsx = await writeXlsx(path.join(dir, 'two-row-header.xlsx'), heading, [names, ...data],
      { title: '华裕银行委案清单', merges: ['A1:H1', 'A2:A3', 'B2:B3', 'H2:H3', 'C2:E2', 'F2:G2'] });
    const fromXlsx = await run(xlsx, 'BANK3', { errorsPath: path.join(dir, 'two-row-header.xlsx.errors.csv') });
    expect(fromXlsx.summary).toMatchObject({ rows: 3, inserted: 2, rejected: 1 });
    const accounts = await db.pool.query(`SELECT a.account_no, a.principal_fen, a.interest_fen, a.fees_fen, d.name,
        (SELECT count(*)::int FROM contact_points c WHERE c.debtor_id = d.id AND c.kind = 'phone') AS phones,
        (SELECT count(*)::int FROM contact_points c WHERE c.debtor_id = d.id AND c.kind = 'address') AS addresses
      FROM accounts a JOIN debtors d ON d.id = a.debtor_id JOIN creditors k ON k.id = a.creditor_id
      WHERE k.code = 'BANK3' AND a.account_no LIKE '6232%' ORDER BY a.account_no`);
    expect(accounts.rows).toEqual([
      { account_no: person(1)[0], principal_fen: 100000, interest_fen: 1000, fees_fen: 500, name: '客户1', phones: 1, addresses: 1 },
      { account_no: person(2)[0], principal_fen: 200000, interest_fen: 0, fees_fen: 0, name: '客户2', phones: 1, addresses: 1 },
    ]);
    // The rejected row keeps its spreadsheet row number (6) and the columns by their own names.
    const errors = parse(await fs.readFile(fromXlsx.summary.errors_file!, 'utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(errors).toEqual([expect.objectContaining({ row_number: '6', column: '本金', 本金: '三千', 卡号: person(3)[0] })]);

    // The same sheet saved as CSV in GBK: no merges, the single headings in the first header row only.
    const csv = path.join(dir, 'two-row-header.csv');
    const csvRows = data.slice(0, 2).map(([accountNo, ...rest]) => [accountNo!.replace('6232', '6233'), ...rest]);
    await fs.writeFile(csv, encodeText(csvText(heading, [names, ...csvRows]), 'gbk'));
    const fromCsv = await run(csv, 'BANK3');
    expect(fromCsv.summary).toMatchObject({ rows: 2, inserted: 2, rejected: 0 });
    const fees = await db.pool.query(`SELECT a.fees_fen FROM accounts a JOIN creditors k ON k.id = a.creditor_id
      WHERE k.code = 'BANK3' AND a.account_no = $1`, [csvRows[0]![0]]);
    expect(fees.rows).toEqual([{ fees_fen: 500 }]);
  });

  it('reads GB18030 files with four-byte characters', async () => {
    const rows = placementFixtures(2, 500).map(placementCells);
    rows[0]![1] = '𠮷野';
    rows[0]![2] = makeIdNumber('440106', '1985-04-14', 7);   // a person of their own (the fixture's ID number is another name's in later files)
    const file = path.join(dir, 'gb18030.csv');
    await fs.writeFile(file, encodeText(csvText(PLACEMENT_HEADER_ZH, rows), 'gb18030'));
    const { summary, details } = await run(file, 'BANK4');
    expect(details.encodingNote).toMatch(/^GB18030/);
    expect(summary.inserted).toBe(2);
    const name = await db.pool.query('SELECT d.name FROM debtors d JOIN accounts a ON a.debtor_id = d.id WHERE a.account_no = $1', [rows[0]![0]]);
    expect(name.rows[0].name).toBe('𠮷野');
  });

  it('uses a mapping file, stores it on the creditor, and applies it next time without --mapping', async () => {
    const header = ['合同编号X', '户主', '欠款本金', '逾期起始', '备注'];
    const rows = [['HT-0001', '钱七', '5,000', '2025-10-10', '无'], ['HT-0002', '孙八', '6,000', '2025-10-11', '']];
    // One file for all of the bank's files, by kind: every kind's mapping is kept, not only the one imported.
    const mapping = JSON.stringify({ placements: { 合同编号X: 'account_no', 户主: 'debtor_name', 逾期起始: 'first_delinquency_date', 备注: null },
      payments: { 合同编号X: 'account_no', 流水: 'txn_id', 实收: 'amount', 入账日: 'paid_on' } });
    const file = await writeCsv(path.join(dir, 'mapped.csv'), header, rows);
    // A section that names no column of its kind is refused before anything is written.
    await expect(run(file, 'BANK4', { mappingJson: JSON.stringify({ ...JSON.parse(mapping), recalls: { 日期: 'paid_on' } }) }))
      .rejects.toThrow(/not a recalls column/);
    await expect(run(file, 'BANK4')).rejects.toThrow(/no column for account_no/);
    const { summary } = await run(file, 'BANK4', { mappingJson: mapping });
    expect(summary).toMatchObject({ inserted: 2, rejected: 0 });
    const stored = await db.pool.query(`SELECT column_mapping FROM creditors WHERE code = 'BANK4'`);
    expect(stored.rows[0].column_mapping).toEqual({ placements: { 合同编号X: 'account_no', 户主: 'debtor_name', 逾期起始: 'first_delinquency_date', 备注: null },
      payments: { 合同编号X: 'account_no', 流水: 'txn_id', 实收: 'amount', 入账日: 'paid_on' } });
    rows[0]![2] = '5,500';
    const next = await run(await writeCsv(path.join(dir, 'mapped-2.csv'), header, rows), 'BANK4');
    expect(next.summary).toMatchObject({ updated: 1, unchanged: 1 });
  });

  it('writes bad rows to the errors CSV (original columns + row_number, column, reason in zh and en) and lands the good ones', async () => {
    const good = placementFixtures(6, 900).map(placementCells);
    const rows = [
      good[0]!,
      [...good[1]!.slice(0, 6), 'abc', ...good[1]!.slice(7)],                  // row 3: bad amount
      [...good[2]!.slice(0, 9), '2025-02-30'],                                // row 4: no such date
      [good[3]![0]!, good[3]![1]!, '420102199003071230', ...good[3]!.slice(3)], // row 5: bad ID check character
      [...good[4]!, 'extra'],                                                   // row 6: one field too many
      [good[0]![0]!, '别人', ...good[0]!.slice(2)],                             // row 7: same account again, different values
      [good[0]![0]!, ...good[0]!.slice(1)],                                     // row 8: same row again: unchanged
      ['6222000000099999', '', '', '', '', '', '100', '', '', '2025-01-01'],    // row 9: new account without a name
      good[5]!,
      ['6222000000099998', '李四', '', '', '', '', '', '', '', '2025-01-01'],   // row 11: new account without an amount
    ];
    const file = await writeCsv(path.join(dir, 'bad.csv'), PLACEMENT_HEADER_ZH, rows);
    const { summary } = await run(file, 'BANK2');
    expect(summary).toMatchObject({ rows: 10, inserted: 2, unchanged: 1, rejected: 7, errors_file: `${file}.errors.csv` });
    const text = await fs.readFile(summary.errors_file!, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const errors = parse(text, { bom: true, columns: true, relax_column_count: true }) as Array<Record<string, string>>;
    expect(errors.map((e) => [e.row_number, e.column])).toEqual([
      ['3', '本金'], ['4', '逾期日期'], ['5', '身份证号'], ['6', ''], ['7', '账号'], ['9', '姓名'], ['11', '本金'],
    ]);
    // The row that gave the account first is named: it was read, this one was not.
    expect(errors[4]!.reason).toMatch(/第 2 行已有同一账号.*本行未导入.* \/ row 2 has the same account \(or transaction\) with other values: only the first is read/);
    // The field past the header is said in the reason (the file has only the header's columns).
    expect(errors[3]!.reason).toContain('表头之外的字段："extra"');
    expect(errors[6]!.reason).toMatch(/本金、利息和费用都为空.* \/ this is a new account but principal, interest and fees are all empty/);
    expect(errors[0]!.账号).toBe(good[1]![0]);
    expect(errors[0]!.本金).toBe('abc');
    expect(errors[0]!.reason).toMatch(/本金“abc”不是有效金额.* \/ principal: "abc" is not an amount; write it like CNY 1,234.56 or 1,234.56/);
    expect(errors[5]!.reason).toMatch(/新账户.*姓名为空.* \/ this is a new account but the name is empty/);
    expect(await count('accounts WHERE account_no = $1', [good[5]![0]])).toBe(1);
  });

  it('refuses malformed files before anything is written, naming the problem and the fix', async () => {
    const snapshot = async () => [await count('import_batches'), await count('accounts'), await count('audit_log'), await count('placements')];
    const before = await snapshot();
    const write = async (name: string, bytes: Buffer | string) => { const f = path.join(dir, name); await fs.writeFile(f, bytes); return f; };
    const cases: Array<[string, Promise<string>, RegExp, Partial<ImportRequest>?]> = [
      ['xls', write('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])), /Excel 97-2003 workbook \(\.xls\).*save it as \.xlsx or as CSV/],
      ['pdf', write('scan.pdf', '%PDF-1.4\n...'), /is a PDF, not a CSV or XLSX file/],
      ['binary', write('blob.csv', Buffer.from([1, 2, 0, 3, 4])), /holds binary data/],
      ['empty', write('empty.csv', ''), /is empty \(0 bytes\)/],
      ['no columns', write('cols.csv', '序号,姓名\n1,张三\n'), /no column for account_no \(账号\), principal \(本金\) or interest \(利息\) or fees \(费用\)/],
      ['not utf-8', write('gbk-as-utf8.csv', encodeText('账号,本金\n1,2\n', 'gbk')), /not UTF-8: byte 1 \(line 1\).*choose GBK or Detect as the import screen.s Encoding \(--encoding gbk/, { encoding: 'utf8' }],
      ['undecodable', write('junk.csv', Buffer.concat([Buffer.from('账号,本金\n'), Buffer.from([0xff, 0xfe, 0x41, 0x0a])])), /not UTF-8, GBK or GB18030: byte 15 \(line 2\)/],
      ['unclosed quote', write('quote.csv', csvText(PLACEMENT_HEADER_ZH, placementFixtures(3, 700).map(placementCells)) + '6222,"张三\n'), /^quote\.csv: Row 5: a quoted field starts but its closing quote/],
      ['bad mapping', write('fine.csv', '账号,本金\n1,2\n'), /not a placements column/, { mappingJson: '{"账号": "acct"}' }],
      ['placement end', write('fine2.csv', '账号,本金\n1,2\n'), /Date "2026-02-30" is not a real calendar date/, { placementEnd: '2026-02-30' }],
      ['placement end past', write('fine3.csv', '账号,本金\n1,2\n'), /--placement-end 2026-03-01 is before today \(2026-03-02\)/, { placementEnd: '2026-03-01' }],
    ];
    for (const [label, file, message, extra] of cases) {
      await expect(run(await file, 'BANK1', extra), label).rejects.toThrow(message);
    }
    await expect(run(path.join(dir, 'gbk.csv'), 'NOBANK')).rejects.toThrow(/Unknown creditor "NOBANK"\. Known creditors: BANK1, BANK2, BANK3, BANK4\b/);
    expect(await snapshot()).toEqual(before);
    expect((await fs.readdir(dir)).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('leaves new accounts unassigned even where a territory maps their region to a team (dealing is a separate step)', async () => {
    const team = await newTeam(db.pool);
    const bank = await creditorId('BANK4');
    await db.pool.query(`INSERT INTO territories (creditor_id, region_prefix, team_id) VALUES ($1, '42', $2), ($1, '11', $2)`, [bank, team.id]);
    const { summary } = await run(await writeCsv(path.join(dir, 'territory.csv'), PLACEMENT_HEADER_ZH, placementFixtures(5, 800).map(placementCells)), 'BANK4');
    expect(summary.inserted).toBe(5);
    expect(await count(`accounts WHERE creditor_id = $1 AND status = 'placed'`, [bank])).toBe(9);
    expect(await count('assignments WHERE creditor_id = $1', [bank])).toBe(0);
  });

  it('lands the same through a database role that may not leave out the per-row foreign-key checks', async () => {
    const role = `leeway_import_${randomBytes(4).toString('hex')}`;
    await db.pool.query(`CREATE ROLE ${role} LOGIN PASSWORD 'import-test'`);
    await db.pool.query(`GRANT ALL ON ALL TABLES IN SCHEMA public TO ${role}; GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
    await db.pool.query(`INSERT INTO creditors (code, name) VALUES ('BANK5', 'BANK5 银行')`);
    const url = new URL(db.url);
    url.username = role;
    url.password = 'import-test';
    const pool = createPool(url.toString(), 2);
    try {
      const client = await pool.connect();
      try { expect(await maySkipRowForeignKeyChecks(client)).toBe(false); } finally { client.release(); }
      // Four new debtors and two found by ID number (placed by BANK1 in the first test), one with a phone new to them.
      const rows = [...placementFixtures(4, 960), ...placementFixtures(2, 1)].map(placementCells).map((r) => [`B5-${r[0]}`, ...r.slice(1)]);
      rows[5]![3] = `${rows[5]![3]}；13712345678`;
      const debtorsBefore = await count('debtors');
      const { summary } = await importPlacements({ ...ctx, pool }, CLI_ACTOR,
        { filePath: await writeCsv(path.join(dir, 'bank5.csv'), PLACEMENT_HEADER_ZH, rows), creditor: 'BANK5' });
      expect(summary).toMatchObject({ inserted: 6, rejected: 0 });
      expect(await count('debtors')).toBe(debtorsBefore + 4);
      expect(await count(`contact_points cp JOIN accounts a ON a.debtor_id = cp.debtor_id
        WHERE a.account_no LIKE 'B5-%' AND cp.source = $1`, [`placement:${summary.batch_id}`])).toBe(4 * 2 + 1);
    } finally {
      await pool.end();
      await db.pool.query(`DROP OWNED BY ${role}; DROP ROLE ${role}`);
    }
  });

  it('counts a rejected row once in a file of several chunks, the last of them only known accounts', async () => {
    await db.pool.query(`INSERT INTO creditors (code, name) VALUES ('BANK6', 'BANK6 银行')`);
    const known = placementFixtures(10, 200_000).map(placementCells);
    await run(await writeCsv(path.join(dir, 'chunks-known.csv'), PLACEMENT_HEADER_ZH, known), 'BANK6');
    // Two chunks of new accounts (20,000 rows each), the first with a row that has no name, then the known ones again.
    const fresh = placementFixtures(40_000, 100_000).map(placementCells);
    fresh[0] = [fresh[0]![0]!, '', ...fresh[0]!.slice(2)];
    const { summary } = await run(await writeCsv(path.join(dir, 'chunks.csv'), PLACEMENT_HEADER_ZH, [...fresh, ...known]), 'BANK6');
    expect(summary).toMatchObject({ rows: 40_010, inserted: 39_999, unchanged: 10, rejected: 1 });
    const errors = parse(await fs.readFile(summary.errors_file!, 'utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(errors.map((e) => e.row_number)).toEqual(['2']);
  });
  it('finds a debtor by ID number in a later chunk of the same file, and one another creditor placed before, without losing one', async () => {
    await db.pool.query(`INSERT INTO creditors (code, name) VALUES ('BANKM', 'BANKM 银行'), ('BANKL', 'BANKL 银行')`);
    const before = placementFixtures(3, 400_000).map(placementCells);
    await run(await writeCsv(path.join(dir, 'matching-0.csv'), PLACEMENT_HEADER_ZH, before), 'BANKL');
    const rows = placementFixtures(25_000, 300_000).map(placementCells);
    const sameAs = (i: number, cells: readonly string[]) => { rows[i] = [rows[i]![0]!, cells[1]!, cells[2]!, ...rows[i]!.slice(3)]; };
    sameAs(24_000, rows[0]!);   // the first row's person, with a second card, 24,000 rows (a chunk) later
    sameAs(24_001, before[1]!);   // a person BANKL placed with us before
    const { summary } = await run(await writeCsv(path.join(dir, 'matching.csv'), PLACEMENT_HEADER_ZH, rows), 'BANKM');
    expect(summary).toMatchObject({ inserted: 25_000, rejected: 0 });
    const debtorOf = async (accountNo: string) => (await db.pool.query(`SELECT debtor_id FROM accounts WHERE account_no = $1`, [accountNo])).rows[0].debtor_id;
    expect(await debtorOf(rows[24_000]![0]!)).toBe(await debtorOf(rows[0]![0]!));
    expect(await debtorOf(rows[24_001]![0]!)).toBe(await debtorOf(before[1]![0]!));
    // No ID number twice among the debtors.
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM (SELECT id_number_hash FROM debtors WHERE id_number_hash IS NOT NULL
      GROUP BY 1 HAVING count(*) > 1) x`)).rows[0].n).toBe(0);
  });

  it("skips looking up phones and addresses that are what the account's last row said, and looks again when they are not", async () => {
    await db.pool.query(`INSERT INTO creditors (code, name) VALUES ('BANKD', 'BANKD 银行')`); // last in the file: the others list the creditors
    const rows = placementFixtures(30, 5_000).map(placementCells);
    const first = await run(await writeCsv(path.join(dir, 'digest-1.csv'), PLACEMENT_HEADER_EN, rows), 'BANKD');
    expect(first.summary).toMatchObject({ inserted: 30 });
    const bank = await creditorId('BANKD');
    const digests = async () => new Map((await db.pool.query<{ account_no: string; contact_digest: string | null }>(
      'SELECT account_no, contact_digest FROM accounts WHERE creditor_id = $1', [bank])).rows.map((r) => [r.account_no, r.contact_digest]));
    const placed = await digests();
    expect([...placed.values()].every((d) => d !== null)).toBe(true);
    expect(new Set(placed.values()).size).toBe(30);

    // A phone removed by hand (say, a third party's number) is not brought back by a file that repeats the account's row...
    const phone = (accountNo: string, mask: string) => `contact_points WHERE kind = 'phone' AND value_mask = '${mask}'
      AND debtor_id = (SELECT debtor_id FROM accounts WHERE creditor_id = ${bank} AND account_no = '${accountNo}')`;
    const removed = phone(rows[5]![0]!, rows[5]![3]!.replace(/^(\d{3})\d{4}/, '$1****'));
    expect(await count(removed)).toBe(1);
    await db.pool.query(`DELETE FROM ${removed}`);
    rows[7]![3] = '13912345678';                      // ...while a row whose phone changed is looked up: the new phone is added
    const second = await run(await writeCsv(path.join(dir, 'digest-2.csv'), PLACEMENT_HEADER_EN, rows), 'BANKD');
    expect(second.summary).toMatchObject({ inserted: 0, updated: 1, unchanged: 29 });
    expect(second.details.contactsAdded).toBe(1);
    expect(await count(removed)).toBe(0);
    expect(await count(phone(rows[7]![0]!, '139****5678'))).toBe(1);
    const after = await digests();
    expect(after.get(rows[7]![0]!)).not.toBe(placed.get(rows[7]![0]!));
    expect([...after].filter(([no, d]) => d !== placed.get(no)).map(([no]) => no)).toEqual([rows[7]![0]]);

    // Accounts placed before digests were kept are checked and look up once, and keep both digests from then on.
    await db.pool.query('UPDATE accounts SET contact_digest = NULL, row_digest = NULL WHERE creditor_id = $1', [bank]);
    const third = await run(await writeCsv(path.join(dir, 'digest-3.csv'), PLACEMENT_HEADER_EN, rows, { delimiter: '\t' }), 'BANKD');
    expect(third.details.sameAsLast).toBe(0);
    expect(third.summary).toMatchObject({ inserted: 0, updated: 1, unchanged: 29 });
    expect(await count(removed)).toBe(1);   // looked up, so the missing phone is back
    expect(await digests()).toEqual(after);
    expect(await count('accounts WHERE creditor_id = $1 AND row_digest IS NULL', [bank])).toBe(0);
  });

  it('counts a row that is, cell for cell, the account\'s last accepted row as unchanged without checking it again; any other row is checked', async () => {
    await db.pool.query(`INSERT INTO creditors (code, name) VALUES ('BANKE', 'BANKE 银行')`); // last in the file: the others list the creditors
    const bank = await creditorId('BANKE');
    const rows = placementFixtures(12, 7_000).map(placementCells);
    expect((await run(await writeCsv(path.join(dir, 'same-1.csv'), PLACEMENT_HEADER_EN, rows), 'BANKE')).summary).toMatchObject({ inserted: 12 });
    const rowDigests = async () => new Map((await db.pool.query<{ account_no: string; row_digest: string | null }>(
      'SELECT account_no, row_digest FROM accounts WHERE creditor_id = $1', [bank])).rows.map((r) => [r.account_no, r.row_digest]));
    const placed = await rowDigests();
    expect(new Set(placed.values()).size).toBe(12);          // each new account keeps its row's digest
    expect([...placed.values()].includes(null)).toBe(false);

    // The same rows with the columns in another order and tab-separated (another file): all unchanged, nothing written.
    const order = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0];
    const shuffled = (cells: string[][]) => cells.map((r) => order.map((i) => r[i]!));
    const header = order.map((i) => PLACEMENT_HEADER_EN[i]!);
    const history = () => count('account_history WHERE creditor_id = $1', [bank]);
    const again = await run(await writeCsv(path.join(dir, 'same-2.tsv'), header, shuffled(rows), { delimiter: '\t' }), 'BANKE');
    expect(again.summary).toMatchObject({ rows: 12, inserted: 0, updated: 0, unchanged: 12, rejected: 0 });
    expect(again.details.sameAsLast).toBe(12);
    expect(await rowDigests()).toEqual(placed);

    // A row written differently but meaning the same is checked, still unchanged, and the account keeps the new writing.
    // A row whose balance changed is checked and updated; a row with a malformed cell is rejected as always.
    const next = rows.map((r) => [...r]);
    next[0]![6] = next[0]![6]!.replace(',', '');             // "8,000.01" -> "8000.01"
    next[1]![6] = '99,999.99';
    next[2]![7] = '12.3.4';
    const third = await run(await writeCsv(path.join(dir, 'same-3.csv'), PLACEMENT_HEADER_EN, next), 'BANKE');
    expect(third.summary).toMatchObject({ rows: 12, inserted: 0, updated: 1, unchanged: 10, rejected: 1 });
    expect(third.details.sameAsLast).toBe(9);
    const changed = await rowDigests();
    expect([...changed].filter(([no, d]) => d !== placed.get(no)).map(([no]) => no).sort()).toEqual([next[0]![0], next[1]![0]].sort());
    expect(changed.get(next[2]![0]!)).toBe(placed.get(next[2]![0]!)); // a rejected row leaves what the account keeps

    // The same account twice in one file: its last row twice is unchanged once more; its last row and then another is refused.
    const twice = [next[3]!, next[3]!, next[4]!, [...next[4]!.slice(0, 6), '1.00', ...next[4]!.slice(7)]];
    const fourth = await run(await writeCsv(path.join(dir, 'same-4.csv'), PLACEMENT_HEADER_EN, twice), 'BANKE');
    expect(fourth.summary).toMatchObject({ rows: 4, inserted: 0, updated: 0, unchanged: 3, rejected: 1 });
    expect(fourth.details.sameAsLast).toBe(3);
    const refused = parse(await fs.readFile(fourth.summary.errors_file!, 'utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(refused.map((e) => [e.row_number, e.column])).toEqual([['5', 'Account No']]);

    // A recalled account's last row places it again: never counted unchanged.
    await db.pool.query(`UPDATE accounts SET status = 'recalled', recalled_on = '2026-02-01' WHERE creditor_id = $1 AND account_no = $2`, [bank, next[5]![0]]);
    const fifth = await run(await writeCsv(path.join(dir, 'same-5.csv'), PLACEMENT_HEADER_EN, [next[5]!]), 'BANKE');
    expect(fifth.summary).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    expect(fifth.details.sameAsLast).toBe(0);
    expect((await db.pool.query('SELECT status FROM accounts WHERE creditor_id = $1 AND account_no = $2', [bank, next[5]![0]])).rows).toEqual([{ status: 'placed' }]);
    expect(await history()).toBe(2);                       // the changed balance, and the recall's state, kept
  });

  it('does not let a file older than an account\'s balance take it back; a file of the same day or later restates it', async () => {
    await db.pool.query(`INSERT INTO creditors (code, name) VALUES ('BANKO', 'BANKO 银行') ON CONFLICT DO NOTHING`);
    const header = [...PLACEMENT_HEADER_ZH, '委案日期'];
    const rows = placementFixtures(2, 700).map(placementCells);
    // Placed on 2026-03-01; a restatement dated 2026-03-02 (today).
    await run(await writeCsv(path.join(dir, 'old-1.csv'), header, rows.map((r) => [...r, '2026-03-01'])), 'BANKO');
    const restated = rows.map((r) => [...r.slice(0, 6), '4,000.00', ...r.slice(7), '2026-03-02']);
    expect((await run(await writeCsv(path.join(dir, 'old-2.csv'), header, restated), 'BANKO')).summary).toMatchObject({ updated: 2 });
    // Last week's file sent again, one byte different: its balances are older than the account's.
    const stale = rows.map((r) => [...r.slice(0, 6), '9,999.00', ...r.slice(7), '2026-03-01']);
    const third = await run(await writeCsv(path.join(dir, 'old-3.csv'), header, stale), 'BANKO');
    expect(third.summary).toMatchObject({ updated: 0, rejected: 2 });
    const refused = parse(await fs.readFile(third.summary.errors_file!, 'utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(refused.map((e) => [e.row_number, e.column])).toEqual([['2', '委案日期'], ['3', '委案日期']]);
    expect(refused[0]!.reason).toContain('an older file does not replace a newer balance');
    const bank = await creditorId('BANKO');
    const balances = await db.pool.query(`SELECT principal_fen, balance_stated_on FROM accounts WHERE creditor_id = $1 ORDER BY account_no`, [bank]);
    expect(balances.rows).toEqual([{ principal_fen: 400000, balance_stated_on: '2026-03-02' }, { principal_fen: 400000, balance_stated_on: '2026-03-02' }]);
    // The same day's corrected figures restate it.
    const corrected = rows.map((r) => [...r.slice(0, 6), '3,500.00', ...r.slice(7), '2026-03-02']);
    expect((await run(await writeCsv(path.join(dir, 'old-4.csv'), header, corrected), 'BANKO')).summary).toMatchObject({ updated: 2, rejected: 0 });
  });

  it("refuses a new account whose placement, by its date and the contract's term, is already over (it was recalled the first night)", async () => {
    await db.pool.query(`INSERT INTO creditors (code, name) VALUES ('BANKQ', 'BANKQ 银行')`);
    const header = [...PLACEMENT_HEADER_ZH, '委案日期'];
    const [fresh, edge] = placementFixtures(2, 4600).map(placementCells);
    // The default term is 180 days: placed on 2025-09-02 it ended on 2026-03-01, yesterday; placed on 2025-09-03, it ends today.
    const second = await run(await writeCsv(path.join(dir, 'over-2.csv'), header, [[...fresh!, '2025-09-02'], [...edge!, '2025-09-03']]), 'BANKQ');
    expect(second.summary).toMatchObject({ inserted: 1, rejected: 1 });
    const refused = parse(await fs.readFile(second.summary.errors_file!, 'utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(refused.map((e) => [e.row_number, e.column])).toEqual([['2', '委案日期']]);
    expect(refused[0]!.reason).toContain("its placement is already over: it would be recalled tonight; check the placement date");
    // With the batch's last day given, the date is the bank's to choose.
    const third = await importPlacements(ctx, CLI_ACTOR, { filePath: await writeCsv(path.join(dir, 'over-3.csv'), header, [[...fresh!, '2025-09-02']]),
      creditor: 'BANKQ', placementEnd: '2026-06-30' });
    expect(third.summary).toMatchObject({ inserted: 1, rejected: 0 });
  });

  it('names a placement by creditor and date, a second one that day with a suffix; the old batch names take the same form', async () => {
    await db.pool.query(`INSERT INTO creditors (code, name) VALUES ('BANKN', 'BANKN 银行')`);
    const bank = await creditorId('BANKN');
    const names = async () => (await db.pool.query<{ batch_ref: string; placed_on: string; n: number }>(
      `SELECT p.batch_ref, p.placed_on::text, count(a.id)::int AS n FROM placements p LEFT JOIN accounts a ON a.creditor_id = p.creditor_id AND a.placement_id = p.id
        WHERE p.creditor_id = $1 GROUP BY p.creditor_id, p.id ORDER BY p.id`, [bank])).rows;
    const header = [...PLACEMENT_HEADER_ZH, '委案日期'];
    const rows = placementFixtures(3, 4400).map(placementCells);
    await run(await writeCsv(path.join(dir, 'named-1.csv'), header, [rows[0]!].map((r) => [...r, '2026-03-02'])), 'BANKN');
    await run(await writeCsv(path.join(dir, 'named-2.csv'), header, [[...rows[1]!, '2026-03-02'], [...rows[2]!, '2026-02-27']]), 'BANKN');
    expect(await names()).toEqual([
      { batch_ref: 'BANKN-20260302', placed_on: '2026-03-02', n: 1 },
      { batch_ref: 'BANKN-20260302-2', placed_on: '2026-03-02', n: 1 },
      { batch_ref: 'BANKN-20260227', placed_on: '2026-02-27', n: 1 },
    ]);

    // Placements imported before were named after their batch: migration 0070 renames them, after the names already taken.
    await db.pool.query(`INSERT INTO placements (creditor_id, batch_ref, placed_on, ends_on) VALUES
      ($1, 'import:900:2026-03-02', '2026-03-02', '2026-08-29'), ($1, 'import:901:2026-02-26', '2026-02-26', '2026-08-25'),
      ($1, 'import:902:2026-02-26', '2026-02-26', '2026-08-25'), ($1, 'Q1 handover', '2026-02-26', '2026-08-25')`, [bank]);
    await db.pool.query(await fs.readFile(path.join(import.meta.dirname, '../src/db/migrations/0070_placement_names.sql'), 'utf8'));
    expect((await names()).map((p) => p.batch_ref)).toEqual(
      ['BANKN-20260302', 'BANKN-20260302-2', 'BANKN-20260227', 'BANKN-20260302-3', 'BANKN-20260226', 'BANKN-20260226-2', 'Q1 handover']);
    // A later import that day goes on from there.
    await run(await writeCsv(path.join(dir, 'named-3.csv'), header, [[...placementCells(placementFixtures(1, 4410)[0]!), '2026-03-02']]), 'BANKN');
    expect((await names()).at(-1)).toEqual({ batch_ref: 'BANKN-20260302-4', placed_on: '2026-03-02', n: 1 });
  });
});

describe('the contract a placement runs under', () => {
  it("runs the placement for the contract in force on the agency's business date, not on the database server's day", async () => {
    // Business date 2026-03-02: version 1 (60 days) is in force; version 2 (120 days) only from June, a date the server's own clock may have passed.
    const bank = (await db.pool.query<{ id: number }>(`INSERT INTO creditors (code, name) VALUES ('TERMS', '条款银行') RETURNING id`)).rows[0]!.id;
    await db.pool.query(`INSERT INTO contracts (creditor_id, version, name, pack, effective_from, placement_days) VALUES
      ($1, 1, '委托合同', 'CN', '2026-01-01', 60), ($1, 2, '委托合同（续）', 'CN', '2026-06-01', 120)`, [bank]);
    const file = await writeCsv(path.join(dir, 'bank4.csv'), PLACEMENT_HEADER_ZH, placementFixtures(1, 9001).map(placementCells), { encoding: 'gbk' });
    expect((await run(file, 'TERMS')).summary).toMatchObject({ inserted: 1, rejected: 0 });
    const { rows: [p] } = await db.pool.query(`SELECT to_char(placed_on, 'YYYY-MM-DD') AS placed_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on
                                                 FROM placements WHERE creditor_id = $1`, [bank]);
    expect(p).toEqual({ placed_on: '2026-03-02', ends_on: '2026-05-01' });
  });
});
