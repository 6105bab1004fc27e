import { describe, expect, it } from 'vitest';
import { attempt, blockedBy, decide } from '../test-support/situations.ts';

const base = { pack: 'US' as const };
const twoZones = { time_zones: ['America/New_York', 'America/Los_Angeles'] };

describe('US.hours: 08:00-21:00 in every candidate zone', () => {
  it('has the 08:00 and 21:00 edges in the debtor zone', () => {
    expect(blockedBy({ ...base, at: '2026-06-02T07:59:59-04:00' })).toEqual(['US.hours']);
    expect(blockedBy({ ...base, at: '2026-06-02T08:00:00-04:00' })).toEqual([]);
    expect(blockedBy({ ...base, at: '2026-06-02T20:59:59-04:00' })).toEqual([]);
    expect(blockedBy({ ...base, at: '2026-06-02T21:00:00-04:00' })).toEqual(['US.hours']);
  });

  it('takes the strictest of the address and phone zones', () => {
    expect(blockedBy({ ...base, at: '2026-06-02T10:59:59-04:00', debtor: twoZones })).toEqual(['US.hours']);
    expect(blockedBy({ ...base, at: '2026-06-02T11:00:00-04:00', debtor: twoZones })).toEqual([]);
    expect(blockedBy({ ...base, at: '2026-06-02T20:59:59-04:00', debtor: twoZones })).toEqual([]);
    const d = decide({ ...base, at: '2026-06-02T09:00:00-04:00', debtor: twoZones });
    expect(d.next_allowed_at).toBe('2026-06-02T11:00:00-04:00');
    expect(d.reasons[0]?.message).toBe("06:00 is before the 08:00 start in America/Los_Angeles, one of the debtor's time zones; next allowed 08:00 today (America/Los_Angeles time).");
  });

  it('reads the whole country when no zone is on file (Hawaii to the East Coast)', () => {
    const unknown = { time_zones: [] };
    expect(blockedBy({ ...base, at: '2026-06-02T13:59:59-04:00', debtor: unknown })).toEqual(['US.hours']);
    expect(blockedBy({ ...base, at: '2026-06-02T14:00:00-04:00', debtor: unknown })).toEqual([]);
    expect(blockedBy({ ...base, at: '2026-06-02T20:59:59-04:00', debtor: unknown })).toEqual([]);
    expect(decide({ ...base, at: '2026-06-02T12:00:00Z', debtor: unknown }).next_allowed_at).toBe('2026-06-02T14:00:00-04:00');
  });

  it('handles the spring-forward day (2026-03-08, a 23-hour day)', () => {
    expect(blockedBy({ ...base, at: '2026-03-08T07:59:59-04:00' })).toEqual(['US.hours']);
    expect(blockedBy({ ...base, at: '2026-03-08T08:00:00-04:00' })).toEqual([]);
    expect(blockedBy({ ...base, at: '2026-03-08T20:59:59-04:00' })).toEqual([]);
    expect(blockedBy({ ...base, at: '2026-03-08T21:00:00-04:00' })).toEqual(['US.hours']);
    expect(decide({ ...base, at: '2026-03-07T22:00:00-05:00' }).next_allowed_at).toBe('2026-03-08T08:00:00-04:00');
    expect(decide({ ...base, at: '2026-03-08T02:30:00-05:00' }).next_allowed_at).toBe('2026-03-08T08:00:00-04:00');
  });

  it('handles the fall-back day (2026-11-01, a 25-hour day)', () => {
    expect(blockedBy({ ...base, at: '2026-11-01T07:59:59-05:00' })).toEqual(['US.hours']);
    expect(blockedBy({ ...base, at: '2026-11-01T08:00:00-05:00' })).toEqual([]);
    expect(blockedBy({ ...base, at: '2026-11-01T21:00:00-05:00' })).toEqual(['US.hours']);
    expect(decide({ ...base, at: '2026-10-31T21:30:00-04:00' }).next_allowed_at).toBe('2026-11-01T08:00:00-05:00');
    // 01:30 happens twice; both are before 08:00.
    expect(decide({ ...base, at: '2026-11-01T01:30:00-04:00' }).next_allowed_at).toBe('2026-11-01T08:00:00-05:00');
    expect(decide({ ...base, at: '2026-11-01T01:30:00-05:00' }).next_allowed_at).toBe('2026-11-01T08:00:00-05:00');
  });
});

