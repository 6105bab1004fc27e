import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { addFen, applyBasisPoints, basisPoints, currencyOfPack, fen, formatMoney, formatYuan, parseYuan, roundHalfUp, splitEvenly, subtractFen, sumFen } from './money.ts';
import type { Fen } from './money.ts';

const MAX = Number.MAX_SAFE_INTEGER;
const anyFen = fc.maxSafeInteger().map((n) => fen(n));
const smallFen = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map((n) => fen(n));

function invalid(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INVALID_INPUT');
    return error as AppError;
  }
  throw new Error('expected INVALID_INPUT');
}

/** Plain "yuan.fen" text from an exact integer, built with BigInt string ops only. */
function yuanText(amount: bigint): string {
  const sign = amount < 0n ? '-' : '';
  const digits = (amount < 0n ? -amount : amount).toString().padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

describe('fen', () => {
  it('accepts safe integers and turns -0 into 0', () => {
    expect(fen(MAX)).toBe(MAX);
    expect(fen(-MAX)).toBe(-MAX);
    expect(Object.is(fen(-0), 0)).toBe(true);
  });
  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, MAX + 1])('rejects %s', (n) => {
    invalid(() => fen(n));
  });
  it('basis points are whole numbers too', () => {
    expect(basisPoints(1500)).toBe(1500);
    invalid(() => basisPoints(12.5));
  });
});

describe('parseYuan', () => {
  it.each<[string, number]>([
    ['1,234.56', 123456],
    ['1234.5', 123450],
    ['1234', 123400],
    ['¥1,234.56', 123456],
    ['￥1,234.56', 123456],
    ['1,234.56元', 123456],
    ['CNY 1,234.56', 123456],
    ['RMB1234.56', 123456],
    ['$300', 30000],
    ['US$1,234.56', 123456],
    ['£12.5', 1250],
    ['-12.30', -1230],
    ['-¥12.30', -1230],
    ['¥-12.30', -1230],
    ['+5', 500],
    ['  12.30\t', 1230],
    ['\u300012.30\u3000', 1230],
    ['１２３４．５６', 123456],
    ['￥－１，２３４．５６元', -123456],
    ['0.29', 29],
    ['1.10', 110],
    ['1.100', 110],
    ['0.01', 1],
    ['000123.40', 12340],
    ['90,071,992,547,409.91', MAX],
  ])('%s -> %d fen', (text, expected) => {
    expect(parseYuan(text)).toBe(expected);
  });

  it('reads "-0.00" as plain 0, not negative zero', () => {
    expect(Object.is(parseYuan('-0.00'), 0)).toBe(true);
  });

  it.each(['', '   ', 'abc', '¥', '1.005', '1.2.3', '1,23.45', '12,3456.00', '1234,', '--1', '-¥-1', '.5', '1.', '1e5', 'NaN', '0x10', '1 234', '12.3a', '90,071,992,547,409.92'])(
    'rejects %j naming the text',
    (text) => {
      expect(invalid(() => parseYuan(text)).message).toContain(`"${text}"`);
    },
  );

  it('says which rule was broken', () => {
    expect(invalid(() => parseYuan('1.005')).message).toMatch(/more than 2 decimal places/);
    expect(invalid(() => parseYuan('1,23.45')).message).toMatch(/thousands separators/);
    expect(invalid(() => parseYuan('-¥-1')).message).toMatch(/two signs/);
    expect(invalid(() => parseYuan('1.005')).messageZh).toBe('金额“1.005”超过两位小数；最小单位是分');
    // Too large: said as the reader writes amounts, not in fen.
    expect(invalid(() => parseYuan('-90,071,992,547,409.92')).message).toBe('Amount "-90,071,992,547,409.92" is too large: an amount can be at most 90,071,992,547,409.91');
    expect(invalid(() => parseYuan('99999999999999999999')).messageZh).toBe('金额“99999999999999999999”过大：金额最多为 90,071,992,547,409.91');
    expect(parseYuan('-90,071,992,547,409.91')).toBe(-MAX);
  });

  it('is exact for every amount up to the safe range (no float on the way)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -BigInt(MAX), max: BigInt(MAX) }), (amount) => {
        expect(parseYuan(yuanText(amount))).toBe(Number(amount) === 0 ? 0 : Number(amount));
      }),
    );
  });

  it('reads plain digits, commas and a point the same whether or not the text takes the quick way', () => {
    // A leading space sends the same text through the general parser (which trims it).
    const outcome = (text: string) => { try { return parseYuan(text); } catch { return 'refused'; } };
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9,.]{1,20}$/), (text) => {
        expect(outcome(text)).toBe(outcome(` ${text}`));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads yuan and fen digits as written, including ones a float would garble', () => {
    // 0.29 * 100 = 28.999999999999996 and 1.005 * 100 = 100.49999999999999 in floating point.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 90_000_000_000 }), fc.integer({ min: 0, max: 99 }), (yuan, cents) => {
        const cc = String(cents).padStart(2, '0');
        expect(parseYuan(`${yuan}.${cc}`)).toBe(yuan * 100 + cents);
        expect(parseYuan(`${yuan}.${cc}000`)).toBe(yuan * 100 + cents);
      }),
    );
  });

  it('rejects a third decimal that is not zero', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 9 }), (yuan, cents, extra) => {
        invalid(() => parseYuan(`${yuan}.${String(cents).padStart(2, '0')}${extra}`));
      }),
    );
  });

  it('handles 9e15 fen exactly', () => {
    expect(parseYuan('90,000,000,000,000.00')).toBe(9e15);
    expect(parseYuan('89999999999999.99')).toBe(9e15 - 1);
  });
});

