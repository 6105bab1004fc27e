import { currentLocale } from '../i18n/index.ts';
import { formatFen, type Currency } from '../lib/money.ts';
import { formatDateTimeIn, formatTimeIn } from '../lib/time.ts';

/** Whole numbers grouped per language; money from integer fen (see lib/money.ts). */
export function formatCount(n: number): string {
  return new Intl.NumberFormat(currentLocale()).format(n);
}

/** `currency`: what a screen's figures are in (a report's, a dashboard's); the agency's when not said. */
export function formatMoney(fen: number, currency?: Currency): string {
  return formatFen(fen, currentLocale(), currency);
}

/** Whole percent of part in whole, by integer arithmetic; null when there is no whole. */
export function percent(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.floor((part * 100) / whole);
}

/** A time of day, or a date and time, in the current language and the agency's zone. */
export function formatTime(iso: string): string {
  return formatTimeIn(iso, currentLocale());
}

export function formatDateTime(iso: string): string {
  return formatDateTimeIn(iso, currentLocale());
}
