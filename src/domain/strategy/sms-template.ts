/**
 * The SMS reminder the nightly run queues: Chinese first, English after, one message.
 * It names the creditor and the masked account only; it never states the balance, because
 * a phone may be read by someone else (the third-party rule of COMPLIANCE.md: never tell
 * anyone else of the debt). A promise reminder repeats the debtor's own promise.
 *
 * Under a US or UK contract the text is English only, amounts in the contract's currency. A US
 * one says it is from a debt collector (12 CFR 1006.18(e)) and how to stop texts (1006.6(e): every
 * electronic communication carries a simple way to opt out, here STOP, which the replies module
 * reads); a UK one names whose debt it is about and how to stop texts, too. To a US debtor who reads
 * Spanish (ReminderFacts.language 'es') the text is in Spanish instead (an e-mail: English, then Spanish).
 */
import { englishLongDate, spanishLongDate, type LocalDate } from '../calendar.ts';
import { englishCountry } from '../country.ts';
import { readsSpanish } from '../language.ts';
import { currencyOfPack, formatMoney, formatYuan } from '../money.ts';
import type { Fen } from '../money.ts';
import type { Licence } from '../licences.ts';
import { lastFour } from '../masking.ts';

export interface ReminderFacts {
  creditorName: string;
  accountNoMask: string;
  promise: { amountFen: Fen; dueDate: LocalDate } | null;
  /** The pack of the account's contract; absent or null: CN. */
  pack?: string | null;
  /** The language the debtor reads (ISO 639-1); 'es' under a US contract: Spanish. */
  language?: string | null;
  /** US: the debtor's state as on file and the agency's licences; an e-mail carries those of the debtor's state and city (texts do not: their room). */
  regionCode?: string | null;
  licences?: readonly Licence[];
  /**
   * US, a debtor under New York City's rules whose debt may be past its time limit: New York's notice
   * (newYorkTimeBarNotice), which those rules ask for in every communication on such a debt: every
   * text and e-mail carries it after what it asks (in Spanish to a debtor who reads it). Absent: none.
   */
  timeBarNotice?: { en: string; es: string } | null;
  /** The account is on an approved instalment plan: it is not overdue while the plan runs (no overdue reminder). */
  inPlan?: boolean;
  /** On such a plan, its next instalment: what is left to pay of it, and by when (the instalment reminder's); absent or null: none. */
  instalment?: { amountFen: Fen; dueDate: LocalDate } | null;
  /**
   * The agency's number for the contract's country (CN its contact page's `phone`, US `phone_us`,
   * UK `phone_uk`; never another country's), which a message asking to be called back gives; null
   * or absent: none set, and then it asks for a reply to the text instead, and no such e-mail goes
   * (callBackAsk).
   */
  agencyPhone?: string | null;
}

const STOP = 'Reply STOP to opt out of texts.';
const STOP_ES = 'Responda STOP para no recibir más mensajes de texto.';

/** The US message in Spanish: a debt collector writing about which account, then what it asks. */
export function spanishReminder(kind: ReminderKind, facts: ReminderFacts, channel: 'sms' | 'email' = 'sms'): { opening: string; middle: string } {
  const last4 = lastFour(facts.accountNoMask);
  const opening = `Este es un mensaje de un cobrador de deudas sobre su cuenta de ${facts.creditorName} que termina en ${last4}.`;
  const middle = kind === 'promise' && facts.promise
    ? `Usted acordó pagar ${formatMoney(facts.promise.amountFen, 'USD', 'en')} a más tardar el ${spanishLongDate(facts.promise.dueDate)}; gracias por cumplirlo.`
    : kind === 'instalment' && facts.instalment
      ? `La próxima cuota de su plan de pagos, ${formatMoney(facts.instalment.amountFen, 'USD', 'en')}, vence el ${spanishLongDate(facts.instalment.dueDate)}; gracias por cumplirlo.`
    : kind === 'call_back' ? callBackAsk('es', facts, channel)!
      : 'Su cuenta está vencida; por favor pague o comuníquese con nosotros para acordar un pago que pueda cumplir.';
  return { opening, middle };
}

/** A US message's first words (12 CFR 1006.18(e)); none in the UK. */
const collectorSays = (country: 'US' | 'UK') => (country === 'US' ? 'This is a message from a debt collector. ' : '');

export type ReminderKind = 'overdue' | 'promise' | 'call_back' | 'instalment';

