import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { evaluateSituationJson } from '../evaluate.ts';
import { attempt, blockedBy, decide, situation } from '../test-support/situations.ts';
import { debtorZones, describePack, resolvePolicy } from '../policy.ts';
import { zoneClock } from '../time/zone.ts';

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('per-contract parameters', () => {
  it('tighten a rule', () => {
    expect(blockedBy({ pack: 'CN', at: '2026-03-02T08:30:00+08:00', params: { hours: { start: '09:00' } } })).toEqual(['CN.hours']);
    expect(decide({ pack: 'CN', at: '2026-03-02T08:30:00+08:00', params: { hours: { start: '09:00' } } }).next_allowed_at).toBe('2026-03-02T09:00:00+08:00');
    const calls = [attempt('2026-03-02T09:00:00+08:00'), attempt('2026-03-02T10:00:00+08:00')];
    expect(blockedBy({ pack: 'CN', at: '2026-03-02T15:00:00+08:00', history: calls, params: { daily_calls: { max: 2 } } })).toEqual(['CN.daily_calls']);
    expect(blockedBy({ pack: 'US', at: '2026-06-10T10:00:00-04:00', history: [attempt('2026-06-01T10:00:00-04:00', { outcome: 'right_party' })], params: { cool_down: { days: 10 } } })).toEqual(['US.cool_down']);
  });

  it('refuse to loosen a legal floor, naming the rule', () => {
    const e = refusal(() => decide({ pack: 'CN', at: '2026-03-02T21:30:00+08:00', params: { hours: { end: '22:00' } } }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe("params.hours.end: 22:00 loosens CN.hours, a legal floor (default 21:00); a contract may only tighten it");
    expect(e.messageZh).toContain('22:00放宽了CN.hours，而该规则是法定底线（默认21:00）');
    expect(e.details).toEqual({ rule: 'CN.hours' });
    expect(refusal(() => decide({ pack: 'US', at: '2026-06-10T10:00:00-04:00', params: { seven_in_seven: { max: 8 } } })).message).toMatch(/US\.seven_in_seven/);
    expect(refusal(() => decide({ pack: 'US', at: '2026-06-10T10:00:00-04:00', params: { cool_down: { days: 6 } } })).message).toMatch(/US\.cool_down/);
    expect(refusal(() => decide({ pack: 'UK', at: '2026-06-10T10:00:00Z', params: { breathing_space: { days: 59 } } })).message).toMatch(/UK\.breathing_space/);
    expect(refusal(() => decide({ pack: 'CN', at: '2026-03-02T10:00:00+08:00', params: { instalment_max: { months: 72 } } })).message).toMatch(/CN\.instalment_max/);
  });

  it('accept the defaults themselves', () => {
    expect(blockedBy({ pack: 'US', at: '2026-06-10T10:00:00-04:00', params: { hours: { start: '08:00', end: '21:00' }, seven_in_seven: { max: 7, days: 7 } } })).toEqual([]);
  });

  it('refuse unknown rules, unknown parameters and bad values', () => {
    const at = '2026-03-02T10:00:00+08:00';
    expect(refusal(() => decide({ pack: 'CN', at, params: { seven_in_seven: { max: 3 } } })).message).toBe(
      "params.seven_in_seven: pack CN has no rule 'seven_in_seven' (its rules: hours, daily_calls, daily_texts, third_party, instalment_max, recording, holds, suspension, mandate, in_plan, consent)",
    );
    expect(refusal(() => decide({ pack: 'CN', at, params: { hours: { begin: '09:00' } } })).message).toBe("params.hours.begin: CN.hours has no parameter 'begin' (its parameters are start, end)");
    expect(refusal(() => decide({ pack: 'CN', at, params: { hours: { start: 9 } } })).message).toMatch(/expected a time of day 'HH:MM'/);
    expect(refusal(() => decide({ pack: 'CN', at, params: { daily_calls: { max: 1.5 } } })).message).toMatch(/whole number/);
    expect(refusal(() => decide({ pack: 'CN', at, params: { hours: { start: '20:00', end: '09:00' } } })).message).toMatch(/needs start before end/);
    expect(refusal(() => decide({ pack: 'CN', at, params: { holds: { x: 1 } } })).message).toMatch(/has no parameter 'x' \(it has no parameters\)/);
    expect(refusal(() => evaluateSituationJson({ ...situation({ pack: 'CN', at }), params: [] })).message).toMatch(/params: expected an object/);
  });
});

describe('describePack', () => {
  it('lists every rule of the table with its citation, floor and defaults', () => {
    expect(describePack('CN').rules.map((r) => r.rule)).toEqual(['CN.hours', 'CN.daily_calls', 'CN.daily_texts', 'CN.third_party', 'CN.instalment_max', 'CN.recording', 'CN.holds', 'CN.suspension', 'CN.mandate', 'CN.in_plan', 'CN.consent']);
    expect(describePack('US').rules.map((r) => r.rule)).toEqual([
      'US.hours', 'US.seven_in_seven', 'US.massachusetts_calls', 'US.nyc_communications', 'US.washington_communications', 'US.cool_down', 'US.medium_opt_out', 'US.work_email', 'US.email_safe_harbor', 'US.nyc_electronic_consent', 'US.cease', 'US.dispute', 'US.attorney', 'US.third_party', 'US.holds', 'US.suspension', 'US.mandate', 'US.in_plan', 'US.validation_notice', 'US.consent',
    ]);
    expect(describePack('UK').rules.map((r) => r.rule)).toEqual(['UK.hours', 'UK.breathing_space', 'UK.plan_pending', 'UK.third_party', 'UK.holds', 'UK.statute_barred', 'UK.suspension', 'UK.mandate', 'UK.in_plan', 'UK.consent']);
    const instalment = describePack('CN').rules.find((r) => r.rule === 'CN.instalment_max');
    expect(instalment?.params['months']?.default).toBe(60);
    expect(instalment?.legal_floor).toBe(true);
  });
});

describe('debtorZones: the zones a debtor is judged in, from the zone on file', () => {
  it('believes a zone in the pack\'s country, and reads every zone of the country for any other', () => {
    expect(debtorZones(resolvePolicy('US', {}), 'America/Chicago')).toEqual(['America/Chicago']);
    expect(debtorZones(resolvePolicy('US', {}), 'America/Indiana/Knox')).toEqual(['America/Indiana/Knox']);
    // A US creditor's debtor left on the agency's zone: anywhere from Hawaii to the East Coast.
    expect(debtorZones(resolvePolicy('US', {}), 'Asia/Shanghai')).toEqual(
      ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu']);
    expect(debtorZones(resolvePolicy('UK', {}), 'Asia/Shanghai')).toEqual(['Europe/London']);
    expect(debtorZones(resolvePolicy('CN', {}), 'Asia/Urumqi')).toEqual(['Asia/Urumqi']);
    expect(debtorZones(resolvePolicy('CN', {}), 'America/New_York')).toEqual(['Asia/Shanghai']);
  });
  it('adds the zones of the debtor\'s phones\' areas that are in the country, after the address\'s; a phone never narrows an unknown address', () => {
    const us = resolvePolicy('US', {});
    expect(debtorZones(us, 'America/Chicago', ['America/New_York'])).toEqual(['America/Chicago', 'America/New_York']);
    expect(debtorZones(us, 'America/Chicago', ['America/Chicago', 'America/Boise', 'America/Los_Angeles']))
      .toEqual(['America/Chicago', 'America/Boise', 'America/Los_Angeles']);
    // A Caribbean or Canadian zone of a +1 number is not a US location; a toll-free number names every NANP zone, so every US one.
    expect(debtorZones(us, 'America/Chicago', ['America/Toronto', 'America/Puerto_Rico'])).toEqual(['America/Chicago']);
    expect(debtorZones(us, 'Asia/Shanghai', ['America/New_York'])).toEqual(us.fallbackZones);
    expect(debtorZones(resolvePolicy('UK', {}), 'Europe/London', ['Europe/Guernsey', 'Europe/London'])).toEqual(['Europe/London']);
  });
  it('lists only real zones, the fallback among them', () => {
    for (const pack of ['CN', 'US', 'UK'] as const) {
      const policy = resolvePolicy(pack, {});
      for (const zone of policy.countryZones) expect(zoneClock(zone), zone).not.toBeNull();
      for (const zone of policy.fallbackZones) expect(policy.countryZones).toContain(zone);
    }
  });
});
describe('debtorZones: a region that lives by a second clock', () => {
  it('judges a debtor in Xinjiang (65) in Beijing and Ürümqi time under CN, whatever the zone on file', () => {
    const cn = resolvePolicy('CN', {});
    expect(debtorZones(cn, 'Asia/Shanghai', [], '650102')).toEqual(['Asia/Shanghai', 'Asia/Urumqi']);
    expect(debtorZones(cn, 'America/New_York', [], '650102')).toEqual(['Asia/Shanghai', 'Asia/Urumqi']);
    expect(debtorZones(cn, 'Asia/Urumqi', [], '650102')).toEqual(['Asia/Urumqi']);
    expect(debtorZones(cn, 'Asia/Shanghai', [], '420102')).toEqual(['Asia/Shanghai']);
    expect(debtorZones(cn, 'Asia/Shanghai', [], null)).toEqual(['Asia/Shanghai']);
    // Not under another pack: a US state code never matches, and US zones are the US pack's.
    expect(debtorZones(resolvePolicy('US', {}), 'America/Chicago', [], '650102')).toEqual(['America/Chicago']);
  });
});

