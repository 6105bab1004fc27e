import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLI_ACTOR, type AppContext } from '../src/app/context.ts';
import type { ImportRequest } from '../src/app/import/engine.ts';
import { importPlacements } from '../src/app/import/import-placements.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { testContext } from './support/fixtures.ts';
import { csvText, encodeText, tempDir, writeXlsx } from './support/import-fixtures.ts';

/**
 * Bank sheets made for people often head their columns in two rows (表头两行): a group heading
 * (欠款金额, 联系方式) over the columns' own names, and the single columns' headings merged down
 * over both rows. Both rows are read as one header, in XLSX as in the same sheet saved as CSV.
 */
let db: TestDatabase;
let ctx: AppContext;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  dir = await tempDir();
  await db.pool.query(`INSERT INTO creditors (code, name) VALUES ('BANK1', '华裕银行'), ('BANK2', '东岳银行')`);
});
afterAll(async () => {
  await db?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

const run = (file: string, creditor: string, extra: Partial<ImportRequest> = {}) =>
  importPlacements(ctx, CLI_ACTOR, { filePath: file, creditor, ...extra });

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
  const fromXlsx = await run(xlsx, 'BANK1', { errorsPath: path.join(dir, 'two-row-header.xlsx.errors.csv') });
  expect(fromXlsx.summary).toMatchObject({ rows: 3, inserted: 2, rejected: 1 });
  const accounts = await db.pool.query(`SELECT a.account_no, a.principal_fen, a.interest_fen, a.fees_fen, d.name,
      (SELECT count(*)::int FROM contact_points c WHERE c.debtor_id = d.id AND c.kind = 'phone') AS phones,
      (SELECT count(*)::int FROM contact_points c WHERE c.debtor_id = d.id AND c.kind = 'address') AS addresses
    FROM accounts a JOIN debtors d ON d.id = a.debtor_id JOIN creditors k ON k.id = a.creditor_id
    WHERE k.code = 'BANK1' ORDER BY a.account_no`);
  expect(accounts.rows).toEqual([
    { account_no: person(1)[0], principal_fen: 100000, interest_fen: 1000, fees_fen: 500, name: '客户1', phones: 1, addresses: 1 },
    { account_no: person(2)[0], principal_fen: 200000, interest_fen: 0, fees_fen: 0, name: '客户2', phones: 1, addresses: 1 },
  ]);
  // The rejected row keeps its spreadsheet row number (6) and the columns by their own names.
  const errors = parse(await fs.readFile(fromXlsx.summary.errors_file!, 'utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
  expect(errors).toEqual([expect.objectContaining({ row_number: '6', column: '本金', 本金: '三千', 卡号: person(3)[0] })]);

  // The same sheet saved as CSV in GBK: no merges, the single headings in the first header row only.
  const csv = path.join(dir, 'two-row-header.csv');
  await fs.writeFile(csv, encodeText(csvText(heading, [names, ...data.slice(0, 2)]), 'gbk'));
  const fromCsv = await run(csv, 'BANK2');
  expect(fromCsv.summary).toMatchObject({ rows: 2, inserted: 2, rejected: 0 });
  const fees = await db.pool.query(`SELECT a.fees_fen FROM accounts a JOIN creditors k ON k.id = a.creditor_id
    WHERE k.code = 'BANK2' AND a.account_no = $1`, [person(1)[0]]);
  expect(fees.rows).toEqual([{ fees_fen: 500 }]);
});
