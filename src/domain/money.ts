/**
 * Money is an integer count of fen (CNY minor units, 1 yuan = 100 fen), never a float
 * (DOMAIN.md "Money and time"). The range is the safe-integer range of a JS number,
 * about ±90 trillion yuan, so a `Fen` always holds an exact value. Rates are integer basis
 * points (1 bp = 0.01 %). There is one rounding rule, `roundHalfUp`, and it is used in one
 * place: turning an exact product of fen and basis points back into whole fen.
 */
import { invalidInput, type Bilingual } from './errors.ts';

declare const fenBrand: unique symbol;
declare const basisPointsBrand: unique symbol;

/** Integer minor units of CNY. Build one with `fen()` or `parseYuan()`. */
export type Fen = number & { readonly [fenBrand]: true };

/** The parts an account's balance is placed and kept in (本金, 利息, 费用). */
export const BALANCE_PARTS = ['principal', 'interest', 'fees'] as const;
export type BalancePart = (typeof BALANCE_PARTS)[number];
/** A rate in basis points: 10000 bp = 100 %. */
export type BasisPoints = number & { readonly [basisPointsBrand]: true };

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Guarded constructor: a safe integer or an INVALID_INPUT error. Negative zero becomes 0. */
export function fen(value: number): Fen {
  if (!Number.isSafeInteger(value)) {
    throw invalidInput({
      en: `Amount ${String(value)} is not a whole number of fen within ±${Number.MAX_SAFE_INTEGER}`,
      zh: `金额 ${String(value)} 必须是 ±${Number.MAX_SAFE_INTEGER} 以内的整数（单位：分）`,
    }, 'amount');
  }
  return (value === 0 ? 0 : value) as Fen;
}

export function basisPoints(value: number): BasisPoints {
  if (!Number.isSafeInteger(value)) {
    throw invalidInput({ en: `Rate ${String(value)} is not a whole number of basis points`, zh: `费率 ${String(value)} 必须是整数个基点（bp）` }, 'rate');
  }
  return (value === 0 ? 0 : value) as BasisPoints;
}

function fenFromBigInt(value: bigint, what: Bilingual): Fen {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw invalidInput({
      en: `${what.en} is out of range: ${value.toString()} fen exceeds ±${Number.MAX_SAFE_INTEGER}`,
      zh: `${what.zh}超出范围：${value.toString()} 分超过了 ±${Number.MAX_SAFE_INTEGER} 分`,
    }, 'amount');
  }
  return fen(Number(value));
}

// ---------------------------------------------------------------------------------------
// Parsing. Bank files write amounts many ways; we read the text digit by digit and never
// go through a float, so "0.29" is 29 fen and not 28.999999999999996.

// Full-width forms from Chinese input methods, and the Unicode minus sign.
const FULL_WIDTH: Record<string, string> = { '，': ',', '．': '.', '－': '-', '＋': '+', '−': '-' };

function toHalfWidth(text: string): string {
  return text.replace(/[\uFF10-\uFF19，．－＋−]/g, (c) => {
    const code = c.charCodeAt(0);
    return code >= 0xff10 && code <= 0xff19 ? String.fromCharCode(code - 0xff10 + 0x30) : (FULL_WIDTH[c] ?? c);
  });
}

// sign, currency mark, sign (either place), digits with optional thousands grouping,
// optional fraction, optional 元. The dollar and pound marks are read too: a debtor of a US or UK
// creditor writes "$300" on the portal (the field's currency is the account's, never the mark's).
const AMOUNT = /^([+-]?)\s*(?:¥|￥|CNY|RMB|US\$|\$|USD|£|GBP)?\s*([+-]?)\s*(\d[\d,]*)(?:\.(\d+))?\s*(?:元)?$/i;

/** The largest amount kept (Number.MAX_SAFE_INTEGER minor units) as it is written: 90,071,992,547,409.91. */
const LARGEST_AMOUNT = `${(BigInt(Number.MAX_SAFE_INTEGER) / 100n).toLocaleString('en-US')}.${String(Number.MAX_SAFE_INTEGER % 100).padStart(2, '0')}`;

/**
 * Parses a yuan amount written as text into fen: "1,234.56", "¥1,234.56", "￥-12.30",
 * "1234.5元", "CNY 1,234.56", full-width digits. Extra decimals are allowed only when they
 * are zeros ("1.10" = 110 fen, "1.100" too); "1.005" is rejected rather than rounded,
 * because a bank file that carries a third decimal means something we must not guess.
 */
