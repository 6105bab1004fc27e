import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addChineseBusinessDays, addDays, addMonths, chineseHolidayYears, compareDates, dateParts, dayOfWeek, daysBetween, daysInMonth,
  isChineseWorkday, isValidTimeZone, lastDayOfMonth, localDateTimeIn, parseLocalDate, parseLooseDate, startOfLocalDay,
} from './calendar.ts';
import type { LocalDate } from './calendar.ts';
import { AppError } from './errors.ts';
import { CHINESE_HOLIDAY_SCHEDULES, statutoryHolidays } from './holidays-cn.ts';

const d = (text: string): LocalDate => parseLocalDate(text);
const HOUR = 3_600_000;

function expectInvalid(run: () => unknown): void {
  expect(run).toThrow(AppError);
  try {
    run();
  } catch (error) {
    expect((error as AppError).code).toBe('INVALID_INPUT');
  }
}

// Dates from an independent oracle (the host's Date in UTC), 1900-2200.
const arbitraryDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => d(date.toISOString().slice(0, 10)));
const utcDay = (date: LocalDate): number => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

describe('LocalDate', () => {
  it.each(['2026-03-01', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31'])('accepts %s', (text) => {
    expect(parseLocalDate(text)).toBe(text);
  });
  it.each(['2026-02-29', '1900-02-29', '2100-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-1', '26-01-01', '0000-01-01', '2026-03-01T00:00', ''])(
    'rejects %j',
    (text) => {
      expectInvalid(() => parseLocalDate(text));
    },
  );

  it('agrees with an independent calendar on day counts and weekdays', () => {
    fc.assert(
      fc.property(arbitraryDate, arbitraryDate, (a, b) => {
        expect(daysBetween(a, b)).toBe(utcDay(b) - utcDay(a));
        expect(dayOfWeek(a) % 7).toBe(new Date(`${a}T00:00:00Z`).getUTCDay());
        expect(compareDates(a, b)).toBe(Math.sign(utcDay(a) - utcDay(b)));
      }),
    );
  });

  it('weekdays are ISO: Monday 1 ... Sunday 7', () => {
    expect(dayOfWeek(d('2026-03-02'))).toBe(1);
    expect(dayOfWeek(d('2026-03-01'))).toBe(7);
    expect(dayOfWeek(d('1970-01-01'))).toBe(4);
    expect(dayOfWeek(d('0001-01-01'))).toBe(1);
  });
});

describe('addDays / daysBetween', () => {
  it.each<[string, number, string]>([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-03-01', 365, '2027-03-01'],
    ['2024-03-01', -366, '2023-03-01'],
  ])('%s + %d days = %s', (from, n, to) => {
    expect(addDays(d(from), n)).toBe(to);
    expect(daysBetween(d(from), d(to))).toBe(n);
  });

  it('addDays(-n) undoes addDays(n), and daysBetween measures it', () => {
    fc.assert(
      fc.property(arbitraryDate, fc.integer({ min: -100_000, max: 100_000 }), (date, n) => {
        const moved = addDays(date, n);
        expect(addDays(moved, -n)).toBe(date);
        expect(daysBetween(date, moved)).toBe(n);
      }),
    );
  });

  it('refuses fractions and dates past the year 9999', () => {
    expectInvalid(() => addDays(d('2026-01-01'), 0.5));
    expectInvalid(() => addDays(d('9999-12-31'), 1));
    expectInvalid(() => addDays(d('0001-01-01'), -1));
  });
});

describe('addMonths', () => {
  it.each<[string, number, string]>([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-01-31', 2, '2026-03-31'], // from the original day, not via February
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-01-15', -1, '2025-12-15'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2026-05-10', 0, '2026-05-10'],
  ])('%s + %d months = %s', (from, n, to) => {
    expect(addMonths(d(from), n)).toBe(to);
  });

  it('keeps the day of month, clamped, and lands in exactly the target month', () => {
    fc.assert(
      fc.property(arbitraryDate, fc.integer({ min: -1200, max: 1200 }), (date, n) => {
        const from = dateParts(date);
        const to = dateParts(addMonths(date, n));
        expect(to.year * 12 + to.month - (from.year * 12 + from.month)).toBe(n);
        expect(to.day).toBe(Math.min(from.day, daysInMonth(to.year, to.month)));
      }),
    );
  });

  it('refuses to leave the years 0001-9999', () => {
    expectInvalid(() => addMonths(d('9999-12-01'), 1));
    expectInvalid(() => addMonths(d('2026-01-01'), 1.5));
  });
});

