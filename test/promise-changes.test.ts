import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { resolveDuePromises } from '../src/db/strategy-repository.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newActiveAccount, newCreditor, newTeam, newUser, testContext } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

/**
 * A promise to pay (承诺还款) after it was taken: cancelled or moved (改约) with the reason, and
 * ended by a hold that stops collection, so that it is never counted broken against the debtor.
 * The test clock's business date is 2026-03-02 (Asia/Shanghai).
 */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let bank: { id: number };
let team: { id: number };
let collector: Awaited<ReturnType<typeof newUser>>;
let cookie: string;
let otherCookie: string;
let supervisorCookie: string;
let adminCookie: string;

const api = (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>, c = cookie) =>
  app.inject({ method, url, headers: { cookie: c }, ...(payload ? { payload } : {}) });

async function promised(dueDate = '2026-03-10', amountFen = 50_000) {
  const a = await newActiveAccount(ctx, { creditorId: bank.id, collectorId: collector.id, teamId: team.id });
  const taken = await api('POST', `/api/accounts/${a.id}/promises`, { amount_fen: amountFen, due_date: dueDate });
  expect(taken.statusCode, taken.body).toBe(201);
  return { accountId: a.id, debtorId: a.debtorId, promiseId: taken.json().promise_id as number };
}
const promiseRow = async (id: number) => (await db.pool.query(
  `SELECT status, cancel_reason, cancelled_by, cancelled_by_hold, rescheduled_from, amount_fen::float8 AS amount_fen, to_char(due_date, 'YYYY-MM-DD') AS due_date
     FROM promises WHERE id = $1`, [id])).rows[0];
