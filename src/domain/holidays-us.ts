/**
 * United States legal public holidays (5 U.S.C. 6103(a)), computed for any year: Regulation F
 * counts the days before a consumer is taken to have received a validation notice "excluding
 * legal public holidays, Saturdays and Sundays" (12 CFR 1006.34(b)(5)). A holiday that falls on
 * a weekend is also observed on the Friday before or the Monday after (6103(b)); both days are
 * left out, so a period is never counted shorter than a federal office would count it.
 */
import { addDays, addWorkingDays, dayOfWeek, localDate, type LocalDate } from './calendar.ts';

/** The date of the nth (1-based; -1 = last) given weekday (1 = Monday) of a month. */
function nthWeekday(year: number, month: number, weekday: number, n: number): LocalDate {
  if (n > 0) {
    const first = localDate(year, month, 1);
    return addDays(first, ((weekday - dayOfWeek(first) + 7) % 7) + (n - 1) * 7);
  }
  const nextMonth = month === 12 ? localDate(year + 1, 1, 1) : localDate(year, month + 1, 1);
  const last = addDays(nextMonth, -1);
  return addDays(last, -((dayOfWeek(last) - weekday + 7) % 7));
}

/** The year's legal public holidays, with the weekday each weekend one is observed on; sorted. */
export function usLegalPublicHolidays(year: number): LocalDate[] {
  const fixed = [localDate(year, 1, 1), localDate(year, 6, 19), localDate(year, 7, 4), localDate(year, 11, 11), localDate(year, 12, 25)];
  const days = new Set<LocalDate>([
    ...fixed,
    nthWeekday(year, 1, 1, 3),    // Birthday of Martin Luther King, Jr.: third Monday in January
    nthWeekday(year, 2, 1, 3),    // Washington's Birthday: third Monday in February
    nthWeekday(year, 5, 1, -1),   // Memorial Day: last Monday in May
    nthWeekday(year, 9, 1, 1),    // Labor Day: first Monday in September
    nthWeekday(year, 10, 1, 2),   // Columbus Day: second Monday in October
    nthWeekday(year, 11, 4, 4),   // Thanksgiving Day: fourth Thursday in November
  ]);
  for (const day of fixed) {
    const weekday = dayOfWeek(day);
    if (weekday === 6) days.add(addDays(day, -1));
    if (weekday === 7) days.add(addDays(day, 1));
  }
  return [...days].sort();
}

const cache = new Map<number, ReadonlySet<string>>();

function holidaysOf(year: number): ReadonlySet<string> {
  let set = cache.get(year);
  if (!set) {
    // New Year's Day of the next year on a Saturday is observed on this year's December 31.
    set = new Set([...usLegalPublicHolidays(year), ...usLegalPublicHolidays(year + 1)]);
    cache.set(year, set);
  }
  return set;
}

/** Monday to Friday and not a legal public holiday (nor the day one is observed on). */
export function isUsBusinessDay(date: LocalDate): boolean {
  return dayOfWeek(date) <= 5 && !holidaysOf(Number(date.slice(0, 4))).has(date);
}

/** The date n (n >= 0) US business days after `date`, counting from the next day; n = 0 is `date`. */
export function addUsBusinessDays(date: LocalDate, n: number): LocalDate {
  return addWorkingDays(date, n, isUsBusinessDay);
}