describe('US.seven_in_seven: fewer than 7 placed calls about the debt in 7 consecutive local days', () => {
  const at = '2026-06-10T10:00:00-04:00';
  const callsOn = (dates: string[], fields = {}) => dates.map((d, i) => attempt(`${d}T${String(9 + (i % 10)).padStart(2, '0')}:00:00-04:00`, fields));
  const days = (first: number, n: number) => Array.from({ length: n }, (_, i) => `2026-06-${String(first + i).padStart(2, '0')}`);

  it('allows the 7th call and blocks the 8th', () => {
    expect(blockedBy({ ...base, at, history: callsOn(days(4, 6)) })).toEqual([]);
    expect(blockedBy({ ...base, at, history: callsOn(days(4, 7)) })).toEqual(['US.seven_in_seven']);
  });

  it('counts the 7 local days ending today: day -6 counts, day -7 does not', () => {
    const six = callsOn(days(5, 6));
    expect(blockedBy({ ...base, at, history: [...six, ...callsOn(['2026-06-04'])] })).toEqual(['US.seven_in_seven']);
    expect(blockedBy({ ...base, at, history: [...six, ...callsOn(['2026-06-03'])] })).toEqual([]);
    expect(blockedBy({ ...base, at, history: [...six, attempt('2026-06-03T23:59:59-04:00')] })).toEqual([]);
    expect(blockedBy({ ...base, at, history: [...six, attempt('2026-06-04T00:00:00-04:00')] })).toEqual(['US.seven_in_seven']);
  });

  it('does not count busy signals, network errors, other debts or calls the debtor made', () => {
    const six = callsOn(days(4, 6));
    for (const extra of [{ outcome: 'busy' }, { outcome: 'network_error' }, { account_id: 'A2' }, { initiated_by: 'debtor', outcome: 'voicemail' }]) {
      expect(blockedBy({ ...base, at, history: [...six, attempt('2026-06-10T09:00:00-04:00', extra)] }), JSON.stringify(extra)).toEqual([]);
    }
  });

  it('lets calls resume the day the oldest call leaves the window', () => {
    const d = decide({ ...base, at, history: callsOn(Array(7).fill('2026-06-04')) });
    expect(d.next_allowed_at).toBe('2026-06-11T08:00:00-04:00');
  });

  it('counts local days across the spring-forward change', () => {
    const week = days(2, 7).map((d) => d.replace('-06-', '-03-'));
    const history = week.map((d) => attempt(`${d}T00:30:00${d === '2026-03-08' ? '-05:00' : d > '2026-03-08' ? '-04:00' : '-05:00'}`));
    expect(blockedBy({ ...base, at: '2026-03-08T20:00:00-04:00', history })).toEqual(['US.seven_in_seven']);
    expect(decide({ ...base, at: '2026-03-08T20:00:00-04:00', history }).next_allowed_at).toBe('2026-03-09T08:00:00-04:00');
  });

  it('leaves SMS alone', () => {
    expect(blockedBy({ ...base, at, channel: 'sms', history: callsOn(days(4, 7)) })).toEqual([]);
  });
});

