/**
 * The SMS reminder the nightly run queues: Chinese first, English after, one message.
 * It names the creditor and the masked account only; it never states the balance, because
 * a phone may be read by someone else (the third-party rule of COMPLIANCE.md: never tell
 * anyone else of the debt). A promise reminder repeats the debtor's own promise.
 */
import type { LocalDate } from '../calendar.ts';
import { formatYuan } from '../money.ts';
import type { Fen } from '../money.ts';

export interface ReminderFacts {
  creditorName: string;
  accountNoMask: string;
  promise: { amountFen: Fen; dueDate: LocalDate } | null;
}

function tail(mask: string): string {
  return mask.replace(/[^0-9]/g, '').slice(-4);
}

export function smsReminderBody(facts: ReminderFacts): string {
  const last4 = tail(facts.accountNoMask);
  if (facts.promise !== null) {
    const zh = formatYuan(facts.promise.amountFen, 'zh-CN');
    const en = formatYuan(facts.promise.amountFen, 'en');
    return `【${facts.creditorName}】您好，您承诺于${facts.promise.dueDate}前为尾号${last4}的账户还款${zh}，请按时还款。` +
      ` Reminder: you promised to pay ${en} on account ending ${last4} by ${facts.promise.dueDate}.`;
  }
  return `【${facts.creditorName}】您好，您尾号${last4}的账户已逾期，请尽快还款或联系我们商量还款安排。` +
    ` Your account ending ${last4} is overdue; please pay or contact us to arrange a plan.`;
}
