/**
 * One row of a bank file -> a typed row, or the reasons it cannot be used, each naming the
 * file's column and saying in Chinese and English what is wrong and how to fix it. Amounts
 * go through parseYuan (exact fen), dates through parseLooseDate.
 */
import { parseLooseDate, type LocalDate, type YearLastOrder } from '../calendar.ts';
import type { Country } from '../country.ts';
import { isEmailAddress } from '../email-address.ts';
import { languageCode } from '../language.ts';
import { AppError } from '../errors.ts';
import { BALANCE_PARTS, currencyOfPack, fen, formatMoney, parseYuan, type Currency, type Fen } from '../money.ts';
import { CHARGE_OFF_COLUMNS, COLUMN_LABEL_EN, COLUMN_LABEL_ZH, type CanonicalColumn } from './columns.ts';
import type { ResolvedColumns } from './mapping.ts';
import { checkIdNumber, checkPhones, cleanText, type PhonesCheck } from './person.ts';
import { checkNino, checkUkPhones } from './person-uk.ts';
import { checkSsn, checkUsPhones, usAddressState, usPlaceZones, usStateCode } from './person-us.ts';

/** A cell of phone numbers, read as the numbers of the creditor's country. */
function phonesOf(country: RowOptions['country'], text: string): PhonesCheck {
  return country === 'US' ? checkUsPhones(text) : country === 'UK' ? checkUkPhones(text) : checkPhones(text);
}
import { deriveRegion, regionCodeKnown, type Region, type RegionIndex } from './region.ts';

export interface RowError { column: string; zh: string; en: string }
export type Checked<T> = { ok: true; row: T } | { ok: false; errors: RowError[] };

/** A row's fields; `lossy` marks spreadsheet cells stored as numbers that lost digits. */
export interface RowCells { fields: readonly string[]; lossy?: ReadonlySet<number> | undefined }

export interface PlacementRow {
  accountNo: string;
  debtorName: string | null;
  idNumber: string | null;
  birthDate: LocalDate | null;
  phones: string[];
  address: string | null;
  /** The debtor's e-mail address, as given (trimmed), when the file has one. */
  email: string | null;
  /** The language the debtor reads, as an ISO 639-1 code (languageCode), when the file says. */
  language: string | null;
  region: Region | null;
  product: string | null;
  principal: Fen | null;
  interest: Fen | null;
  fees: Fen | null;
  firstDelinquencyDate: LocalDate | null;
  placementDate: LocalDate;
  /** The debtor's time zone when the file says (a US address's first zone, a UK debtor's); null: the zone on file stays the default. */
  timeZone: string | null;
  /** Every zone a US address may be in (its state's, narrowed by its ZIP code); null elsewhere or when no state is found. */
  addressZones: readonly string[] | null;
  /** A charged-off debt's figures, when the file gives them (ChargeOff). */
  chargeOff: ChargeOff | null;
}

/**
 * What a charged-off debt's bank says of it (核销): the date the bank charged it off and the
 * balance then, and the interest, fees and payments (with credits) since, up to the file. The
 * validation notice itemizes the debt as of the charge-off with them (12 CFR 1006.34(b)(3)(iv)),
 * which is also the itemization 23 NYCRR 1.2(b) asks for. They add up to the balance the row
 * gives: balance + interest + fees - paid.
 */
export interface ChargeOff { date: LocalDate; balance: Fen; interest: Fen; fees: Fen; paid: Fen }

/** The amount a charged-off debt's figures come to: what is owed now by the bank's account. */
export function chargeOffTotal(c: ChargeOff): number {
  return c.balance + c.interest + c.fees - c.paid;
}

export interface PaymentRow { accountNo: string; txnId: string; amount: Fen; paidOn: LocalDate }
export interface RecallRow { accountNo: string; recallDate: LocalDate }
/** A skip-trace result: numbers for the account's debtor, theirs or (named) a third party's, and where they were found. */
export interface ContactRow { accountNo: string; phones: string[]; email: string | null; contactName: string | null; relation: string | null; source: string }

