import { describe, expect, it } from 'vitest';
import { copyBytea, copyText, CopyBuffer, KeySet, fingerprintOf } from './staging.ts';

describe('KeySet', () => {
  it('remembers exact keys with their numbers across growth', () => {
    const set = new KeySet();
    let added = 0;
    for (let i = 0; i < 100_000; i++) if (set.getOrAdd(`6222${i}`, i) === undefined) added++;
    expect(added).toBe(100_000);
    expect(set.size).toBe(100_000);
    for (const i of [0, 1, 65_535, 65_536, 99_999]) expect(set.getOrAdd(`6222${i}`, -1)).toBe(i);
    expect(set.getOrAdd('账号-甲', 7)).toBeUndefined();
    expect(set.getOrAdd('账号-甲', 8)).toBe(7);
    expect(set.getOrAdd('账号-乙', 9)).toBeUndefined();
    expect(set.getOrAdd('x'.repeat(5000), -5)).toBeUndefined();
    expect(set.getOrAdd('x'.repeat(5000), 0)).toBe(-5);
  });
});

describe('COPY text', () => {
  it('escapes what COPY would read as structure, and writes NULL and bytea', () => {
    expect(copyText('a\tb\\c\nd')).toBe('a\\tb\\\\c\\nd');
    expect(copyText(null)).toBe('\\N');
    expect(copyBytea('00ff')).toBe('\\\\x00ff');
  });
  it('accumulates lines as bytes and can be reused', () => {
    const buffer = new CopyBuffer();
    buffer.add('张三\t1\n');
    buffer.add('x'.repeat(2_000_000) + '\n');
    expect(buffer.bytes().subarray(0, 9).toString()).toBe('张三\t1\n');
    expect(buffer.bytes().length).toBe(9 + 2_000_001);
    buffer.reset();
    buffer.add('a\n');
    expect(buffer.bytes().toString()).toBe('a\n');
  });
});

describe('fingerprintOf', () => {
  it('is the same for the same values, and tells apart a changed, moved, blank or missing value', () => {
    const row = ['王伟', '42010219900307123X', 123456, null, '2026-03-01'];
    expect(fingerprintOf(row)).toBe(fingerprintOf([...row]));
    expect(fingerprintOf(row)).not.toBe(fingerprintOf(['王伟', '42010219900307123X', 123457, null, '2026-03-01']));
    expect(fingerprintOf(row)).not.toBe(fingerprintOf(['王伟', '42010219900307123X', 123456, '', '2026-03-01']));
    expect(fingerprintOf(['ab', 'c'])).not.toBe(fingerprintOf(['a', 'bc']));
    expect(fingerprintOf(['a', null])).not.toBe(fingerprintOf([null, 'a']));
  });
});
