/**
 * Business dates and time zones.
 *
 * The model (after Actual Budget's months.ts): a business date is a `LocalDate`, the string
 * 'YYYY-MM-DD' of a real proleptic-Gregorian day in years 0001-9999. It has no zone and no
 * time; string order is date order. Arithmetic goes through a day number (days since
 * 1970-01-01) computed with integer formulas, never through `Date`, so the host's zone can
 * never shift a date. Instants are epoch milliseconds; `localDateTimeIn` and
 * `startOfLocalDay` are the only bridges between the two, and they take the zone explicitly.
 *
 * End of month, written down once: `addMonths` keeps the day of month and clamps it to the
 * last day of the target month (2026-01-31 + 1 month = 2026-02-28; 2024-01-31 + 1 month =
 * 2024-02-29). Always add months to the original date (`addMonths(start, n)`), not step by
 * step, or a 31st drifts to the 28th for good after February.
 */
import { civilFromDays, daysFromCivil, daysInMonth } from './compliance/time/civil.ts';
import { invalidInput, type Bilingual } from './errors.ts';
import { CHINESE_HOLIDAY_SCHEDULES, statutoryHolidays } from './holidays-cn.ts';

declare const localDateBrand: unique symbol;
export type LocalDate = string & { readonly [localDateBrand]: true };

/** ISO 8601 weekday: 1 = Monday ... 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const MS_PER_DAY = 86_400_000;

// Day number <-> civil date: Howard Hinnant's days_from_civil / civil_from_days, written once
// in the compliance engine's calendar arithmetic (compliance/time/civil.ts).
const dayNumberOf = daysFromCivil;
const civilOf = civilFromDays;

const MIN_DAY = dayNumberOf(1, 1, 1);
const MAX_DAY = dayNumberOf(9999, 12, 31);

export { daysInMonth };

function format(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as LocalDate;
}

const OUT_OF_YEARS: Bilingual = { en: 'Date is outside the years 0001-9999', zh: '日期超出了 0001-9999 年的范围' };

function fromDayNumber(dayNumber: number): LocalDate {
  if (dayNumber < MIN_DAY || dayNumber > MAX_DAY) throw invalidInput(OUT_OF_YEARS, 'date');
  const { year, month, day } = civilOf(dayNumber);
  return format(year, month, day);
}

/** Builds a date from numbers, or fails naming `source` (the text it came from) when it is no real day. */
export function localDate(year: number, month: number, day: number, source = `${year}-${month}-${day}`): LocalDate {
  const valid = [year, month, day].every(Number.isInteger) && year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
  if (!valid) throw invalidInput({ en: `Date "${source}" is not a real calendar date`, zh: `日期“${source}”不是真实存在的日期` }, 'date');
  return format(year, month, day);
}

