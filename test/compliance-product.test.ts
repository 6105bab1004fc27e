import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { buildServer } from '../src/http/server.ts';
import { runCli } from './support/cli.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

/** The compliance engine in the product: real debtor state from the database, on every path. */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let now = new Date('2026-03-02T02:00:00Z'); // 10:00 in Shanghai
let collectorCookie: string;
let supervisorCookie: string;
let adminCookie: string;
let hubei: { id: number };           // Wuhan debtor's account
let zhejiang: { id: number };        // Hangzhou debtor's account
let colleagues: { id: number };      // another collector's account
let noPhone: { id: number };
let teamId: number;

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool, () => now);
  app = await buildServer(ctx);
  const bank = await newCreditor(db.pool, 'HUAYU');
  await db.pool.query(`INSERT INTO contracts (creditor_id, version, name, pack, effective_from) VALUES ($1, 1, '华裕银行', 'CN', '2026-01-01')`, [bank.id]);
  const team = await newTeam(db.pool, '华中组');
  teamId = team.id;
  const collector = await newUser(db.pool, 'collector', { teamId: team.id });
  const colleague = await newUser(db.pool, 'collector', { teamId: team.id });
  const supervisor = await newUser(db.pool, 'supervisor', { teamId: team.id });
  const admin = await newUser(db.pool, 'admin');
  const spec = (debtorId: number, collectorId = collector.id) => ({ creditorId: bank.id, debtorId, collectorId, teamId: team.id });
  hubei = await newAccount(db.pool, spec((await newDebtor(ctx, { regionCode: '420102' })).id));
  await db.pool.query(`UPDATE accounts SET region_code = '420102' WHERE id = $1`, [hubei.id]);
  zhejiang = await newAccount(db.pool, spec((await newDebtor(ctx, { regionCode: '330106' })).id));
  await db.pool.query(`UPDATE accounts SET region_code = '330106' WHERE id = $1`, [zhejiang.id]);
  colleagues = await newAccount(db.pool, spec((await newDebtor(ctx)).id, colleague.id));
  const lost = await newDebtor(ctx, { regionCode: '330106' });
  await db.pool.query(`UPDATE contact_points SET verified = 'invalid' WHERE debtor_id = $1`, [lost.id]);
  noPhone = await newAccount(db.pool, spec(lost.id));
  await db.pool.query(`UPDATE accounts SET region_code = '330106' WHERE id = $1`, [noPhone.id]);
  collectorCookie = await signInCookie(app, collector.username);
  supervisorCookie = await signInCookie(app, supervisor.username);
  adminCookie = await signInCookie(app, admin.username);
});
afterAll(async () => { await app?.close(); await db?.drop(); });

/** The debtor's own phone on the account: where a call the agency makes goes. */
const debtorPhone = async (accountId: number) => (await db.pool.query(
  `SELECT cp.id FROM contact_points cp JOIN accounts a ON a.debtor_id = cp.debtor_id
    WHERE a.id = $1 AND cp.kind = 'phone' AND cp.owner = 'debtor' ORDER BY cp.id LIMIT 1`, [accountId])).rows[0].id as number;
/** A call logged as it happens: with `at`, the clock reads that time while it is logged (a contact is logged once it happened). */
const logCall = async (accountId: number, body: Record<string, unknown> = {}, cookie = collectorCookie) => {
  const payload = { channel: 'call', outcome: 'no_answer', contact_point_id: await debtorPhone(accountId), ...body };
  const saved = now;
  if (typeof body['at'] === 'string') now = new Date(body['at']);
  try {
    return await app.inject({ method: 'POST', url: `/api/accounts/${accountId}/contacts`, headers: { cookie }, payload });
  } finally {
    now = saved;
  }
};
const check = (accountId: number, at?: string) =>
  app.inject({ method: 'GET', url: `/api/accounts/${accountId}/contact-check?channel=call${at ? `&at=${encodeURIComponent(at)}` : ''}`, headers: { cookie: collectorCookie } });

