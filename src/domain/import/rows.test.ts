import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../calendar.ts';
import { missingRequired, resolveColumns } from './mapping.ts';
import { checkIdNumber, checkPhones } from './person.ts';
import { buildRegionIndex, deriveRegion, regionCodeKnown, regionFromAddress } from './region.ts';
import { checkContactRow, checkFieldCount, checkPaymentRow, checkPlacementRow, checkRecallRow, cleanIdentifier } from './rows.ts';
import { languageCode } from '../language.ts';
import { shippedRegions } from '../../../test/support/regions.ts';

// The shipped GB/T 2260 regions (read by test support, outside the pure domain).
const regions = buildRegionIndex(shippedRegions());
const businessDate = '2026-03-02' as LocalDate;

const placementColumns = resolveColumns(['账号', '姓名', '身份证号', '手机', '地址', '行政区划代码', '本金', '利息', '费用', '逾期日期', '委案日期'], 'placements');
const placement = (cells: Partial<Record<string, string>>) => checkPlacementRow(placementColumns, {
  fields: [cells.account ?? '6222000000000001', cells.name ?? '张三', cells.id ?? '', cells.phone ?? '', cells.address ?? '',
    cells.region ?? '', cells.principal ?? '100', cells.interest ?? '', cells.fees ?? '', cells.fdd ?? '2026-01-15', cells.placed ?? ''],
}, { businessDate, regions });

describe('placement rows', () => {
  it('parses amounts exactly to fen in every way banks write them', () => {
    const cases: Array<[string, number]> = [['1,234.56', 123456], ['1234.5', 123450], ['¥1,234.56', 123456], ['￥1,234.56', 123456],
      ['1,234.56元', 123456], ['-0.00', 0], ['0.29', 29], ['12,345,678.90', 1234567890]];
    for (const [text, fen] of cases) {
      const checked = placement({ principal: text });
      expect(checked.ok && checked.row.principal, text).toBe(fen);
    }
  });

  it('reads dates as banks write them', () => {
    for (const text of ['2026-01-05', '2026/1/5', '20260105', '2026年1月5日']) {
      const checked = placement({ fdd: text });
      expect(checked.ok && checked.row.firstDelinquencyDate, text).toBe('2026-01-05');
    }
  });

  it('defaults the placement date to the business date, and blank balance parts to "not given"', () => {
    const checked = placement({});
    expect(checked.ok && checked.row).toMatchObject({ placementDate: '2026-03-02', principal: 10000, interest: null, fees: null });
  });

  it('rejects with the file\'s column name and a reason in Chinese and English', () => {
    const checked = placement({ principal: 'abc', fdd: '2026-13-01', fees: '-5' });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.map((e) => e.column)).toEqual(['本金', '费用', '逾期日期']);
    expect(checked.errors[0]!.zh).toContain('不是有效金额');
    expect(checked.errors[0]!.en).toContain('is not an amount; write it like CNY 1,234.56');
    expect(checked.errors[1]!.en).toBe('fees cannot be negative');
    expect(checked.errors[2]!.en).toBe('first delinquency date: "2026-13-01" is not a date; write 2026-03-01, 2026/3/1, 20260301 or 2026年3月1日');
  });

  it('names columns in plain English words, not their codes', () => {
    const checked = placement({ account: '' });
    expect(!checked.ok && checked.errors.map((e) => e.en)).toEqual(['the account number is empty']);
  });

  it('rejects a totals line', () => {
    const checked = placement({ account: '合计', name: '' });
    expect(!checked.ok && checked.errors[0]!.en).toMatch(/totals row/);
  });

  it('rejects a first delinquency date in the future and an amount with a third decimal', () => {
    expect(placement({ fdd: '2026-03-03' }).ok).toBe(false);
    expect(placement({ principal: '1.005' }).ok).toBe(false);
  });

  it('rejects a first delinquency date before the birth date the ID number holds (a placeholder or another column taken for it)', () => {
    const born1980 = '110101198001014441';
    const early = placement({ id: born1980, fdd: '1900-01-01' });
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.errors[0]).toMatchObject({ column: '逾期日期', en: expect.stringMatching(/^the first delinquency date 1900-01-01 is before the debtor's birth date \(1980-01-01\)/) });
    expect(placement({ id: born1980, fdd: '1980-01-01' }).ok).toBe(true);
    expect(placement({ fdd: '1900-01-01' }).ok).toBe(true); // no birth date known: nothing to compare
  });

  it('never repeats a bad ID number or phone in its reason', () => {
    const checked = placement({ id: '420102199003071235', phone: '12345' });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    const text = JSON.stringify(checked.errors);
    expect(text).not.toContain('420102199003071235');
    expect(text).not.toContain('12345');
  });

  it('derives the region from the code, then the address, then the ID number, and says which', () => {
    const id = '420102199003071232';
    const fromCode = placement({ region: '330106', address: '湖北省武汉市江岸区', id });
    expect(fromCode.ok && fromCode.row.region).toEqual({ code: '330106', source: 'code' });
    const fromAddress = placement({ address: '广東省廣州市天河區天河路1号', id });
    expect(fromAddress.ok && fromAddress.row.region).toEqual({ code: '440106', source: 'address' });
    const fromId = placement({ id });
    expect(fromId.ok && fromId.row.region).toEqual({ code: '420102', source: 'id_number' });
    expect(fromId.ok && fromId.row.birthDate).toBe('1990-03-07');
  });

  it('checks the field count of a CSV row', () => {
    expect(checkFieldCount(['a', 'b'], 2)).toBeNull();
    expect(checkFieldCount(['a', 'b', '', ''], 2)).toBeNull();
    expect(checkFieldCount(['a', 'b', 'c'], 2)?.en).toMatch(/3 fields and the header has 2/);
    expect(checkFieldCount(['a'], 2)).not.toBeNull();
  });

  it('flags account numbers that Excel stored as numbers and cut short', () => {
    const checked = checkPlacementRow(placementColumns, { fields: ['6222020200012340000', '张三', '', '', '', '', '1', '', '', '2026-01-01', ''], lossy: new Set([0]) },
      { businessDate, regions });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.errors[0]!.en).toMatch(/stored as a number in Excel/);
  });
});

