import type { Situation } from '../types.ts';
import { CHANNEL_NAMES } from '../explain/phrases.ts';
import type { Explanation, RuleCheck } from './rule.ts';
import { NEVER } from './rule.ts';

function optedOutOfChannel(s: Situation): boolean {
  return s.party === 'debtor' && s.debtor.optOuts.size !== 0 && s.debtor.optOuts.has(s.channel);
}

function optOutText(s: Situation): Explanation {
  const channel = CHANNEL_NAMES[s.channel];
  return { en: `The debtor asked not to be contacted by ${channel.en}.`, zh: `债务人已拒绝通过${channel.zh}联系。` };
}

/** Why the contact point cannot be used, or null when it can (or is not given). */
function contactPointProblem(s: Situation): Explanation | null {
  const point = s.contactPoint;
  if (point === null) return null;
  if (point.optedOut) return { en: 'This contact point is opted out.', zh: '该联系方式已被拒绝使用。' };
  if (point.owner !== s.party || (s.party === 'third_party' && point.thirdPartyId !== s.thirdPartyId)) {
    return s.party === 'debtor'
      ? { en: 'This contact point does not belong to the debtor.', zh: '该联系方式不属于债务人本人。' }
      : { en: `This contact point does not belong to third party ${s.thirdPartyId ?? ''}.`, zh: `该联系方式不属于第三方${s.thirdPartyId ?? ''}。` };
  }
  return null;
}

/**
 * All packs: a channel needs a contact point that belongs to the person addressed and is not
 * opted out. With `includeChannelOptOuts` the debtor's per-channel refusals are checked here
 * too (CN, UK); the US reports them under its own medium_opt_out rule.
 */
export function consentRule(includeChannelOptOuts: boolean): RuleCheck {
  return {
    earliestFrom(s, t) {
      if (includeChannelOptOuts && optedOutOfChannel(s)) return NEVER;
      return contactPointProblem(s) === null ? t : NEVER;
    },
    explain(s) {
      const texts: Explanation[] = [];
      if (includeChannelOptOuts && optedOutOfChannel(s)) texts.push(optOutText(s));
      const problem = contactPointProblem(s);
      if (problem !== null) texts.push(problem);
      return { en: texts.map((x) => x.en).join(' '), zh: texts.map((x) => x.zh).join('') };
    },
  };
}

/**
 * US: no e-mail to an address the debtor's employer gave them, unless the debtor gave it to us
 * themselves (consent) or wrote to us from it. Source: 12 CFR 1006.22(f)(3).
 */
export function workEmailRule(): RuleCheck {
  const blocked = (s: Situation) => s.channel === 'email' && s.contactPoint !== null && s.contactPoint.employerProvided === true && s.contactPoint.consented !== true;
  return {
    earliestFrom: (s, t) => (blocked(s) ? NEVER : t),
    explain: () => ({
      en: 'This is a work e-mail address (the employer\'s): no e-mail to it unless the debtor gave it to us or wrote to us from it.',
      zh: '这是单位提供的工作邮箱：除非债务人亲自提供或用它给我们写过信，否则不得向其发送邮件。',
    }),
  };
}

/** US: a medium the debtor asked us not to use stays blocked. Source: 12 CFR 1006.14(h). */
export function mediumOptOutRule(): RuleCheck {
  return {
    earliestFrom(s, t) {
      return optedOutOfChannel(s) ? NEVER : t;
    },
    explain: optOutText,
  };
}
