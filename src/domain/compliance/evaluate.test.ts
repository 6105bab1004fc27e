import { describe, expect, it } from 'vitest';
import { evaluateContact, evaluateSituationJson, isContactAllowed } from './evaluate.ts';
import { parseSituation } from './situation.ts';
import { attempt, decide, situation } from './test-support/situations.ts';

/** The situation of COMPLIANCE.md, verbatim. */
const CONTRACT_EXAMPLE = {
  pack: 'CN',
  at: '2026-03-02T21:30:00+08:00',
  channel: 'call',
  party: 'debtor',
  purpose: 'collect',
  third_party_id: null,
  debtor: { id: 'D1', time_zones: ['Asia/Shanghai'], region_code: '420102', flags: [], flag_since: {}, opt_outs: [] },
  account: { id: 'A1', creditor: 'BANK1' },
  history: [{ account_id: 'A1', at: '2026-03-02T09:10:00+08:00', channel: 'call', party: 'debtor', third_party_id: null, outcome: 'no_answer', initiated_by: 'agency' }],
  suspensions: [
    { scope: 'region', code: '420000', from: '2020-01-23', to: '2020-04-08' },
    { scope: 'creditor', code: 'BANK1', from: '2026-03-01', to: null },
  ],
  params: {},
};

describe('evaluateContact', () => {
  it('judges the contract example: every blocking rule, with both languages and a citation', () => {
    const d = evaluateSituationJson(CONTRACT_EXAMPLE);
    expect(Object.keys(d)).toEqual(['allowed', 'reasons', 'next_allowed_at']);
    expect(d.allowed).toBe(false);
    expect(d.reasons.map((r) => r.rule)).toEqual(['CN.hours', 'CN.suspension']);
    for (const r of d.reasons) expect(Object.keys(r)).toEqual(['rule', 'message', 'message_zh', 'citation']);
    // The creditor suspension has no end: no instant will do.
    expect(d.next_allowed_at).toBeNull();
    const dated = evaluateSituationJson({ ...CONTRACT_EXAMPLE, suspensions: [{ scope: 'creditor', code: 'BANK1', from: '2026-03-01', to: '2026-03-04' }] });
    expect(dated.next_allowed_at).toBe('2026-03-05T08:00:00+08:00');
  });

  it('an allowed contact is allowed now: next_allowed_at is `at`, in the debtor zone offset', () => {
    const d = decide({ at: '2026-03-02T02:00:00Z' });
    expect(d).toEqual({ allowed: true, reasons: [], next_allowed_at: '2026-03-02T10:00:00+08:00' });
  });

  it('lists every blocking rule, in the pack order', () => {
    const d = decide({
      pack: 'US',
      at: '2026-06-10T22:00:00-04:00',
      channel: 'sms',
      debtor: { opt_outs: ['sms'], flags: ['bankrupt'] },
      suspensions: [{ scope: 'account', code: 'A1', from: '2026-06-01', to: '2026-06-30' }],
    });
    expect(d.reasons.map((r) => r.rule)).toEqual(['US.hours', 'US.medium_opt_out', 'US.holds', 'US.suspension']);
    expect(d.next_allowed_at).toBeNull();
  });

  it('finds the first instant every time-based rule allows, across rules', () => {
    const d = decide({
      at: '2026-03-02T20:00:00+08:00',
      history: [attempt('2026-03-03T09:00:00+08:00'), attempt('2026-03-03T10:00:00+08:00'), attempt('2026-03-03T11:00:00+08:00')],
      suspensions: [{ scope: 'creditor', code: 'BANK1', from: '2026-03-02', to: '2026-03-02' }],
    });
    // Tomorrow already has three calls on file, so the day after at 08:00.
    expect(d.next_allowed_at).toBe('2026-03-04T08:00:00+08:00');
  });

  it('says so when the debtor zones never share an hour of the window', () => {
    const d = decide({ pack: 'US', at: '2026-06-10T10:00:00-04:00', debtor: { time_zones: ['America/New_York', 'Asia/Tokyo'] }, params: { hours: { start: '08:00', end: '10:00' } } });
    expect(d.next_allowed_at).toBeNull();
    expect(d.reasons[0]?.message).toContain("the debtor's time zones have no common hour inside 08:00-10:00");
  });

  it('isContactAllowed agrees with evaluateContact', () => {
    for (const at of ['2026-03-02T07:59:00+08:00', '2026-03-02T08:00:00+08:00']) {
      const s = parseSituation(situation({ at }));
      expect(isContactAllowed(s)).toBe(evaluateContact(s).allowed);
    }
  });
});