export function parseYuan(text: string): Fen {
  const plain = plainYuan(text);
  if (plain !== undefined) return fen(plain);
  const normalized = toHalfWidth(text).trim();
  const match = AMOUNT.exec(normalized);
  if (!match) {
    // In no currency's words: the portal's dollar and pound debtors read it too.
    throw invalidInput({ en: `Amount "${text}" is not an amount; write it like 1,234.56`, zh: `金额“${text}”不是有效的金额，请写成 1,234.56 这样的格式`,
      es: `«${text}» no es un monto; escríbalo como 1,234.56` }, 'amount');
  }
  const [, signBefore = '', signAfter = '', integerPart = '', fraction = ''] = match;
  if (signBefore !== '' && signAfter !== '') {
    throw invalidInput({ en: `Amount "${text}" has two signs; keep one`, zh: `金额“${text}”有两个正负号，请只保留一个`, es: `El monto «${text}» tiene dos signos; deje uno` }, 'amount');
  }
  if (integerPart.includes(',') && !/^\d{1,3}(,\d{3})*$/.test(integerPart)) {
    throw invalidInput({ en: `Amount "${text}" has misplaced thousands separators`, zh: `金额“${text}”的千位分隔符位置不对`, es: `El monto «${text}» tiene las comas de miles mal colocadas` }, 'amount');
  }
  if (fraction.length > 2 && /[1-9]/.test(fraction.slice(2))) {
    throw invalidInput({ en: `Amount "${text}" has more than 2 decimal places`, zh: `金额“${text}”超过两位小数；最小单位是分`, es: `El monto «${text}» tiene más de 2 decimales` }, 'amount');
  }
  const cents = (fraction + '00').slice(0, 2);
  const digits = integerPart.replace(/,/g, '');
  const negative = (signBefore || signAfter) === '-';
  if (digits.length <= 13) {
    // Up to 13 digits of yuan the fen are exact as a Number (below 2^53): no BigInt needed.
    const small = Number(digits) * 100 + Number(cents);
    return fen(negative && small !== 0 ? -small : small);
  }
  const magnitude = BigInt(digits) * 100n + BigInt(cents);
  if (magnitude > BigInt(Number.MAX_SAFE_INTEGER)) {
    // Said as an amount the reader writes (a debtor, a bank's file), not in the minor units it is kept in.
    throw invalidInput({ en: `Amount "${text}" is too large: an amount can be at most ${LARGEST_AMOUNT}`, zh: `金额“${text}”过大：金额最多为 ${LARGEST_AMOUNT}`,
      es: `El monto «${text}» es demasiado grande: como máximo ${LARGEST_AMOUNT}` }, 'amount');
  }
  return fen(Number(negative ? -magnitude : magnitude));
}

/**
 * The common case read without a regular expression (a bank file has millions of amounts):
 * ASCII digits with well-placed thousands commas and up to two decimals, at most 13 digits of
 * yuan ("1,234.56", "1234.5", "0.29"). Anything else (signs, currency marks, full-width
 * digits, spaces, more decimals) is undefined here and goes the general way, which also
 * explains what is wrong.
 */
function plainYuan(text: string): number | undefined {
  const n = text.length;
  let yuan = 0;
  let digits = 0;
  let group = -1; // digits since the last comma; -1 before the first comma
  let i = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      yuan = yuan * 10 + (c - 48);
      digits++;
      if (group >= 0) group++;
    } else if (c === 44) { // ,
      if (group === -1 ? digits < 1 || digits > 3 : group !== 3) return undefined;
      group = 0;
    } else break;
  }
  if (digits === 0 || digits > 13 || (group !== -1 && group !== 3)) return undefined;
  if (i === n) return yuan * 100;
  if (text.charCodeAt(i) !== 46 || n - i - 1 < 1 || n - i - 1 > 2) return undefined; // . and one or two decimals
  let cents = 0;
  for (let j = i + 1; j < n; j++) {
    const c = text.charCodeAt(j);
    if (c < 48 || c > 57) return undefined;
    cents = cents * 10 + (c - 48);
  }
  return yuan * 100 + (n - i - 1 === 1 ? cents * 10 : cents);
}

/**
 * Formats fen as yuan with two decimals and thousands grouping.
 * zh-CN: "¥1,234.56", "-¥1,234.56" (the same shape as Intl's zh-CN CNY currency format).
 * en: "CNY 1,234.56", "-CNY 1,234.56": the ISO 4217 code, because "¥" alone is read as
 * Japanese yen by many English readers. Both forms parse back with `parseYuan`.
 * Built from the integer digits, not Intl, so no float is involved at any size.
 */
export function formatYuan(amount: Fen, locale: 'zh-CN' | 'en'): string {
  return formatMoney(amount, 'CNY', locale);
}

/**
 * The currencies of the packs' countries. Every one has two decimals, so an amount is stored
 * the same way in each: integer minor units (fen, cents, pence), the `Fen` type.
 */
