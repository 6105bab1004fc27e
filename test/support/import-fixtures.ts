import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/**
 * Bank files for import tests, generated in the test (nothing binary is committed): CSV in
 * UTF-8 (with or without BOM), GBK or GB18030, comma or tab; XLSX written with exceljs.
 * People are fictitious; ID numbers are valid in form (GB 11643-1999).
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function makeIdNumber(regionCode: string, birthDate: string, sequence: number): string {
  const first17 = regionCode + birthDate.replaceAll('-', '') + String(sequence).padStart(3, '0');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return first17 + ID_CHECK[sum % 11]!;
}

export const PLACEMENT_HEADER_ZH = ['账号', '姓名', '身份证号', '手机', '地址', '产品', '本金', '利息', '滞纳金', '逾期日期'];
export const PLACEMENT_HEADER_TW = ['賬號', '姓名', '證件號碼', '聯繫電話', '地址', '產品', '本金', '利息', '費用', '首次逾期日'];
export const PLACEMENT_HEADER_EN = ['Account No', 'Name', 'ID Number', 'Mobile', 'Address', 'Product', 'Principal', 'Interest', 'Fees',
  'Delinquency Date'];

export interface PlacementFixture {
  accountNo: string; name: string; idNumber: string; phone: string; address: string; product: string;
  principal: string; interest: string; fees: string; firstDelinquencyDate: string;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '洋', '艳', '勇', '军', '杰'];
const PLACES: Array<[string, string]> = [['420102', '湖北省武汉市江岸区解放大道'], ['110105', '北京市朝阳区建国路'],
  ['440106', '广东省广州市天河区天河路'], ['310115', '上海市浦东新区世纪大道'], ['510104', '四川省成都市锦江区春熙路']];

/** n placement rows, account numbers from `start`; deterministic. */
export function placementFixtures(n: number, start = 1): PlacementFixture[] {
  return Array.from({ length: n }, (_, k) => {
    const i = start + k;
    const [region, street] = PLACES[i % PLACES.length]!;
    return {
      accountNo: `6222${String(i).padStart(12, '0')}`,
      name: SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7) % GIVEN.length]!,
      idNumber: makeIdNumber(region, `19${String(60 + (i % 40)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 9}`, i % 999),
      phone: `13${String(800000000 + i).padStart(9, '0')}`,
      address: `${street}${i}号`,
      product: i % 3 === 0 ? '个人消费贷' : '信用卡',
      principal: `${(1000 + i).toLocaleString('en-US')}.${String(i % 100).padStart(2, '0')}`,
      interest: `${i % 500}.5`,
      fees: i % 4 === 0 ? '' : '￥35.00',
      firstDelinquencyDate: `2025/${1 + (i % 12)}/${1 + (i % 28)}`,
    };
  });
}

export function placementCells(f: PlacementFixture): string[] {
  return [f.accountNo, f.name, f.idNumber, f.phone, f.address, f.product, f.principal, f.interest, f.fees, f.firstDelinquencyDate];
}

export function csvText(header: readonly string[], rows: readonly (readonly string[])[], options: { delimiter?: string; crlf?: boolean } = {}): string {
  const delimiter = options.delimiter ?? ',';
  const quote = (field: string) => (/[",\t\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);
  const eol = options.crlf === false ? '\n' : '\r\n';
  return [header, ...rows].map((r) => r.map(quote).join(delimiter)).join(eol) + eol;
}

export type FixtureEncoding = 'utf8' | 'utf8-bom' | 'gbk' | 'gb18030';

export function encodeText(text: string, encoding: FixtureEncoding): Buffer {
  if (encoding === 'utf8') return Buffer.from(text, 'utf8');
  if (encoding === 'utf8-bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  return iconv.encode(text, encoding);
}

export async function tempDir(prefix = 'leeway-import-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

export async function writeCsv(file: string, header: readonly string[], rows: readonly (readonly string[])[],
  options: { encoding?: FixtureEncoding; delimiter?: string } = {}): Promise<string> {
  await fs.writeFile(file, encodeText(csvText(header, rows, options), options.encoding ?? 'utf8'));
  return file;
}

/**
 * An XLSX workbook: optional title row above the header, optional extra sheets before the data sheet,
 * optional merged ranges of the data sheet (`C3:C5`; the value is the top-left cell's, as in Excel).
 */
export async function writeXlsx(file: string, header: readonly string[], rows: readonly (readonly (string | number | Date)[])[],
  options: { sheetName?: string; title?: string; sheetsBefore?: string[]; merges?: string[] } = {}): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  for (const name of options.sheetsBefore ?? []) workbook.addWorksheet(name).addRow(['说明', '这不是数据']);
  const sheet = workbook.addWorksheet(options.sheetName ?? '委案清单');
  if (options.title) sheet.addRow([options.title]);
  sheet.addRow([...header]);
  for (const row of rows) sheet.addRow([...row]);
  for (const range of options.merges ?? []) sheet.mergeCells(range);
  await workbook.xlsx.writeFile(file);
  return file;
}
