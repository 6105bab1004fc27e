import { describe, expect, it } from 'vitest';
import { formatFen, yuanText } from './money.ts';

describe('amounts held as fen', () => {
  it('show with the currency mark of the language, grouped, exactly', () => {
    expect(formatFen(123_456_789, 'zh-CN')).toBe('¥1,234,567.89');
    expect(formatFen(-5, 'en')).toBe('-CNY 0.05');
    expect(formatFen(Number.NaN, 'zh-CN')).toBe('—');
  });
  it('go into an amount field as plain yuan text', () => {
    expect(yuanText(50_000)).toBe('500.00');
    expect(yuanText(123_456_701)).toBe('1,234,567.01');
  });
});
