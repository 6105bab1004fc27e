import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeComplaint } from '../src/app/cases/close-complaint.ts';
import { decideSettlement } from '../src/app/cases/decide-settlement.ts';
import { evaluateSettlements } from '../src/app/cases/evaluate-settlements.ts';
import { offerSettlement } from '../src/app/cases/offer-settlement.ts';
import { openComplaint } from '../src/app/cases/open-complaint.ts';
import { openDispute } from '../src/app/cases/open-dispute.ts';
import { resolveDispute } from '../src/app/cases/resolve-dispute.ts';
import { CLI_ACTOR, type Actor, type AppContext } from '../src/app/context.ts';
import { countMyUnread, listMyNotices, readAllNotices, readNotice } from '../src/app/notifications/notices.ts';
import { insertNotification } from '../src/db/notifications-repository.ts';
import { AppError } from '../src/domain/errors.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

/**
 * Notices (通知) on a real database: who is told of a settlement decision and outcome, who
 * sees which notice, and read state, personal and shared by a bank's users.
 */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let bankA: { id: number };
let bankB: { id: number };
let teamA: { id: number };
type U = Awaited<ReturnType<typeof newUser>>;
const users = {} as Record<'sup' | 'col' | 'col2' | 'credA1' | 'credA2' | 'credB', U>;
const actor = (u: U): Actor => ({ userId: u.id, username: u.username, role: u.role, teamId: u.teamId, creditorId: u.creditorId });

/** An account of bank A worked by `collector` (team A): principal 1,000,000, interest 1,000, fees 500 fen. */
async function account(collector = users.col): Promise<number> {
  const debtor = await newDebtor(ctx);
  return (await newAccount(db.pool, { creditorId: bankA.id, debtorId: debtor.id, collectorId: collector.id, teamId: teamA.id })).id;
}
async function pay(accountId: number, amountFen: number, paidOn: string) {
  await db.pool.query(`INSERT INTO payments (creditor_id, account_id, txn_id, amount_fen, paid_on) VALUES ($1, $2, $3, $4, $5)`,
    [bankA.id, accountId, `N${Math.random()}`, amountFen, paidOn]);
}
async function code(promise: Promise<unknown>): Promise<string> {
  try { await promise; return 'OK'; } catch (e) { if (e instanceof AppError) return e.code; throw e; }
}
const kinds = async (u: U) => (await listMyNotices(ctx, actor(u))).items.map((n) => `${n.kind}:${n.waiver_id ?? ''}`);

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool); // Monday 2026-03-02 10:00 in Shanghai
  app = await buildServer(ctx);
  bankA = await newCreditor(db.pool, 'NOTEA');
  bankB = await newCreditor(db.pool, 'NOTEB');
  teamA = await newTeam(db.pool);
  users.sup = await newUser(db.pool, 'supervisor', { teamId: teamA.id });
  users.col = await newUser(db.pool, 'collector', { teamId: teamA.id });
  users.col2 = await newUser(db.pool, 'collector', { teamId: teamA.id });
  users.credA1 = await newUser(db.pool, 'creditor_user', { creditorId: bankA.id });
  users.credA2 = await newUser(db.pool, 'creditor_user', { creditorId: bankA.id });
  users.credB = await newUser(db.pool, 'creditor_user', { creditorId: bankB.id });
});
afterAll(async () => { await app?.close(); await db?.drop(); });

