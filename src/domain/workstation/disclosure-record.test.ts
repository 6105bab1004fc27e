import { describe, expect, it } from 'vitest';
import { disclosureAsked, disclosureProblem } from './disclosure-record.ts';
import { OUTCOME_CODES, outcomeCode } from './outcomes.ts';

const code = (c: string) => outcomeCode(c)!;

describe('the debt collector disclosure, recorded per conversation', () => {
  it('is asked for every call or visit with the debtor themself under a US contract, and nothing else', () => {
    const asked = OUTCOME_CODES.filter((o) => disclosureAsked('US', 'call', o)).map((o) => o.code);
    expect(asked).toEqual(['right_party', 'promise', 'callback_requested', 'refuses', 'disputes', 'hardship', 'paid_claimed']);
    expect(disclosureAsked('US', 'visit', code('promise'))).toBe(true);
    // A voicemail, a third party, a text: not a conversation with the debtor.
    for (const o of ['voicemail', 'third_party', 'connected', 'no_answer']) expect(disclosureAsked('US', 'call', code(o))).toBe(false);
    expect(disclosureAsked('US', 'sms', code('sms_reply'))).toBe(false);
    // Chinese and UK contracts ask for no set words.
    expect(disclosureAsked('CN', 'call', code('right_party'))).toBe(false);
    expect(disclosureAsked('UK', 'call', code('right_party'))).toBe(false);
    expect(disclosureAsked(null, 'call', code('right_party'))).toBe(false);
  });

  it('refuses a record that leaves it unsaid where asked, or says it where not; a "no" is a record like a "yes"', () => {
    expect(disclosureProblem('US', 'call', code('right_party'), undefined)?.en).toContain('disclosure_given true or false');
    expect(disclosureProblem('US', 'call', code('right_party'), null)?.zh).toContain('催收身份声明');
    expect(disclosureProblem('US', 'call', code('right_party'), true)).toBeNull();
    expect(disclosureProblem('US', 'call', code('right_party'), false)).toBeNull();
    expect(disclosureProblem('CN', 'call', code('right_party'), true)?.en).toContain('only for a call or visit with the debtor themself under a US contract');
    expect(disclosureProblem('US', 'call', code('voicemail'), false)).not.toBeNull();
    expect(disclosureProblem('CN', 'call', code('right_party'), undefined)).toBeNull();
  });
});
