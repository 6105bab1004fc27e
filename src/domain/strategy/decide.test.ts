import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../calendar.ts';
import { BUCKETS } from '../delinquency.ts';
import { AppError } from '../errors.ts';
import { fen } from '../money.ts';
import { decideStrategy } from './decide.ts';
import type { AccountFacts } from './decide.ts';
import { DEFAULT_RULES, DEFAULT_RULES_JSON, NEXT_ACTIONS, parseStrategyRules } from './rules.ts';
import { smsReminderBody } from './sms-template.ts';

const date = '2026-03-02' as LocalDate;
const base: AccountFacts = {
  firstDelinquencyDate: '2026-01-15' as LocalDate, balanceFen: 1_001_500, contactable: true, hasAddress: true,
  onHold: false, openPromiseDueInDays: null, brokenPromises: 0,
};
const decide = (patch: Partial<AccountFacts> = {}) => decideStrategy(DEFAULT_RULES, { ...base, ...patch }, date);
const DEFAULT_RULES_JSON_COPY = structuredClone(DEFAULT_RULES_JSON) as unknown as { priority: Record<string, unknown> } & Record<string, unknown>;

describe('decideStrategy with the default rules', () => {
  it('derives DPD and bucket from the first delinquency date at the bucket boundaries', () => {
    expect(decide({ firstDelinquencyDate: '2026-03-02' as LocalDate })).toMatchObject({ dpd: 0, bucket: 'M0' });
    expect(decide({ firstDelinquencyDate: '2026-03-01' as LocalDate })).toMatchObject({ dpd: 1, bucket: 'M1' });
    expect(decide({ firstDelinquencyDate: '2026-01-31' as LocalDate })).toMatchObject({ dpd: 30, bucket: 'M1' });
    expect(decide({ firstDelinquencyDate: '2026-01-30' as LocalDate })).toMatchObject({ dpd: 31, bucket: 'M2' });
    expect(decide({ firstDelinquencyDate: '2025-09-02' as LocalDate })).toMatchObject({ dpd: 181, bucket: 'M7+', nextAction: 'letter' });
  });

  it('chooses hold over everything, then promise reminders, waiting on a promise, skip-trace, letter, call', () => {
    expect(decide({ onHold: true, openPromiseDueInDays: 0 })).toMatchObject({ nextAction: 'hold', segment: 'on_hold' });
    expect(decide({ inPlan: true, openPromiseDueInDays: 1 })).toMatchObject({ nextAction: 'wait', segment: 'in_plan' });
    expect(decide({ openPromiseDueInDays: 1 })).toMatchObject({ nextAction: 'sms', segment: 'promised' });
    expect(decide({ openPromiseDueInDays: 2 }).nextAction).toBe('wait');
    expect(decide({ openPromiseDueInDays: -1 }).nextAction).toBe('wait'); // in grace: no reminder for a past date
    expect(decide({ contactable: false, hasAddress: false })).toMatchObject({ nextAction: 'skip_trace', segment: 'lost_contact' });
    expect(decide({ contactable: false })).toMatchObject({ nextAction: 'letter' });
    expect(decide()).toMatchObject({ nextAction: 'call', segment: 'mid', bucket: 'M2' });
  });

  it("on a plan, texts a reminder of its next instalment the day before and on the day, and otherwise waits", () => {
    expect(decide({ inPlan: true, nextInstalmentDueInDays: 1 })).toMatchObject({ nextAction: 'sms', segment: 'in_plan' });
    expect(decide({ inPlan: true, nextInstalmentDueInDays: 0 }).nextAction).toBe('sms');
    expect(decide({ inPlan: true, nextInstalmentDueInDays: 2 }).nextAction).toBe('wait');
    expect(decide({ inPlan: true, nextInstalmentDueInDays: -1 }).nextAction).toBe('wait'); // late: no reminder of a past date
    expect(decide({ inPlan: true, nextInstalmentDueInDays: null }).nextAction).toBe('wait');
    // A hold stops it as it stops everything; off a plan the fact is not read.
    expect(decide({ inPlan: true, onHold: true, nextInstalmentDueInDays: 1 }).nextAction).toBe('hold');
    expect(decide({ nextInstalmentDueInDays: 1 }).nextAction).toBe('call');
  });

  it('texts small early balances and calls the rest (boundary at 3,000 yuan)', () => {
    const early = '2026-02-20' as LocalDate;
    expect(decide({ firstDelinquencyDate: early, balanceFen: 300_000 }).nextAction).toBe('sms');
    expect(decide({ firstDelinquencyDate: early, balanceFen: 300_001 }).nextAction).toBe('call');
  });

  it('a broken promise raises the priority and brings back the call', () => {
    const before = decide({ firstDelinquencyDate: '2025-08-01' as LocalDate });
    const after = decide({ firstDelinquencyDate: '2025-08-01' as LocalDate, brokenPromises: 1 });
    expect(before.nextAction).toBe('letter');
    expect(after.nextAction).toBe('call');
    expect(after.priority - before.priority).toBe(150);
  });

  it("the placement's end (委案到期): no points by default; a creditor's rules may add points and test it, today counted, an ended one not", () => {
    expect(DEFAULT_RULES.priority).toMatchObject({ placementEndingPoints: 0, placementEndingDays: 14 });
    expect(decide({ placementEndsInDays: 0 }).priority).toBe(decide().priority);
    const rules = parseStrategyRules({ ...DEFAULT_RULES_JSON_COPY, priority: { ...DEFAULT_RULES_JSON_COPY.priority, placement_ending_points: 120, placement_ending_days: 10 },
      actions: [{ action: 'sms', when: { placement_ends_within_days: 3 } }] });
    const with_ = (placementEndsInDays: number | undefined) => decideStrategy(rules, { ...base, ...(placementEndsInDays === undefined ? {} : { placementEndsInDays }) }, date);
    const plain = with_(undefined).priority;
    expect([0, 10, 11, -1].map((d) => with_(d).priority - plain)).toEqual([120, 120, 0, 0]);
    expect([0, 3, 4, -1].map((d) => with_(d).nextAction)).toEqual(['sms', 'sms', 'call', 'call']);
    expect(() => parseStrategyRules({ ...DEFAULT_RULES_JSON_COPY, priority: { ...DEFAULT_RULES_JSON_COPY.priority, placement_ending_days: 400 } }))
      .toThrow(/rules\.priority\.placement_ending_days must be a whole number from 0 to 366/);
  });

  it('priority: bucket + balance points (rounded down, capped) + contactability', () => {
    // M2 200 + floor(1,001,500 / 100,000) = 10 + contactable 50
    expect(decide().priority).toBe(260);
    expect(decide({ balanceFen: 10_000_000_000 }).priority).toBe(200 + 500 + 50);
    expect(decide({ contactable: false }).priority).toBe(210);
  });

  it('properties: priority never falls as broken promises or balance grow; the action is always one of the six', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 4000 }), fc.integer({ min: 0, max: 100_000_000_000 }), fc.integer({ min: 0, max: 5 }),
      fc.boolean(), fc.boolean(), fc.boolean(), fc.option(fc.integer({ min: -3, max: 30 })), fc.integer({ min: 1, max: 1_000_000 }),
      (dpdBack, balance, broken, contactable, hasAddress, onHold, dueIn, more) => {
        const first = new Date(Date.UTC(2026, 2, 2) - dpdBack * 86_400_000).toISOString().slice(0, 10) as LocalDate;
        const facts: AccountFacts = { firstDelinquencyDate: first, balanceFen: balance, contactable, hasAddress, onHold, openPromiseDueInDays: dueIn, brokenPromises: broken };
        const s = decideStrategy(DEFAULT_RULES, facts, date);
        expect(s.dpd).toBe(dpdBack);
        expect(BUCKETS).toContain(s.bucket);
        expect(NEXT_ACTIONS).toContain(s.nextAction);
        expect(Number.isSafeInteger(s.priority)).toBe(true);
        expect(decideStrategy(DEFAULT_RULES, { ...facts, brokenPromises: broken + 1 }, date).priority).toBeGreaterThanOrEqual(s.priority);
        expect(decideStrategy(DEFAULT_RULES, { ...facts, balanceFen: balance + more }, date).priority).toBeGreaterThanOrEqual(s.priority);
        if (onHold) expect(s.nextAction).toBe('hold');
      }));
  });
});

