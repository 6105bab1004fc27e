/**
 * The one way Leeway posts to a gateway (SMS, telephony): JSON, an idempotency key so a gateway
 * can drop a repeat, a bearer token when one is set, and at most 10 s to answer. A 2xx answer is
 * taken, with the reference it names (`refKeys`, the first present); anything else is a failure
 * saying what came back.
 */
export const GATEWAY_TIMEOUT_MS = 10_000;

export type GatewayAnswer = { ok: true; ref: string | null } | { ok: false; error: string };

export async function postToGateway(what: string, url: string, r: { token: string | undefined; idempotencyKey: string; body: unknown; refKeys: readonly string[] }):
  Promise<GatewayAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': r.idempotencyKey, ...(r.token ? { authorization: `Bearer ${r.token}` } : {}) },
      body: JSON.stringify(r.body),
      signal: AbortSignal.timeout(GATEWAY_TIMEOUT_MS),
    });
  } catch (error) {
    const why = error instanceof Error ? (error.name === 'TimeoutError' ? `no answer within ${GATEWAY_TIMEOUT_MS / 1000} s` : error.message) : String(error);
    return { ok: false, error: `${what} unreachable: ${why}` };
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) return { ok: false, error: `${what} answered HTTP ${response.status}: ${text.slice(0, 200)}` };
  let ref: unknown;
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    ref = r.refKeys.map((k) => json[k]).find((v) => v !== undefined);
  } catch { ref = undefined; }
  return { ok: true, ref: typeof ref === 'string' || typeof ref === 'number' ? String(ref) : null };
}
