/**
 * Click-to-call (一键外呼): how a call Leeway allowed reaches the telephony gateway (the call
 * centre's CTI). The gateway rings the collector's seat and bridges it to the number, and
 * records the call; the collector never sees or dials the number. Leeway only asks for calls
 * the compliance engine allowed, each already recorded as an attempt (src/app/calls/).
 */
import { postToGateway } from './http.ts';

export interface DialRequest {
  /** The attempt recorded for this call: the gateway's idempotency key and its tag for the recording. */
  callId: number;
  /** The collector's username: the gateway maps it to their seat (坐席). */
  agent: string;
  /** The number in full: it goes to the gateway only. */
  to: string;
  accountId: number;
}

export type DialResult = { ok: true; callRef: string } | { ok: false; error: string };

export interface Dialer {
  readonly name: 'webhook';
  dial(request: DialRequest): Promise<DialResult>;
}

/**
 * Posts each call as JSON to the gateway: `{ call_id, agent, to, account_id }` with
 * `Idempotency-Key: leeway-call-<call_id>` and `Authorization: Bearer <token>` when a token is
 * set. A 2xx answer means the call is being placed; its JSON `call_id` (or `id`), if any, is the
 * gateway's reference for the call and its recording. Anything else, or no answer within 10 s,
 * is a failure with what came back.
 */
export function webhookDialer(url: string, token: string | undefined): Dialer {
  return {
    name: 'webhook',
    async dial(request) {
      const answer = await postToGateway('telephony gateway', url, { token, idempotencyKey: `leeway-call-${request.callId}`,
        body: { call_id: request.callId, agent: request.agent, to: request.to, account_id: request.accountId }, refKeys: ['call_id', 'id'] });
      return answer.ok ? { ok: true, callRef: answer.ref ?? `call-${request.callId}` } : answer;
    },
  };
}

/** The gateway the environment configures (LEEWAY_VOICE_WEBHOOK_URL), or none: collectors then dial by hand and log the call. */
export function dialerFromEnv(env: NodeJS.ProcessEnv = process.env): Dialer | null {
  const url = env['LEEWAY_VOICE_WEBHOOK_URL'];
  if (url === undefined || url === '') return null;
  try { new URL(url); } catch { throw new Error(`LEEWAY_VOICE_WEBHOOK_URL is not a URL: ${url}`); }
  return webhookDialer(url, env['LEEWAY_VOICE_WEBHOOK_TOKEN'] || undefined);
}