/**
 * What a US or UK contract's call-back message asks, in English (a UK one "on" a number, a US one
 * "at") or Spanish: to call the agency's number for the country back, or reply to the text. With
 * no number set a text asks only for a reply (a reply to a text is read, and shows on the account:
 * receive-sms.ts), never to call back an unsaid or another country's number, as no voicemail is
 * left without one (disclosure.ts); an e-mail, whose replies no one reads, has nothing to ask
 * then: null, and it does not go.
 */
export function callBackAsk(language: 'en' | 'es', facts: ReminderFacts, channel: 'sms' | 'email'): string | null {
  const phone = facts.agencyPhone?.trim() || null;
  if (phone === null && channel === 'email') return null;
  const orReply = channel === 'sms';
  if (language === 'es') {
    if (phone === null) return 'No pudimos comunicarnos con usted; por favor responda a este mensaje.';
    return `No pudimos comunicarnos con usted; por favor llámenos al ${phone}${orReply ? ' o responda a este mensaje' : ''}.`;
  }
  if (phone === null) return 'We could not reach you; please reply to this message.';
  return `We could not reach you; please call us back ${facts.pack === 'UK' ? 'on' : 'at'} ${phone}${orReply ? ' or reply to this message' : ''}.`;
}

/** A US or UK contract's message in English: who is writing and about what, then what it asks. */
export function englishReminder(kind: ReminderKind, facts: ReminderFacts, pack: 'US' | 'UK', channel: 'sms' | 'email' = 'sms'): { opening: string; middle: string } {
  const last4 = lastFour(facts.accountNoMask);
  const opening = pack === 'US'
    ? `This is a message from a debt collector about your ${facts.creditorName} account ending ${last4}.`
    : `This is a message from ${facts.creditorName}'s collection agency about your account ending ${last4}.`;
  const middle = kind === 'promise' && facts.promise
    ? `You agreed to pay ${formatMoney(facts.promise.amountFen, currencyOfPack(pack), 'en')} by ${englishLongDate(facts.promise.dueDate, pack)}; thank you for keeping to it.`
    : kind === 'instalment' && facts.instalment
      ? `The next instalment of your payment plan, ${formatMoney(facts.instalment.amountFen, currencyOfPack(pack), 'en')}, is due by ${englishLongDate(facts.instalment.dueDate, pack)}; thank you for keeping to it.`
    : kind === 'call_back' ? callBackAsk('en', facts, channel)!
      : 'It is past due; please pay or contact us to arrange a payment you can manage.';
  return { opening, middle };
}

/** The text of a US or UK contract's SMS: English, or Spanish for a US debtor who reads it. */
function englishBody(kind: ReminderKind, facts: ReminderFacts, pack: 'US' | 'UK'): string {
  const notice = pack === 'US' ? facts.timeBarNotice ?? null : null;
  if (readsSpanish(facts.pack, facts.language)) {
    const { opening, middle } = spanishReminder(kind, facts);
    return `${opening} ${middle} ${notice ? `${notice.es} ` : ''}${STOP_ES}`;
  }
  const { opening, middle } = englishReminder(kind, facts, pack);
  return `${opening} ${middle} ${notice ? `${notice.en} ` : ''}${STOP}`;
}

export function smsReminderBody(facts: ReminderFacts): string {
  const english = englishCountry(facts.pack);
  if (english) return englishBody(facts.promise !== null ? 'promise' : 'overdue', facts, english);
  const last4 = lastFour(facts.accountNoMask);
  if (facts.promise !== null) {
    const zh = formatYuan(facts.promise.amountFen, 'zh-CN');
    const en = formatYuan(facts.promise.amountFen, 'en');
    return `【${facts.creditorName}】您好，您承诺于${facts.promise.dueDate}前为尾号${last4}的账户还款${zh}，请按时还款。` +
      ` Reminder: you promised to pay ${en} on account ending ${last4} by ${facts.promise.dueDate}.`;
  }
  return `【${facts.creditorName}】您好，您尾号${last4}的账户已逾期，请尽快还款或联系我们商量还款安排。` +
    ` Your account ending ${last4} is overdue; please pay or contact us to arrange a plan.`;
}

/**
 * The messages a collector may send from the account page: fixed texts with the account's
 * facts filled in, never free text, so no message can threaten, shame or tell a reader of the
 * phone what is owed (the same rules as the nightly reminder).
 */
export const SMS_TEMPLATES = ['overdue_reminder', 'promise_reminder', 'instalment_reminder', 'call_back'] as const;
export type SmsTemplate = (typeof SMS_TEMPLATES)[number];

