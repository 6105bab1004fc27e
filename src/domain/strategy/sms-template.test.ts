import { describe, expect, it } from 'vitest';
import { localDate } from '../calendar.ts';
import { fen } from '../money.ts';
import { portalCodeSms, portalLinkSms, SMS_TEMPLATES, smsTemplateBody } from './sms-template.ts';
import { emailTemplate } from './email-template.ts';

/** The facts a template applies to: an instalment reminder to an account on a plan with an instalment left (the others to any). */
function applying<F extends object>(template: string, facts: F): F {
  return template === 'instalment_reminder' ? { ...facts, inPlan: true, instalment: { amountFen: fen(33_334), dueDate: localDate(2026, 4, 15) } } : facts;
}

describe('SMS templates', () => {
  const facts = { creditorName: '华裕银行', accountNoMask: '6222********1234', promise: null };
  it('fill in the creditor and the last four digits, never the balance', () => {
    for (const template of SMS_TEMPLATES) {
      const body = smsTemplateBody(template, applying(template, { ...facts, promise: { amountFen: fen(150_000), dueDate: localDate(2026, 3, 9) } }))!;
      expect(body.startsWith('【华裕银行】'), template).toBe(true);
      expect(body).toContain('1234');
      expect(body).not.toContain('6222');
    }
    expect(smsTemplateBody('overdue_reminder', facts)).toBe('【华裕银行】您好，您尾号1234的账户已逾期，请尽快还款或联系我们商量还款安排。' +
      ' Your account ending 1234 is overdue; please pay or contact us to arrange a plan.');
    // On an approved instalment plan the account is not overdue: no such text (nor e-mail), whoever asks.
    expect(smsTemplateBody('overdue_reminder', { ...facts, inPlan: true })).toBeNull();
    expect(emailTemplate('overdue_reminder', { ...facts, inPlan: true }, 'https://x.example/my/unsubscribe/1')).toBeNull();
    expect(smsTemplateBody('call_back', { ...facts, inPlan: true })).not.toBeNull();
  });
  it('a call-back text gives the agency\'s Chinese line to call, or without one asks only for a reply', () => {
    expect(smsTemplateBody('call_back', { ...facts, agencyPhone: '400-800-1234' })).toBe('【华裕银行】您好，关于您尾号1234的账户，我们未能联系到您，请方便时拨打400-800-1234回电或回复本短信。'
      + ' We could not reach you about your account ending 1234; please call us back at 400-800-1234 or reply to this message.');
    const bare = smsTemplateBody('call_back', facts)!;
    expect(bare).toContain('请方便时回复本短信。');
    expect(bare).not.toMatch(/回电|call us/);
  });
  it("an instalment reminder names the plan's next instalment (what is left of it, and by when), and only on a plan with one left", () => {
    const instalment = { amountFen: fen(33_334), dueDate: localDate(2026, 4, 15) };
    expect(smsTemplateBody('instalment_reminder', { ...facts, inPlan: true, instalment })).toBe(
      '【华裕银行】您好，您尾号1234的账户分期还款计划的下一期¥333.34应于2026-04-15前还款，请按时还款。'
      + ' Reminder: the next instalment of CNY 333.34 on account ending 1234 is due by 2026-04-15.');
    expect(smsTemplateBody('instalment_reminder', { ...facts, inPlan: true, instalment: null })).toBeNull();
    expect(smsTemplateBody('instalment_reminder', { ...facts, inPlan: false, instalment })).toBeNull();   // the plan ended: no reminder of it
    const us = { creditorName: 'First Prairie Bank', accountNoMask: '4111********1234', promise: null, pack: 'US', inPlan: true, instalment };
    expect(smsTemplateBody('instalment_reminder', us)).toBe('This is a message from a debt collector about your First Prairie Bank account ending 1234. '
      + 'The next instalment of your payment plan, $333.34, is due by April 15, 2026; thank you for keeping to it. Reply STOP to opt out of texts.');
    expect(smsTemplateBody('instalment_reminder', { ...us, language: 'es' })).toContain('La próxima cuota de su plan de pagos, $333.34, vence el 15 de abril de 2026');
    expect(smsTemplateBody('instalment_reminder', { ...us, pack: 'UK' })).toContain('£333.34, is due by 15 April 2026');
    expect(emailTemplate('instalment_reminder', us, 'https://x.example/my/unsubscribe/1')!.body).toContain('The next instalment of your payment plan, $333.34');
    expect(emailTemplate('instalment_reminder', { ...us, inPlan: false }, 'https://x.example/my/unsubscribe/1')).toBeNull();
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
      const body = smsTemplateBody(template, applying(template, { ...us, promise }))!;
      expect(body, template).toMatch(/^This is a message from a debt collector .* Reply STOP to opt out of texts\.$/);
      expect(body).not.toMatch(/[\u4e00-\u9fff]/);
      expect(body).not.toContain('4111');
    }
  });
  it("US, New York City's rules on a debt that may be time-barred: every text carries New York's notice before the way to stop texts", () => {
    const notice = { en: 'New York State regulations require us to tell you the following.', es: 'Las normas del Estado de Nueva York nos obligan a informarle lo siguiente.' };
    for (const template of SMS_TEMPLATES) {
      expect(smsTemplateBody(template, applying(template, { ...us, promise, timeBarNotice: notice }))!, template)
        .toMatch(/^This is a message from a debt collector .* New York State regulations require us to tell you the following\. Reply STOP to opt out of texts\.$/);
      expect(smsTemplateBody(template, applying(template, { ...us, promise, language: 'es', timeBarNotice: notice }))!, template)
        .toMatch(/ Las normas del Estado de Nueva York nos obligan a informarle lo siguiente\. Responda STOP para no recibir más mensajes de texto\.$/);
    }
    expect(smsTemplateBody('overdue_reminder', { ...us, pack: 'UK', timeBarNotice: notice })).not.toContain('New York');
  });
  it('US, to a debtor who reads Spanish: the same in Spanish, from a debt collector, with the way to stop texts; anyone else, or a UK debtor, English', () => {
    const es = { ...us, language: 'es' };
    expect(smsTemplateBody('overdue_reminder', es)).toBe('Este es un mensaje de un cobrador de deudas sobre su cuenta de First Prairie Bank que termina en 1234. '
      + 'Su cuenta está vencida; por favor pague o comuníquese con nosotros para acordar un pago que pueda cumplir. Responda STOP para no recibir más mensajes de texto.');
    expect(smsTemplateBody('promise_reminder', { ...es, promise })).toContain('Usted acordó pagar $500.00 a más tardar el 8 de abril de 2026; gracias por cumplirlo.');
    expect(smsTemplateBody('call_back', es)).toContain('No pudimos comunicarnos con usted');
    for (const template of SMS_TEMPLATES) expect(smsTemplateBody(template, applying(template, { ...es, promise }))!).not.toContain('4111');
    expect(smsTemplateBody('overdue_reminder', { ...us, language: 'en' })).toMatch(/^This is a message from a debt collector/);
    expect(smsTemplateBody('overdue_reminder', { ...es, pack: 'UK' })).toMatch(/^This is a message from First Prairie Bank's collection agency/);
  });
  it('UK: English, pounds and a British date, whose debt it is about, and STOP', () => {
    expect(smsTemplateBody('promise_reminder', { ...us, pack: 'UK', creditorName: 'Albion Bank', promise })).toBe(
      "This is a message from Albion Bank's collection agency about your account ending 1234. You agreed to pay £500.00 by 8 April 2026; "
      + 'thank you for keeping to it. Reply STOP to opt out of texts.');
    expect(smsTemplateBody('call_back', { ...us, pack: 'UK', creditorName: 'Albion Bank', agencyPhone: '020 7946 0018' }))
      .toContain('We could not reach you; please call us back on 020 7946 0018 or reply to this message.');
  });
  it('US, UK: the call-back text gives the country\'s number; with none set it asks for a reply only, never to call an unsaid number', () => {
    expect(smsTemplateBody('call_back', { ...us, agencyPhone: '(312) 555-0148' })).toBe('This is a message from a debt collector about your First Prairie Bank account ending 1234. '
      + 'We could not reach you; please call us back at (312) 555-0148 or reply to this message. Reply STOP to opt out of texts.');
    expect(smsTemplateBody('call_back', { ...us, agencyPhone: '(312) 555-0148', language: 'es' }))
      .toContain('No pudimos comunicarnos con usted; por favor llámenos al (312) 555-0148 o responda a este mensaje.');
    for (const agencyPhone of [null, undefined, '  ']) {
      for (const pack of ['US', 'UK']) {
        const body = smsTemplateBody('call_back', { ...us, pack, agencyPhone })!;
        expect(body, pack).toContain('We could not reach you; please reply to this message.');
        expect(body).not.toMatch(/call us|\d{3}-\d{4}/);
      }
      expect(smsTemplateBody('call_back', { ...us, agencyPhone, language: 'es' })).toContain('No pudimos comunicarnos con usted; por favor responda a este mensaje.');
    }
  });
});

