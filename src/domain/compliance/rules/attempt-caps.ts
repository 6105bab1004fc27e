import type { ContactAttempt, Instant, Situation } from '../types.ts';
import type { ZoneClock } from '../time/zone.ts';
import { dateText, dayText } from '../explain/phrases.ts';
import { earliestInEveryZone } from './windows.ts';
import type { Explanation, RuleCheck } from './rule.ts';
import { NEVER } from './rule.ts';

/** At most `max` contacts in any `days` consecutive local days. */
export interface CapParams {
  readonly max: number;
  readonly days: number;
}

/** What a cap counts and limits, and how it says so. */
interface Cap {
  /** An earlier attempt the cap counts (`accountId`: the account of the contact judged). */
  counts(a: ContactAttempt, accountId: string): boolean;
  /** The contact the cap limits. */
  limits(s: Situation): boolean;
  /** The sentence for a block: `count` placed in the window `span` (its zone), allowed again from `day`. */
  explain(s: Situation, count: number, span: Explanation, zone: string, day: Explanation): Explanation;
}

/**
 * An attempt the agency placed to the debtor about one debt. Busy signals and network errors
 * were never connected to the number, so they do not count (12 CFR 1006.14(b)(3)); what the
 * debtor started is not placed.
 */
function isPlaced(a: ContactAttempt, accountId: string): boolean {
  return a.accountId === accountId && isPlacedToDebtor(a);
}

/** An attempt the agency placed to the debtor, about any of their debts (isPlaced without the debt). */
function isPlacedToDebtor(a: ContactAttempt): boolean {
  return a.party === 'debtor' && a.initiatedBy === 'agency' && a.outcome !== 'busy' && a.outcome !== 'network_error';
}

/**
 * A cap as a rule: the contact is allowed while fewer than `max` counted attempts fall in the
 * `days` local days ending with its own, in every candidate zone; else from the first local day
 * on which the oldest of them has left the window.
 */
function capRule(params: CapParams, cap: Cap): RuleCheck {
  const countIn = (s: Situation, zone: ZoneClock, t: Instant): number => {
    const day = zone.localDay(t);
    const from = zone.dayStart(day - params.days + 1);
    const to = zone.dayStart(day + 1);
    let count = 0;
    for (const a of s.history) if (a.at >= from && a.at < to && cap.counts(a, s.account.id)) count++;
    return count;
  };
  const inZone = (s: Situation, zone: ZoneClock, t: Instant): Instant => {
    // A cap of 0 (a contract that allows none) never lets one through; any other ends once the window has passed the history.
    if (params.max <= 0) return NEVER;
    let cur = t;
    while (countIn(s, zone, cur) >= params.max) cur = zone.nextDayStart(cur);
    return cur;
  };
  return {
    earliestFrom(s, t) {
      return cap.limits(s) ? earliestInEveryZone(s, t, inZone) : t;
    },
    explain(s, until) {
      if (params.max <= 0) return { en: "The contract's limit for these contacts is 0: none may be placed.", zh: '委托合同对此类联系的上限为 0：不得进行此类联系。' };
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
      const [first, last] = [dateText(today - params.days + 1), dateText(today)];
      return cap.explain(s, count, { en: `${first} to ${last}`, zh: `${first}至${last}` }, zone.name, dayText(zone, s.readAt ?? s.at, until));
    },
  };
}

/**
 * CN: at most `max` agency-initiated call attempts to the debtor per local day, all accounts
 * together; every outcome counts except network_error. Source: industry practice (U).
 */
export function dailyCallsRule(params: { readonly max: number }): RuleCheck {
  return capRule({ max: params.max, days: 1 }, {
    counts: (a) => a.channel === 'call' && a.party === 'debtor' && a.initiatedBy === 'agency' && a.outcome !== 'network_error',
    limits: (s) => s.channel === 'call' && s.party === 'debtor',
    explain: (_s, count, _span, zone, day) => ({
      en: `${count} calls were already made to the debtor on this local day (${zone}); the limit is ${params.max} per day across all accounts; calls allowed again from ${day.en}.`,
      zh: `债务人当地（${zone}）今天已拨打${count}次电话，所有账户合计每天最多${params.max}次；${day.zh}起可再次拨打。`,
    }),
  });
}

/**
 * CN: at most `max` texts the agency sent the debtor per local day, all accounts together; a
 * collection text is limited (a notice, such as a portal link, is not), and every text counts.
 * Source: Leeway policy (a debtor texted without end is harassed as surely as one called).
 */
export function dailyTextsRule(params: { readonly max: number }): RuleCheck {
  return capRule({ max: params.max, days: 1 }, {
    counts: (a) => a.channel === 'sms' && a.party === 'debtor' && a.initiatedBy === 'agency' && a.outcome !== 'network_error',
    limits: (s) => s.channel === 'sms' && s.party === 'debtor' && s.purpose === 'collect',
    explain: (_s, count, _span, zone, day) => ({
      en: `${count} texts were already sent to the debtor on this local day (${zone}); the limit is ${params.max} per day across all accounts; texts allowed again from ${day.en}.`,
      zh: `债务人当地（${zone}）今天已发送${count}条短信，所有账户合计每天最多${params.max}条；${day.zh}起可再次发送。`,
    }),
  });
}

/**
 * US: more than 7 call attempts about one debt within 7 consecutive days is barred, so a call
 * is allowed only while fewer than `max` were placed in the 7 local days ending today.
 * Source: 12 CFR 1006.14(b)(2)(i)(A), (b)(3).
 */