describe('formatYuan', () => {
  it.each<[number, string, string]>([
    [123456, '¥1,234.56', 'CNY 1,234.56'],
    [-123456, '-¥1,234.56', '-CNY 1,234.56'],
    [0, '¥0.00', 'CNY 0.00'],
    [5, '¥0.05', 'CNY 0.05'],
    [100, '¥1.00', 'CNY 1.00'],
    [100000000, '¥1,000,000.00', 'CNY 1,000,000.00'],
    [MAX, '¥90,071,992,547,409.91', 'CNY 90,071,992,547,409.91'],
  ])('%d fen', (amount, zh, en) => {
    expect(formatYuan(fen(amount), 'zh-CN')).toBe(zh);
    expect(formatYuan(fen(amount), 'en')).toBe(en);
  });

  it('round-trips through parseYuan in both locales', () => {
    fc.assert(
      fc.property(anyFen, fc.constantFrom('zh-CN' as const, 'en' as const), (amount, locale) => {
        expect(parseYuan(formatYuan(amount, locale))).toBe(amount);
      }),
    );
  });
});

describe('formatMoney', () => {
  it.each<[number, string, string, string]>([
    [123456, 'USD', '$1,234.56', 'US$1,234.56'],
    [-5, 'USD', '-$0.05', '-US$0.05'],
    [100000000, 'GBP', '£1,000,000.00', '£1,000,000.00'],
    [123456, 'CNY', 'CNY 1,234.56', '¥1,234.56'],
  ])('%d in %s', (amount, currency, en, zh) => {
    expect(formatMoney(fen(amount), currency as 'USD', 'en')).toBe(en);
    expect(formatMoney(fen(amount), currency as 'USD', 'zh-CN')).toBe(zh);
  });
  it('takes the currency from the contract\'s pack: the debt is owed where it is collected', () => {
    expect([currencyOfPack('CN'), currencyOfPack('US'), currencyOfPack('UK'), currencyOfPack(null)]).toEqual(['CNY', 'USD', 'GBP', 'CNY']);
  });
  it('reads back what it wrote, in every currency', () => {
    fc.assert(fc.property(anyFen, fc.constantFrom('USD' as const, 'GBP' as const), fc.constantFrom('zh-CN' as const, 'en' as const), (amount, currency, locale) => {
      expect(parseYuan(formatMoney(amount, currency, locale))).toBe(amount);
    }));
  });
  it('writes the same digits in every currency as formatYuan does', () => {
    fc.assert(fc.property(anyFen, (amount) => {
      const digits = formatYuan(amount, 'en').replace('CNY ', '');
      expect(formatMoney(amount, 'USD', 'en').replace('$', '')).toBe(digits);
      expect(formatMoney(amount, 'GBP', 'en').replace('£', '')).toBe(digits);
    }));
  });
});

