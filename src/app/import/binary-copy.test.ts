import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../../domain/calendar.ts';
import { BinaryRows, pgDays } from './binary-copy.ts';

describe('binary COPY rows', () => {
  it('writes a bigint as 8 bytes big-endian, for any safe integer', () => {
    fc.assert(fc.property(fc.maxSafeInteger(), (n) => {
      const field = new BinaryRows().int8(n).data();
      expect(field.readInt32BE(0)).toBe(8);
      expect(field.readBigInt64BE(4)).toBe(BigInt(n));
    }));
  });

  it('writes a date before 2000 as negative days, and a bytea of any length as it is', () => {
    const data = new BinaryRows().date('1990-03-07' as LocalDate).data();
    expect([data.readInt32BE(0), data.readInt32BE(4)]).toEqual([4, pgDays('1990-03-07' as LocalDate)]);
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), fc.nat(8), (bytes, cut) => {
      const source = Buffer.from(bytes);
      const start = Math.min(cut, source.length);
      const field = new BinaryRows().bytea(source, start).data();
      expect(field.readInt32BE(0)).toBe(source.length - start);
      expect(field.subarray(4).equals(source.subarray(start))).toBe(true);
      expect(new BinaryRows().bytes(source, start).data().equals(source.subarray(start))).toBe(true);
    }));
  });

  it('counts dates in days from 2000-01-01', () => {
    expect(pgDays('2000-01-01' as LocalDate)).toBe(0);
    expect(pgDays('1999-12-31' as LocalDate)).toBe(-1);
    expect(pgDays('2000-03-01' as LocalDate)).toBe(60); // 2000 was a leap year
    expect(pgDays('2026-03-01' as LocalDate)).toBe(9556);
  });

  it('writes text by its UTF-8 length, NULL as -1, and jsonb with its version byte', () => {
    const data = new BinaryRows().row(3).text('湖北省').null().jsonb('{"a":1}').data();
    expect(data.readInt16BE(0)).toBe(3);
    expect(data.readInt32BE(2)).toBe(9);
    expect(data.subarray(6, 15).toString('utf8')).toBe('湖北省');
    expect(data.readInt32BE(15)).toBe(-1);
    expect(data.readInt32BE(19)).toBe(8);
    expect(data[23]).toBe(1);
    expect(data.subarray(24).toString('utf8')).toBe('{"a":1}');
  });

  it('writes a text[] as one dimension of texts, after its header', () => {
    const data = new BinaryRows().textArrayOrNull(['America/Boise', 'America/Los_Angeles']).textArrayOrNull(null).data();
    expect(data.readInt32BE(0)).toBe(data.length - 8); // the field's length; the NULL after it is 4 bytes
    expect([1, 0, 25, 2, 1].map((_, i) => data.readInt32BE(4 + 4 * i))).toEqual([1, 0, 25, 2, 1]);
    expect(data.readInt32BE(24)).toBe(13);
    expect(data.subarray(28, 41).toString('utf8')).toBe('America/Boise');
    expect(data.readInt32BE(41)).toBe(19);
    expect(data.subarray(45, 64).toString('utf8')).toBe('America/Los_Angeles');
    expect(data.readInt32BE(64)).toBe(-1);
  });
});
