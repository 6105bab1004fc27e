import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveOffboardTarget } from '../src/app/assignment/offboard-collector.ts';
import type { AppContext } from '../src/app/context.ts';
import { AppError } from '../src/domain/errors.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

/** The assignment API as a supervisor uses it: their team only. */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool, () => new Date()); // the fixtures' assignments start at the wall clock
  app = await buildServer(ctx);
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe('assignment API', () => {
  it('lets a supervisor move and offboard within their team, and nowhere else', async () => {
    const bank = await newCreditor(db.pool, 'JIANHANG');
    const team = await newTeam(db.pool, 'east');
    const otherTeam = await newTeam(db.pool, 'west');
    const supervisor = await newUser(db.pool, 'supervisor', { teamId: team.id });
    const [a, b] = [await newUser(db.pool, 'collector', { teamId: team.id }), await newUser(db.pool, 'collector', { teamId: team.id })];
    const far = await newUser(db.pool, 'collector', { teamId: otherTeam.id });
    const account = (await newAccount(db.pool, { creditorId: bank.id, debtorId: (await newDebtor(ctx)).id, collectorId: a.id, teamId: team.id })).id;
    const farAccount = (await newAccount(db.pool, { creditorId: bank.id, debtorId: (await newDebtor(ctx)).id, collectorId: far.id, teamId: otherTeam.id })).id;
    const cookie = await signInCookie(app, supervisor.username);
    const post = (url: string, payload: object) => app.inject({ method: 'POST', url, headers: { cookie }, payload });

    const moved = await post('/api/assignments/move', { account_ids: [account], to_user_id: b.id, reason: 'cover holiday' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ moved: [{ account_id: account, from: a.id, to: b.id }], unchanged: [] });
    expect((await post('/api/assignments/move', { account_ids: [farAccount], to_user_id: b.id, reason: 'not mine' })).statusCode).toBe(404);
    expect((await post('/api/assignments/move', { account_ids: [account], to_user_id: far.id, reason: 'not mine' })).statusCode).toBe(403);
    expect((await post('/api/assignments/move', { account_ids: [account], to_user_id: b.id, reason: '' })).json().error.field).toBe('reason');

    expect((await post(`/api/collectors/${b.id}/offboard`, { to_user_id: a.id, to_team_id: team.id })).statusCode).toBe(400);
    expect((await post(`/api/collectors/${far.id}/offboard`, { to_team_id: team.id })).statusCode).toBe(403);
    // A fellow team lead is the admin's to offboard: refused, and still signed up.
    const peer = await newUser(db.pool, 'supervisor', { teamId: team.id });
    const refused = await post(`/api/collectors/${peer.id}/offboard`, { to_team_id: team.id, reason: 'not mine to stop' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('only an admin offboards a team lead');
    expect((await db.pool.query('SELECT active FROM users WHERE id = $1', [peer.id])).rows[0].active).toBe(true);
    const off = await post(`/api/collectors/${b.id}/offboard`, { to_team_id: team.id, reason: 'left' });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ user: { id: b.id }, to: { kind: 'team', id: team.id }, accounts: 1, by_collector: [{ collector_id: a.id, accounts: 1 }] });

    const history = await app.inject({ method: 'GET', url: `/api/accounts/${account}/assignments`, headers: { cookie } });
    expect(history.json().items.map((h: { collector_id: number; kind: string | null }) => [h.collector_id, h.kind]))
      .toEqual([[a.id, null], [b.id, 'move'], [a.id, 'offboard']]);
    const territories = await app.inject({ method: 'GET', url: '/api/territories', headers: { cookie } });
    expect(territories.json()).toEqual({ items: [] });
  });

  it("lists a team's accounts by who holds them, a page at a time, for picking what to move", async () => {
    const bank = await newCreditor(db.pool, 'ZHAOHANG');
    const team = await newTeam(db.pool, 'north');
    const supervisor = await newUser(db.pool, 'supervisor', { teamId: team.id });
    const [a, b] = [await newUser(db.pool, 'collector', { teamId: team.id }), await newUser(db.pool, 'collector', { teamId: team.id })];
    const held = async (collectorId: number) => (await newAccount(db.pool, { creditorId: bank.id, debtorId: (await newDebtor(ctx)).id, collectorId, teamId: team.id })).id;
    const ofA = [await held(a.id), await held(a.id), await held(a.id)];
    const ofB = [await held(b.id)];
    const cookie = await signInCookie(app, supervisor.username);
    const list = async (query: string) => {
      const res = await app.inject({ method: 'GET', url: `/api/accounts?${query}`, headers: { cookie } });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { total: number; items: Array<{ id: number; collector_name: string | null }> };
    };
    const page1 = await list(`collector=${a.id}&limit=2`);
    const page2 = await list(`collector=${a.id}&limit=2&offset=2`);
    expect(page1.total).toBe(3);
    expect([...page1.items, ...page2.items].map((i) => i.id).sort()).toEqual([...ofA].sort());
    expect((await list(`collector=${b.id}`)).items.map((i) => i.id)).toEqual(ofB);
    // Every account of a team has its collector: none held by no one.
    expect((await list('collector=none')).total).toBe(0);
    expect((await list('')).total).toBe(4);
    const bad = await app.inject({ method: 'GET', url: '/api/accounts?collector=someone', headers: { cookie } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('collector');
  });

  it("refuses a territory's region it cannot read, saying in both languages what to write", async () => {
    const bank = await newCreditor(db.pool, 'TERRBANK');
    const team = await newTeam(db.pool, 'terr');
    const cookie = await signInCookie(app, (await newUser(db.pool, 'admin')).username);
    const res = await app.inject({ method: 'PUT', url: '/api/territories', headers: { cookie }, payload: { creditor: bank.code, region_prefix: '4', team_id: team.id } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ field: 'region_prefix',
      message: expect.stringContaining('2 to 6 digits of a region code (42, 4201), a US state as US-MA, or * for all regions'),
      message_zh: expect.stringContaining('2 到 6 位行政区划代码（如 42、4201）、美国州代码（如 US-MA），或 *（全部地区）') });
  });

  it('reads --to as a user or a team, and asks when a name is both', async () => {
    const team = await newTeam(db.pool, 'collector900');
    await db.pool.query(`INSERT INTO users (username, display_name, password_hash, role, team_id) VALUES ('collector900', 'x', 'x', 'collector', $1)`, [team.id]);
    await newTeam(db.pool, '华南组');
    expect(await resolveOffboardTarget(ctx, '华南组')).toEqual({ kind: 'team', ref: '华南组' });
    expect(await resolveOffboardTarget(ctx, 'team:collector900')).toEqual({ kind: 'team', ref: 'collector900' });
    const both = await resolveOffboardTarget(ctx, 'collector900').catch((e: unknown) => e);
    expect(both).toBeInstanceOf(AppError);
    expect((both as AppError).message).toContain('write user:collector900 or team:collector900');
    expect(((await resolveOffboardTarget(ctx, 'nobody-here').catch((e: unknown) => e)) as AppError).code).toBe('NOT_FOUND');
  });
});
