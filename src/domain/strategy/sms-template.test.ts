import { describe, expect, it } from 'vitest';
import { localDate } from '../calendar.ts';
import { fen } from '../money.ts';
import { SMS_TEMPLATES, smsTemplateBody } from './sms-template.ts';

describe('SMS templates', () => {
  const facts = { creditorName: '华裕银行', accountNoMask: '6222********1234', promise: null };
  it('fill in the creditor and the last four digits, never the balance', () => {
    for (const template of SMS_TEMPLATES) {
      const body = smsTemplateBody(template, { ...facts, promise: { amountFen: fen(150_000), dueDate: localDate(2026, 3, 9) } })!;
      expect(body.startsWith('【华裕银行】'), template).toBe(true);
      expect(body).toContain('1234');
      expect(body).not.toContain('6222');
    }
    expect(smsTemplateBody('overdue_reminder', facts)).toBe('【华裕银行】您好，您尾号1234的账户已逾期，请尽快还款或联系我们商量还款安排。' +
      ' Your account ending 1234 is overdue; please pay or contact us to arrange a plan.');
  });
  it('a promise reminder repeats the debtor\'s own promise, and has nothing to say without one', () => {
    expect(smsTemplateBody('promise_reminder', facts)).toBeNull();
    const body = smsTemplateBody('promise_reminder', { ...facts, promise: { amountFen: fen(150_000), dueDate: localDate(2026, 3, 9) } });
    expect(body).toContain('2026-03-09');
    expect(body).toContain('1,500.00');
  });
});

describe('SMS under a US or UK contract', () => {
  const us = { creditorName: 'First Prairie Bank', accountNoMask: '4111********1234', promise: null, pack: 'US' };
  const promise = { amountFen: fen(50_000), dueDate: localDate(2026, 4, 8) };
  it('US: English only, from a debt collector (1006.18(e)), with a way to opt out of texts (1006.6(e)) in every one', () => {
    expect(smsTemplateBody('overdue_reminder', us)).toBe('This is a message from a debt collector about your First Prairie Bank account ending 1234. '
      + 'It is past due; please pay or contact us to arrange a payment you can manage. Reply STOP to opt out of texts.');
    expect(smsTemplateBody('promise_reminder', { ...us, promise })).toBe('This is a message from a debt collector about your First Prairie Bank account ending 1234. '
      + 'You agreed to pay $500.00 by April 8, 2026; thank you for keeping to it. Reply STOP to opt out of texts.');
    for (const template of SMS_TEMPLATES) {
      const body = smsTemplateBody(template, { ...us, promise })!;
      expect(body, template).toMatch(/^This is a message from a debt collector .* Reply STOP to opt out of texts\.$/);
      expect(body).not.toMatch(/[\u4e00-\u9fff]/);
      expect(body).not.toContain('4111');
    }
  });
  it('UK: English, pounds and a British date, whose debt it is about, and STOP', () => {
    expect(smsTemplateBody('promise_reminder', { ...us, pack: 'UK', creditorName: 'Albion Bank', promise })).toBe(
      "This is a message from Albion Bank's collection agency about your account ending 1234. You agreed to pay £500.00 by 8 April 2026; "
      + 'thank you for keeping to it. Reply STOP to opt out of texts.');
    expect(smsTemplateBody('call_back', { ...us, pack: 'UK', creditorName: 'Albion Bank' })).toContain('please call us back');
  });
});
