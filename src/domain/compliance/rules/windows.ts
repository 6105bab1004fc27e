import type { EpochDay, Instant, Situation, ZoneList } from '../types.ts';
import type { ZoneClock } from '../time/zone.ts';
import { NEVER } from './rule.ts';

/** Enough for any real set of zones; beyond it the zones' windows never meet. */
const MAX_STEPS = 2000;

/**
 * Strictest reading over candidate zones: the earliest instant at or after t that every zone
 * allows, given each zone's own answer. The zones are asked in turn, a later answer moves the
 * instant, and the search ends once every zone in a row has accepted it; answers are monotone,
 * so that is the first instant all of them accept.
 */
export function earliestInEveryZone(
  s: Situation,
  t: Instant,
  inZone: (s: Situation, zone: ZoneClock, t: Instant) => Instant,
): Instant {
  const zones = s.debtor.zones;
  const n = zones.length;
  if (n === 1) return inZone(s, zones[0], t);
  let cur = t;
  let accepted = 0;
  for (let i = 0, steps = 0; accepted < n; steps++, i = i + 1 === n ? 0 : i + 1) {
    if (steps > MAX_STEPS) return NEVER;
    const next = inZone(s, zones[i] as ZoneClock, cur);
    if (next === NEVER) return NEVER;
    if (next > cur) {
      cur = next;
      accepted = 1;
    } else {
      accepted++;
    }
  }
  return cur;
}

/** True when the local date of t, in any candidate zone, lies in [from, to] (null = open). */
export function inDateRange(zones: ZoneList, t: Instant, from: EpochDay | null, to: EpochDay | null): boolean {
  for (const zone of zones) {
    const day = zone.localDay(t);
    if ((from === null || day >= from) && (to === null || day <= to)) return true;
  }
  return false;
}

/**
 * Earliest instant at or after t whose local date, in every candidate zone, is outside the
 * inclusive range [from, to]: the start of the day after `to` in the latest zone, t when the
 * range does not cover t, NEVER when it covers t and has no end.
 */
export function earliestOutsideDates(zones: ZoneList, t: Instant, from: EpochDay | null, to: EpochDay | null): Instant {
  if (!inDateRange(zones, t, from, to)) return t;
  if (to === null) return NEVER;
  let next = t;
  for (const zone of zones) next = Math.max(next, zone.dayStart(to + 1));
  return next;
}

/** A dated state: in force on local dates from..to inclusive (either end may be open). */
export interface DateRange {
  readonly from: EpochDay | null;
  readonly to: EpochDay | null;
}

/** Earliest instant at or after t outside every range (ranges may start after t). */
export function earliestOutsideAll(zones: ZoneList, t: Instant, ranges: readonly DateRange[]): Instant {
  let cur = t;
  for (let pass = 0; pass <= ranges.length; pass++) {
    let moved = false;
    for (const range of ranges) {
      const next = earliestOutsideDates(zones, cur, range.from, range.to);
      if (next === NEVER) return NEVER;
      if (next > cur) {
        cur = next;
        moved = true;
      }
    }
    if (!moved) return cur;
  }
  return cur;
}
