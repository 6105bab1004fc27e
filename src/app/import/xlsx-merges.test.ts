import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectFile, readXlsxRows, type FileRow } from './read-file.ts';
import { mergeListOf, readSheetMerges } from './xlsx-merges.ts';

let dir: string;
beforeAll(async () => { dir = await fs.mkdtemp(path.join(os.tmpdir(), 'xlsx-merges-')); });
afterAll(async () => { await fs.rm(dir, { recursive: true, force: true }); });

async function* chunks(bytes: Buffer, ...cuts: number[]): AsyncGenerator<Buffer> {
  let from = 0;
  for (const cut of [...cuts, bytes.length]) { yield bytes.subarray(from, cut); from = cut; }
}

describe('mergeListOf: the merge list at the end of a worksheet\'s XML', () => {
  const xml = Buffer.from('<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lt;mergeCells&gt;&lt;mergeCell ref="A1:Z9"/&gt;</t></is></c></row>' +
    '<row r="2"><c r="A2"><v>1</v></c></row></sheetData><mergeCells count="3"><mergeCell ref="D6:E6"/><mergeCell ref="C3:C5"/>' +
    '<mergeCell ref="A1:E1"/></mergeCells><pageMargins left="0.7"/></worksheet>');
  const expected = [
    { ref: 'A1:E1', top: 1, bottom: 1, left: 0, right: 4 },
    { ref: 'C3:C5', top: 3, bottom: 5, left: 2, right: 2 },
    { ref: 'D6:E6', top: 6, bottom: 6, left: 3, right: 4 },
  ];

  it('finds the list, sorted by row, wherever the XML is cut into chunks, and not text that only reads like it', async () => {
    for (let cut = 0; cut <= xml.length; cut++) expect(await mergeListOf(chunks(xml, cut))).toEqual(expected);
    expect(await mergeListOf(chunks(xml, ...Array.from({ length: xml.length }, (_, i) => i)))).toEqual(expected);
  });

  it('gives none for a sheet without merged cells, or with an empty list', async () => {
    expect(await mergeListOf(chunks(Buffer.from('<worksheet><sheetData><row r="1"/></sheetData></worksheet>')))).toEqual([]);
    expect(await mergeListOf(chunks(Buffer.from('<worksheet><sheetData/><mergeCells count="0"/><pageMargins/></worksheet>')))).toEqual([]);
  });
});

/** Every row of the sheet (the first, or `sheet`), as the import reads it. */
async function rowsOf(file: string, sheet?: string): Promise<FileRow[]> {
  const rows: FileRow[] = [];
  for await (const batch of readXlsxRows(await inspectFile(file), sheet)) rows.push(...batch.rows);
  return rows;
}

describe('readXlsxRows: merged cells read as the spreadsheet shows them', () => {
  it('gives each row of a range over rows its value; leaves a range\'s other columns empty; says which rows are in a range', async () => {
    const workbook = new ExcelJS.Workbook();
    // A sheet before the data sheet, with merges of its own: they are not the data sheet's.
    const notes = workbook.addWorksheet('说明');
    notes.addRows([['说明'], [''], ['']]);
    notes.mergeCells('A1:A3');
    const data = workbook.addWorksheet('委案清单');
    data.addRows([
      ['华裕银行委案清单'],
      ['卡号', '客户姓名', '产品', '本金', '利息'],
      ['A1', '张三', '信用卡', 100, 1],
      ['A2', '李四', '', '', 2],
      ['A3', '王五', '', '', 3],
      ['A4', '赵六', '贷款', 500, ''],
      [6230000000000001, '钱七', '贷款', 1, 1],
      ['', '钱七', '贷款', 1, 1],
      ['A9', '孙八', '贷款', 1, 1],
    ]);
    for (const range of ['A1:E1', 'C3:C5', 'D3:D5', 'D6:E6', 'A7:A8']) data.mergeCells(range);
    const file = path.join(dir, 'merged.xlsx');
    await workbook.xlsx.writeFile(file);

    const rows = await rowsOf(file, '委案清单');
    expect(rows.map((r) => r.fields)).toEqual([
      ['华裕银行委案清单'],   // a title over columns is not copied into them (trailing empty cells are not read)
      ['卡号', '客户姓名', '产品', '本金', '利息'],
      ['A1', '张三', '信用卡', '100', '1'],
      ['A2', '李四', '信用卡', '100', '2'],
      ['A3', '王五', '信用卡', '100', '3'],
      ['A4', '赵六', '贷款', '500'],   // D6:E6: the interest cell is left empty
      ['6230000000000001', '钱七', '贷款', '1', '1'],
      ['6230000000000001', '钱七', '贷款', '1', '1'],
      ['A9', '孙八', '贷款', '1', '1'],
    ]);
    expect(rows.map((r) => r.merges?.map((m) => m.ref).join(' ') ?? null)).toEqual(
      ['A1:E1', null, 'C3:C5 D3:D5', 'C3:C5 D3:D5', 'C3:C5 D3:D5', 'D6:E6', 'A7:A8', 'A7:A8', null]);
    // A number Excel cut short is still flagged in the rows it is shown in.
    expect(rows.slice(6, 8).map((r) => [...(r.lossy ?? [])])).toEqual([[0], [0]]);

    const first = await rowsOf(file);
    expect(first.map((r) => r.fields)).toEqual([['说明'], ['说明'], ['说明']]);
  });

  it('reads a workbook without merged cells as before: no row says it is in a range', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('委案清单').addRows([['卡号', '产品'], ['A1', '信用卡'], ['A2', '']]);
    const file = path.join(dir, 'plain.xlsx');
    await workbook.xlsx.writeFile(file);
    expect(await readSheetMerges(file, '1')).toEqual([]);
    const rows = await rowsOf(file);
    expect(rows.map((r) => r.fields)).toEqual([['卡号', '产品'], ['A1', '信用卡'], ['A2']]);
    expect(rows.some((r) => r.merges !== undefined)).toBe(false);
  });
});
