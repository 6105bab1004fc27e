import type { ContactAttempt, Instant, Situation } from '../types.ts';
import type { ZoneClock } from '../time/zone.ts';
import { dateText, dayText } from '../explain/phrases.ts';
import { earliestInEveryZone } from './windows.ts';
import type { RuleCheck } from './rule.ts';

export interface SevenInSevenParams {
  readonly max: number;
  readonly days: number;
}

/**
 * Calls placed about this debt; busy signals and network errors were never connected to the
 * number, so they do not count (12 CFR 1006.14(b)(3)). Calls the debtor made are not placed.
 */
function isPlacedCall(a: ContactAttempt, accountId: string): boolean {
  return (
    a.accountId === accountId &&
    a.channel === 'call' &&
    a.party === 'debtor' &&
    a.initiatedBy === 'agency' &&
    a.outcome !== 'busy' &&
    a.outcome !== 'network_error'
  );
}

/** Placed calls in the `days` local days ending with the local day of t. */
function callsInWindow(s: Situation, zone: ZoneClock, t: Instant, days: number): number {
  const day = zone.localDay(t);
  const from = zone.dayStart(day - days + 1);
  const to = zone.dayStart(day + 1);
  let count = 0;
  for (const a of s.history) if (a.at >= from && a.at < to && isPlacedCall(a, s.account.id)) count++;
  return count;
}

/**
 * US: more than 7 call attempts about one debt within 7 consecutive days is barred, so a call
 * is allowed only while fewer than `max` were placed in the 7 local days ending today.
 * Source: 12 CFR 1006.14(b)(2)(i)(A), (b)(3).
 */
export function sevenInSevenRule(params: SevenInSevenParams): RuleCheck {
  const inZone = (s: Situation, zone: ZoneClock, t: Instant): Instant => {
    let cur = t;
    while (callsInWindow(s, zone, cur, params.days) >= params.max) cur = zone.nextDayStart(cur);
    return cur;
  };
  return {
    earliestFrom(s, t) {
      if (s.channel !== 'call' || s.party !== 'debtor') return t;
      // One zone is the common case: call inZone here, where the call site stays monomorphic.
      const zones = s.debtor.zones;
      return zones.length === 1 ? inZone(s, zones[0], t) : earliestInEveryZone(s, t, inZone);
    },
    explain(s, until) {
      let zone = s.debtor.zones[0];
      let count = 0;
      for (const z of s.debtor.zones) {
        const c = callsInWindow(s, z, s.at, params.days);
        if (c > count) {
          count = c;
          zone = z;
        }
      }
      const today = zone.localDay(s.at);
      const span = `${dateText(today - params.days + 1)} to ${dateText(today)}`;
      const day = dayText(zone, s.at, until);
      return {
        en: `${count} calls were already placed about this debt in the ${params.days} days ${span} (${zone.name}); at most ${params.max} are allowed in any ${params.days} consecutive days; calls allowed again from ${day.en}.`,
        zh: `${span}（${zone.name}）${params.days}天内已就此笔债务拨打${count}次电话，任意连续${params.days}天最多${params.max}次；${day.zh}起可再次拨打。`,
      };
    },
  };
}
