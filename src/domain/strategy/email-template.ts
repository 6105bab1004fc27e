/**
 * A collector's e-mail (电子邮件): the same three fixed templates as the SMS, never free text, so
 * no e-mail can threaten or shame, and none states the balance (a mailbox may be read by someone
 * else). The subject names only the account's last four digits.
 *
 * Every e-mail ends with how to stop e-mails: a link that opts the address out (12 CFR 1006.6(e):
 * each electronic communication carries a clear, simple way to opt out; the same link goes in the
 * List-Unsubscribe header). Under a US or UK contract it is English only (a US one says it is from
 * a debt collector, 1006.18(e)); under a Chinese one, Chinese then English.
 */
import { englishCountry } from '../country.ts';
import { licenceNotice } from '../licences.ts';
import { lastFour } from '../masking.ts';
import { readsSpanish } from '../language.ts';
import { callBackAsk, englishReminder, smsTemplateBody, spanishReminder, TEMPLATE_KIND, type ReminderFacts, type SmsTemplate } from './sms-template.ts';

export interface EmailText { subject: string; body: string }

/** How to stop e-mails, in Spanish (the link follows). */
const STOP_EMAIL_ES = 'Para dejar de recibir nuestros correos electrónicos, abra este enlace: ';

/**
 * A portal one-time code by e-mail (the debtor asked for it; no phone could take it), with the
 * opt-out link every e-mail ends with; to a US debtor who reads Spanish, in English and then Spanish.
 */
export function portalCodeEmail(code: string, minutes: number, unsubscribeUrl: string, pack?: string | null, language?: string | null): EmailText {
  const stopEn = `To stop e-mails from us, open this link: ${unsubscribeUrl}`;
  const english = englishCountry(pack);
  if (readsSpanish(pack, language)) {
    return { subject: 'Your code / Su código', body: `This is a message from a debt collector. Your code: ${code}. It expires in ${minutes} minutes; do not tell anyone.\n\n`
      + `Este es un mensaje de un cobrador de deudas. Su código: ${code}. Vence en ${minutes} minutos; no se lo diga a nadie.\n\n`
      + `${stopEn}\n${STOP_EMAIL_ES}${unsubscribeUrl}\n` };
  }
  if (english) {
    return { subject: 'Your code', body: `${english === 'US' ? 'This is a message from a debt collector. ' : ''}Your code: ${code}. `
      + `It expires in ${minutes} minutes; do not tell anyone.\n\n${stopEn}\n` };
  }
  return {
    subject: '您的验证码 / Your code',
    body: `验证码 ${code}，${minutes}分钟内有效。请勿告诉任何人。Your code: ${code}\n\n如不想再收到我们的邮件，请打开此链接退订：${unsubscribeUrl}\n${stopEn}\n`,
  };
}

/**
 * The template's e-mail for the account, or null when it does not apply (a promise reminder without
 * an open promise; a call-back with no number of the contract's country to give: callBackAsk, and
 * for a CN contract no `phone` on the Chinese contact page). Replies to e-mails are not read, so a call-back e-mail asks for a call only.
 */
export function emailTemplate(template: SmsTemplate, facts: ReminderFacts, unsubscribeUrl: string): EmailText | null {
  if (template === 'promise_reminder' && facts.promise === null) return null;
  if (template === 'overdue_reminder' && facts.inPlan === true) return null;
  if (template === 'instalment_reminder' && (facts.inPlan !== true || !facts.instalment)) return null;
  const last4 = lastFour(facts.accountNoMask);
  const stopEn = `To stop e-mails from us, open this link: ${unsubscribeUrl}`;
  const english = englishCountry(facts.pack);
  if (english) {
    if (template === 'call_back' && callBackAsk('en', facts, 'email') === null) return null;
    const { opening, middle } = englishReminder(TEMPLATE_KIND[template], facts, english, 'email');
    // The agency's licences for the debtor's state and city, under the text (US).
    const licensed = (language: 'en' | 'es') => {
      if (english !== 'US') return '';
      const { lines, paragraph } = licenceNotice(facts.licences ?? [], facts.regionCode ?? null, language);
      const text = paragraph ?? lines.join('\n');
      return text ? `${text}\n\n` : '';
    };
    // New York City's rules: the notice on a debt that may be past its time limit, in every communication on it.
    const notice = english === 'US' ? facts.timeBarNotice ?? null : null;
    const barred = (language: 'en' | 'es') => (notice ? `${notice[language]}\n\n` : '');
    if (readsSpanish(facts.pack, facts.language)) {
      // A US debtor who reads Spanish: the English text, then the same in Spanish.
      const es = spanishReminder(TEMPLATE_KIND[template], facts, 'email');
      return { subject: `Your account ending ${last4} / Su cuenta que termina en ${last4}`,
        body: `${opening}\n\n${middle}\n\n${barred('en')}${licensed('en')}${es.opening}\n\n${es.middle}\n\n${barred('es')}${licensed('es')}${stopEn}\n${STOP_EMAIL_ES}${unsubscribeUrl}\n` };
    }
    return { subject: `Your account ending ${last4}`, body: `${opening}\n\n${middle}\n\n${barred('en')}${licensed('en')}${stopEn}\n` };
  }
  // A call-back e-mail gives the agency's Chinese line, or does not go: its replies are not read.
  if (template === 'call_back' && !facts.agencyPhone?.trim()) return null;
  // The text's own words, as an e-mail: replies to e-mails are not read (only texts' are), so it asks for a call back, not a reply "to this SMS".
  const text = smsTemplateBody(template, facts)?.replace('或回复本短信', '').replace(' or reply to this message', '') ?? null;
  if (text === null) return null;
  return {
    subject: `关于您尾号${last4}的账户 / Your account ending ${last4}`,
    body: `${text}\n\n如不想再收到我们的邮件，请打开此链接退订：${unsubscribeUrl}\n${stopEn}\n`,
  };
}
