import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { DEFAULT_DAILY_TARGET_FEN } from '../src/app/dashboard/team-dashboard.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext, usContract } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let team: { id: number };
let otherTeam: { id: number };
let alice: { id: number; username: string };
let bob: { id: number; username: string };
let far: { id: number; username: string };
const cookies: Record<string, string> = {};

// The test clock is 2026-03-02 10:00 in Shanghai: "today" is 2026-03-02.
const TODAY = '2026-03-02T03:00:00Z';
const YESTERDAY = '2026-03-01T03:00:00Z';

async function attempt(creditorId: number, accountId: number, debtorId: number, collectorId: number, outcome: string, at = TODAY, initiatedBy = 'agency') {
  await db.pool.query(`INSERT INTO contact_attempts (creditor_id, account_id, debtor_id, channel, party, purpose, outcome, initiated_by, at, collector_id)
    VALUES ($1, $2, $3, 'call', 'debtor', 'collect', $4, $5, $6, $7)`, [creditorId, accountId, debtorId, outcome, initiatedBy, at, collectorId]);
}

async function promise(creditorId: number, accountId: number, takenBy: number, status: string, createdAt: string, resolvedAt: string | null) {
  await db.pool.query(`INSERT INTO promises (creditor_id, account_id, amount_fen, due_date, status, taken_by, created_at, resolved_at)
    VALUES ($1, $2, 10000, '2026-03-05', $3, $4, $5, $6)`, [creditorId, accountId, status, takenBy, createdAt, resolvedAt]);
}

async function payment(creditorId: number, accountId: number, amountFen: number, paidOn: string) {
  await db.pool.query(`INSERT INTO payments (creditor_id, account_id, txn_id, amount_fen, paid_on) VALUES ($1, $2, $3, $4, $5)`,
    [creditorId, accountId, `T${Math.random()}`, amountFen, paidOn]);
}

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  app = await buildServer(ctx);
  const bank = await newCreditor(db.pool);
  team = await newTeam(db.pool);
  otherTeam = await newTeam(db.pool);
  const supervisor = await newUser(db.pool, 'supervisor', { teamId: team.id });
  const admin = await newUser(db.pool, 'admin');
  alice = await newUser(db.pool, 'collector', { teamId: team.id });
  bob = await newUser(db.pool, 'collector', { teamId: team.id });
  far = await newUser(db.pool, 'collector', { teamId: otherTeam.id });
  const d1 = await newDebtor(ctx);
  const d2 = await newDebtor(ctx);
  const d3 = await newDebtor(ctx);
  const a1 = await newAccount(db.pool, { creditorId: bank.id, debtorId: d1.id, collectorId: alice.id, teamId: team.id });
  const a2 = await newAccount(db.pool, { creditorId: bank.id, debtorId: d2.id, collectorId: bob.id, teamId: team.id });
  const a3 = await newAccount(db.pool, { creditorId: bank.id, debtorId: d3.id, collectorId: far.id, teamId: otherTeam.id });

  // Alice today: 4 agency attempts (2 conversations, 1 abusive), one inbound call (a conversation, neither an attempt nor a right-party contact of hers).
  await attempt(bank.id, a1.id, d1.id, alice.id, 'no_answer');
  await attempt(bank.id, a1.id, d1.id, alice.id, 'right_party');
  await attempt(bank.id, a1.id, d1.id, alice.id, 'promise');
  await attempt(bank.id, a1.id, d1.id, alice.id, 'abusive');
  await attempt(bank.id, a1.id, d1.id, alice.id, 'refuses', TODAY, 'debtor');
  // Yesterday's work does not count today.
  await attempt(bank.id, a1.id, d1.id, alice.id, 'right_party', YESTERDAY);
  await promise(bank.id, a1.id, alice.id, 'open', TODAY, null);
  await promise(bank.id, a1.id, alice.id, 'kept', YESTERDAY, TODAY);
  await promise(bank.id, a1.id, alice.id, 'broken', YESTERDAY, TODAY);
  await payment(bank.id, a1.id, 123_45, '2026-03-02');
  await payment(bank.id, a1.id, 100_00, '2026-03-02');
  await payment(bank.id, a1.id, 999_00, '2026-03-01');
  // Bob: one attempt; the other team's collector: work that the supervisor must not see.
  await attempt(bank.id, a2.id, d2.id, bob.id, 'busy');
  await attempt(bank.id, a3.id, d3.id, far.id, 'right_party');
  await payment(bank.id, a3.id, 50_00, '2026-03-02');
  // Bob's accounts finished (已结清): one paid in full by a payment today, one settled by yesterday's; one paid today but still
  // owing (a part payment: not finished).
  const finished = async (status: string, pays: Array<[number, string]>) => {
    const d = await newDebtor(ctx);
    const a = await newAccount(db.pool, { creditorId: bank.id, debtorId: d.id, collectorId: bob.id, teamId: team.id });
    await db.pool.query('UPDATE accounts SET status = $2 WHERE id = $1', [a.id, status]);
    for (const [fen, on] of pays) await payment(bank.id, a.id, fen, on);
  };
  await finished('paid', [[300_00, '2026-02-20'], [200_00, '2026-03-02']]);
  await finished('settled', [[400_00, '2026-03-01']]);
  await finished('active', [[100_00, '2026-03-02']]);
  // A reversal dated today does not make a payment: the account paid off yesterday stays yesterday's.
  await finished('paid', [[250_00, '2026-03-01'], [-10_00, '2026-03-02'], [10_00, '2026-02-01']]);

  cookies.supervisor = await signInCookie(app, supervisor.username);
  cookies.admin = await signInCookie(app, admin.username);
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

