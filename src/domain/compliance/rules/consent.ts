import type { Situation } from '../types.ts';
import { allowedAgain, CHANNEL_NAMES, dateText } from '../explain/phrases.ts';
import { underNewYorkCityRules } from '../../language.ts';
import { earliestOutsideDates } from './windows.ts';
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

/**
 * US: e-mail only to an address in Regulation F's safe harbour against telling a third party
 * about the debt (12 CFR 1006.6(d)(3)-(4)): one the debtor gave us or wrote to us from
 * (`consented`), or one from the creditor once `notice_days` have passed since the creditor told
 * the debtor we may use it and how to opt out (1006.6(d)(4)(ii): at least 35 days). Anything else
 * (an address from a skip-trace vendor, or from a creditor that sent no such notice) gets no
 * e-mail: it may be someone else's, or read by someone else. Not judged when the contact point is
 * not given, or for other channels and parties.
 */
export function emailSafeHarborRule(p: Readonly<Record<'notice_days', number>>): RuleCheck {
  const noticeOf = (s: Situation) => s.contactPoint?.creditorNoticeOn ?? null;
  const judged = (s: Situation) => s.channel === 'email' && s.party === 'debtor' && s.contactPoint !== null && s.contactPoint.consented !== true;
  return {
    earliestFrom(s, t) {
      if (!judged(s)) return t;
      const notice = noticeOf(s);
      return notice === null ? NEVER : earliestOutsideDates(s.debtor.zones, t, null, notice + p.notice_days - 1);
    },
    explain(s, until) {
      const notice = noticeOf(s);
      if (notice === null || until === NEVER) {
        return {
          en: 'This e-mail address is not one the debtor gave us or wrote to us from, nor one the creditor told the debtor we may use: '
            + 'no e-mail to it (it may be read by someone else).',
          zh: '该邮箱既不是债务人亲自提供或用来给我们写过信的，也不是委托方已告知债务人我们可能使用的：不得向其发送邮件（可能被他人看到）。',
        };
      }
      const again = allowedAgain(s.debtor.zones[0], s.readAt ?? s.at, until);
      return {
        en: `The creditor told the debtor on ${dateText(notice)} that we may e-mail this address; they have ${p.notice_days} days to opt out: ${again.en}.`,
        zh: `委托方已于${dateText(notice)}告知债务人我们可能向该邮箱发送邮件；债务人有${p.notice_days}天可以拒绝：${again.zh}。`,
      };
    },
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

/**
 * US, New York City (DCWP's amended debt collection rules, in force since 2026-09-01 after three postponements; 6 RCNY 5-77,
 * U on the paragraph): no e-mail or text message to a consumer at an address or number they have
 * not agreed to be contacted at that way (`consented`: they gave it to us for that, or told a
 * collector they agree, recorded on the account page). The state is on file, not the city, so it
 * is applied to every New York debtor, and (the strict reading, as for Massachusetts's cap) to one
 * whose state is not known. Not judged when the contact point is not given, or for other channels
 * and parties.
 */
export function nycElectronicConsentRule(): RuleCheck {
  const blocked = (s: Situation) => (s.channel === 'sms' || s.channel === 'email') && s.party === 'debtor' && s.contactPoint !== null
    && s.contactPoint.consented !== true && underNewYorkCityRules('US', s.debtor.regionCode);
  return {
    earliestFrom: (s, t) => (blocked(s) ? NEVER : t),
    explain: (s) => {
      const channel = CHANNEL_NAMES[s.channel];
      const where = s.debtor.regionCode === null
        ? { en: "the debtor's state is not known, so New York City's rule applies", zh: '债务人所在州不明，按纽约市的规定' }
        : { en: 'the debtor lives in New York', zh: '债务人住在纽约州' };
      return {
        en: `No ${channel.en} to this ${s.channel === 'sms' ? 'number' : 'address'}: ${where.en}, where a debt collector may text or e-mail a consumer only `
          + 'where they agreed to it; record their agreement on the account page first.',
        zh: `不得向该${s.channel === 'sms' ? '号码' : '邮箱'}发送${channel.zh}：${where.zh}，催收方只能在债务人同意后向其发送短信或电子邮件；请先在案件页记录债务人的同意。`,
      };
    },
  };
}
