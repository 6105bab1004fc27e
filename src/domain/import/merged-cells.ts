/**
 * Merged cells of a bank's worksheet (合并单元格). A spreadsheet stores a merged range's value in
 * its top-left cell only and shows it over every cell the range covers. The reader gives each row
 * of a range that spans rows the value of the range's column (a product, a placement date, a
 * debtor's name merged down over the rows of one batch or one debtor); these rules say which
 * merged cells of a data row cannot be read that way, because money could be counted twice:
 *
 * - a range across columns, with a column the import reads under its covered part: one value
 *   shown over principal and interest is neither's, or would count twice if read into both;
 * - a range of an amount column over rows: one amount shown over several accounts may be each
 *   account's or their total (a debtor's total over the debtor's cards), and each account would
 *   owe it in full if read into every row.
 *
 * Every row of such a range is rejected, naming the range and its columns, so the bank can
 * unmerge the cells and send the rows again. A range above the header (a title) is not read.
 */
import type { RowError } from './rows.ts';
import type { CanonicalColumn } from './columns.ts';
import type { ResolvedColumns } from './mapping.ts';

/** A merged range: rows as a spreadsheet numbers them, columns as field indexes (0 is column A). */
export interface MergedRange { ref: string; top: number; bottom: number; left: number; right: number }

/** Column letters to their number: A is 1, Z 26, AA 27. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Column number (1 is A) to its letters. */
export function columnLetters(n: number): string {
  let letters = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) letters = String.fromCharCode(65 + ((k - 1) % 26)) + letters;
  return letters;
}

/** A `<mergeCell ref="C3:C5"/>` range; null for one that is not a range of two or more cells. */
export function parseMergeRef(ref: string): MergedRange | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+):\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  if (!m) return null;
  const [c1, r1, c2, r2] = [columnNumber(m[1]!), Number(m[2]), columnNumber(m[3]!), Number(m[4])];
  const range = { ref: ref.trim().toUpperCase().replaceAll('$', ''), top: Math.min(r1, r2), bottom: Math.max(r1, r2),
    left: Math.min(c1, c2) - 1, right: Math.max(c1, c2) - 1 };
  return range.top === range.bottom && range.left === range.right ? null : range;
}

/** Columns that hold money, by kind: one amount over several rows or columns is not read. */
const MONEY_COLUMNS: readonly CanonicalColumn[] = ['principal', 'interest', 'fees', 'balance', 'amount', 'charge_off_balance',
  'interest_since_charge_off', 'fees_since_charge_off', 'paid_since_charge_off'];

/** The file's name for a column: its header, or its letter when the header cell is empty. */
function columnName(columns: ResolvedColumns, i: number): string {
  return columns.headers[i]?.trim() || columnLetters(i + 1);
}

/**
 * Why a data row cannot be read as the merged ranges it is in show it, or null. `merges`: the
 * ranges that cover the row.
 */
export function checkMergedCells(columns: ResolvedColumns, merges: readonly MergedRange[]): RowError | null {
  const read = new Set(Object.values(columns.index));
  for (const range of merges) {
    if (range.right > range.left) {
      const covered = [];
      for (let i = range.left + 1; i <= range.right; i++) if (read.has(i)) covered.push(i);
      if (covered.length === 0) continue;   // only the value's own column is read: the rest is not ours
      const spanned = [];
      for (let i = range.left; i <= range.right; i++) spanned.push(i);
      const names = spanned.map((i) => columnName(columns, i)).join('、');
      return {
        column: spanned.filter((i) => read.has(i)).map((i) => columnName(columns, i)).join('; '),
        zh: `单元格 ${range.ref} 跨列合并（${names}）：一个值分不清属于哪一列，读入每一列则金额会重复计算；本行未导入，请取消合并，每列填写各自的值后重新发送`,
        en: `cells ${range.ref} are merged across columns (${names.replaceAll('、', ', ')}): one value cannot be told apart per column, ` +
          'and read into each it would count twice; the row was not read: unmerge the cells, give each column its own value and send the row again',
      };
    }
  }
  for (const range of merges) {
    if (range.bottom === range.top) continue;
    const money = MONEY_COLUMNS.find((c) => columns.index[c] === range.left);
    if (money === undefined) continue;
    const name = columnName(columns, range.left);
    return {
      column: name,
      zh: `金额单元格 ${range.ref}（${name}）跨第 ${range.top}–${range.bottom} 行合并：分不清是每一行的金额还是这些行的合计，不会读入；` +
        '这些行未导入，请取消合并，每行填写自己的金额后重新发送',
      en: `the amount cell ${range.ref} (${name}) is merged over rows ${range.top} to ${range.bottom}: it cannot be told whether it is each row's ` +
        "amount or the rows' total, so it is not read; these rows were not read: unmerge the cell, give each row its own amount and send them again",
    };
  }
  return null;
}
