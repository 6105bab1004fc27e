import { describe, expect, it } from 'vitest';
import { callDisclosure, voicemailMessage } from './disclosure.ts';

describe('what a collector says first on a call', () => {
  it('under a US contract: confirm the debtor, then the debt collector disclosure (1006.18(e)); nothing under other packs', () => {
    const us = callDisclosure('US', 'Leeway Recovery LLC', 'Jane Doe')!;
    expect(us.en).toMatch(/^First ask for Jane Doe and confirm it is them; say nothing about the debt to anyone else\. Then say: "This is Leeway Recovery LLC\. This is a communication from a debt collector\./);
    expect(us.zh).toContain('先请Jane Doe本人接听并核实身份');
    // Calls are recorded: said on every call, for the states where everyone on a call must know.
    expect(us.en).toContain('any information obtained will be used for that purpose. This call is being recorded."');
    expect(us.zh).toContain('This call is being recorded.”');
    expect(callDisclosure('CN', 'x', 'y')).toBeNull();
    expect(callDisclosure('UK', 'x', 'y')).toBeNull();
  });
});

describe('voicemailMessage: what may be left on a voicemail under a US contract', () => {
  it('is a limited-content message: the agency, a request to call back, a name and a number, nothing about the debt', () => {
    const us = voicemailMessage('US', 'Anhe Information Services', '(312) 555-0199')!;
    expect(us.en).toContain('"Hello, this is [your name] calling from Anhe Information Services. Please call me back at (312) 555-0199. Thank you."');
    expect(us.en).toContain('12 CFR 1006.2(j)');
    expect(voicemailMessage('US', 'Anhe Information Services', null)!.en).toContain('Please call me back. Thank you."');
  });
  it('is "leave none" when the agency\'s name says it collects debts; none under other packs', () => {
    for (const name of ['Leeway Recovery LLC', 'Prairie Debt Services', 'ABC Collections']) {
      expect(voicemailMessage('US', name, '(312) 555-0199')!.en).toMatch(/^Leave no voicemail/);
    }
    expect(voicemailMessage('CN', 'x', null)).toBeNull();
    expect(voicemailMessage('UK', 'x', null)).toBeNull();
  });
});
