/**
 * The SMS reminder the nightly run queues: Chinese first, English after, one message.
 * It names the creditor and the masked account only; it never states the balance, because
 * a phone may be read by someone else (the third-party rule of COMPLIANCE.md: never tell
 * anyone else of the debt). A promise reminder repeats the debtor's own promise.
 */
import type { LocalDate } from '../calendar.ts';
import { formatYuan } from '../money.ts';
import type { Fen } from '../money.ts';
import { lastFour } from '../masking.ts';

export interface ReminderFacts {
  creditorName: string;
  accountNoMask: string;
  promise: { amountFen: Fen; dueDate: LocalDate } | null;
}

export function smsReminderBody(facts: ReminderFacts): string {
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
export const SMS_TEMPLATES = ['overdue_reminder', 'promise_reminder', 'call_back'] as const;
export type SmsTemplate = (typeof SMS_TEMPLATES)[number];

export const SMS_TEMPLATE_NAMES: Record<SmsTemplate, { zh: string; en: string }> = {
  overdue_reminder: { zh: '逾期提醒', en: 'Overdue reminder' },
  promise_reminder: { zh: '还款承诺提醒', en: 'Promise reminder' },
  call_back: { zh: '请回电', en: 'Please call back' },
};

export function isSmsTemplate(text: string): text is SmsTemplate {
  return (SMS_TEMPLATES as readonly string[]).includes(text);
}

/** The template's text for the account, or null when it does not apply (a promise reminder without an open promise). */
export function smsTemplateBody(template: SmsTemplate, facts: ReminderFacts): string | null {
  const last4 = lastFour(facts.accountNoMask);
  switch (template) {
    case 'overdue_reminder': return smsReminderBody({ ...facts, promise: null });
    case 'promise_reminder': return facts.promise === null ? null : smsReminderBody(facts);
    case 'call_back':
      return `【${facts.creditorName}】您好，关于您尾号${last4}的账户，我们未能联系到您，请方便时回电或回复本短信。` +
        ` We could not reach you about your account ending ${last4}; please call us back or reply to this message.`;
  }
}
