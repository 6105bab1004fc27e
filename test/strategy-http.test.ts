import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { buildServer } from '../src/http/server.ts';
import { DEFAULT_RULES_JSON } from '../src/domain/strategy/index.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

/**
 * The strategy screen's API (催收策略) on a real database: the overview before and after a run
 * started from the screen, a creditor's rules with their versions, a preview of a change that
 * counts what the run would do and saves nothing, saving versions (today or later only), and
 * who may do which.
 */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let admin: { username: string; cookie: string };
let supervisorCookie: string;
let collectorCookie: string;
const TODAY = '2026-03-02'; // testContext's clock, in Shanghai

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  app = await buildServer(ctx);
  const bank = await newCreditor(db.pool, 'STRAT');
  await newCreditor(db.pool, 'IDLE');   // no accounts: listed with nothing to count
  const team = await newTeam(db.pool);
  const collector = await newUser(db.pool, 'collector', { teamId: team.id });
  const adminUser = await newUser(db.pool, 'admin');
  admin = { username: adminUser.username, cookie: await signInCookie(app, adminUser.username) };
  supervisorCookie = await signInCookie(app, (await newUser(db.pool, 'supervisor', { teamId: team.id })).username);
  collectorCookie = await signInCookie(app, collector.username);
  const account = async (firstDelinquencyDate: string, principalFen: number) => {
    const debtor = await newDebtor(ctx);
    return { debtor, ...await newAccount(db.pool, { creditorId: bank.id, debtorId: debtor.id, collectorId: collector.id, teamId: team.id, principalFen, firstDelinquencyDate }) };
  };
  await account('2026-02-20', 100_000);     // M1, 1,015 yuan, a phone: an SMS under the defaults
  await account('2026-01-10', 2_000_000);   // M2: a call
  await account('2025-06-01', 2_000_000);   // M7+: a letter
  const held = await account('2026-02-01', 2_000_000);
  await db.pool.query(`INSERT INTO holds (debtor_id, kind, reason, starts_on) VALUES ($1, 'dispute', '书面异议', '2026-03-01')`, [held.debtor.id]);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const call = (method: 'GET' | 'POST', url: string, cookie: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload }) });
const overview = async () => (await call('GET', '/api/strategy', admin.cookie)).json();
type CreditorLine = Record<string, unknown> & { code: string; by_action: Record<string, number> };
const creditorOf = (o: { creditors: CreditorLine[] }, code: string) => o.creditors.find((c) => c.code === code)!;