describe('what the compliance officer found at the edges of the contract', () => {
  const call = { at: '2026-06-10T10:00:00-04:00', pack: 'US' as const, debtor: { time_zones: ['America/New_York'] } };
  const rules = (d: { reasons: Array<{ rule: string }> }) => d.reasons.map((r) => r.rule);

  it('a cap a contract set to 0 allows none, for good, and says so (it used to run forever)', () => {
    const d = decide({ at: '2026-03-02T10:00:00+08:00', params: { daily_calls: { max: 0 } } });
    expect(d).toMatchObject({ allowed: false, next_allowed_at: null });
    expect(d.reasons[0]).toMatchObject({ rule: 'CN.daily_calls', message: "The contract's limit for these contacts is 0: none may be placed." });
    expect(decide({ ...call, params: { seven_in_seven: { max: 0 } } }).next_allowed_at).toBeNull();
    expect(decide({ at: '2026-03-02T10:00:00+08:00', party: 'third_party', purpose: 'location', third_party_id: 'T1', params: { third_party: { max: 0 } } }).allowed).toBe(false);
  });

  it('refuses an account status it does not know (a mistyped "Recalled" must not let a recalled account be collected)', () => {
    for (const status of ['Recalled', 'recall', '退案']) {
      expect(() => parseSituation(situation({ at: '2026-03-02T10:00:00+08:00', account: { status } })), status).toThrow(/account\.status/);
    }
    expect(rules(decide({ at: '2026-03-02T10:00:00+08:00', account: { status: 'recalled' } }))).toEqual(['CN.mandate']);
  });

  it('refuses on_hold as an account status, saying to send the hold as a flag (the rules would read it as nothing and let a held account be collected)', () => {
    expect(() => parseSituation(situation({ at: '2026-03-02T10:00:00+08:00', account: { status: 'on_hold' } })))
      .toThrow('account.status: on_hold is not an account status; send the hold as a flag (debtor.flags, with debtor.flag_since)');
  });

  it('a US region it cannot read as a state (a state that does not exist, US-ZZ) is an unknown one (every state rule applies), not "another state"; a state in lower case is that state', () => {
    const twice = [attempt('2026-06-08T10:00:00-04:00', { outcome: 'no_answer' }), attempt('2026-06-09T10:00:00-04:00', { outcome: 'no_answer' })];
    for (const region of ['US-MA', 'us-ma', 'MA', 'Massachusetts', 'US-ZZ', 'US-XX-1', null]) {
      expect(rules(decide({ ...call, history: twice, debtor: { ...call.debtor, region_code: region } })), String(region)).toContain('US.massachusetts_calls');
    }
    expect(rules(decide({ ...call, history: twice, debtor: { ...call.debtor, region_code: 'US-IL' } }))).not.toContain('US.massachusetts_calls');
  });

  it('says a span of days in Chinese without English in it', () => {
    const eight = Array.from({ length: 7 }, (_, i) => attempt(`2026-06-0${4 + Math.floor(i / 2)}T1${i % 2}:00:00-04:00`, { outcome: 'no_answer' }));
    const d = decide({ ...call, history: eight, debtor: { ...call.debtor, region_code: 'US-IL' } });
    const zh = d.reasons.find((r) => r.rule === 'US.seven_in_seven')!.message_zh;
    expect(zh).toContain('2026-06-04至2026-06-10');
    expect(zh).not.toMatch(/ to /);
  });

  it('refuses a hold that ends before it starts, and a third party attempt that names no one', () => {
    expect(() => parseSituation(situation({ at: '2026-03-02T10:00:00+08:00', debtor: { flags: ['dispute'], flag_since: { dispute: '2026-03-05' }, flag_until: { dispute: '2026-03-01' } } })))
      .toThrow('debtor.flag_until.dispute: ends before it starts (flag_since 2026-03-05)');
    expect(() => parseSituation(situation({ at: '2026-03-02T10:00:00+08:00', history: [attempt('2026-03-01T10:00:00+08:00', { party: 'third_party', third_party_id: null })] })))
      .toThrow('history[0].third_party_id: required when party is third_party');
  });
});