function get(url: string, cookie: string) {
  return app.inject({ method: 'GET', url, headers: { cookie } });
}

describe('GET /api/dashboard/team', () => {
  it("gives a supervisor their team's day by collector, with totals", async () => {
    const res = await get('/api/dashboard/team', cookies.supervisor!);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.date).toBe('2026-03-02');
    expect(body.team_id).toBe(team.id);
    expect(body.collectors.map((c: { user_id: number }) => c.user_id).sort()).toEqual([alice.id, bob.id].sort());
    const a = body.collectors.find((c: { user_id: number }) => c.user_id === alice.id);
    expect(a).toMatchObject({ attempts: 4, right_party: 2, promises_taken: 1, promises_kept: 1, collected_fen: 223_45, abusive: 1, paid_off: 0,
      target_fen: DEFAULT_DAILY_TARGET_FEN });
    const b = body.collectors.find((c: { user_id: number }) => c.user_id === bob.id);
    expect(b).toMatchObject({ attempts: 1, right_party: 0, promises_taken: 0, promises_kept: 0, collected_fen: 200_00 + 100_00 - 10_00, abusive: 0, paid_off: 1 });
    expect(body.totals).toEqual({ collectors: 2, attempts: 5, right_party: 2, promises_taken: 1, promises_kept: 1, collected_fen: 223_45 + 290_00,
      target_fen: 2 * DEFAULT_DAILY_TARGET_FEN, abusive: 1, paid_off: 1 });
  });

  it('takes a date', async () => {
    const body = (await get('/api/dashboard/team?date=2026-03-01', cookies.supervisor!)).json();
    const a = body.collectors.find((c: { user_id: number }) => c.user_id === alice.id);
    expect(a).toMatchObject({ attempts: 1, right_party: 1, promises_taken: 2, promises_kept: 0, collected_fen: 999_00 });
    // Yesterday Bob's settled account and the one whose last payment (before today's reversal) was yesterday were paid off.
    expect(body.collectors.find((c: { user_id: number }) => c.user_id === bob.id)).toMatchObject({ paid_off: 2 });
  });

  it('counts a payment for whom it is credited, as incentives do: the account moved on since does not move the money', async () => {
    const { rows: [acc] } = await db.pool.query(`SELECT s.creditor_id, s.account_id FROM assignments s WHERE s.collector_id = $1 AND s.ended_at IS NULL LIMIT 1`, [bob.id]);
    await db.pool.query(`INSERT INTO payments (creditor_id, account_id, txn_id, amount_fen, paid_on, collector_id) VALUES ($1, $2, 'CREDITED-ALICE', 50_00, '2026-02-27', $3)`,
      [acc.creditor_id, acc.account_id, alice.id]);
    const day = (await get('/api/dashboard/team?date=2026-02-27', cookies.supervisor!)).json();
    expect(day.collectors.find((c: { user_id: number }) => c.user_id === alice.id)).toMatchObject({ collected_fen: 50_00 });
    expect(day.collectors.find((c: { user_id: number }) => c.user_id === bob.id)).toMatchObject({ collected_fen: 0 });
    await db.pool.query(`DELETE FROM payments WHERE txn_id = 'CREDITED-ALICE'`);
  });

  it('still lists a collector offboarded since for a day they worked, so the day reads as it did (and as the reports count it)', async () => {
    const bank = (await db.pool.query(`SELECT creditor_id FROM assignments WHERE collector_id = $1 LIMIT 1`, [alice.id])).rows[0].creditor_id as number;
    const carol = await newUser(db.pool, 'collector', { teamId: team.id });
    const d = await newDebtor(ctx);
    const a = await newAccount(db.pool, { creditorId: bank, debtorId: d.id, collectorId: carol.id, teamId: team.id });
    await attempt(bank, a.id, d.id, carol.id, 'right_party', YESTERDAY);
    const before = (await get('/api/dashboard/team?date=2026-03-01', cookies.supervisor!)).json();
    await db.pool.query(`UPDATE users SET active = false WHERE id = $1`, [carol.id]);   // offboarded today
    const after = (await get('/api/dashboard/team?date=2026-03-01', cookies.supervisor!)).json();
    expect(after.collectors.find((c: { user_id: number }) => c.user_id === carol.id)).toMatchObject({ attempts: 1, right_party: 1, active: false, target_fen: null });
    expect(after.totals).toMatchObject({ collectors: before.totals.collectors, attempts: before.totals.attempts, right_party: before.totals.right_party });
    // Today she did nothing: not listed (nor offered accounts on the screens that list today's collectors).
    expect((await get('/api/dashboard/team', cookies.supervisor!)).json().collectors.map((c: { user_id: number }) => c.user_id)).not.toContain(carol.id);
  });

  it("refuses a supervisor another team's figures", async () => {
    const res = await get(`/api/dashboard/team?team_id=${otherTeam.id}`, cookies.supervisor!);
    expect(res.statusCode).toBe(404);
  });

  it('gives an admin every team, or one team', async () => {
    const all = (await get('/api/dashboard/team', cookies.admin!)).json();
    expect(all.team_id).toBeNull();
    expect(all.collectors.map((c: { user_id: number }) => c.user_id)).toEqual(expect.arrayContaining([alice.id, bob.id, far.id]));
    expect(all.totals.collected_fen).toBe(223_45 + 290_00 + 50_00);
    const one = (await get(`/api/dashboard/team?team_id=${otherTeam.id}`, cookies.admin!)).json();
    expect(one.collectors.map((c: { user_id: number }) => c.user_id)).toEqual([far.id]);
    expect((await get('/api/dashboard/team?team_id=999999', cookies.admin!)).statusCode).toBe(404);
  });

  it('rejects a malformed date, and a date the calendar does not have, naming the field (2026-02-30 was a 500 here, and a workload of figures)', async () => {
    const res = await get('/api/dashboard/team?date=March', cookies.admin!);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('date');
    for (const url of ['/api/dashboard/team?date=2026-02-30', '/api/workload?date=2026-02-30']) {
      const none = await get(url, cookies.admin!);
      expect(none.statusCode, url).toBe(400);
      expect(none.json().error).toMatchObject({ field: 'date', message: 'querystring.date: must be a day on the calendar, like 2026-03-02',
        message_zh: '查询参数中的 date：须为日历上存在的日期，如 2026-03-02' });
    }
  });
});