describe('US and UK files: dates with the year last, birth dates', () => {
  const columns = resolveColumns(['Account Number', 'Name', 'SSN', 'Date of Birth', 'Phone', 'Address', 'Principal', 'First Delinquency Date'], 'placements');
  const row = (country: 'US' | 'UK', dob: string, fdd: string, id = country === 'US' ? '123-45-6789' : 'AB123456C') => checkPlacementRow(columns,
    { fields: ['4111000000001234', 'Jane Doe', id, dob, country === 'US' ? '(217) 555-0100' : '07700 900123', '12 Oak Ave, Peoria, IL 61602', '100.00', fdd] },
    { businessDate, regions, country });

  it('reads a US date month first and a UK date day first; a Chinese file reads neither', () => {
    const us = row('US', '07/04/1980', '11/15/2025');
    expect(us.ok && [us.row.birthDate, us.row.firstDelinquencyDate]).toEqual(['1980-07-04', '2025-11-15']);
    const uk = row('UK', '04/07/1980', '15/11/2025');
    expect(uk.ok && [uk.row.birthDate, uk.row.firstDelinquencyDate]).toEqual(['1980-07-04', '2025-11-15']);
    // 15/11/2025 month first has no month 15: refused, naming the column and the country's form.
    const wrong = row('US', '1980-07-04', '15/11/2025');
    expect(!wrong.ok && wrong.errors).toEqual([expect.objectContaining({ column: 'First Delinquency Date',
      en: expect.stringContaining('03/01/2026 (month/day/year)') })]);
    const cn = placement({ fdd: '11/15/2025' });
    expect(!cn.ok && cn.errors[0]!.en).toContain('is not a date');
  });

  it('keeps a birth date given beside an SSN; beside a Chinese ID number it must be the one the number holds', () => {
    const us = row('US', '1980-07-04', '2025-11-15');
    expect(us.ok && us.row.birthDate).toBe('1980-07-04');
    const later = row('US', '2026-03-03', '2025-11-15');
    expect(!later.ok && later.errors[0]!.en).toBe('birth date 2026-03-03 is after today (2026-03-02)');
    // Nor is an account placed on a day to come.
    const placedColumns = resolveColumns(['账号', '本金', '委案日期'], 'placements');
    const placed = (on: string) => checkPlacementRow(placedColumns, { fields: ['6222', '100', on] }, { businessDate, regions });
    expect(placed('2026-03-02').ok).toBe(true);
    const ahead = placed('2026-03-03');
    expect(!ahead.ok && ahead.errors[0]!.en).toBe('placement date 2026-03-03 is after today (2026-03-02)');
    const cnColumns = resolveColumns(['账号', '姓名', '身份证号', '出生日期', '本金', '逾期日期'], 'placements');
    const cn = (dob: string) => checkPlacementRow(cnColumns, { fields: ['6222', '张三', '420102199003071232', dob, '100', '2026-01-15'] }, { businessDate, regions });
    expect(cn('1990-03-07').ok).toBe(true);
    const mismatch = cn('1990-03-08');
    expect(!mismatch.ok && mismatch.errors).toEqual([expect.objectContaining({ column: '出生日期',
      en: 'the birth date 1990-03-08 is not the birth date in the ID number (1990-03-07)' })]);
  });
});

