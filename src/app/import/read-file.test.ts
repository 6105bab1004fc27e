import { describe, expect, it } from 'vitest';
import { invalidInput } from '../../domain/errors.ts';
import { IncompleteRead, retryingRead } from './read-file.ts';

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

  it('reports what the last read found after the last attempt', async () => {
    const source = flaky(5);
    await expect(all(retryingRead(source.readOnce, 3))).rejects.toThrow('not a readable XLSX workbook');
    expect(source.reads()).toBe(3);
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
