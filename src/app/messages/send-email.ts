/**
 * A collector's e-mail (docs/messages.md, "E-mail"): one of the fixed templates to an e-mail
 * address of the debtor's own, judged by the compliance engine now and again as it goes, with
 * the link that opts the address out of e-mail in its text and its List-Unsubscribe header.
 */
import { timingSafeEqual } from 'node:crypto';
import { appendAudit } from '../../db/audit-repository.ts';
import { optOutOfEmail } from '../../db/outbox-repository.ts';
import type { PiiCipher } from '../../db/pii.ts';
import { inTransaction } from '../../db/pool.ts';
import type { Decision } from '../../domain/compliance/index.ts';
import { AppError } from '../../domain/errors.ts';
import { emailTemplate, SMS_TEMPLATE_NAMES, SMS_TEMPLATES } from '../../domain/strategy/index.ts';
import type { Actor, AppContext } from '../context.ts';
import { DISPATCH_ACTOR } from './dispatch-outbox.ts';
import { queueTemplateMessage, templateFacts, type TemplateChannel } from './send-sms.ts';

/**
 * The opt-out link's token for an e-mail address (contact point): its id and a keyed check of
 * it, so the link works without a login and cannot be made for another address. It never
 * expires: an opt-out must stay simple (12 CFR 1006.6(e)).
 */
export function unsubscribeToken(cipher: PiiCipher, pointId: number): string {
  return `${pointId}-${tokenCheck(cipher, pointId)}`;
}

function tokenCheck(cipher: PiiCipher, pointId: number): string {
  const mac = Buffer.alloc(32);
  cipher.macInto(`email unsubscribe\0${pointId}`, mac, 0);
  return mac.subarray(0, 16).toString('base64url');
}

/** The contact point an opt-out token names, or null when it is not one this agency made. */
export function readUnsubscribeToken(cipher: PiiCipher, token: string): number | null {
  const m = /^([1-9]\d{0,15})-([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m) return null;
  const pointId = Number(m[1]);
  const expected = Buffer.from(tokenCheck(cipher, pointId));
  const given = Buffer.from(m[2]!);
  return given.length === expected.length && timingSafeEqual(given, expected) ? pointId : null;
}

export const unsubscribePath = (cipher: PiiCipher, pointId: number) => `/my/unsubscribe/${unsubscribeToken(cipher, pointId)}`;

export interface EmailTemplateView { key: string; name_zh: string; name_en: string; subject: string | null; body: string | null }

/** The e-mails a collector may send for the account, each filled in (the opt-out link shown as it will be); null: it does not apply now. */
export async function listEmailTemplates(ctx: AppContext, actor: Actor, accountId: number, baseUrl: string): Promise<{ items: EmailTemplateView[] }> {
  const facts = await templateFacts(ctx, actor, accountId);
  const example = `${baseUrl}/my/unsubscribe/…`;
  return {
    items: SMS_TEMPLATES.map((key) => {
      const mail = emailTemplate(key, facts, example);
      return { key, name_zh: SMS_TEMPLATE_NAMES[key].zh, name_en: SMS_TEMPLATE_NAMES[key].en, subject: mail?.subject ?? null, body: mail?.body ?? null };
    }),
  };
}

/**
 * Queues one of the fixed templates to an e-mail address of the debtor's own, as sendSms does an
 * SMS: judged by the compliance engine now and again as it goes; the text ends with the link
 * that opts the address out, which goes in its List-Unsubscribe header too.
 */
export async function sendEmail(ctx: AppContext, actor: Actor, accountId: number, input: { template: string; contactPointId: number; baseUrl: string }):
  Promise<{ outbox_id: number; to: string; subject: string; body: string; decision: Decision }> {
  const channel: TemplateChannel = {
    channel: 'email', pointKind: 'email', templateZh: '邮件模板',
    wrongPoint: { en: 'E-mails go only to an e-mail address of the debtor\'s own', zh: '邮件只能发送到债务人本人的电子邮箱' },
    compose: (template, facts, pointId) => {
      const unsubscribeUrl = `${input.baseUrl}${unsubscribePath(ctx.cipher, pointId)}`;
      const mail = emailTemplate(template, facts, unsubscribeUrl);
      return mail === null ? null : { ...mail, unsubscribeUrl };
    },
  };
  const queued = await queueTemplateMessage(ctx, actor, accountId, channel, input);
  return { ...queued, subject: queued.subject! };
}

/**
 * The opt-out link followed (or a mail program's one-click unsubscribe): the address is opted out
 * of e-mail at once, its queued e-mails are cancelled, and it is audited (`email.opt_out`). Doing
 * it again changes nothing. An unknown or altered token is refused (404), without saying more.
 */
export async function unsubscribeEmail(ctx: AppContext, token: string): Promise<{ changed: boolean; cancelled: number }> {
  const pointId = readUnsubscribeToken(ctx.cipher, token);
  const notKnown = new AppError('NOT_FOUND', { en: 'This opt-out link is not known; please contact us to stop e-mails', zh: '此退订链接无效，请联系我们停止发送邮件' });
  if (pointId === null) throw notKnown;
  return inTransaction(ctx.pool, async (client) => {
    const result = await optOutOfEmail(client, pointId, 'The recipient opted out of e-mail (unsubscribe link)');
    if (!result.found) throw notKnown;
    await appendAudit(client, DISPATCH_ACTOR, { action: 'email.opt_out', entity: 'contact_point', entityId: pointId, creditorId: null,
      detail: { debtor_id: result.debtorId, changed: result.changed, cancelled: result.cancelled, via: 'unsubscribe_link' } });
    return { changed: result.changed, cancelled: result.cancelled };
  });
}