describe('a US bank\'s file as it comes: the name, address and phones in parts, one balance', () => {
  const headers = ['Account Number', 'First Name', 'MI', 'Last Name', 'SSN', 'DOB', 'Address 1', 'Address 2', 'City', 'State', 'Zip',
    'Cell Phone', 'Home Phone', 'Work Phone', 'Balance', 'Charge Off Date', 'DOFD'];
  const columns = resolveColumns(headers, 'placements');
  const row = (state: string, home = '(309) 555-0199') => checkPlacementRow(columns, { fields: ['4111000000001234', 'Jane', 'Q', 'Doe', '123-45-6789',
    '07/04/1980', '12 Oak Ave', 'Apt 2', 'Peoria', state, '61602', '(217) 555-0100', home, '(217) 555-0142', '$2,234.56', '10/31/2025', '06/15/2025'] },
  { businessDate, regions, country: 'US' });

  it('puts the parts together and reads the state\'s zone from them', () => {
    // A charge-off date without the balance then is not read (the charge-off figures go together).
    expect(columns.unused).toEqual(['Work Phone', 'Charge Off Date']);
    const checked = row('IL');
    expect(checked.ok && checked.row).toMatchObject({
      debtorName: 'Jane Q Doe', address: '12 Oak Ave, Apt 2, Peoria, IL 61602', timeZone: 'America/Chicago',
      phones: ['+12175550100', '+13095550199'], principal: 223456, firstDelinquencyDate: '2025-06-15', birthDate: '1980-07-04',
    });
    const named = row('Illinois');
    expect(named.ok && [named.row.address, named.row.timeZone]).toEqual(['12 Oak Ave, Apt 2, Peoria, IL 61602', 'America/Chicago']);
  });

  it('names the phone column that holds a bad number; the same number twice is one phone', () => {
    const bad = row('IL', '13800138000');
    expect(!bad.ok && bad.errors.map((e) => e.column)).toEqual(['Home Phone']);
    const twice = row('IL', '217.555.0100');
    expect(twice.ok && twice.row.phones).toEqual(['+12175550100']);
  });
});