describe('logging a contact', () => {
  it('stores the allowing decision beside the attempt, in the same transaction as its audit row', async () => {
    const res = await logCall(hubei.id, { at: '2026-03-02T09:10:00+08:00' });
    expect(res.statusCode, res.body).toBe(201);
    const { attempt_id, decision } = res.json();
    expect(decision.allowed).toBe(true);
    const stored = await db.pool.query('SELECT decision FROM contact_attempts WHERE id = $1', [attempt_id]);
    expect(stored.rows[0].decision).toEqual(decision);
    const audit = await db.pool.query("SELECT detail FROM audit_log WHERE action = 'contact.log' AND entity_id = $1", [String(attempt_id)]);
    expect(audit.rows[0].detail).toMatchObject({ account_id: hubei.id, channel: 'call', allowed: true });
  });

  it('is logged at the time it happened: not a time to come, nor more than a day back (a time chosen freely would pass calling hours and every count)', async () => {
    const post = async (at: string) => app.inject({ method: 'POST', url: `/api/accounts/${colleagues.id}/contacts`, headers: { cookie: supervisorCookie },
      payload: { channel: 'call', outcome: 'no_answer', contact_point_id: await debtorPhone(colleagues.id), at } });
    const ahead = await post('2026-03-02T21:00:00+08:00');   // the clock reads 10:00
    expect(ahead.statusCode).toBe(400);
    expect(ahead.json().error).toMatchObject({ field: 'at', message: 'A contact is logged once it happened: 2026-03-02T13:00:00.000Z is later than now' });
    const old = await post('2026-02-28T14:00:00+08:00');
    expect(old.statusCode).toBe(400);
    expect(old.json().error.message).toBe('A contact is logged within 24 hours of it: 2026-02-28T06:00:00.000Z is earlier');
    // Last evening's call, logged this morning: judged at its own time, and its time is in the audit row.
    const late = await post('2026-03-01T19:30:00+08:00');
    expect(late.statusCode, late.body).toBe(201);
    const audit = await db.pool.query("SELECT detail FROM audit_log WHERE action = 'contact.log' AND entity_id = $1", [String(late.json().attempt_id)]);
    expect(audit.rows[0].detail).toMatchObject({ at: '2026-03-01T11:30:00.000Z' });
    await db.pool.query('DELETE FROM contact_attempts WHERE id = $1', [late.json().attempt_id]);
    // A few minutes ahead (a phone's clock): taken as now, not as the time given.
    const ahead2 = await post('2026-03-02T10:03:00+08:00');
    expect(ahead2.statusCode, ahead2.body).toBe(201);
    expect((await db.pool.query('SELECT at FROM contact_attempts WHERE id = $1', [ahead2.json().attempt_id])).rows[0].at).toEqual(new Date('2026-03-02T02:00:00Z'));
    await db.pool.query('DELETE FROM contact_attempts WHERE id = $1', [ahead2.json().attempt_id]);
  });

  it('refuses the 4th call of the local day with 409 CONTACT_NOT_ALLOWED, the decision, and records only the refusal', async () => {
    expect((await logCall(hubei.id, { at: '2026-03-02T11:00:00+08:00' })).statusCode).toBe(201);
    expect((await logCall(hubei.id, { at: '2026-03-02T14:00:00+08:00', outcome: 'busy' })).statusCode).toBe(201);
    const refused = await logCall(hubei.id, { at: '2026-03-02T16:00:00+08:00' });
    expect(refused.statusCode).toBe(409);
    const error = refused.json().error;
    expect(error.code).toBe('CONTACT_NOT_ALLOWED');
    expect(error.details.decision.reasons.map((r: { rule: string }) => r.rule)).toEqual(['CN.daily_calls']);
    expect(error.details.decision.next_allowed_at).toBe('2026-03-03T08:00:00+08:00');
    const count = await db.pool.query('SELECT count(*)::int AS n FROM contact_attempts WHERE account_id = $1', [hubei.id]);
    expect(count.rows[0].n).toBe(3);
    const audit = await db.pool.query("SELECT detail FROM audit_log WHERE action = 'contact.refused' ORDER BY id DESC LIMIT 1");
    expect(audit.rows[0].detail.reasons).toEqual(['CN.daily_calls']);
  });

  it('explains a late call in plain words, zh and en', async () => {
    const res = await check(zhejiang.id, '2026-03-02T21:30:00+08:00');
    expect(res.json().allowed).toBe(false);
    expect(res.json().reasons[0].message).toContain("21:30 is past the 21:00 limit in the debtor's time zone");
    expect(res.json().reasons[0].message_zh).toContain('已过21:00的限制');
  });

  it('judges a debtor in Xinjiang by Beijing and Ürümqi time: 09:30 in Beijing is 07:30 there', async () => {
    await db.pool.query(`UPDATE accounts SET region_code = '650102' WHERE id = $1`, [zhejiang.id]);
    try {
      const early = (await check(zhejiang.id, '2026-03-02T09:30:00+08:00')).json();
      expect(early.allowed).toBe(false);
      expect(early.reasons[0].message).toContain('Asia/Urumqi');
      expect(early.next_allowed_at).toBe('2026-03-02T10:00:00+08:00');
      expect((await check(zhejiang.id, '2026-03-02T10:00:00+08:00')).json().allowed).toBe(true);
    } finally {
      await db.pool.query(`UPDATE accounts SET region_code = '330106' WHERE id = $1`, [zhejiang.id]);
    }
  });

  it("hides a colleague's account (404)", async () => {
    expect((await logCall(colleagues.id)).statusCode).toBe(404);
  });

  it('refuses an invalid (失效) contact point with a clear 400', async () => {
    const point = await db.pool.query("SELECT cp.id FROM contact_points cp JOIN accounts a ON a.debtor_id = cp.debtor_id WHERE a.id = $1", [noPhone.id]);
    const res = await logCall(noPhone.id, { contact_point_id: point.rows[0].id });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('marked invalid');
  });
});

