import type { Situation } from '../types.ts';
import type { RuleCheck } from './rule.ts';
import { NEVER } from './rule.ts';

/** Stated, and no notice sent: the account's debtor has not yet been told what is collected, for whom, and how to dispute it. */
function notYetSent(s: Situation): boolean {
  return s.account.validationNoticeSentOn === null;
}

/**
 * US: the validation notice (12 CFR 1006.34) goes before any collection contact. Regulation F
 * allows it within five days after the first communication; Leeway makes it the first, so no
 * call, message or letter asks a debtor for money before they have been told what the debt is
 * and how to dispute it. Location contacts and notices (the validation notice itself) go. Not
 * judged when the situation does not say whether a notice was sent.
 */
export function usValidationNoticeRule(): RuleCheck {
  return {
    earliestFrom(s, t) {
      return notYetSent(s) && s.purpose === 'collect' ? NEVER : t;
    },
    explain() {
      return {
        en: 'No validation notice (12 CFR 1006.34) has been sent on this account yet; it goes first, before any collection contact.',
        zh: '本账户尚未寄出债务确认通知（12 CFR 1006.34）；须先寄出该通知，才能进行催收联系。',
      };
    },
  };
}