export interface RowOptions {
  /** Today's business date: the default placement and recall date, and the latest date a fact can have. */
  businessDate: LocalDate;
  /**
   * The country of the creditor's contract (its pack). US: the ID number is an SSN or ITIN, phones
   * are US numbers, the region is not derived and the time zone is read from the address's state.
   * UK: a National Insurance number, UK phones, no region, Europe/London. Absent: CN.
   */
  country?: Country;
}

/** True when every field is blank: spreadsheets leave such rows at the end; they are skipped. */
export function isBlankRow(fields: readonly string[]): boolean {
  for (const f of fields) if (f.trim() !== '') return false;
  return true;
}

/** An identifier as the file should have written it: no leading ' or ="..." (spreadsheet text marks), no white space. */
export function cleanIdentifier(text: string): string {
  return needsCleaning(text) ? text.replace(/^'|^="(.*)"$/, '$1').replace(/[\s\u3000]/g, '') : text;
}

/**
 * Whether an identifier may hold what cleanIdentifier takes out (a leading ' or =, or white space
 * anywhere): most cells hold neither and are used as they are, with no new text made (an import
 * reads three identifiers a row, millions of rows). Any character at or below the space, and each
 * one \s matches, answers yes; the regular expressions then decide.
 */
function needsCleaning(text: string): boolean {
  const first = text.charCodeAt(0);
  if (first === 0x27 || first === 0x3d) return true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20 || (c >= 0xa0 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f
      || c === 0x205f || c === 0x3000 || c === 0xfeff))) return true;
  }
  return false;
}

/** Reads cells by canonical column and collects errors. */
/** The currency an amount's text names by its sign or code (`$500`, `CNY 12`, `300元`); null: none. */
function markedCurrency(text: string): Currency | null {
  const t = text.normalize('NFKC');
  if (/US\$|USD/i.test(t)) return 'USD';
  if (/£|GBP/i.test(t)) return 'GBP';
  if (/[¥元]|CNY|RMB/i.test(t)) return 'CNY';
  if (t.includes('$')) return 'USD';
  return null;
}

class RowReader {
  readonly errors: RowError[] = [];
  /** How the file's country writes a date with the year last (US: 03/01/2026, UK: 01/03/2026); none in Chinese files. */
  private readonly yearLast: YearLastOrder | undefined;
  /** The currency of the creditor's contract: an amount marked with another's is refused, not read as this one's. */
  private readonly currency: Currency;

  constructor(private readonly columns: ResolvedColumns, private readonly cells: RowCells, country?: Country) {
    this.yearLast = country === 'US' ? 'MDY' : country === 'UK' ? 'DMY' : undefined;
    this.currency = currencyOfPack(country);
  }

  /** Whether the file has this column. */
  has(column: CanonicalColumn): boolean {
    return this.columns.index[column] !== undefined;
  }

  header(column: CanonicalColumn): string {
    const i = this.columns.index[column];
    return i === undefined ? column : (this.columns.headers[i] ?? column);
  }

  text(column: CanonicalColumn): string {
    const i = this.columns.index[column];
    return i === undefined ? '' : (this.cells.fields[i] ?? '').trim();
  }

  /** An identifier cell; a spreadsheet number that lost digits is an error. */
  identifier(column: CanonicalColumn): string {
    const i = this.columns.index[column];
    if (i !== undefined && this.cells.lossy?.has(i)) {
      this.fail(column, `${this.header(column)}在 Excel 中存成了数字，超过 15 位的数字已丢失；请把该列设为文本格式后重新导出`,
        `${this.header(column)} was stored as a number in Excel, which keeps only 15 digits; format the column as text and export again`);
      return '';
    }
    return cleanIdentifier(this.text(column));
  }

  fail(column: CanonicalColumn, zh: string, en: string): void {
    this.errors.push({ column: this.header(column), zh, en });
  }