describe('the strategy screen API', () => {
  it('before any run: every creditor on the defaults, nothing counted, no runs', async () => {
    const o = await overview();
    expect(o).toMatchObject({ today: TODAY, latest_date: null, runs: [] });
    expect(o.creditors.map((c: { code: string }) => c.code)).toEqual(['IDLE', 'STRAT']);
    expect(creditorOf(o, 'STRAT')).toEqual({ code: 'STRAT', name: 'STRAT 银行', name_en: null, version: 0, effective_from: null, scheduled: [], accounts: 0, by_action: {} });
  });

  it('running now writes the night, and the overview shows the run and each creditor\'s next actions', async () => {
    const run = await call('POST', '/api/strategy/run', admin.cookie, {});
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json().summary).toMatchObject({ date: TODAY, accounts: 4, changed: 4, sms_queued: 1, sms_blocked: 0 });

    const o = await overview();
    expect(o.latest_date).toBe(TODAY);
    expect(creditorOf(o, 'STRAT')).toMatchObject({ version: 0, accounts: 4, by_action: { sms: 1, call: 1, letter: 1, hold: 1 } });
    expect(creditorOf(o, 'IDLE')).toMatchObject({ accounts: 0, by_action: {} });
    expect(o.runs).toHaveLength(1);
    expect(o.runs[0]).toMatchObject({ date: TODAY, actor: admin.username, accounts: 4, changed: 4,
      promises: { kept: 0, partially_kept: 0, broken: 0 }, sms: { queued: 1, blocked: 0, blocked_by_rule: {} } });
    expect(Date.parse(o.runs[0].at)).toBe(ctx.now().getTime());
  });

  it('a creditor\'s rules: the defaults as version 0 until it has its own', async () => {
    const res = await call('GET', '/api/strategy/rules/STRAT', supervisorCookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ creditor: 'STRAT', name: 'STRAT 银行', name_en: null, date: TODAY,
      in_force: { version: 0, effective_from: null, rules: DEFAULT_RULES_JSON }, versions: [], defaults: DEFAULT_RULES_JSON });
    const unknown = await call('GET', '/api/strategy/rules/NOSUCH', admin.cookie);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message_zh).toContain('没有委托方“NOSUCH”');
  });

  it('a preview counts what the next run would do under the proposed rules beside the ones in force, and saves nothing', async () => {
    const letters = { priority: { bucket_points: {}, balance_fen_per_point: 100 }, actions: [], default_action: 'letter',
      segments: [{ name: 'big', when: { min_balance_fen: 1_000_000 } }], default_segment: 'small' };
    const res = await call('POST', '/api/strategy/rules/STRAT/preview', admin.cookie, { rules: letters });
    expect(res.statusCode, res.body).toBe(200);
    // "current" is the rules in force counted the same way, so it matches the night just written
    expect(res.json()).toEqual({
      date: TODAY, accounts: 4,
      current: { version: 0, by_action: { sms: 1, call: 1, letter: 1, hold: 1 }, by_segment: { early: 1, mid: 1, on_hold: 1, severe: 1 } },
      proposed: { by_action: { letter: 4 }, by_segment: { big: 3, small: 1 } },
    });
    expect((await db.pool.query('SELECT count(*)::int AS n FROM strategy_rules')).rows[0].n).toBe(0);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM account_strategy WHERE next_action = 'letter'`)).rows[0].n).toBe(1);

    const bad = await call('POST', '/api/strategy/rules/STRAT/preview', admin.cookie, { rules: { ...letters, default_action: 'fax' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'INVALID_INPUT', field: 'rules.default_action' });
    expect(bad.json().error.message_zh).toContain('rules.default_action必须是');
  });

  it('saving: a version from today is in force at once and the next run uses it; a later one is scheduled; a past date is refused', async () => {
    const rules = { priority: { bucket_points: { M1: 7 }, balance_fen_per_point: 100 }, actions: [], default_action: 'letter' };
    const past = await call('POST', '/api/strategy/rules/STRAT', admin.cookie, { effective_from: '2026-03-01', rules });
    expect(past.statusCode).toBe(400);
    expect(past.json().error).toMatchObject({ field: 'effective_from' });
    expect(past.json().error.message_zh).toContain('新版本只能从今天（2026-03-02）或以后生效');

    const saved = await call('POST', '/api/strategy/rules/STRAT', admin.cookie, { effective_from: TODAY, rules });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json()).toEqual({ creditor: 'STRAT', version: 1, effective_from: TODAY });
    const later = await call('POST', '/api/strategy/rules/STRAT', admin.cookie, { effective_from: '2026-04-01', rules: DEFAULT_RULES_JSON });
    expect(later.json()).toEqual({ creditor: 'STRAT', version: 2, effective_from: '2026-04-01' });

    const shown = (await call('GET', '/api/strategy/rules/STRAT', admin.cookie)).json();
    expect(shown.in_force).toEqual({ version: 1, effective_from: TODAY, rules });
    expect(shown.versions[1].created_at).toBe(ctx.now().toISOString());   // the agency's clock, as every other time
    expect(shown.versions.map((v: { version: number; effective_from: string; created_by: string }) => [v.version, v.effective_from, v.created_by]))
      .toEqual([[2, '2026-04-01', admin.username], [1, TODAY, admin.username]]);
    expect(creditorOf(await overview(), 'STRAT')).toMatchObject({ version: 1, effective_from: TODAY, scheduled: [{ version: 2, effective_from: '2026-04-01' }] });
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'strategy.rules'`)).rows[0].n).toBe(2);

    const again = (await call('POST', '/api/strategy/run', admin.cookie, {})).json();
    expect(again.summary).toMatchObject({ accounts: 4, changed: 4 });   // every row now records version 1
    expect((await call('POST', '/api/strategy/run', admin.cookie, {})).json().summary).toMatchObject({ accounts: 4, changed: 0 });
    const o = await overview();
    expect(creditorOf(o, 'STRAT').by_action).toEqual({ letter: 4 });
    expect(o.runs.map((r: { changed: number }) => r.changed)).toEqual([0, 4, 4]);   // newest first
    const versions = (await db.pool.query(`SELECT DISTINCT rule_version FROM account_strategy WHERE business_date = $1`, [TODAY])).rows;
    expect(versions).toEqual([{ rule_version: 1 }]);
  });

  it('supervisors read; only admins preview, save and run; collectors see none of it', async () => {
    expect((await call('GET', '/api/strategy', supervisorCookie)).statusCode).toBe(200);
    expect((await call('POST', '/api/strategy/run', supervisorCookie, {})).statusCode).toBe(403);
    expect((await call('POST', '/api/strategy/rules/STRAT/preview', supervisorCookie, { rules: DEFAULT_RULES_JSON })).statusCode).toBe(403);
    expect((await call('POST', '/api/strategy/rules/STRAT', supervisorCookie, { effective_from: TODAY, rules: DEFAULT_RULES_JSON })).statusCode).toBe(403);
    expect((await call('GET', '/api/strategy', collectorCookie)).statusCode).toBe(403);
    expect((await call('GET', '/api/strategy/rules/STRAT', collectorCookie)).statusCode).toBe(403);
  });
});