describe('lastDayOfMonth', () => {
  it.each([
    ['2026-02-10', '2026-02-28'],
    ['2024-02-01', '2024-02-29'],
    ['1900-02-15', '1900-02-28'],
    ['2000-02-15', '2000-02-29'],
    ['2026-04-30', '2026-04-30'],
    ['2026-12-01', '2026-12-31'],
  ])('%s -> %s', (date, last) => {
    expect(lastDayOfMonth(d(date))).toBe(last);
  });
});

describe('parseLooseDate', () => {
  it.each(['2026-03-01', '2026-3-1', '2026/3/1', '2026/03/01', '20260301', '2026年3月1日', '2026年03月01日', '2026 年 3 月 1 日', '2026年3月1号', '2026.3.1', ' 2026.03.01 ', '２０２６年３月１日',
    // with a time of day, as bank systems export timestamps: the date as written
    '2026/03/01 00:00:00', '2026-03-01 12:00', '2026-03-01 23:30:59.000', '2026-03-01T23:30', '20260301 9:05'])(
    'reads %j as 2026-03-01',
    (text) => {
      expect(parseLooseDate(text)).toBe('2026-03-01');
    },
  );

  it('reads a date with the year last only in the order it is told: month first (US) or day first (UK)', () => {
    expect(parseLooseDate('03/01/2026', 'MDY')).toBe('2026-03-01');
    expect(parseLooseDate('3-1-2026', 'MDY')).toBe('2026-03-01');
    expect(parseLooseDate('01/03/2026', 'DMY')).toBe('2026-03-01');
    expect(parseLooseDate('2026/3/1', 'DMY')).toBe('2026-03-01');
    expect(() => parseLooseDate('03/01/2026')).toThrow('is not in a known format');
    expect(() => parseLooseDate('13/01/2026', 'MDY')).toThrow('is not a real calendar date');
    expect(() => parseLooseDate('03/01/26', 'MDY')).toThrow('is not in a known format');
  });

  it.each(['2026-02-30', '2026/2/29', '20260230', '2026年2月30日', '2026.13.1'])('rejects the impossible date %j, naming it', (text) => {
    expect(() => parseLooseDate(text)).toThrow(`"${text}" is not a real calendar date`);
  });

  it.each(['2026/3-1', '2026-3', '260301', '202603011', '1/3/2026', 'March 1, 2026', '', '2026-03-01 12', '2026-03-01 12:00 PM', '12:00'])('rejects the unknown format %j', (text) => {
    expect(() => parseLooseDate(text)).toThrow(/not in a known format/);
  });

  it('says the same in Chinese, with the formats it accepts', () => {
    expect(() => parseLooseDate('2026/3-1')).toThrow(expect.objectContaining({ messageZh: expect.stringContaining('日期“2026/3-1”的格式无法识别') }));
  });
});