  amount(column: CanonicalColumn, allowNegative: boolean): Fen | null {
    const text = this.text(column);
    if (text === '') return null;
    const marked = markedCurrency(text);
    if (marked !== null && marked !== this.currency) {
      this.fail(column, `${COLUMN_LABEL_ZH[column]}“${text}”标的是 ${marked}，而该委托方合同的币种是 ${this.currency}：不会按 ${this.currency} 读取；请核对后按合同币种填写`,
        `${COLUMN_LABEL_EN[column]}: "${text}" is marked ${marked} but this creditor's contract is in ${this.currency}: it is not read as ${this.currency}; check it and write it in the contract's currency`);
      return null;
    }
    // Accounting style, as US and UK banks' files write a negative amount: (50.00).
    const bracketed = /^\(\s*([^()]+?)\s*\)$/.exec(text);
    let value: Fen;
    try {
      value = bracketed ? fen(-parseYuan(bracketed[1]!)) : parseYuan(text);
    } catch (error) {
      // What is wrong with it when the text is an amount badly written (two signs, misplaced separators, a third decimal); else how to write one.
      const specific = error instanceof AppError && !error.message.includes(' is not an amount;');
      // The money module's message names the text as "Amount …" / 金额…: the column's name stands there instead.
      this.fail(column, specific ? `${COLUMN_LABEL_ZH[column]}${error.messageZh.replace(/^金额/, '')}` : `${COLUMN_LABEL_ZH[column]}“${text}”不是有效金额，请写成 1,234.56 这样的格式（最多两位小数）`,
        specific ? `${COLUMN_LABEL_EN[column]} ${error.message.replace(/^Amount /, '')}` : `${COLUMN_LABEL_EN[column]}: "${text}" is not an amount; write it like ${formatMoney(fen(123_456), this.currency, 'en')} or 1,234.56 (at most two decimals)`);
      return null;
    }
    if (!allowNegative && value < 0) {
      this.fail(column, `${COLUMN_LABEL_ZH[column]}不能为负数`, `${COLUMN_LABEL_EN[column]} cannot be negative`);
      return null;
    }
    return value;
  }

  date(column: CanonicalColumn, latest?: LocalDate): LocalDate | null {
    const text = this.text(column);
    if (text === '') return null;
    let value: LocalDate;
    try {
      value = parseLooseDate(text, this.yearLast);
    } catch {
      const own = this.yearLast === 'MDY' ? ['、03/01/2026（月/日/年）', ', 03/01/2026 (month/day/year)'] : this.yearLast === 'DMY'
        ? ['、01/03/2026（日/月/年）', ', 01/03/2026 (day/month/year)'] : ['', ''];
      this.fail(column, `${COLUMN_LABEL_ZH[column]}“${text}”不是有效日期，请写成 2026-03-01、2026/3/1、20260301${own[0]} 或 2026年3月1日`,
        `${COLUMN_LABEL_EN[column]}: "${text}" is not a date; write 2026-03-01, 2026/3/1, 20260301${own[1]} or 2026年3月1日`);
      return null;
    }
    if (latest && value > latest) {
      this.fail(column, `${COLUMN_LABEL_ZH[column]} ${value} 晚于今天（${latest}）`, `${COLUMN_LABEL_EN[column]} ${value} is after today (${latest})`);
      return null;
    }
    return value;
  }

  accountNo(): string {
    const value = this.identifier('account_no');
    if (this.errors.length) return value;
    if (value === '') this.fail('account_no', '账号为空', 'the account number is empty');
    else if (TOTALS.test(value)) this.fail('account_no', '这是合计行，不是账户；可删除该行或忽略此提示', 'this is a totals row, not an account; remove it or ignore this line');
    else if (value.length > 64) this.fail('account_no', '账号超过 64 个字符', 'the account number is longer than 64 characters');
    else if (EXCEL_EXPONENT.test(value)) {
      this.fail('account_no', `账号“${value}”是 Excel 改写的科学计数法，原来的数字已经丢失；请从银行系统重新导出，不要用 Excel 打开后另存（或把该列设为文本）`,
        `the account number "${value}" is a number Excel rewrote in scientific notation, and its digits are lost; export the file again from the bank's system rather than saving it from Excel (or format the column as text)`);
    }
    return value;
  }
}

// A long number a CSV went through Excel with: 6.22588E+15 (the card number's digits are gone).
const EXCEL_EXPONENT = /^\d(\.\d+)?E\+?\d+$/i;

