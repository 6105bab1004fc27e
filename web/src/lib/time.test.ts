import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { formatDateTimeIn, formatInstant, formatTimeIn, instantFromZoned, setDisplayZone, zonedInputValue } from './time.ts';

afterEach(() => setDisplayZone('Asia/Shanghai'));

describe('instants on the agency\'s clock', () => {
  it('shows a call at 10:00 in Shanghai as 10:00 whatever the browser\'s zone', () => {
    setDisplayZone('Asia/Shanghai');
    expect(formatInstant('2026-03-02T02:00:00.000Z')).toBe('2026-03-02 10:00');
    // English reads the date as the screens' other dates do, not in US order (3/2/26 is 3 February to most readers).
    expect(formatDateTimeIn('2026-03-02T02:00:00.000Z', 'en')).toBe('2026-03-02 10:00');
    expect(formatDateTimeIn('2026-03-02T06:30:00.000Z', 'en')).toBe('2026-03-02 14:30');
    expect(formatDateTimeIn('2026-03-02T02:00:00.000Z', 'zh-CN')).toBe('2026/3/2 10:00');
    expect(formatTimeIn('2026-03-02T06:30:00.000Z', 'en')).toBe('14:30');
    setDisplayZone('America/New_York');
    expect(formatInstant('2026-03-02T03:00:00.000Z')).toBe('2026-03-01 22:00');
    expect(formatInstant('2026-07-01T03:00:00.000Z')).toBe('2026-06-30 23:00'); // daylight saving time
  });

  it('a datetime-local value round-trips through the agency\'s zone, across daylight saving changes', () => {
    for (const zone of ['Asia/Shanghai', 'America/New_York', 'Europe/London']) {
      setDisplayZone(zone);
      fc.assert(fc.property(fc.integer({ min: Date.UTC(2020, 0, 1) / 60_000, max: Date.UTC(2035, 0, 1) / 60_000 }), (minute) => {
        const iso = new Date(minute * 60_000).toISOString();
        // An instant in the repeated hour of autumn shows a wall time that names the earlier one too;
        // the wall time read back must show the same, which is what the editor sees.
        expect(zonedInputValue(instantFromZoned(zonedInputValue(iso)))).toBe(zonedInputValue(iso));
      }));
    }
    setDisplayZone('Asia/Shanghai');
    expect(instantFromZoned('2026-03-02T10:00')).toBe('2026-03-02T02:00:00.000Z');
    setDisplayZone('America/New_York');
    expect(instantFromZoned('2026-03-08T02:30')).toBe('2026-03-08T07:30:00.000Z'); // skipped by the spring change: moves on by the gap
    expect(() => instantFromZoned('2026-03-08')).toThrow(/not a local date and time/);
  });
});
