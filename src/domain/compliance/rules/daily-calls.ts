import type { ContactAttempt, Instant, Situation } from '../types.ts';
import type { ZoneClock } from '../time/zone.ts';
import { dayText } from '../explain/phrases.ts';
import { earliestInEveryZone } from './windows.ts';
import type { RuleCheck } from './rule.ts';

export interface DailyCallsParams {
  readonly max: number;
}

/** Agency-initiated call attempts to the debtor, any account; a network error is no attempt. */
function isCountedCall(a: ContactAttempt): boolean {
  return a.channel === 'call' && a.party === 'debtor' && a.initiatedBy === 'agency' && a.outcome !== 'network_error';
}

function callsOnLocalDay(s: Situation, zone: ZoneClock, t: Instant): number {
  const day = zone.localDay(t);
  const from = zone.dayStart(day);
  const to = zone.dayStart(day + 1);
  let count = 0;
  for (const a of s.history) if (a.at >= from && a.at < to && isCountedCall(a)) count++;
  return count;
}

/**
 * CN: at most `max` agency-initiated call attempts to the debtor per local day, all accounts
 * together; every outcome counts except network_error. Source: industry practice (U).
 */
export function dailyCallsRule(params: DailyCallsParams): RuleCheck {
  const inZone = (s: Situation, zone: ZoneClock, t: Instant): Instant => {
    let cur = t;
    while (callsOnLocalDay(s, zone, cur) >= params.max) cur = zone.nextDayStart(cur);
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
        const c = callsOnLocalDay(s, z, s.at);
        if (c > count) {
          count = c;
          zone = z;
        }
      }
      const day = dayText(zone, s.at, until);
      return {
        en: `${count} calls were already made to the debtor on this local day (${zone.name}); the limit is ${params.max} per day across all accounts; calls allowed again from ${day.en}.`,
        zh: `债务人当地（${zone.name}）今天已拨打${count}次电话，所有账户合计每天最多${params.max}次；${day.zh}起可再次拨打。`,
      };
    },
  };
}
