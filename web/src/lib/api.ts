import { currentLocale } from '../i18n/index.ts';
import type { AccountPage, Locale, User } from './types.ts';
import { setAgencyCurrency } from './money.ts';
import { setRecordingUrl } from './recordings.ts';
import { setDisplayZone } from './time.ts';

/**
 * The API's error body is `{ error: { code, message, message_zh, field?, details? } }`. Anything else
 * (a proxy's HTML page, a dropped connection) becomes an ApiError with a synthetic code so
 * screens only ever handle one error type.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, field?: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.details = details;
  }
}

/** Status 0: the request never got an HTTP answer. */
export const NETWORK_ERROR = 'NETWORK_ERROR';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The API's error body as an ApiError whose message is in the language on screen: the server
 * sends every refusal in English (`message`) and Chinese (`message_zh`).
 */
export function apiErrorFrom(status: number, statusText: string, body: unknown, retryAfter: string | null = null): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  const code = typeof error.code === 'string' ? error.code : `HTTP_${status}`;
  const english = typeof error.message === 'string' ? error.message : statusText;
  const message = currentLocale() === 'zh-CN' && typeof error.message_zh === 'string' ? error.message_zh : english;
  const field = typeof error.field === 'string' ? error.field : undefined;
  const details = isRecord(error.details) ? { ...error.details } : {};
  if (details.retry_after_seconds === undefined && retryAfter !== null && /^\d+$/.test(retryAfter)) {
    details.retry_after_seconds = Number(retryAfter);
  }
  return new ApiError(status, code, message, field, details);
}

async function errorFrom(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: keep the status, invent the code.
  }
  return apiErrorFrom(response.status, response.statusText, body, response.headers.get('retry-after'));
}

interface RequestOptions {
  signal?: AbortSignal;
  /** Let the request finish even if the page is closed or reloaded meanwhile. */
  keepalive?: boolean;
}

async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const init: RequestInit = {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
  };
  if (body !== undefined) init.body = JSON.stringify(body);
  if (options.signal !== undefined) init.signal = options.signal;
  if (options.keepalive === true) init.keepalive = true;
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, NETWORK_ERROR, cause instanceof Error ? cause.message : String(cause));
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** The signed-in user as the server sent it; the screens take the agency's zone from it. */
function signedIn(user: User): User {
  setDisplayZone(user.agency_zone);
  setAgencyCurrency(user.agency_currency ?? 'CNY', user.desk_currency ?? user.agency_currency ?? 'CNY');
  setRecordingUrl(user.recording_url);
  return user;
}

export async function login(username: string, password: string): Promise<User> {
  const { user } = await request<{ user: User }>('POST', '/api/auth/login', { username, password });
  return signedIn(user);
}

export async function logout(): Promise<void> {
  await request<void>('POST', '/api/auth/logout');
}

export async function fetchMe(signal?: AbortSignal): Promise<User> {
  const { user } = await request<{ user: User }>('GET', '/api/me', undefined, signal === undefined ? {} : { signal });
  return signedIn(user);
}

export async function saveLocale(locale: Locale): Promise<User> {
  const { user } = await request<{ user: User }>('PUT', '/api/me/locale', { locale }, { keepalive: true });
  return signedIn(user);
}

export interface AccountQuery {
  limit: number;
  offset: number;
  q: string;
  /** Only the accounts of one placement (委案批次, its batch reference); '' for all. */
  placement: string;
  /** Only the accounts in one status; '' for all. */
  status: string;
}

export async function fetchAccounts(query: AccountQuery, signal?: AbortSignal): Promise<AccountPage> {
  const params = new URLSearchParams({ limit: String(query.limit), offset: String(query.offset) });
  if (query.q !== '') params.set('q', query.q);
  if (query.placement !== '') params.set('placement', query.placement);
  if (query.status !== '') params.set('status', query.status);
  return request<AccountPage>('GET', `/api/accounts?${params.toString()}`, undefined, signal === undefined ? {} : { signal });
}
