import { describe, expect, it } from 'vitest';
import { holdKindsStoppingUnder, holdLastDay, ukMoratoriumDays } from './hold-end.ts';
import { resolvePolicy } from './policy.ts';
import { blockedBy } from './test-support/situations.ts';
import { FLAGS, PACK_IDS } from './types.ts';

/** Midday in each pack's country on 2 March 2026: no hours rule in the way. */
const MIDDAY = { CN: '2026-03-02T04:00:00Z', US: '2026-03-02T17:00:00Z', UK: '2026-03-02T12:00:00Z' } as const;

describe('holdKindsStoppingUnder', () => {
  // The screens show an account on hold (停催) by this list (src/db/collection-stopped.ts): it must be what the engine stops for.
  for (const pack of PACK_IDS) {
    it(`lists under ${pack} exactly the hold kinds the engine refuses a collection call for`, () => {
      const at = MIDDAY[pack];
      const without = blockedBy({ pack, at });
      const stopping = FLAGS.filter((flag) => {
        const held = blockedBy({ pack, at, debtor: { flags: [flag], flag_since: { [flag]: '2026-03-01' } } });
        return held.some((rule) => !without.includes(rule));
      });
      expect([...holdKindsStoppingUnder(pack)].sort()).toEqual([...stopping].sort());
    });
  }

  it('never lists a vulnerable flag, nor the extension of a plan being arranged', () => {
    for (const pack of PACK_IDS) expect(holdKindsStoppingUnder(pack)).not.toEqual(expect.arrayContaining(['vulnerable']));
    expect(holdKindsStoppingUnder('UK')).not.toContain('plan_pending_extended');
  });
});

describe('ukMoratoriumDays', () => {
  it('gives the UK pack\'s lengths, the ones holdLastDay counts by', () => {
    const days = ukMoratoriumDays();
    expect(days).toEqual({ breathing_space: { days: 60, crisis_extra_days: 30 }, plan_pending: { days: 30, extension_days: 30 } });
    const uk = resolvePolicy('UK');
    expect(holdLastDay(uk, { kind: 'breathing_space', starts_on: '2026-01-01', ends_on: null }, false)).toBe('2026-03-02');
    expect(holdLastDay(uk, { kind: 'mental_health_crisis', starts_on: '2026-01-01', ends_on: '2026-02-15' }, false)).toBe('2026-03-17');
  });
});
