import type { ContactAttempt, Instant, Situation } from '../types.ts';
import type { ZoneClock } from '../time/zone.ts';
import { dateText, dayText } from '../explain/phrases.ts';
import { earliestInEveryZone } from './windows.ts';
import type { RuleCheck } from './rule.ts';

export interface StateCallsParams {
  readonly max: number;
  readonly days: number;
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
 * Calls and texts the agency placed to the debtor about this debt. A busy signal or a network
 * error never reached the number; what the debtor started is not the agency's.
 */
function isPlacedCommunication(a: ContactAttempt, accountId: string): boolean {
  return (
    a.accountId === accountId &&
    (a.channel === 'call' || a.channel === 'sms') &&
    a.party === 'debtor' &&
    a.initiatedBy === 'agency' &&
    a.outcome !== 'busy' &&
    a.outcome !== 'network_error'
  );
}

function placedInWindow(s: Situation, zone: ZoneClock, t: Instant, days: number): number {
  const day = zone.localDay(t);
  const from = zone.dayStart(day - days + 1);
  const to = zone.dayStart(day + 1);
  let count = 0;
  for (const a of s.history) if (a.at >= from && a.at < to && isPlacedCommunication(a, s.account.id)) count++;
  return count;
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
export function stateCallsRule(params: StateCallsParams, cap: StateCap): RuleCheck {
  const inZone = (s: Situation, zone: ZoneClock, t: Instant): Instant => {
    let cur = t;
    while (placedInWindow(s, zone, cur, params.days) >= params.max) cur = zone.nextDayStart(cur);
    return cur;
  };
  return {
    earliestFrom(s, t) {
      if ((s.channel !== 'call' && s.channel !== 'sms') || s.party !== 'debtor' || !livesIn(s, cap.state)) return t;
      return earliestInEveryZone(s, t, inZone);
    },
    explain(s, until) {
      let zone = s.debtor.zones[0];
      let count = 0;
      for (const z of s.debtor.zones) {
        const c = placedInWindow(s, z, s.at, params.days);
        if (c > count) {
          count = c;
          zone = z;
        }
      }
      const today = zone.localDay(s.at);
      const span = `${dateText(today - params.days + 1)} to ${dateText(today)}`;
      const day = dayText(zone, s.at, until);
      const where = s.debtor.regionCode === null
        ? { en: `the debtor's state is not known, so ${cap.name}'s limit applies`, zh: `债务人所在州不明，按${cap.nameZh}的限制` }
        : { en: `the debtor lives in ${cap.name}`, zh: `债务人住在${cap.nameZh}` };
      return {
        en: `${count} calls or texts were already placed about this debt in the ${params.days} days ${span} (${zone.name}); ${where.en}, where at most ${params.max} are allowed in any ${params.days} days; allowed again from ${day.en}.`,
        zh: `${span}（${zone.name}）${params.days}天内已就此笔债务拨打电话或发送短信${count}次；${where.zh}，任意${params.days}天内最多${params.max}次；${day.zh}起可再次联系。`,
      };
    },
  };
}