describe('US.massachusetts_calls: at most 2 calls or texts about the debt in 7 local days to a debtor in Massachusetts or in no known state', () => {
  const at = '2026-06-10T10:00:00-04:00';
  const ma = { region_code: 'US-MA' };
  const two = [attempt('2026-06-05T10:00:00-04:00'), attempt('2026-06-09T10:00:00-04:00', { channel: 'sms', outcome: 'sms_sent' })];

  it('blocks the third call or text in 7 days, a text counting as a call, until the first leaves the window', () => {
    expect(blockedBy({ ...base, at, debtor: ma, history: two.slice(0, 1) })).toEqual([]);
    expect(blockedBy({ ...base, at, debtor: ma, history: two })).toEqual(['US.massachusetts_calls']);
    expect(blockedBy({ ...base, at, channel: 'sms', debtor: ma, history: two })).toEqual(['US.massachusetts_calls']);
    const d = decide({ ...base, at, debtor: ma, history: two });
    expect(d.next_allowed_at).toBe('2026-06-12T08:00:00-04:00');
    expect(d.reasons[0]?.message).toBe('2 calls or texts were already placed about this debt in the 7 days 2026-06-04 to 2026-06-10 (America/New_York); '
      + 'the debtor lives in Massachusetts, where at most 2 are allowed in any 7 days; allowed again from 2026-06-12.');
  });

  it('does not count busy signals, network errors, other debts or calls the debtor made; letters are not limited', () => {
    for (const extra of [{ outcome: 'busy' }, { outcome: 'network_error' }, { account_id: 'A2' }, { initiated_by: 'debtor', outcome: 'voicemail' }]) {
      expect(blockedBy({ ...base, at, debtor: ma, history: [two[0]!, attempt('2026-06-10T09:00:00-04:00', extra)] }), JSON.stringify(extra)).toEqual([]);
    }
    expect(blockedBy({ ...base, at, channel: 'letter', debtor: ma, history: two })).toEqual([]);
  });

  it('applies where the state is not known (the strict reading), not to a debtor on file in another state', () => {
    expect(blockedBy({ ...base, at, debtor: { region_code: null }, history: two })).toEqual(['US.massachusetts_calls']);
    expect(decide({ ...base, at, debtor: { region_code: null }, history: two }).reasons[0]?.message).toContain("the debtor's state is not known, so Massachusetts's limit applies");
    expect(blockedBy({ ...base, at, debtor: { region_code: 'US-IL' }, history: two })).toEqual([]);
    expect(blockedBy({ ...base, at, debtor: { region_code: 'US-ME' }, history: two })).toEqual([]);
  });

  it('may be tightened by a contract, never loosened', () => {
    expect(blockedBy({ ...base, at, debtor: ma, history: two.slice(0, 1), params: { massachusetts_calls: { max: 1 } } })).toEqual(['US.massachusetts_calls']);
    expect(() => decide({ ...base, at, debtor: ma, params: { massachusetts_calls: { max: 3 } } })).toThrow(/US\.massachusetts_calls/);
  });
});

describe('US.cool_down: no call for 7 days after a conversation about the debt (its day is day 1)', () => {
  const at = '2026-06-10T10:00:00-04:00';
  const talk = (when: string, fields = {}) => attempt(when, { outcome: 'right_party', ...fields });

  it('blocks on day 7 and allows on day 8', () => {
    expect(blockedBy({ ...base, at, history: [talk('2026-06-04T20:00:00-04:00')] })).toEqual(['US.cool_down']);
    expect(blockedBy({ ...base, at, history: [talk('2026-06-03T20:00:00-04:00')] })).toEqual([]);
    expect(decide({ ...base, at, history: [talk('2026-06-04T20:00:00-04:00')] }).next_allowed_at).toBe('2026-06-11T08:00:00-04:00');
  });

  it('counts conversations the debtor started and plain `connected`, not voicemail or other debts', () => {
    expect(blockedBy({ ...base, at, history: [talk('2026-06-09T12:00:00-04:00', { initiated_by: 'debtor' })] })).toEqual(['US.cool_down']);
    expect(blockedBy({ ...base, at, history: [talk('2026-06-09T12:00:00-04:00', { outcome: 'connected' })] })).toEqual(['US.cool_down']);
    expect(blockedBy({ ...base, at, history: [talk('2026-06-09T12:00:00-04:00', { outcome: 'voicemail' })] })).toEqual([]);
    expect(blockedBy({ ...base, at, history: [talk('2026-06-09T12:00:00-04:00', { account_id: 'A2' })] })).toEqual([]);
  });

  it('leaves letters and SMS alone', () => {
    expect(blockedBy({ ...base, at, channel: 'sms', history: [talk('2026-06-09T12:00:00-04:00')] })).toEqual([]);
  });

  it('spans the spring-forward and fall-back days in local days', () => {
    expect(decide({ ...base, at: '2026-03-05T10:00:00-05:00', history: [talk('2026-03-02T10:00:00-05:00')] }).next_allowed_at).toBe('2026-03-09T08:00:00-04:00');
    expect(blockedBy({ ...base, at: '2026-03-08T20:59:59-04:00', history: [talk('2026-03-02T23:59:00-05:00')] })).toEqual(['US.cool_down']);
    expect(decide({ ...base, at: '2026-10-30T10:00:00-04:00', history: [talk('2026-10-26T10:00:00-04:00')] }).next_allowed_at).toBe('2026-11-02T08:00:00-05:00');
    expect(blockedBy({ ...base, at: '2026-11-01T20:59:59-05:00', history: [talk('2026-10-26T00:00:00-04:00')] })).toEqual(['US.cool_down']);
    expect(blockedBy({ ...base, at: '2026-11-02T08:00:00-05:00', history: [talk('2026-10-26T23:59:59-04:00')] })).toEqual([]);
  });

  it('explains the conversation date and when calls resume', () => {
    const d = decide({ ...base, at, history: [talk('2026-06-08T12:00:00-04:00')] });
    expect(d.reasons[0]?.message).toBe(
      'There was a telephone conversation about this debt on 2026-06-08 (America/New_York); no calls for 7 days counting that day; calls allowed again from 2026-06-15.',
    );
  });
});

