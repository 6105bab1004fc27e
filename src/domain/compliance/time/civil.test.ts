import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { civilFromDays, daysFromCivil, formatLocalDate, formatLocalDateTime, parseClock, parseInstant, parseLocalDate } from './civil.ts';

describe('instants', () => {
  it('reads ISO 8601 with an offset, Z, fractions and a compact offset', () => {
    expect(parseInstant('2026-03-02T21:30:00+08:00')).toBe(Date.UTC(2026, 2, 2, 13, 30));
    expect(parseInstant('2026-03-02T13:30:00Z')).toBe(Date.UTC(2026, 2, 2, 13, 30));
    expect(parseInstant('2026-03-02T13:30Z')).toBe(Date.UTC(2026, 2, 2, 13, 30));
    expect(parseInstant('2026-03-02T08:30:00.25-0500')).toBe(Date.UTC(2026, 2, 2, 13, 30, 0, 250));
  });

  it('refuses an instant without offset, an impossible date or time, and years out of range', () => {
    for (const bad of ['2026-03-02T21:30:00', '2026-02-30T10:00:00Z', '2026-03-02T24:00:00Z', '2026-03-02T10:60:00Z', '1899-12-31T00:00:00Z', '2026-03-02 10:00:00Z', '', 'yesterday']) {
      expect(parseInstant(bad), bad).toBeNull();
    }
  });

  it('reads what toISOString writes, and any offset rendering of the same instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 2), max: Date.UTC(2199, 11, 30) }), fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }), (t, offsetMinutes) => {
        expect(parseInstant(new Date(t).toISOString())).toBe(t);
        const local = new Date(t + offsetMinutes * 60_000).toISOString().slice(0, 23);
        const abs = Math.abs(offsetMinutes);
        const offset = `${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        expect(parseInstant(local + offset)).toBe(t);
      }),
    );
  });

  it('refuses trailing or missing pieces', () => {
    for (const bad of ['2026-03-02T13:30:00Zx', '2026-03-02T13:30:00+08', '2026-03-02T13:30:00+08:0', '2026-03-02T13:30:00.Z', '2026-03-02T13:3Z', '2026-03-02T13:30:0Z', '2026-03-02T13:30:00+8:00', '+026-03-02T13:30:00Z']) {
      expect(parseInstant(bad), bad).toBeNull();
    }
  });

  it('formats a local wall clock', () => {
    expect(formatLocalDateTime(Date.UTC(2026, 2, 3, 8))).toBe('2026-03-03T08:00:00');
    expect(formatLocalDateTime(Date.UTC(2026, 2, 3, 8, 0, 0, 5))).toBe('2026-03-03T08:00:00.005');
  });
});

describe('dates', () => {
  it('reads business dates and refuses impossible ones', () => {
    expect(parseLocalDate('2024-02-29')).toBe(daysFromCivil(2024, 2, 29));
    expect(parseLocalDate('2026-02-29')).toBeNull();
    expect(parseLocalDate('2026-3-1')).toBeNull();
  });

  it('days and civil dates round-trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_000, max: 100_000 }), (day) => {
        const c = civilFromDays(day);
        expect(daysFromCivil(c.year, c.month, c.day)).toBe(day);
        expect(parseLocalDate(formatLocalDate(day))).toBe(c.year >= 1900 && c.year <= 2199 ? day : null);
      }),
    );
  });
});

describe('clock parameters', () => {
  it('reads HH:MM from 00:00 to 24:00', () => {
    expect(parseClock('08:00')).toBe(480);
    expect(parseClock('24:00')).toBe(1440);
    expect(parseClock('24:01')).toBeNull();
    expect(parseClock('8:00')).toBeNull();
  });
});
