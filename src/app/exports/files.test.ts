import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { exportFile, type FileLayout } from './files.ts';

const layout: FileLayout<string> = {
  csvHeader: (bom) => `${bom ? '\uFEFF' : ''}备注\n`, csvLine: (note) => `${note}\n`, header: ['备注'], cells: (note) => [note], widths: [20],
};

async function csv(encoding: 'utf8' | 'gbk' | 'gb18030', notes: string[]): Promise<{ name: string; type: string; bytes: Buffer }> {
  const file = exportFile('contacts', 'BANK1', '2026-03-01', { format: 'csv', locale: 'zh-CN', encoding }, (async function* () { yield* notes; })(), layout);
  const parts: Buffer[] = [];
  for await (const part of file.body) parts.push(part as Buffer);
  return { name: file.fileName, type: file.contentType, bytes: Buffer.concat(parts) };
}

describe('a CSV for the bank in a Chinese encoding', () => {
  const note = '王𠮷本人接听，䶮字确认';
  it('in GBK is strict GBK: every byte a GBK reader takes, a character GBK lacks written as ?', async () => {
    const gbk = await csv('gbk', [note]);
    expect(gbk).toMatchObject({ name: 'contacts-BANK1-2026-03-01-zh-gbk.csv', type: 'text/csv; charset=gbk' });
    expect(iconv.decode(gbk.bytes, 'cp936')).toBe('备注\n王?本人接听，?字确认\n');
    // 䶮 is not written as FE 9F, bytes GBK does not assign (a strict reader stops there).
    expect(gbk.bytes.includes(Buffer.from([0xfe, 0x9f]))).toBe(false);
  });
  it('in GB18030 keeps every character', async () => {
    const gb = await csv('gb18030', [note]);
    expect(gb).toMatchObject({ name: 'contacts-BANK1-2026-03-01-zh-gb18030.csv', type: 'text/csv; charset=gb18030' });
    expect(iconv.decode(gb.bytes, 'gb18030')).toBe(`备注\n${note}\n`);
  });
});