describe('parseStrategyRules', () => {
  const minimal = { priority: { bucket_points: {}, balance_fen_per_point: 100, max_balance_points: 1_000_000 } };
  it('accepts a minimal rule set: every account gets the default segment and action', () => {
    const rules = parseStrategyRules(minimal);
    expect(decideStrategy(rules, base, date)).toMatchObject({ segment: 'default', nextAction: 'call', priority: 10_015 });
  });

  it('names the offending field', () => {
    const field = (value: unknown) => {
      try { parseStrategyRules(value); } catch (e) { expect(e).toBeInstanceOf(AppError); return (e as AppError).field; }
      throw new Error('expected a refusal');
    };
    expect(field({ ...minimal, actions: [{ action: 'visit' }] })).toBe('rules.actions[0].action');
    expect(field({ ...minimal, actions: [{ action: 'sms', when: { buckets: ['M9'] } }] })).toBe('rules.actions[0].when.buckets');
    expect(field({ ...minimal, segments: [{ name: 'x', when: { colour: 'red' } }] })).toBe('rules.segments[0].when.colour');
    expect(field({ ...minimal, actions: [{ action: 'sms', when: { on_hold: 'yes' } }] })).toBe('rules.actions[0].when.on_hold');
    expect(field({ priority: { bucket_points: {}, balance_fen_per_point: 0 } })).toBe('rules.priority.balance_fen_per_point');
    expect(field({ ...minimal, sms_send_time: '25:00' })).toBe('rules.sms_send_time');
    expect(field({ ...minimal, extra: 1 })).toBe('rules.extra');
  });
});

describe('smsReminderBody', () => {
  it('is bilingual, names the masked account only, and repeats a promise', () => {
    const plain = smsReminderBody({ creditorName: '华裕银行', accountNoMask: '6222********1234', promise: null });
    expect(plain).toContain('【华裕银行】');
    expect(plain).toContain('尾号1234');
    expect(plain).toContain('account ending 1234');
    const promised = smsReminderBody({ creditorName: '华裕银行', accountNoMask: '6222********1234', promise: { amountFen: fen(123_456), dueDate: '2026-03-03' as LocalDate } });
    expect(promised).toContain('¥1,234.56');
    expect(promised).toContain('CNY 1,234.56');
  });
});