describe('a charged-off debt\'s figures (核销), as US banks\' files give them', () => {
  const headers = ['Account Number', 'Name', 'Balance', 'DOFD', 'Charge-off Date', 'Charge-off Balance', 'Interest Since Charge-off',
    'Fees Since Charge-off', 'Payments Since Charge-off'];
  const columns = resolveColumns(headers, 'placements');
  const row = (cells: string[], cols = columns) => checkPlacementRow(cols, { fields: cells }, { businessDate, regions, country: 'US' });

  it('reads the date, the balance then and what came since, which add up to the balance', () => {
    expect(columns.unused).toEqual([]);
    const checked = row(['4111', 'Jane Doe', '$2,234.56', '06/15/2025', '01/31/2026', '$2,100.00', '$150.56', '$35.00', '$51.00']);
    expect(checked.ok && checked.row.chargeOff).toEqual({ date: '2026-01-31', balance: 210000, interest: 15056, fees: 3500, paid: 5100 });
    // One balance: the interest and fees since the charge-off are those parts, the rest the principal (a fee waived is a fee).
    expect(checked.ok && [checked.row.principal, checked.row.interest, checked.row.fees]).toEqual([223456 - 15056 - 3500, 15056, 3500]);
    // None since: blank is 0 (New York asks that a 0 be shown rather than nothing).
    const none = row(['4111', 'Jane Doe', '$2,100.00', '06/15/2025', '01/31/2026', '$2,100.00', '', '', '']);
    expect(none.ok && none.row.chargeOff).toEqual({ date: '2026-01-31', balance: 210000, interest: 0, fees: 0, paid: 0 });
    // A row without them: none.
    const without = row(['4111', 'Jane Doe', '$2,100.00', '06/15/2025', '', '', '', '', '']);
    expect(without.ok && without.row.chargeOff).toBeNull();
  });

  it('refuses figures that do not come to the balance, a date without the balance, and a charge-off before the delinquency', () => {
    const off = row(['4111', 'Jane Doe', '$2,234.56', '06/15/2025', '01/31/2026', '$2,100.00', '$150.56', '$35.00', '$50.00']);
    expect(!off.ok && off.errors).toEqual([expect.objectContaining({ column: 'Charge-off Balance',
      en: 'the charge-off figures come to $2,235.56 (balance at charge-off $2,100.00 + interest $150.56 + fees $35.00 - paid $50.00 since), '
        + 'but the row\'s balance is $2,234.56; check the charge-off figures' })]);
    const noBalance = row(['4111', 'Jane Doe', '$2,234.56', '06/15/2025', '01/31/2026', '', '$150.56', '', '']);
    expect(!noBalance.ok && noBalance.errors.map((e) => [e.column, e.en])).toEqual([['Charge-off Balance',
      'the charge-off balance is empty; charge-off figures need the date and the balance at charge-off']]);
    const early = row(['4111', 'Jane Doe', '$2,100.00', '06/15/2025', '01/31/2025', '$2,100.00', '', '', '']);
    expect(!early.ok && early.errors.map((e) => e.en)).toEqual(['the charge-off date 2025-01-31 is before the first delinquency date 2025-06-15']);
  });

  it('gives the balance when they are the file\'s only amounts; a charge-off balance without a date is the balance, as before', () => {
    const only = resolveColumns(['Account Number', 'Name', 'DOFD', 'Charge-off Date', 'Charge-off Balance', 'Payments Since Charge-off'], 'placements');
    expect(missingRequired(only, 'placements')).toEqual([]);
    const checked = row(['4111', 'Jane Doe', '06/15/2025', '01/31/2026', '$2,100.00', '$100.00'], only);
    expect(checked.ok && [checked.row.principal, checked.row.interest, checked.row.fees]).toEqual([200000, 0, 0]);
    const withFees = resolveColumns(['Account Number', 'Name', 'DOFD', 'Charge-off Date', 'Charge-off Balance', 'Fees Since Charge-off', 'Payments Since Charge-off'], 'placements');
    const feed = row(['4111', 'Jane Doe', '06/15/2025', '01/31/2026', '$2,100.00', '$35.00', '$100.00'], withFees);
    expect(feed.ok && [feed.row.principal, feed.row.interest, feed.row.fees]).toEqual([200000, 0, 3500]);
    // Paid down past the charge-off balance (what is left is less than the fees since): one amount, as the principal.
    const paidDown = row(['4111', 'Jane Doe', '06/15/2025', '01/31/2026', '$100.00', '$35.00', '$120.00'], withFees);
    expect(paidDown.ok && [paidDown.row.principal, paidDown.row.interest, paidDown.row.fees]).toEqual([1500, 0, 0]);
    const overpaid = row(['4111', 'Jane Doe', '06/15/2025', '01/31/2026', '$100.00', '$200.00'], only);
    expect(!overpaid.ok && overpaid.errors.map((e) => e.column)).toEqual(['Payments Since Charge-off']);
    const undated = resolveColumns(['Account Number', 'Name', 'DOFD', 'Charge-off Balance', 'Fees Since Charge-off'], 'placements');
    expect([undated.index.balance, undated.index.charge_off_balance, undated.unused]).toEqual([3, undefined, ['Fees Since Charge-off']]);
    const read = row(['4111', 'Jane Doe', '06/15/2025', '$2,100.00', '$5.00'], undated);
    expect(read.ok && [read.row.principal, read.row.chargeOff]).toEqual([210000, null]);
  });
});