describe('US.medium_opt_out', () => {
  const at = '2026-06-10T10:00:00-04:00';
  it('blocks the refused medium only, for good', () => {
    const d = decide({ ...base, at, channel: 'sms', debtor: { opt_outs: ['sms'] } });
    expect(d.reasons.map((r) => r.rule)).toEqual(['US.medium_opt_out']);
    expect(d.next_allowed_at).toBeNull();
    expect(blockedBy({ ...base, at, channel: 'call', debtor: { opt_outs: ['sms'] } })).toEqual([]);
  });
});

describe('US.work_email', () => {
  const at = '2026-06-10T10:00:00-04:00';
  const point = (p: Record<string, unknown>) => ({ contact_point: { owner: 'debtor', opted_out: false, ...p } });
  it('no e-mail to an address the employer gave the debtor, unless the debtor gave it to us (1006.22(f)(3)); other channels and addresses go', () => {
    // Even one the creditor told the debtor we may use (the safe harbour below).
    const d = decide({ ...base, at, channel: 'email', ...point({ employer_provided: true, creditor_notice_on: '2026-01-02' }) });
    expect(d.reasons.map((r) => r.rule)).toEqual(['US.work_email']);
    expect(d.next_allowed_at).toBeNull();
    expect(d.reasons[0]?.message).toContain('work e-mail address');
    expect(blockedBy({ ...base, at, channel: 'email', ...point({ employer_provided: true, consented: true }) })).toEqual([]);
    expect(blockedBy({ ...base, at, channel: 'email', ...point({ employer_provided: false, consented: true }) })).toEqual([]);
    expect(blockedBy({ ...base, at, channel: 'sms', ...point({ employer_provided: true }) })).toEqual([]);
  });
});

