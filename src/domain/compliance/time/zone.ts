import { DAY_MS, HOUR_MS, civilFromDays, daysFromCivil, formatLocalDateTime, formatOffset } from './civil.ts';
import type { EpochDay, Instant } from './civil.ts';

/** Local time never differs from UTC by more than this (tzdb extremes are -12h and +14h). */
const OFFSET_MARGIN_MS = 26 * HOUR_MS;
/** How finely the zone is sampled with Intl to find its transitions. */
const SAMPLE_STEP_MS = DAY_MS;

/**
 * One IANA zone's UTC offsets as a table of constant-offset segments, found once by scanning
 * with Intl and extended a few years at a time as instants outside the table come in. Every
 * query after that is arithmetic: the segment of the last lookup is kept, so a run of
 * instants between two DST transitions never searches the table, let alone calls Intl.
 *
 * Local wall-clock values are "local ms": instant + offset, read as if it were UTC.
 */
export class ZoneClock {
  readonly name: string;
  private readonly formatter: Intl.DateTimeFormat;
  /** Segment i starts at starts[i] with offsets[i]; the last one runs to coveredTo. */
  private readonly starts: number[] = [];
  private readonly offsets: number[] = [];
  private coveredFrom = 0;
  private coveredTo = 0;
  private segStart = 0;
  private segEnd = 0;
  private segOffset = 0;
  /** From here on, local time in the segment is later than any local time before it. */
  private segSafeFrom = 0;
  private textOffset = Number.NaN;
  private offsetText = '';

  constructor(name: string, formatter: Intl.DateTimeFormat) {
    this.name = name;
    this.formatter = formatter;
  }

  offsetAt(t: Instant): number {
    if (t >= this.segStart && t < this.segEnd) return this.segOffset;
    this.loadSegment(t);
    return this.segOffset;
  }

  localDay(t: Instant): EpochDay {
    return Math.floor((t + this.offsetAt(t)) / DAY_MS);
  }

  /** Local wall-clock value of an instant. */
  localMs(t: Instant): number {
    return t + this.offsetAt(t);
  }

  /** ISO 8601 with this zone's offset at that instant: '2026-03-03T08:00:00+08:00'. */
  format(t: Instant): string {
    const offset = this.offsetAt(t);
    if (offset !== this.textOffset) {
      this.textOffset = offset;
      this.offsetText = formatOffset(offset);
    }
    return formatLocalDateTime(t + offset) + this.offsetText;
  }

  /**
   * First instant of a local date: the earliest instant whose local time is at or after its
   * midnight. Where midnight falls in a spring-forward gap, that is the transition itself.
   */
  dayStart(day: EpochDay): Instant {
    const local = day * DAY_MS;
    const fast = local - this.segOffset;
    if (fast >= this.segSafeFrom && fast < this.segEnd) return fast;
    return this.earliestReaching(local);
  }

  /** Start of the local day after t's, always later than t (guards repeated-midnight zones). */
  nextDayStart(t: Instant): Instant {
    const day = this.localDay(t);
    const next = this.dayStart(day + 1);
    return next > t ? next : this.dayStart(day + 2);
  }

  /**
   * Earliest instant at or after t whose local time of day lies in [startMs, endMs).
   * Walks segment by segment, so DST gaps and repeated hours need no special case.
   */
  nextInDailyWindow(t: Instant, startMs: number, endMs: number): Instant {
    let cur = t;
    for (;;) {
      const offset = this.offsetAt(cur);
      const local = cur + offset;
      const ofDay = local - Math.floor(local / DAY_MS) * DAY_MS;
      if (ofDay >= startMs && ofDay < endMs) return cur;
      const opening = local - ofDay + (ofDay < startMs ? startMs : DAY_MS + startMs);
      const candidate = opening - offset;
      if (candidate < this.segEnd) return candidate;
      cur = this.segEnd;
    }
  }

  /** Earliest instant whose local time is at or after `local`. */
  private earliestReaching(local: number): Instant {
    let t = local - OFFSET_MARGIN_MS;
    for (;;) {
      this.loadSegment(t);
      const candidate = Math.max(this.segStart, local - this.segOffset);
      if (candidate < this.segEnd) return candidate;
      t = this.segEnd;
    }
  }

