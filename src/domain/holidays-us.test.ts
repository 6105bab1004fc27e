import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, daysBetween, localDate } from './calendar.ts';
import { addUsBusinessDays, isUsBusinessDay, usLegalPublicHolidays } from './holidays-us.ts';

describe('US legal public holidays (5 U.S.C. 6103)', () => {
  it('lists 2026\'s, with Independence Day on a Saturday also observed on Friday July 3', () => {
    expect(usLegalPublicHolidays(2026)).toEqual(['2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-06-19', '2026-07-03', '2026-07-04',
      '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-12-25']);
  });
  it('observes a Sunday holiday on the Monday after, and the next New Year\'s Day on a Saturday on this December 31', () => {
    expect(usLegalPublicHolidays(2022)).toContain('2022-06-20');   // Juneteenth 2022 was a Sunday
    expect(isUsBusinessDay(localDate(2027, 12, 31))).toBe(false);   // 2028-01-01 is a Saturday
    expect(isUsBusinessDay(localDate(2027, 12, 30))).toBe(true);
  });
  it('counts business days from the next day, over weekends and holidays', () => {
    // Monday 2026-11-23: Tue, Wed, (Thanksgiving), Fri, Mon, Tue.
    expect(addUsBusinessDays(localDate(2026, 11, 23), 5)).toBe('2026-12-01');
    expect(addUsBusinessDays(localDate(2026, 11, 23), 0)).toBe('2026-11-23');
  });
  it('never lands on a weekend or a holiday, and five business days are at least a week', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 365 * 30 }), fc.integer({ min: 1, max: 30 }), (offset, n) => {
      const from = addDays(localDate(2020, 1, 1), offset);
      const to = addUsBusinessDays(from, n);
      expect(isUsBusinessDay(to)).toBe(true);
      expect(dayOfWeek(to)).toBeLessThanOrEqual(5);
      expect(daysBetween(from, to)).toBeGreaterThanOrEqual(n + 2 * Math.floor((n - 1) / 5));
    }));
  });
});