export function sevenInSevenRule(params: CapParams): RuleCheck {
  return capRule(params, {
    counts: (a, accountId) => a.channel === 'call' && isPlaced(a, accountId),
    limits: (s) => s.channel === 'call' && s.party === 'debtor',
    explain: (_s, count, span, zone, day) => ({
      en: `${count} calls were already placed about this debt in the ${params.days} days ${span.en} (${zone}); at most ${params.max} are allowed in any ${params.days} consecutive days; calls allowed again from ${day.en}.`,
      zh: `${span.zh}（${zone}）${params.days}天内已就此笔债务拨打${count}次电话，任意连续${params.days}天最多${params.max}次；${day.zh}起可再次拨打。`,
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

/** Why a state's cap binds the debtor: they live there, or their state is not known. */
function whereBound(s: Situation, state: StateCap): Explanation {
  return s.debtor.regionCode === null
    ? { en: `the debtor's state is not known, so ${state.name}'s limit applies`, zh: `债务人所在州不明，按${state.nameZh}的限制` }
    : { en: `the debtor lives in ${state.name}`, zh: `债务人住在${state.nameZh}` };
}

const WASHINGTON: StateCap = { state: 'US-WA', name: 'Washington', nameZh: '华盛顿州' };

/**
 * A state's cap on telephone communications (calls and texts) the agency starts with a debtor
 * living there, about one debt: allowed while fewer than `max` were placed in the `days` local
 * days ending today. Massachusetts: two in each seven-day period (940 CMR 7.04(1)(f)).
 */
export function stateCallsRule(params: CapParams, state: StateCap): RuleCheck {
  return capRule(params, {
    counts: (a, accountId) => (a.channel === 'call' || a.channel === 'sms') && isPlaced(a, accountId),
    limits: (s) => (s.channel === 'call' || s.channel === 'sms') && s.party === 'debtor' && livesIn(s, state.state),
    explain: (s, count, span, zone, day) => {
      const where = whereBound(s, state);
      return {
        en: `${count} calls or texts were already placed about this debt in the ${params.days} days ${span.en} (${zone}); ${where.en}, where at most ${params.max} are allowed in any ${params.days} days; allowed again from ${day.en}.`,
        zh: `${span.zh}（${zone}）${params.days}天内已就此笔债务拨打电话或发送短信${count}次；${where.zh}，任意${params.days}天内最多${params.max}次；${day.zh}起可再次联系。`,
      };
    },
  });
}

/**
 * New York City's cap on the agency's communications with a consumer about one debt, by any of
 * the media it places (calls, texts, e-mails, visits): allowed while fewer than `max` were placed
 * in the `days` local days ending today, for a debtor in New York (the state is on file, not the
 * city) or of unknown state. DCWP's amended rules (6 RCNY 5-77), three in seven days per account.
 * Letters are not counted or limited here (U: the validation notice and the verification letter
 * are the law's own; a collection letter is not counted either).
 */
export function nycCommunicationsRule(params: CapParams): RuleCheck {
  const media = (channel: string) => channel === 'call' || channel === 'sms' || channel === 'email' || channel === 'visit';
  return capRule(params, {
    counts: (a, accountId) => media(a.channel) && isPlaced(a, accountId),
    limits: (s) => media(s.channel) && s.party === 'debtor' && livesIn(s, 'US-NY'),
    explain: (s, count, span, zone, day) => {
      const where = s.debtor.regionCode === null
        ? { en: "the debtor's state is not known, so New York City's limit applies", zh: '债务人所在州不明，按纽约市的限制' }
        : { en: "the debtor lives in New York, where New York City's rules apply", zh: '债务人住在纽约州，按纽约市的规定' };
      return {
        en: `${count} calls, texts, e-mails or visits were already placed about this debt in the ${params.days} days ${span.en} (${zone}); ${where.en}: `
          + `at most ${params.max} in any ${params.days} days; allowed again from ${day.en}.`,
        zh: `${span.zh}（${zone}）${params.days}天内已就此笔债务电话、短信、邮件或上门联系${count}次；${where.zh}，任意${params.days}天内最多${params.max}次；${day.zh}起可再次联系。`,
      };
    },
  });
}

/**
 * Washington's cap on a collection agency's communications with a debtor living there (RCW
 * 19.16.250(13)(c): not "more than three times in a single week"; the state's Attorney General
 * reads it as calls or letters): every call, text, e-mail, visit and letter the agency placed to
 * the debtor about any of their debts counts (the statute speaks of the debtor, not of one debt),
 * and a new one is allowed while fewer than `max` fall in the `days` local days ending today. A
 * letter the law requires (a notice: the validation notice, a verification) is counted but never
 * held back. For a debtor in Washington or of unknown state (U: the week read as any seven days,
 * letters and calls that reach no one counted).
 */
export function washingtonCommunicationsRule(params: CapParams): RuleCheck {
  const media = (channel: string) => channel === 'call' || channel === 'sms' || channel === 'email' || channel === 'visit' || channel === 'letter';
  return capRule(params, {
    counts: (a) => media(a.channel) && isPlacedToDebtor(a),
    limits: (s) => media(s.channel) && !(s.channel === 'letter' && s.purpose === 'notice') && s.party === 'debtor' && livesIn(s, WASHINGTON.state),
    explain: (s, count, span, zone, day) => {
      const where = whereBound(s, WASHINGTON);
      return {
        en: `${count} calls, texts, e-mails, visits or letters were already placed to the debtor (all their debts) in the ${params.days} days ${span.en} (${zone}); `
          + `${where.en}, where at most ${params.max} are allowed in any ${params.days} days; allowed again from ${day.en}.`,
        zh: `${span.zh}（${zone}）${params.days}天内已向债务人（所有债务合计）电话、短信、邮件、上门或信函联系${count}次；${where.zh}，任意${params.days}天内最多${params.max}次；${day.zh}起可再次联系。`,
      };
    },
  });
}

