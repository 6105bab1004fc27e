import type { ContactAttempt, Instant, Situation } from '../types.ts';
import type { ZoneClock } from '../time/zone.ts';
import { dateText, dayText } from '../explain/phrases.ts';
import type { Explanation, RuleCheck } from './rule.ts';
import { NEVER } from './rule.ts';
import { earliestInEveryZone } from './windows.ts';

/** A third party may be asked where the debtor is, never told of the debt. */
function disclosureBlocked(s: Situation): boolean {
  return s.purpose !== 'location';
}

function disclosureText(s: Situation): Explanation {
  return {
    en: `Third parties may only be asked how to reach the debtor and are never told of the debt; this contact's purpose is "${s.purpose}", not "location".`,
    zh: `对第三方只能询问如何联系债务人，不得透露债务；本次联系目的为“${s.purpose}”，而非“location”（查找联系方式）。`,
  };
}

function isAgencyAttemptTo(a: ContactAttempt, thirdPartyId: string | null): boolean {
  return a.party === 'third_party' && a.thirdPartyId === thirdPartyId && a.initiatedBy === 'agency';
}

export interface ThirdPartyWindowParams {
  readonly max: number;
  readonly days: number;
}

function attemptsInWindow(s: Situation, zone: ZoneClock, t: Instant, days: number): { count: number; last: Instant } {
  const day = zone.localDay(t);
  const from = zone.dayStart(day - days + 1);
  const to = zone.dayStart(day + 1);
  let count = 0;
  let last = -Infinity;
  for (const a of s.history) {
    if (a.at >= from && a.at < to && isAgencyAttemptTo(a, s.thirdPartyId) && a.outcome !== 'network_error') {
      count++;
      if (a.at > last) last = a.at;
    }
  }
  return { count, last };
}

/**
 * CN: no collection from unrelated third parties (消费金融公司管理办法 2024), so the purpose must
 * be `location`; our policy adds at most `max` attempts per third party per `days` local days
 * (network errors do not count).
 */
export function cnThirdPartyRule(params: ThirdPartyWindowParams): RuleCheck {
  const inZone = (s: Situation, zone: ZoneClock, t: Instant): Instant => {
    if (params.max <= 0) return NEVER;
    let cur = t;
    while (attemptsInWindow(s, zone, cur, params.days).count >= params.max) cur = zone.nextDayStart(cur);
    return cur;
  };
  return {
    earliestFrom(s, t) {
      if (s.party !== 'third_party') return t;
      if (disclosureBlocked(s)) return NEVER;
      // One zone is the common case: call inZone here, where the call site stays monomorphic.
      const zones = s.debtor.zones;
      return zones.length === 1 ? inZone(s, zones[0], t) : earliestInEveryZone(s, t, inZone);
    },
    explain(s, until) {
      if (disclosureBlocked(s)) return disclosureText(s);
      if (params.max <= 0) return { en: "The contract's limit for contacting a third party is 0: none may be contacted.", zh: '委托合同对联系第三方的上限为 0：不得联系第三方。' };
      let zone = s.debtor.zones[0];
      let { count, last } = attemptsInWindow(s, zone, s.at, params.days);
      for (const z of s.debtor.zones) {
        const found = attemptsInWindow(s, z, s.at, params.days);
        if (found.count > count) ({ count, last, zone } = { ...found, zone: z });
      }
      const lastDay = dateText(zone.localDay(last));
      const day = dayText(zone, s.readAt ?? s.at, until);
      return {
        en: `${whom(s).en} was already contacted ${count} time(s) in the last ${params.days} days (last on ${lastDay}); at most ${params.max} per ${params.days} days; allowed again from ${day.en}.`,
        zh: `${whom(s).zh}在最近${params.days}天内已被联系${count}次（最近一次${lastDay}），每${params.days}天最多${params.max}次；${day.zh}起可再次联系。`,
      };
    },
  };
}

/** The third party by name where the situation names them; one known only by a key (`#<point>`) or not at all is "this third party". */
function whom(s: Situation): Explanation {
  const id = s.thirdPartyId;
  return id === null || id === '' || id.startsWith('#') ? { en: 'This third party', zh: '该第三方' } : { en: `Third party ${id}`, zh: `第三方${id}` };
}

export interface ThirdPartyOnceParams {
  readonly max: number;
}

/** Attempts that reached nobody did not communicate anything. */
const NOT_REACHED: ReadonlySet<string> = new Set(['no_answer', 'busy', 'network_error', 'undelivered', 'failed', 'bounced']);

/** Communications with this third party since they last asked us to get back to them. */
function communicationsSinceAsked(s: Situation): number {
  let asked = -Infinity;
  for (const a of s.history) {
    if (a.party === 'third_party' && a.thirdPartyId === s.thirdPartyId && a.initiatedBy === 'third_party' && a.at > asked) asked = a.at;
  }
  let count = 0;
  for (const a of s.history) if (a.at > asked && isAgencyAttemptTo(a, s.thirdPartyId) && !NOT_REACHED.has(a.outcome)) count++;
  return count;
}

/**
 * US: location information only, never a word about the debt, and no second communication
 * with the same person unless they ask for it (an inbound contact from them lifts the limit).
 * Source: 15 USC 1692b(2), (3); 12 CFR 1006.10.
 */
export function usThirdPartyRule(params: ThirdPartyOnceParams): RuleCheck {
  return {
    earliestFrom(s, t) {
      if (s.party !== 'third_party') return t;
      if (disclosureBlocked(s)) return NEVER;
      return communicationsSinceAsked(s) >= params.max ? NEVER : t;
    },
    explain(s) {
      if (disclosureBlocked(s)) return disclosureText(s);
      return {
        en: `${whom(s).en} was already reached ${communicationsSinceAsked(s)} time(s); a third party may be contacted only ${params.max === 1 ? 'once' : `${params.max} times`} unless they ask to be contacted again.`,
        zh: `${whom(s).zh}已被联系到${communicationsSinceAsked(s)}次；除非对方要求，同一第三方最多只能联系${params.max}次。`,
      };
    },
  };
}

/** UK (our extension): the table sets no UK limit, but no one but the debtor hears of the debt. */
export function disclosureOnlyRule(): RuleCheck {
  return {
    earliestFrom(s, t) {
      return s.party === 'third_party' && disclosureBlocked(s) ? NEVER : t;
    },
    explain: disclosureText,
  };
}
