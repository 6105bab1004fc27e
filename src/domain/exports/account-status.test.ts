import { describe, expect, it } from 'vitest';
import { parseLocalDate } from '../calendar.ts';
import { ACCOUNT_STATUS_HEADERS, accountStatusCells, accountStatusCsvLine, type AccountStatusRecord } from './account-status.ts';

const today = parseLocalDate('2026-03-02');
const account = (over: Partial<AccountStatusRecord> = {}): AccountStatusRecord => ({
  account_no: '6222000011112222', status: 'promised', principal_fen: 1_000_000, interest_fen: 1_050, fees_fen: 5, balance_fen: 1_001_055, first_delinquency_date: '2026-01-15',
  collector_name: '王芳', last_contact_local: '2026-03-01 23:30:00', last_outcome: 'promise', promise_fen: 50_000, promise_due: '2026-03-10',
  hold_kinds: null, language: null, ...over,
});

describe('account status for the bank (案件状态回盘)', () => {
  it('a row in the bank\'s words: balance parts in yuan, days past due and bucket as of today', () => {
    expect(accountStatusCells(account(), 'zh-CN', today)).toEqual(['6222000011112222', '已承诺还款', '10000.00', '10.50', '0.05', '10010.55',
      '46', 'M2', '王芳', '2026-03-01 23:30:00', '承诺还款', '500.00', '2026-03-10', '', '']);
    expect(ACCOUNT_STATUS_HEADERS.en).toHaveLength(15);
    // The language the debtor asked to be written to in, as its code: the bank learns it (New York City's rules).
    expect(accountStatusCells(account({ language: 'es' }), 'en', today).at(-1)).toBe('es');
  });

  it('the holds in force by name; an account never contacted or with nothing owed reads blank', () => {
    const held = accountStatusCells(account({ status: 'on_hold', hold_kinds: 'complaint_review,dispute', promise_fen: null, promise_due: null }), 'en', today);
    expect(held[1]).toBe('On hold');
    expect(held.slice(11)).toEqual(['', '', 'Complaint under review, Dispute', '']);
    expect(accountStatusCells(account({ hold_kinds: 'complaint_review,dispute' }), 'zh-CN', today)[13]).toBe('投诉处理中、异议');
    const fresh = accountStatusCells(account({ status: 'placed', last_contact_local: null, last_outcome: null, first_delinquency_date: '2026-03-05', collector_name: null }), 'zh-CN', today);
    expect([fresh[1], fresh[6], fresh[7], fresh[8], fresh[9], fresh[10]]).toEqual(['新委案', '0', 'M0', '', '', '']);
  });

  it('a CSV line keeps formula-like text as text', () => {
    expect(accountStatusCsvLine(account({ collector_name: '=cmd' }), 'en', today)).toContain(',\'=cmd,');
  });
});
