import { parseLocalDate } from '../time/civil.ts';
import type { EpochDay, Situation } from '../types.ts';
import type { RuleCheck } from './rule.ts';
import { NEVER } from './rule.ts';
import { earliestOutsideAll, type DateRange } from './windows.ts';

/** Stated, and no notice sent: the account's debtor has not yet been told what is collected, for whom, and how to dispute it. */
function notYetSent(s: Situation): boolean {
  return s.account.validationNoticeSentOn === null;
}

/**
 * The debtor's days when the notice had surely not been sent yet (a contact judged at a time before
 * its sending: an audit replayed). Its date is the agency's, which may be a day ahead of the
 * debtor's (sent on 2 March in Shanghai while Peoria is still on 1 March): the day before it is
 * given the benefit of that doubt.
 */
function beforeSending(s: Situation): DateRange | null {
  const sent = s.account.validationNoticeSentOn == null ? null : parseLocalDate(s.account.validationNoticeSentOn);
  return sent === null ? null : { from: null, to: (sent - 2) as EpochDay };
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
      if (s.purpose !== 'collect') return t;
      if (notYetSent(s)) return NEVER;
      const before = beforeSending(s);
      return before === null ? t : earliestOutsideAll(s.debtor.zones, t, [before]);
    },
    explain(s) {
      if (!notYetSent(s)) {
        return {
          en: `The validation notice (12 CFR 1006.34) was sent on ${s.account.validationNoticeSentOn}, after this time; no collection contact before it.`,
          zh: `债务确认通知（12 CFR 1006.34）于 ${s.account.validationNoticeSentOn} 寄出，晚于此时；寄出前不得催收联系。`,
        };
      }
      return {
        en: 'No validation notice (12 CFR 1006.34) has been sent on this account yet; it goes first, before any collection contact.',
        zh: '本账户尚未寄出债务确认通知（12 CFR 1006.34）；须先寄出该通知，才能进行催收联系。',
      };
    },
  };
}
