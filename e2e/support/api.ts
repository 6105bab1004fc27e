import type { Page } from 'playwright-core';

/**
 * Talks to a running Leeway over HTTP, as any client would: the tests compare what the
 * browser shows with what the API returns for the same user.
 */
export interface Login {
  username: string;
  password: string;
  role: string;
}

export class ApiClient {
  private constructor(
    private readonly baseUrl: string,
    private readonly cookie: string,
  ) {}

  static async signIn(baseUrl: string, login: Login): Promise<ApiClient> {
    const response = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: login.username, password: login.password }),
    });
    if (response.status !== 200) throw new Error(`sign-in of ${login.username} failed: ${response.status} ${await response.text()}`);
    const session = response.headers.getSetCookie().find((c) => c.startsWith('leeway_session='));
    if (session === undefined) throw new Error('sign-in set no leeway_session cookie');
    return new ApiClient(baseUrl, session.split(';')[0]!);
  }

  async get<T>(path: string): Promise<T> {
    return this.send<T>('GET', path);
  }

  async put<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('PUT', path, body);
  }

  /** Any request: the JSON answer, or an error naming the request, the status and the body. */
  async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? null : JSON.stringify(body) });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }
}

/** One request as `login`, signed in for it. */
export async function apiAs<T>(baseUrl: string, login: Login, method: string, path: string, body?: unknown): Promise<T> {
  return (await ApiClient.signIn(baseUrl, login)).send<T>(method, path, body);
}

/** Signs `login` in on the sign-in page, as a user types it (either language's labels). */
export async function signInPage(page: Page, baseUrl: string, login: Login): Promise<void> {
  await page.goto(baseUrl + '/');
  await page.getByLabel(/^(用户名|Username)$/).fill(login.username);
  await page.getByLabel(/^(密码|Password)$/).fill(login.password);
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  // Signed in (the user's own language is applied then: a language switched before would be undone), or refused.
  await page.getByTestId('current-user').or(page.getByTestId('signin-error')).first().waitFor();
}

/** Failed sign-ins straight at the API (to reach the rate limit quickly); returns the statuses. */
export async function failSignIns(baseUrl: string, username: string, times: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < times; i++) {
    const response = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: `not-the-password-${i}` }),
    });
    await response.body?.cancel();
    statuses.push(response.status);
  }
  return statuses;
}
