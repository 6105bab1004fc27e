import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLocalDate } from '../calendar.ts';
import { CsvParser } from '../import/csv.ts';
import { asText, CONTACT_RECORD_HEADERS, contactRecordCells, contactRecordCsvLine, exportPeriod, type ContactRecord } from './contact-records.ts';

const d = parseLocalDate;
const record = (over: Partial<ContactRecord> = {}): ContactRecord => ({
  account_no: '6222000000000001', at_local: '2026-03-02 10:15:07', channel: 'call', party: 'debtor', contact_point_mask: '138****0001',
  outcome: 'promise', delinquency_reason: 'unemployment', note: '下月发工资后还款', collector_name: '王芳', initiated_by: 'agency', recording_ref: 'REC-1',
  ...over,
});

describe('contact records for the bank (催记回传)', () => {
  it('a row in the bank\'s words, zh-CN or en', () => {
    expect(contactRecordCells(record(), 'zh-CN')).toEqual(
      ['6222000000000001', '2026-03-02 10:15:07', '电话', '本人', '138****0001', 'promise', '承诺还款', '失业', '下月发工资后还款', '王芳', '我方', 'REC-1']);
    const en = contactRecordCells(record({ channel: 'sms', party: 'third_party', delinquency_reason: null, collector_name: null, recording_ref: null }), 'en');
    expect(en.slice(2, 4)).toEqual(['SMS', 'Third party']);
    expect(en.slice(7)).toEqual(['', '(third-party contact: note not sent)', 'System', 'Agency', '']);
    expect(contactRecordCells(record({ channel: 'letter', initiated_by: 'debtor' }), 'en').slice(2, 4)).toEqual(['Letter', 'Debtor']);
    expect(CONTACT_RECORD_HEADERS.en).toHaveLength(en.length);
    expect(contactRecordCells(record({ initiated_by: 'debtor', collector_name: null }), 'zh-CN').slice(9, 11)).toEqual(['', '债务人来电']);
  });

  it('names no third party and gives no number in full: a third-party contact\'s note is withheld, numbers in a note are masked', () => {
    const third = record({ party: 'third_party', note: '联系同事王小明 13912345678，请其转告' });
    expect(contactRecordCells(third, 'zh-CN')[8]).toBe('（第三方联系，备注不回传）');
    const own = record({ note: '本人换号 13912345678，身份证 430302199206223358，承诺 2026-03-10 还 1,500.00 元' });
    expect(contactRecordCells(own, 'zh-CN')[8]).toBe('本人换号 139****5678，身份证 4303**********3358，承诺 2026-03-10 还 1,500.00 元');
    expect(contactRecordCells(record({ note: 'call back on (312) 555-0148 after 5pm' }), 'en')[8]).toBe('call back on ******0148 after 5pm');
    // Whatever is written around it, a mobile number never goes out whole.
    fc.assert(fc.property(fc.string(), fc.stringMatching(/^1[3-9]\d{9}$/), fc.string(), (before, mobile, after) => {
      expect(contactRecordCells(record({ note: `${before}${mobile}${after}` }), 'zh-CN')[8]).not.toContain(mobile);
    }), { numRuns: 2000 });
    for (const edge of ['1,', '1.', '0 ', '+', '(', '5-']) expect(contactRecordCells(record({ note: `${edge}13912345678` }), 'zh-CN')[8]).not.toContain('13912345678');
  });

  it('keeps what a spreadsheet would run as a formula as text', () => {
    expect(asText('=HYPERLINK("http://x","点我")')).toBe('\'=HYPERLINK("http://x","点我")');
    for (const s of ['+86 138', '-1', '@SUM(A1)', '\tx']) expect(asText(s).startsWith('\'')).toBe(true);
    expect(asText('还款 = 1000')).toBe('还款 = 1000');
    expect(contactRecordCsvLine(record({ note: '=1+1' }), 'en')).toContain(',\'=1+1,');
    expect(contactRecordCells(record({ note: '=1+1' }), 'en')[8]).toBe('=1+1'); // an XLSX cell is a string, never a formula
  });

  it('any note survives the CSV as the bank\'s parser reads it (commas, quotes, line breaks)', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (note, ref) => {
      const r = record({ note, recording_ref: ref });
      const parser = new CsvParser(',');
      const rows = [...parser.push(contactRecordCsvLine(r, 'zh-CN')), ...parser.end()];
      expect(rows).toEqual([contactRecordCells(r, 'zh-CN').map(asText)]);
    }));
  });

  it('covers the day before by default, one day when one is given, at most 31 days, never the future', () => {
    const today = d('2026-03-15');
    expect(exportPeriod(today, null, null)).toEqual({ from: '2026-03-14', to: '2026-03-14' });
    expect(exportPeriod(today, d('2026-03-01'), null)).toEqual({ from: '2026-03-01', to: '2026-03-01' });
    expect(exportPeriod(today, null, d('2026-03-15'))).toEqual({ from: '2026-03-15', to: '2026-03-15' });
    expect(exportPeriod(today, d('2026-02-13'), d('2026-03-15'))).toEqual({ from: '2026-02-13', to: '2026-03-15' });
    expect(() => exportPeriod(today, d('2026-02-12'), d('2026-03-15'))).toThrow(/at most 31 days/);
    expect(() => exportPeriod(today, d('2026-03-10'), d('2026-03-09'))).toThrow(/before from/);
    expect(() => exportPeriod(today, null, d('2026-03-16'))).toThrow(/^to \(2026-03-16\) is after today/);
    // A start date alone, in the future: the start date is named, the only one given.
    expect(() => exportPeriod(today, d('2026-03-16'), null)).toThrow(expect.objectContaining({ field: 'from', message: 'from (2026-03-16) is after today (2026-03-15)' }));
  });
});
