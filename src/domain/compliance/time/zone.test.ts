import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DAY_MS, HOUR_MS, parseInstant } from './civil.ts';
import { zoneClock } from './zone.ts';
import type { ZoneClock } from './zone.ts';

function zone(name: string): ZoneClock {
  const z = zoneClock(name);
  if (z === null) throw new Error(name);
  return z;
}

function at(text: string): number {
  const t = parseInstant(text);
  if (t === null) throw new Error(text);
  return t;
}

/** The offset Intl reports, the slow way the table is meant to spare. */
function intlOffset(name: string, t: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(t);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const second = Math.floor(t / 1000) * 1000;
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - second;
}

describe('zone clocks', () => {
  it('refuses unknown zones and shares one clock per canonical name', () => {
    expect(zoneClock('Mars/Olympus_Mons')).toBeNull();
    expect(zoneClock('asia/shanghai')).toBe(zoneClock('Asia/Shanghai'));
  });

  it('agrees with Intl at random instants in many zones', () => {
    const names = ['America/New_York', 'America/Santiago', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Shanghai', 'Africa/Casablanca', 'Pacific/Chatham', 'America/St_Johns'];
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }), (name, t) => {
        expect(zone(name).offsetAt(t)).toBe(intlOffset(name, t));
      }),
      { numRuns: 400 },
    );
  });

  it('finds US transitions to the second', () => {
    const ny = zone('America/New_York');
    expect(ny.format(at('2026-03-08T06:59:59Z'))).toBe('2026-03-08T01:59:59-05:00');
    expect(ny.format(at('2026-03-08T07:00:00Z'))).toBe('2026-03-08T03:00:00-04:00');
    expect(ny.format(at('2026-11-01T05:59:59Z'))).toBe('2026-11-01T01:59:59-04:00');
    expect(ny.format(at('2026-11-01T06:00:00Z'))).toBe('2026-11-01T01:00:00-05:00');
  });

  it('has 23- and 25-hour local days around US DST changes', () => {
    const ny = zone('America/New_York');
    const spring = ny.localDay(at('2026-03-08T12:00:00-04:00'));
    expect(ny.dayStart(spring + 1) - ny.dayStart(spring)).toBe(23 * HOUR_MS);
    const fall = ny.localDay(at('2026-11-01T12:00:00-05:00'));
    expect(ny.dayStart(fall + 1) - ny.dayStart(fall)).toBe(25 * HOUR_MS);
    expect(ny.format(ny.dayStart(fall))).toBe('2026-11-01T00:00:00-04:00');
  });

  it('starts a day at the transition when midnight does not exist (Santiago)', () => {
    const santiago = zone('America/Santiago');
    const day = santiago.localDay(at('2026-09-06T12:00:00Z'));
    expect(santiago.format(santiago.dayStart(day))).toBe('2026-09-06T01:00:00-03:00');
    // Fall-back at 24:00 -> 23:00: the next day begins after the repeated hour.
    const before = santiago.localDay(at('2026-04-04T12:00:00Z'));
    expect(santiago.format(santiago.dayStart(before + 1))).toBe('2026-04-05T00:00:00-04:00');
  });

  it('opens the daily window at the first instant inside it', () => {
    const ny = zone('America/New_York');
    const open = 8 * HOUR_MS;
    const close = 21 * HOUR_MS;
    expect(ny.format(ny.nextInDailyWindow(at('2026-03-07T22:00:00-05:00'), open, close))).toBe('2026-03-08T08:00:00-04:00');
    expect(ny.format(ny.nextInDailyWindow(at('2026-10-31T21:30:00-04:00'), open, close))).toBe('2026-11-01T08:00:00-05:00');
    const inside = at('2026-11-01T20:59:59-05:00');
    expect(ny.nextInDailyWindow(inside, open, close)).toBe(inside);
    // A window opening inside a spring-forward gap opens when the clocks jump.
    expect(ny.format(ny.nextInDailyWindow(at('2026-03-08T01:00:00-05:00'), 2.5 * HOUR_MS, close))).toBe('2026-03-08T03:00:00-04:00');
  });

  it('extends its table backwards and forwards on demand', () => {
    const london = zone('Europe/London');
    expect(london.format(at('2000-07-01T12:00:00Z'))).toBe('2000-07-01T13:00:00+01:00');
    expect(london.format(at('2150-01-01T12:00:00Z'))).toBe('2150-01-01T12:00:00+00:00');
    expect(london.localDay(at('2026-03-29T00:30:00Z')) * DAY_MS).toBe(Date.UTC(2026, 2, 29));
  });
});
