import { describe, expect, it } from 'vitest';
import { localDate } from './calendar.ts';
import { addUkBusinessDays, easterSunday, isUkBusinessDay, ukBankHolidays } from './holidays-uk.ts';

describe('bank holidays in England and Wales', () => {
  it('finds Easter Sunday', () => {
    expect([2019, 2024, 2025, 2026, 2027, 2038].map(easterSunday)).toEqual(['2019-04-21', '2024-03-31', '2025-04-20', '2026-04-05', '2027-03-28', '2038-04-25']);
  });

  it('lists each year\'s eight, with weekend ones substituted, and the moved and added ones', () => {
    expect(ukBankHolidays(2026)).toEqual(['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']);
    // Christmas on a Saturday, Boxing Day on a Sunday: Monday 27th and Tuesday 28th.
    expect(ukBankHolidays(2027).slice(-2)).toEqual(['2027-12-27', '2027-12-28']);
    // New Year's Day on a Saturday: Monday 3 January.
    expect(ukBankHolidays(2022)[0]).toBe('2022-01-03');
    expect(ukBankHolidays(2022)).toEqual(expect.arrayContaining(['2022-06-02', '2022-06-03', '2022-09-19']));
    expect(ukBankHolidays(2022)).not.toContain('2022-05-30');
    expect(ukBankHolidays(2020)).toContain('2020-05-08');
    expect(ukBankHolidays(2023)).toEqual(expect.arrayContaining(['2023-05-01', '2023-05-08', '2023-05-29']));
  });

  it('counts business days from the next day, over weekends and bank holidays', () => {
    expect(isUkBusinessDay(localDate(2026, 4, 3))).toBe(false);
    expect(addUkBusinessDays(localDate(2026, 4, 2), 1)).toBe('2026-04-07');   // Good Friday and Easter Monday skipped
    // 24, 29, 30, 31 December and 4 January: Christmas, the 28th (for Boxing Day, a Saturday) and New Year's Day skipped.
    expect(addUkBusinessDays(localDate(2026, 12, 23), 5)).toBe('2027-01-04');
    expect(addUkBusinessDays(localDate(2026, 12, 23), 0)).toBe('2026-12-23');
  });
});
