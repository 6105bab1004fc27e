/**
 * A test e-mail for an admin setting up the mail server (`leeway messages test-email`): one fixed
 * text, to an address the admin names (their own), straight through the mail server with no
 * outbox and no debtor, so a wrong LEEWAY_SMTP_URL, password or From address shows at once with
 * what the server said. Audited (`email.test`, the address masked).
 */
import type { ChannelAdapter } from '../../channels/index.ts';
import { appendAudit } from '../../db/audit-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { isEmailAddress } from '../../domain/email-address.ts';
import { invalidInput } from '../../domain/errors.ts';
import { maskEmail } from '../../domain/masking.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';

export const TEST_EMAIL = {
  subject: 'Leeway: test e-mail / 测试邮件',
  body: 'This is a test e-mail from Leeway: the mail server settings work. No reply is needed.\n\n' +
    '这是 Leeway 发出的测试邮件：邮件服务器设置可以正常使用，无需回复。\n',
};

export async function sendTestEmail(ctx: AppContext, actor: Actor, mail: ChannelAdapter | null, to: string):
  Promise<{ ok: true; to: string; provider_ref: string } | { ok: false; to: string; error: string }> {
  authorize(actor, 'outbox.manage');
  const address = to.trim();
  if (!isEmailAddress(address)) throw invalidInput({ en: `"${to}" is not one e-mail address`, zh: `“${to}”不是一个有效的电子邮箱地址` }, 'to');
  if (mail === null) {
    throw invalidInput({ en: 'No mail server is set: set LEEWAY_SMTP_URL (and LEEWAY_EMAIL_FROM); until then e-mails stay on this machine',
      zh: '未设置邮件服务器：请设置 LEEWAY_SMTP_URL（和 LEEWAY_EMAIL_FROM）；在此之前邮件不会离开本机' }, 'LEEWAY_SMTP_URL');
  }
  const result = await mail.send({ id: 0, channel: 'email', to: address, subject: TEST_EMAIL.subject, body: TEST_EMAIL.body, unsubscribeUrl: null });
  const masked = maskEmail(address);
  await inTransaction(ctx.pool, (client) => appendAudit(client, actor, { action: 'email.test', entity: 'channel', entityId: null, creditorId: null,
    detail: { to: masked, ok: result.ok, ...(result.ok ? { provider_ref: result.providerRef } : { error: result.error }) } }));
  return result.ok ? { ok: true, to: masked, provider_ref: result.providerRef } : { ok: false, to: masked, error: result.error };
}