describe('time zones', () => {
  it('knows IANA zone names', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expectInvalid(() => localDateTimeIn(0, 'Mars/Olympus_Mons'));
  });

  it('reads the wall clock in a zone', () => {
    expect(localDateTimeIn(Date.UTC(2026, 2, 1, 16, 0, 0), 'Asia/Shanghai')).toEqual({ date: '2026-03-02', hour: 0, minute: 0, second: 0, weekday: 1 });
    expect(localDateTimeIn(Date.UTC(2026, 2, 1, 15, 59, 59, 999), 'Asia/Shanghai')).toEqual({ date: '2026-03-01', hour: 23, minute: 59, second: 59, weekday: 7 });
    // New York springs forward at 02:00 EST on 2026-03-08: 01:59:59 is followed by 03:00:00.
    expect(localDateTimeIn(Date.UTC(2026, 2, 8, 6, 59, 59), 'America/New_York')).toMatchObject({ hour: 1, minute: 59, second: 59 });
    expect(localDateTimeIn(Date.UTC(2026, 2, 8, 7, 0, 0), 'America/New_York')).toMatchObject({ date: '2026-03-08', hour: 3, minute: 0 });
    expectInvalid(() => localDateTimeIn(Number.NaN, 'Asia/Shanghai'));
  });

  it.each<[string, string, number]>([
    ['2026-03-01', 'Asia/Shanghai', Date.UTC(2026, 1, 28, 16)],
    ['2026-03-08', 'America/New_York', Date.UTC(2026, 2, 8, 5)], // still EST at midnight
    ['2026-03-09', 'America/New_York', Date.UTC(2026, 2, 9, 4)], // EDT from here
    ['2026-11-01', 'America/New_York', Date.UTC(2026, 10, 1, 4)], // EDT at midnight
    ['2026-11-02', 'America/New_York', Date.UTC(2026, 10, 2, 5)],
    ['2026-03-29', 'Europe/London', Date.UTC(2026, 2, 29, 0)],
    ['2025-09-07', 'America/Santiago', Date.UTC(2025, 8, 7, 4)], // midnight skipped: the day starts at 01:00
    ['2026-04-05', 'America/Santiago', Date.UTC(2026, 3, 5, 4)],
  ])('startOfLocalDay(%s, %s)', (date, zone, expected) => {
    expect(startOfLocalDay(d(date), zone)).toBe(expected);
  });

  it('gives a date the zone skipped (Samoa crossed the date line) the start of the next day', () => {
    expect(startOfLocalDay(d('2011-12-30'), 'Pacific/Apia')).toBe(startOfLocalDay(d('2011-12-31'), 'Pacific/Apia'));
  });

  it('makes DST days 23 and 25 hours long', () => {
    const length = (date: string): number => startOfLocalDay(addDays(d(date), 1), 'America/New_York') - startOfLocalDay(d(date), 'America/New_York');
    expect(length('2026-03-08')).toBe(23 * HOUR);
    expect(length('2026-11-01')).toBe(25 * HOUR);
    expect(length('2026-06-01')).toBe(24 * HOUR);
  });

  it('the start of a day is its first instant, in any zone', () => {
    const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'America/Santiago', 'Australia/Lord_Howe', 'Pacific/Apia', 'Asia/Kathmandu'];
    fc.assert(
      fc.property(arbitraryDate.filter((date) => date >= '1980-01-01' && date <= '2040-12-31'), fc.constantFrom(...zones), (date, zone) => {
        fc.pre(!(zone === 'Pacific/Apia' && date === '2011-12-30')); // the skipped day, tested above
        const start = startOfLocalDay(date, zone);
        expect(localDateTimeIn(start, zone).date).toBe(date);
        expect(localDateTimeIn(start - 1000, zone).date < date).toBe(true);
      }),
    );
  });
});

