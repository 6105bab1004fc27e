/**
 * Click-to-call (一键外呼): how a call Leeway allowed reaches the telephony gateway (the call
 * centre's CTI). The gateway rings the collector's seat and bridges it to the number, and
 * records the call; the collector never sees or dials the number. Leeway only asks for calls
 * the compliance engine allowed, each already recorded as an attempt (src/app/calls/).
 */
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

const TIMEOUT_MS = 10_000;

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
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `leeway-call-${request.callId}`, ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ call_id: request.callId, agent: request.agent, to: request.to, account_id: request.accountId }),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      } catch (error) {
        const why = error instanceof Error ? (error.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : error.message) : String(error);
        return { ok: false, error: `telephony gateway unreachable: ${why}` };
      }
      const text = await response.text().catch(() => '');
      if (!response.ok) return { ok: false, error: `telephony gateway answered HTTP ${response.status}: ${text.slice(0, 200)}` };
      let ref: unknown;
      try { const json = JSON.parse(text) as Record<string, unknown>; ref = json['call_id'] ?? json['id']; } catch { ref = undefined; }
      return { ok: true, callRef: typeof ref === 'string' || typeof ref === 'number' ? String(ref) : `call-${request.callId}` };
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
