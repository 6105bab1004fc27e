import { describe, expect, it } from 'vitest';
import { summarizeDetail } from './api.ts';

describe('summarizeDetail: an audit row\'s detail on one line', () => {
  it('reads amounts in minor units as amounts, and everything else as stored', () => {
    expect(summarizeDetail({ to_status: 'paid', account_id: 541, stated_balance_fen: 371068, refund_fen: -5, team_id: null }))
      .toBe('to_status: paid, account_id: 541, stated_balance: 3,710.68, refund: -0.05, team_id: null');
    // Not a whole number of minor units: shown as stored, never guessed at.
    expect(summarizeDetail({ amount_fen: '12.5' })).toBe('amount_fen: 12.5');
  });
  it('names the fields in Chinese on a Chinese screen where it knows them, amounts without their _fen, others as stored', () => {
    expect(summarizeDetail({ account_id: 541, reason: '客户要求', stated_balance_fen: 371068, fields: ['contact_points'], rule_versions: 3 }, 200, 'zh-CN'))
      .toBe('案件: 541, 原因: 客户要求, 银行余额: 3,710.68, 字段: [联系方式], rule_versions: 3');
    expect(summarizeDetail({ account_id: 541, reason: 'asked' }, 200, 'en')).toBe('account_id: 541, reason: asked');
  });
  it('reads lists and records within as such, never as JSON: the fields a reveal showed named, a list of records counted', () => {
    expect(summarizeDetail({ debtor_id: 7, reason: 'call', fields: ['id_number', 'contact_points'] }, 200, 'zh-CN'))
      .toBe('债务人: 7, 原因: call, 字段: [身份证号、联系方式]');
    expect(summarizeDetail({ username: 'li', to: { kind: 'team', id: 3, name: 'A组' }, accounts: [{ account_id: 1, to: 4 }, { account_id: 2, to: 5 }], promises_carried: 1 }, 200, 'en'))
      .toBe('username: li, to: {kind: team, id: 3, name: A组}, accounts: 2 items, promises_carried: 1');
    expect(summarizeDetail({ accounts: [{ account_id: 1 }] }, 200, 'zh-CN')).toBe('案件: 1 项');
    expect(summarizeDetail({ account_ids: [541, 542] }, 200, 'en')).toBe('account_ids: [541, 542]');
  });
  it('is cut at the length given, with an ellipsis', () => {
    expect(summarizeDetail({ reason: 'x'.repeat(200) }, 20)).toBe(`reason: ${'x'.repeat(11)}…`);
  });
});
