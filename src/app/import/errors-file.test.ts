import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ErrorsFile, packErrorsFileAt, unpackErrorsFile } from './errors-file.ts';

const why = [{ column: '本金', zh: '不是金额', en: 'not an amount' }];

describe('the errors file', () => {
  it("lists its rows in the file's order, however late a row was refused (one refused while merging came after the rows below it)", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-errors-'));
    try {
      const file = new ErrorsFile(path.join(dir, 'p.csv.errors.csv'), ['账号', '备注']);
      file.add(2, ['A2', 'one'], why);
      file.add(5, ['A5', 'a cell\nover two lines, "quoted"'], why);
      file.add(9, ['A9', '九'], why);
      file.add(4, ['A4', '四'], why);      // refused while merging, after rows 5 and 9 were written
      file.add(3, ['A3', 'three'], why);
      const published = await file.publish();
      const rows = parse(await fs.readFile(published!, 'utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
      expect(rows.map((r) => [r['row_number'], r['账号'], r['备注']])).toEqual([
        ['2', 'A2', 'one'], ['3', 'A3', 'three'], ['4', 'A4', '四'], ['5', 'A5', 'a cell\nover two lines, "quoted"'], ['9', 'A9', '九'],
      ]);
      expect((await fs.stat(published!)).mode & 0o777).toBe(0o600);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('puts many rows in order by ranges of the file, lines longer than a range included, byte for byte', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-errors-'));
    try {
      const file = new ErrorsFile(path.join(dir, 'p.csv.errors.csv'), ['账号', '备注']);
      const note = (n: number) => (n === 2_000 ? '长'.repeat(1_500_000) : n % 3 === 0 ? `第${n}行，"引号"\n换行` : `row ${n}`);
      // Every seventh row refused while merging: added after every other row, so the file is written out of order.
      const late: number[] = [];
      for (let n = 2; n <= 5_001; n++) {
        if (n % 7 === 0) late.push(n);
        else file.add(n, [`A${n}`, note(n)], why);
      }
      for (const n of late.reverse()) file.add(n, [`A${n}`, note(n)], why);
      const published = await file.publish();
      const rows = parse(await fs.readFile(published!, 'utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
      expect(rows).toHaveLength(5_000);
      expect(rows.every((r, i) => r['row_number'] === String(i + 2) && r['账号'] === `A${i + 2}` && r['备注'] === note(i + 2))).toBe(true);
      expect(await fs.readdir(dir)).toEqual(['p.csv.errors.csv']);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('is kept in the database gzipped (a million rejected rows were more than one string can hold), and read back byte for byte, as are files kept before as text', async () => {
    const csv = Buffer.from('\uFEFF账号,本金,row_number,column,reason\r\n' + '6222,abc,2,本金,不是金额 / not an amount\r\n'.repeat(50_000), 'utf8');
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-pack-'));
    try {
      await fs.writeFile(path.join(dir, 'e.csv'), csv);
      const { kept, bytes } = await packErrorsFileAt(path.join(dir, 'e.csv'));
      expect(kept.startsWith('gz:')).toBe(true);
      expect(kept.length).toBeLessThan(csv.length / 10);
      expect(bytes).toBe(csv.length);
      expect(unpackErrorsFile(kept).equals(csv)).toBe(true);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
    expect(unpackErrorsFile('\uFEFF账号,reason\r\n1,x\r\n').toString('utf8')).toBe('\uFEFF账号,reason\r\n1,x\r\n');
  });
});