describe('Chinese working days', () => {
  it.each<[string, boolean, string]>([
    ['2026-01-02', false, 'New Year (Friday)'],
    ['2026-01-04', true, 'adjusted workday (Sunday)'],
    ['2026-02-14', true, 'adjusted workday before Spring Festival (Saturday)'],
    ['2026-02-16', false, 'Spring Festival (Monday)'],
    ['2026-02-23', false, 'last day of Spring Festival (Monday)'],
    ['2026-02-24', true, 'first day back (Tuesday)'],
    ['2026-02-28', true, 'adjusted workday after Spring Festival (Saturday)'],
    ['2026-04-06', false, 'Qingming (Monday)'],
    ['2026-05-05', false, 'Labour Day (Tuesday)'],
    ['2026-05-09', true, 'adjusted workday (Saturday)'],
    ['2026-06-19', false, 'Dragon Boat (Friday)'],
    ['2026-09-20', true, 'adjusted workday (Sunday)'],
    ['2026-09-25', false, 'Mid-Autumn (Friday)'],
    ['2026-10-07', false, 'National Day (Wednesday)'],
    ['2026-10-10', true, 'adjusted workday (Saturday)'],
    ['2026-03-10', true, 'ordinary Tuesday'],
    ['2026-03-14', false, 'ordinary Saturday'],
    ['2022-12-31', false, 'New Year 2023 begins in 2022'],
    ['2023-01-02', false, 'New Year 2023 (Monday)'],
    ['2020-01-19', true, 'adjusted workday 2020 (Sunday)'],
    ['2020-02-01', false, 'Saturday workday cancelled by the 2020 extension'],
    ['2020-01-31', false, '2020 extension (Friday)'],
    ['2024-02-18', true, 'adjusted workday 2024 (Sunday)'],
    ['2025-01-28', false, "New Year's Eve 2025, a statutory day since 2025"],
    ['2027-01-01', false, "no schedule shipped for 2027: New Year's Day is a statutory day off all the same"],
    ['2027-02-08', false, 'the Spring Festival 2027 (初二, a Monday): statutory'],
    ['2027-02-11', true, 'the day after 初三 2027: a workday until the notice says otherwise'],
    ['2027-10-04', true, 'National Day 2027 beyond its three statutory days (a Monday)'],
  ])('%s is a workday: %s (%s)', (date, expected) => {
    expect(isChineseWorkday(d(date))).toBe(expected);
  });

  it('ships 2020 through 2026 and says so', () => {
    expect(chineseHolidayYears()).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
  });

  it('reckons a year without its notice by the statutory days off, its lunar holidays by the Chinese calendar', () => {
    // 2026's notice for comparison: the statutory days lie inside each of its breaks.
    const shipped = CHINESE_HOLIDAY_SCHEDULES.find((s) => s.year === 2026)!;
    for (const h of statutoryHolidays(2026)) {
      expect(shipped.holidays.some((x) => x.first <= h.first && h.last <= x.last), h.name).toBe(true);
    }
    expect(statutoryHolidays(2027).map((h) => [h.name, h.first, h.last])).toEqual([
      ['元旦', '2027-01-01', '2027-01-01'], ['春节', '2027-02-06', '2027-02-09'], ['清明节', '2027-04-05', '2027-04-05'],
      ['劳动节', '2027-05-01', '2027-05-02'], ['端午节', '2027-06-09', '2027-06-09'], ['中秋节', '2027-09-15', '2027-09-15'], ['国庆节', '2027-10-01', '2027-10-03'],
    ]);
  });

  it('the shipped data is consistent', () => {
    for (const schedule of CHINESE_HOLIDAY_SCHEDULES) {
      for (const holiday of schedule.holidays) {
        expect(compareDates(d(holiday.first), d(holiday.last))).toBeLessThanOrEqual(0);
        expect(daysBetween(d(holiday.first), d(holiday.last))).toBeLessThan(10);
      }
      for (const workday of schedule.adjustedWorkdays) {
        expect(dayOfWeek(d(workday))).toBeGreaterThanOrEqual(6); // only weekends are swapped to work
        expect(schedule.holidays.some((h) => h.first <= workday && workday <= h.last)).toBe(false);
      }
    }
  });

  it.each<[string, number, string]>([
    ['2026-02-13', 1, '2026-02-14'], // Friday -> adjusted Saturday
    ['2026-02-13', 2, '2026-02-24'], // then over the Spring Festival
    ['2026-02-24', -1, '2026-02-14'],
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-10-09', 1, '2026-10-10'],
    ['2026-03-13', 1, '2026-03-16'], // ordinary weekend
    ['2026-02-16', 0, '2026-02-16'],
    ['2026-12-31', 1, '2027-01-04'], // past the shipped years: Monday-Friday and the statutory days off (1 January)
  ])('%s + %d business days = %s', (from, n, to) => {
    expect(addChineseBusinessDays(d(from), n)).toBe(to);
  });

  const shippedDate = arbitraryDate.filter((date) => date >= '2020-01-01' && date <= '2026-12-31');

  it('business days land on workdays and skip every holiday in between', () => {
    fc.assert(
      fc.property(shippedDate, fc.integer({ min: -40, max: 40 }).filter((n) => n !== 0), (date, n) => {
        const result = addChineseBusinessDays(date, n);
        expect(isChineseWorkday(result)).toBe(true);
        let workdays = 0;
        const step = n > 0 ? 1 : -1;
        for (let day = addDays(date, step); day !== addDays(result, step); day = addDays(day, step)) {
          if (isChineseWorkday(day)) workdays += 1;
        }
        expect(workdays).toBe(Math.abs(n));
      }),
    );
  });

  it('going back the same number of business days returns to a workday', () => {
    fc.assert(
      fc.property(shippedDate.filter(isChineseWorkday), fc.integer({ min: 1, max: 40 }), (date, n) => {
        expect(addChineseBusinessDays(addChineseBusinessDays(date, n), -n)).toBe(date);
      }),
    );
  });
});