// Bank exports often end with a totals line: 合计 / 小计 / Total in the account column.
const TOTALS = /^(合计|合計|总计|總計|小计|小計|total|subtotal|grandtotal)[:：]?$/i;

/**
 * The account number a row names, as checkPlacementRow (or checkPaymentRow...) reads it, without
 * the checks: for a row already known to be one that was accepted before.
 */
export function accountNoOf(columns: ResolvedColumns, cells: RowCells): string {
  return new RowReader(columns, cells).identifier('account_no');
}

export function checkFieldCount(fields: readonly string[], headerCount: number): RowError | null {
  if (fields.length === headerCount) return null;
  if (fields.length > headerCount && isBlankRow(fields.slice(headerCount))) return null;
  // The errors file has the header's columns: what is past them is said here, or it would be lost from the row.
  const beyond = fields.slice(headerCount).map((f) => JSON.stringify(f.length > 40 ? `${f.slice(0, 40)}…` : f)).join(', ');
  return {
    column: '',
    zh: `这一行有 ${fields.length} 个字段，表头有 ${headerCount} 个；可能多了分隔符（未加引号的逗号）${beyond ? `；表头之外的字段：${beyond}` : ''}`,
    en: `this row has ${fields.length} fields and the header has ${headerCount}; a field may contain an unquoted delimiter${beyond ? `; the fields past the header: ${beyond}` : ''}`,
  };
}

const PHONE_COLUMNS = ['phone', 'phone_2', 'phone_3'] as const;

/** Every phone column's numbers (phone, phone_2, phone_3), each once; a bad cell is an error naming its column. */
function phonesOfRow(r: RowReader, country: Country | undefined): string[] {
  const phones: string[] = [];
  for (const column of PHONE_COLUMNS) {
    if (r.identifier(column) === '') continue;
    const checked = phonesOf(country, r.text(column));
    if (!checked.ok) r.fail(column, checked.zh, checked.en);
    else for (const phone of checked.phones) if (!phones.includes(phone)) phones.push(phone);
  }
  return phones;
}

function languageOf(r: RowReader): string | null {
  const text = r.text('language').trim();
  if (text === '') return null;
  const code = languageCode(text);
  if (code === null) {
    r.fail('language', `“${text}”不是可识别的语言：请填写 ISO 639-1 代码，如 es（西班牙语）、en、zh`,
      `"${text}" is not a language we know: write its ISO 639-1 code, such as es (Spanish), en or zh`);
  }
  return code;
}

/**
 * The row's charge-off figures (ChargeOff), or null when it gives none. The date and the balance
 * go together; interest, fees and payments since are 0 when blank (a debt with none since says so).
 */
function chargeOffOf(r: RowReader, businessDate: LocalDate, firstDelinquency: LocalDate | null): ChargeOff | null {
  // A file without them (resolveColumns reads them only together) asks nothing more of its rows.
  if (!r.has('charge_off_date') || !CHARGE_OFF_COLUMNS.some((c) => r.text(c) !== '')) return null;
  const date = r.date('charge_off_date', businessDate);
  const balance = r.amount('charge_off_balance', false);
  const interest = r.amount('interest_since_charge_off', false) ?? 0;
  const fees = r.amount('fees_since_charge_off', false) ?? 0;
  const paid = r.amount('paid_since_charge_off', false) ?? 0;
  if (r.text('charge_off_date') === '') {
    r.fail('charge_off_date', '有核销数据但核销日期为空；核销数据须有核销日期和核销时欠款', 'the charge-off date is empty; charge-off figures need the date and the balance at charge-off');
  }
  if (r.text('charge_off_balance') === '') {
    r.fail('charge_off_balance', '有核销数据但核销时欠款为空；核销数据须有核销日期和核销时欠款', 'the charge-off balance is empty; charge-off figures need the date and the balance at charge-off');
  }
  if (date !== null && firstDelinquency !== null && date < firstDelinquency) {
    r.fail('charge_off_date', `核销日期 ${date} 早于首次逾期日 ${firstDelinquency}`, `the charge-off date ${date} is before the first delinquency date ${firstDelinquency}`);
  }
  if (date === null || balance === null) return null;
  return { date, balance, interest: fen(interest), fees: fen(fees), paid: fen(paid) };
}

