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

function daysInMonth(year: number, month: number): number {
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

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * An ISO 8601 instant that carries its offset ('2026-03-02T21:30:00+08:00' or '...Z'), to
 * milliseconds; null when malformed. A local time without offset is refused: it would be a guess.
 */
export function parseInstant(text: string): Instant | null {
  const m = INSTANT.exec(text);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (!isValidDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  const offset = parseOffset(m[8] ?? 'Z');
  if (offset === null) return null;
  const local = daysFromCivil(year, month, day) * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS + second * 1000 + millis;
  return local - offset;
}

function parseOffset(text: string): number | null {
  if (text === 'Z') return 0;
  const sign = text[0] === '-' ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4));
  if (hours > 23 || minutes > 59) return null;
  return sign * (hours * HOUR_MS + minutes * MINUTE_MS);
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

function pad3(n: number): string {
  return n < 10 ? '00' + n : n < 100 ? '0' + n : String(n);
}

export function formatLocalDate(day: EpochDay): string {
  const c = civilFromDays(day);
  return c.year + '-' + pad2(c.month) + '-' + pad2(c.day);
}

/** 'HH:MM' of a local wall-clock value (ms since the local epoch) or of minutes after midnight. */
export function formatClock(localMs: number): string {
  const ofDay = localMs - Math.floor(localMs / DAY_MS) * DAY_MS;
  const minutes = Math.floor(ofDay / MINUTE_MS);
  return pad2(Math.floor(minutes / 60)) + ':' + pad2(minutes % 60);
}

export function formatMinutes(minutes: number): string {
  return pad2(Math.floor(minutes / 60)) + ':' + pad2(minutes % 60);
}

const TWO_DIGITS: readonly string[] = Array.from({ length: 60 }, (_, i) => pad2(i));

/** Date texts of recent days, direct-mapped by day: formatting is on the engine's hot path. */
const DATE_SLOTS = 1024;
const dateSlotDay = new Float64Array(DATE_SLOTS).fill(Number.NaN);
const dateSlotText: string[] = new Array<string>(DATE_SLOTS).fill('');

function cachedDate(day: EpochDay): string {
  const slot = day & (DATE_SLOTS - 1);
  if (dateSlotDay[slot] === day) return dateSlotText[slot] ?? formatLocalDate(day);
  const text = formatLocalDate(day);
  dateSlotDay[slot] = day;
  dateSlotText[slot] = text;
  return text;
}

/** '2026-03-03T08:00:00' (and milliseconds when there are any) for a local wall-clock value. */
export function formatLocalDateTime(localMs: number): string {
  const day = Math.floor(localMs / DAY_MS);
  const ofDay = localMs - day * DAY_MS;
  const seconds = Math.floor(ofDay / 1000);
  const millis = ofDay - seconds * 1000;
  const time =
    TWO_DIGITS[Math.floor(seconds / 3600)] + ':' + TWO_DIGITS[Math.floor(seconds / 60) % 60] + ':' + TWO_DIGITS[seconds % 60] +
    (millis === 0 ? '' : '.' + pad3(millis));
  return cachedDate(day) + 'T' + time;
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
