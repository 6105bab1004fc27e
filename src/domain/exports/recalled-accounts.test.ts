import { describe, expect, it } from 'vitest';
import { recalledAccountCells, recalledAccountCsvLine, type RecalledAccountRecord } from './recalled-accounts.ts';

const account = (over: Partial<RecalledAccountRecord> = {}): RecalledAccountRecord => ({
  account_no: '6222000011112222', batch_ref: 'HUAYU-20260101', placed_on: '2026-01-01', recalled_on: '2026-06-29', recall_reason: 'term_end', status: 'recalled',
  principal_fen: 1_000_000, interest_fen: 1_050, fees_fen: 5, recovered_fen: 250_000, collector_name: '李娜', last_contact_local: '2026-06-20 10:30:00',
  last_outcome: 'promise', ...over,
});

describe('the recall list (退案清单)', () => {
  it('says why each account went back, and whether it was finished, in the file\'s language', () => {
    expect(recalledAccountCells(account(), 'zh-CN')).toEqual(['6222000011112222', 'HUAYU-20260101', '2026-01-01', '2026-06-29', '委案到期', '',
      '10000.00', '10.50', '0.05', '10010.55', '2500.00', '李娜', '2026-06-20 10:30:00', '承诺还款']);
    expect(recalledAccountCells(account({ recall_reason: 'creditor', status: 'paid' }), 'en').slice(4, 6)).toEqual(['recalled by the creditor', 'paid in full']);
    expect(recalledAccountCells(account({ recall_reason: 'dispute' }), 'zh-CN')[4]).toBe('异议未核实，退回委托方');
    expect(recalledAccountCells(account({ recall_reason: 'dispute' }), 'en')[4]).toBe('dispute not verified, returned');
    expect(recalledAccountCells(account({ status: 'settled', last_outcome: null, last_contact_local: null }), 'zh-CN').slice(5)).toEqual(['减免结清',
      '10000.00', '10.50', '0.05', '10010.55', '2500.00', '李娜', '', '']);
  });
  it('keeps a batch name a spreadsheet would run as a formula as text', () => {
    expect(recalledAccountCsvLine(account({ batch_ref: '=cmd|calc' }), 'en')).toContain(",'=cmd|calc,");
  });
});
