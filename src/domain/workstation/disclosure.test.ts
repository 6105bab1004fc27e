import { describe, expect, it } from 'vitest';
import { callDisclosure, chineseCallScript, voicemailMessage } from './disclosure.ts';

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

  it('for a debtor who reads Spanish, the same words in Spanish too; for anyone else none', () => {
    expect(callDisclosure('US', 'Leeway Recovery LLC', 'Jane Doe', 'es')!.es).toBe('"Le habla Leeway Recovery LLC. Esta es una comunicación de un cobrador de deudas. '
      + 'Este es un intento de cobrar una deuda y cualquier información que se obtenga se utilizará con ese fin. Esta llamada está siendo grabada."');
    expect(callDisclosure('US', 'Leeway Recovery LLC', 'Jane Doe', 'en')!.es).toBeUndefined();
    expect(voicemailMessage('US', 'Anhe Information Services', '(312) 555-0199', 'es')!.es)
      .toBe('"Hola, le habla [su nombre] de Anhe Information Services. Por favor, devuélvame la llamada al (312) 555-0199. Gracias."');
    expect(voicemailMessage('US', 'Anhe Information Services', null)!.es).toBeUndefined();
  });

  it("for a debt that may be past its time limit under New York City's rules: its notice is read on every call, after the disclosure", () => {
    const notice = { en: 'New York State regulations require us to tell you the following.', es: 'Las normas del Estado de Nueva York nos obligan a informarle lo siguiente.' };
    const told = callDisclosure('US', 'Leeway Recovery LLC', 'Jane Doe', 'es', notice)!;
    expect(told.en).toMatch(/This call is being recorded\." \(12 CFR .*Cal\. Penal Code 632\) Then, because this debt may be past its time limit, read on every call \(New York City's rules, 6 RCNY 5-77; wording not yet confirmed by compliance\): "New York State regulations require us to tell you the following\."$/);
    expect(told.zh).toMatch(/然后，因这笔债务可能已过诉讼时效，每次通话都要宣读（纽约市规定，6 RCNY 5-77；措辞待合规确认）：“New York State regulations require us to tell you the following\.”$/);
    expect(told.es).toMatch(/Esta llamada está siendo grabada\." "Las normas del Estado de Nueva York nos obligan a informarle lo siguiente\."$/);
    expect(callDisclosure('US', 'Leeway Recovery LLC', 'Jane Doe', null, null)!.en).not.toContain('time limit');
  });

  it('under a Chinese contract: confirm the debtor, then who calls for which bank about which account, and that the call is recorded', () => {
    const cn = chineseCallScript({ agencyName: '安和信息服务有限公司', collectorId: 'c1042', creditorName: '华裕银行', accountLast4: '2222', debtorName: '张三' });
    expect(cn.zh).toBe('先请张三本人接听并核实身份，不得向其他任何人透露债务信息。然后说：“您好，我是安和信息服务有限公司的催收员，工号c1042，'
      + '受华裕银行委托，就您尾号2222的账户逾期还款一事与您联系。本次通话将被录音。”（依据互联网金融逾期债务催收自律公约（试行），待合规确认）');
    expect(cn.en).toContain('collector no. c1042, calling for 华裕银行 about your overdue account ending 2222. This call is recorded.');
  });
});

describe('voicemailMessage: what may be left on a voicemail under a US contract', () => {
  it('is a limited-content message: the agency, a request to call back, a name and a number, nothing about the debt', () => {
    const us = voicemailMessage('US', 'Anhe Information Services', '(312) 555-0199')!;
    expect(us.en).toContain('"Hello, this is [your name] calling from Anhe Information Services. Please call me back at (312) 555-0199. Thank you."');
    expect(us.en).toContain('12 CFR 1006.2(j)');
  });
  it('without a US call-back number is "leave none", said to the collector with where the number is set; no number is made up or left out', () => {
    for (const phone of [null, '', '   ']) {
      const none = voicemailMessage('US', 'Anhe Information Services', phone, 'es')!;
      expect(none.en).toMatch(/^Leave no voicemail: the agency has no US call-back number set, and a limited-content message must give one \(12 CFR 1006\.2\(j\)\(1\)\(iv\)\)/);
      expect(none.en).toContain('"US phone" (phone_us)');
      expect(none.zh).toMatch(/^不要留言：本机构尚未设置美国回电号码/);
      // Nothing for the collector to read out, in any language.
      expect(none.en).not.toContain('Please call me back');
      expect(none.es).toBeUndefined();
    }
  });
  it('is "leave none" when the agency\'s name says it collects debts; none under other packs', () => {
    for (const name of ['Leeway Recovery LLC', 'Prairie Debt Services', 'ABC Collections']) {
      expect(voicemailMessage('US', name, '(312) 555-0199')!.en).toMatch(/^Leave no voicemail/);
    }
    expect(voicemailMessage('CN', 'x', null)).toBeNull();
    expect(voicemailMessage(null, 'x', '(312) 555-0199')).toBeNull();
  });
});

describe('voicemailMessage under a UK contract: the agency\'s name and its UK number, nothing of the debt', () => {
  it('gives the UK number in British words, with why nothing else may be said', () => {
    const uk = voicemailMessage('UK', 'Anhe Information Services', '020 7946 0018', 'es')!;
    expect(uk.en).toBe('On a voicemail, or to anyone but the debtor, leave only: "Hello, this is [your name] calling from Anhe Information Services. '
      + 'Please call me back on 020 7946 0018. Thank you." Nothing about the debt, the creditor or the account, and no other reason for the call '
      + '(third parties must not learn of the debt, CONC 7.9.7R; the debtor must not be misled about why to call, CONC 7.9.2R).');
    expect(uk.zh).toContain('"Hello, this is [your name] calling from Anhe Information Services. Please call me back on 020 7946 0018. Thank you."');
    expect(uk.es).toBeUndefined();   // Spanish is a US debtor's
  });
  it('without a UK number, or with a name that says it collects debts: leave none, and where the number is set', () => {
    for (const phone of [null, ' ']) {
      const none = voicemailMessage('UK', 'Anhe Information Services', phone)!;
      expect(none.en).toMatch(/^Leave no voicemail: the agency has no UK call-back number set.*field "UK phone" \(phone_uk\)\.$/);
      expect(none.zh).toMatch(/^不要留言：本机构尚未设置英国回电号码.*“英国电话”（phone_uk）。$/);
      expect(none.en).not.toContain('call me back');
    }
    expect(voicemailMessage('UK', 'Thames Debt Recovery Ltd', '020 7946 0018')!.en).toMatch(/^Leave no voicemail: the agency's name \("Thames Debt Recovery Ltd"\) says it collects debts.*CONC 7\.9\.7R/);
  });
});