describe('settlement notices', () => {
  it("the supervisor's decision reaches the collector who asked, with the reason, and no one else", async () => {
    const id = await account();
    const offer = await offerSettlement(ctx, actor(users.col), id, { principalFen: 0, interestFen: 500, feesFen: 0, payment: 'lump_sum', dueDate: '2026-03-20' });
    expect(offer.status).toBe('requested');
    expect(await kinds(users.col)).not.toContain(`settlement_rejected:${offer.id}`);
    await decideSettlement(ctx, actor(users.sup), offer.id, { decision: 'reject', reason: '减免比例过高' });

    const mine = await listMyNotices(ctx, actor(users.col));
    const notice = mine.items.find((n) => n.waiver_id === offer.id);
    expect(notice).toMatchObject({ kind: 'settlement_rejected', account_id: id, audience: 'staff', read_at: null });
    expect(notice!.message).toContain('减免比例过高');
    const { rows: [lead] } = await db.pool.query(`SELECT display_name FROM users WHERE id = $1`, [users.sup.id]);
    const { rows: [stored] } = await db.pool.query(`SELECT message, message_zh, created_at FROM notifications WHERE waiver_id = $1`, [offer.id]);
    // Dated on the product's clock (a training server's stands apart from the database's), as the audit row is.
    expect(stored.created_at).toEqual(ctx.now());
    expect(stored.message).toContain(`rejected by ${lead.display_name}: 减免比例过高`);
    expect(stored.message_zh).toContain(`已由 ${lead.display_name} 拒绝`);
    expect(notice!.message).toContain(notice!.account_no_mask);
    expect(mine.unread).toBeGreaterThanOrEqual(1);
    for (const other of [users.sup, users.col2, users.credA1]) expect(await kinds(other)).not.toContain(`settlement_rejected:${offer.id}`);
  });

  it('an approved offer tells the requester, and so do its settling and its lapsing', async () => {
    const paid = await account();
    const offer = await offerSettlement(ctx, actor(users.col), paid, { principalFen: 0, interestFen: 500, feesFen: 0, payment: 'lump_sum', dueDate: '2026-03-20' });
    await decideSettlement(ctx, actor(users.sup), offer.id, { decision: 'approve', reason: '同意' });
    // Within the collector's own limit: approved at once, nobody decides, nothing to tell until it settles or lapses.
    const missed = await account();
    const own = await offerSettlement(ctx, actor(users.col), missed, { principalFen: 0, interestFen: 100, feesFen: 0, payment: 'lump_sum', dueDate: '2026-03-05' });
    expect(own.status).toBe('approved');
    expect(await kinds(users.col)).toContain(`settlement_approved:${offer.id}`);
    expect((await kinds(users.col)).filter((k) => k.endsWith(`:${own.id}`))).toEqual([]);

    await pay(paid, offer.settle_fen, '2026-03-04');
    await pay(missed, own.settle_fen - 1, '2026-03-05');
    await evaluateSettlements(ctx, CLI_ACTOR, { date: '2026-03-06' });
    const items = (await listMyNotices(ctx, actor(users.col))).items;
    expect(items.find((n) => n.waiver_id === offer.id && n.kind === 'settlement_settled')?.message).toMatch(/paid as agreed.*settled/);
    expect(items.find((n) => n.waiver_id === own.id)).toMatchObject({ kind: 'settlement_lapsed', account_id: missed });
    expect(await kinds(users.sup)).toEqual([]);
  });
});

describe('complaint and dispute notices', () => {
  it("tells the named collector a complaint's finding and the creditor's answer to a dispute", async () => {
    const complained = await account();
    const complaint = await openComplaint(ctx, { kind: 'staff', actor: actor(users.sup) }, complained, { channel: 'phone', description: '来电过多' });
    expect(complaint.collector_id).toBe(users.col.id);
    await closeComplaint(ctx, actor(users.sup), complaint.id, { finding: 'not_upheld', action: 'none', note: '录音显示在规定时段内' });
    const closed = (await listMyNotices(ctx, actor(users.col))).items.find((n) => n.case_id === complaint.id);
    expect(closed).toMatchObject({ kind: 'complaint_closed', account_id: complained, read_at: null });
    const { rows: [lead] } = await db.pool.query(`SELECT display_name FROM users WHERE id = $1`, [users.sup.id]);
    expect(closed!.message).toContain(`closed by ${lead.display_name}: not upheld, no action.`);
    expect(closed!.message).toContain('录音显示在规定时段内');

    const disputed = await account();
    const dispute = await openDispute(ctx, { kind: 'staff', actor: actor(users.col) }, disputed, { reason: 'already_paid', description: '已还清', channel: 'phone' });
    await resolveDispute(ctx, actor(users.credA1), dispute.id, { outcome: 'returned', note: '银行核实后收回' });
    expect((await listMyNotices(ctx, actor(users.col))).items.find((n) => n.case_id === dispute.id)).toMatchObject({ kind: 'dispute_returned', account_id: disputed });
    for (const other of [users.sup, users.col2, users.credA1]) {
      expect((await listMyNotices(ctx, actor(other))).items.map((n) => n.case_id)).not.toContain(dispute.id);
    }
  });
});

