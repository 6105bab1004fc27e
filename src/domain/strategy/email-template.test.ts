import { describe, expect, it } from 'vitest';
import { localDate } from '../calendar.ts';
import { fen } from '../money.ts';
import { emailTemplate, portalCodeEmail } from './email-template.ts';
import { SMS_TEMPLATES } from './sms-template.ts';

/** The facts a template applies to: an instalment reminder to an account on a plan with an instalment left (the others to any). */
function applying<F extends object>(template: string, facts: F): F {
  return template === 'instalment_reminder' ? { ...facts, inPlan: true, instalment: { amountFen: fen(33_334), dueDate: localDate(2026, 4, 15) } } : facts;
}

const URL = 'https://agency.example/my/unsubscribe/42-abc';
const promise = { amountFen: fen(50_000), dueDate: localDate(2026, 4, 8) };

describe('e-mail templates', () => {
  it('US, to a debtor who reads Spanish: the English text, then the same in Spanish, and the way to stop e-mails in both', () => {
    const facts = { creditorName: 'First Prairie Bank', accountNoMask: '4111********1234', promise, pack: 'US', language: 'es' };
    const mail = emailTemplate('promise_reminder', facts, URL)!;
    expect(mail.subject).toBe('Your account ending 1234 / Su cuenta que termina en 1234');
    const at = (text: string) => mail.body.indexOf(text);
    const order = ['This is a message from a debt collector', 'You agreed to pay $500.00 by April 8, 2026', 'Este es un mensaje de un cobrador de deudas',
      'Usted acordó pagar $500.00 a más tardar el 8 de abril de 2026', `To stop e-mails from us, open this link: ${URL}`,
      `Para dejar de recibir nuestros correos electrónicos, abra este enlace: ${URL}`];
    for (const text of order) expect(at(text), text).toBeGreaterThanOrEqual(0);
    expect(order.map(at)).toEqual([...order.map(at)].sort((a, b) => a - b));
    expect(mail.body).not.toContain('4111');
  });
  it("US, New York City's rules on a debt that may be time-barred: New York's notice after what the e-mail asks, in each of its languages", () => {
    const notice = { en: 'New York State regulations require us to tell you the following.', es: 'Las normas del Estado de Nueva York nos obligan a informarle lo siguiente.' };
    const facts = { creditorName: 'First Prairie Bank', accountNoMask: '4111********1234', promise, pack: 'US', language: 'es', timeBarNotice: notice,
      agencyPhone: '(312) 555-0148' };
    for (const template of SMS_TEMPLATES) {
      const body = emailTemplate(template, applying(template, facts), URL)!.body;
      const at = (text: string) => body.indexOf(text);
      const order = ['This is a message from a debt collector', notice.en, 'Este es un mensaje de un cobrador de deudas', notice.es, 'To stop e-mails from us'];
      for (const text of order) expect(at(text), `${template}: ${text}`).toBeGreaterThanOrEqual(0);
      expect(order.map(at), template).toEqual([...order.map(at)].sort((a, b) => a - b));
    }
    expect(emailTemplate('overdue_reminder', { ...facts, timeBarNotice: null }, URL)!.body).not.toContain('New York');
  });
  it('a portal code to a US debtor who reads Spanish: English, then Spanish, the way to stop e-mails in both; US English only otherwise', () => {
    const mail = portalCodeEmail('123456', 10, URL, 'US', 'es');
    expect(mail.subject).toBe('Your code / Su código');
    expect(mail.body).toBe('This is a message from a debt collector. Your code: 123456. It expires in 10 minutes; do not tell anyone.\n\n'
      + 'Este es un mensaje de un cobrador de deudas. Su código: 123456. Vence en 10 minutos; no se lo diga a nadie.\n\n'
      + `To stop e-mails from us, open this link: ${URL}\nPara dejar de recibir nuestros correos electrónicos, abra este enlace: ${URL}\n`);
    expect(portalCodeEmail('123456', 10, URL, 'US', null).subject).toBe('Your code');
    expect(portalCodeEmail('123456', 10, URL, 'UK', 'es').body).not.toContain('Su código');
  });
  it('US: English only, from a debt collector, the way to stop e-mails in every one, and never the balance or the full account number', () => {
    const facts = { creditorName: 'First Prairie Bank', accountNoMask: '4111********1234', promise, pack: 'US', agencyPhone: '(312) 555-0148' };
    for (const template of SMS_TEMPLATES) {
      const mail = emailTemplate(template, applying(template, facts), URL)!;
      expect(mail.subject).toBe('Your account ending 1234');
      expect(mail.body.startsWith('This is a message from a debt collector about your First Prairie Bank account ending 1234.'), template).toBe(true);
      expect(mail.body.trimEnd().endsWith(`To stop e-mails from us, open this link: ${URL}`), template).toBe(true);
      expect(mail.body).not.toMatch(/[\u4e00-\u9fff]/);
      expect(mail.body).not.toContain('4111');
      expect(mail.body).not.toContain('STOP');
    }
    expect(emailTemplate('promise_reminder', facts, URL)!.body).toContain('You agreed to pay $500.00 by April 8, 2026');
  });

  it('UK: names the creditor\'s collection agency, not a debt collector', () => {
    const mail = emailTemplate('call_back', { creditorName: 'Thames Card', accountNoMask: '5555****9876', promise: null, pack: 'UK', agencyPhone: '020 7946 0018' }, URL)!;
    expect(mail.body.startsWith('This is a message from Thames Card\'s collection agency about your account ending 9876.')).toBe(true);
    expect(mail.body).toContain(URL);
  });

  it('US, UK: a call-back e-mail gives the country\'s number and asks for a call only (replies to e-mails are not read); with no number it does not go', () => {
    const us = { creditorName: 'First Prairie Bank', accountNoMask: '4111********1234', promise: null, pack: 'US', agencyPhone: '(312) 555-0148' };
    expect(emailTemplate('call_back', us, URL)!.body).toBe('This is a message from a debt collector about your First Prairie Bank account ending 1234.\n\n'
      + `We could not reach you; please call us back at (312) 555-0148.\n\nTo stop e-mails from us, open this link: ${URL}\n`);
    const spanish = emailTemplate('call_back', { ...us, language: 'es' }, URL)!.body;
    expect(spanish).toContain('\n\nNo pudimos comunicarnos con usted; por favor llámenos al (312) 555-0148.\n\n');
    expect(spanish).not.toMatch(/reply|responda/);
    expect(emailTemplate('call_back', { ...us, pack: 'UK', agencyPhone: '020 7946 0018' }, URL)!.body).toContain('please call us back on 020 7946 0018.\n');
    for (const agencyPhone of [null, undefined, ' ']) {
      for (const pack of ['US', 'UK']) expect(emailTemplate('call_back', { ...us, pack, agencyPhone }, URL), `${pack} ${agencyPhone}`).toBeNull();
    }
    // The other templates ask for no call back: they go without the number.
    expect(emailTemplate('overdue_reminder', { ...us, agencyPhone: null }, URL)).not.toBeNull();
  });

  it('China: Chinese then English, the opt-out link in both, and a promise reminder has nothing to say without a promise', () => {
    const facts = { creditorName: '华裕银行', accountNoMask: '6222********1234', promise: null };
    const mail = emailTemplate('overdue_reminder', facts, URL)!;
    expect(mail.subject).toBe('关于您尾号1234的账户 / Your account ending 1234');
    expect(mail.body.startsWith('【华裕银行】您好，您尾号1234的账户已逾期')).toBe(true);
    expect(mail.body).toContain(`请打开此链接退订：${URL}`);
    expect(mail.body).toContain(`To stop e-mails from us, open this link: ${URL}`);
    expect(emailTemplate('promise_reminder', facts, URL)).toBeNull();
    expect(emailTemplate('promise_reminder', { ...facts, promise }, URL)!.body).toContain('2026-04-08');
    // The call-back text as an e-mail asks for a call at the agency's Chinese line (replies to e-mails are not read), never a reply "to this SMS".
    const callBack = emailTemplate('call_back', { ...facts, agencyPhone: '400-800-1234' }, URL)!.body;
    expect(callBack).toContain('请方便时拨打400-800-1234回电。');
    expect(callBack).toContain('please call us back at 400-800-1234.');
    expect(callBack).not.toMatch(/短信|reply/);
    // Without a number to give, such an e-mail would ask for nothing the debtor can do: it does not go.
    expect(emailTemplate('call_back', facts, URL)).toBeNull();
    expect(emailTemplate('call_back', { ...facts, agencyPhone: ' ' }, URL)).toBeNull();
  });
});