describe('one balance column', () => {
  it('is the principal when the file has none of the parts, and is not read when it has them', () => {
    const only = checkPlacementRow(resolveColumns(['账号', '姓名', '欠款总额', '逾期日期'], 'placements'),
      { fields: ['6222', '张三', '1,234.56', '2026-01-15'] }, { businessDate, regions });
    // ...and the whole balance: no interest or fees (a known account's parts an earlier file split become this one amount).
    expect(only.ok && [only.row.principal, only.row.interest, only.row.fees]).toEqual([123456, 0, 0]);
    const both = checkPlacementRow(resolveColumns(['账号', '姓名', '本金', '利息', 'Balance', '逾期日期'], 'placements'),
      { fields: ['6222', '张三', '1,000.00', '234.56', '9,999.00', '2026-01-15'] }, { businessDate, regions });
    expect(both.ok && [both.row.principal, both.row.interest]).toEqual([100000, 23456]);
  });
});

describe('skip-trace rows with several phone columns', () => {
  const columns = resolveColumns(['Account Number', 'Cell Phone', 'Home Phone', 'Source'], 'contacts');
  const row = (cell: string, home: string) => checkContactRow(columns, { fields: ['4111000000001234', cell, home, 'vendor'] }, { country: 'US' });
  it('takes every column\'s numbers; a row with none is refused as before', () => {
    expect(row('(217) 555-0100', '(309) 555-0177')).toEqual({ ok: true,
      row: { accountNo: '4111000000001234', phones: ['+12175550100', '+13095550177'], email: null, contactName: null, relation: null, source: 'skip_trace:vendor' } });
    expect(row('', '(309) 555-0177').ok).toBe(true);
    const none = row('', '');
    expect(!none.ok && none.errors.map((e) => e.en)).toEqual(['the phone number is empty']);
    const bad = row('13800138000', '');
    expect(!bad.ok && bad.errors.map((e) => e.column)).toEqual(['Cell Phone']);
  });
});