const accountStatus = async (id: number) => (await db.pool.query(`SELECT status FROM accounts WHERE id = $1`, [id])).rows[0].status as string;
const audited = async (promiseId: number) => (await db.pool.query(
  `SELECT action, detail FROM audit_log WHERE entity = 'promise' AND entity_id = $1 ORDER BY id`, [String(promiseId)])).rows;

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  app = await buildServer(ctx);
  bank = await newCreditor(db.pool, 'PTP');
  team = await newTeam(db.pool);
  collector = await newUser(db.pool, 'collector', { teamId: team.id });
  const other = await newUser(db.pool, 'collector', { teamId: team.id });
  const supervisor = await newUser(db.pool, 'supervisor', { teamId: team.id });
  cookie = await signInCookie(app, collector.username);
  otherCookie = await signInCookie(app, other.username);
  supervisorCookie = await signInCookie(app, supervisor.username);
  adminCookie = await signInCookie(app, (await newUser(db.pool, 'admin')).username);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe('cancelling a promise (取消承诺)', () => {
  it('ends it with the reason, neither kept nor broken, and puts the account back in the queue', async () => {
    const p = await promised();
    expect(await accountStatus(p.accountId)).toBe('promised');
    const res = await api('POST', `/api/promises/${p.promiseId}/cancel`, { reason: '客户称记错了发薪日，撤回承诺' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await promiseRow(p.promiseId)).toMatchObject({ status: 'cancelled', cancel_reason: '客户称记错了发薪日，撤回承诺', cancelled_by: collector.id });
    expect(await accountStatus(p.accountId)).toBe('active');
    expect(await audited(p.promiseId)).toEqual([
      expect.objectContaining({ action: 'promise.take' }),
      { action: 'promise.cancel', detail: { account_id: p.accountId, reason: '客户称记错了发薪日，撤回承诺' } },
    ]);
    // Nothing is open now: a new promise may be taken.
    expect((await api('POST', `/api/accounts/${p.accountId}/promises`, { amount_fen: 10_000, due_date: '2026-03-05' })).statusCode).toBe(201);
    // The nightly evaluation leaves a cancelled promise alone, however late.
    await resolveDuePromises(db.pool, { date: '2026-06-01', graceByCreditor: new Map(), defaultGrace: 3, zone: 'Asia/Shanghai', at: new Date() });
    expect((await promiseRow(p.promiseId)).status).toBe('cancelled');
  });

  it('is refused without a reason, when no longer open, out of scope, or on a stale screen', async () => {
    const p = await promised();
    const blank = await api('POST', `/api/promises/${p.promiseId}/cancel`, { reason: ' ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.field).toBe('reason');
    expect((await api('POST', `/api/promises/${p.promiseId}/cancel`, { reason: 'x' }, otherCookie)).statusCode).toBe(404);
    expect((await api('POST', `/api/promises/999999999/cancel`, { reason: 'x' })).statusCode).toBe(404);
    expect((await api('POST', `/api/promises/${p.promiseId}/cancel`, { reason: 'x', expected_version: 1 })).json().error.code).toBe('VERSION_CONFLICT');
    expect((await promiseRow(p.promiseId)).status).toBe('open');
    // The team lead may; then it is over.
    expect((await api('POST', `/api/promises/${p.promiseId}/cancel`, { reason: '组长核实：误录' }, supervisorCookie)).statusCode).toBe(200);
    const again = await api('POST', `/api/promises/${p.promiseId}/cancel`, { reason: 'again' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/cancelled, no longer open/);
  });
});

describe('moving a promise (改约)', () => {
  it('replaces it in one step: the old one cancelled with the reason, the new one naming it, the account still promised', async () => {
    const p = await promised('2026-03-10', 50_000);
    const res = await api('POST', `/api/promises/${p.promiseId}/reschedule`, { amount_fen: 30_000, due_date: '2026-03-20', reason: '工资推迟发放，先还一部分' });
    expect(res.statusCode, res.body).toBe(201);
    const newId = res.json().promise_id as number;
    expect(res.json()).toMatchObject({ replaces: p.promiseId });
    expect(await promiseRow(p.promiseId)).toMatchObject({ status: 'cancelled', cancel_reason: 'rescheduled: 工资推迟发放，先还一部分' });
    expect(await promiseRow(newId)).toMatchObject({ status: 'open', rescheduled_from: p.promiseId, amount_fen: 30_000, due_date: '2026-03-20' });
    expect(await accountStatus(p.accountId)).toBe('promised');
    expect((await audited(newId)).map((r) => r.action)).toEqual(['promise.reschedule']);
    expect((await audited(newId))[0].detail).toMatchObject({ replaces: p.promiseId, from: { amount_fen: 50_000, due_date: '2026-03-10' }, to: { amount_fen: 30_000, due_date: '2026-03-20' } });

    // The account page shows both, the new one naming the old.
    const page = (await api('GET', `/api/accounts/${p.accountId}/page`)).json();
    expect(page.promises.map((x: { id: number; status: string; rescheduled_from: number | null }) => [x.id, x.status, x.rescheduled_from]))
      .toEqual([[newId, 'open', p.promiseId], [p.promiseId, 'cancelled', null]]);
  });

  it('checks the new promise as any promise, and changes nothing when it is refused', async () => {
    const p = await promised('2026-03-10', 50_000);
    for (const [body, field] of [
      [{ amount_fen: 999_999_999, due_date: '2026-03-20', reason: 'x' }, 'amount_fen'],
      [{ amount_fen: 30_000, due_date: '2026-02-01', reason: 'x' }, 'due_date'],
      [{ amount_fen: 50_000, due_date: '2026-03-10', reason: 'x' }, 'due_date'],
      [{ amount_fen: 30_000, due_date: '2026-03-20', reason: '' }, 'reason'],
    ] as const) {
      const res = await api('POST', `/api/promises/${p.promiseId}/reschedule`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
    expect(await promiseRow(p.promiseId)).toMatchObject({ status: 'open', due_date: '2026-03-10' });
    expect(Number((await db.pool.query(`SELECT count(*) FROM promises WHERE account_id = $1`, [p.accountId])).rows[0].count)).toBe(1);
  });

  it('counts a moved promise once in the team lead\'s workload, and shows the promises a collector cancelled by hand', async () => {
    const workload = async () => (await api('GET', '/api/workload', undefined, supervisorCookie)).json().items
      .find((r: { user_id: number }) => r.user_id === collector.id) as { promises: number; promises_cancelled: number };
    const before = await workload();
    const p = await promised();
    const moved = await api('POST', `/api/promises/${p.promiseId}/reschedule`, { amount_fen: 40_000, due_date: '2026-03-15', reason: '改约' });
    expect(await workload()).toMatchObject({ promises: before.promises + 1, promises_cancelled: before.promises_cancelled });
    await api('POST', `/api/promises/${moved.json().promise_id}/cancel`, { reason: '客户撤回' });
    expect(await workload()).toMatchObject({ promises: before.promises + 1, promises_cancelled: before.promises_cancelled + 1 });
  });
});

describe('a hold ends the promises it covers', () => {
  it('a dispute cancels the open promise at once, so the evaluation never counts it broken', async () => {
    const p = await promised('2026-03-05');
    const dispute = await api('POST', `/api/accounts/${p.accountId}/disputes`, { reason: 'wrong_amount', description: '客户称金额不对' });
    expect(dispute.statusCode, dispute.body).toBe(201);
    const row = await promiseRow(p.promiseId);
    expect(row).toMatchObject({ status: 'cancelled', cancel_reason: 'hold:dispute' });
    expect(row.cancelled_by_hold).not.toBeNull();
    expect(await accountStatus(p.accountId)).not.toBe('promised');
    // Long past its date and grace, unpaid: still not broken.
    await resolveDuePromises(db.pool, { date: '2026-04-01', graceByCreditor: new Map(), defaultGrace: 3, zone: 'Asia/Shanghai', at: new Date() });
    expect((await promiseRow(p.promiseId)).status).toBe('cancelled');
    const page = (await api('GET', `/api/accounts/${p.accountId}/page`)).json();
    expect(page.promises[0]).toMatchObject({ status: 'cancelled', cancelled_by_hold_kind: 'dispute' });
    // The collector holding it is told why it is gone.
    const notices = (await api('GET', '/api/notifications')).json().items.filter((n: { kind: string; account_id: number }) => n.kind === 'promise_ended' && n.account_id === p.accountId);
    expect(notices).toHaveLength(1);
    expect(notices[0].message).toMatch(/^Promise on \S+ \(CNY 500\.00 by 2026-03-05\) ended by a hold \(dispute\): collection is stopped, so it will not be counted broken$/);
    // In Chinese too, for a collector who reads the product in Chinese.
    expect(notices[0].message_zh).toMatch(/^账户 \S+ 的承诺还款（¥500\.00，2026-03-05 前）因债务异议停催而结束：催收已停止，不计为违约$/);
    // Dated by the product's clock, as the hold that ended it.
    expect(new Date(notices[0].created_at)).toEqual(ctx.now());
  });

  it('a debtor-wide hold covers every account of the debtor; a vulnerable flag ends nothing', async () => {
    const p = await promised('2026-03-10');
    const second = await newAccount(db.pool, { creditorId: bank.id, debtorId: p.debtorId, collectorId: collector.id, teamId: team.id });
    await db.pool.query(`UPDATE accounts SET status = 'active' WHERE id = $1`, [second.id]);
    const secondPromise = (await api('POST', `/api/accounts/${second.id}/promises`, { amount_fen: 10_000, due_date: '2026-03-12' })).json().promise_id as number;

    expect((await api('POST', `/api/accounts/${p.accountId}/holds`, { kind: 'vulnerable', reason: '客户患病，沟通需谨慎', scope: 'debtor' })).statusCode).toBe(201);
    expect((await promiseRow(p.promiseId)).status).toBe('open');

    expect((await api('POST', `/api/accounts/${p.accountId}/holds`, { kind: 'deceased', reason: '家属告知本人已故', scope: 'debtor' })).statusCode).toBe(201);
    expect((await promiseRow(p.promiseId)).cancel_reason).toBe('hold:deceased');
    expect((await promiseRow(secondPromise)).cancel_reason).toBe('hold:deceased');
  });

  it('while a hold stops collection no promise is taken; a vulnerable flag does not stop one', async () => {
    const held = await newActiveAccount(ctx, { creditorId: bank.id, collectorId: collector.id, teamId: team.id });
    expect((await api('POST', `/api/accounts/${held.id}/holds`, { kind: 'complaint_review', reason: '客户投诉催收员态度', scope: 'account' })).statusCode).toBe(201);
    const refused = await api('POST', `/api/accounts/${held.id}/promises`, { amount_fen: 10_000, due_date: '2026-03-09' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe(`Collection on account ${held.id} is on hold (complaint under review): no promise can be taken until the hold is lifted`);
    expect(refused.json().error.message_zh).toBe(`案件${held.id}处于停催状态（投诉处理中），停催解除前不能记录承诺`);

    const vulnerable = await newActiveAccount(ctx, { creditorId: bank.id, collectorId: collector.id, teamId: team.id });
    expect((await api('POST', `/api/accounts/${vulnerable.id}/holds`, { kind: 'vulnerable', reason: '老年客户', scope: 'account' })).statusCode).toBe(201);
    expect((await api('POST', `/api/accounts/${vulnerable.id}/promises`, { amount_fen: 10_000, due_date: '2026-03-09' })).statusCode).toBe(201);
  });

  it('a hold that starts later ends only the promises whose window (due date + grace) reaches its start', async () => {
    const early = await promised('2026-03-05');
    const late = await promised('2026-03-25');
    for (const p of [early, late]) {
      const res = await api('POST', `/api/accounts/${p.accountId}/holds`, { kind: 'hardship_review', reason: '下周提交困难申请材料', scope: 'account', starts_on: '2026-03-09' });
      expect(res.statusCode, res.body).toBe(201);
    }
    // Due 03-05 with 3 days' grace: its window closes 03-08, before the hold.
    expect((await promiseRow(early.promiseId)).status).toBe('open');
    expect((await promiseRow(late.promiseId))).toMatchObject({ status: 'cancelled', cancel_reason: 'hold:hardship_review' });
  });

  it('a suspension (区域停催) ends the promises of its region that fall due while it is in force', async () => {
    const during = await promised('2026-03-10');
    const after = await promised('2026-03-25');
    const elsewhere = await promised('2026-03-10');
    await db.pool.query(`UPDATE accounts SET region_code = '110101' WHERE id = $1`, [elsewhere.accountId]);
    // Known only to the city, or not at all: covered, as the compliance engine reads a region.
    const city = await promised('2026-03-10');
    await db.pool.query(`UPDATE accounts SET region_code = '420100' WHERE id = $1`, [city.accountId]);
    const unknown = await promised('2026-03-10');
    await db.pool.query(`UPDATE accounts SET region_code = NULL WHERE id = $1`, [unknown.accountId]);
    await db.pool.query(`UPDATE debtors SET region_code = NULL WHERE id = $1`, [unknown.debtorId]);
    const res = await api('POST', '/api/suspensions', { scope: 'region', code: '420102', from: '2026-03-08', to: '2026-03-12', reason: '暴雨灾害' }, adminCookie);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().promises_ended).toBeGreaterThanOrEqual(1);
    expect(await promiseRow(during.promiseId)).toMatchObject({ status: 'cancelled', cancel_reason: 'suspension:region' });
    expect(await accountStatus(during.accountId)).toBe('active');
    // Due after the suspension ends: the debtor can still keep it, and the agency can remind them.
    expect((await promiseRow(after.promiseId)).status).toBe('open');
    // Outside the region: untouched.
    expect((await promiseRow(elsewhere.promiseId)).status).toBe('open');
    expect((await promiseRow(city.promiseId)).status).toBe('cancelled');
    expect((await promiseRow(unknown.promiseId)).status).toBe('cancelled');
    expect((await db.pool.query(`SELECT message, created_at FROM notifications WHERE kind = 'promise_ended' AND account_id = $1`, [during.accountId])).rows[0])
      .toEqual({ message: expect.stringMatching(/ended by a region suspension/), created_at: ctx.now() });
    const audit = (await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'suspension.create' ORDER BY id DESC LIMIT 1`)).rows[0].detail;
    expect(audit.promises_ended).toBe(res.json().promises_ended);
  });
});