describe('holds stop collection the moment they are raised', () => {
  let holdId: number;
  it('a complaint_review hold blocks contact at once; a debtor calling in is still recorded', async () => {
    expect((await check(zhejiang.id, '2026-03-02T10:00:00+08:00')).json().allowed).toBe(true);
    const placed = await app.inject({ method: 'POST', url: `/api/accounts/${zhejiang.id}/holds`, headers: { cookie: collectorCookie },
      payload: { kind: 'complaint_review', reason: '债务人投诉催收员态度' } });
    expect(placed.statusCode, placed.body).toBe(201);
    holdId = placed.json().id;
    const blocked = (await check(zhejiang.id, '2026-03-02T10:00:00+08:00')).json();
    expect(blocked.allowed).toBe(false);
    expect(blocked.reasons.map((r: { rule: string }) => r.rule)).toContain('CN.holds');
    expect(blocked.next_allowed_at).toBeNull();
    expect((await logCall(zhejiang.id, { at: '2026-03-02T10:05:00+08:00' })).statusCode).toBe(409);
    const inbound = await logCall(zhejiang.id, { at: '2026-03-02T10:06:00+08:00', initiated_by: 'debtor', outcome: 'right_party' });
    expect(inbound.statusCode).toBe(201);
    expect(inbound.json().decision.allowed).toBe(false);
  });

  it('lists who placed it, when and why; only a supervisor may lift it, and then contact is allowed again', async () => {
    const list = (await app.inject({ method: 'GET', url: `/api/accounts/${zhejiang.id}/holds`, headers: { cookie: collectorCookie } })).json().items;
    expect(list[0]).toMatchObject({ id: holdId, kind: 'complaint_review', reason: '债务人投诉催收员态度', in_force: true, starts_on: '2026-03-02' });
    expect(list[0].set_by_name).toMatch(/collector/);
    const denied = await app.inject({ method: 'POST', url: `/api/holds/${holdId}/release`, headers: { cookie: collectorCookie }, payload: { reason: 'resolved' } });
    expect(denied.statusCode).toBe(403);
    // Another team's lead cannot lift it (nor learn what it belongs to): the account is not theirs to see.
    const elsewhere = await signInCookie(app, (await newUser(db.pool, 'supervisor', { teamId: (await newTeam(db.pool, '华南组')).id })).username);
    const foreign = await app.inject({ method: 'POST', url: `/api/holds/${holdId}/release`, headers: { cookie: elsewhere }, payload: { reason: 'not mine' } });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.message).toBe(`Hold ${holdId} does not exist or is not yours to see`);
    expect((await check(zhejiang.id, '2026-03-02T10:30:00+08:00')).json().allowed).toBe(false);
    const lifted = await app.inject({ method: 'POST', url: `/api/holds/${holdId}/release`, headers: { cookie: supervisorCookie }, payload: { reason: '投诉已处理完毕' } });
    expect(lifted.statusCode).toBe(204);
    expect((await check(zhejiang.id, '2026-03-02T11:00:00+08:00')).json().allowed).toBe(true);
    const audit = await db.pool.query("SELECT action FROM audit_log WHERE entity = 'hold' AND entity_id = $1 ORDER BY id", [String(holdId)]);
    expect(audit.rows.map((r) => r.action)).toEqual(['hold.place', 'hold.release']);
  });

  it('a UK-only hold on a Chinese account is refused: it would show as in force and stop nothing', async () => {
    for (const kind of ['breathing_space', 'plan_pending', 'mental_health_crisis', 'plan_pending_extended']) {
      const res = await app.inject({ method: 'POST', url: `/api/accounts/${zhejiang.id}/holds`, headers: { cookie: supervisorCookie }, payload: { kind, reason: '测试' } });
      expect(res.statusCode, kind).toBe(400);
      expect(res.json().error.message).toContain('is for accounts under a UK contract');
    }
    // Nor does the hold form offer them (or a UK statute-barred claim) on this account.
    const listed = (await app.inject({ method: 'GET', url: `/api/accounts/${zhejiang.id}/holds`, headers: { cookie: supervisorCookie } })).json();
    expect(listed.kinds).toContain('dispute');
    for (const kind of ['breathing_space', 'plan_pending', 'mental_health_crisis', 'plan_pending_extended', 'statute_barred']) expect(listed.kinds).not.toContain(kind);
  });

  it('a dated hold ends by itself after its last day', async () => {
    await app.inject({ method: 'POST', url: `/api/accounts/${zhejiang.id}/holds`, headers: { cookie: collectorCookie },
      payload: { kind: 'dispute', reason: '称已还清', starts_on: '2026-03-02', ends_on: '2026-03-05' } });
    expect((await check(zhejiang.id, '2026-03-05T20:00:00+08:00')).json().allowed).toBe(false);
    const after = (await check(zhejiang.id, '2026-03-06T08:00:00+08:00')).json();
    expect(after.allowed).toBe(true);
  });
});