describe('roundHalfUp (the one rounding rule)', () => {
  it.each<[bigint, bigint, bigint]>([
    [4n, 10n, 0n],
    [5n, 10n, 1n],
    [6n, 10n, 1n],
    [15n, 10n, 2n],
    [25n, 10n, 3n],
    [-4n, 10n, 0n],
    [-5n, 10n, -1n],
    [-25n, 10n, -3n],
    [5n, -10n, -1n],
    [-5n, -10n, 1n],
    [14_999n, 10_000n, 1n],
    [15_000n, 10_000n, 2n],
    [0n, 7n, 0n],
    [21n, 7n, 3n],
  ])('%d / %d -> %d', (n, d, expected) => {
    expect(roundHalfUp(n, d)).toBe(expected);
  });

  it('is the nearest integer, ties away from zero', () => {
    const nonZero = fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).filter((d) => d !== 0n);
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), nonZero, (n, d) => {
        const r = roundHalfUp(n, d);
        const abs = (x: bigint): bigint => (x < 0n ? -x : x);
        const error = abs(n - r * d) * 2n;
        expect(error <= abs(d)).toBe(true);
        if (error === abs(d)) expect(abs(r * d) > abs(n)).toBe(true); // the tie went away from zero
      }),
    );
  });

  it('refuses a zero denominator', () => {
    invalid(() => roundHalfUp(1n, 0n));
  });
});

describe('applyBasisPoints', () => {
  it.each<[number, number, number]>([
    [12345, 1500, 1852], // 15 % of 123.45 yuan = 18.5175 yuan
    [1, 5000, 1], // 0.5 fen rounds up
    [1, 4999, 0],
    [-1, 5000, -1], // and away from zero when negative
    [3, 5000, 2], // 1.5 -> 2
    [100, 10000, 100],
    [100, 0, 0],
    [9e15, 10000, 9e15],
  ])('%d fen x %d bp = %d fen', (amount, bp, expected) => {
    expect(applyBasisPoints(fen(amount), basisPoints(bp))).toBe(expected);
  });

  it('fails instead of leaving the safe range', () => {
    invalid(() => applyBasisPoints(fen(9e15), basisPoints(20000)));
  });

  it('matches the exact product rounded once, and is symmetric in sign', () => {
    fc.assert(
      fc.property(anyFen, fc.integer({ min: 0, max: 10000 }).map(basisPoints), (amount, bp) => {
        const result = applyBasisPoints(amount, bp);
        expect(BigInt(result)).toBe(roundHalfUp(BigInt(amount) * BigInt(bp), 10_000n));
        expect(applyBasisPoints(fen(-amount), bp)).toBe(result === 0 ? 0 : -result);
      }),
    );
  });
});

describe('addFen, subtractFen, sumFen', () => {
  it('are exact', () => {
    fc.assert(
      fc.property(fc.array(smallFen, { maxLength: 50 }), (amounts) => {
        const exact = amounts.reduce((total, a) => total + BigInt(a), 0n);
        expect(BigInt(sumFen(amounts))).toBe(exact);
        expect(amounts.reduce<Fen>((total, a) => addFen(total, a), fen(0))).toBe(sumFen(amounts));
      }),
    );
    fc.assert(
      fc.property(smallFen, smallFen, (a, b) => {
        expect(addFen(subtractFen(a, b), b)).toBe(a);
      }),
    );
  });

  it('sum of nothing is 0', () => {
    expect(sumFen([])).toBe(0);
  });

  it('fail on overflow rather than lose precision', () => {
    invalid(() => addFen(fen(MAX), fen(1)));
    invalid(() => subtractFen(fen(-MAX), fen(1)));
    invalid(() => sumFen([fen(MAX), fen(MAX)]));
    expect(sumFen([fen(MAX), fen(MAX), fen(-MAX)])).toBe(MAX); // only the total must fit
  });
});

describe('splitEvenly', () => {
  it.each<[number, number, number[]]>([
    [10, 3, [3, 3, 4]],
    [-10, 3, [-3, -3, -4]],
    [2, 5, [0, 0, 0, 0, 2]],
    [100, 1, [100]],
    [0, 2, [0, 0]],
    [MAX, 2, [4503599627370495, 4503599627370496]],
  ])('%d in %d parts', (amount, parts, expected) => {
    expect(splitEvenly(fen(amount), parts)).toEqual(expected);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects %d parts', (parts) => {
    invalid(() => splitEvenly(fen(10), parts));
  });

  it('parts add up exactly; all but the last are equal; the last carries the remainder', () => {
    fc.assert(
      fc.property(anyFen, fc.integer({ min: 1, max: 400 }), (amount, n) => {
        const parts = splitEvenly(amount, n);
        expect(parts).toHaveLength(n);
        expect(sumFen(parts)).toBe(amount);
        const first = parts[0] ?? 0;
        expect(parts.slice(0, -1).every((p) => p === first)).toBe(true);
        const extra = Math.abs((parts[n - 1] ?? 0) - first);
        expect(extra).toBeLessThan(n);
      }),
    );
  });
});
