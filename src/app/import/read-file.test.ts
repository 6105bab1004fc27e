import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { invalidInput } from '../../domain/errors.ts';
import { IncompleteRead, inspectFile, readCsvRows, retryingRead } from './read-file.ts';

/** A read that fails `failures` times (IncompleteRead, or `error`) before giving its items, `after` of them first. */
function flaky(failures: number, opts: { after?: number; error?: Error } = {}) {
  let reads = 0;
  const readOnce = async function* (): AsyncGenerator<number> {
    reads++;
    const failing = reads <= failures;
    for (let i = 0; i < (failing ? opts.after ?? 0 : 3); i++) yield i;
    if (failing) throw opts.error ?? new IncompleteRead('lost the workbook part', { cause: invalidInput({ en: 'not a readable XLSX workbook', zh: '不是可读的 XLSX 工作簿' }) });
  };
  return { readOnce, reads: () => reads };
}

const all = async (read: AsyncGenerator<number>) => { const items: number[] = []; for await (const i of read) items.push(i); return items; };

describe('retryingRead: a workbook read that loses a part is read again', () => {
  it('reads again when a read fails before handing on a row, and hands on the next read\'s rows', async () => {
    const source = flaky(2);
    expect(await all(retryingRead(source.readOnce, 3))).toEqual([0, 1, 2]);
    expect(source.reads()).toBe(3);
  });

  it('reports what the reads found after the last attempt', async () => {
    const source = flaky(5);
    await expect(all(retryingRead(source.readOnce, 3))).rejects.toThrow('not a readable XLSX workbook');
    expect(source.reads()).toBe(3);
  });

  it("when every read fails, reports the one that saw most: a sheet that is not there, not a later try that lost the workbook", async () => {
    let reads = 0;
    const readOnce = async function* (): AsyncGenerator<number> {
      reads++;
      if (reads === 2) throw new IncompleteRead('sheet not found', { cause: invalidInput({ en: 'no worksheet named "x"; its sheets are: "a", "b"', zh: '没有' }) }, 3);
      throw new IncompleteRead('lost the workbook part', { cause: invalidInput({ en: 'not a readable XLSX workbook', zh: '不是可读的 XLSX 工作簿' }) });
    };
    await expect(all(retryingRead(readOnce, 3))).rejects.toThrow('no worksheet named "x"; its sheets are: "a", "b"');
    expect(reads).toBe(3);
  });

  it('does not read again once rows were handed on (they would come twice), nor for an error of the file itself', async () => {
    const late = flaky(1, { after: 2 });
    await expect(all(retryingRead(late.readOnce, 3))).rejects.toThrow('not a readable XLSX workbook');
    expect(late.reads()).toBe(1);
    const bad = flaky(1, { error: invalidInput({ en: 'no column for account_no', zh: '缺少账号列' }) });
    await expect(all(retryingRead(bad.readOnce, 3))).rejects.toThrow('no column for account_no');
    expect(bad.reads()).toBe(1);
  });
});

describe('readCsvRows: line ends', () => {
  it('reads a file whose lines end in a bare CR (classic Mac, some banks\' exports) as lines, quoted ones too', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'read-csv-cr-'));
    try {
      const file = path.join(dir, 'cr.csv');
      await fs.writeFile(file, iconv.encode('账号,姓名,本金,备注\rC1,张三,100,"两行\r备注"\rC2,李四,200,\r', 'gbk'));
      const facts = await inspectFile(file, 'auto');
      expect(facts).toMatchObject({ encoding: 'gbk', delimiter: ',', crLines: true });
      const rows = [];
      for await (const batch of readCsvRows(facts)) rows.push(...batch.rows);
      expect(rows.map((r) => r.fields)).toEqual([['账号', '姓名', '本金', '备注'], ['C1', '张三', '100', '两行\n备注'], ['C2', '李四', '200', '']]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('inspectFile: a file of mixed encodings', () => {
  it('refuses a UTF-8 file with rows pasted in from a GBK file, saying so and where (not as GBK with a garbled header)', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'read-csv-mixed-'));
    try {
      const file = path.join(dir, 'mixed.csv');
      const top = Buffer.from('账号,姓名,本金\nM1,张三,100\n', 'utf8');
      await fs.writeFile(file, Buffer.concat([top, iconv.encode('M2,李四,200\n', 'gbk')]));
      await expect(inspectFile(file, 'auto')).rejects.toMatchObject({ field: 'encoding',
        message: `The file mixes encodings: its header row is UTF-8 ("账号,姓名,本金"), but byte ${top.length + 4} (line 3) is not UTF-8 (rows pasted in from a GBK file, say). Save the whole file in one encoding ("CSV UTF-8" from the spreadsheet program) and import it again`,
        messageZh: expect.stringContaining(`但文件的第 ${top.length + 4} 个字节（第 3 行）不是 UTF-8`) });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('readCsvRows: a large file, read a megabyte at a time and parsed a piece at a time', () => {
  it('gives every record once, numbered in order, whatever falls on a piece\'s or a read\'s edge (UTF-8 and GBK)', async () => {
    // Over two megabytes of rows with quoted commas, doubled quotes and line breaks inside quotes, in
    // Chinese and ASCII, so that pieces and reads end inside every kind of field.
    const fields = ['张三', '"北京市,朝阳区"', '"他说""还款""了"', '"第一行\n第二行"', '1,234.56', '"a\r\nb"', '13800138000', ''];
    const lines: string[] = ['account_no,name,note'];
    for (let i = 0; i < 100_000; i++) lines.push(`A${i},${fields[i % fields.length]!},${fields[(i * 7 + 3) % fields.length]!}`);
    const text = lines.join('\r\n') + '\r\n';
    const expected = parse(text, { relax_column_count: true }) as string[][];
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'read-csv-'));
    try {
      for (const [encoding, bytes] of [['utf8', Buffer.from(text, 'utf8')], ['gbk', iconv.encode(text, 'gbk')]] as const) {
        expect(bytes.length).toBeGreaterThan(2 << 20);
        const file = path.join(dir, `${encoding}.csv`);
        await fs.writeFile(file, bytes);
        const facts = await inspectFile(file, encoding);
        const rows = [];
        for await (const batch of readCsvRows(facts)) rows.push(...batch.rows);
        expect(rows.map((r) => r.n)).toEqual(expected.map((_, i) => i + 1));
        expect(rows.map((r) => r.fields)).toEqual(expected);
      }
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 30_000);   // two files of over two megabytes, each read in full twice: seconds on a busy 2-core machine
});
