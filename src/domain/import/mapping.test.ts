import { describe, expect, it } from 'vitest';
import { builtinColumnFor, normalizeHeader } from './columns.ts';
import { findHeader, findHeaderRow, missingRequired, parseMappingJson, requireColumns, resolveColumns, withKindMapping } from './mapping.ts';

describe('built-in header dictionary', () => {
  it('understands simplified, traditional and English headers', () => {
    const cases: Array<[string, string]> = [
      ['账号', 'account_no'], ['賬號', 'account_no'], ['帐号', 'account_no'], ['卡号', 'account_no'], ['卡號', 'account_no'],
      ['Account No.', 'account_no'], ['姓名', 'debtor_name'], ['客戶姓名', 'debtor_name'], ['身份证号', 'id_number'],
      ['證件號碼', 'id_number'], ['身份證號', 'id_number'], ['手机', 'phone'], ['聯系電話', 'phone'], ['聯繫電話', 'phone'],
      ['Mobile', 'phone'], ['本金', 'principal'], ['本金（元）', 'principal'], ['Principal (CNY)', 'principal'], ['利息', 'interest'],
      ['费用', 'fees'], ['滞纳金', 'fees'], ['滯納金', 'fees'], ['逾期日期', 'first_delinquency_date'],
      ['首次逾期日', 'first_delinquency_date'], ['地址', 'address'], ['省份', 'province'], ['城市', 'city'],
      ['first_delinquency_date', 'first_delinquency_date'], ['REGION_CODE', 'region_code'], ['委案日期', 'placement_date'],
      ['电子邮箱', 'email'], ['電子郵箱', 'email'], ['E-mail', 'email'], ['Email Address', 'email'],
    ];
    for (const [header, column] of cases) expect(builtinColumnFor(header, 'placements'), header).toBe(column);
    expect(builtinColumnFor('交易流水號', 'payments')).toBe('txn_id');
    expect(builtinColumnFor('還款金額', 'payments')).toBe('amount');
    expect(builtinColumnFor('退案日期', 'recalls')).toBe('recall_date');
    // A Hong Kong or Taiwan system's headers, in traditional characters throughout.
    for (const [header, column] of [['債務人', 'debtor_name'], ['行政區劃代碼', 'region_code'], ['移動電話', 'phone'], ['現居住地址', 'address']] as const) {
      expect(builtinColumnFor(header, 'placements'), header).toBe(column);
    }
    for (const [header, column] of [['實還金額', 'amount'], ['實還日期', 'paid_on'], ['交易參考號', 'txn_id']] as const) {
      expect(builtinColumnFor(header, 'payments'), header).toBe(column);
    }
  });

  it('knows a column only for the kinds that have it', () => {
    expect(builtinColumnFor('本金', 'payments')).toBeUndefined();
    expect(builtinColumnFor('金额', 'placements')).toBeUndefined();
  });

  it('normalizes case, width, units, spaces and punctuation', () => {
    expect(normalizeHeader(' Ａccount_No. ')).toBe('accountno');
    expect(normalizeHeader('本金(元)')).toBe('本金');
    expect(normalizeHeader('\uFEFF账号')).toBe('账号');
  });
});

describe('mapping files', () => {
  it('maps the bank\'s headers first, can ignore a column, and is read flat or by kind', () => {
    const flat = parseMappingJson('{"客户编号": "account_no", "欠款": "principal", "备注": null}', 'placements');
    const cols = resolveColumns(['客户编号', '欠款', '备注', '姓名', '卡号'], 'placements', { ...flat, 卡号: null });
    expect(cols.index).toEqual({ account_no: 0, principal: 1, debtor_name: 3 });
    const byKind = parseMappingJson('{"placements": {"卡号X": "account_no"}, "payments": {"流水": "txn_id"}}', 'payments');
    expect(byKind).toEqual({ 流水: 'txn_id' });
    expect(withKindMapping({ placements: { a: 'account_no' } }, 'payments', byKind)).toEqual({ placements: { a: 'account_no' }, payments: { 流水: 'txn_id' } });
  });

  it('refuses a target that is not one of ours, listing the columns', () => {
    expect(() => parseMappingJson('{"卡号": "acct"}', 'placements')).toThrow(/not a placements column\. Use one of: account_no, debtor_name/);
    expect(() => parseMappingJson('not json', 'placements')).toThrow(/not valid JSON/);
  });

  it('refuses two columns meaning the same thing, saying how to keep one', () => {
    expect(() => resolveColumns(['账号', '本金', '欠款本金'], 'placements'))
      .toThrow(/Columns "本金" \(column 2\) and "欠款本金" \(column 3\) both mean principal .*\{"欠款本金": null\}/);
  });

  it('refuses a file without the required columns, naming them and the fix', () => {
    expect(missingRequired(resolveColumns(['账号', '姓名'], 'placements'), 'placements')).toEqual(['principal or interest or fees or balance']);
    // One balance column is enough (US and UK files send one amount owed).
    expect(missingRequired(resolveColumns(['Account Number', 'Name', 'Balance'], 'placements'), 'placements')).toEqual([]);
    expect(() => requireColumns(resolveColumns(['卡片编号', '本金'], 'placements'), 'placements'))
      .toThrow(/no column for account_no \(账号\).*header row is: "卡片编号", "本金".*--mapping/);
    expect(() => requireColumns(resolveColumns(['账号', '金额'], 'payments'), 'payments')).toThrow(/txn_id \(交易流水号\), paid_on \(还款日期\)/);
  });

  it('finds the header below a title line', () => {
    expect(findHeaderRow([['华裕银行委案清单 2026年3月'], ['账号', '姓名', '本金'], ['6222', '张三', '1']], 'placements')).toBe(1);
    expect(findHeaderRow([['x'], ['y']], 'placements')).toBe(0);
  });

  it('reads a two-row header as one: group headings over the columns\' own names (表头两行)', () => {
    // As a CSV export of the sheet gives it: the single columns' headings in the first row only.
    const csv = findHeader([
      ['华裕银行委案清单'],
      ['账号', '姓名', '欠款金额', '', '', '联系方式', ''],
      ['', '', '本金', '利息', '滞纳金', '手机', '地址'],
      ['6222', '张三', '100', '1', '0', '13800000000', '武汉'],
    ], 'placements');
    expect(csv).toEqual({ index: 1, rows: 2, fields: ['账号', '姓名', '本金', '利息', '滞纳金', '手机', '地址'] });
    // As the XLSX reader gives it: 账号 and 姓名 merged down over both rows, so repeated in the second.
    expect(findHeader([['账号', '姓名', '欠款金额', '', ''], ['账号', '姓名', '本金', '利息', '费用']], 'placements').fields)
      .toEqual(['账号', '姓名', '本金', '利息', '费用']);
  });

  it('keeps a one-row header when the row under it is data, even data with no account number', () => {
    for (const below of [['6222', '张三', '100'], ['', '张三', '100'], ['', '', '']]) {
      expect(findHeader([['账号', '姓名', '本金'], below], 'placements')).toEqual({ index: 0, rows: 1, fields: ['账号', '姓名', '本金'] });
    }
    // A second row that only repeats names the first already has adds nothing: one row.
    expect(findHeader([['账号', '姓名', '本金'], ['', '客户姓名', '']], 'placements').rows).toBe(1);
    expect(findHeader([['账号', '本金']], 'placements')).toEqual({ index: 0, rows: 1, fields: ['账号', '本金'] });
  });
});
