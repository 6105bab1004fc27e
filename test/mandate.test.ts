import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR, type AppContext } from '../src/app/context.ts';
import { importRecalls } from '../src/app/import/import-recalls.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newActiveAccount, newCreditor, newTeam, newUser, testContext } from './support/fixtures.ts';
import { tempDir, writeCsv } from './support/import-fixtures.ts';
import { signInCookie } from './support/http.ts';

/**
 * The mandate rule: the agency collects only what a creditor placed with it and is still owed.
 * Once an account is recalled (退案), paid, settled or closed, no collection or location contact
 * goes out, whichever way it is tried; the debtor's own call in is still recorded, a notice may
 * still go; and the promise left open on a recalled account ends, never counted broken.
 */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
let bank: { id: number; code: string };
let team: { id: number };
let collector: Awaited<ReturnType<typeof newUser>>;
let cookie: string;

const api = (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
  app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const account = () => newActiveAccount(ctx, { creditorId: bank.id, collectorId: collector.id, teamId: team.id });

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  app = await buildServer(ctx);
  dir = await tempDir();
  bank = await newCreditor(db.pool, 'HELD');
  team = await newTeam(db.pool);
  collector = await newUser(db.pool, 'collector', { teamId: team.id });
  cookie = await signInCookie(app, collector.username);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('an account the agency no longer holds', () => {
  it('recalled by the bank\'s file: no call, SMS plan or promise; its open promise ends; the debtor\'s call in and a notice still go', async () => {
    const a = await account();
    const promise = await api('POST', `/api/accounts/${a.id}/promises`, { amount_fen: 10_000, due_date: '2026-03-09' });
    expect(promise.statusCode, promise.body).toBe(201);
    const accountNo = (await db.pool.query(`SELECT account_no FROM accounts WHERE id = $1`, [a.id])).rows[0].account_no as string;
    const { summary } = await importRecalls(ctx, CLI_ACTOR, { filePath: await writeCsv(path.join(dir, 'recall.csv'), ['账号', '退案日期'], [[accountNo, '2026-03-02']]), creditor: bank.code });
    expect(summary).toMatchObject({ updated: 1 });

    // The open promise ended with the recall, and the collector who took it is told why.
    expect((await db.pool.query(`SELECT status, cancel_reason FROM promises WHERE id = $1`, [promise.json().promise_id])).rows[0])
      .toEqual({ status: 'cancelled', cancel_reason: 'recalled' });
    // Dated by the product's clock (a demo's or training server's may be set apart from the database's), the amount in its currency.
    expect((await db.pool.query(`SELECT user_id, message, created_at FROM notifications WHERE account_id = $1 AND kind = 'promise_ended'`, [a.id])).rows)
      .toEqual([{ user_id: collector.id, message: expect.stringMatching(/^Promise on .* \(CNY 100\.00 by 2026-03-09\) ended by the bank's recall: collection is stopped/),
        created_at: ctx.now() }]);

    // A collection call is refused, for good, with the reason in both languages.
    const call = await api('POST', `/api/accounts/${a.id}/contacts`, { channel: 'call', contact_point_id: a.point, outcome: 'no_answer' });
    expect(call.statusCode).toBe(409);
    const decision = call.json().error.details.decision;
    expect(decision.reasons.map((r: { rule: string }) => r.rule)).toEqual(['CN.mandate']);
    expect(decision.reasons[0].message_zh).toBe('该账户已被委托方退案，本机构已无权催收；只可发送通知。');
    expect(decision.next_allowed_at).toBeNull();
    const check = (await api('GET', `/api/accounts/${a.id}/contact-check?channel=sms&contact_point_id=${a.point}`)).json();
    expect(check).toMatchObject({ allowed: false, reasons: [{ rule: 'CN.mandate' }] });
    // Nor a new promise.
    const again = await api('POST', `/api/accounts/${a.id}/promises`, { amount_fen: 10_000, due_date: '2026-03-09' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/recalled: no promise can be taken/);

    // The debtor calling in is recorded; a notice by letter is allowed.
    expect((await api('POST', `/api/accounts/${a.id}/contacts`, { channel: 'call', outcome: 'right_party', initiated_by: 'debtor', note: '问为什么不再催了' })).statusCode).toBe(201);
    expect((await api('GET', `/api/accounts/${a.id}/contact-check?channel=letter&purpose=notice`)).json().allowed).toBe(true);
  });

  it('paid in full: a collection contact is refused as nothing left to collect', async () => {
    const a = await account();
    await db.pool.query(`UPDATE accounts SET status = 'paid' WHERE id = $1`, [a.id]);
    const call = await api('POST', `/api/accounts/${a.id}/contacts`, { channel: 'call', contact_point_id: a.point, outcome: 'no_answer' });
    expect(call.statusCode).toBe(409);
    expect(call.json().error.details.decision.reasons[0].message).toBe('This account is paid in full: there is nothing to collect; only notices may be sent.');
    // The account's page says so before anyone tries.
    const page = (await api('GET', `/api/accounts/${a.id}/page`)).json();
    expect(page.call_now).toMatchObject({ allowed: false, reasons: [{ rule: 'CN.mandate' }] });
  });

  it('a bank taking an account back over a dispute ends its promise too', async () => {
    const a = await account();
    const admin = await signInCookie(app, (await newUser(db.pool, 'admin')).username);
    const dispute = await app.inject({ method: 'POST', url: `/api/accounts/${a.id}/disputes`, headers: { cookie }, payload: { reason: 'not_mine', description: '客户称非本人办卡' } });
    expect(dispute.statusCode, dispute.body).toBe(201);
    // A promise the debtor made on the portal meanwhile (a hold does not stop a debtor from promising).
    await db.pool.query(`INSERT INTO promises (creditor_id, account_id, amount_fen, due_date, created_at) VALUES ($1, $2, 5000, '2026-03-20', now())`, [bank.id, a.id]);
    const resolved = await app.inject({ method: 'POST', url: `/api/disputes/${dispute.json().id}/resolution`, headers: { cookie: admin },
      payload: { outcome: 'returned', note: '银行收回核查' } });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect((await db.pool.query(`SELECT status, cancel_reason FROM promises WHERE account_id = $1 ORDER BY id DESC LIMIT 1`, [a.id])).rows[0])
      .toEqual({ status: 'cancelled', cancel_reason: 'recalled' });
  });
});
