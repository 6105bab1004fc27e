import type { DebtorState, Flag, Instant, Situation } from '../types.ts';
import { FLAG_NAMES, dayText, joinEn, joinZh } from '../explain/phrases.ts';
import type { Explanation, RuleCheck } from './rule.ts';
import { NEVER } from './rule.ts';
import { earliestOutsideAll, inDateRange } from './windows.ts';
import type { DateRange } from './windows.ts';

/** Local dates a flag is in force: from flag_since, through flag_until (either may be open). */
export function flagRange(debtor: DebtorState, flag: Flag): DateRange {
  return { from: debtor.flagSince.get(flag) ?? null, to: debtor.flagUntil.get(flag) ?? null };
}

export interface FlagRuleOptions {
  readonly flags: readonly Flag[];
  /** Local dates each present flag is in force (defaults to flagRange). */
  readonly range?: (s: Situation, flag: Flag) => DateRange;
  /** Whether the flags stop this kind of contact at all. */
  readonly stops: (s: Situation) => boolean;
  /** The sentence for the flags in force at s.at, before the "until" tail. */
  readonly describe: (s: Situation, active: readonly Flag[]) => Explanation;
}

/**
 * A rule made of debtor flags: while any of them is in force on the debtor's local date (in
 * any candidate zone), the contacts it stops are blocked; the block lifts the day after the
 * last dated flag ends and never while one has no end.
 */
export function flagRule(options: FlagRuleOptions): RuleCheck {
  const rangeOf = options.range ?? ((s: Situation, flag: Flag) => flagRange(s.debtor, flag));
  const ranges = (s: Situation): DateRange[] | null => {
    let found: DateRange[] | null = null;
    for (const flag of options.flags) if (s.debtor.flags.has(flag)) (found ??= []).push(rangeOf(s, flag));
    return found;
  };
  return {
    earliestFrom(s, t) {
      if (s.debtor.flags.size === 0 || !options.stops(s)) return t;
      const found = ranges(s);
      return found === null ? t : earliestOutsideAll(s.debtor.zones, t, found);
    },
    explain(s, until) {
      const active = options.flags.filter((flag) => {
        if (!s.debtor.flags.has(flag)) return false;
        const r = rangeOf(s, flag);
        return inDateRange(s.debtor.zones, s.at, r.from, r.to);
      });
      const text = options.describe(s, active);
      const tail = untilText(s, until);
      return { en: `${text.en} ${tail.en}`, zh: `${text.zh}${tail.zh}` };
    },
  };
}

function untilText(s: Situation, until: Instant): Explanation {
  if (until === NEVER) return { en: 'This lasts until it is lifted.', zh: '解除前持续有效。' };
  const day = dayText(s.debtor.zones[0], s.readAt ?? s.at, until);
  return { en: `Allowed again from ${day.en}.`, zh: `${day.zh}起可再次联系。` };
}

function flagList(active: readonly Flag[]): Explanation {
  return { en: joinEn(active.map((f) => FLAG_NAMES[f].en)), zh: joinZh(active.map((f) => FLAG_NAMES[f].zh)) };
}

/** All packs: these holds stop collection and location contact; notices may still go. */
export function holdsRule(flags: readonly Flag[]): RuleCheck {
  return flagRule({
    flags,
    stops: (s) => s.purpose !== 'notice',
    describe: (_s, active) => {
      const list = flagList(active);
      return {
        en: `Collection is on hold (${list.en}); no collection contact, only notices.`,
        zh: `停催中（${list.zh}），不得催收联系，只可发送通知。`,
      };
    },
  });
}

/** US: after a written cease request only the 1006.6(c)(2) notices may go, by letter. Source: 12 CFR 1006.6(c). */
export function usCeaseRule(): RuleCheck {
  return flagRule({
    flags: ['cease'],
    stops: (s) => !(s.channel === 'letter' && s.purpose === 'notice'),
    describe: () => ({
      en: 'The debtor asked in writing that contact stop; only the notices of 12 CFR 1006.6(c)(2) may be sent, by letter.',
      zh: '债务人已书面要求停止联系；只可用信函发送1006.6(c)(2)规定的通知。',
    }),
  });
}

/** US: a written dispute in the validation period stops collection until verification is sent. Source: 12 CFR 1006.38(d)(2). */
export function usDisputeRule(): RuleCheck {
  return flagRule({
    flags: ['dispute'],
    stops: (s) => s.purpose !== 'notice',
    describe: () => ({
      // Held for any dispute, written or spoken (the agency's policy, stricter than the rule, which asks it for a written one in the validation period).
      en: 'The debtor disputes the debt; no collection until the creditor has verified it and the verification has been sent (12 CFR 1006.38(d)(2) for a written dispute in the validation period).',
      zh: '债务人对债务提出异议；在委托方核实并寄出核实结果之前不得催收（验证期内的书面异议依 12 CFR 1006.38(d)(2)）。',
    }),
  });
}

/** US: a represented debtor is contacted through the attorney only. Source: 12 CFR 1006.6(b)(2); 15 USC 1692b(6). */
export function usAttorneyRule(): RuleCheck {
  return flagRule({
    flags: ['attorney'],
    stops: () => true,
    describe: () => ({
      en: 'The debtor is represented by an attorney; contact the attorney, not the debtor or third parties.',
      zh: '债务人已委托律师；请联系律师，不得直接联系债务人或第三方。',
    }),
  });
}
