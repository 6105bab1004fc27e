/**
 * Instants on the screens are shown in the agency's zone (LEEWAY_ZONE, sent with the signed-in
 * user), not the browser's: a call logged at 10:00 in Shanghai reads 10:00 to a team lead
 * working from another zone, and matches the business dates and reports the server keeps.
 */
let zone = 'Asia/Shanghai';

export function setDisplayZone(agencyZone: string): void {
  zone = agencyZone;
}

export function displayZone(): string {
  return zone;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(instant: Date, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  let f = partsFormatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    partsFormatters.set(timeZone, f);
  }
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(instant)) out[p.type] = p.value;
  return out as Record<'year' | 'month' | 'day' | 'hour' | 'minute', string>;
}

/** "2026-03-02 10:00": an instant as the agency's wall clock showed it (sorts as text). */
export function formatInstant(iso: string): string {
  const p = partsIn(new Date(iso), zone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/**
 * A date and time in the agency's zone: in Chinese in its own short style (2026/3/2 10:00); in
 * English as the dates elsewhere on the screens read (2026-03-02 10:00), never 3/2/26, which a
 * reader outside the US takes for 3 February.
 */
export function formatDateTimeIn(iso: string, locale: string): string {
  if (!locale.startsWith('zh')) return formatInstant(iso);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short', timeZone: zone }).format(new Date(iso));
}

/** A time of day in the agency's zone, on the 24-hour clock the screens use. */
export function formatTimeIn(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone }).format(new Date(iso));
}

/** The value of a datetime-local input for an instant: the agency's wall clock, "2026-03-02T10:00". */
export function zonedInputValue(iso: string): string {
  return formatInstant(iso).replace(' ', 'T');
}

/**
 * The instant a datetime-local value ("2026-03-02T10:00") names on the agency's wall clock.
 * The zone's offset is read at a first guess and again at the result, so a value just after a
 * daylight-saving change lands right; a wall time the spring change skipped moves on by the gap.
 */
export function instantFromZoned(local: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (m === null) throw new Error(`not a local date and time: ${local}`);
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  const offsetAt = (instant: number): number => {
    const p = partsIn(new Date(instant), zone);
    return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) - instant;
  };
  const first = wall - offsetAt(wall);
  const second = wall - offsetAt(first);
  const shows = (instant: number) => zonedInputValue(new Date(instant).toISOString()) === local;
  const instant = shows(second) ? second : shows(first) ? first : Math.max(first, second);
  return new Date(instant).toISOString();
}