describe('the portal\'s link and code by SMS', () => {
  it('CN: as before; US and UK: English with the opt-out, and the US one says it is from a debt collector; never anything about the debt', () => {
    // Signed with the agency's name (the sender its help centre names), never the software's; without one, nothing about a debt.
    expect(portalLinkSms('https://x.example/my/open/T', 7, 'CN', null, '安和信息服务')).toBe('【安和信息服务】您的个人服务链接（7天内有效，仅可使用一次）：https://x.example/my/open/T 请勿转发。');
    expect(portalLinkSms('https://x.example/my/open/T', 7)).toMatch(/^【客户服务】/);
    expect(portalLinkSms('https://x.example/my/open/T', 7, 'US')).toBe('This is a message from a debt collector. Your personal service link (valid 7 days, one use only): '
      + 'https://x.example/my/open/T Do not forward it. Reply STOP to opt out of texts.');
    expect(portalLinkSms('https://x.example/my/open/T?lang=es', 7, 'US', 'es')).toBe('Este es un mensaje de un cobrador de deudas. Su enlace personal '
      + '(válido 7 días, de un solo uso): https://x.example/my/open/T?lang=es No lo reenvíe. Responda STOP para no recibir más mensajes de texto.');
    expect(portalLinkSms('https://x.example/my/open/T', 7, 'UK', 'es')).toContain('Your personal service link');   // Spanish is a US matter
    expect(portalCodeSms('123456', 10, 'UK')).toBe('Your code: 123456. It expires in 10 minutes; do not tell anyone. Reply STOP to opt out of texts.');
    expect(portalCodeSms('123456', 10, 'CN', null, '安和信息服务')).toBe('【安和信息服务】验证码 123456，10分钟内有效。请勿告诉任何人。Your code: 123456');
    expect(portalCodeSms('123456', 10, 'US', 'es')).toBe('Este es un mensaje de un cobrador de deudas. Su código: 123456. Vence en 10 minutos; '
      + 'no se lo diga a nadie. Responda STOP para no recibir más mensajes de texto.');
  });
});