export const CURRENCIES = ['CNY', 'USD', 'GBP'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** The currency a contract's compliance pack implies: the debt is owed where it is collected. */
export function currencyOfPack(pack: string | null | undefined): Currency {
  return pack === 'US' ? 'USD' : pack === 'UK' ? 'GBP' : 'CNY';
}

const MARKS: Record<Currency, Record<'zh-CN' | 'en', string>> = {
  CNY: { 'zh-CN': '¥', en: 'CNY ' },
  USD: { 'zh-CN': 'US$', en: '$' },
  GBP: { 'zh-CN': '£', en: '£' },
};

/** What stands before an amount of the currency in the locale ("CNY ", "¥", "$", "US$", "£"), as formatMoney writes it. */
export function currencyMark(currency: Currency, locale: 'zh-CN' | 'en'): string {
  return MARKS[currency][locale];
}

/**
 * Formats minor units in a currency: "$1,234.56" and "-$1,234.56" for USD in English ("US$" in
 * Chinese, where "$" alone is ambiguous), "£1,234.56" for GBP, and CNY as `formatYuan` says.
 */
export function formatMoney(amount: Fen, currency: Currency, locale: 'zh-CN' | 'en'): string {
  const negative = amount < 0;
  const digits = Math.abs(amount).toString().padStart(3, '0');
  const whole = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${MARKS[currency][locale]}${whole}.${digits.slice(-2)}`;
}

// ---------------------------------------------------------------------------------------
// Arithmetic.

/**
 * THE rounding rule: round half up, meaning a remainder of exactly one half goes away from
 * zero (2.5 -> 3, -2.5 -> -3), anything less goes toward zero. This is 四舍五入, the rule
 * people in China expect on money, not banker's rounding (half to even); it is symmetric, so
 * a refund rounds to the same magnitude as the charge it reverses. Works on exact integers
 * (BigInt) so no product overflows before it is divided.
 */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw invalidInput({ en: 'Cannot divide an amount by zero', zh: '金额不能除以零' }, 'denominator');
  const quotient = numerator / denominator; // truncates toward zero
  const remainder = numerator % denominator;
  const twiceRemainder = 2n * (remainder < 0n ? -remainder : remainder);
  const absDenominator = denominator < 0n ? -denominator : denominator;
  if (twiceRemainder < absDenominator) return quotient;
  const awayFromZero = (numerator < 0n) !== (denominator < 0n) ? -1n : 1n;
  return quotient + awayFromZero;
}

const RATE_APPLIED: Bilingual = { en: 'Rate applied to amount', zh: '按费率计算的金额' };

/** amount x bp / 10000, rounded half up (the one rounding rule above). */
export function applyBasisPoints(amount: Fen, rate: BasisPoints): Fen {
  return fenFromBigInt(roundHalfUp(BigInt(amount) * BigInt(rate), 10_000n), RATE_APPLIED);
}

const SUM: Bilingual = { en: 'Sum', zh: '合计' };
const DIFFERENCE: Bilingual = { en: 'Difference', zh: '差额' };

export function addFen(a: Fen, b: Fen): Fen {
  return fenFromBigInt(BigInt(a) + BigInt(b), SUM);
}

export function subtractFen(a: Fen, b: Fen): Fen {
  return fenFromBigInt(BigInt(a) - BigInt(b), DIFFERENCE);
}

export function sumFen(amounts: readonly Fen[]): Fen {
  let total = 0n;
  for (const amount of amounts) total += BigInt(amount);
  return fenFromBigInt(total, SUM);
}

/**
 * Splits an amount into n parts that add up exactly: every part but the last is the
 * magnitude divided by n rounded down, and the last takes the remainder (so an instalment
 * plan's final payment is the odd one). Negative amounts split the same way with the sign
 * kept: -10 in 3 is [-3, -3, -4].
 */
export function splitEvenly(amount: Fen, parts: number): Fen[] {
  if (!Number.isSafeInteger(parts) || parts < 1) {
    throw invalidInput({
      en: `Cannot split an amount into ${String(parts)} parts; use a whole number of at least 1`,
      zh: `无法把金额分成 ${String(parts)} 份；份数须为不小于 1 的整数`,
    }, 'parts');
  }
  // BigInt division: a float quotient of two large integers can round up across a whole number.
  const sign = amount < 0 ? -1n : 1n;
  const magnitude = sign * BigInt(amount);
  const each = magnitude / BigInt(parts);
  const last = magnitude - each * BigInt(parts - 1);
  const result: Fen[] = Array.from({ length: parts - 1 }, () => fen(Number(sign * each)));
  result.push(fen(Number(sign * last)));
  return result;
}
