import type { Situation, Suspension } from '../types.ts';
import { allowedAgain, dateText } from '../explain/phrases.ts';
import type { RuleCheck } from './rule.ts';
import { NEVER } from './rule.ts';
import { earliestOutsideAll, inDateRange } from './windows.ts';
import type { DateRange } from './windows.ts';

/**
 * Length of the significant part of a hierarchical region code: GB/T 2260 pads a province
 * (42) or a city (4201) with zeros to six digits, so '420000' covers every code starting '42'.
 * Codes that are not all digits are taken whole.
 */
function significantLength(code: string): number {
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c < 48 || c > 57) return code.length;
  }
  let end = code.length;
  while (end > 2 && code.charCodeAt(end - 1) === 48 && code.charCodeAt(end - 2) === 48) end -= 2;
  return end;
}

/**
 * A region suspension covers the debtor when either code contains the other: a debtor known
 * only to the city (4201) may live in a suspended district (420102), so we assume they do; an
 * unknown region is assumed covered too. We never guess in the debtor's disfavour.
 */
export function regionCovers(suspensionCode: string, debtorRegion: string | null): boolean {
  if (debtorRegion === null) return true;
  const shared = Math.min(significantLength(suspensionCode), significantLength(debtorRegion));
  for (let i = 0; i < shared; i++) if (suspensionCode.charCodeAt(i) !== debtorRegion.charCodeAt(i)) return false;
  return true;
}

function covers(s: Situation, suspension: Suspension): boolean {
  switch (suspension.scope) {
    case 'region':
      return regionCovers(suspension.code, s.debtor.regionCode);
    case 'creditor':
      return suspension.code === s.account.creditor;
    case 'account':
      return suspension.code === s.account.id;
  }
}

function coveringRanges(s: Situation): DateRange[] | null {
  let found: DateRange[] | null = null;
  for (const suspension of s.suspensions) if (covers(s, suspension)) (found ??= []).push(suspension);
  return found;
}

/**
 * All packs: a suspension (区域停催) over the debtor's region, the creditor or the account blocks
 * every contact on the local dates from..to inclusive, in any of the debtor's zones, and lifts
 * itself the day after `to`. Source: the agency's own policy.
 */
export function suspensionRule(): RuleCheck {
  return {
    earliestFrom(s, t) {
      if (s.suspensions.length === 0) return t;
      const ranges = coveringRanges(s);
      return ranges === null ? t : earliestOutsideAll(s.debtor.zones, t, ranges);
    },
    explain(s, until) {
      const inForce = s.suspensions.filter((x) => covers(s, x) && inDateRange(s.debtor.zones, s.at, x.from, x.to));
      const en = inForce.map((x) => {
        const span = x.to === null ? `from ${dateText(x.from)} until further notice` : `from ${dateText(x.from)} to ${dateText(x.to)}`;
        const unknown = x.scope === 'region' && s.debtor.regionCode === null ? " (the debtor's region is unknown, so it may be covered)" : '';
        return `${x.scope} ${x.code} ${span}${unknown}`;
      });
      const zh = inForce.map((x) => {
        const scope = x.scope === 'region' ? '地区' : x.scope === 'creditor' ? '委托方' : '账户';
        const span = x.to === null ? `自${dateText(x.from)}起，结束日期未定` : `${dateText(x.from)}至${dateText(x.to)}`;
        const unknown = x.scope === 'region' && s.debtor.regionCode === null ? '（债务人地区未知，可能在范围内）' : '';
        return `${scope}${x.code}（${span}）${unknown}`;
      });
      const zone = s.debtor.zones[0];
      const again = allowedAgain(zone, s.readAt ?? s.at, until);
      const tail = until === NEVER ? { en: 'no contact until it is ended.', zh: '结束前不得联系。' } : { en: `${again.en}.`, zh: `${again.zh}。` };
      return {
        en: `Collection is suspended for ${en.join('; ')}; ${tail.en}`,
        zh: `以下范围暂停催收：${zh.join('；')}；${tail.zh}`,
      };
    },
  };
}
