import type { Situation } from '../types.ts';
import type { Explanation, RuleCheck } from './rule.ts';
import { NEVER } from './rule.ts';

/** Account states in which the agency no longer holds the debt to collect. */
export const FINISHED_STATUSES = ['recalled', 'paid', 'settled', 'closed'] as const;
export type FinishedStatus = (typeof FINISHED_STATUSES)[number];
/** The finished statuses in the screens' Chinese words. */
export const FINISHED_ZH: Readonly<Record<FinishedStatus, string>> = { paid: '已结清', settled: '减免结清', recalled: '已退案', closed: '已关闭' };

const WHY: Record<FinishedStatus, Explanation> = {
  recalled: { en: 'The creditor recalled this account: it is no longer the agency\'s to collect', zh: '该账户已被委托方退案，本机构已无权催收' },
  paid: { en: 'This account is paid in full: there is nothing to collect', zh: '该账户已结清，没有可催收的欠款' },
  settled: { en: 'This account was settled: there is nothing to collect', zh: '该账户已减免结清，没有可催收的欠款' },
  closed: { en: 'This account is closed: it is no longer the agency\'s to collect', zh: '该账户已关闭，本机构已无权催收' },
};

function finished(s: Situation): FinishedStatus | null {
  const status = s.account.status;
  return status !== undefined && status !== null && (FINISHED_STATUSES as readonly string[]).includes(status) ? status as FinishedStatus : null;
}

/**
 * All packs: the agency collects only what a creditor has placed with it and is still owed. A
 * recalled (退案), paid, settled or closed account gets no collection or location contact;
 * a notice (a letter saying the account is paid or returned) may go. An account whose status is
 * not stated is not judged by this rule. Source: the agency's mandate (委托合同).
 */
export function mandateRule(): RuleCheck {
  return {
    earliestFrom(s, t) {
      return finished(s) !== null && s.purpose !== 'notice' ? NEVER : t;
    },
    explain(s) {
      const why = WHY[finished(s)!];
      return { en: `${why.en}; only notices may be sent.`, zh: `${why.zh}；只可发送通知。` };
    },
  };
}

/**
 * All packs: a debtor keeping to an instalment plan the creditor approved (account status
 * `in_plan`) is not called or visited to collect: contact is limited to reminders of the plan, by
 * text, e-mail or letter (DOMAIN.md, "In plan"); notices and location contacts go as ever. When a
 * missed instalment defaults the plan the account is active again and this rule no longer applies.
 * Source: the agency's mandate and the creditor's approval of the plan.
 */
export function inPlanRule(): RuleCheck {
  const applies = (s: Situation) => s.account.status === 'in_plan' && s.purpose === 'collect' && (s.channel === 'call' || s.channel === 'visit');
  return {
    earliestFrom(s, t) {
      return applies(s) ? NEVER : t;
    },
    explain() {
      return {
        en: 'The debtor is on an instalment plan the creditor approved: no collection calls or visits while it runs; remind them of its instalments by text, e-mail or letter.',
        zh: '债务人正在履行委托方批准的分期还款计划（分期中）：计划期间不得电话或上门催收，可通过短信、邮件或信函提醒分期还款。',
      };
    },
  };
}
