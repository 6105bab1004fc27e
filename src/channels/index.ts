/**
 * Channel adapters: how a message leaves Leeway. One interface; the dispatcher
 * (src/app/messages/dispatch-outbox.ts) decides whether a message may go, an adapter only
 * carries it. The default is local: nothing leaves the machine until an SMS gateway
 * (LEEWAY_SMS_WEBHOOK_URL) or a mail server (LEEWAY_SMTP_URL) is configured.
 */
import nodemailer from 'nodemailer';
import { postToGateway } from './http.ts';

export interface OutgoingMessage {
  id: number; channel: 'sms' | 'email' | 'letter'; to: string; body: string;
  /** An e-mail's subject and its opt-out link (null for other channels). */
  subject?: string | null; unsubscribeUrl?: string | null;
}

/** `via`: the adapter that carried it, when the one called hands messages on by channel. */
export type SendResult = { ok: true; providerRef: string; via?: string } | { ok: false; error: string; via?: string };

export interface ChannelAdapter {
  /** Recorded on each message it carried: `local`, `webhook` or `smtp`. */
  readonly name: 'local' | 'webhook' | 'smtp';
  /** What carries e-mail, where that is not `name` (channelFromEnv's router). */
  readonly emailName?: 'local' | 'smtp';
  send(message: OutgoingMessage): Promise<SendResult>;
}

/** Keeps messages on this machine: each counts as sent, with a local reference, and goes nowhere. */
export function localAdapter(): ChannelAdapter {
  return { name: 'local', send: async (message) => ({ ok: true, providerRef: `local-${message.id}` }) };
}

/**
 * Posts each message as JSON to an SMS gateway (or a relay to one): `{ id, channel, to, body }`
 * with `Idempotency-Key: leeway-outbox-<id>` so a gateway can drop a repeat, and
 * `Authorization: Bearer <token>` when a token is set. A 2xx answer is sent (its JSON `id` or
 * `message_id`, if any, is the provider's reference); anything else, or no answer within 10 s,
 * is a failure with what came back.
 */
export function webhookAdapter(url: string, token: string | undefined): ChannelAdapter {
  return {
    name: 'webhook',
    async send(message) {
      const answer = await postToGateway('SMS gateway', url, { token, idempotencyKey: `leeway-outbox-${message.id}`,
        body: { id: message.id, channel: message.channel, to: message.to, body: message.body }, refKeys: ['id', 'message_id'] });
      return answer.ok ? { ok: true, providerRef: answer.ref ?? `webhook-${message.id}` } : answer;
    },
  };
}

/** The longest an SMTP server may take to connect, greet or answer, before the message counts as failed. */
const SMTP_TIMEOUT_MS = 15_000;

/**
 * Sends e-mail through an SMTP server (`smtp://user:password@host:587`, or `smtps://` for TLS
 * from the start), as plain text from `from`, with the opt-out link in `List-Unsubscribe` and
 * `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058: a mail program's own
 * "unsubscribe" button opts the address out without opening the page). The server's message id
 * is the reference; a refusal or no answer is a failure with what the server said.
 */
export function smtpAdapter(url: string, from: string): ChannelAdapter {
  const server = new URL(url);
  const secure = server.protocol === 'smtps:';
  const transport = nodemailer.createTransport({
    host: server.hostname, port: Number(server.port) || (secure ? 465 : 587), secure,
    ...(server.username ? { auth: { user: decodeURIComponent(server.username), pass: decodeURIComponent(server.password) } } : {}),
    connectionTimeout: SMTP_TIMEOUT_MS, greetingTimeout: SMTP_TIMEOUT_MS, socketTimeout: SMTP_TIMEOUT_MS,
  });
  return {
    name: 'smtp',
    async send(message) {
      if (message.channel !== 'email') return { ok: false, error: `the mail server carries e-mail, not ${message.channel}` };
      try {
        const info = await transport.sendMail({
          from, to: message.to, subject: message.subject ?? '', text: message.body,
          ...(message.unsubscribeUrl ? { list: { unsubscribe: message.unsubscribeUrl }, headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } } : {}),
          messageId: `<${message.id > 0 ? `leeway-outbox-${message.id}` : `leeway-test-${Date.now()}`}@${from.replace(/^.*@/, '').replace(/>.*$/, '') || 'leeway'}>`,
        });
        if (info.rejected.length > 0) return { ok: false, error: `mail server refused ${info.rejected.length} recipient(s): ${info.response}` };
        return { ok: true, providerRef: info.messageId };
      } catch (error) {
        return { ok: false, error: `mail server: ${error instanceof Error ? error.message : String(error)}` };
      }
    },
  };
}

/** Hands each message to the adapter of its channel (e-mail to `email`, the rest to `sms`), saying which carried it. */
export function byChannel(sms: ChannelAdapter, email: ChannelAdapter): ChannelAdapter {
  return {
    name: sms.name,
    emailName: email.name === 'smtp' ? 'smtp' : 'local',
    async send(message) {
      const adapter = message.channel === 'email' ? email : sms;
      return { ...(await adapter.send(message)), via: adapter.name };
    },
  };
}

/**
 * The adapters the environment configures: SMS to the webhook when LEEWAY_SMS_WEBHOOK_URL is
 * set, e-mail to the SMTP server of LEEWAY_SMTP_URL from LEEWAY_EMAIL_FROM; each local otherwise.
 */
export function channelFromEnv(env: NodeJS.ProcessEnv = process.env): ChannelAdapter {
  const url = env['LEEWAY_SMS_WEBHOOK_URL'];
  let sms = localAdapter();
  if (url !== undefined && url !== '') {
    try { new URL(url); } catch { throw new Error(`LEEWAY_SMS_WEBHOOK_URL is not a URL: ${url}`); }
    sms = webhookAdapter(url, env['LEEWAY_SMS_WEBHOOK_TOKEN'] || undefined);
  }
  return byChannel(sms, emailAdapterFromEnv(env) ?? localAdapter());
}

/** The mail server LEEWAY_SMTP_URL names, sending from LEEWAY_EMAIL_FROM; null when none is set. */
export function emailAdapterFromEnv(env: NodeJS.ProcessEnv = process.env): ChannelAdapter | null {
  const smtp = env['LEEWAY_SMTP_URL'];
  if (smtp === undefined || smtp === '') return null;
  let parsed: URL;
  try { parsed = new URL(smtp); } catch { throw new Error(`LEEWAY_SMTP_URL is not a URL: ${smtp}`); }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') throw new Error(`LEEWAY_SMTP_URL must start smtp:// or smtps://, not ${parsed.protocol}//`);
  const from = env['LEEWAY_EMAIL_FROM'];
  if (from === undefined || !/@/.test(from)) throw new Error('LEEWAY_EMAIL_FROM must name the address e-mail comes from (e.g. "Agency <collections@agency.example>") when LEEWAY_SMTP_URL is set');
  return smtpAdapter(smtp, from);
}