function emailOf(r: RowReader): string | null {
  const text = r.text('email').trim();
  if (text === '') return null;
  if (!isEmailAddress(text)) {
    r.fail('email', `“${text}”不是一个有效的电子邮箱地址`, `"${text}" is not one e-mail address`);
    return null;
  }
  return text;
}

/**
 * The address as one text: the address column and its second line, and in a US or UK file the
 * city, state (the province column) and postal code after them when the bank sends them apart
 * ("12 Oak Ave, Apt 2, Peoria, IL 61602"), so the debtor's state, and from it their time zone,
 * is read from it. A Chinese file's province and city stay where they are (the region is derived
 * from them).
 */
function addressOf(r: RowReader, country: Country | undefined): string {
  const parts = [r.text('address'), r.text('address_line2')];
  if (country === 'US' || country === 'UK') {
    const state = country === 'US' ? usStateCode(r.text('province')) : r.text('province');
    parts.push(r.text('city'), [state, r.text('postal_code')].filter((p) => p !== '').join(' '));
  }
  return cleanText(parts.filter((p) => p !== '').join(', '));
}

export function checkPlacementRow(columns: ResolvedColumns, cells: RowCells, options: RowOptions & { regions: RegionIndex }): Checked<PlacementRow> {
  const r = new RowReader(columns, cells, options.country);
  const accountNo = r.accountNo();
  // The name in one column, or in parts (first, middle, last) as US and UK files send it.
  const name = cleanText(r.text('debtor_name') || [r.text('first_name'), r.text('middle_name'), r.text('last_name')].filter((p) => p !== '').join(' '));
  if (name.length > 100) r.fail('debtor_name', '姓名超过 100 个字符', 'the name is longer than 100 characters');

  let idNumber: string | null = null;
  let residentId: string | null = null;
  let birthDate: LocalDate | null = null;
  const us = options.country === 'US';
  const uk = options.country === 'UK';
  const idText = r.identifier('id_number');
  if (idText !== '') {
    const id = us ? checkSsn(idText) : uk ? checkNino(idText) : checkIdNumber(idText);
    if (id.ok) {
      idNumber = id.value;
      birthDate = id.birthDate;
      if (id.resident) residentId = id.value;
    } else r.fail('id_number', id.zh, id.en);
  }

  // A birth date column: the debtor's, where the ID number gives none (an SSN, a National
  // Insurance number); beside a Chinese resident ID it must be the one the number holds.
  const givenBirth = r.date('birth_date', options.businessDate);
  if (givenBirth !== null) {
    if (birthDate !== null && givenBirth !== birthDate) {
      r.fail('birth_date', `出生日期 ${givenBirth} 与身份证号中的出生日期 ${birthDate} 不一致`, `the birth date ${givenBirth} is not the birth date in the ID number (${birthDate})`);
    } else if (givenBirth < '1900-01-01') {
      r.fail('birth_date', `出生日期 ${givenBirth} 早于 1900 年`, `the birth date ${givenBirth} is before 1900`);
    } else birthDate = givenBirth;
  }

  const phones = phonesOfRow(r, options.country);

  const address = addressOf(r, options.country);
  if (address.length > 300) r.fail('address', '地址超过 300 个字符', 'the address is longer than 300 characters');
  const email = emailOf(r);
  const language = languageOf(r);
  const product = cleanText(r.text('product'));

  // One balance column, where the file has none of the parts, is the principal: the agency adds no
  // interest or fees, so a known account's are 0 too (the balance is the one amount, whatever an earlier file split).
  const split = BALANCE_PARTS.some((c) => r.has(c));
  const principal = split ? r.amount('principal', false) : r.amount('balance', false);
  const interest = split ? r.amount('interest', false) : (principal === null ? null : fen(0));
  const fees = split ? r.amount('fees', false) : (principal === null ? null : fen(0));
  const firstDelinquencyDate = r.date('first_delinquency_date', options.businessDate);
  // Overdue before the debtor was born: a date taken from another column, or a placeholder (1900-01-01).
  if (firstDelinquencyDate !== null && birthDate !== null && firstDelinquencyDate < birthDate) {
    r.fail('first_delinquency_date', `首次逾期日 ${firstDelinquencyDate} 早于债务人的出生日期 ${birthDate}：请核对这一列（可能取了别的日期或占位日期）`,
      `the first delinquency date ${firstDelinquencyDate} is before the debtor's birth date (${birthDate}): check the column (another date, or a placeholder, may have been taken for it)`);
  }
  // Placed on a day to come is not placed yet: refused like a delinquency date to come.
  const placementDate = r.date('placement_date', options.businessDate) ?? options.businessDate;
  const chargeOff = chargeOffOf(r, options.businessDate, firstDelinquencyDate);
  if (r.errors.length) return { ok: false, errors: r.errors };
  // A file whose only amounts are the charge-off figures owes what they come to, read as the principal (as one balance column is).
  const owed = chargeOff && !split && !r.has('balance') ? chargeOffTotal(chargeOff) : null;
  if (owed !== null && owed < 0) {
    r.fail('paid_since_charge_off', '核销后还款多于核销时欠款加核销后利息和费用', 'the payments since charge-off are more than the balance at charge-off with the interest and fees since');
    return { ok: false, errors: r.errors };
  }
  if (chargeOff && owed === null) {
    const parts = split ? BALANCE_PARTS.filter((c) => r.has(c)) : ['balance' as const];
    // Checked when the row gives its whole balance (a blank part of a known account's row keeps the part it has).
    if (parts.every((c) => r.text(c) !== '')) {
      const balance = (principal ?? 0) + (interest ?? 0) + (fees ?? 0);
      if (balance !== chargeOffTotal(chargeOff)) {
        const m = (amount: number) => formatMoney(fen(amount), currencyOfPack(options.country), 'en');
        r.fail('charge_off_balance',
          `核销时欠款 ${m(chargeOff.balance)} + 核销后利息 ${m(chargeOff.interest)} + 核销后费用 ${m(chargeOff.fees)} - 核销后还款 ${m(chargeOff.paid)} = ` +
          `${m(chargeOffTotal(chargeOff))}，与本行的欠款 ${m(balance)} 不符；请核对核销数据`,
          `the charge-off figures come to ${m(chargeOffTotal(chargeOff))} (balance at charge-off ${m(chargeOff.balance)} + interest ` +
          `${m(chargeOff.interest)} + fees ${m(chargeOff.fees)} - paid ${m(chargeOff.paid)} since), but the row's balance is ${m(balance)}; check the charge-off figures`);
        return { ok: false, errors: r.errors };
      }
    }
  }

  // One amount, with the charge-off figures beside it: the interest and the fees since the charge-off are those parts (a
  // collector quotes them, a settlement waives them as such), and the rest is the principal; paid down past them, it is one amount.
  const whole = owed ?? (split ? null : principal);
  const sinceParts = chargeOff !== null && whole !== null && whole - chargeOff.interest - chargeOff.fees >= 0
    ? { principal: fen(whole - chargeOff.interest - chargeOff.fees), interest: chargeOff.interest, fees: chargeOff.fees } : null;

  // A region code that names no region is said (it would be dropped unseen, and the region taken from the address or ID number).
  if (!us && !uk && r.text('region_code') !== '' && !regionCodeKnown(r.text('region_code'), options.regions)) {
    r.fail('region_code', `行政区划代码“${r.text('region_code')}”不是 GB/T 2260 中的地区代码（6 位或 12 位）；请核对，或留空由地址、身份证号推断`,
      `the region code "${r.text('region_code')}" is no GB/T 2260 region (6 or 12 digits); check it, or leave it empty to take the region from the address or ID number`);
    return { ok: false, errors: r.errors };
  }
  const placeText = [r.text('province'), r.text('city'), address].filter((t) => t !== '').join('');
  // GB/T 2260 regions are China's. A US debtor's region is their address's state as ISO 3166-2
  // (`US-MA`: state laws read it, such as Massachusetts's cap on calls); a UK debtor's is not derived.
  const usState = us ? usAddressState(address || null) : null;
  const addressZones = usState ? usPlaceZones(usState) : null;
  const region: Region | null = us ? (usState ? { code: `US-${usState.state}`, source: 'address' } : null)
    : uk ? null : deriveRegion({ regionCode: r.text('region_code') || null, placeText: placeText || null, residentId }, options.regions);
  return {
    ok: true,
    row: {
      accountNo, debtorName: name || null, idNumber, birthDate, phones, address: address || null, email, language, region,
      product: product || null, principal: sinceParts?.principal ?? (owed === null ? principal : fen(owed)),
      interest: sinceParts?.interest ?? (owed === null ? interest : fen(0)), fees: sinceParts?.fees ?? (owed === null ? fees : fen(0)), firstDelinquencyDate, placementDate,
      timeZone: addressZones?.[0] ?? (uk ? 'Europe/London' : null), addressZones, chargeOff,
    },
  };
}

