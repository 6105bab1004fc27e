import type { ContactAttempt, Instant, Situation } from '../types.ts';
import type { ZoneClock } from '../time/zone.ts';
import { dateText, dayText } from '../explain/phrases.ts';
import { earliestInEveryZone } from './windows.ts';
import { NEVER } from './rule.ts';
import type { RuleCheck } from './rule.ts';

export interface CoolDownParams {
  readonly days: number;
}

/**
 * A telephone conversation with the debtor about this debt, whoever placed the call.
 * `connected` counts as well as `right_party`: when we cannot tell who answered, we assume
 * it was the debtor (the strict reading).
 */
function isConversation(a: ContactAttempt, accountId: string): boolean {
  return (
    a.accountId === accountId &&
    a.channel === 'call' &&
    a.party === 'debtor' &&
    (a.outcome === 'right_party' || a.outcome === 'connected')
  );
}

/** The latest conversation whose cool-down covers the local day of t, or NEVER for none. */
function latestConversation(s: Situation, zone: ZoneClock, t: Instant, days: number): Instant {
  const day = zone.localDay(t);
  const from = zone.dayStart(day - days + 1);
  const to = zone.dayStart(day + 1);
  let latest = NEVER;
  for (const a of s.history) {
    if (a.at >= from && a.at < to && isConversation(a, s.account.id) && (latest === NEVER || a.at > latest)) latest = a.at;
  }
  return latest;
}

/**
 * US: no call about a debt for 7 days after a telephone conversation about it; the day of the
 * conversation is day 1, so calls resume on local day 8. Debtor-initiated conversations count.
 * Source: 12 CFR 1006.14(b)(2)(i)(B).
 */
export function coolDownRule(params: CoolDownParams): RuleCheck {
  const inZone = (s: Situation, zone: ZoneClock, t: Instant): Instant => {
    let cur = t;
    for (;;) {
      const latest = latestConversation(s, zone, cur, params.days);
      if (latest === NEVER) return cur;
      const next = zone.dayStart(zone.localDay(latest) + params.days);
      cur = next > cur ? next : zone.nextDayStart(cur);
    }
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
      let latest = NEVER;
      for (const z of s.debtor.zones) {
        const c = latestConversation(s, z, s.at, params.days);
        if (c !== NEVER) {
          latest = c;
          zone = z;
          break;
        }
      }
      const spoke = latest === NEVER ? '' : dateText(zone.localDay(latest));
      const day = dayText(zone, s.readAt ?? s.at, until);
      return {
        en: `There was a telephone conversation about this debt on ${spoke} (${zone.name}); no calls for ${params.days} days counting that day; calls allowed again from ${day.en}.`,
        zh: `已于${spoke}（${zone.name}）就此笔债务与债务人通话；含当天${params.days}天内不得再拨打；${day.zh}起可再次拨打。`,
      };
    },
  };
}
