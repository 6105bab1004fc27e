import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR, type Actor, type AppContext } from '../src/app/context.ts';
import { setContract } from '../src/app/contracts/set-contract.ts';
import { extendPlacement, listPlacements, recallEndedPlacements, retainAccounts } from '../src/app/placements/placements.ts';
import { recordPayment } from '../src/app/payments/record-payment.ts';
import { buildServer } from '../src/http/server.ts';
import { CONTRACT } from './support/money-fixtures.ts';
import { runCli } from './support/cli.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

// The test clock is 2026-03-02 10:00 in Shanghai. BANK1's placements: ENDED ran 2025-09-01 to 2026-02-28 (ended two days
// ago: its accounts still in collection are recalled tonight), SOON ends 2026-03-10, the fixture's P1 ends 2026-06-30.
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let bank: { id: number; code: string };
let other: { id: number; code: string };
let team: { id: number };
let collector: { id: number; username: string };
let supervisor: Actor;
const account: Record<string, number> = {};
const cookies: Record<string, string> = {};
/** The context on another day: the nightly run of that date (a night to come is not run early). */
const on = (day: string): AppContext => ({ ...ctx, now: () => new Date(`${day}T02:00:00Z`) });

async function placement(creditorId: number, batchRef: string, placedOn: string, endsOn: string): Promise<number> {
  const { rows } = await db.pool.query(`INSERT INTO placements (creditor_id, batch_ref, placed_on, ends_on) VALUES ($1, $2, $3, $4) RETURNING id`,
    [creditorId, batchRef, placedOn, endsOn]);
  return rows[0].id as number;
}

async function accountIn(placementId: number, status: string): Promise<number> {
  const a = await newAccount(db.pool, { creditorId: bank.id, debtorId: (await newDebtor(ctx)).id, collectorId: collector.id, teamId: team.id,
    firstDelinquencyDate: '2025-06-01' });
  await db.pool.query('UPDATE accounts SET placement_id = $2, status = $3 WHERE id = $1', [a.id, placementId, status]);
  return a.id;
}