export const SMS_TEMPLATE_NAMES: Record<SmsTemplate, { zh: string; en: string }> = {
  overdue_reminder: { zh: '逾期提醒', en: 'Overdue reminder' },
  promise_reminder: { zh: '还款承诺提醒', en: 'Promise reminder' },
  instalment_reminder: { zh: '分期还款提醒', en: 'Instalment reminder' },
  call_back: { zh: '请回电', en: 'Please call back' },
};

/** What a template says. */
export const TEMPLATE_KIND: Record<SmsTemplate, ReminderKind> = { overdue_reminder: 'overdue', promise_reminder: 'promise', instalment_reminder: 'instalment', call_back: 'call_back' };

export function isSmsTemplate(text: string): text is SmsTemplate {
  return (SMS_TEMPLATES as readonly string[]).includes(text);
}

/** The template's text for the account, or null when it does not apply (a promise reminder without an open promise, an overdue reminder on a plan, an instalment reminder off one). */
export function smsTemplateBody(template: SmsTemplate, facts: ReminderFacts): string | null {
  const last4 = lastFour(facts.accountNoMask);
  switch (template) {
    case 'overdue_reminder': return facts.inPlan === true ? null : smsReminderBody({ ...facts, promise: null });
    case 'promise_reminder': return facts.promise === null ? null : smsReminderBody(facts);
    case 'instalment_reminder': {
      // On a plan the debtor keeps to, what its next instalment asks: the debtor's own arrangement, as a promise reminder repeats theirs.
      const next = facts.inPlan === true ? facts.instalment ?? null : null;
      if (next === null) return null;
      const english = englishCountry(facts.pack);
      if (english) return englishBody('instalment', facts, english);
      return `【${facts.creditorName}】您好，您尾号${last4}的账户分期还款计划的下一期${formatYuan(next.amountFen, 'zh-CN')}应于${next.dueDate}前还款，请按时还款。` +
        ` Reminder: the next instalment of ${formatYuan(next.amountFen, 'en')} on account ending ${last4} is due by ${next.dueDate}.`;
    }
    case 'call_back': {
      const english = englishCountry(facts.pack);
      if (english) return englishBody('call_back', facts, english);
      // The agency's Chinese line when its contact page gives one (回电号码); else a reply to the text, which is read.
      const phone = facts.agencyPhone?.trim() || null;
      if (phone === null) {
        return `【${facts.creditorName}】您好，关于您尾号${last4}的账户，我们未能联系到您，请方便时回复本短信。` +
          ` We could not reach you about your account ending ${last4}; please reply to this message.`;
      }
      return `【${facts.creditorName}】您好，关于您尾号${last4}的账户，我们未能联系到您，请方便时拨打${phone}回电或回复本短信。` +
        ` We could not reach you about your account ending ${last4}; please call us back at ${phone} or reply to this message.`;
    }
  }
}

/**
 * The portal link (个人服务链接) by SMS: nothing about the debt, so a third party reading it learns
 * nothing. Under a US or UK contract, English with the opt-out (and, in the US, that it is from a
 * debt collector); in Spanish to a US debtor who reads it.
 */
/**
 * A Chinese text's signature (短信签名): the agency's name as its help centre gives it (the sender a
 * debtor was told to expect), never the software's; one that says nothing of a debt without one.
 */
const signed = (sender: string | null | undefined) => `【${sender?.trim() || '客户服务'}】`;

export function portalLinkSms(url: string, days: number, pack?: string | null, language?: string | null, sender?: string | null): string {
  if (readsSpanish(pack, language)) {
    return `Este es un mensaje de un cobrador de deudas. Su enlace personal (válido ${days} días, de un solo uso): ${url} No lo reenvíe. ${STOP_ES}`;
  }
  const english = englishCountry(pack);
  if (english) return `${collectorSays(english)}Your personal service link (valid ${days} days, one use only): ${url} Do not forward it. ${STOP}`;
  return `${signed(sender)}您的个人服务链接（${days}天内有效，仅可使用一次）：${url} 请勿转发。`;
}

/** The portal's one-time code by SMS (the debtor asked for it); in Spanish to a US debtor who reads it. */
export function portalCodeSms(code: string, minutes: number, pack?: string | null, language?: string | null, sender?: string | null): string {
  if (readsSpanish(pack, language)) {
    return `Este es un mensaje de un cobrador de deudas. Su código: ${code}. Vence en ${minutes} minutos; no se lo diga a nadie. ${STOP_ES}`;
  }
  const english = englishCountry(pack);
  if (english) return `${collectorSays(english)}Your code: ${code}. It expires in ${minutes} minutes; do not tell anyone. ${STOP}`;
  return `${signed(sender)}验证码 ${code}，${minutes}分钟内有效。请勿告诉任何人。Your code: ${code}`;
}
