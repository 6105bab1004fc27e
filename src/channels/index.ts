/**
 * Channel adapters: how a message leaves Leeway. One interface; the dispatcher
 * (src/app/messages/dispatch-outbox.ts) decides whether a message may go, an adapter only
 * carries it. The default is local: nothing leaves the machine until an SMS gateway is
 * configured (LEEWAY_SMS_WEBHOOK_URL).
 */
import { postToGateway } from './http.ts';

export interface OutgoingMessage { id: number; channel: 'sms' | 'email' | 'letter'; to: string; body: string }

export type SendResult = { ok: true; providerRef: string } | { ok: false; error: string };

export interface ChannelAdapter {
  /** Recorded on each message it carried: `local` or `webhook`. */
  readonly name: 'local' | 'webhook';
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

/** The adapter the environment configures: the webhook when LEEWAY_SMS_WEBHOOK_URL is set, else local. */
export function channelFromEnv(env: NodeJS.ProcessEnv = process.env): ChannelAdapter {
  const url = env['LEEWAY_SMS_WEBHOOK_URL'];
  if (url === undefined || url === '') return localAdapter();
  try { new URL(url); } catch { throw new Error(`LEEWAY_SMS_WEBHOOK_URL is not a URL: ${url}`); }
  return webhookAdapter(url, env['LEEWAY_SMS_WEBHOOK_TOKEN'] || undefined);
}
