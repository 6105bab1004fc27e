import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluateSituationJson } from './evaluate.ts';
import { NEVER } from './rules/rule.ts';
import { parseSituation } from './situation.ts';
import { parseInstant } from './time/civil.ts';
import type { Json } from './test-support/situations.ts';

/**
 * The promise of next_allowed_at, checked on random situations around DST changes: at that
 * instant every rule allows the contact (so no time-based reason is left), and a millisecond
 * earlier (if that is not before `at`) something still blocks it.
 */
const DAY = 86_400_000;
const EDGES = ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z', '2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2026-04-05T03:00:00Z', '2026-09-06T04:00:00Z', '2026-06-15T12:00:00Z'].map(
  (s) => parseInstant(s) ?? 0,
);
const ZONES = ['America/New_York', 'America/Los_Angeles', 'America/Phoenix', 'Europe/London', 'Asia/Shanghai', 'America/Santiago', 'Australia/Lord_Howe'];
const OUTCOMES = ['no_answer', 'busy', 'network_error', 'voicemail', 'connected', 'right_party', 'wrong_party', 'sms_sent'];

const iso = (t: number) => new Date(t).toISOString();
const date = (t: number) => iso(t).slice(0, 10);

const instant = fc.tuple(fc.constantFrom(...EDGES), fc.integer({ min: -10 * DAY, max: 10 * DAY })).map(([edge, delta]) => edge + delta);

const arbitrarySituation = instant.chain((at) =>
  fc.record({
    pack: fc.constantFrom('CN', 'US', 'UK'),
    at: fc.constant(iso(at)),
    channel: fc.constantFrom('call', 'call', 'call', 'sms', 'letter', 'visit'),
    party: fc.constantFrom('debtor', 'debtor', 'debtor', 'third_party'),
    purpose: fc.constantFrom('collect', 'collect', 'location', 'notice'),
    third_party_id: fc.constantFrom('T1', 'T2'),
    debtor: fc.record({
      id: fc.constant('D1'),
      time_zones: fc.uniqueArray(fc.constantFrom(...ZONES), { minLength: 0, maxLength: 2 }),
      region_code: fc.constantFrom('420102', '430102', null),
      flags: fc.subarray(['complaint_review', 'breathing_space', 'plan_pending', 'plan_pending_extended', 'mental_health_crisis']),
      flag_since: fc.record({ breathing_space: fc.integer({ min: -70, max: 5 }), plan_pending: fc.integer({ min: -70, max: 5 }), mental_health_crisis: fc.integer({ min: -20, max: 0 }) }).map((o) =>
        Object.fromEntries(Object.entries(o).map(([k, d]) => [k, date(at + d * DAY)])),
      ),
      flag_until: fc.record({ complaint_review: fc.integer({ min: -3, max: 8 }), mental_health_crisis: fc.integer({ min: -40, max: 5 }) }).map((o) =>
        Object.fromEntries(Object.entries(o).map(([k, d]) => [k, date(at + d * DAY)])),
      ),
      opt_outs: fc.constant([]),
    // Treatment ends on or after the crisis breathing space starts (an end before the start is refused as input).
    }).map((d) => {
      const since = d.flag_since['mental_health_crisis']!;
      const until = d.flag_until['mental_health_crisis']!;
      return until < since ? { ...d, flag_until: { ...d.flag_until, mental_health_crisis: since } } : d;
    }),
    account: fc.constant({ id: 'A1', creditor: 'BANK1' }),
    history: fc.array(
      fc.record({
        account_id: fc.constantFrom('A1', 'A1', 'A2'),
        at: fc.integer({ min: -10 * DAY, max: DAY }).map((d) => iso(at + d)),
        channel: fc.constantFrom('call', 'call', 'sms'),
        party: fc.constantFrom('debtor', 'debtor', 'third_party'),
        third_party_id: fc.constantFrom('T1', 'T2'),
        outcome: fc.constantFrom(...OUTCOMES),
        initiated_by: fc.constantFrom('agency', 'agency', 'debtor', 'third_party'),
      }),
      { maxLength: 20 },
    ),
    suspensions: fc.array(
      fc.record({
        scope: fc.constantFrom('region', 'creditor', 'account'),
        code: fc.constantFrom('420000', 'BANK1', 'A1'),
        from: fc.integer({ min: -5, max: 3 }).map((d) => date(at + d * DAY)),
        length: fc.integer({ min: 0, max: 4 }),
      }).map(({ length, ...s }) => ({ ...s, to: date(Date.parse(s.from) + length * DAY) })),
      { maxLength: 2 },
    ),
    params: fc.constantFrom({}, { hours: { start: '09:00', end: '18:00' } }),
  }),
);

function at(s: Json): number {
  return parseInstant(String(s['at'])) ?? Number.NaN;
}

describe('next_allowed_at', () => {
  it('is allowed, and is the earliest such instant at or after `at`', () => {
    let checked = 0;
    fc.assert(
      fc.property(arbitrarySituation, (s: Json) => {
        const decision = evaluateSituationJson(s);
        if (decision.next_allowed_at === null) return;
        checked++;
        const next = parseInstant(decision.next_allowed_at) ?? Number.NaN;
        expect(next).toBeGreaterThanOrEqual(at(s));
        if (decision.allowed) expect(next).toBe(at(s));
        const again = evaluateSituationJson({ ...s, at: decision.next_allowed_at });
        expect(again.reasons).toEqual([]);
        if (next > at(s)) expect(evaluateSituationJson({ ...s, at: iso(next - 1) }).allowed).toBe(false);
      }),
      { numRuns: 1500 },
    );
    expect(checked).toBeGreaterThan(500);
  }, 60_000);

  it('each rule answers with an instant it allows itself, never before the one asked', () => {
    fc.assert(
      fc.property(arbitrarySituation, fc.integer({ min: 0, max: 20 * DAY }), (json: Json, later) => {
        const s = parseSituation(json);
        for (const rule of s.policy.rules) {
          const t = s.at + later;
          const first = rule.check.earliestFrom(s, t);
          expect(first).toBeGreaterThanOrEqual(t);
          if (first !== NEVER) expect(rule.check.earliestFrom(s, first)).toBe(first);
        }
      }),
      { numRuns: 500 },
    );
  }, 60_000);
});