export function checkPaymentRow(columns: ResolvedColumns, cells: RowCells, options: RowOptions): Checked<PaymentRow> {
  const r = new RowReader(columns, cells, options.country);
  const accountNo = r.accountNo();
  const txnId = r.identifier('txn_id');
  if (txnId === '' && !r.errors.some((e) => e.column === r.header('txn_id'))) r.fail('txn_id', '交易流水号为空', 'the transaction id is empty');
  else if (txnId.length > 64) r.fail('txn_id', '交易流水号超过 64 个字符', 'the transaction id is longer than 64 characters');
  const amount = r.amount('amount', true);
  if (amount === null && r.text('amount') === '') r.fail('amount', '还款金额为空', 'the amount is empty');
  else if (amount === 0) r.fail('amount', '还款金额为 0', 'the amount is zero');
  const paidOn = r.date('paid_on', options.businessDate);
  if (paidOn === null && r.text('paid_on') === '') r.fail('paid_on', '还款日期为空', 'the payment date is empty');
  if (r.errors.length || amount === null || paidOn === null) return { ok: false, errors: r.errors };
  return { ok: true, row: { accountNo, txnId, amount, paidOn } };
}

export function checkRecallRow(columns: ResolvedColumns, cells: RowCells, options: RowOptions): Checked<RecallRow> {
  const r = new RowReader(columns, cells, options.country);
  const accountNo = r.accountNo();
  // A recall takes effect on its date: one after today would end the account's mandate early.
  const recallDate = r.date('recall_date', options.businessDate) ?? options.businessDate;
  if (r.errors.length) return { ok: false, errors: r.errors };
  return { ok: true, row: { accountNo, recallDate } };
}

