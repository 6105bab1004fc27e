import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { buildServer } from '../src/http/server.ts';
import { runCli } from './support/cli.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newUser, testContext } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

/** Reading the audit log (审计日志): newest first, filtered, a page at a time, admins only. */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let admin: string;
let adminName: string;

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  app = await buildServer(ctx);
  const a = await newUser(db.pool, 'admin');
  adminName = a.username;
  admin = await signInCookie(app, a.username);
  // Twelve known entries: six teams, then a user for each of the first three of them, then three more teams.
  const team = async (name: string) => (await app.inject({ method: 'POST', url: '/api/teams', headers: { cookie: admin }, payload: { name } })).json().id as number;
  const first = [];
  for (let i = 1; i <= 6; i++) first.push(await team(`审计组${i}`));
  for (let i = 0; i < 3; i++) {
    const res = await app.inject({ method: 'POST', url: '/api/users', headers: { cookie: admin },
      payload: { username: `audit.u${i}`, display_name: `审计${i}`, role: 'collector', team_id: first[i] } });
    expect(res.statusCode, res.body).toBe(201);
  }
  for (let i = 7; i <= 9; i++) await team(`审计组${i}`);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

type Page = { items: Array<{ id: number; actor: string; action: string; entity: string; entity_id: string | null; detail: Record<string, unknown> }>; next_before: number | null };
const list = async (query: string): Promise<Page> => {
  const res = await app.inject({ method: 'GET', url: `/api/audit${query}`, headers: { cookie: admin } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('the audit log', () => {
  it('lists newest first, with who, what and the detail; pages by id without gaps or repeats', async () => {
    const all = await list('?limit=200');
    const ids = all.items.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(all.items[0]).toMatchObject({ actor: adminName, action: 'team.add', entity: 'team', detail: { name: '审计组9' } });
    const pages: number[] = [];
    let before: number | null = null;
    do {
      const page: Page = await list(`?limit=5${before === null ? '' : `&before=${before}`}`);
      pages.push(...page.items.map((e) => e.id));
      before = page.next_before;
    } while (before !== null);
    expect(pages).toEqual(ids);
  });

  it('filters by action (exact, or every action under a prefix), actor, entity and the agency\'s dates', async () => {
    const added = await list('?action=user.add');
    expect(added.items.map((e) => e.detail.username)).toEqual(['audit.u2', 'audit.u1', 'audit.u0']);
    expect((await list('?action=team.')).items.every((e) => e.action.startsWith('team.'))).toBe(true);
    expect((await list('?action=team.')).items).toHaveLength(9);
    expect((await list('?actor=nobody.here')).items).toEqual([]);
    expect((await list(`?actor=${adminName.toUpperCase()}&entity=user`)).items.map((e) => e.action))
      .toEqual(['user.add', 'user.add', 'user.add', 'user.sign_in']);
    const today = (await db.pool.query<{ d: string }>(`SELECT to_char((now() AT TIME ZONE $1)::date, 'YYYY-MM-DD') AS d`, [ctx.agencyZone])).rows[0]!.d;
    const yesterday = (await db.pool.query<{ d: string }>(`SELECT to_char((now() AT TIME ZONE $1)::date - 1, 'YYYY-MM-DD') AS d`, [ctx.agencyZone])).rows[0]!.d;
    expect((await list(`?action=user.add&from=${today}&to=${today}`)).items).toHaveLength(3);
    expect((await list(`?action=user.add&to=${yesterday}`)).items).toHaveLength(0);
    const actions = (await app.inject({ method: 'GET', url: '/api/audit/actions', headers: { cookie: admin } })).json().items;
    expect(actions).toEqual(expect.arrayContaining(['team.add', 'user.add', 'user.sign_in']));
  });

  it('refuses a malformed date in both languages, and everyone but admins', async () => {
    const bad = await app.inject({ method: 'GET', url: '/api/audit?from=2026-13-01', headers: { cookie: admin } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ field: 'from', message_zh: 'from 须为 YYYY-MM-DD 格式的日期，实际为“2026-13-01”' });
    // The wrong way round finds nothing, which would read as nothing having happened: refused, naming the end date.
    const reversed = await app.inject({ method: 'GET', url: '/api/audit?from=2026-03-02&to=2026-03-01', headers: { cookie: admin } });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error).toMatchObject({ field: 'to', message: 'to (2026-03-01) is before from (2026-03-02)', message_zh: '结束日期（2026-03-01）早于开始日期（2026-03-02）' });
    const teamId = (await db.pool.query<{ id: number }>('SELECT min(id)::int AS id FROM teams')).rows[0]!.id;
    const lead = await signInCookie(app, (await newUser(db.pool, 'supervisor', { teamId })).username);
    expect((await app.inject({ method: 'GET', url: '/api/audit', headers: { cookie: lead } })).statusCode).toBe(403);
  });

  it('leeway audit list prints the same entries', async () => {
    const env = { DATABASE_URL: db.url, LEEWAY_DATA_DIR: await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-audit-')) };
    const res = await runCli(['audit', 'list', '--action', 'user.', '--json'], { env });
    expect(res.code, res.stderr).toBe(0);
    expect((JSON.parse(res.stdout) as Page).items.map((e) => e.action)).toEqual(expect.arrayContaining(['user.add']));
    const text = await runCli(['audit', 'list', '--action', 'team.add', '--limit', '2'], { env });
    expect(text.stdout).toContain('team.add');
    expect(text.stdout).toMatch(/\(older entries: --before \d+\)/);
  });
});