describe('payment and recall rows', () => {
  const payments = resolveColumns(['账号', '交易流水号', '还款金额', '还款日期'], 'payments');
  it('needs every payment column, a non-zero amount and a date not in the future', () => {
    expect(checkPaymentRow(payments, { fields: ['6222', 'T1', '500.00', '2026/3/1'] }, { businessDate }))
      .toEqual({ ok: true, row: { accountNo: '6222', txnId: 'T1', amount: 50000, paidOn: '2026-03-01' } });
    const bad = checkPaymentRow(payments, { fields: ['6222', '', '0', '2026-04-01'] }, { businessDate });
    expect(!bad.ok && bad.errors.map((e) => e.column)).toEqual(['交易流水号', '还款金额', '还款日期']);
  });
  it("refuses an amount marked with another currency than the contract's, and reads a US bank's (50.00) as a negative", () => {
    const dollars = checkPaymentRow(payments, { fields: ['6222', 'T2', '$500', '2026/3/1'] }, { businessDate });
    expect(!dollars.ok && dollars.errors[0]).toMatchObject({ column: '还款金额', en: expect.stringContaining('"$500" is marked USD but this creditor\'s contract is in CNY') });
    expect(checkPaymentRow(payments, { fields: ['6222', 'T3', '￥500', '2026/3/1'] }, { businessDate }).ok).toBe(true);
    const usPayments = resolveColumns(['Account No', 'Transaction ID', 'Amount', 'Paid On'], 'payments');
    const yuan = checkPaymentRow(usPayments, { fields: ['4147', 'US-3', '¥300', '02/28/2026'] }, { businessDate, country: 'US' });
    expect(!yuan.ok && yuan.errors[0]!.en).toContain('is marked CNY but this creditor\'s contract is in USD');
    expect(checkPaymentRow(usPayments, { fields: ['4147', 'US-4', '(50.00)', '02/28/2026'] }, { businessDate, country: 'US' }))
      .toMatchObject({ ok: true, row: { amount: -5000 } });
    // A badly written amount is told what is wrong with it, in both languages.
    const separators = checkPaymentRow(usPayments, { fields: ['4147', 'US-5', '1,2345.00', '02/28/2026'] }, { businessDate, country: 'US' });
    expect(!separators.ok && separators.errors[0]).toEqual({ column: 'Amount', en: 'amount "1,2345.00" has misplaced thousands separators', zh: '还款金额“1,2345.00”的千位分隔符位置不对' });
  });
  it('defaults the recall date to the business date', () => {
    const recalls = resolveColumns(['账号'], 'recalls');
    expect(checkRecallRow(recalls, { fields: ["'6222 0001"] }, { businessDate })).toEqual({ ok: true, row: { accountNo: '62220001', recallDate: '2026-03-02' } });
  });
  it('refuses a recall dated after today: it would end the mandate before its day', () => {
    const recalls = resolveColumns(['账号', '退案日期'], 'recalls');
    const later = checkRecallRow(recalls, { fields: ['6222', '2026-03-31'] }, { businessDate });
    expect(!later.ok && later.errors[0]).toMatchObject({ column: '退案日期', en: 'recall date 2026-03-31 is after today (2026-03-02)' });
    expect(checkRecallRow(recalls, { fields: ['6222', '2026-03-02'] }, { businessDate }).ok).toBe(true);
  });
  it('refuses an account number Excel rewrote in scientific notation (its digits are lost)', () => {
    const recalls = resolveColumns(['账号'], 'recalls');
    for (const mangled of ['6.22588E+15', '6.22588e+15', '6E+15']) {
      const checked = checkRecallRow(recalls, { fields: [mangled] }, { businessDate });
      expect(!checked.ok && checked.errors[0]!.en, mangled).toMatch(/Excel rewrote in scientific notation/);
    }
    expect(checkRecallRow(recalls, { fields: ['62220001E5'] }, { businessDate }).ok).toBe(true);
  });
});