describe('suspensions (区域停催)', () => {
  let suspensionId: number;
  it('a backdated Hubei suspension lists the attempts already made inside it', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/suspensions', headers: { cookie: adminCookie },
      payload: { scope: 'region', code: '420000', from: '2026-03-01', to: '2026-03-10', reason: '湖北疫情停催' } });
    expect(res.statusCode, res.body).toBe(201);
    suspensionId = res.json().suspension.id;
    const attempts = res.json().attempts_in_window;
    expect(attempts.length).toBe(3);
    expect(attempts.every((a: { account_id: number }) => a.account_id === hubei.id)).toBe(true);
  });

  it('blocks Hubei debtors only, and resumes by itself the day after its end in the debtor\'s local date', async () => {
    const during = (await check(hubei.id, '2026-03-10T20:59:00+08:00')).json();
    expect(during.reasons.map((r: { rule: string }) => r.rule)).toContain('CN.suspension');
    expect(during.next_allowed_at).toBe('2026-03-11T08:00:00+08:00');
    expect((await check(zhejiang.id, '2026-03-10T10:00:00+08:00')).json().allowed).toBe(true);
    expect((await check(hubei.id, '2026-03-11T08:00:00+08:00')).json().allowed).toBe(true);
    const list = (await app.inject({ method: 'GET', url: '/api/suspensions', headers: { cookie: adminCookie } })).json().items;
    expect(list.find((s: { id: number }) => s.id === suspensionId).state).toBe('in_force'); // today is 2026-03-02
  });

  it('refuses the same suspension entered twice (same scope, code and dates, not ended), naming the first', async () => {
    const twice = await app.inject({ method: 'POST', url: '/api/suspensions', headers: { cookie: adminCookie },
      payload: { scope: 'region', code: '420000', from: '2026-03-01', to: '2026-03-10', reason: '湖北疫情停催（重复）' } });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe(`Suspension ${suspensionId} already covers 420000 from 2026-03-01 to 2026-03-10; change or end that one instead`);
  });

  it('refuses an unknown region with a 400 naming the field, and only admins create them', async () => {
    const bad = await app.inject({ method: 'POST', url: '/api/suspensions', headers: { cookie: adminCookie },
      payload: { scope: 'region', code: '999999', from: '2026-03-01', reason: 'x y' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('code');
    const denied = await app.inject({ method: 'POST', url: '/api/suspensions', headers: { cookie: supervisorCookie },
      payload: { scope: 'region', code: '420000', from: '2026-03-01', reason: 'x y' } });
    expect(denied.statusCode).toBe(403);
  });

  it('ends an open-ended creditor suspension on request (the code typed in small letters is the creditor\'s, and stops it)', async () => {
    const created = (await app.inject({ method: 'POST', url: '/api/suspensions', headers: { cookie: adminCookie },
      payload: { scope: 'creditor', code: 'huayu', from: '2026-03-02', reason: '银行要求暂停' } })).json();
    expect(created.suspension.code).toBe('HUAYU');
    expect((await check(zhejiang.id, '2026-03-06T12:00:00+08:00')).json().reasons.map((r: { rule: string }) => r.rule)).toEqual(['CN.suspension']);
    const ended = await app.inject({ method: 'POST', url: `/api/suspensions/${created.suspension.id}/end`, headers: { cookie: adminCookie } });
    expect(ended.statusCode).toBe(200);
    expect((await check(zhejiang.id, '2026-03-06T12:00:00+08:00')).json().allowed).toBe(true);
  });

  it('lists those in force or to come; one ended early or past its last day only with all=true', async () => {
    const past = (await app.inject({ method: 'POST', url: '/api/suspensions', headers: { cookie: adminCookie },
      payload: { scope: 'region', code: '330000', from: '2026-02-01', to: '2026-02-10', reason: '去年台风停催' } })).json().suspension.id as number;
    const states = async (all: boolean) => new Map<number, string>((await app.inject({ method: 'GET', url: `/api/suspensions?all=${all}`,
      headers: { cookie: adminCookie } })).json().items.map((s: { id: number; state: string }) => [s.id, s.state]));
    const current = await states(false);
    expect(current.get(suspensionId)).toBe('in_force');
    expect(current.has(past)).toBe(false);
    expect([...current.values()].every((state) => state === 'in_force' || state === 'scheduled')).toBe(true);
    const every = await states(true);
    expect(every.get(past)).toBe('over');
    expect([...every.values()]).toContain('ended');
  });
});

describe('the call plan', () => {
  it('includes only debtors allowed at the planned time, counting those left out per rule (API)', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/contact-plans', headers: { cookie: collectorCookie },
      payload: { date: '2026-03-03', time: '09:00', channel: 'call' } });
    expect(res.statusCode, res.body).toBe(200);
    const { summary, items } = res.json();
    // The collector's accounts: Hubei (suspended), Zhejiang (dispute hold until 03-05), no phone.
    expect(summary).toMatchObject({ accounts: 3, included: 0, left_out: 3 });
    expect(summary.left_out_by_rule).toEqual({ 'CN.suspension': 1, 'CN.holds': 1, no_usable_contact_point: 1 });
    expect(items).toEqual([]);
    const later = (await app.inject({ method: 'POST', url: '/api/contact-plans', headers: { cookie: collectorCookie },
      payload: { date: '2026-03-12', channel: 'call' } })).json();
    expect(later.items.map((i: { account_id: number }) => i.account_id).sort()).toEqual([hubei.id, zhejiang.id].sort());
    expect(later.items[0].phone_mask).toMatch(/^138\*{4}\d{4}$/);
  });

  it('`leeway contacts plan --team` writes the list and prints the summary', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-plan-'));
    const out = path.join(dir, 'plan.csv');
    const res = await runCli(['contacts', 'plan', '--date', '2026-03-12', '--team', '华中组', '--channel', 'call', '--out', out, '--json'],
      { env: { DATABASE_URL: db.url, LEEWAY_DATA_DIR: dir } });
    expect(res.code, res.stderr).toBe(0);
    const summary = JSON.parse(res.stdout);
    expect(summary).toMatchObject({ date: '2026-03-12', channel: 'call', team_id: teamId, accounts: 4, included: 3 });
    const lines = (await fs.readFile(out, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(4);
    const bad = await runCli(['contacts', 'plan', '--date', '2026-03-12', '--channel', 'fax'], { env: { DATABASE_URL: db.url, LEEWAY_DATA_DIR: dir } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--channel must be call or sms');
  });

  it('`leeway suspend` and `leeway suspensions list/end` work from the command line', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-suspend-'));
    const env = { DATABASE_URL: db.url, LEEWAY_DATA_DIR: dir };
    const made = await runCli(['suspend', '--region', '330100', '--from', '2026-03-02', '--reason', '台风', '--json'], { env });
    expect(made.code, made.stderr).toBe(0);
    const id = JSON.parse(made.stdout).suspension.id;
    const list = await runCli(['suspensions', 'list', '--json'], { env });
    expect(JSON.parse(list.stdout).find((s: { id: number }) => s.id === id)).toMatchObject({ scope: 'region', code: '330100', state: 'in_force' });
    expect((await runCli(['suspensions', 'end', String(id)], { env })).code).toBe(0);
    const both = await runCli(['suspend', '--region', '420000', '--creditor', 'HUAYU', '--from', '2026-03-02', '--reason', 'x'], { env });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('exactly one of --region, --creditor or --account');
  });
});
