/**
 * Calendar arithmetic without a zone: epoch days, 'YYYY-MM-DD' business dates and ISO 8601
 * instants. An instant is a number of milliseconds since 1970-01-01T00:00Z; a local date is
 * an "epoch day" (days since 1970-01-01), so comparing dates is comparing integers.
 */
export type Instant = number;
export type EpochDay = number;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Instants and dates outside these years are refused as malformed input. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2199;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): EpochDay {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function civilFromDays(days: EpochDay): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isValidDate(year: number, month: number, day: number): boolean {
  return year >= FIRST_YEAR && year <= LAST_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' to an epoch day, or null when it is not a real date. */
export function parseLocalDate(text: string): EpochDay | null {
  const m = LOCAL_DATE.exec(text);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return isValidDate(year, month, day) ? daysFromCivil(year, month, day) : null;
}

/** The number written by `count` ASCII digits at `at`, or -1 if any is not a digit. */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    value = value * 10 + c;
  }
  return value;
}

/**
 * An ISO 8601 instant that carries its offset ('2026-03-02T21:30:00+08:00', '...Z', seconds
 * and fractions optional, offset as ±HH:MM or ±HHMM), to milliseconds; null when malformed.
 * A local time without offset is refused: it would be a guess. Read character by character:
 * a repository or a --jsonl stream parses millions of these.
 */
export function parseInstant(text: string): Instant | null {
  if (text.length < 17 || text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':') return null;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  let i = 16;
  let second = 0;
  let millis = 0;
  if (text[i] === ':') {
    second = digitsAt(text, i + 1, 2);
    i += 3;
    if (text[i] === '.' || text[i] === ',') {
      let scale = 100;
      let count = 0;
      for (i++; i < text.length && count < 9; i++, count++) {
        const c = text.charCodeAt(i) - 48;
        if (!(c >= 0 && c <= 9)) break;
        millis += c * scale;
        scale /= 10;
      }
      if (count === 0) return null;
      millis = Math.floor(millis);
    }
  }
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return null;
  if (!isValidDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  const offset = parseOffset(text, i);
  if (offset === null) return null;
  const local = daysFromCivil(year, month, day) * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS + second * 1000 + millis;
  return local - offset;
}

/** 'Z', '±HH:MM' or '±HHMM' from `at` to the end of the text, in ms; null otherwise. */
function parseOffset(text: string, at: number): number | null {
  const rest = text.length - at;
  if (rest === 1 && text[at] === 'Z') return 0;
  const sign = text[at] === '+' ? 1 : text[at] === '-' ? -1 : 0;
  if (sign === 0 || (rest !== 6 && rest !== 5) || (rest === 6 && text[at + 3] !== ':')) return null;
  const hours = digitsAt(text, at + 1, 2);
  const minutes = digitsAt(text, at + (rest === 6 ? 4 : 3), 2);
  if (hours < 0 || minutes < 0 || hours > 23 || minutes > 59) return null;
  return sign * (hours * HOUR_MS + minutes * MINUTE_MS);
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

function pad3(n: number): string {
  return n < 10 ? '00' + n : n < 100 ? '0' + n : String(n);
}

/** Date texts of recent days, direct-mapped by day. */
const DATE_SLOTS = 1024;
const dateSlotDay = new Float64Array(DATE_SLOTS).fill(Number.NaN);
const dateSlotText: string[] = new Array<string>(DATE_SLOTS).fill('');

/** 'YYYY-MM-DD' of an epoch day (recent days come from a small cache: this is on the hot path). */
export function formatLocalDate(day: EpochDay): string {
  const slot = day & (DATE_SLOTS - 1);
  if (dateSlotDay[slot] === day) return dateSlotText[slot] ?? civilDateText(day);
  const text = civilDateText(day);
  dateSlotDay[slot] = day;
  dateSlotText[slot] = text;
  return text;
}

function civilDateText(day: EpochDay): string {
  const c = civilFromDays(day);
  return c.year + '-' + pad2(c.month) + '-' + pad2(c.day);
}

/** 'HH:MM' for every minute of the day, 00:00 to 24:00. */
const CLOCK_TEXT: readonly string[] = Array.from({ length: 1441 }, (_, m) => pad2(Math.floor(m / 60)) + ':' + pad2(m % 60));

/** 'HH:MM' of a local wall-clock value (ms since the local epoch). */
export function formatClock(localMs: number): string {
  const ofDay = localMs - Math.floor(localMs / DAY_MS) * DAY_MS;
  return CLOCK_TEXT[Math.floor(ofDay / MINUTE_MS)] ?? '';
}

/** 'HH:MM' of minutes after midnight (0 to 1440). */
export function formatMinutes(minutes: number): string {
  return CLOCK_TEXT[minutes] ?? pad2(Math.floor(minutes / 60)) + ':' + pad2(minutes % 60);
}

const TWO_DIGITS: readonly string[] = Array.from({ length: 60 }, (_, i) => pad2(i));

/** '2026-03-03T08:00:00' (and milliseconds when there are any) for a local wall-clock value. */
export function formatLocalDateTime(localMs: number): string {
  const day = Math.floor(localMs / DAY_MS);
  const ofDay = localMs - day * DAY_MS;
  const seconds = Math.floor(ofDay / 1000);
  const millis = ofDay - seconds * 1000;
  const time =
    TWO_DIGITS[Math.floor(seconds / 3600)] + ':' + TWO_DIGITS[Math.floor(seconds / 60) % 60] + ':' + TWO_DIGITS[seconds % 60] +
    (millis === 0 ? '' : '.' + pad3(millis));
  return formatLocalDate(day) + 'T' + time;
}

/** '+08:00', '-04:00', '+00:00' (seconds only for historical offsets that have them). */
export function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const totalSeconds = Math.abs(offsetMs) / 1000;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor(totalSeconds / 60) % 60;
  const seconds = Math.round(totalSeconds % 60);
  return sign + pad2(hours) + ':' + pad2(minutes) + (seconds === 0 ? '' : ':' + pad2(seconds));
}

/** 'HH:MM' (00:00 to 24:00) to minutes after midnight, or null. */
export function parseClock(text: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (m === null) return null;
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return null;
  return hours * 60 + minutes;
}
