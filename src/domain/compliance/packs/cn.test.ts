import { describe, expect, it } from 'vitest';
import { attempt, blockedBy, decide } from '../test-support/situations.ts';

const base = { pack: 'CN' as const };

describe('CN.hours: 08:00-21:00 in the debtor local time', () => {
  it('blocks just before 08:00 and allows at 08:00', () => {
    expect(blockedBy({ ...base, at: '2026-03-02T07:59:59+08:00' })).toEqual(['CN.hours']);
    expect(blockedBy({ ...base, at: '2026-03-02T08:00:00+08:00' })).toEqual([]);
  });

  it('allows just before 21:00 and blocks at 21:00', () => {
    expect(blockedBy({ ...base, at: '2026-03-02T20:59:59.999+08:00' })).toEqual([]);
    expect(blockedBy({ ...base, at: '2026-03-02T21:00:00+08:00' })).toEqual(['CN.hours']);
  });

  it('explains in both languages and names the next window', () => {
    const d = decide({ ...base, at: '2026-03-02T21:30:00+08:00' });
    expect(d.next_allowed_at).toBe('2026-03-03T08:00:00+08:00');
    expect(d.reasons[0]?.message).toBe("21:30 is past the 21:00 limit in the debtor's time zone (Asia/Shanghai); next allowed 08:00 tomorrow.");
    expect(d.reasons[0]?.message_zh).toBe('债务人所在时区（Asia/Shanghai）当地时间21:30，已过21:00的限制；下次可联系时间：明天08:00。');
    expect(d.reasons[0]?.citation).toMatch(/自律公约.*U: not yet verified/);
  });

  it('reads the instant in the debtor zone whatever offset it was written with', () => {
    expect(blockedBy({ ...base, at: '2026-03-02T13:00:00Z' })).toEqual(['CN.hours']);
    expect(decide({ ...base, at: '2026-03-02T12:59:59Z' }).next_allowed_at).toBe('2026-03-02T20:59:59+08:00');
  });

  it('does not time letters', () => {
    expect(blockedBy({ ...base, at: '2026-03-02T23:30:00+08:00', channel: 'letter' })).toEqual([]);
  });
});

describe('CN.daily_calls: at most 3 agency call attempts per local day, all accounts', () => {
  const at = '2026-03-02T15:00:00+08:00';
  const calls = (n: number, fields = {}) => Array.from({ length: n }, (_, i) => attempt(`2026-03-02T${10 + i}:00:00+08:00`, fields));

  it('allows the third call and blocks the fourth', () => {
    expect(blockedBy({ ...base, at, history: calls(2) })).toEqual([]);
    expect(blockedBy({ ...base, at, history: calls(3) })).toEqual(['CN.daily_calls']);
  });

  it('counts every outcome and every account, but not network errors', () => {
    const history = [attempt('2026-03-02T09:00:00+08:00', { outcome: 'busy' }), attempt('2026-03-02T09:30:00+08:00', { account_id: 'A2', outcome: 'right_party' })];
    expect(blockedBy({ ...base, at, history: [...history, attempt('2026-03-02T10:00:00+08:00', { outcome: 'network_error' })] })).toEqual([]);
    expect(blockedBy({ ...base, at, history: [...history, attempt('2026-03-02T10:00:00+08:00', { outcome: 'voicemail' })] })).toEqual(['CN.daily_calls']);
  });

  it('does not count calls the debtor made, calls to third parties or SMS', () => {
    const history = [
      ...calls(2),
      attempt('2026-03-02T12:00:00+08:00', { initiated_by: 'debtor', outcome: 'right_party' }),
      attempt('2026-03-02T12:30:00+08:00', { party: 'third_party', third_party_id: 'T1' }),
      attempt('2026-03-02T13:00:00+08:00', { channel: 'sms', outcome: 'sms_sent' }),
    ];
    expect(blockedBy({ ...base, at, history })).toEqual([]);
  });

  it('cuts the day at local midnight', () => {
    const yesterday = [attempt('2026-03-01T23:59:59+08:00'), ...calls(2)];
    expect(blockedBy({ ...base, at, history: yesterday })).toEqual([]);
    const today = [attempt('2026-03-02T00:00:00+08:00'), ...calls(2)];
    expect(blockedBy({ ...base, at, history: today })).toEqual(['CN.daily_calls']);
    // Midnight in Shanghai is 16:00 UTC the day before.
    expect(blockedBy({ ...base, at, history: [attempt('2026-03-01T16:00:00Z'), ...calls(2)] })).toEqual(['CN.daily_calls']);
  });

  it('leaves SMS alone and sends calls to tomorrow 08:00', () => {
    expect(blockedBy({ ...base, at, channel: 'sms', history: calls(5) })).toEqual([]);
    const d = decide({ ...base, at, history: calls(3) });
    expect(d.next_allowed_at).toBe('2026-03-03T08:00:00+08:00');
    expect(d.reasons[0]?.message).toContain('calls allowed again from tomorrow (2026-03-03)');
  });
});