  private loadSegment(t: Instant): void {
    if (t < this.coveredFrom || t >= this.coveredTo) this.cover(t);
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= t) lo = mid;
      else hi = mid - 1;
    }
    const offset = this.offsets[lo] ?? 0;
    const previous = lo > 0 ? this.offsets[lo - 1] ?? offset : offset;
    this.segStart = starts[lo] ?? this.coveredFrom;
    this.segEnd = starts[lo + 1] ?? this.coveredTo;
    this.segOffset = offset;
    this.segSafeFrom = this.segStart + Math.max(0, previous - offset);
  }

  /** Extends the table to the years around t (one contiguous range, scanned once). */
  private cover(t: Instant): void {
    // Instants come from input (years 1900-2199) plus rule periods; anything else is a bug.
    if (!Number.isFinite(t)) throw new RangeError(`${this.name}: no offset for a non-finite instant`);
    const year = civilFromDays(Math.floor(t / DAY_MS)).year;
    const from = daysFromCivil(year - 1, 1, 1) * DAY_MS;
    const to = daysFromCivil(year + 2, 1, 1) * DAY_MS;
    if (this.starts.length === 0) {
      const scan = scanOffsets(this.formatter, from, to);
      this.starts.push(...scan.starts);
      this.offsets.push(...scan.offsets);
      this.coveredFrom = from;
      this.coveredTo = to;
    } else if (t < this.coveredFrom) {
      const scan = scanOffsets(this.formatter, from, this.coveredFrom);
      if (scan.offsets[scan.offsets.length - 1] === this.offsets[0]) {
        this.starts.shift();
        this.offsets.shift();
      }
      this.starts.unshift(...scan.starts);
      this.offsets.unshift(...scan.offsets);
      this.coveredFrom = from;
    } else {
      const scan = scanOffsets(this.formatter, this.coveredTo, to);
      const first = scan.offsets[0] === this.offsets[this.offsets.length - 1] ? 1 : 0;
      this.starts.push(...scan.starts.slice(first));
      this.offsets.push(...scan.offsets.slice(first));
      this.coveredTo = to;
    }
  }
}

interface Scan {
  starts: number[];
  offsets: number[];
}

/** Segments of [from, to): samples daily, then bisects each change to the second. */
function scanOffsets(formatter: Intl.DateTimeFormat, from: number, to: number): Scan {
  const starts = [from];
  let current = intlOffset(formatter, from);
  const offsets = [current];
  let lo = from;
  while (lo < to) {
    const hi = Math.min(lo + SAMPLE_STEP_MS, to);
    const offset = intlOffset(formatter, hi);
    if (offset === current) {
      lo = hi;
      continue;
    }
    let before = lo;
    let after = hi;
    while (after - before > 1000) {
      const mid = before + Math.floor((after - before) / 2000) * 1000;
      if (intlOffset(formatter, mid) === current) before = mid;
      else after = mid;
    }
    if (after >= to) break;
    current = intlOffset(formatter, after);
    starts.push(after);
    offsets.push(current);
    lo = after;
  }
  return { starts, offsets };
}

/** The one place Intl is asked for an offset: while scanning, never per check. */
function intlOffset(formatter: Intl.DateTimeFormat, t: number): number {
  const second = Math.floor(t / 1000) * 1000;
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let sec = 0;
  for (const part of formatter.formatToParts(second)) {
    const value = Number(part.value);
    if (part.type === 'year') year = value;
    else if (part.type === 'month') month = value;
    else if (part.type === 'day') day = value;
    else if (part.type === 'hour') hour = value;
    else if (part.type === 'minute') minute = value;
    else if (part.type === 'second') sec = value;
  }
  const local = daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + sec) * 1000;
  return local - second;
}

const clocks = new Map<string, ZoneClock>();

/**
 * The clock of an IANA zone, shared by every evaluation; null when the name is unknown.
 * Names are canonicalised by Intl ('asia/shanghai' and 'Asia/Shanghai' are one clock).
 */
export function zoneClock(name: string): ZoneClock | null {
  const known = clocks.get(name);
  if (known !== undefined) return known;
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return null;
  }
  const canonical = formatter.resolvedOptions().timeZone;
  const clock = clocks.get(canonical) ?? new ZoneClock(canonical, formatter);
  clocks.set(canonical, clock);
  clocks.set(name, clock);
  return clock;
}
