import { describe, expect, it } from 'vitest';
import { blockedBy, decide } from '../test-support/situations.ts';

const base = { pack: 'UK' as const };

describe('UK.hours: 08:00-21:00 London time, our window', () => {
  it('has its edges in GMT and in BST', () => {
    expect(blockedBy({ ...base, at: '2026-01-15T07:59:59Z' })).toEqual(['UK.hours']);
    expect(blockedBy({ ...base, at: '2026-01-15T08:00:00Z' })).toEqual([]);
    expect(blockedBy({ ...base, at: '2026-07-15T07:59:59+01:00' })).toEqual(['UK.hours']);
    expect(blockedBy({ ...base, at: '2026-07-15T08:00:00+01:00' })).toEqual([]);
    expect(blockedBy({ ...base, at: '2026-07-15T20:59:59+01:00' })).toEqual([]);
    expect(blockedBy({ ...base, at: '2026-07-15T21:00:00+01:00' })).toEqual(['UK.hours']);
  });

  it('crosses the BST change (2026-03-29)', () => {
    expect(decide({ ...base, at: '2026-03-28T22:00:00Z' }).next_allowed_at).toBe('2026-03-29T08:00:00+01:00');
    expect(decide({ ...base, at: '2026-10-24T22:00:00+01:00' }).next_allowed_at).toBe('2026-10-25T08:00:00+00:00');
  });

  it('is not a legal floor: a contract may widen it', () => {
    expect(blockedBy({ ...base, at: '2026-07-15T21:30:00+01:00', params: { hours: { end: '22:00' } } })).toEqual([]);
  });
});

describe('UK.breathing_space', () => {
  const standard = (extra = {}) => ({ flags: ['breathing_space'], flag_since: { breathing_space: '2026-01-10' }, ...extra });

  it('runs until 60 days after the day it started, then lifts itself', () => {
    expect(blockedBy({ ...base, at: '2026-01-10T09:00:00Z', debtor: standard() })).toEqual(['UK.breathing_space']);
    expect(blockedBy({ ...base, at: '2026-03-11T20:00:00Z', debtor: standard() })).toEqual(['UK.breathing_space']);
    expect(blockedBy({ ...base, at: '2026-03-12T08:00:00Z', debtor: standard() })).toEqual([]);
    const d = decide({ ...base, at: '2026-03-11T12:00:00Z', debtor: standard() });
    expect(d.next_allowed_at).toBe('2026-03-12T08:00:00+00:00');
    expect(d.reasons[0]?.message).toBe(
      'The debtor is in a standard breathing space (from 2026-01-10 to 2026-03-11); no payment may be requested. Allowed again from tomorrow (2026-03-12).',
    );
  });

  it('does not start before its first day', () => {
    expect(blockedBy({ ...base, at: '2026-01-09T20:00:00Z', debtor: standard() })).toEqual([]);
  });

  it('stops payment requests only: notices and location contact go', () => {
    expect(blockedBy({ ...base, at: '2026-02-01T10:00:00Z', debtor: standard(), purpose: 'notice' })).toEqual([]);
    expect(blockedBy({ ...base, at: '2026-02-01T10:00:00Z', debtor: standard(), purpose: 'location' })).toEqual([]);
  });

  it('ends early when cancelled (flag_until), and has no known end without a start date', () => {
    const cancelled = standard({ flag_until: { breathing_space: '2026-02-01' } });
    expect(blockedBy({ ...base, at: '2026-02-01T20:00:00Z', debtor: cancelled })).toEqual(['UK.breathing_space']);
    expect(blockedBy({ ...base, at: '2026-02-02T08:00:00Z', debtor: cancelled })).toEqual([]);
    expect(decide({ ...base, at: '2026-02-01T10:00:00Z', debtor: { flags: ['breathing_space'] } }).next_allowed_at).toBeNull();
  });

  it('mental health crisis: while treatment lasts and 30 days after it ends', () => {
    const crisis = { flags: ['mental_health_crisis'], flag_since: { mental_health_crisis: '2026-02-01' } };
    expect(decide({ ...base, at: '2026-06-01T10:00:00+01:00', debtor: crisis }).next_allowed_at).toBeNull();
    const treated = { ...crisis, flag_until: { mental_health_crisis: '2026-04-01' } };
    expect(blockedBy({ ...base, at: '2026-05-01T20:59:00+01:00', debtor: treated })).toEqual(['UK.breathing_space']);
    expect(blockedBy({ ...base, at: '2026-05-02T08:00:00+01:00', debtor: treated })).toEqual([]);
    expect(decide({ ...base, at: '2026-04-20T10:00:00+01:00', debtor: treated }).next_allowed_at).toBe('2026-05-02T08:00:00+01:00');
  });
});