describe('CN.daily_texts: at most 3 collection texts per local day, all accounts', () => {
  const at = '2026-03-02T15:00:00+08:00';
  const texts = (n: number, fields = {}) => Array.from({ length: n }, (_, i) => attempt(`2026-03-02T${10 + i}:00:00+08:00`, { channel: 'sms', outcome: 'sms_sent', ...fields }));

  it('allows the third text and refuses the fourth, counting every account, and says when texts may go again', () => {
    expect(blockedBy({ ...base, at, channel: 'sms', history: texts(2) })).toEqual([]);
    expect(blockedBy({ ...base, at, channel: 'sms', history: [...texts(2), ...texts(1, { account_id: 'A2' })] })).toEqual(['CN.daily_texts']);
    const d = decide({ ...base, at, channel: 'sms', history: texts(3) });
    expect(d.next_allowed_at).toBe('2026-03-03T08:00:00+08:00');
    expect(d.reasons[0]?.message_zh).toBe('债务人当地（Asia/Shanghai）今天已发送3条短信，所有账户合计每天最多3条；明天（2026-03-03）起可再次发送。');
  });

  it('leaves calls, notices (a portal link) and yesterday alone; a contract may lower the limit', () => {
    expect(blockedBy({ ...base, at, history: texts(5) })).toEqual([]);
    expect(blockedBy({ ...base, at, channel: 'sms', purpose: 'notice', history: texts(5) })).toEqual([]);
    expect(blockedBy({ ...base, at, channel: 'sms', history: texts(3).map((a) => ({ ...a, at: String(a.at).replace('03-02', '03-01') })) })).toEqual([]);
    expect(blockedBy({ ...base, at, channel: 'sms', history: texts(1), params: { daily_texts: { max: 1 } } })).toEqual(['CN.daily_texts']);
  });
});

describe('CN.third_party: location only, one attempt per third party per 7 local days', () => {
  const tp = { party: 'third_party', third_party_id: 'T1', purpose: 'location' };
  const at = '2026-03-10T10:00:00+08:00';

  it('never tells a third party of the debt', () => {
    const d = decide({ ...base, at, ...tp, purpose: 'collect' });
    expect(d.reasons.map((r) => r.rule)).toEqual(['CN.third_party']);
    expect(d.next_allowed_at).toBeNull();
    expect(blockedBy({ ...base, at, ...tp })).toEqual([]);
  });

  it('blocks within 7 local days of the last attempt and allows on day 8', () => {
    const on = (date: string) => [attempt(`${date}T20:00:00+08:00`, { party: 'third_party', third_party_id: 'T1' })];
    expect(blockedBy({ ...base, at, ...tp, history: on('2026-03-04') })).toEqual(['CN.third_party']);
    expect(blockedBy({ ...base, at, ...tp, history: on('2026-03-03') })).toEqual([]);
    expect(decide({ ...base, at, ...tp, history: on('2026-03-04') }).next_allowed_at).toBe('2026-03-11T08:00:00+08:00');
  });

  it('counts attempts to that third party only, and not network errors', () => {
    const history = [
      attempt('2026-03-09T10:00:00+08:00', { party: 'third_party', third_party_id: 'T2' }),
      attempt('2026-03-09T11:00:00+08:00', { party: 'third_party', third_party_id: 'T1', outcome: 'network_error' }),
    ];
    expect(blockedBy({ ...base, at, ...tp, history })).toEqual([]);
  });

  it('is our policy, not a legal floor: a contract may loosen the window', () => {
    const history = [attempt('2026-03-04T20:00:00+08:00', { party: 'third_party', third_party_id: 'T1' })];
    expect(blockedBy({ ...base, at, ...tp, history, params: { third_party: { days: 3 } } })).toEqual([]);
  });

  it('requires third_party_id', () => {
    expect(() => decide({ ...base, at, party: 'third_party', purpose: 'location' })).toThrow(/third_party_id: required/);
  });
});

describe('CN.instalment_max: plans of at most 60 months', () => {
  const at = '2026-03-02T10:00:00+08:00';
  it('allows 60 months and refuses 61', () => {
    expect(blockedBy({ ...base, at, instalment_months: 60 })).toEqual([]);
    const d = decide({ ...base, at, instalment_months: 61 });
    expect(d.reasons.map((r) => r.rule)).toEqual(['CN.instalment_max']);
    expect(d.reasons[0]?.message).toBe('A 61-month instalment plan is longer than the 60-month maximum.');
    expect(d.next_allowed_at).toBeNull();
  });
});

describe('CN.recording: every call is recorded', () => {
  const at = '2026-03-02T10:00:00+08:00';
  it('refuses a call that would not be recorded, only calls', () => {
    expect(blockedBy({ ...base, at, call_recorded: false })).toEqual(['CN.recording']);
    expect(blockedBy({ ...base, at, call_recorded: true })).toEqual([]);
    expect(blockedBy({ ...base, at })).toEqual([]);
    expect(blockedBy({ ...base, at, channel: 'sms', call_recorded: false })).toEqual([]);
  });
});
