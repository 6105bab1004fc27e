import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvParser, csvLine, sniffDelimiter, type Delimiter } from './csv.ts';

function parseAll(text: string, delimiter: Delimiter = ',', chunkSizes: number[] = [text.length || 1]): string[][] {
  const parser = new CsvParser(delimiter);
  const records: string[][] = [];
  let pos = 0;
  let i = 0;
  while (pos < text.length) {
    const size = Math.max(1, chunkSizes[i++ % chunkSizes.length]!);
    records.push(...parser.push(text.slice(pos, pos + size)));
    pos += size;
  }
  records.push(...parser.end());
  return records;
}

describe('CSV parser', () => {
  it('reads plain, quoted, doubled-quote and multi-line fields, LF or CRLF', () => {
    const text = 'a,b,c\r\n1,"2,5","say ""hi"""\r\n"line\nbreak",,x\n';
    expect(parseAll(text)).toEqual([['a', 'b', 'c'], ['1', '2,5', 'say "hi"'], ['line\nbreak', '', 'x']]);
  });

  it('reads tab-separated files and a last line without newline', () => {
    expect(parseAll('账号\t本金\n6222\t"1,234.56"', '\t')).toEqual([['账号', '本金'], ['6222', '1,234.56']]);
  });

  it('gives the same records whatever the chunk boundaries', () => {
    const text = 'x,"a\r\nb","c""d"\r\n"e",f\r\n,\r\n';
    const whole = parseAll(text);
    for (const sizes of [[1], [2], [3, 1], [5, 7], [1, 2, 3]]) expect(parseAll(text, ',', sizes)).toEqual(whole);
  });

  it('property: any chunking of quoted, multi-line and long fields gives the records of the whole text', () => {
    const field = fc.oneof(fc.stringMatching(/^[a-z张,"\r\n]{0,12}$/), fc.constant('w'.repeat(300)));
    const record = fc.array(field, { minLength: 1, maxLength: 4 });
    fc.assert(fc.property(fc.array(record, { minLength: 1, maxLength: 6 }), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
      (records, sizes) => {
        const text = records.map((r) => csvLine(r)).join('');
        expect(parseAll(text, ',', sizes)).toEqual(parseAll(text));
      }), { numRuns: 300 });
  });

  it('reads a long record arriving in many chunks (a 1 MB cell), and finds a never-closed quote many chunks on', () => {
    const cell = 'w'.repeat(1_000_000);
    expect(parseAll(`账号,备注\n6222,${cell}\n6223,短\n`, ',', [4096])).toEqual([['账号', '备注'], ['6222', cell], ['6223', '短']]);
    const rows = Array.from({ length: 20_000 }, (_, i) => `62${i},x`).join('\n');
    expect(() => parseAll(`账号,姓名\n"张三,1\n${rows}\n`, ',', [4096])).toThrow(/Row 2: a quoted field starts but its closing quote/);
  });

  it('is lenient with a quote inside an unquoted field', () => {
    expect(parseAll('张"三,1\n')).toEqual([['张"三', '1']]);
  });

  it('refuses an opening quote that is never closed, naming the row', () => {
    expect(() => parseAll('a,b\n1,"open\n2,3\n')).toThrow(/Row 2: a quoted field starts but its closing quote/);
  });

  it('counts records (blank lines included) for row numbers', () => {
    const parser = new CsvParser(',');
    const records = [...parser.push('h\n\nx\n'), ...parser.end()];
    expect(records).toEqual([['h'], [''], ['x']]);
    expect(parser.recordCount).toBe(3);
  });

  it('agrees with csv-parse on generated files', () => {
    const field = fc.oneof(fc.string(), fc.constantFrom('', ' ', '"', '""', ',', '\n', '\r\n', '张三', '1,234.56', '￥35.00', 'a"b'));
    const table = fc.array(fc.array(field, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 20 });
    fc.assert(fc.property(table, fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }), (rows, sizes) => {
      const text = rows.map((r) => csvLine(r)).join('');
      const expected = parse(text, { relax_column_count: true }) as string[][];
      expect(parseAll(text, ',', sizes)).toEqual(expected);
    }), { numRuns: 300 });
  });

  it('sniffs comma or tab from the header line', () => {
    expect(sniffDelimiter('账号,姓名,本金')).toBe(',');
    expect(sniffDelimiter('账号\t姓名\t"本金,元"')).toBe('\t');
    expect(sniffDelimiter('account_no;name;"principal; in yuan";phone')).toBe(';');
    expect(sniffDelimiter('账号,姓名,备注;说明')).toBe(',');
    expect(parseAll('账号;姓名;本金\n"A;1";张三;100\n', ';')).toEqual([['账号', '姓名', '本金'], ['A;1', '张三', '100']]);
  });
});
