import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FAILURES_PER_USER } from '../src/app/auth/sign-in.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newTeam, newUser, TEST_PASSWORD, testContext } from './support/fixtures.ts';

let db: TestDatabase;
let app: FastifyInstance;
let clock = new Date('2026-03-02T02:00:00Z');
let collector: { username: string; id: number };

beforeAll(async () => {
  db = await createTestDatabase();
  app = await buildServer(testContext(db.pool, () => clock));
  collector = await newUser(db.pool, 'collector', { teamId: (await newTeam(db.pool)).id });
});
afterAll(async () => { await app?.close(); await db?.drop(); });

const login = (username: string, password: string, ip = '10.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });

describe('signing in and out', () => {
  it('sets an HttpOnly session cookie whose token is stored only as a hash', async () => {
    const res = await login(collector.username, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ username: collector.username, role: 'collector', locale: 'zh-CN' });
    expect(res.json().user.password_hash).toBeUndefined();
    const cookie = res.cookies.find((c) => c.name === 'leeway_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const stored = await db.pool.query('SELECT encode(token_hash, $1) AS h FROM sessions', ['escape']);
    expect(JSON.stringify(stored.rows)).not.toContain(cookie.value);

    const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `leeway_session=${cookie.value}` } });
    expect(me.json().user.username).toBe(collector.username);
    // The agency's business date by its clock and zone (the test clock: Monday 2026-03-02, 10:00 in Shanghai), for the screens' defaults.
    expect(me.json().user.business_date).toBe('2026-03-02');
    expect(res.json().user.business_date).toBe('2026-03-02');

    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: `leeway_session=${cookie.value}` } });
    expect(out.statusCode).toBe(204);
    const after = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `leeway_session=${cookie.value}` } });
    expect(after.statusCode).toBe(401);
  });

  it('remembers the language a user picks', async () => {
    const res = await login(collector.username, TEST_PASSWORD);
    const cookie = `leeway_session=${res.cookies.find((c) => c.name === 'leeway_session')!.value}`;
    expect((await app.inject({ method: 'PUT', url: '/api/me/locale', headers: { cookie }, payload: { locale: 'en' } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).json().user.locale).toBe('en');
    const bad = await app.inject({ method: 'PUT', url: '/api/me/locale', headers: { cookie }, payload: { locale: 'fr' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('locale');
  });

  it('says the same thing for an unknown user and a wrong password', async () => {
    const unknown = await login('nobody', 'whatever', '10.0.0.9');
    const wrong = await login(collector.username, 'wrong', '10.0.0.9');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('expires a session after 12 idle hours', async () => {
    const res = await login(collector.username, TEST_PASSWORD);
    const cookie = `leeway_session=${res.cookies.find((c) => c.name === 'leeway_session')!.value}`;
    clock = new Date(clock.getTime() + 11 * 3600_000);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
    clock = new Date(clock.getTime() + 12 * 3600_000 + 1000);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('slides a session forward at most once a minute: requests within it write nothing', async () => {
    const res = await login(collector.username, TEST_PASSWORD);
    const token = res.cookies.find((c) => c.name === 'leeway_session')!.value;
    const cookie = `leeway_session=${token}`;
    const expiry = async () => (await db.pool.query<{ expires_at: Date }>(
      `SELECT expires_at FROM sessions WHERE token_hash = sha256(convert_to($1, 'UTF8'))`, [token])).rows[0]!.expires_at.getTime();
    const signedIn = await expiry();
    clock = new Date(clock.getTime() + 30_000);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
    expect(await expiry()).toBe(signedIn);
    clock = new Date(clock.getTime() + 31_000);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
    expect(await expiry()).toBe(signedIn + 61_000);
  });

  it(`locks a username out after ${MAX_FAILURES_PER_USER} failures for 15 minutes, then lets it in`, async () => {
    const victim = await newUser(db.pool, 'collector', { teamId: (await newTeam(db.pool)).id });
    for (let i = 0; i < MAX_FAILURES_PER_USER; i++) expect((await login(victim.username, 'guess' + i, `10.1.0.${i}`)).statusCode).toBe(401);
    const locked = await login(victim.username, TEST_PASSWORD, '10.1.1.1');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('RATE_LIMITED');
    expect(locked.json().error.details.retry_after_seconds).toBeGreaterThan(800);
    expect(locked.headers['retry-after']).toBeDefined();
    clock = new Date(clock.getTime() + 15 * 60_000 + 1000);
    expect((await login(victim.username, TEST_PASSWORD, '10.1.1.1')).statusCode).toBe(200);
  });

  it('refuses a deactivated user, and ends their open sessions', async () => {
    const leaver = await newUser(db.pool, 'collector', { teamId: (await newTeam(db.pool)).id });
    const res = await login(leaver.username, TEST_PASSWORD, '10.2.0.1');
    const cookie = `leeway_session=${res.cookies.find((c) => c.name === 'leeway_session')!.value}`;
    await db.pool.query('UPDATE users SET active = false WHERE id = $1', [leaver.id]);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await login(leaver.username, TEST_PASSWORD, '10.2.0.1')).statusCode).toBe(401);
  });

  it('writes a sign-in audit row', async () => {
    const { rows } = await db.pool.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.sign_in' AND actor = $1", [collector.username]);
    expect(rows[0].n).toBeGreaterThan(0);
  });
});