describe('US.email_safe_harbor: e-mail only where Reg F\'s safe harbour holds (1006.6(d)(3)-(4))', () => {
  const at = '2026-06-10T10:00:00-04:00';
  const point = (p: Record<string, unknown>) => ({ contact_point: { owner: 'debtor', opted_out: false, ...p } });

  it('an address the debtor gave us or wrote from goes; one from a vendor or a creditor that told the debtor nothing never does', () => {
    expect(blockedBy({ ...base, at, channel: 'email', ...point({ consented: true }) })).toEqual([]);
    const d = decide({ ...base, at, channel: 'email', ...point({}) });
    expect(d.reasons.map((r) => r.rule)).toEqual(['US.email_safe_harbor']);
    expect(d.next_allowed_at).toBeNull();
    expect(d.reasons[0]?.message).toContain('not one the debtor gave us or wrote to us from');
    // Not judged for other channels, or when the caller does not say which address.
    expect(blockedBy({ ...base, at, channel: 'sms', ...point({}) })).toEqual([]);
    expect(blockedBy({ ...base, at, channel: 'email' })).toEqual([]);
  });

  it("one from the creditor goes from the 35th day after the creditor's notice, at the start of the debtor's day", () => {
    // Notice on 2026-05-06: days 1..35 are 05-06..06-09; e-mail from 06-10 00:00 local.
    expect(blockedBy({ ...base, at, channel: 'email', ...point({ creditor_notice_on: '2026-05-06' }) })).toEqual([]);
    const d = decide({ ...base, at, channel: 'email', ...point({ creditor_notice_on: '2026-05-07' }) });
    expect(d.reasons.map((r) => r.rule)).toEqual(['US.email_safe_harbor']);
    expect(d.reasons[0]?.message).toMatch(/^The creditor told the debtor on 2026-05-07 that we may e-mail this address; they have 35 days to opt out/);
    // From the next day's start, then the 08:00 calling window (US.hours applies to e-mail too).
    expect(d.next_allowed_at).toBe('2026-06-11T08:00:00-04:00');
    // A contract may ask for longer.
    expect(blockedBy({ ...base, at, channel: 'email', ...point({ creditor_notice_on: '2026-05-06' }),
      params: { email_safe_harbor: { notice_days: 60 } } })).toEqual(['US.email_safe_harbor']);
  });
});

describe('US.cease, US.dispute, US.attorney', () => {
  const at = '2026-06-10T10:00:00-04:00';
  const flagged = (flag: string) => ({ flags: [flag] });

  it('cease: only notices by letter', () => {
    expect(blockedBy({ ...base, at, debtor: flagged('cease') })).toEqual(['US.cease']);
    expect(blockedBy({ ...base, at, debtor: flagged('cease'), channel: 'letter', purpose: 'notice' })).toEqual([]);
    expect(blockedBy({ ...base, at, debtor: flagged('cease'), channel: 'letter', purpose: 'collect' })).toEqual(['US.cease']);
    expect(blockedBy({ ...base, at, debtor: flagged('cease'), channel: 'email', purpose: 'notice' })).toEqual(['US.cease']);
    expect(decide({ ...base, at, debtor: flagged('cease') }).next_allowed_at).toBeNull();
  });

  it('dispute: no collection until verification; notices go', () => {
    expect(blockedBy({ ...base, at, debtor: flagged('dispute') })).toEqual(['US.dispute']);
    expect(blockedBy({ ...base, at, debtor: flagged('dispute'), channel: 'letter', purpose: 'notice' })).toEqual([]);
  });

  it('attorney: nothing to the debtor or third parties', () => {
    expect(blockedBy({ ...base, at, debtor: flagged('attorney'), channel: 'letter', purpose: 'notice' })).toEqual(['US.attorney']);
    expect(blockedBy({ ...base, at, debtor: flagged('attorney'), party: 'third_party', third_party_id: 'T1', purpose: 'location' })).toEqual(['US.attorney']);
  });
});

describe('US.third_party: location only, once unless asked', () => {
  const at = '2026-06-10T10:00:00-04:00';
  const tp = { party: 'third_party', third_party_id: 'T1', purpose: 'location' };
  const toT1 = (outcome: string, fields = {}) => attempt('2026-05-01T10:00:00-04:00', { party: 'third_party', third_party_id: 'T1', outcome, ...fields });

  it('allows the first communication and refuses a second', () => {
    expect(blockedBy({ ...base, at, ...tp })).toEqual([]);
    const d = decide({ ...base, at, ...tp, history: [toT1('wrong_party')] });
    expect(d.reasons.map((r) => r.rule)).toEqual(['US.third_party']);
    expect(d.next_allowed_at).toBeNull();
  });

  it('does not count attempts that reached nobody, or other third parties', () => {
    expect(blockedBy({ ...base, at, ...tp, history: [toT1('no_answer'), toT1('busy')] })).toEqual([]);
    expect(blockedBy({ ...base, at, ...tp, history: [toT1('connected', { third_party_id: 'T2' })] })).toEqual([]);
  });

  it('allows another contact once the third party asked for it', () => {
    const asked = attempt('2026-05-02T10:00:00-04:00', { party: 'third_party', third_party_id: 'T1', outcome: 'connected', initiated_by: 'third_party' });
    expect(blockedBy({ ...base, at, ...tp, history: [toT1('connected'), asked] })).toEqual([]);
  });

  it('never mentions the debt', () => {
    expect(blockedBy({ ...base, at, ...tp, purpose: 'collect' })).toEqual(['US.third_party']);
  });
});

