import type { Instant, Situation } from '../types.ts';
import type { ZoneClock } from '../time/zone.ts';
import { DAY_MS, MINUTE_MS, formatMinutes } from '../time/civil.ts';
import { clockAt, whenText } from '../explain/phrases.ts';
import { earliestInEveryZone } from './windows.ts';
import type { RuleCheck } from './rule.ts';
import { NEVER } from './rule.ts';

export interface HoursParams {
  /** Minutes after local midnight: the window is [start, end). */
  readonly start: number;
  readonly end: number;
}

/**
 * Contact only inside a daily window of the debtor's local time, in every candidate zone.
 * Letters are not timed. The window is half-open: at `end` itself the contact is too late,
 * the strict reading of "after 9 p.m." (Reg F 12 CFR 1006.6(b)(1)(i)); CN: 互联网金融逾期债务
 * 催收自律公约(试行) 2018; UK: CONC 7.9.4R "not at unreasonable times" (the window is ours).
 */
export function hoursRule(params: HoursParams): RuleCheck {
  const legal = { start: params.start, end: params.end };
  /** The legal window, narrowed to the debtor's preferred hours when they overlap it. */
  const windowOf = (s: Situation): { start: number; end: number; preferred: boolean } => {
    const p = s.debtor.preferredHours;
    if (!p) return { ...legal, preferred: false };
    const start = Math.max(legal.start, p.start);
    const end = Math.min(legal.end, p.end);
    return start < end ? { start, end, preferred: true } : { ...legal, preferred: false };
  };
  const inZone = (s: Situation, zone: ZoneClock, t: Instant): Instant => {
    if (!s.debtor.preferredHours) return zone.nextInDailyWindow(t, legal.start * MINUTE_MS, legal.end * MINUTE_MS);
    const w = windowOf(s);
    return zone.nextInDailyWindow(t, w.start * MINUTE_MS, w.end * MINUTE_MS);
  };
  const outside = (w: { start: number; end: number }, zone: ZoneClock, t: Instant): 'early' | 'late' | null => {
    const local = zone.localMs(t);
    const ofDay = local - Math.floor(local / DAY_MS) * DAY_MS;
    return ofDay < w.start * MINUTE_MS ? 'early' : ofDay >= w.end * MINUTE_MS ? 'late' : null;
  };
  return {
    earliestFrom(s, t) {
      if (s.channel === 'letter') return t;
      // One zone is the common case: call inZone here, where the call site stays monomorphic.
      const zones = s.debtor.zones;
      return zones.length === 1 ? inZone(s, zones[0], t) : earliestInEveryZone(s, t, inZone);
    },
    explain(s, until) {
      const zones = s.debtor.zones;
      const w = windowOf(s);
      const start = formatMinutes(w.start);
      const end = formatMinutes(w.end);
      let en = w.preferred ? `outside the hours the debtor asked for (${start}-${end}): ` : '';
      let zh = w.preferred ? `不在债务人要求的联系时段（${start}-${end}）内：` : '';
      let first: ZoneClock | null = null;
      for (const zone of zones) {
        const side = outside(w, zone, s.at);
        if (side === null) continue;
        const clock = clockAt(zone, s.at);
        const where = zones.length === 1 ? `the debtor's time zone (${zone.name})` : `${zone.name}, one of the debtor's time zones`;
        en += (first === null ? '' : '; ') + (side === 'late' ? `${clock} is past the ${end} limit in ${where}` : `${clock} is before the ${start} start in ${where}`);
        zh +=
          (first === null ? '' : '；') +
          `债务人所在时区（${zone.name}）当地时间${clock}，` +
          (side === 'late' ? `已过${end}的限制` : `早于${start}的开始时间`);
        first ??= zone;
      }
      if (until === NEVER) {
        return {
          en: `${en}; the debtor's time zones have no common hour inside ${start}-${end}.`,
          zh: `${zh}；债务人的各时区没有共同的${start}-${end}时段。`,
        };
      }
      // The time is on the clock of the zone named first; with several zones, which one is said.
      const shown = first ?? zones[0];
      const next = whenText(shown, s.readAt ?? s.at, until);
      const zoneEn = zones.length > 1 ? ` (${shown.name} time)` : '';
      const zoneZh = zones.length > 1 ? `（${shown.name}时间）` : '';
      return { en: `${en}; next allowed ${next.en}${zoneEn}.`, zh: `${zh}；下次可联系时间：${next.zh}${zoneZh}。` };
    },
  };
}