describe('personal fields', () => {
  it('validates resident ID numbers (check character, 15-digit form) and accepts other documents', () => {
    expect(checkIdNumber('42010219900307123x')).toMatchObject({ ok: false });
    expect(checkIdNumber('420102199003071232')).toMatchObject({ ok: true, resident: true, birthDate: '1990-03-07' });
    expect(checkIdNumber('420102900307123')).toMatchObject({ ok: true, resident: true, birthDate: '1990-03-07' });
    expect(checkIdNumber('E12345678')).toMatchObject({ ok: true, resident: false });
    expect(checkIdNumber('4201021990')).toMatchObject({ ok: false });
    // A resident ID mistyped at its last character is no passport.
    expect(checkIdNumber('11010819850505034Z')).toMatchObject({ ok: false, en: "an ID number's last character is a digit or X; check the number" });
  });
  it('normalizes phones and splits several in one cell', () => {
    expect(checkPhones('+86 138-0013-8000；027-85551234、13800138000')).toEqual({ ok: true, phones: ['13800138000', '02785551234'] });
    expect(checkPhones('1234567')).toMatchObject({ ok: false });
  });
  it('finds regions in addresses of municipalities, provinces and cities', () => {
    expect(regionFromAddress('北京市朝阳区建国路88号', regions)).toBe('110105');
    expect(regionFromAddress('湖北武汉江岸区', regions)).toBe('420102');
    expect(regionFromAddress('武汉市江岸区解放大道', regions)).toBe('420102');
    expect(regionFromAddress('湖北省仙桃市', regions)).toBe('429004');
    expect(regionFromAddress('火星', regions)).toBeNull();
    // A street or a district named like a city is not that city: 朝阳区 is Beijing's, 中山路 and 南京路 are streets.
    for (const street of ['朝阳区建国路1号', '中山路100号', '南京路100号', '延安路8号', '北京路8号']) expect(regionFromAddress(street, regions), street).toBeNull();
    expect(regionFromAddress('南京鼓楼区中山路100号', regions)).toBe('320106');
    expect(regionFromAddress('武汉江岸区', regions)).toBe('420102');
    expect(deriveRegion({ regionCode: null, placeText: '朝阳区建国路1号', residentId: '110105198001011234' }, regions))
      .toEqual({ code: '110105', source: 'id_number' });
    expect(regionCodeKnown('420102', regions)).toBe(true);
    expect(regionCodeKnown('420199', regions)).toBe(true);   // a district GB/T 2260 lists no longer: its city
    expect(regionCodeKnown('420102000000', regions)).toBe(true);
    expect(regionCodeKnown('999999', regions)).toBe(false);
    expect(regionCodeKnown('湖北', regions)).toBe(false);
    expect(deriveRegion({ regionCode: '420100000000', placeText: null, residentId: null }, regions)).toEqual({ code: '420100', source: 'code' });
    expect(deriveRegion({ regionCode: null, placeText: null, residentId: '420101199003071236' }, regions)).toEqual({ code: '420100', source: 'id_number' });
  });
});

describe('cleanIdentifier', () => {
  const slow = (text: string) => text.replace(/^'|^="(.*)"$/, '$1').replace(/[\s\u3000]/g, '');
  it('takes out spreadsheet text marks and white space, exactly as the regular expressions do, for any text', () => {
    const piece = fc.oneof(fc.string(), fc.constantFrom("'", '="', '"', ' ', '\t', '\u00a0', '\u3000', '\u2009', '\ufeff', '\u200b', '\u0085', '\u1680', '6222', 'X'));
    fc.assert(fc.property(fc.array(piece, { maxLength: 6 }).map((parts) => parts.join('')), (text) => {
      expect(cleanIdentifier(text)).toBe(slow(text));
    }), { numRuns: 3000 });
    // Every code point \s matches takes the careful way.
    for (let c = 0; c <= 0xffff; c++) {
      const text = `62${String.fromCharCode(c)}22`;
      if (!(c >= 0xd800 && c <= 0xdfff)) expect(cleanIdentifier(text), c.toString(16)).toBe(slow(text));
    }
    expect(cleanIdentifier("'6222031000000001")).toBe('6222031000000001');
    expect(cleanIdentifier('="6222 0310 0000 0001"')).toBe('6222031000000001');
  });
});

describe('languageCode: the language a debtor reads, as the bank writes it', () => {
  it('reads ISO 639-1 codes (any case, a tag by its language) and common names in English, Chinese and the language itself', () => {
    const cases: Array<[string, string | null]> = [
      ['es', 'es'], ['ES', 'es'], [' es-US ', 'es'], ['zh_CN', 'zh'], ['Spanish', 'es'], ['Español', 'es'], ['西班牙语', 'es'], ['中文', 'zh'],
      ['English', 'en'], ['Vietnamese', 'vi'], ['Tiếng Việt', 'vi'], ['vi', 'vi'],
      ['Klingon', null], ['spa', null], ['e', null], ['1', null], ['es US', null],
    ];
    for (const [text, code] of cases) expect(languageCode(text), text).toBe(code);
  });
});
