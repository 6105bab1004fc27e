import { findAccountInScope, lockAccountInScope } from '../../db/accounts-repository.ts';
import { appendAudit } from '../../db/audit-repository.ts';
import { findPointForSms, insertOutbox } from '../../db/outbox-repository.ts';
import { inTransaction, type Queryable } from '../../db/pool.ts';
import { reminderFacts } from '../../db/strategy-repository.ts';
import type { Decision } from '../../domain/compliance/index.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { isSmsTemplate, SMS_TEMPLATE_NAMES, SMS_TEMPLATES, smsTemplateBody, type ReminderFacts, type SmsTemplate } from '../../domain/strategy/index.ts';
import { accountScope, authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import { decideContact } from '../compliance/contact-state.ts';
import { refusedContact } from '../compliance/log-contact.ts';
import type { Actor, AppContext } from '../context.ts';
import { redactSecrets } from '../../domain/messages/redact.ts';
import { englishCountry } from '../../domain/country.ts';
import { agencyFor } from '../site/read-site.ts';

/** A collector's message (SMS or e-mail) not sent within this long is not sent (it was about now). */
const EXPIRES_MS = 60 * 60_000;

/**
 * What a collector's message says of the account: creditor, masked number, contract's pack, open
 * promise; the agency's number for the contract's country (the Chinese contact page's for a CN
 * one), which a call-back gives.
 */
async function accountReminderFacts(ctx: AppContext, db: Queryable, accountId: number): Promise<ReminderFacts> {
  const facts = (await reminderFacts(db, [accountId], businessDate(ctx))).get(accountId)!;
  const country = englishCountry(facts.pack);
  return { ...facts, agencyPhone: (await (country ? agencyFor(ctx, country) : agencyFor(ctx, 'CN', 'zh-CN'))).phone };
}

/** Why a template does not apply to the account now (the template's text is null). */
function notApplicable(template: SmsTemplate, facts: ReminderFacts): { en: string; zh: string } {
  if (template === 'overdue_reminder') {
    return { en: 'The account is on an instalment plan: it is not overdue while the plan runs, so no overdue reminder goes', zh: '该案件正在分期还款中，计划期间不属于逾期，不能发送逾期提醒' };
  }
  if (template === 'promise_reminder') return { en: 'The account has no open promise to remind of', zh: '该案件没有未到期的还款承诺，无法发送承诺提醒' };
  if (template === 'instalment_reminder') return { en: 'The account is not on an instalment plan with an instalment left to pay', zh: '该案件不在分期还款中，或没有待还的分期，无法发送分期还款提醒' };
  // A call-back e-mail with no number of the contract's country (callBackAsk; a CN contract's is the Chinese contact page's phone).
  const country = englishCountry(facts.pack);
  const [page, field, en, zh] = country === 'UK' ? ['en', 'phone_uk', 'UK phone', '英国电话'] : country === 'US' ? ['en', 'phone_us', 'US phone', '美国电话'] : ['zh-CN', 'phone', 'Phone', '电话'];
  return {
    en: `The agency has no call-back number for this debtor's country, so an e-mail asking them to call back would give none (replies to e-mails are not read): `
      + `send the text instead, which asks for a reply, or have an admin set it (Public site, page "Contact · ${page}", field "${en}" (${field}))`,
    zh: `本机构尚未设置该债务人所在国家的回电号码，请对方回电的邮件将无号码可拨（邮件回复无人查看）：请改发短信（请对方回复短信），`
      + `或请管理员在“官网管理”的“联系我们 · ${page}”页面填写“${zh}”（${field}）`,
  };
}

/** The account's facts for listing the templates, once the actor may see it. */
export async function templateFacts(ctx: AppContext, actor: Actor, accountId: number): Promise<ReminderFacts> {
  authorize(actor, 'contacts.log');
  if (!(await findAccountInScope(ctx.pool, accountScope(actor), accountId))) throw accountNotFound(accountId);
  return accountReminderFacts(ctx, ctx.pool, accountId);
}

const accountNotFound = (accountId: number) =>
  new AppError('NOT_FOUND', { en: `Account ${accountId} does not exist or is not yours to see`, zh: `案件${accountId}不存在，或不在您的查看范围内` });

export interface SmsTemplateView { key: string; name_zh: string; name_en: string; body: string | null }

/** The templates a collector may send for the account, each with its text filled in (null: it does not apply now). */
export async function listSmsTemplates(ctx: AppContext, actor: Actor, accountId: number): Promise<{ items: SmsTemplateView[] }> {
  const facts = await templateFacts(ctx, actor, accountId);
  return { items: SMS_TEMPLATES.map((key) => ({ key, name_zh: SMS_TEMPLATE_NAMES[key].zh, name_en: SMS_TEMPLATE_NAMES[key].en, body: smsTemplateBody(key, facts) })) };
}

/** What differs between a collector's SMS and e-mail; the rest is queueTemplateMessage. */
export interface TemplateChannel {
  channel: 'sms' | 'email';
  pointKind: 'phone' | 'email';
  /** Said when the point is not one of this kind of the debtor's own. */
  wrongPoint: { en: string; zh: string };
  /** What the template is called in Chinese (短信模板, 邮件模板). */
  templateZh: string;
  /** The message for the account and point, or null when the template does not apply (no open promise). */
  compose(template: SmsTemplate, facts: ReminderFacts, pointId: number): { body: string; subject?: string; unsubscribeUrl?: string } | null;
}

const SMS: TemplateChannel = {
  channel: 'sms', pointKind: 'phone', templateZh: '短信模板',
  wrongPoint: { en: 'Messages go only to a phone of the debtor\'s own', zh: '短信只能发送到债务人本人的手机号' },
  compose: (template, facts) => {
    const body = smsTemplateBody(template, facts);
    return body === null ? null : { body };
  },
};

/**
 * A collector sends one of the fixed templates to a phone of the debtor's own (docs/messages.md):
 * judged by the compliance engine now, under the same lock as logging a contact; refused, only
 * the refusal is recorded (CONTACT_NOT_ALLOWED with the decision); allowed, it is queued to go
 * at once (the dispatcher judges it again as it sends it, and records the contact attempt).
 */
export async function sendSms(ctx: AppContext, actor: Actor, accountId: number, input: { template: string; contactPointId: number }):
  Promise<{ outbox_id: number; to: string; body: string; decision: Decision }> {
  const { subject: _subject, ...queued } = await queueTemplateMessage(ctx, actor, accountId, SMS, input);
  return queued;
}

/** One of the fixed templates by SMS or e-mail to a contact point of the debtor's own, as sendSms says; audited `<channel>.queue`. */
export async function queueTemplateMessage(ctx: AppContext, actor: Actor, accountId: number, c: TemplateChannel, input: { template: string; contactPointId: number }):
  Promise<{ outbox_id: number; to: string; subject: string | null; body: string; decision: Decision }> {
  authorize(actor, 'contacts.log');
  if (!isSmsTemplate(input.template)) {
    throw invalidInput({ en: `Template "${input.template}" does not exist; use ${SMS_TEMPLATES.join(', ')}`,
      zh: `${c.templateZh}“${input.template}”不存在，请使用：${SMS_TEMPLATES.join('、')}` }, 'template');
  }
  const template = input.template;
  const now = ctx.now();
  const outcome = await inTransaction(ctx.pool, async (client) => {
    const account = await lockAccountInScope(client, accountScope(actor), accountId);
    if (!account) throw accountNotFound(accountId);
    const point = await findPointForSms(client, input.contactPointId);
    if (!point || point.kind !== c.pointKind || point.owner !== 'debtor') throw invalidInput(c.wrongPoint, 'contact_point_id');
    // The point is checked to be the debtor's and not invalid before anything else is said.
    const decision = await decideContact(ctx, client, accountId, { channel: c.channel, party: 'debtor', purpose: 'collect', contactPointId: point.id, at: now });
    const facts = await accountReminderFacts(ctx, client, accountId);
    const message = c.compose(template, facts, point.id);
    if (message === null) throw invalidInput(notApplicable(template, facts), 'template');
    if (!decision.allowed) return { kind: 'refused', decision, creditorId: account.creditor_id } as const;
    const outboxId = await insertOutbox(client, { creditorId: account.creditor_id, accountId, contactPointId: point.id, channel: c.channel, purpose: 'collect',
      toEnc: point.value_enc, toMask: point.value_mask, body: message.body, subject: message.subject ?? null, unsubscribeUrl: message.unsubscribeUrl ?? null,
      decision, sendAfter: null, expiresAt: new Date(now.getTime() + EXPIRES_MS), createdAt: now, queuedBy: actor.userId, template });
    await appendAudit(client, actor, { action: `${c.channel}.queue`, entity: 'outbox', entityId: outboxId, creditorId: account.creditor_id,
      detail: { account_id: accountId, template, contact_point_id: point.id } });
    return { kind: 'queued', outbox_id: outboxId, to: point.value_mask, subject: message.subject ?? null, body: message.body, decision } as const;
  });
  if (outcome.kind === 'refused') {
    throw await refusedContact(ctx, actor, { accountId, creditorId: outcome.creditorId, decision: outcome.decision,
      detail: { channel: c.channel, party: 'debtor', purpose: 'collect', template, at: now.toISOString() } });
  }
  // The text as the collector may read it: an e-mail's opt-out link is the debtor's, not the sender's (redactSecrets).
  return { outbox_id: outcome.outbox_id, to: outcome.to, subject: outcome.subject, body: redactSecrets(outcome.body), decision: outcome.decision };
}