async function statusOf(id: number): Promise<{ status: string; recalled_on: string | null }> {
  const { rows } = await db.pool.query(`SELECT status, to_char(recalled_on, 'YYYY-MM-DD') AS recalled_on FROM accounts WHERE id = $1`, [id]);
  return rows[0];
}

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  app = await buildServer(ctx);
  bank = await newCreditor(db.pool, 'BANK1');
  other = await newCreditor(db.pool, 'BANK2');
  team = await newTeam(db.pool);
  collector = await newUser(db.pool, 'collector', { teamId: team.id });
  const sup = await newUser(db.pool, 'supervisor', { teamId: team.id });
  supervisor = { userId: sup.id, username: sup.username, role: 'supervisor', teamId: team.id, creditorId: null };
  await setContract(ctx, CLI_ACTOR, { creditor: 'BANK1', contract: { ...CONTRACT, placement_days: 365 }, effectiveFrom: '2025-01-01' });
  const ended = await placement(bank.id, 'ENDED', '2025-09-01', '2026-02-28');
  const soon = await placement(bank.id, 'SOON', '2025-09-11', '2026-03-10');
  for (const status of ['active', 'promised', 'in_plan', 'lost_contact', 'paid', 'recalled']) account[status] = await accountIn(ended, status);
  account.soon = await accountIn(soon, 'active');
  await db.pool.query(`UPDATE accounts SET recalled_on = '2026-01-15' WHERE id = $1`, [account.recalled]);
  await db.pool.query(`INSERT INTO promises (creditor_id, account_id, amount_fen, due_date, taken_by) VALUES ($1, $2, 10000, '2026-03-05', $3)`,
    [bank.id, account.promised, collector.id]);
  const admin = await newUser(db.pool, 'admin');
  const own = await newUser(db.pool, 'creditor_user', { creditorId: bank.id });
  const foreign = await newUser(db.pool, 'creditor_user', { creditorId: other.id });
  cookies.admin = await signInCookie(app, admin.username);
  cookies.own = await signInCookie(app, own.username);
  cookies.foreign = await signInCookie(app, foreign.username);
  cookies.collector = await signInCookie(app, collector.username);
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe('placements (委案批次) and their terms', () => {
  it("lists a creditor's placements, the latest first, with days left and their accounts by where they stand", async () => {
    const list = await listPlacements(ctx, supervisor, 'BANK1');
    expect(list.date).toBe('2026-03-02');
    expect(list.items.map((p) => [p.batch_ref, p.placed_on, p.ends_on, p.days_left, p.state])).toEqual([
      ['P1', '2026-01-01', '2026-06-30', 120, 'in_term'],
      ['SOON', '2025-09-11', '2026-03-10', 8, 'ending_soon'],
      ['ENDED', '2025-09-01', '2026-02-28', -2, 'ended'],
    ]);
    expect(list.items.find((p) => p.batch_ref === 'ENDED')).toMatchObject({ accounts: 6, in_collection: 4, recalled: 1, finished: 1 });
    // A bank's users see their own placements; another bank's are as if they did not exist; collectors not at all.
    const own = await app.inject({ method: 'GET', url: '/api/creditors/BANK1/placements', headers: { cookie: cookies.own } });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().items).toHaveLength(3);
    expect((await app.inject({ method: 'GET', url: '/api/creditors/BANK1/placements', headers: { cookie: cookies.foreign } })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/creditors/BANK1/placements', headers: { cookie: cookies.collector } })).statusCode).toBe(403);
    // The screen asks for the bank's own placements by the code the signed-in bank user carries.
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: cookies.own } })).json().user.creditor_code).toBe('BANK1');
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: cookies.admin } })).json().user.creditor_code).toBeNull();
  });

  it('a payment after the term earns no commission, whatever the contract\'s placement days say', async () => {
    const within = await recordPayment(ctx, supervisor, { accountId: account.lost_contact!, amountFen: 10_000, paidOn: '2026-02-28' });
    const after = await recordPayment(ctx, supervisor, { accountId: account.lost_contact!, amountFen: 10_000, paidOn: '2026-03-01' });
    expect(within).toMatchObject({ rate_bp: 1500, commission_fen: 1500, no_commission_reason: null });
    // The contract's 365 placement days would run to 2026-09-01: the placement's own last day decides.
    expect(after).toMatchObject({ rate_bp: 0, commission_fen: 0, no_commission_reason: 'after_recall' });
  });

  it('recalls at term end (到期退案) every account of an ended placement still in collection, on its last day; ends their open promises; once', async () => {
    const run = await recallEndedPlacements(ctx, CLI_ACTOR);
    expect(run).toMatchObject({ date: '2026-03-02', recalled: 4 });
    expect(run.placements).toEqual([expect.objectContaining({ creditor_code: 'BANK1', batch_ref: 'ENDED', ends_on: '2026-02-28', recalled: 4, promises_cancelled: 1 })]);
    for (const status of ['active', 'promised', 'in_plan', 'lost_contact']) expect(await statusOf(account[status]!), status).toEqual({ status: 'recalled', recalled_on: '2026-02-28' });
    // Paid stays paid; recalled before keeps its own date; a placement still in its term is not touched.
    expect(await statusOf(account.paid!)).toEqual({ status: 'paid', recalled_on: null });
    expect(await statusOf(account.recalled!)).toEqual({ status: 'recalled', recalled_on: '2026-01-15' });
    expect(await statusOf(account.soon!)).toEqual({ status: 'active', recalled_on: null });
    const promise = (await db.pool.query('SELECT status, cancel_reason FROM promises WHERE account_id = $1', [account.promised])).rows[0];
    expect(promise).toEqual({ status: 'cancelled', cancel_reason: 'recalled' });
    const told = (await db.pool.query(`SELECT user_id, message, message_zh, created_at FROM notifications WHERE account_id = $1 AND kind = 'promise_ended'`, [account.promised])).rows;
    expect(told).toEqual([{ user_id: collector.id, message: expect.stringContaining("ended by the end of the placement's term on 2026-02-28"),
      message_zh: expect.stringContaining('因委案到期（2026-02-28）而结束'), created_at: ctx.now() }]);
    // What each account was is kept; the run is audited per placement.
    const history = (await db.pool.query('SELECT status FROM account_history WHERE account_id = $1', [account.in_plan])).rows;
    expect(history).toEqual([{ status: 'in_plan' }]);
    const audit = (await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'placement.term_ended'`)).rows;
    expect(audit).toEqual([{ detail: expect.objectContaining({ batch_ref: 'ENDED', ends_on: '2026-02-28', recalled: 4, promises_cancelled: 1 }) }]);
    // A second run finds nothing more.
    expect((await recallEndedPlacements(ctx, CLI_ACTOR)).recalled).toBe(0);
  });

  it("extends a placement's term (延期) before it ends: the night after its old last day it stays in collection", async () => {
    const res = await app.inject({ method: 'POST', url: '/api/creditors/BANK1/placements/extend', headers: { cookie: cookies.admin },
      payload: { batch_ref: 'SOON', until: '2026-06-10', reason: "the bank's letter of 2026-03-01" } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ batch_ref: 'SOON', ends_on: '2026-06-10', was: '2026-03-10' });
    expect((await recallEndedPlacements(on('2026-03-11'), CLI_ACTOR)).recalled).toBe(0);
    expect(await statusOf(account.soon!)).toEqual({ status: 'active', recalled_on: null });
    const audit = (await db.pool.query(`SELECT actor, detail FROM audit_log WHERE action = 'placement.extended'`)).rows;
    expect(audit).toEqual([{ actor: expect.stringMatching(/^admin/), detail: { batch_ref: 'SOON', from: '2026-03-10', to: '2026-06-10', reason: "the bank's letter of 2026-03-01" } }]);
    // Past its new end, it is recalled on that day.
    expect((await recallEndedPlacements(on('2026-06-11'), CLI_ACTOR)).placements).toEqual([expect.objectContaining({ batch_ref: 'SOON', recalled: 1 })]);
    expect(await statusOf(account.soon!)).toEqual({ status: 'recalled', recalled_on: '2026-06-10' });
  });

  it("a promise falls due by the placement's last day: the account page offers no later date, and a later one is refused", async () => {
    const { takePromise } = await import('../src/app/workstation/take-promise.ts');
    const { getAccountPage } = await import('../src/app/workstation/account-page.ts');
    const fresh = await placement(bank.id, 'SHORT', '2026-02-01', '2026-03-12');
    const id = await accountIn(fresh, 'active');
    const page = await getAccountPage(ctx, supervisor, id);
    expect(page.account.promise_latest_date).toBe('2026-03-12');   // the contract would allow 30 days, to 2026-04-01
    await expect(takePromise(ctx, supervisor, id, { amountFen: 10_000, dueDate: '2026-03-13' }))
      .rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'due_date', message: expect.stringContaining('ask the bank to extend the placement first') });
    await expect(takePromise(ctx, supervisor, id, { amountFen: 10_000, dueDate: '2026-03-12' })).resolves.toMatchObject({ promise_id: expect.any(Number) });
  });

  it('refuses to extend an ended placement, to an earlier day, or one that does not exist, saying what to do', async () => {
    await expect(extendPlacement(ctx, CLI_ACTOR, { creditor: 'BANK1', batchRef: 'ENDED', until: '2026-06-30' }))
      .rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/ended on 2026-02-28 .* places them again/) });
    await expect(extendPlacement(ctx, CLI_ACTOR, { creditor: 'BANK1', batchRef: 'P1', until: '2026-06-01' }))
      .rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'until', message: expect.stringMatching(/after the current one \(2026-06-30\).*recall file/) });
    // A year mistyped (2099 for 2029) is caught: at most three years ahead.
    await expect(extendPlacement(ctx, CLI_ACTOR, { creditor: 'BANK1', batchRef: 'P1', until: '2099-12-31' }))
      .rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'until', message: 'The new last day 2099-12-31 is more than three years ahead (at most 2029-03-01); check the year' });
    await expect(extendPlacement(ctx, CLI_ACTOR, { creditor: 'BANK1', batchRef: 'NOPE', until: '2026-12-31' }))
      .rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('leeway placements list --creditor BANK1'), messageZh: expect.stringContaining('其委案批次见“委案批次”页面') });
    await expect(extendPlacement(ctx, supervisor, { creditor: 'BANK1', batchRef: 'P1', until: '2026-12-31' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // The decision is the bank's: its own users may make it for its own placements, not another bank's.
    const foreign = await app.inject({ method: 'POST', url: '/api/creditors/BANK1/placements/extend', headers: { cookie: cookies.foreign },
      payload: { batch_ref: 'P1', until: '2026-12-31' } });
    expect(foreign.statusCode).toBe(404);
    expect((await listPlacements(ctx, CLI_ACTOR, 'BANK1')).items.find((p) => p.batch_ref === 'P1')!.ends_on).toBe('2026-06-30');
  });

  it("a bank's own user extends its own placement; the audit row names them", async () => {
    const res = await app.inject({ method: 'POST', url: '/api/creditors/BANK1/placements/extend', headers: { cookie: cookies.own },
      payload: { batch_ref: 'P1', until: '2026-07-31', reason: '行内审批通过' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ batch_ref: 'P1', ends_on: '2026-07-31', was: '2026-06-30' });
    const audit = (await db.pool.query(`SELECT actor, creditor_id FROM audit_log WHERE action = 'placement.extended' ORDER BY id DESC LIMIT 1`)).rows[0];
    expect(audit).toEqual({ actor: expect.stringMatching(/^creditoruser/), creditor_id: bank.id });
  });

  it('from the command line: list, extend, recall-ended', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-placements-'));
    const env = { DATABASE_URL: db.url, LEEWAY_DATA_DIR: dataDir, LEEWAY_CLOCK_START: '2026-03-02T10:00:00+08:00' };
    const list = await runCli(['placements', 'list', '--creditor', 'BANK1'], { env });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^PLACEMENT +PLACED ON +ENDS ON +DAYS LEFT +ACCOUNTS +COLLECTING +RECALLED +FINISHED +RETAINED\n/);
    expect(list.stdout).toMatch(/^P1 +2026-01-01 +2026-07-31 +151 +0 +0 +0 +0 +0$/m);
    expect(list.stdout).toMatch(/^SHORT +2026-02-01 +2026-03-12 +10 \(soon\) +1 +1 +0 +0 +0$/m);
    const extended = await runCli(['placements', 'extend', 'P1', '--creditor', 'BANK1', '--until', '2026-09-30', '--json'], { env });
    expect(extended.code, extended.stderr).toBe(0);
    expect(JSON.parse(extended.stdout)).toEqual({ batch_ref: 'P1', ends_on: '2026-09-30', was: '2026-07-31' });
    const short = (await db.pool.query(`SELECT account_no FROM accounts WHERE placement_id = (SELECT id FROM placements WHERE batch_ref = 'SHORT')`)).rows[0].account_no as string;
    const kept = await runCli(['placements', 'retain', short, 'NOPE', '--creditor', 'BANK1', '--until', '2026-04-15', '--reason', '银行同意留案'], { env });
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stdout).toBe('1 accounts kept until 2026-04-15\n  not kept: NOPE: no account NOPE of BANK1\n');
    const nothing = await runCli(['placements', 'recall-ended', '--date', '2026-03-02'], { env });
    expect(nothing.stdout).toBe('No placement ended before 2026-03-02 with accounts still in collection\n');
    const early = await runCli(['placements', 'recall-ended', '--date', '2026-03-03'], { env });
    expect(early.code).toBe(2);
    expect(early.stderr).toContain('a day to come');
    await fs.rm(dataDir, { recursive: true, force: true });
  });
});

describe('accounts kept past the term (留案)', () => {
  let keep: number;
  const kept: Record<string, number> = {};
  beforeAll(async () => {
    // KEEP's term ended on 2026-02-25 and tonight's recall has not run yet; the bank asks to keep two of its accounts to 2026-04-30.
    keep = await placement(bank.id, 'KEEP', '2025-08-29', '2026-02-25');
    for (const name of ['one', 'two', 'left', 'gone']) kept[name] = await accountIn(keep, name === 'gone' ? 'recalled' : 'active');
    // And one of the bank's accounts in a placement still in its term (P1, extended above).
    const p1 = (await db.pool.query(`SELECT id FROM placements WHERE creditor_id = $1 AND batch_ref = 'P1'`, [bank.id])).rows[0].id as number;
    inTermAccount = await accountIn(p1, 'active');
  });
  let inTermAccount: number;
  const numberOf = async (id: number) => (await db.pool.query('SELECT account_no FROM accounts WHERE id = $1', [id])).rows[0].account_no as string;

  it('keeps the listed accounts still in collection, saying why each other one is not kept', async () => {
    const p1End = (await db.pool.query(`SELECT ends_on::text AS e FROM placements WHERE creditor_id = $1 AND batch_ref = 'P1'`, [bank.id])).rows[0].e as string;
    // As a spreadsheet writes them: a leading ' and spaces are read as the import reads them.
    const listed = [await numberOf(kept.one!), await numberOf(kept.two!), await numberOf(kept.gone!), 'NOPE', await numberOf(inTermAccount)];
    const written = [`'${listed[0]}`, ` ${listed[1]!.slice(0, 4)} ${listed[1]!.slice(4)} `, ...listed.slice(2)];
    const res = await app.inject({ method: 'POST', url: '/api/creditors/BANK1/placements/retain', headers: { cookie: cookies.admin },
      payload: { account_nos: written, until: '2026-04-30', reason: '有还款承诺，银行同意留案' } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const byNumber = (a: { account_no: string }, b: { account_no: string }) => a.account_no.localeCompare(b.account_no);
    expect([...body.retained].sort(byNumber)).toEqual([listed[0]!, listed[1]!].map((accountNo) => ({ account_no: accountNo, placement_ends_on: '2026-02-25', was: null })).sort(byNumber));
    expect(body.refused.map((r: { account_no: string; reason: string }) => [r.account_no, r.reason])).toEqual([
      [listed[2], 'no longer in collection (recalled)'], ['NOPE', 'no account NOPE of BANK1'],
      [listed[4], `its placement runs to ${p1End} already`],
    ]);
    const audit = (await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'placement.retained'`)).rows;
    expect(audit).toContainEqual({ detail: expect.objectContaining({ until: '2026-04-30', reason: '有还款承诺，银行同意留案', count: 2, accounts: expect.arrayContaining([kept.one, kept.two]) }) });
    expect(p1End).toBe('2026-09-30');
    expect((await listPlacements(ctx, CLI_ACTOR, 'BANK1')).items.find((p) => p.batch_ref === 'KEEP')).toMatchObject({ in_collection: 3, retained: 2 });
    // The batch's accounts, to choose from: the accounts list takes the batch reference.
    const batch = await app.inject({ method: 'GET', url: '/api/accounts?placement=KEEP&limit=500', headers: { cookie: cookies.admin } });
    expect(batch.statusCode, batch.body).toBe(200);
    expect(batch.json().items.map((a: { id: number }) => a.id).sort()).toEqual(Object.values(kept).sort());
    // And by status: the batch's one no longer in collection.
    const gone = await app.inject({ method: 'GET', url: '/api/accounts?placement=KEEP&status=recalled', headers: { cookie: cookies.admin } });
    expect(gone.json().items.map((a: { id: number }) => a.id)).toEqual([kept.gone]);
    expect((await app.inject({ method: 'GET', url: '/api/accounts?status=lost', headers: { cookie: cookies.admin } })).statusCode).toBe(400);
    // Found by the last four digits of the number, as the lists mask it (****1234); a wildcard is only a character.
    const lastFour = listed[0]!.slice(-4);
    const byFour = (await app.inject({ method: 'GET', url: `/api/accounts?q=${lastFour}&limit=500`, headers: { cookie: cookies.admin } })).json();
    expect(byFour.items.length).toBeGreaterThan(0);
    expect(byFour.items.every((a: { account_no_mask: string }) => a.account_no_mask.endsWith(lastFour))).toBe(true);
    expect(byFour.items.map((a: { id: number }) => a.id)).toContain(kept.one);
    // A name by any part of it, in any case (an English surname); one character only by its start.
    const { rows: [named] } = await db.pool.query(`UPDATE debtors SET name = 'George Wilson' WHERE id = (SELECT debtor_id FROM accounts WHERE id = $1) RETURNING id`, [kept.one]);
    for (const q of ['wilson', 'WILSON', 'George%20Wil']) {
      expect((await app.inject({ method: 'GET', url: `/api/accounts?q=${q}&limit=500`, headers: { cookie: cookies.admin } })).json().items
        .map((a: { id: number }) => a.id), q).toContain(kept.one);
    }
    expect((await app.inject({ method: 'GET', url: '/api/accounts?q=W&limit=500', headers: { cookie: cookies.admin } })).json().items
      .map((a: { id: number }) => a.id)).not.toContain(kept.one);
    expect(named).toBeDefined();
    // A name in the other Chinese script (read off a Hong Kong ID card, or written so by the bank), and
    // the account number grouped as a card number is read out.
    await db.pool.query(`UPDATE debtors SET name = '陳大文' WHERE id = $1`, [named.id]);
    const grouped = listed[0]!.replace(/(\d{4})(?=\d)/g, '$1 ');
    for (const q of ['陈大文', '陈大', '陈', '大文', '陳大文', grouped]) {
      expect((await app.inject({ method: 'GET', url: `/api/accounts?q=${encodeURIComponent(q)}&limit=500`, headers: { cookie: cookies.admin } })).json().items
        .map((a: { id: number }) => a.id), q).toContain(kept.one);
    }
    for (const q of ['%25', '_', '%25%25%25%25']) {
      expect((await app.inject({ method: 'GET', url: `/api/accounts?q=${q}`, headers: { cookie: cookies.admin } })).json().total, q).toBe(0);
    }
    // Not for a day already past, nor without a bank.
    await expect(retainAccounts(ctx, CLI_ACTOR, { creditor: 'BANK1', accountNos: listed, until: '2026-03-01' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'until' });
    await expect(retainAccounts(ctx, supervisor, { creditor: 'BANK1', accountNos: listed, until: '2026-04-30' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a kept account earns commission, takes promises and stays in collection to its own day; the others go back the night after the term', async () => {
    // A payment after the placement's last day: earned on the kept account, not on the one left to the term.
    expect(await recordPayment(ctx, supervisor, { accountId: kept.one!, amountFen: 10_000, paidOn: '2026-03-01' })).toMatchObject({ no_commission_reason: null });
    expect(await recordPayment(ctx, supervisor, { accountId: kept.left!, amountFen: 10_000, paidOn: '2026-03-01' })).toMatchObject({ no_commission_reason: 'after_recall' });
    const { getAccountPage } = await import('../src/app/workstation/account-page.ts');
    const page = await getAccountPage(ctx, supervisor, kept.two!);
    expect(page.account).toMatchObject({ placement_ends_on: '2026-02-25', retained_until: '2026-04-30', promise_latest_date: '2026-04-01' });
    const tonight = await recallEndedPlacements(on('2026-03-03'), CLI_ACTOR);
    expect(tonight.placements.filter((p) => p.batch_ref === 'KEEP')).toEqual([expect.objectContaining({ ends_on: '2026-02-25', recalled: 1 })]);
    expect(await statusOf(kept.left!)).toEqual({ status: 'recalled', recalled_on: '2026-02-25' });
    expect(await statusOf(kept.one!)).toEqual({ status: 'active', recalled_on: null });
    // The night after the day they were kept until, they go back on that day.
    const later = await recallEndedPlacements(on('2026-05-01'), CLI_ACTOR);
    expect(later.placements.filter((p) => p.batch_ref === 'KEEP')).toEqual([expect.objectContaining({ ends_on: '2026-04-30', recalled: 2 })]);
    expect(await statusOf(kept.two!)).toEqual({ status: 'recalled', recalled_on: '2026-04-30' });
  });

  it('a term extended past the day an account was kept until rules: the mandate ends on the later of the two', async () => {
    const mix = await placement(bank.id, 'MIX', '2026-01-20', '2026-03-20');
    const account = await accountIn(mix, 'active');
    await retainAccounts(ctx, CLI_ACTOR, { creditor: 'BANK1', accountNos: [await numberOf(account)], until: '2026-04-10' });
    await extendPlacement(ctx, CLI_ACTOR, { creditor: 'BANK1', batchRef: 'MIX', until: '2026-05-01' });
    expect((await recallEndedPlacements(on('2026-04-11'), CLI_ACTOR)).placements.filter((p) => p.batch_ref === 'MIX')).toEqual([]);
    expect(await statusOf(account)).toEqual({ status: 'active', recalled_on: null });
    expect((await recallEndedPlacements(on('2026-05-02'), CLI_ACTOR)).placements.filter((p) => p.batch_ref === 'MIX'))
      .toEqual([expect.objectContaining({ ends_on: '2026-05-01', recalled: 1 })]);
    expect(await statusOf(account)).toEqual({ status: 'recalled', recalled_on: '2026-05-01' });
  });
});
