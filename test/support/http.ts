import type { FastifyInstance } from 'fastify';
import { TEST_PASSWORD } from './fixtures.ts';

/** Signs in through the real route and returns the session cookie header. */
export async function signInCookie(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'leeway_session');
  if (!cookie) throw new Error('no session cookie');
  return `leeway_session=${cookie.value}`;
}