export function dateParts(date: LocalDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

const dayNumber = (date: LocalDate): number => {
  const { year, month, day } = dateParts(date);
  return dayNumberOf(year, month, day);
};

export function isLocalDate(text: string): text is LocalDate {
  return isoDayNumber(text) !== null;
}

/**
 * The day number of exactly 'YYYY-MM-DD' when it is a real date, else null; read digit by digit
 * (an import reads two dates a row, millions of rows).
 */
export function isoDayNumber(text: string): number | null {
  if (text.length !== 10 || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d) return null;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return dayNumberOf(year, month, day);
}

/** The number written by `count` ASCII digits from `at`, or -1 when one is not a digit. */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** An optional date parameter: null when absent or empty, else exactly 'YYYY-MM-DD' (refused naming `field`). */
export function optionalLocalDate(text: string | null | undefined, field: string): LocalDate | null {
  if (text === null || text === undefined || text === '') return null;
  if (!isLocalDate(text)) throw invalidInput({ en: `${field} must be a date YYYY-MM-DD, not "${text}"`, zh: `${field} 须为日期 YYYY-MM-DD，而不是“${text}”` }, field);
  return text;
}

/** Strict: exactly 'YYYY-MM-DD'. Use `parseLooseDate` for bank files. */
export function parseLocalDate(text: string): LocalDate {
  if (!isLocalDate(text)) {
    throw invalidInput({ en: `Date "${text}" is not a real calendar date written YYYY-MM-DD`, zh: `日期“${text}”不是按 YYYY-MM-DD 格式写的真实日期` }, 'date');
  }
  return text;
}

const COUNT_ZH = { days: '天数', months: '月数' } as const;

function requireWhole(n: number, what: keyof typeof COUNT_ZH): void {
  if (!Number.isSafeInteger(n)) throw invalidInput({ en: `${what} must be a whole number, got ${String(n)}`, zh: `${COUNT_ZH[what]}必须是整数，实际为 ${String(n)}` }, what);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  requireWhole(days, 'days');
  return fromDayNumber(dayNumber(date) + days);
}

/** Same day of month n months later (or earlier), clamped to the month's last day. See the header. */
export function addMonths(date: LocalDate, months: number): LocalDate {
  requireWhole(months, 'months');
  const { year, month, day } = dateParts(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  if (targetYear < 1 || targetYear > 9999) throw invalidInput(OUT_OF_YEARS, 'date');
  return format(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** Days from `a` to `b`: positive when `b` is later. daysBetween('2026-03-01', '2026-03-02') = 1. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return dayNumber(b) - dayNumber(a);
}

export function compareDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function dayOfWeek(date: LocalDate): Weekday {
  // Day 0 (1970-01-01) was a Thursday.
  return ((((dayNumber(date) + 3) % 7) + 7) % 7 + 1) as Weekday;
}

const ENGLISH_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A date in English words: "April 8, 2026" as Americans write it (`US`), "8 April 2026" as the British do (`UK`). */
export function englishLongDate(date: LocalDate, style: 'US' | 'UK'): string {
  const { year, month, day } = dateParts(date);
  const name = ENGLISH_MONTHS[month - 1]!;
  return style === 'US' ? `${name} ${day}, ${year}` : `${day} ${name} ${year}`;
}

/** A date as a Spanish reader writes it: "8 de abril de 2026". */
export function spanishLongDate(date: LocalDate): string {
  const { year, month, day } = dateParts(date);
  return `${day} de ${SPANISH_MONTHS[month - 1]!} de ${year}`;
}

const SPANISH_MONTHS = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];

export function lastDayOfMonth(date: LocalDate): LocalDate {
  const { year, month } = dateParts(date);
  return format(year, month, daysInMonth(year, month));
}

// ---------------------------------------------------------------------------------------
// Loose dates from bank files.

const FULL_WIDTH_DIGITS = /[\uFF10-\uFF19]/g;
const LOOSE_FORMATS: readonly RegExp[] = [
  /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/, // 2026-03-01, 2026/3/1, 2026.3.1 (one separator throughout)
  /^(\d{4})()(\d{2})(\d{2})$/, // 20260301
  /^(\d{4})\s*年()\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/, // 2026年3月1日
];

/** A time of day after a date: " 12:30", " 00:00:00", " 9:05:00.000". */
const TIME_OF_DAY = /(?<=\d)(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?$/;

/** A date with the year last (03/01/2026): month first in US files, day first in UK ones. */
const YEAR_LAST = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/;

/**
 * The order of day and month in a date written with the year last, as the file's country writes
 * it: MDY in the US (03/01/2026 is 1 March), DMY in the UK (01/03/2026 is 1 March). Chinese files
 * put the year first, so none is read there.
 */
export type YearLastOrder = 'MDY' | 'DMY';

/**
 * Accepts the date shapes bank files use (above, full-width digits too) and returns a LocalDate;
 * with `yearLast`, also the country's own shape with the year last.
 */
export function parseLooseDate(text: string, yearLast?: YearLastOrder): LocalDate {
  if (isLocalDate(text)) return text;
  // A date with its time of day, as bank systems export timestamps (2026/03/01 00:00:00, 2026-03-01 12:30): the date.
  const normalized = text.replace(FULL_WIDTH_DIGITS, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30)).trim()
    .replace(TIME_OF_DAY, '');
  for (const pattern of LOOSE_FORMATS) {
    const m = pattern.exec(normalized);
    if (m) return localDate(Number(m[1]), Number(m[3]), Number(m[4]), text);
  }
  const m = yearLast ? YEAR_LAST.exec(normalized) : null;
  if (m) {
    const [first, second] = [Number(m[1]), Number(m[3])];
    return yearLast === 'MDY' ? localDate(Number(m[4]), first, second, text) : localDate(Number(m[4]), second, first, text);
  }
  throw invalidInput({
    en: `Date "${text}" is not in a known format; use 2026-03-01, 2026/3/1, 20260301 or 2026年3月1日`,
    zh: `日期“${text}”的格式无法识别，请写成 2026-03-01、2026/3/1、20260301 或 2026年3月1日`,
  }, 'date');
}

// ---------------------------------------------------------------------------------------
// Time zones. Intl is the only source of zone rules (the IANA database bundled with ICU).

export interface LocalDateTime {
  date: LocalDate;
  hour: number;
  minute: number;
  second: number;
  weekday: Weekday;
}

// Building a DateTimeFormat is costly; a handful of zones are used over and over.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
      });
    } catch {
      throw invalidInput({ en: `Time zone "${zone}" is not an IANA time zone name like Asia/Shanghai`, zh: `时区“${zone}”不是 IANA 时区名称，请写成 Asia/Shanghai 这样的格式` }, 'timeZone');
    }
    formatters.set(zone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

export function localDateTimeIn(instantMs: number, zone: string): LocalDateTime {
  if (!Number.isFinite(instantMs)) throw invalidInput({ en: `Instant ${String(instantMs)} is not a time`, zh: `时间点 ${String(instantMs)} 不是有效的时间` }, 'instant');
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(instantMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const date = localDate(parts.year ?? NaN, parts.month ?? NaN, parts.day ?? NaN);
  return { date, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0, weekday: dayOfWeek(date) };
}

/** Zone offset in ms at an instant: local wall-clock time read as if it were UTC, minus the instant. */
function offsetAt(instantMs: number, zone: string): number {
  const wall = localDateTimeIn(instantMs, zone);
  const wallAsUtc = dayNumber(wall.date) * MS_PER_DAY + ((wall.hour * 60 + wall.minute) * 60 + wall.second) * 1000;
  return wallAsUtc - (instantMs - (((instantMs % 1000) + 1000) % 1000));
}

/**
 * The first instant of `date` in `zone`. Usually local midnight; on a day whose midnight is
 * repeated (clocks back at 00:00) the earlier one; on a day whose midnight is skipped
 * (America/Santiago moves 00:00 to 01:00 in September) the moment the clocks jump. A date
 * a zone skipped entirely (Pacific/Apia, 2011-12-30) starts where the next day starts.
 */
export function startOfLocalDay(date: LocalDate, zone: string): number {
  const midnightAsUtc = dayNumber(date) * MS_PER_DAY;
  const offsets = new Set([-MS_PER_DAY, 0, MS_PER_DAY].map((shift) => offsetAt(midnightAsUtc + shift, zone)));
  const midnights = [...offsets]
    .map((offset) => midnightAsUtc - offset)
    .filter((t) => {
      const wall = localDateTimeIn(t, zone);
      return wall.date === date && wall.hour === 0 && wall.minute === 0 && wall.second === 0;
    });
  if (midnights.length > 0) return Math.min(...midnights);
  // Midnight does not exist: search (to the second) for the first instant whose local date is `date`.
  // UTC offsets lie within -12h..+14h, so these bounds bracket that instant.
  let before = midnightAsUtc - 15 * 3_600_000;
  let onOrAfter = midnightAsUtc + 13 * 3_600_000;
  while (onOrAfter - before > 1000) {
    const mid = before + Math.floor((onOrAfter - before) / 2000) * 1000;
    if (localDateTimeIn(mid, zone).date >= date) onOrAfter = mid;
    else before = mid;
  }
  return onOrAfter;
}

// ---------------------------------------------------------------------------------------
// Chinese working days (holiday data and sources: holidays-cn.ts).

const holidayDates = new Set<string>();
const adjustedWorkdays = new Set<string>();
for (const schedule of CHINESE_HOLIDAY_SCHEDULES) {
  for (const holiday of schedule.holidays) {
    const last = parseLocalDate(holiday.last);
    for (let d = parseLocalDate(holiday.first); d <= last; d = addDays(d, 1)) holidayDates.add(d);
  }
  for (const workday of schedule.adjustedWorkdays) adjustedWorkdays.add(parseLocalDate(workday));
}

/**
 * Years whose State Council schedule is shipped. After the last of them, a year's statutory days
 * off are holidays (statutoryHolidays: its notice's bridging days and adjusted workdays cannot be
 * known before it appears); before the first, workdays are simply Monday-Friday.
 */
export function chineseHolidayYears(): readonly number[] {
  return CHINESE_HOLIDAY_SCHEDULES.map((schedule) => schedule.year);
}

const LAST_SCHEDULED_YEAR = Math.max(...CHINESE_HOLIDAY_SCHEDULES.map((schedule) => schedule.year));
const statutoryByYear = new Map<number, ReadonlySet<string>>();

/** A year after the last shipped schedule: its statutory days off (statutoryHolidays), until its notice is added. */
function statutoryDaysOff(year: number): ReadonlySet<string> {
  let days = statutoryByYear.get(year);
  if (days === undefined) {
    const set = new Set<string>();
    for (const holiday of statutoryHolidays(year)) {
      const last = parseLocalDate(holiday.last);
      for (let d = parseLocalDate(holiday.first); d <= last; d = addDays(d, 1)) set.add(d);
    }
    statutoryByYear.set(year, days = set);
  }
  return days;
}

export function isChineseWorkday(date: LocalDate): boolean {
  if (holidayDates.has(date)) return false;
  if (adjustedWorkdays.has(date)) return true;
  const year = Number(date.slice(0, 4));
  if (year > LAST_SCHEDULED_YEAR && statutoryDaysOff(year).has(date)) return false;
  return dayOfWeek(date) <= 5;
}

/**
 * The date n Chinese working days after (n < 0: before) `date`, counting from the next day:
 * from Friday 2026-02-13, 1 business day is Saturday 2026-02-14 (an adjusted workday).
 * n = 0 returns `date` itself, whether or not it is a workday.
 */
export function addChineseBusinessDays(date: LocalDate, n: number): LocalDate {
  return addWorkingDays(date, n, isChineseWorkday);
}

/** The date n working days (as `isWorkday` says) after (n < 0: before) `date`, counting from the next day; n = 0 is `date`. */
export function addWorkingDays(date: LocalDate, n: number, isWorkday: (date: LocalDate) => boolean): LocalDate {
  requireWhole(n, 'days');
  const step = n < 0 ? -1 : 1;
  let current = date;
  for (let remaining = Math.abs(n); remaining > 0; ) {
    current = addDays(current, step);
    if (isWorkday(current)) remaining -= 1;
  }
  return current;
}
