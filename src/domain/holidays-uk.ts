/**
 * Bank holidays in England and Wales (Banking and Financial Dealings Act 1971, and the dates
 * the government moved or added by proclamation), computed for any year: what a UK firm counts
 * as its business days. Scotland and Northern Ireland have a few more; counting England and
 * Wales's keeps a deadline the shorter of the two.
 */
import { addDays, addWorkingDays, dayOfWeek, localDate, type LocalDate } from './calendar.ts';

/** Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm). */
export function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return localDate(year, Math.floor(n / 31), (n % 31) + 1);
}

/** The first (n = 1) or last (n = -1) Monday of a month. */
function monday(year: number, month: number, n: 1 | -1): LocalDate {
  if (n === 1) {
    const first = localDate(year, month, 1);
    return addDays(first, (8 - dayOfWeek(first)) % 7);
  }
  const last = addDays(month === 12 ? localDate(year + 1, 1, 1) : localDate(year, month + 1, 1), -1);
  return addDays(last, -((dayOfWeek(last) + 6) % 7));
}

/** Bank holidays moved from their usual Monday (usual date -> the day kept instead) or added for one year. */
const MOVED: Readonly<Record<string, LocalDate>> = {
  '2020-05-04': '2020-05-08' as LocalDate,   // early May, moved to VE Day's 75th anniversary
  '2022-05-30': '2022-06-02' as LocalDate,   // spring, moved for the Platinum Jubilee
};
const ADDED: readonly LocalDate[] = [
  '2022-06-03', // Platinum Jubilee
  '2022-09-19', // the State Funeral of Queen Elizabeth II
  '2023-05-08', // the Coronation of King Charles III
] as LocalDate[];

/** The year's bank holidays in England and Wales, with the weekday a weekend one is substituted on; sorted. */
export function ukBankHolidays(year: number): LocalDate[] {
  const easter = easterSunday(year);
  const days = new Set<LocalDate>([addDays(easter, -2), addDays(easter, 1), monday(year, 5, 1), monday(year, 5, -1), monday(year, 8, -1)]
    .map((d) => MOVED[d] ?? d));
  // New Year's Day, Christmas Day and Boxing Day: one on a weekend is kept on the next weekday that is not already one.
  for (const fixed of [localDate(year, 1, 1), localDate(year, 12, 25), localDate(year, 12, 26)]) {
    let day = fixed;
    while (dayOfWeek(day) >= 6 || days.has(day)) day = addDays(day, 1);
    days.add(day);
  }
  for (const day of ADDED) if (day.startsWith(`${year}-`)) days.add(day);
  return [...days].sort();
}

const cache = new Map<number, ReadonlySet<string>>();

/** Monday to Friday and not a bank holiday in England and Wales. */
export function isUkBusinessDay(date: LocalDate): boolean {
  const year = Number(date.slice(0, 4));
  let set = cache.get(year);
  if (!set) cache.set(year, set = new Set(ukBankHolidays(year)));
  return dayOfWeek(date) <= 5 && !set.has(date);
}

/** The date n (n >= 0) UK business days after `date`, counting from the next day; n = 0 is `date`. */
export function addUkBusinessDays(date: LocalDate, n: number): LocalDate {
  return addWorkingDays(date, n, isUkBusinessDay);
}
