import { describe, expect, it } from 'vitest';
import { currencyUnit, formatFen, parseYuanToFen, setAgencyCurrency, yuanText } from './money.ts';

describe('amounts held as fen', () => {
  it('show with the currency mark of the language, grouped, exactly', () => {
    expect(formatFen(123_456_789, 'zh-CN')).toBe('¥1,234,567.89');
    expect(formatFen(-5, 'en')).toBe('-CNY 0.05');
    expect(formatFen(Number.NaN, 'zh-CN')).toBe('—');
  });
  it('show in the currency of the account\'s contract: dollars and pounds, unambiguous in Chinese', () => {
    expect(formatFen(223_456, 'en', 'USD')).toBe('$2,234.56');
    expect(formatFen(223_456, 'zh-CN', 'USD')).toBe('US$2,234.56');
    expect(formatFen(-100, 'en', 'GBP')).toBe('-£1.00');
    expect([currencyUnit('CNY', 'zh-CN'), currencyUnit('USD', 'zh-CN'), currencyUnit('GBP', 'en')]).toEqual(['元', '美元', 'GBP']);
  });
  it('are in the agency\'s currency when nothing says otherwise (a US agency\'s totals in dollars)', () => {
    setAgencyCurrency('USD');
    try {
      expect(formatFen(150_000, 'en')).toBe('$1,500.00');
      expect(formatFen(150_000, 'en', 'CNY')).toBe('CNY 1,500.00');
    } finally {
      setAgencyCurrency('CNY');
    }
    expect(formatFen(150_000, 'en')).toBe('CNY 1,500.00');
  });
  it('go into an amount field as plain yuan text', () => {
    expect(yuanText(50_000)).toBe('500.00');
    expect(yuanText(123_456_701)).toBe('1,234,567.01');
  });
});

describe('an amount typed into a form', () => {
  it('is read to the minor unit by text, with the account\'s currency mark or 元 allowed', () => {
    expect(['1,234.5', '¥100', '￥100.05', '$50', 'US$50', '£20.10', '300元', ' 7 '].map(parseYuanToFen)).toEqual([123_450, 10_000, 10_005, 5_000, 5_000, 2_010, 30_000, 700]);
    // As the English screens print amounts: the currency's code before them.
    expect(['CNY 1,234.56', 'USD 50', 'GBP12.5', 'cny 3'].map(parseYuanToFen)).toEqual([123_456, 5_000, 1_250, 300]);
    expect(['1.234,56', '1,0000', 'CNY', '12.345'].map(parseYuanToFen)).toEqual([null, null, null, null]);
  });
  it('is read as typed by a Chinese input method in full-width mode', () => {
    expect(['１，２００．５０', '￥３００', '５０元', '\u3000８\u3000'].map(parseYuanToFen)).toEqual([120_050, 30_000, 5_000, 800]);
    expect(['１，２０', '１．００５'].map(parseYuanToFen)).toEqual([null, null]);
  });
  it('is refused when it is not one: a third decimal, a misplaced comma, a sign, two marks', () => {
    expect(['1.005', '12,34', '-5', '$¥5', '1e9', '', '$'].map(parseYuanToFen)).toEqual([null, null, null, null, null, null, null]);
  });
});
