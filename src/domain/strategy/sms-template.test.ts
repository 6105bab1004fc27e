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
