import { ApiError, apiErrorFrom, NETWORK_ERROR } from '../lib/api.ts';

/** JSON over fetch with the API's error body turned into ApiError (as web/src/lib/api.ts does). */
export async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const init: RequestInit = {
    method, credentials: 'same-origin',
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
  };
  if (body !== undefined) init.body = JSON.stringify(body);
  if (signal !== undefined) init.signal = signal;
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, NETWORK_ERROR, cause instanceof Error ? cause.message : String(cause));
  }
  if (!response.ok) {
    let payload: unknown = null;
    try { payload = await response.json(); } catch { /* not JSON */ }
    throw apiErrorFrom(response.status, response.statusText, payload);
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
