import { describe, expect, it } from 'vitest';
import { evaluateContact } from '../../domain/compliance/index.ts';
import { buildSituation, type SituationParts } from './situation.ts';

/**
 * Hours a debtor asked for through the portal narrow the pack's legal window for calls and
 * messages (never widen it), and the refusal says so in both languages.
 */
const parts = (preferredHours: SituationParts['preferredHours']): SituationParts => ({
  pack: 'CN', compliance: {}, timeZone: 'Asia/Shanghai', debtorId: 1, regionCode: '420102', holds: [], optOuts: [],
  preferredHours, accountId: 1, creditorCode: 'BANK1', history: [], suspensions: [],
  contactPoint: { owner: 'debtor', thirdPartyId: null, optedOut: false },
});
const call = (at: string, preferred: SituationParts['preferredHours'], channel: 'call' | 'sms' | 'letter' = 'call') =>
  evaluateContact(buildSituation(parts(preferred), { channel, party: 'debtor', purpose: 'collect', at: new Date(at) }));

describe("the debtor's preferred hours", () => {
  it('refuse a call inside the legal window but before the preferred start, and name the next allowed time', () => {
    const d = call('2026-03-02T10:00:00+08:00', { from: '14:00', to: '18:00' });
    expect(d.allowed).toBe(false);
    expect(d.reasons.map((r) => r.rule)).toEqual(['CN.hours']);
    expect(d.reasons[0]!.message).toContain('the debtor asked for (14:00-18:00)');
    expect(d.reasons[0]!.message_zh).toContain('债务人要求的联系时段（14:00-18:00）');
    expect(d.next_allowed_at).toBe('2026-03-02T14:00:00+08:00');
  });

  it('allow a call inside them, refuse an SMS at or after their end, and do not time letters', () => {
    expect(call('2026-03-02T15:30:00+08:00', { from: '14:00', to: '18:00' }).allowed).toBe(true);
    expect(call('2026-03-02T18:00:00+08:00', { from: '14:00', to: '18:00' }, 'sms').allowed).toBe(false);
    expect(call('2026-03-02T07:00:00+08:00', { from: '14:00', to: '18:00' }, 'letter').allowed).toBe(true);
  });

  it('never widen the legal window', () => {
    const d = call('2026-03-02T21:30:00+08:00', { from: '08:00', to: '23:00' });
    expect(d.allowed).toBe(false);
    expect(d.next_allowed_at).toBe('2026-03-03T08:00:00+08:00');
  });

  it('change nothing when absent or incomplete', () => {
    expect(call('2026-03-02T10:00:00+08:00', null).allowed).toBe(true);
    expect(call('2026-03-02T10:00:00+08:00', { from: '14:00', to: null }).allowed).toBe(true);
  });
});