describe('US.validation_notice: the validation notice (1006.34) goes first', () => {
  const at = '2026-06-02T10:00:00-04:00';
  const none = { validation_notice_sent_on: null };

  it('blocks every collection contact until a notice has been sent, with no time to wait for', () => {
    for (const channel of ['call', 'sms', 'email', 'letter', 'visit'] as const) {
      expect(blockedBy({ ...base, at, channel, account: none }), channel).toEqual(['US.validation_notice']);
    }
    const d = decide({ ...base, at, account: none });
    expect(d.next_allowed_at).toBeNull();
    expect(d.reasons[0]?.message).toBe('No validation notice (12 CFR 1006.34) has been sent on this account yet; it goes first, before any collection contact.');
    expect(d.reasons[0]?.message_zh).toBe('本账户尚未寄出债务确认通知（12 CFR 1006.34）；须先寄出该通知，才能进行催收联系。');
  });

  it('lets the notice itself and location contacts go', () => {
    expect(blockedBy({ ...base, at, channel: 'letter', purpose: 'notice', account: none })).toEqual([]);
    expect(blockedBy({ ...base, at, party: 'third_party', third_party_id: 'T1', purpose: 'location', contact_point: { owner: 'third_party', third_party_id: 'T1' }, account: none })).toEqual([]);
  });

  it('judges nothing once a notice is sent, or when the situation does not say', () => {
    expect(blockedBy({ ...base, at, account: { validation_notice_sent_on: '2026-05-20' } })).toEqual([]);
    expect(blockedBy({ ...base, at })).toEqual([]);
    expect(() => decide({ ...base, at, account: { validation_notice_sent_on: 'May 20' } })).toThrow(/account.validation_notice_sent_on/);
  });

  it('blocks a contact at a time before the notice was sent (an audit replayed); its date is the agency\'s, which may be a day ahead of the debtor\'s', () => {
    const d = decide({ ...base, at, account: { validation_notice_sent_on: '2026-06-05' } });
    expect(d.reasons.map((r) => r.rule)).toEqual(['US.validation_notice']);
    expect(d.reasons[0]?.message).toBe('The validation notice (12 CFR 1006.34) was sent on 2026-06-05, after this time; no collection contact before it.');
    expect(d.next_allowed_at).toBe('2026-06-04T08:00:00-04:00');
    // Sent on 3 June in Shanghai, perhaps still 2 June in New York: not taken for a notice not yet sent.
    expect(blockedBy({ ...base, at, account: { validation_notice_sent_on: '2026-06-03' } })).toEqual([]);
    expect(blockedBy({ ...base, at, account: { validation_notice_sent_on: '2026-06-02' } })).toEqual([]);
  });
});