export function checkContactRow(columns: ResolvedColumns, cells: RowCells, options: Pick<RowOptions, 'country'> = {}): Checked<ContactRow> {
  const r = new RowReader(columns, cells, options.country);
  const accountNo = r.accountNo();
  const before = r.errors.length;
  const phones = phonesOfRow(r, options.country);
  const email = emailOf(r);
  if (phones.length === 0 && email === null && r.errors.length === before) {
    if (r.has('email')) r.fail(r.has('phone') ? 'phone' : 'email', '电话号码和电子邮箱都为空', 'phone and email are both empty');
    else r.fail('phone', '电话号码为空', 'the phone number is empty');
  }
  const contactName = cleanText(r.text('contact_name')) || null;
  const relation = cleanText(r.text('relation')) || null;
  if (relation !== null && contactName === null) {
    r.fail('contact_name', '填写了关系但没有联系人姓名：第三方号码须写明所属人', 'a relation is given without the contact\'s name: a third party\'s number needs the name of the person it belongs to');
  }
  const vendor = cleanText(r.text('source')).slice(0, 100);
  const source = vendor === '' ? 'skip_trace' : `skip_trace:${vendor}`;
  if (r.errors.length) return { ok: false, errors: r.errors };
  return { ok: true, row: { accountNo, phones, email, contactName, relation, source } };
}
