import { describe, expect, it } from 'vitest';
import { resolveColumns } from './mapping.ts';
import { checkMergedCells, columnLetters, parseMergeRef, type MergedRange } from './merged-cells.ts';

const range = (ref: string): MergedRange => parseMergeRef(ref)!;

describe('parseMergeRef: a <mergeCell ref> as rows and field indexes', () => {
  it('reads a range in either corner order, with or without $, and past column Z', () => {
    expect(parseMergeRef('C3:C5')).toEqual({ ref: 'C3:C5', top: 3, bottom: 5, left: 2, right: 2 });
    expect(parseMergeRef('$E$6:d6')).toMatchObject({ top: 6, bottom: 6, left: 3, right: 4 });
    expect(parseMergeRef('Z2:AB2')).toMatchObject({ left: 25, right: 27 });
    expect(parseMergeRef('XFD1:XFD2')).toMatchObject({ left: 16383, right: 16383 });
    expect([1, 26, 27, 52, 16384].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'XFD']);
  });

  it('gives nothing for a single cell or a ref that is not a range', () => {
    for (const ref of ['C3:C3', 'C3', '', 'C:C', '3:5', 'C3:C5:C7']) expect(parseMergeRef(ref)).toBeNull();
  });
});

describe('checkMergedCells: which merged cells a data row cannot be read with', () => {
  // A  账号 | B 姓名 | C 产品 | D 本金 | E 利息 | F 备注 (not read) | G (no header)
  const columns = resolveColumns(['账号', '姓名', '产品', '本金', '利息', '备注', ''], 'placements');

  it('reads a text column merged over rows (product, name): each row has its value', () => {
    expect(checkMergedCells(columns, [range('C3:C5')])).toBeNull();
    expect(checkMergedCells(columns, [range('B3:B4'), range('A3:A4')])).toBeNull();
  });

  it('rejects an amount merged over rows: each account owing it in full could count it several times', () => {
    const error = checkMergedCells(columns, [range('D3:D5')]);
    expect(error).toMatchObject({ column: '本金' });
    expect(error!.en).toMatch(/the amount cell D3:D5 \(本金\) is merged over rows 3 to 5: .*each row's amount or the rows' total/);
    expect(error!.zh).toMatch(/金额单元格 D3:D5（本金）跨第 3–5 行合并/);
  });

  it('rejects a merge across two columns the import reads, naming the range and both columns (one value over principal and interest)', () => {
    const error = checkMergedCells(columns, [range('D6:E6')]);
    expect(error).toMatchObject({ column: '本金; 利息' });
    expect(error!.en).toMatch(/cells D6:E6 are merged across columns \(本金, 利息\): .*count twice/);
    // A text column over an amount: the amount's cell is covered, its value unknown.
    expect(checkMergedCells(columns, [range('C6:D6')])).toMatchObject({ column: '产品; 本金' });
    // A column not read, over a read one.
    expect(checkMergedCells(columns, [range('F6:G6')])).toBeNull();
  });

  it('reads a value whose merge covers only columns the import does not read (a remark over an empty column)', () => {
    expect(checkMergedCells(columns, [range('E6:G6')])).toBeNull();   // 利息's value shown over 备注 and an unnamed column
    expect(checkMergedCells(resolveColumns(['账号', '本金', '备注', ''], 'placements'), [range('C6:D6')])).toBeNull();
    expect(checkMergedCells(resolveColumns(['账号', '本金', '', ''], 'placements'), [range('B6:D6')])).toBeNull();
  });

  it('rejects a block over rows and columns, and names a column without a header by its letter', () => {
    expect(checkMergedCells(columns, [range('E3:G4')])).toMatchObject({ column: '利息' });   // an amount over rows
    expect(checkMergedCells(columns, [range('B3:C4')])).toMatchObject({ column: '姓名; 产品' });
    const block = checkMergedCells(resolveColumns(['账号', '本金', '', '利息'], 'placements'), [range('B3:D4')]);
    expect(block).toMatchObject({ column: '本金; 利息' });
    expect(block!.en).toMatch(/\(本金, C, 利息\)/);
    expect(checkMergedCells(resolveColumns(['账号', '本金', ''], 'placements'), [range('B3:C4')])).toMatchObject({ column: '本金' });
  });

  it('rejects a payment amount merged over rows', () => {
    const payments = resolveColumns(['账号', '交易流水号', '还款金额', '还款日期'], 'payments');
    expect(checkMergedCells(payments, [range('C2:C3')])).toMatchObject({ column: '还款金额' });
    expect(checkMergedCells(payments, [range('D2:D3')])).toBeNull();
  });
});