describe('totals with creditors in two currencies', () => {
  let us: { id: number; code: string };
  beforeAll(async () => {
    // A US bank beside the Chinese one (which has no contract: its amounts are yuan): Alice collects $40.00 on one of its accounts today.
    us = await newCreditor(db.pool);
    await usContract(db.pool, us.id);
    const debtor = await newDebtor(ctx);
    const account = await newAccount(db.pool, { creditorId: us.id, debtorId: debtor.id, collectorId: alice.id, teamId: team.id, principalFen: 500_00 });
    await db.pool.query(`INSERT INTO payments (creditor_id, account_id, txn_id, amount_fen, paid_on, settled_at, to_fees_fen, to_interest_fen, to_principal_fen,
      commission_fen, rate_bp, collector_id) VALUES ($1, $2, 'US-1', 40_00, '2026-03-02', now(), 0, 0, 40_00, 8_00, 2000, $3)`, [us.id, account.id, alice.id]);
  });

  it('never adds dollars to yuan: the dashboard shows one currency at a time, yuan first', async () => {
    const yuan = (await get('/api/dashboard/team', cookies.supervisor!)).json();
    expect(yuan).toMatchObject({ currency: 'CNY', currencies: ['CNY', 'USD'] });
    expect(yuan.collectors.find((c: { user_id: number }) => c.user_id === alice.id).collected_fen).toBe(223_45);
    const dollars = (await get('/api/dashboard/team?currency=USD', cookies.supervisor!)).json();
    // Alice's day only: Bob works no dollar account and collected no dollars (his attempt is no line of the dollar day).
    expect(dollars).toMatchObject({ currency: 'USD', totals: { collectors: 1, collected_fen: 40_00, attempts: 4 } });
    expect(dollars.collectors.find((c: { user_id: number }) => c.user_id === alice.id).collected_fen).toBe(40_00);
    // The target is a day's recoveries in dollars ($500), not the yuan figure read as dollars.
    expect(yuan.collectors[0].target_fen).toBe(3_000_00);
    expect(dollars.collectors[0].target_fen).toBe(500_00);
    const pounds = await get('/api/dashboard/team?currency=GBP', cookies.supervisor!);
    expect(pounds.statusCode).toBe(400);
    expect(pounds.json().error).toMatchObject({ field: 'currency', message: "No creditor's contract is in GBP: totals are in CNY or USD" });
  });

  it('the recovery report and the vintages add only the chosen currency\'s creditors; one creditor\'s are in its own', async () => {
    const yuan = (await get('/api/reports/recovery?by=creditor', cookies.admin!)).json();
    expect(yuan).toMatchObject({ currency: 'CNY', currencies: ['CNY', 'USD'] });
    expect(yuan.lines.map((l: { key: string }) => Number(l.key))).not.toContain(us.id);
    const dollars = (await get('/api/reports/recovery?by=creditor&currency=USD', cookies.admin!)).json();
    expect(dollars.lines.map((l: { key: string }) => Number(l.key))).toEqual([us.id]);
    expect(dollars.total).toMatchObject({ accounts: 1, placed_fen: 500_00 + 10_00 + 5_00, recovered_fen: 40_00 });
    const byMonth = (await get('/api/reports/recovery?by=placement_month&currency=USD', cookies.admin!)).json();
    expect(byMonth.total.recovered_fen).toBe(40_00);
    const vintages = (await get('/api/reports/vintages?currency=USD', cookies.admin!)).json();
    expect(vintages).toMatchObject({ currency: 'USD', curves: [{ accounts: 1 }] });
    const one = (await get(`/api/reports/recovery?creditor=${us.code}`, cookies.admin!)).json();
    expect(one).toMatchObject({ currency: 'USD', currencies: ['USD'], total: { recovered_fen: 40_00 } });
    expect((await get(`/api/reports/recovery?creditor=${us.code}&currency=CNY`, cookies.admin!)).statusCode).toBe(400);
  });

  it("opens a desk whose accounts are all in one currency in that one (a US desk in dollars); a mixed team's in yuan, the first", async () => {
    const desk = await newTeam(db.pool);
    const lead = await newUser(db.pool, 'supervisor', { teamId: desk.id });
    const sam = await newUser(db.pool, 'collector', { teamId: desk.id });
    await newAccount(db.pool, { creditorId: us.id, debtorId: (await newDebtor(ctx)).id, collectorId: sam.id, teamId: desk.id, principalFen: 300_00 });
    const [leadCookie, samCookie] = [await signInCookie(app, lead.username), await signInCookie(app, sam.username)];
    expect((await get('/api/dashboard/team', leadCookie)).json()).toMatchObject({ currency: 'USD', currencies: ['CNY', 'USD'] });
    expect((await get('/api/reports/recovery?by=creditor', samCookie)).json()).toMatchObject({ currency: 'USD', total: { accounts: 1, placed_fen: 300_00 + 10_00 + 5_00 } });
    expect((await get('/api/reports/vintages', leadCookie)).json()).toMatchObject({ currency: 'USD' });
    expect((await get('/api/incentives?month=2026-03', samCookie)).json()).toMatchObject({ currency: 'USD' });
    // Asked for, yuan still (nothing of theirs in it).
    expect((await get('/api/reports/recovery?by=creditor&currency=CNY', samCookie)).json()).toMatchObject({ currency: 'CNY', total: { accounts: 0 } });
    // Alice's team holds both banks' accounts; an admin reads everyone's: yuan, the first.
    expect((await get('/api/reports/recovery?by=creditor', cookies.supervisor!)).json()).toMatchObject({ currency: 'CNY' });
    expect((await get('/api/incentives?month=2026-03', cookies.admin!)).json()).toMatchObject({ currency: 'CNY' });
    // Everyone's day in yuan: Sam (dollar accounts only, nothing collected in yuan) is no line of it, as in the incentive
    // report; in dollars he has the dollar target, and Bob (yuan accounts only) is no line.
    type Day = { collectors: Array<{ user_id: number; target_fen: number | null; collected_fen: number }>; totals: { collectors: number; target_fen: number } };
    const day = async (currency: string) => (await get(`/api/dashboard/team?currency=${currency}`, cookies.admin!)).json() as Day;
    const [yuanDay, dollarDay] = [await day('CNY'), await day('USD')];
    const target = (d: Day, id: number) => d.collectors.find((c) => c.user_id === id)?.target_fen;
    expect([target(yuanDay, sam.id), target(yuanDay, alice.id), target(yuanDay, bob.id)]).toEqual([undefined, 3_000_00, 3_000_00]);
    expect([target(dollarDay, sam.id), target(dollarDay, alice.id), target(dollarDay, bob.id)]).toEqual([500_00, 500_00, undefined]);
    for (const d of [yuanDay, dollarDay]) {
      // The footer's count is the lines', and each line has a target or money in the currency.
      expect(d.totals.collectors).toBe(d.collectors.length);
      for (const c of d.collectors) expect(c.target_fen !== null || c.collected_fen !== 0).toBe(true);
      expect(d.totals.target_fen).toBe(d.collectors.reduce((sum, c) => sum + (c.target_fen ?? 0), 0));
    }
  });

  it('the incentive report likewise', async () => {
    // Bob keeps a promise on a yuan account this month: it counts in yuan, and does not put him in the dollar report.
    const { rows: [held] } = await db.pool.query(`SELECT creditor_id, account_id FROM assignments WHERE collector_id = $1 AND ended_at IS NULL AND creditor_id <> $2 LIMIT 1`, [bob.id, us.id]);
    await db.pool.query(`INSERT INTO promises (creditor_id, account_id, amount_fen, due_date, status, taken_by, created_at, resolved_at)
      VALUES ($1, $2, 1000, '2026-03-02', 'kept', $3, '2026-03-01T02:00:00Z', '2026-03-02T02:00:00Z')`, [held.creditor_id, held.account_id, bob.id]);
    const dollars = (await get('/api/incentives?month=2026-03&currency=USD', cookies.admin!)).json();
    expect(dollars).toMatchObject({ currency: 'USD', currencies: ['CNY', 'USD'], totals: { recovered_fen: 40_00, commission_fen: 8_00 } });
    const yuan = (await get('/api/incentives?month=2026-03', cookies.admin!)).json();
    expect(yuan).toMatchObject({ currency: 'CNY', totals: { recovered_fen: 0 } });
    // Each lists the collectors with figures in it or accounts in it, not a desk of the other currency's zeros.
    const names = (r: { rows: Array<{ collector_id: number }> }) => r.rows.map((x) => x.collector_id);
    expect(names(dollars)).toContain(alice.id);
    expect(names(dollars)).not.toContain(bob.id);
    expect(dollars.totals.promises_kept).toBe(0);
    expect(yuan.rows.find((r: { collector_id: number }) => r.collector_id === bob.id).promises_kept).toBe(1);
    expect(names(yuan)).toEqual(expect.arrayContaining([alice.id, bob.id, far.id]));
    const desk = (await db.pool.query(`SELECT u.id FROM users u JOIN teams t ON t.id = u.team_id WHERE u.role = 'collector'
      AND NOT EXISTS (SELECT 1 FROM assignments s WHERE s.collector_id = u.id AND s.creditor_id <> $1)`, [us.id])).rows.map((r) => r.id as number);
    expect(desk.length).toBeGreaterThan(0);
    for (const id of desk) expect(names(yuan)).not.toContain(id);
  });
});