describe("US.nyc_electronic_consent: texts and e-mails only where a New York debtor agreed (New York City's rules)", () => {
  const at = '2026-06-10T10:00:00-04:00';
  const point = (p: Record<string, unknown>) => ({ contact_point: { owner: 'debtor', opted_out: false, ...p } });
  const ny = { region_code: 'US-NY' };

  it('no text or e-mail to a New York debtor at a number or address they did not agree to; one they agreed to goes', () => {
    const d = decide({ ...base, at, channel: 'sms', debtor: ny, ...point({}) });
    expect(d.reasons.map((r) => r.rule)).toEqual(['US.nyc_electronic_consent']);
    expect(d.next_allowed_at).toBeNull();
    expect(d.reasons[0]?.message).toBe('No SMS to this number: the debtor lives in New York, where a debt collector may text or e-mail a consumer only '
      + 'where they agreed to it; record their agreement on the account page first.');
    expect(blockedBy({ ...base, at, channel: 'sms', debtor: ny, ...point({ consented: true }) })).toEqual([]);
    // An e-mail address from the creditor after its notice passes Reg F's safe harbour, but not New York City's rule.
    expect(blockedBy({ ...base, at, channel: 'email', debtor: ny, ...point({ creditor_notice_on: '2026-01-02' }) })).toEqual(['US.nyc_electronic_consent']);
    expect(blockedBy({ ...base, at, channel: 'email', debtor: ny, ...point({ consented: true }) })).toEqual([]);
  });

  it('applies where the state is not known (the strict reading), not to a debtor on file in another state', () => {
    expect(blockedBy({ ...base, at, channel: 'sms', debtor: { region_code: null }, ...point({}) })).toEqual(['US.nyc_electronic_consent']);
    expect(decide({ ...base, at, channel: 'sms', debtor: { region_code: null }, ...point({}) }).reasons[0]?.message)
      .toContain("the debtor's state is not known, so New York City's rule applies");
    expect(blockedBy({ ...base, at, channel: 'sms', debtor: { region_code: 'US-NJ' }, ...point({}) })).toEqual([]);
  });

  it('leaves calls, letters, third parties and a contact point not given alone, and is not in the other packs', () => {
    for (const channel of ['call', 'letter']) expect(blockedBy({ ...base, at, channel, debtor: ny, ...point({}) })).toEqual([]);
    expect(blockedBy({ ...base, at, channel: 'sms', debtor: ny })).toEqual([]);
    expect(blockedBy({ pack: 'UK', at: '2026-06-10T10:00:00+01:00', channel: 'sms', debtor: { region_code: null }, ...point({}) })).toEqual([]);
  });
});

describe("US.nyc_communications: at most 3 calls, texts, e-mails or visits about one account in 7 local days to a New York debtor (New York City's rules)", () => {
  const at = '2026-06-10T10:00:00-04:00';
  const ny = { region_code: 'US-NY' };
  const agreed = { contact_point: { owner: 'debtor', opted_out: false, consented: true } };
  // A call, a text and an e-mail this week: every medium counts.
  const three = [attempt('2026-06-05T10:00:00-04:00'), attempt('2026-06-08T10:00:00-04:00', { channel: 'sms', outcome: 'sms_sent' }),
    attempt('2026-06-09T10:00:00-04:00', { channel: 'email', outcome: 'sent' })];

  it('blocks the fourth contact by any medium until the first leaves the window, and says why', () => {
    expect(blockedBy({ ...base, at, debtor: ny, history: three.slice(0, 2) })).toEqual([]);
    for (const channel of ['call', 'sms', 'email', 'visit']) {
      expect(blockedBy({ ...base, at, channel, debtor: ny, history: three, ...agreed }), channel).toEqual(['US.nyc_communications']);
    }
    const d = decide({ ...base, at, debtor: ny, history: three });
    expect(d.next_allowed_at).toBe('2026-06-12T08:00:00-04:00');
    expect(d.reasons[0]?.message).toBe('3 calls, texts, e-mails or visits were already placed about this debt in the 7 days 2026-06-04 to 2026-06-10 (America/New_York); '
      + "the debtor lives in New York, where New York City's rules apply: at most 3 in any 7 days; allowed again from 2026-06-12.");
  });

  it('counts per account, and not busy signals, network errors, letters or what the debtor started; letters are not limited', () => {
    for (const extra of [{ outcome: 'busy' }, { outcome: 'network_error' }, { account_id: 'A2' }, { initiated_by: 'debtor', outcome: 'voicemail' },
      { channel: 'letter', outcome: 'sent' }]) {
      expect(blockedBy({ ...base, at, debtor: ny, history: [...three.slice(0, 2), attempt('2026-06-09T09:00:00-04:00', extra)] }), JSON.stringify(extra)).toEqual([]);
    }
    expect(blockedBy({ ...base, at, channel: 'letter', debtor: ny, history: three })).toEqual([]);
  });

  it('applies in a New York sub-region and where the state is not known, not to a debtor on file in another state; tightened, never loosened', () => {
    expect(blockedBy({ ...base, at, debtor: { region_code: 'US-NY-061' }, history: three })).toEqual(['US.nyc_communications']);
    // An unknown state: Massachusetts's two calls or texts bind first; New York City's three count e-mails too (and so do Washington's).
    expect(blockedBy({ ...base, at, channel: 'email', debtor: { region_code: null }, history: three, ...agreed }))
      .toEqual(['US.nyc_communications', 'US.washington_communications']);
    expect(decide({ ...base, at, channel: 'email', debtor: { region_code: null }, history: three, ...agreed }).reasons[0]?.message)
      .toContain("the debtor's state is not known, so New York City's limit applies");
    expect(blockedBy({ ...base, at, debtor: { region_code: 'US-NJ' }, history: three })).toEqual([]);
    expect(blockedBy({ ...base, at, debtor: ny, history: three.slice(0, 1), params: { nyc_communications: { max: 1 } } })).toEqual(['US.nyc_communications']);
    expect(() => decide({ ...base, at, debtor: ny, params: { nyc_communications: { max: 4 } } })).toThrow(/US\.nyc_communications/);
  });
});

