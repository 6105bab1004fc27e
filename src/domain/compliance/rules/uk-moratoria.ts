import type { EpochDay, Flag, Situation } from '../types.ts';
import { dateText } from '../explain/phrases.ts';
import type { Explanation, RuleCheck } from './rule.ts';
import { flagRule } from './flag-holds.ts';
import type { DateRange } from './windows.ts';

export interface BreathingSpaceParams {
  /** A standard moratorium ends this many days after the day it started. */
  readonly days: number;
  /** A mental health crisis moratorium ends this many days after crisis treatment ends. */
  readonly crisis_extra_days: number;
}

function rangeText(range: DateRange): Explanation {
  const from = range.from === null ? null : dateText(range.from);
  const to = range.to === null ? null : dateText(range.to);
  return {
    en: `${from === null ? 'start date not recorded' : `from ${from}`}${to === null ? ', end not yet known' : ` to ${to}`}`,
    zh: `${from === null ? '开始日期未记录' : `自${from}`}${to === null ? '，结束日期尚未确定' : `至${to}`}`,
  };
}

/**
 * UK: a standard breathing space runs 60 days after the day it started; a mental health crisis
 * moratorium runs while crisis treatment lasts and 30 days after (flag_until gives the last day
 * of treatment; without it the end is unknown). No payment requests while either is in force;
 * flag_until on breathing_space records an early cancellation.
 * Source: SI 2020/1311 regs 7, 26, 32.
 */
export function breathingSpaceRule(params: BreathingSpaceParams): RuleCheck {
  const range = (s: Situation, flag: Flag): DateRange => {
    const since = s.debtor.flagSince.get(flag) ?? null;
    return { from: since, to: breathingSpaceLastDay(flag, since, s.debtor.flagUntil.get(flag) ?? null, params) };
  };
  return flagRule({
    flags: ['breathing_space', 'mental_health_crisis'],
    range,
    stops: (s) => s.purpose === 'collect',
    describe: (s, active) => {
      const parts = active.map((flag) => {
        const r = rangeText(range(s, flag));
        return flag === 'breathing_space'
          ? { en: `a standard breathing space (${r.en})`, zh: `标准喘息期（${r.zh}）` }
          : {
              en: `a mental health crisis breathing space (${r.en}; it lasts while crisis treatment continues and ${params.crisis_extra_days} days after)`,
              zh: `心理健康危机喘息期（${r.zh}；危机治疗期间及结束后${params.crisis_extra_days}天内有效）`,
            };
      });
      return {
        en: `The debtor is in ${parts.map((p) => p.en).join(' and ')}; no payment may be requested.`,
        zh: `债务人处于${parts.map((p) => p.zh).join('及')}，不得要求还款。`,
      };
    },
  });
}

/**
 * The last local day a breathing space is in force: a standard one `days` after its start (or its
 * recorded early end); a mental health crisis one `crisis_extra_days` after the recorded end of
 * treatment, unknown (null) until that is recorded.
 */
export function breathingSpaceLastDay(flag: Flag, since: EpochDay | null, until: EpochDay | null, params: BreathingSpaceParams): EpochDay | null {
  if (flag === 'mental_health_crisis') return until === null ? null : until + params.crisis_extra_days;
  return until ?? (since === null ? null : since + params.days);
}

/** The last local day a plan-arranging pause is in force: `days` after its start, `extension_days` more once extended, or its recorded end. */
export function planPendingLastDay(since: EpochDay | null, until: EpochDay | null, extended: boolean, params: PlanPendingParams): EpochDay | null {
  return until ?? (since === null ? null : since + params.days + (extended ? params.extension_days : 0));
}

export interface PlanPendingParams {
  readonly days: number;
  readonly extension_days: number;
}

/**
 * UK: while the debtor arranges a repayment plan with a debt adviser, collection pauses for
 * 30 days after flag_since, extendable once by 30 (flag plan_pending_extended); flag_until
 * records an earlier end. Source: CONC 7.3.11R, 7.3.12G.
 */
export function planPendingRule(params: PlanPendingParams): RuleCheck {
  const range = (s: Situation): DateRange => {
    const since = s.debtor.flagSince.get('plan_pending') ?? null;
    return { from: since, to: planPendingLastDay(since, s.debtor.flagUntil.get('plan_pending') ?? null, s.debtor.flags.has('plan_pending_extended'), params) };
  };
  return flagRule({
    flags: ['plan_pending'],
    range,
    stops: (s) => s.purpose === 'collect',
    describe: (s) => {
      const r = rangeText(range(s));
      const extended = s.debtor.flags.has('plan_pending_extended');
      return {
        en: `The debtor is arranging a repayment plan with a debt adviser; collection is paused (${r.en}${extended ? ', already extended once' : ''}).`,
        zh: `债务人正与债务顾问制定还款计划，催收暂停（${r.zh}${extended ? '，已延期一次' : ''}）。`,
      };
    },
  });
}