describe('UK.plan_pending: 30 days, extendable once by 30', () => {
  const pending = (extra = {}) => ({ flags: ['plan_pending'], flag_since: { plan_pending: '2026-03-03' }, ...extra });

  it('pauses collection until 30 days after it started', () => {
    expect(blockedBy({ ...base, at: '2026-04-02T20:00:00+01:00', debtor: pending() })).toEqual(['UK.plan_pending']);
    expect(blockedBy({ ...base, at: '2026-04-03T08:00:00+01:00', debtor: pending() })).toEqual([]);
  });

  it('extended once: 30 more days', () => {
    const extended = pending({ flags: ['plan_pending', 'plan_pending_extended'] });
    expect(blockedBy({ ...base, at: '2026-05-02T20:00:00+01:00', debtor: extended })).toEqual(['UK.plan_pending']);
    expect(blockedBy({ ...base, at: '2026-05-03T08:00:00+01:00', debtor: extended })).toEqual([]);
    expect(decide({ ...base, at: '2026-04-10T10:00:00+01:00', debtor: extended }).next_allowed_at).toBe('2026-05-03T08:00:00+01:00');
  });

  it('ends when the plan is in place (flag_until) and lets notices through', () => {
    expect(blockedBy({ ...base, at: '2026-03-20T08:00:00Z', debtor: pending({ flag_until: { plan_pending: '2026-03-19' } }) })).toEqual([]);
    expect(blockedBy({ ...base, at: '2026-03-10T10:00:00Z', debtor: pending(), purpose: 'notice' })).toEqual([]);
  });

  it('is a legal floor: a contract may lengthen it, not shorten it', () => {
    expect(blockedBy({ ...base, at: '2026-04-05T10:00:00+01:00', debtor: pending(), params: { plan_pending: { days: 45 } } })).toEqual(['UK.plan_pending']);
    expect(() => decide({ ...base, at: '2026-04-05T10:00:00+01:00', params: { plan_pending: { days: 20 } } })).toThrow(/UK\.plan_pending/);
  });
});

describe('UK.statute_barred: a customer who says the debt is statute-barred is not asked to pay it', () => {
  const said = { flags: ['statute_barred'], flag_since: { statute_barred: '2026-03-03' } };

  it('stops collection by every channel from the day it was said, until the hold is lifted; notices still go', () => {
    for (const channel of ['call', 'sms', 'email', 'letter', 'visit']) {
      expect(blockedBy({ ...base, at: '2026-03-03T10:00:00Z', channel, debtor: said }), channel).toEqual(['UK.statute_barred']);
    }
    expect(blockedBy({ ...base, at: '2026-03-02T10:00:00Z', debtor: said })).toEqual([]);
    expect(blockedBy({ ...base, at: '2026-03-03T10:00:00Z', debtor: said, purpose: 'notice' })).toEqual([]);
    const decision = decide({ ...base, at: '2026-03-10T10:00:00Z', debtor: said });
    expect(decision.next_allowed_at).toBeNull();
    expect(decision.reasons[0]!.message).toContain('the customer says the debt is statute-barred');
    expect(decision.reasons[0]!.citation).toContain('CONC 7.15');
  });
});

describe('UK.third_party (our extension): a third party never hears of the debt', () => {
  it('allows location contact and refuses collection', () => {
    const tp = { party: 'third_party', third_party_id: 'T1' };
    expect(blockedBy({ ...base, at: '2026-07-15T10:00:00+01:00', ...tp, purpose: 'location' })).toEqual([]);
    expect(blockedBy({ ...base, at: '2026-07-15T10:00:00+01:00', ...tp, purpose: 'collect' })).toEqual(['UK.third_party']);
  });
});