describe("US.washington_communications: at most 3 calls, texts, e-mails, visits or letters to a Washington debtor in 7 local days, all their debts together (RCW 19.16.250(13)(c))", () => {
  const at = '2026-06-10T10:00:00-07:00';
  const wa = { region_code: 'US-WA', time_zones: ['America/Los_Angeles'] };
  const email = { contact_point: { owner: 'debtor', opted_out: false, consented: true } };
  // A call about one debt, a letter about another, a text: every medium and every debt counts.
  const three = [attempt('2026-06-05T10:00:00-07:00'), attempt('2026-06-08T10:00:00-07:00', { channel: 'letter', outcome: 'sent', account_id: 'A2' }),
    attempt('2026-06-09T10:00:00-07:00', { channel: 'sms', outcome: 'sms_sent' })];

  it('blocks the fourth communication by any medium until the first leaves the window, and says why', () => {
    expect(blockedBy({ ...base, at, debtor: wa, history: three.slice(0, 2) })).toEqual([]);
    for (const channel of ['call', 'sms', 'email', 'visit', 'letter']) {
      expect(blockedBy({ ...base, at, channel, debtor: wa, history: three, ...(channel === 'email' ? email : {}) }), channel).toEqual(['US.washington_communications']);
    }
    const d = decide({ ...base, at, debtor: wa, history: three });
    expect(d.next_allowed_at).toBe('2026-06-12T08:00:00-07:00');
    expect(d.reasons[0]?.message).toBe('3 calls, texts, e-mails, visits or letters were already placed to the debtor (all their debts) in the 7 days 2026-06-04 to 2026-06-10 '
      + '(America/Los_Angeles); the debtor lives in Washington, where at most 3 are allowed in any 7 days; allowed again from 2026-06-12.');
  });

  it('never holds back a notice the law requires (it counts), nor counts busy signals, network errors or what the debtor started', () => {
    expect(blockedBy({ ...base, at, channel: 'letter', purpose: 'notice', debtor: wa, history: three })).toEqual([]);
    for (const extra of [{ outcome: 'busy' }, { outcome: 'network_error' }, { initiated_by: 'debtor', outcome: 'voicemail' }]) {
      expect(blockedBy({ ...base, at, debtor: wa, history: [...three.slice(0, 2), attempt('2026-06-09T09:00:00-07:00', extra)] }), JSON.stringify(extra)).toEqual([]);
    }
  });

  it('applies where the state is not known, not to a debtor on file in another state; tightened, never loosened', () => {
    expect(blockedBy({ ...base, at, channel: 'letter', debtor: { region_code: null }, history: three })).toEqual(['US.washington_communications']);
    expect(blockedBy({ ...base, at, channel: 'letter', debtor: { region_code: 'US-OR', time_zones: ['America/Los_Angeles'] }, history: three })).toEqual([]);
    expect(blockedBy({ ...base, at, channel: 'letter', debtor: wa, history: three.slice(0, 1), params: { washington_communications: { max: 1 } } }))
      .toEqual(['US.washington_communications']);
    expect(() => decide({ ...base, at, debtor: wa, params: { washington_communications: { max: 4 } } })).toThrow(/US\.washington_communications/);
  });
});
