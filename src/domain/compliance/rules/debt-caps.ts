import type { ContactAttempt, Instant, Situation } from '../types.ts';
import type { ZoneClock } from '../time/zone.ts';
import { dateText, dayText } from '../explain/phrases.ts';
import { earliestInEveryZone } from './windows.ts';
import type { Explanation, RuleCheck } from './rule.ts';

/** At most `max` contacts about one debt in any `days` consecutive local days. */
export interface DebtCapParams {
  readonly max: number;
  readonly days: number;
}

/** What a cap counts and limits, and how it says so. */
interface DebtCap {
  /** An earlier attempt the cap counts (about this debt: `accountId`). */
  counts(a: ContactAttempt, accountId: string): boolean;
  /** The contact the cap limits. */
  limits(s: Situation): boolean;
  /** The sentence for a block: `count` placed in the window `span` (its zone), allowed again from `day`. */
  explain(s: Situation, count: number, span: string, zone: string, day: Explanation): Explanation;
}

/**
 * An attempt the agency placed to the debtor about one debt. Busy signals and network errors
 * were never connected to the number, so they do not count (12 CFR 1006.14(b)(3)); what the
 * debtor started is not placed.
 */
function isPlaced(a: ContactAttempt, accountId: string): boolean {
  return a.accountId === accountId && a.party === 'debtor' && a.initiatedBy === 'agency' && a.outcome !== 'busy' && a.outcome !== 'network_error';
}

/**
 * A cap as a rule: the contact is allowed while fewer than `max` counted attempts fall in the
 * `days` local days ending with its own, in every candidate zone; else from the first local day
 * on which the oldest of them has left the window.
 */
function debtCapRule(params: DebtCapParams, cap: DebtCap): RuleCheck {
  const countIn = (s: Situation, zone: ZoneClock, t: Instant): number => {
    const day = zone.localDay(t);
    const from = zone.dayStart(day - params.days + 1);
    const to = zone.dayStart(day + 1);
    let count = 0;
    for (const a of s.history) if (a.at >= from && a.at < to && cap.counts(a, s.account.id)) count++;
    return count;
  };
  const inZone = (s: Situation, zone: ZoneClock, t: Instant): Instant => {
    let cur = t;
    while (countIn(s, zone, cur) >= params.max) cur = zone.nextDayStart(cur);
    return cur;
  };
  return {
    earliestFrom(s, t) {
      return cap.limits(s) ? earliestInEveryZone(s, t, inZone) : t;
    },
    explain(s, until) {
      let zone = s.debtor.zones[0];
      let count = 0;
      for (const z of s.debtor.zones) {
        const c = countIn(s, z, s.at);
        if (c > count) {
          count = c;
          zone = z;
        }
      }
      const today = zone.localDay(s.at);
      return cap.explain(s, count, `${dateText(today - params.days + 1)} to ${dateText(today)}`, zone.name, dayText(zone, s.at, until));
    },
  };
}

/**
 * US: more than 7 call attempts about one debt within 7 consecutive days is barred, so a call
 * is allowed only while fewer than `max` were placed in the 7 local days ending today.
 * Source: 12 CFR 1006.14(b)(2)(i)(A), (b)(3).
 */
export function sevenInSevenRule(params: DebtCapParams): RuleCheck {
  return debtCapRule(params, {
    counts: (a, accountId) => a.channel === 'call' && isPlaced(a, accountId),
    limits: (s) => s.channel === 'call' && s.party === 'debtor',
    explain: (_s, count, span, zone, day) => ({
      en: `${count} calls were already placed about this debt in the ${params.days} days ${span} (${zone}); at most ${params.max} are allowed in any ${params.days} consecutive days; calls allowed again from ${day.en}.`,
      zh: `${span}（${zone}）${params.days}天内已就此笔债务拨打${count}次电话，任意连续${params.days}天最多${params.max}次；${day.zh}起可再次拨打。`,
    }),
  });
}

/**
 * A US state whose law caps the agency's telephone communications, by its region code on file
 * (ISO 3166-2, `US-MA`: what an import reads from the address's state).
 */
export interface StateCap {
  readonly state: string;
  readonly name: string;
  readonly nameZh: string;
}

/**
 * Where the debtor lives in the state, or where their state is not known (the strict reading:
 * they may live there). A region on file in another state, or in another country, is not.
 */
export function livesIn(s: Situation, state: string): boolean {
  const region = s.debtor.regionCode;
  return region === null || region === state || region.startsWith(`${state}-`);
}

/**
 * A state's cap on telephone communications (calls and texts) the agency starts with a debtor
 * living there, about one debt: allowed while fewer than `max` were placed in the `days` local
 * days ending today. Massachusetts: two in each seven-day period (940 CMR 7.04(1)(f)).
 */
export function stateCallsRule(params: DebtCapParams, state: StateCap): RuleCheck {
  return debtCapRule(params, {
    counts: (a, accountId) => (a.channel === 'call' || a.channel === 'sms') && isPlaced(a, accountId),
    limits: (s) => (s.channel === 'call' || s.channel === 'sms') && s.party === 'debtor' && livesIn(s, state.state),
    explain: (s, count, span, zone, day) => {
      const where = s.debtor.regionCode === null
        ? { en: `the debtor's state is not known, so ${state.name}'s limit applies`, zh: `债务人所在州不明，按${state.nameZh}的限制` }
        : { en: `the debtor lives in ${state.name}`, zh: `债务人住在${state.nameZh}` };
      return {
        en: `${count} calls or texts were already placed about this debt in the ${params.days} days ${span} (${zone}); ${where.en}, where at most ${params.max} are allowed in any ${params.days} days; allowed again from ${day.en}.`,
        zh: `${span}（${zone}）${params.days}天内已就此笔债务拨打电话或发送短信${count}次；${where.zh}，任意${params.days}天内最多${params.max}次；${day.zh}起可再次联系。`,
      };
    },
  });
}