describe('read state', () => {
  it("a person's notice is theirs to mark read; marking twice keeps the first time; another's is not found", async () => {
    const id = await account(users.col2);
    const offer = await offerSettlement(ctx, actor(users.col2), id, { principalFen: 0, interestFen: 500, feesFen: 0, payment: 'lump_sum', dueDate: '2026-03-20' });
    await decideSettlement(ctx, actor(users.sup), offer.id, { decision: 'approve', reason: 'ok' });
    const [notice] = (await listMyNotices(ctx, actor(users.col2), { unreadOnly: true })).items;
    expect(notice).toMatchObject({ waiver_id: offer.id, read_at: null });
    const before = (await countMyUnread(ctx, actor(users.col2))).unread;
    expect(await code(readNotice(ctx, actor(users.col), notice!.id))).toBe('NOT_FOUND');
    expect(await code(readNotice(ctx, actor(users.credA1), notice!.id))).toBe('NOT_FOUND');
    const first = await readNotice(ctx, actor(users.col2), notice!.id);
    expect((await countMyUnread(ctx, actor(users.col2))).unread).toBe(before - 1);
    expect((await readNotice(ctx, actor(users.col2), notice!.id)).read_at).toEqual(first.read_at);
    expect((await listMyNotices(ctx, actor(users.col2), { unreadOnly: true })).items.map((n) => n.id)).not.toContain(notice!.id);
    expect((await listMyNotices(ctx, actor(users.col2))).items.find((n) => n.id === notice!.id)?.read_at).toEqual(first.read_at);
  });

  it("a bank's notice is shared by its users and read once for all; another bank never sees it", async () => {
    const id = await account();
    await insertNotification(db.pool, { at: ctx.now(), creditorId: bankA.id, accountId: id, audience: 'creditor', userId: null, kind: 'plan_defaulted', message: { en: 'Plan 1 defaulted', zh: '分期计划 1 已违约' } });
    await insertNotification(db.pool, { at: ctx.now(), creditorId: bankA.id, accountId: id, audience: 'creditor', userId: null, kind: 'plan_completed', message: { en: 'Plan 2 completed', zh: '分期计划 2 已还清' } });
    expect((await countMyUnread(ctx, actor(users.credA1))).unread).toBe(2);
    expect((await countMyUnread(ctx, actor(users.credA2))).unread).toBe(2);
    expect(await kinds(users.credB)).toEqual([]);
    expect(await kinds(users.col)).not.toContain('plan_defaulted:');

    const [latest] = (await listMyNotices(ctx, actor(users.credA1))).items;
    await readNotice(ctx, actor(users.credA1), latest!.id);
    expect((await countMyUnread(ctx, actor(users.credA2))).unread).toBe(1);
    const { rows } = await db.pool.query('SELECT read_by FROM notifications WHERE id = $1', [latest!.id]);
    expect(rows[0].read_by).toBe(users.credA1.id);
    expect(await readAllNotices(ctx, actor(users.credA2))).toEqual({ marked: 1 });
    expect((await countMyUnread(ctx, actor(users.credA1))).unread).toBe(0);
    expect(await readAllNotices(ctx, actor(users.credA2))).toEqual({ marked: 0 });
  });
});

describe('over HTTP', () => {
  it('lists, counts and marks read; 404 for a notice that is not yours; 401 signed out', async () => {
    const id = await account();
    const offer = await offerSettlement(ctx, actor(users.col), id, { principalFen: 0, interestFen: 500, feesFen: 0, payment: 'lump_sum', dueDate: '2026-03-20' });
    const sup = await signInCookie(app, users.sup.username);
    expect((await app.inject({ method: 'POST', url: `/api/settlements/${offer.id}/decision`, headers: { cookie: sup },
      payload: { decision: 'reject', reason: 'too much' } })).statusCode).toBe(200);

    const col = await signInCookie(app, users.col.username);
    const count = (await app.inject({ method: 'GET', url: '/api/notifications/count', headers: { cookie: col } })).json().unread;
    expect(count).toBeGreaterThanOrEqual(1);
    const unread = await app.inject({ method: 'GET', url: '/api/notifications?state=unread&limit=1', headers: { cookie: col } });
    expect(unread.statusCode).toBe(200);
    expect(unread.json()).toMatchObject({ unread: count, items: [{ kind: 'settlement_rejected', waiver_id: offer.id, account_id: id, read_at: null }] });
    const noticeId = unread.json().items[0].id;

    const col2 = await signInCookie(app, users.col2.username);
    expect((await app.inject({ method: 'POST', url: `/api/notifications/${noticeId}/read`, headers: { cookie: col2 } })).statusCode).toBe(404);
    const read = await app.inject({ method: 'POST', url: `/api/notifications/${noticeId}/read`, headers: { cookie: col } });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: noticeId, read_at: expect.any(String) });
    expect((await app.inject({ method: 'GET', url: '/api/notifications/count', headers: { cookie: col } })).json()).toEqual({ unread: count - 1 });
    expect((await app.inject({ method: 'POST', url: '/api/notifications/read-all', headers: { cookie: col } })).json()).toEqual({ marked: count - 1 });
    expect((await app.inject({ method: 'GET', url: '/api/notifications?state=unread', headers: { cookie: col } })).json()).toEqual({ unread: 0, items: [] });
    expect((await app.inject({ method: 'GET', url: '/api/notifications?limit=500', headers: { cookie: col } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
  });
});
