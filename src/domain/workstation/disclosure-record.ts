import type { Bilingual } from '../errors.ts';
import type { OutcomeCode } from './outcomes.ts';

/**
 * Whether the debt collector disclosure (the "mini-Miranda") was given is recorded with every
 * conversation with the debtor under a US contract: a debt collector must say it is one in every
 * communication (12 CFR 1006.18(e)(2)), and the record is what shows, call by call, that it was
 * said (the collector's word, beside the recording). Asked for a call or visit whose outcome is a
 * conversation with the debtor themself; not for a voicemail (the limited-content message carries
 * no disclosure), a third party (who must hear nothing of the debt) or anything written (the
 * texts and letters carry it in their words).
 */
export function disclosureAsked(pack: string | null | undefined, channel: string, outcome: OutcomeCode): boolean {
  return pack === 'US' && (channel === 'call' || channel === 'visit') && outcome.rightParty;
}

/**
 * The refusal of a contact record that says too little or too much about the disclosure: asked and
 * not answered (true or false: a "no" is recorded as it happened, never refused), or answered where
 * it is not asked. Null when the record is right.
 */
export function disclosureProblem(pack: string | null | undefined, channel: string, outcome: OutcomeCode, given: boolean | null | undefined): Bilingual | null {
  const asked = disclosureAsked(pack, channel, outcome);
  if (asked && (given === null || given === undefined)) {
    return {
      en: 'Say whether you gave the debt collector disclosure on this conversation ("This is a communication from a debt collector", 12 CFR 1006.18(e)): disclosure_given true or false',
      zh: '请记录本次与债务人本人的通话中是否已告知催收身份声明（“This is a communication from a debt collector”，12 CFR 1006.18(e)）：disclosure_given 为 true 或 false',
    };
  }
  if (!asked && given !== null && given !== undefined) {
    return {
      en: 'Whether the debt collector disclosure was given is recorded only for a call or visit with the debtor themself under a US contract',
      zh: '只有美国合同下与债务人本人的电话或上门，才记录是否告知催收身份声明',
    };
  }
  return null;
}
