import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';
import { runCli } from './support/cli.ts';

/**
 * Staff accounts (用户管理) over HTTP on a real database: an admin adds a collector and a bank
 * user with temporary passwords, resets one, stops and restores access, and adds a team; every
 * user changes their own password. Sessions end where they must; every change is audited.
 */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let adminCookie: string;
let adminId: number;
let teamId: number;

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  app = await buildServer(ctx);
  await newCreditor(db.pool, 'USRBANK');
  teamId = (await newTeam(db.pool, '武汉一组')).id;
  const admin = await newUser(db.pool, 'admin');
  adminId = admin.id;
  adminCookie = await signInCookie(app, admin.username);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, cookie: string, payload?: object) =>
  payload === undefined ? app.inject({ method, url, headers: { cookie } }) : app.inject({ method, url, headers: { cookie }, payload });
const signIn = (username: string, password: string) => app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
const audit = async (action: string, userId: number) =>
  (await db.pool.query('SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND entity_id = $2', [action, String(userId)])).rows[0].n;

describe('staff accounts', () => {
  it('lists users by role, and within one by name with its number read as a number (collector2 before collector10)', async () => {
    for (const username of ['order10', 'order2', 'order', 'order1']) {
      expect((await call('POST', '/api/users', adminCookie, { username, display_name: username, role: 'collector', team_id: teamId })).statusCode).toBe(201);
    }
    const names: string[] = (await call('GET', '/api/users', adminCookie)).json().items.map((u: { username: string }) => u.username);
    expect(names.filter((n) => n.startsWith('order'))).toEqual(['order', 'order1', 'order2', 'order10']);
    expect(names[0]).toMatch(/^admin/);
  });

  it('an admin adds a collector with a temporary password; the collector signs in with it and sets their own', async () => {
    const added = await call('POST', '/api/users', adminCookie, { username: ' Li.Na ', display_name: '李娜', role: 'collector', team_id: teamId });
    expect(added.statusCode, added.body).toBe(201);
    const { user, temporary_password: temporary } = added.json();
    expect(user).toMatchObject({ username: 'li.na', display_name: '李娜', role: 'collector', team_id: teamId, team_name: '武汉一组', active: true, accounts: 0,
      last_sign_in_at: null });
    expect(temporary).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{16}$/);
    expect(await audit('user.add', user.id)).toBe(1);
    expect((await call('GET', '/api/users', adminCookie)).json().items.map((u: { username: string }) => u.username)).toContain('li.na');

    const login = await signIn('li.na', temporary);
    expect(login.statusCode).toBe(200);
    const cookie = `leeway_session=${login.cookies.find((c) => c.name === 'leeway_session')!.value}`;
    const other = await signInCookie(app, 'li.na', temporary);   // the same person on a second device
    expect((await call('GET', '/api/me', cookie)).json().user.password_temporary).toBe(true);
    // Until they choose their own, the admin's password does nothing else in their name (a list, a reveal of personal data).
    for (const [method, url] of [['GET', '/api/accounts'], ['GET', '/api/queue'], ['POST', '/api/accounts/1/reveal']] as const) {
      const held = await call(method, url, cookie, method === 'POST' ? { reason: 'look' } : undefined);
      expect(held.statusCode, url).toBe(403);
      expect(held.json().error).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED', message_zh: expect.stringContaining('请先设置自己的密码') });
    }

    const wrong = await call('PUT', '/api/me/password', cookie, { current_password: 'not it', new_password: 'a long new password' });
    expect(wrong.json().error).toMatchObject({ field: 'current_password', message_zh: '当前密码不正确' });
    const short = await call('PUT', '/api/me/password', cookie, { current_password: temporary, new_password: 'short' });
    expect(short.json().error).toMatchObject({ field: 'new_password', message_zh: '新密码至少需要 10 个字符' });
    const changed = await call('PUT', '/api/me/password', cookie, { current_password: temporary, new_password: '武汉长江大桥1957' });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await call('GET', '/api/me', cookie)).json().user).toMatchObject({ username: 'li.na', password_temporary: false }); // this session stays
    expect((await call('GET', '/api/accounts', cookie)).statusCode).toBe(200);
    expect((await call('GET', '/api/me', other)).statusCode).toBe(401);    // the other ends
    expect((await signIn('li.na', temporary)).statusCode).toBe(401);
    expect((await signIn('li.na', '武汉长江大桥1957')).statusCode).toBe(200);
    const listed = (await call('GET', '/api/users', adminCookie)).json().items.find((u: { username: string }) => u.username === 'li.na');
    expect(listed.last_sign_in_at).toBe(ctx.now().toISOString());   // the sign-in just made, by the application's clock
    expect(await audit('user.password_change', user.id)).toBe(1);
  });

  it('refuses what cannot be: a taken username, a collector without a team, a bank user without a bank, an unknown role', async () => {
    const first = await call('POST', '/api/users', adminCookie, { username: 'wang.fang', display_name: '王芳', role: 'supervisor', team_id: teamId });
    expect(first.statusCode).toBe(201);
    const again = await call('POST', '/api/users', adminCookie, { username: 'WANG.FANG', display_name: '王芳', role: 'collector', team_id: teamId });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ field: 'username', message_zh: '用户名 wang.fang 已被使用，请换一个' });
    const noTeam = await call('POST', '/api/users', adminCookie, { username: 'zhao.lei', display_name: '赵磊', role: 'collector' });
    expect(noTeam.json().error).toMatchObject({ field: 'team_id', message_zh: '催收员须属于一个小组，请选择小组' });
    const noBank = await call('POST', '/api/users', adminCookie, { username: 'bank.x', display_name: 'x', role: 'creditor_user', creditor_code: 'NOSUCH' });
    expect(noBank.json().error).toMatchObject({ field: 'creditor_code' });
    const bank = await call('POST', '/api/users', adminCookie, { username: 'bank.usr', display_name: '银行联络人', role: 'creditor_user', creditor_code: 'usrbank' });
    expect(bank.json().user).toMatchObject({ role: 'creditor_user', creditor_code: 'USRBANK', team_id: null });
    expect((await call('POST', '/api/users', adminCookie, { username: 'root.x', display_name: 'x', role: 'root' })).json().error.field).toBe('role');
    // Two admins adding the same name at the same moment: one is added, the other told the name is taken.
    const both = await Promise.all([1, 2].map(() => call('POST', '/api/users', adminCookie, { username: 'same.time', display_name: '同时', role: 'admin' })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM users WHERE username IN ('zhao.lei', 'bank.x', 'root.x')`)).rows[0].n).toBe(0);
  });

  it('a reset gives a new temporary password and ends the sessions; the old password stops working', async () => {
    const user = await newUser(db.pool, 'collector', { teamId });
    const cookie = await signInCookie(app, user.username);
    const reset = await call('POST', `/api/users/${user.id}/reset-password`, adminCookie);
    expect(reset.statusCode).toBe(200);
    expect((await call('GET', '/api/me', cookie)).statusCode).toBe(401);
    expect((await signIn(user.username, 'correct horse battery')).statusCode).toBe(401);
    const again = await signIn(user.username, reset.json().temporary_password);
    expect(again.json().user).toMatchObject({ password_temporary: true });
    expect(await audit('user.password_reset', user.id)).toBe(1);
    expect((await call('POST', '/api/users/999999999/reset-password', adminCookie)).statusCode).toBe(404);
  });

  it("changes a user's name, team and role: a collector who holds accounts keeps team and role until they are moved; a change of role ends the sessions", async () => {
    const other = (await newTeam(db.pool, '武汉二组')).id;
    const mover = await newUser(db.pool, 'collector', { teamId });
    const cookie = await signInCookie(app, mover.username);
    const bank = (await db.pool.query(`SELECT id FROM creditors WHERE code = 'USRBANK'`)).rows[0].id;
    const held = await newAccount(db.pool, { creditorId: bank, debtorId: (await newDebtor(ctx)).id, collectorId: mover.id, teamId });
    // A name: taken at once, sessions kept.
    const renamed = await call('PATCH', `/api/users/${mover.id}`, adminCookie, { display_name: '李 娜娜' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().user).toMatchObject({ display_name: '李 娜娜', team_id: teamId, role: 'collector' });
    expect((await call('GET', '/api/me', cookie)).statusCode).toBe(200);
    // Another team, while holding an account: refused, saying how many and what to do.
    const busy = await call('PATCH', `/api/users/${mover.id}`, adminCookie, { team_id: other });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error).toMatchObject({ field: 'team_id', details: { accounts: 1 }, message_zh: expect.stringContaining('请先转给同事') });
    // Once the account went to a colleague, the move and then a promotion are taken; the promotion ends the sessions.
    await db.pool.query(`UPDATE assignments SET ended_at = now() WHERE account_id = $1 AND ended_at IS NULL`, [held.id]);
    expect((await call('PATCH', `/api/users/${mover.id}`, adminCookie, { team_id: other })).json().user).toMatchObject({ team_id: other });
    const promoted = await call('PATCH', `/api/users/${mover.id}`, adminCookie, { role: 'supervisor' });
    expect(promoted.json().user).toMatchObject({ role: 'supervisor', team_id: other });
    expect((await call('GET', '/api/me', cookie)).statusCode).toBe(401);
    // A bank's user needs a bank; an admin does not change their own role.
    expect((await call('PATCH', `/api/users/${mover.id}`, adminCookie, { role: 'creditor_user' })).json().error.field).toBe('creditor_code');
    expect((await call('PATCH', `/api/users/${adminId}`, adminCookie, { role: 'supervisor', team_id: teamId })).json().error.message_zh).toBe('不能修改自己的角色，请由其他管理员操作');
    const trail = (await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'user.update' AND entity_id = $1 ORDER BY id`, [String(mover.id)])).rows;
    expect(trail.map((r) => [r.detail.from.role, r.detail.to.role, r.detail.to.team_id])).toEqual([['collector', 'collector', teamId], ['collector', 'collector', other], ['collector', 'supervisor', other]]);
  });

  it('stopping access ends the sessions and sign-in; a collector who holds accounts is offboarded instead; no admin stops themself', async () => {
    const leaving = await newUser(db.pool, 'collector', { teamId });
    const cookie = await signInCookie(app, leaving.username);
    const stopped = await call('POST', `/api/users/${leaving.id}/deactivate`, adminCookie);
    expect(stopped.json().user).toMatchObject({ active: false });
    expect((await call('GET', '/api/me', cookie)).statusCode).toBe(401);
    expect((await signIn(leaving.username, 'correct horse battery')).statusCode).toBe(401);
    expect((await call('POST', `/api/users/${leaving.id}/activate`, adminCookie)).json().user).toMatchObject({ active: true });
    expect((await signIn(leaving.username, 'correct horse battery')).statusCode).toBe(200);
    expect([await audit('user.deactivate', leaving.id), await audit('user.activate', leaving.id)]).toEqual([1, 1]);

    const busy = await newUser(db.pool, 'collector', { teamId });
    const bank = (await db.pool.query(`SELECT id FROM creditors WHERE code = 'USRBANK'`)).rows[0].id;
    await newAccount(db.pool, { creditorId: bank, debtorId: (await newDebtor(ctx)).id, collectorId: busy.id, teamId });
    const refused = await call('POST', `/api/users/${busy.id}/deactivate`, adminCookie);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ details: { accounts: 1 }, message_zh: expect.stringContaining('请在“离职转单”中转交') });
    const self = await call('POST', `/api/users/${adminId}/deactivate`, adminCookie);
    expect(self.json().error.message_zh).toBe('不能停用自己的账号，请由其他管理员操作');
  });

  it('teams: admins add them, supervisors list them with their members', async () => {
    const added = await call('POST', '/api/teams', adminCookie, { name: ' 襄阳 组 ' });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ name: '襄阳 组', members: 0 });
    expect((await call('POST', '/api/teams', adminCookie, { name: '襄阳 组' })).json().error).toMatchObject({ field: 'name' });
    const lead = await newUser(db.pool, 'supervisor', { teamId });
    const teams = (await call('GET', '/api/teams', await signInCookie(app, lead.username))).json().items as Array<{ name: string; members: number; supervisors: number }>;
    expect(teams.find((t) => t.name === '武汉一组')).toMatchObject({ supervisors: 2 });
    expect(teams.map((t) => t.name)).toContain('襄阳 组');
  });

  it('the same from the command line: teams add, users add (temporary password printed once), reset-password, update, deactivate, list', async () => {
    const env = { DATABASE_URL: db.url, LEEWAY_DATA_DIR: await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-users-')) };
    const team = await runCli(['teams', 'add', '宜昌组'], { env });
    expect(team.code, team.stderr).toBe(0);
    const added = await runCli(['users', 'add', 'chen.jie', '--name', '陈杰', '--role', 'collector', '--team', '宜昌组', '--json'], { env });
    expect(added.code, added.stderr).toBe(0);
    const { user, temporary_password: temporary } = JSON.parse(added.stdout);
    expect(user).toMatchObject({ username: 'chen.jie', team_name: '宜昌组' });
    expect((await signIn('chen.jie', temporary)).statusCode).toBe(200);
    const reset = await runCli(['users', 'reset-password', 'chen.jie', '--json'], { env });
    expect((await signIn('chen.jie', JSON.parse(reset.stdout).temporary_password)).statusCode).toBe(200);
    // Moved to another team, and renamed: what the screen's edit does.
    expect((await runCli(['teams', 'add', '荆州组'], { env })).code).toBe(0);
    const moved = await runCli(['users', 'update', 'chen.jie', '--team', '荆州组', '--name', '陈 杰'], { env });
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toBe('chen.jie: 陈 杰, collector, team 荆州组\n');
    const badRole = await runCli(['users', 'update', 'chen.jie', '--role', 'boss'], { env });
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('boss');
    expect((await runCli(['users', 'deactivate', 'chen.jie'], { env })).stdout).toBe('chen.jie: access stopped\n');
    const listed = JSON.parse((await runCli(['users', 'list', '--json'], { env })).stdout) as Array<{ username: string; active: boolean }>;
    expect(listed.find((u) => u.username === 'chen.jie')).toMatchObject({ active: false });
    const unknown = await runCli(['users', 'deactivate', 'nobody.here'], { env });
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('No user nobody.here');
  });
});
