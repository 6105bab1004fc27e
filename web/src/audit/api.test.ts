import { describe, expect, it } from 'vitest';
import { summarizeDetail } from './api.ts';

describe('summarizeDetail: an audit row\'s detail on one line', () => {
  it('reads amounts in minor units as amounts, and everything else as stored', () => {
    expect(summarizeDetail({ to_status: 'paid', account_id: 541, stated_balance_fen: 371068, refund_fen: -5, team_id: null }))
      .toBe('to_status: paid, account_id: 541, stated_balance: 3,710.68, refund: -0.05, team_id: null');
    // Not a whole number of minor units: shown as stored, never guessed at.
    expect(summarizeDetail({ amount_fen: '12.5' })).toBe('amount_fen: 12.5');
  });
  it('is cut at the length given, with an ellipsis', () => {
    expect(summarizeDetail({ reason: 'x'.repeat(200) }, 20)).toBe(`reason: ${'x'.repeat(11)}…`);
  });
});
