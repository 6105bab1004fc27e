import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR, type AppContext } from '../src/app/context.ts';
import { evaluatePlans } from '../src/app/hardship/evaluate-plans.ts';
import { recordPayment } from '../src/app/payments/record-payment.ts';
import { reversePayment } from '../src/app/payments/reverse-payment.ts';
import { openProgramme } from '../src/app/hardship/programmes.ts';
import { submitHardshipApplication } from '../src/app/hardship/submit-application.ts';
import { applyForHardship, hardshipQuotes } from '../src/app/portal/apply-hardship.ts';
import { createSuspension } from '../src/app/suspensions/create-suspension.ts';
import { buildServer } from '../src/http/server.ts';
import { runCli } from './support/cli.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let bank: { id: number; code: string };
let team: { id: number };
let collector: Awaited<ReturnType<typeof newUser>>;
const cookie = {} as Record<'collector' | 'bankUser' | 'otherBankUser' | 'admin' | 'strictBankUser', string>;
let bankUserId: number;
let strictBank: { id: number; code: string };

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const b64 = (b: Buffer) => b.toString('base64');

async function account(principalFen = 1_200_000, creditorId = bank.id): Promise<{ id: number; debtorId: number }> {
  const debtor = await newDebtor(ctx);
  const { id } = await newAccount(db.pool, { creditorId, debtorId: debtor.id, collectorId: collector.id, teamId: team.id, principalFen });
  return { id, debtorId: debtor.id };
}

function call(who: keyof typeof cookie, method: 'GET' | 'POST', url: string, payload?: unknown) {
  return app.inject({ method, url, headers: { cookie: cookie[who] }, ...(payload === undefined ? {} : { payload: payload as object }) });
}

const application = (extra: Record<string, unknown> = {}) => ({
  reason: 'unemployment', statement: '快递公司封城裁员，三个月没有收入', monthly_income_fen: 300_000, monthly_essentials_fen: 200_000,
  plan: { months: 12, first_due_date: '2026-03-31', waive: ['interest', 'fees'] }, evidence: [{ file_name: '解除劳动合同证明.pdf', content_base64: b64(PDF) }],
  ...extra,
});

async function submit(accountId: number, extra: Record<string, unknown> = {}) {
  const res = await call('collector', 'POST', `/api/accounts/${accountId}/hardship`, application(extra));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { application_id: number; hold_id: number; decision_due_on: string; evidence: Array<{ id: number; sha256: string }> };
}

async function contactAllowed(accountId: number): Promise<boolean> {
  const res = await call('collector', 'GET', `/api/accounts/${accountId}/contact-check?channel=call`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().allowed;
}

async function pay(accountId: number, amountFen: number, paidOn: string) {
  await db.pool.query(`INSERT INTO payments (creditor_id, account_id, txn_id, amount_fen, paid_on) VALUES ($1, $2, $3, $4, $5)`,
    [bank.id, accountId, `T${accountId}-${paidOn}-${amountFen}-${Math.random()}`, amountFen, paidOn]);
}

const accountStatus = async (id: number) => (await db.pool.query('SELECT status FROM accounts WHERE id = $1', [id])).rows[0].status;
const openHolds = async (id: number) => (await db.pool.query(`SELECT kind FROM holds WHERE account_id = $1 AND released_at IS NULL`, [id])).rows;

beforeAll(async () => {
  db = await createTestDatabase();
  // Monday 2026-03-02, 10:00 in Shanghai: calling hours.
  ctx = testContext(db.pool);
  app = await buildServer(ctx);
  bank = await newCreditor(db.pool, 'HSBANK');
  const otherBank = await newCreditor(db.pool, 'OTHERBK');
  await db.pool.query(`INSERT INTO contracts (creditor_id, version, name, pack, effective_from, terms) VALUES ($1, 1, '2026', 'CN', '2026-01-01', $2)`,
    [bank.id, JSON.stringify({ hardship_decision_days: 10, plan_grace_days: 5 })]);
  team = await newTeam(db.pool);
  collector = await newUser(db.pool, 'collector', { teamId: team.id });
  cookie.collector = await signInCookie(app, collector.username);
  const bankUser = await newUser(db.pool, 'creditor_user', { creditorId: bank.id });
  bankUserId = bankUser.id;
  cookie.bankUser = await signInCookie(app, bankUser.username);
  // A bank whose contract allows plans of at most 36 months (the rules allow 60).
  strictBank = await newCreditor(db.pool, 'STRICTBK');
  await db.pool.query(`INSERT INTO contracts (creditor_id, version, name, pack, effective_from, terms) VALUES ($1, 1, '2026', 'CN', '2026-01-01', $2)`,
    [strictBank.id, JSON.stringify({ hardship_decision_days: 10, max_instalment_months: 36 })]);
  cookie.strictBankUser = await signInCookie(app, (await newUser(db.pool, 'creditor_user', { creditorId: strictBank.id })).username);
  cookie.otherBankUser = await signInCookie(app, (await newUser(db.pool, 'creditor_user', { creditorId: otherBank.id })).username);
  cookie.admin = await signInCookie(app, (await newUser(db.pool, 'admin')).username);
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe('submitting an application', () => {
  it('stops collection contact at once, stores the evidence with its checksum and waits in the creditor inbox with a business-day deadline', async () => {
    const acc = await account();
    expect(await contactAllowed(acc.id)).toBe(true);
    const submitted = await submit(acc.id);
    // 10 Chinese working days after Monday 2 March 2026.
    expect(submitted.decision_due_on).toBe('2026-03-16');
    expect(await openHolds(acc.id)).toEqual([{ kind: 'hardship_review' }]);
    expect(await contactAllowed(acc.id)).toBe(false);
    const { rows: [phone] } = await db.pool.query(
      `SELECT id FROM contact_points WHERE debtor_id = $1 AND kind = 'phone' AND owner = 'debtor' ORDER BY id LIMIT 1`, [acc.debtorId]);
    const logged = await call('collector', 'POST', `/api/accounts/${acc.id}/contacts`, { channel: 'call', outcome: 'no_answer', contact_point_id: phone.id });
    expect(logged.statusCode, logged.body).toBe(409);
    expect(logged.json().error.code).toBe('CONTACT_NOT_ALLOWED');
    expect(submitted.evidence[0]!.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));

    const inbox = await call('bankUser', 'GET', '/api/hardship/inbox');
    const item = inbox.json().items.find((i: { id: number }) => i.id === submitted.application_id);
    expect(item).toMatchObject({ status: 'submitted', decision_due_on: '2026-03-16', reason: 'unemployment', evidence_count: 1 });
    expect(item.requested_plan).toMatchObject({ months: 12, plan_amount_fen: 1_200_000, instalment_fen: 100_000, affordability: { affordable: true } });
    expect(item.currency).toBe('CNY');   // the screens format the amounts in the contract's currency
    const audit = await db.pool.query(`SELECT action FROM audit_log WHERE entity_id = $1 AND entity = 'hardship_application'`, [String(submitted.application_id)]);
    expect(audit.rows.map((r) => r.action)).toEqual(['hardship.submit']);

    const again = await call('collector', 'POST', `/api/accounts/${acc.id}/hardship`, application());
    expect(again.statusCode).toBe(409);
  });

  it("serves evidence back only as an attachment of its detected type, never as a page, and only within the creditor's scope", async () => {
    const acc = await account();
    const { evidence } = await submit(acc.id);
    const res = await call('bankUser', 'GET', `/api/hardship/evidence/${evidence[0]!.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".*\.pdf"; filename\*=UTF-8''/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.rawPayload.equals(PDF)).toBe(true);
    expect((await call('otherBankUser', 'GET', `/api/hardship/evidence/${evidence[0]!.id}`)).statusCode).toBe(404);
  });

  it('refuses evidence that is not a PDF/JPEG/PNG/HEIC or is over 10 MB, naming the file, and stores nothing', async () => {
    const acc = await account();
    const html = await call('collector', 'POST', `/api/accounts/${acc.id}/hardship`,
      application({ evidence: [{ file_name: 'proof.pdf', content_base64: b64(Buffer.from('<html><script>alert(1)</script></html>')) }] }));
    expect(html.statusCode).toBe(400);
    expect(html.json().error).toMatchObject({ field: 'evidence[0]', message: expect.stringMatching(/^The file proof\.pdf is not a PDF, JPEG, PNG or HEIC file/) });
    const big = Buffer.alloc(10 * 1024 * 1024 + 1); PDF.copy(big);
    const tooBig = await call('collector', 'POST', `/api/accounts/${acc.id}/hardship`,
      application({ evidence: [{ file_name: 'a.pdf', content_base64: b64(PDF) }, { file_name: 'scan.pdf', content_base64: b64(big) }] }));
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().error).toMatchObject({ field: 'evidence[1]' });
    expect(tooBig.json().error.message).toMatch(/^The file scan\.pdf is 10\.0 MB; an evidence file may be at most 10 MB/);
    expect(await openHolds(acc.id)).toEqual([]);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM hardship_applications WHERE account_id = $1', [acc.id])).rows[0].n).toBe(0);
    const months = await call('collector', 'POST', `/api/accounts/${acc.id}/hardship`, application({ plan: { months: 61, first_due_date: '2026-03-31' } }));
    expect(months.statusCode).toBe(400);
    expect(months.json().error.field).toBe('months');
  });

  it('from the debtor portal places the same hold and reaches the same inbox; another debtor cannot apply for the account', async () => {
    const acc = await account();
    const input = { reason: 'illness', statement: '住院治疗', plan: { months: 6, firstDueDate: '2026-04-15' } };
    await expect(submitHardshipApplication(ctx, { kind: 'debtor', debtorId: acc.debtorId + 999, channel: 'portal' }, acc.id, input)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const done = await submitHardshipApplication(ctx, { kind: 'debtor', debtorId: acc.debtorId, channel: 'portal' }, acc.id, input);
    expect(await openHolds(acc.id)).toEqual([{ kind: 'hardship_review' }]);
    const inbox = await call('bankUser', 'GET', '/api/hardship/inbox');
    expect(inbox.json().items.find((i: { id: number }) => i.id === done.application_id)).toMatchObject({ origin: 'portal', reason: 'illness' });
  });
});

describe('the creditor decides', () => {
  it("is scoped: another creditor's user gets 404 and sees nothing; a collector may not decide", async () => {
    const acc = await account();
    const { application_id: id } = await submit(acc.id);
    expect((await call('otherBankUser', 'GET', `/api/hardship/applications/${id}`)).statusCode).toBe(404);
    expect((await call('otherBankUser', 'POST', `/api/hardship/applications/${id}/approve`, {})).statusCode).toBe(404);
    expect((await call('otherBankUser', 'POST', `/api/hardship/applications/${id}/reject`, { reason: 'x' })).statusCode).toBe(404);
    expect((await call('otherBankUser', 'GET', '/api/hardship/inbox')).json().items).toEqual([]);
    expect((await call('collector', 'POST', `/api/hardship/applications/${id}/approve`, {})).statusCode).toBe(403);
    expect(await openHolds(acc.id)).toEqual([{ kind: 'hardship_review' }]);
  });

  it("names the bank in English where it has an English name: the inbox's row carries it, the collector's notice in English uses it", async () => {
    await db.pool.query(`UPDATE creditors SET name_en = 'Hesheng Bank' WHERE id = $1`, [bank.id]);
    try {
      const acc = await account();
      const { application_id: id } = await submit(acc.id);
      const row = (await call('bankUser', 'GET', '/api/hardship/inbox')).json().items.find((i: { id: number }) => i.id === id);
      expect(row).toMatchObject({ creditor_name: 'HSBANK 银行', creditor_name_en: 'Hesheng Bank' });
      expect((await call('bankUser', 'GET', `/api/hardship/applications/${id}`)).json()).toMatchObject({ creditor_name: 'HSBANK 银行', creditor_name_en: 'Hesheng Bank' });
      expect((await call('bankUser', 'POST', `/api/hardship/applications/${id}/request-info`, { question: '请提供收入证明' })).statusCode).toBe(200);
      const { rows: [notice] } = await db.pool.query(`SELECT message, message_zh FROM notifications WHERE application_id = $1 AND kind = 'info_requested'`, [id]);
      expect(notice).toEqual({ message: `Hesheng Bank asks for more on hardship application ${id}: 请提供收入证明`, message_zh: `HSBANK 银行要求停息挂账申请 ${id} 补充材料：请提供收入证明` });
      expect((await call('bankUser', 'POST', `/api/hardship/applications/${id}/reject`, { reason: '收入充足' })).statusCode).toBe(200);
      const { rows: [rejected] } = await db.pool.query(`SELECT message, message_zh FROM notifications WHERE application_id = $1 AND kind = 'application_rejected'`, [id]);
      expect(rejected).toEqual({ message: `Hardship application ${id} rejected by Hesheng Bank: 收入充足`, message_zh: `停息挂账申请 ${id} 已被HSBANK 银行拒绝：收入充足` });
    } finally {
      await db.pool.query(`UPDATE creditors SET name_en = NULL WHERE id = $1`, [bank.id]);
    }
  });

  it('asks for more information, the collector answers and resubmits, then approval on changed terms starts the plan and ends the hold', async () => {
    const acc = await account();
    const { application_id: id } = await submit(acc.id);
    const ask = await call('bankUser', 'POST', `/api/hardship/applications/${id}/request-info`, { question: '请提供近三个月银行流水' });
    expect(ask.statusCode, ask.body).toBe(200);
    let panel = (await call('collector', 'GET', `/api/accounts/${acc.id}/hardship`)).json();
    expect(panel.notifications[0]).toMatchObject({ kind: 'info_requested', audience: 'collector' });
    expect(panel.notifications[0].message).toContain('银行流水');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const again = await call('collector', 'POST', `/api/hardship/applications/${id}/resubmit`,
      { information: '已补充银行流水', evidence: [{ file_name: '流水.png', content_base64: b64(png) }] });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().status).toBe('submitted');

    const approved = await call('bankUser', 'POST', `/api/hardship/applications/${id}/approve`, { months: 24, first_due_date: '2026-04-10', note: '同意24期' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', months: 24, total_fen: 1_200_000 });
    expect(await accountStatus(acc.id)).toBe('in_plan');
    expect(await openHolds(acc.id)).toEqual([]);
    panel = (await call('collector', 'GET', `/api/accounts/${acc.id}/hardship`)).json();
    expect(panel.plans[0]).toMatchObject({ status: 'active', months: 24, start_date: '2026-03-02' });
    // Made when approved, on the product's clock (a demo's or training server's may be set apart from the database's).
    expect(new Date(panel.plans[0].created_at)).toEqual(ctx.now());
    expect(panel.plans[0].instalments).toHaveLength(24);
    expect(panel.plans[0].instalments[0]).toMatchObject({ n: 1, due_date: '2026-04-10', amount_fen: 50_000 });
    expect(panel.timeline.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'info_requested', 'resubmitted', 'approved']);
    // Who acted, as people know them (their display names).
    expect(panel.timeline[0].actor_name).toBe(`collector ${collector.username}`);
    // When, on the product's clock (a training server's stands apart from the database's), as the audit rows are.
    expect(new Set(panel.timeline.map((e: { at: string }) => e.at))).toEqual(new Set([ctx.now().toISOString()]));
    expect(panel.applications[0].evidence).toHaveLength(2);
    const again2 = await call('bankUser', 'POST', `/api/hardship/applications/${id}/reject`, { reason: 'late' });
    expect(again2.statusCode).toBe(409);
  });

  it('rejection ends the hold (contact allowed again) and tells the collector', async () => {
    const acc = await account();
    const { application_id: id } = await submit(acc.id);
    const res = await call('bankUser', 'POST', `/api/hardship/applications/${id}/reject`, { reason: '收入证明不足' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await openHolds(acc.id)).toEqual([]);
    expect(await contactAllowed(acc.id)).toBe(true);
    const panel = (await call('collector', 'GET', `/api/accounts/${acc.id}/hardship`)).json();
    expect(panel.notifications[0]).toMatchObject({ kind: 'application_rejected', user_id: collector.id });
    expect(panel.applications[0]).toMatchObject({ status: 'rejected', decision_note: '收入证明不足' });
    // ...and in the collector's own notices (通知), unread, not in the bank's.
    const notices = (await call('collector', 'GET', '/api/notifications?state=unread')).json();
    expect(notices.items.find((n: { application_id: number }) => n.application_id === id)).toMatchObject({ kind: 'application_rejected', account_id: acc.id });
    // The bank was told of the application when it came (with the day it lapses undecided), not of the collector's news.
    const bankNotices = (await call('bankUser', 'GET', '/api/notifications')).json().items.filter((n: { application_id: number }) => n.application_id === id);
    expect(bankNotices.map((n: { kind: string }) => n.kind)).toEqual(['application_to_decide']);
    expect(bankNotices[0].message_zh).toMatch(/停息挂账申请 \d+ 待您在 \d{4}-\d{2}-\d{2} 前审批；逾期未决将失效并恢复催收/);
    // Past its deadline, a decided application is not overdue in the inbox; one still waiting is.
    const waiting = (await submit((await account()).id)).application_id;
    await db.pool.query(`UPDATE hardship_applications SET decision_due_on = '2026-02-27' WHERE id = ANY($1)`, [[id, waiting]]);
    const inInbox = async (view: string, appId: number) =>
      (await call('bankUser', 'GET', `/api/hardship/inbox?view=${view}`)).json().items.find((i: { id: number }) => i.id === appId);
    expect(await inInbox('decided', id)).toMatchObject({ status: 'rejected', overdue: false });
    expect(await inInbox('open', waiting)).toMatchObject({ status: 'submitted', overdue: true });
    await call('bankUser', 'POST', `/api/hardship/applications/${waiting}/reject`, { reason: '测试后撤回' });
  });

  it('expires past the deadline from the nightly evaluation (and the CLI): hold ends, collector told', async () => {
    const acc = await account();
    const { application_id: id } = await submit(acc.id);
    expect((await evaluatePlans(ctx, '2026-03-16')).applications_expired).toBe(0);
    const env = { DATABASE_URL: db.url, LEEWAY_DATA_DIR: await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-hardship-')) };
    const cli = await runCli(['hardship', 'evaluate', '--date', '2026-03-17', '--json'], { env });
    expect(cli.code, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout).applications_expired).toBeGreaterThanOrEqual(1);
    const row = (await db.pool.query('SELECT status FROM hardship_applications WHERE id = $1', [id])).rows[0];
    expect(row.status).toBe('expired');
    expect(await openHolds(acc.id)).toEqual([]);
    const panel = (await call('collector', 'GET', `/api/accounts/${acc.id}/hardship`)).json();
    expect(panel.notifications[0].kind).toBe('application_expired');
    const bad = await runCli(['hardship', 'evaluate', '--date', '17/03/2026'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--date/);
  });

  it("says what the system wrote (an expiry) in both languages, for each reader's own; what a person typed stays as typed", async () => {
    const acc = await account();
    const { application_id: id, decision_due_on: due } = await submit(acc.id);
    await evaluatePlans(ctx, '2026-03-31');
    type Event = { kind: string; note: string | null; note_zh: string | null };
    const panel = (await call('collector', 'GET', `/api/accounts/${acc.id}/hardship`)).json();
    const expired = panel.timeline.find((e: Event) => e.kind === 'expired');
    expect(expired).toMatchObject({
      note: `Hardship application ${id} expired: the creditor did not decide by ${due}; collection may resume`,
      note_zh: `停息挂账申请 ${id} 已过期：委托方未在 ${due} 前作出决定，可以恢复催收`,
    });
    expect(panel.timeline.find((e: Event) => e.kind === 'submitted')).toMatchObject({ note: application().statement, note_zh: null });
    expect(panel.applications[0]).toMatchObject({ status: 'expired', decision_note: `No decision by ${due}`, decision_note_zh: `委托方未在 ${due} 前作出决定` });
    // The creditor's inbox and the application's page say the same.
    const detail = (await call('bankUser', 'GET', `/api/hardship/applications/${id}`)).json();
    expect(detail.decision_note_zh).toBe(`委托方未在 ${due} 前作出决定`);
    expect(detail.timeline.find((e: Event) => e.kind === 'expired').note_zh).toBe(expired.note_zh);
    const decided = (await call('bankUser', 'GET', '/api/hardship/inbox?view=decided')).json();
    expect(decided.items.find((a: { id: number }) => a.id === id).decision_note_zh).toBe(`委托方未在 ${due} 前作出决定`);
    // A row written in English only, before both were kept, still reads (in English); a note erased takes its Chinese with it.
    await db.pool.query(`INSERT INTO hardship_events (creditor_id, account_id, application_id, kind, actor, note) VALUES ($1, $2, $3, 'expired', 'system', 'No decision in time')`,
      [bank.id, acc.id, id]);
    await db.pool.query(`UPDATE hardship_events SET note = NULL WHERE account_id = $1 AND kind = 'expired' AND detail ? 'message'`, [acc.id]);
    const later = (await call('collector', 'GET', `/api/accounts/${acc.id}/hardship`)).json().timeline.filter((e: Event) => e.kind === 'expired');
    expect(later.map((e: Event) => [e.note, e.note_zh])).toEqual([[null, null], ['No decision in time', null]]);
  });
});

describe("the bank's notices in the inbox", () => {
  type Notice = { id: number; kind: string; application_id: number | null; waiver_id?: number | null; read_at?: string | null };
  const inboxNotices = async (): Promise<Notice[]> => (await call('bankUser', 'GET', '/api/hardship/inbox')).json().notifications;
  const toDecide = async (applicationId: number) => (await db.pool.query(
    `SELECT read_at, read_by FROM notifications WHERE kind = 'application_to_decide' AND application_id = $1 ORDER BY id`, [applicationId])).rows;

  it('shows an application to decide until it is decided, then it is read for all the bank\'s users; a settlement offer stays in Notices', async () => {
    const acc = await account();
    // A settlement offer waiving principal: only the bank may approve it. It is not the hardship inbox's.
    const offered = await call('collector', 'POST', `/api/accounts/${acc.id}/settlements`, { principal_fen: 100, due_date: '2026-03-20' });
    expect(offered.statusCode, offered.body).toBe(201);
    expect(offered.json().approver).toBe('creditor');
    const { application_id: id } = await submit(acc.id, { plan: { months: 3, first_due_date: '2026-04-10', waive: [] } });
    let shown = await inboxNotices();
    expect(shown.filter((n) => n.application_id === id).map((n) => n.kind)).toEqual(['application_to_decide']);
    expect(shown.map((n) => n.kind)).not.toContain('settlement_to_decide');
    // The bank's Notices have both, unread.
    const unread = async () => (await call('bankUser', 'GET', '/api/notifications?state=unread')).json().items as Notice[];
    expect((await unread()).find((n) => n.waiver_id === offered.json().id)).toMatchObject({ kind: 'settlement_to_decide' });

    expect((await call('bankUser', 'POST', `/api/hardship/applications/${id}/approve`, {})).statusCode).toBe(200);
    shown = await inboxNotices();
    expect(shown.filter((n) => n.application_id === id)).toEqual([]);
    expect(await toDecide(id)).toEqual([{ read_at: expect.any(Date), read_by: bankUserId }]);
    // The offer the plan withdrew no longer waits for the bank either; the Notices keep both, read.
    expect((await unread()).filter((n) => n.application_id === id || n.waiver_id === offered.json().id)).toEqual([]);
    const all = (await call('bankUser', 'GET', '/api/notifications')).json().items as Notice[];
    expect(all.filter((n) => n.application_id === id || n.waiver_id === offered.json().id).map((n) => n.kind).sort())
      .toEqual(['application_to_decide', 'settlement_to_decide']);
  });

  it('a rejection, a lapse and a settlement decision each close their "to decide" notice; a resubmission replaces the first one', async () => {
    const rejected = (await submit((await account()).id)).application_id;
    expect((await call('bankUser', 'POST', `/api/hardship/applications/${rejected}/reject`, { reason: '收入证明不足' })).statusCode).toBe(200);
    expect(await toDecide(rejected)).toEqual([{ read_at: expect.any(Date), read_by: bankUserId }]);

    const asked = (await submit((await account()).id)).application_id;
    expect((await call('bankUser', 'POST', `/api/hardship/applications/${asked}/request-info`, { question: '请提供诊断证明' })).statusCode).toBe(200);
    expect((await inboxNotices()).filter((n) => n.application_id === asked)).toHaveLength(1);   // still waits: the bank may decide meanwhile
    expect((await call('collector', 'POST', `/api/hardship/applications/${asked}/resubmit`, { information: '已补充诊断证明' })).statusCode).toBe(200);
    const [first, second] = await toDecide(asked);
    expect(first.read_at).not.toBeNull();
    expect(second.read_at).toBeNull();
    expect((await inboxNotices()).filter((n) => n.application_id === asked)).toHaveLength(1);

    // Undecided past its deadline, the application lapses at night: nobody is left to decide it.
    await evaluatePlans(ctx, '2026-03-31');
    expect((await toDecide(asked)).map((r) => r.read_at === null)).toEqual([false, false]);
    expect((await toDecide(asked))[1].read_by).toBeNull();
    expect((await inboxNotices()).filter((n) => n.application_id === asked)).toEqual([]);

    const acc = await account();
    const offer = await call('collector', 'POST', `/api/accounts/${acc.id}/settlements`, { principal_fen: 100, due_date: '2026-03-20' });
    expect(offer.statusCode, offer.body).toBe(201);
    const decided = await call('bankUser', 'POST', `/api/settlements/${offer.json().id}/decision`, { decision: 'reject', reason: '本金不予减免' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect((await db.pool.query(`SELECT read_by FROM notifications WHERE kind = 'settlement_to_decide' AND waiver_id = $1 AND read_at IS NOT NULL`,
      [offer.json().id])).rows).toEqual([{ read_by: bankUserId }]);
  });
});

describe("the contract's longest plan", () => {
  it("holds a plan to the contract's 36 months on quote, submission and approval, said in plain words", async () => {
    const acc = await account(1_200_000, strictBank.id);
    const panel = (await call('collector', 'GET', `/api/accounts/${acc.id}/hardship`)).json();
    expect(panel.account).toMatchObject({ instalment_max: 36, instalment_max_set_by: 'contract' });

    const quote = await call('collector', 'POST', `/api/accounts/${acc.id}/hardship/quote`, { months: 48, first_due_date: '2026-03-31' });
    expect(quote.statusCode).toBe(400);
    expect(quote.json().error).toMatchObject({
      field: 'months',
      message: "A plan may run at most 36 months under this bank's contract: the number of monthly instalments must be a whole number from 1 to 36; got 48",
      message_zh: '按该银行的委托合同，分期最长 36 个月：期数须为 1 到 36 之间的整数；当前为 48',
    });
    expect((await call('collector', 'POST', `/api/accounts/${acc.id}/hardship/quote`, { months: 36, first_due_date: '2026-03-31' })).statusCode).toBe(200);
    // Counted from today: 36 instalments must start within a month.
    const late = await call('collector', 'POST', `/api/accounts/${acc.id}/hardship/quote`, { months: 36, first_due_date: '2026-06-30' });
    expect(late.json().error).toMatchObject({ field: 'first_due_date' });
    expect(late.json().error.message).toMatch(/^A plan may run at most 36 months under this bank's contract, counted from today: .* the first may be due by 2026-04-02 at the latest$/);

    const refused = await call('collector', 'POST', `/api/accounts/${acc.id}/hardship`, application({ plan: { months: 48, first_due_date: '2026-03-31' } }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.field).toBe('months');
    expect(await openHolds(acc.id)).toEqual([]);

    const { application_id: id } = await submit(acc.id, { plan: { months: 24, first_due_date: '2026-03-31' } });
    const detail = (await call('strictBankUser', 'GET', `/api/hardship/applications/${id}`)).json();
    expect(detail).toMatchObject({ instalment_max: 36, instalment_max_set_by: 'contract' });
    const longer = await call('strictBankUser', 'POST', `/api/hardship/applications/${id}/approve`, { months: 48 });
    expect(longer.statusCode).toBe(400);
    expect(longer.json().error.message).toMatch(/^A plan may run at most 36 months under this bank's contract/);
    expect((await db.pool.query('SELECT status FROM hardship_applications WHERE id = $1', [id])).rows[0].status).toBe('submitted');
    expect(await openHolds(acc.id)).toEqual([{ kind: 'hardship_review' }]);
    const fee = await call('strictBankUser', 'POST', `/api/hardship/applications/${id}/approve`, { monthly_fee_bp: 10_001 });
    expect(fee.json().error).toMatchObject({ field: 'monthly_fee_bp',
      message: 'The monthly plan fee must be a whole number of basis points from 0 to 10000 (100 basis points are 1 % of the plan amount a month); got 10001' });
    const nothing = await call('strictBankUser', 'POST', `/api/hardship/applications/${id}/approve`, { waive: ['principal', 'interest', 'fees'] });
    expect(nothing.json().error).toMatchObject({ field: 'waive' });
    expect(nothing.json().error.message).toMatch(/^Nothing is left to put on a plan/);
    const past = await call('strictBankUser', 'POST', `/api/hardship/applications/${id}/approve`, { first_due_date: '2026-03-01' });
    expect(past.json().error.message).toBe('The first due date 2026-03-01 is before today (2026-03-02): choose today or a later date');
    const approved = await call('strictBankUser', 'POST', `/api/hardship/applications/${id}/approve`, { months: 36 });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', months: 36 });

    // The debtor portal offers no plan longer than the contract allows; the rules' 60 elsewhere.
    const terms = { principal_now_fen: 1_200_000, interest_now_fen: 0, fees_now_fen: 0, pack: 'CN' };
    expect(hardshipQuotes({ ...terms, terms: { max_instalment_months: 36 } }, '2026-03-02').map((q) => q.months)).toEqual([6, 12, 24, 36]);
    expect(hardshipQuotes({ ...terms, terms: {} }, '2026-03-02').map((q) => q.months)).toEqual([6, 12, 24, 36, 48, 60]);
    const strictDebtor = await account(1_200_000, strictBank.id);
    await expect(applyForHardship(ctx, strictDebtor.debtorId, strictDebtor.id, { reason: 'illness', statement: '住院治疗三个月，收入中断', monthlyIncomeFen: null,
      monthlyEssentialsFen: null, months: 48, evidence: null })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'months' });
  });
});

describe('active plans and the payments table', () => {
  async function planOn(principalFen: number, months: number, firstDue: string, waive: string[] = []) {
    const acc = await account(principalFen);
    const { application_id: id } = await submit(acc.id, { plan: { months, first_due_date: firstDue, waive } });
    const res = await call('bankUser', 'POST', `/api/hardship/applications/${id}/approve`, {});
    expect(res.statusCode, res.body).toBe(200);
    return { accountId: acc.id, planId: res.json().plan_id as number };
  }
  const planStatus = async (id: number) => (await db.pool.query('SELECT status FROM instalment_plans WHERE id = $1', [id])).rows[0].status;

  it('one arrangement at a time: a settlement offered before is withdrawn when a plan is approved; on the plan no promise, no settlement, no collection call', async () => {
    const acc = await account(1_200_000);
    const offered = await call('collector', 'POST', `/api/accounts/${acc.id}/settlements`, { interest_fen: 100, due_date: '2026-03-20' });
    expect(offered.statusCode, offered.body).toBe(201);
    const { application_id: id } = await submit(acc.id, { plan: { months: 3, first_due_date: '2026-04-10', waive: [] } });
    // While the bank reviews the application, collection is held: no settlement is offered meanwhile.
    const during = await call('collector', 'POST', `/api/accounts/${acc.id}/settlements`, { interest_fen: 100, due_date: '2026-03-20' });
    expect(during.statusCode).toBe(409);
    expect(during.json().error.message).toMatch(/on hold .*no settlement can be taken until the hold is lifted/);
    expect((await call('bankUser', 'POST', `/api/hardship/applications/${id}/approve`, {})).statusCode).toBe(200);
    expect((await db.pool.query('SELECT status FROM waivers WHERE id = $1', [offered.json().id])).rows[0].status).toBe('cancelled');
    expect((await db.pool.query(`SELECT kind FROM notifications WHERE waiver_id = $1`, [offered.json().id])).rows.map((r) => r.kind)).toContain('settlement_cancelled');
    const promise = await call('collector', 'POST', `/api/accounts/${acc.id}/promises`, { amount_fen: 10_000, due_date: '2026-03-09' });
    expect(promise.statusCode).toBe(409);
    expect(promise.json().error.message).toContain('is on an instalment plan the creditor approved');
    const settlement = await call('collector', 'POST', `/api/accounts/${acc.id}/settlements`, { interest_fen: 100, due_date: '2026-03-20' });
    expect(settlement.statusCode).toBe(409);
    expect(settlement.json().error.message).toContain('no settlement beside it');
    const check = (await call('collector', 'GET', `/api/accounts/${acc.id}/contact-check?channel=call`)).json();
    expect(check.reasons.map((r: { rule: string }) => r.rule)).toContain('CN.in_plan');
  });

  it('a plan may not run past 60 months from today, counted from today and not from its first instalment', async () => {
    const acc = await account(1_200_000);
    const late = await call('collector', 'POST', `/api/accounts/${acc.id}/hardship/quote`, { months: 60, first_due_date: '2026-05-01' });
    expect(late.statusCode).toBe(400);
    expect(late.json().error).toMatchObject({ field: 'first_due_date' });
    expect(late.json().error.message).toContain('more than 60 months from today (2026-03-02, so by 2031-03-02): with 60 instalments the first may be due by 2026-04-02 at the latest');
    expect((await call('collector', 'POST', `/api/accounts/${acc.id}/hardship/quote`, { months: 60, first_due_date: '2026-04-02' })).statusCode).toBe(200);
  });

  it('a first instalment more than 6 months away (a mistyped year) is refused, naming the latest day', async () => {
    const acc = await account(1_200_000);
    const typo = await call('collector', 'POST', `/api/accounts/${acc.id}/hardship/quote`, { months: 12, first_due_date: '2036-04-01' });
    expect(typo.statusCode).toBe(400);
    expect(typo.json().error).toMatchObject({ field: 'first_due_date' });
    expect(typo.json().error.message).toContain('The first due date 2036-04-01 is more than 6 months from today (2026-03-02): the first instalment may be due by 2026-09-02 at the latest');
    expect((await call('collector', 'POST', `/api/accounts/${acc.id}/hardship/quote`, { months: 12, first_due_date: '2026-09-03' })).statusCode).toBe(400);
    expect((await call('collector', 'POST', `/api/accounts/${acc.id}/hardship/quote`, { months: 12, first_due_date: '2026-09-02' })).statusCode).toBe(200);
  });

  it('a missed instalment past the grace days defaults the plan: account back to active, the creditor told', async () => {
    // 3 instalments of 4,000.00 + interest and fees carried: 1,201,500 / 3 = 400,500.
    const { accountId, planId } = await planOn(1_200_000, 3, '2026-04-10');
    await pay(accountId, 400_500, '2026-04-09');
    await pay(accountId, 100_000, '2026-03-01'); // before the plan started: not for it
    await evaluatePlans(ctx, '2026-05-15');
    expect(await planStatus(planId)).toBe('active'); // instalment 2 due 05-10, grace to 05-15
    const first = (await db.pool.query('SELECT paid_fen, paid_on FROM plan_instalments WHERE plan_id = $1 ORDER BY n', [planId])).rows;
    expect(first[0]).toEqual({ paid_fen: 400_500, paid_on: '2026-04-09' });
    expect(first[1]).toEqual({ paid_fen: 0, paid_on: null });
    const summary = await evaluatePlans(ctx, '2026-05-16');
    expect(summary.plans_defaulted).toBeGreaterThanOrEqual(1);
    expect(await planStatus(planId)).toBe('defaulted');
    expect(await accountStatus(accountId)).toBe('active');
    const inbox = (await call('bankUser', 'GET', '/api/hardship/inbox')).json();
    expect(inbox.notifications.find((n: { plan_id: number }) => n.plan_id === planId)).toMatchObject({ kind: 'plan_defaulted', audience: 'creditor' });
    expect((await call('otherBankUser', 'GET', '/api/hardship/inbox')).json().notifications).toEqual([]);
    // The bank's users share it in their notices (通知); another bank's do not see it.
    expect((await call('bankUser', 'GET', '/api/notifications?state=unread')).json().items
      .find((n: { plan_id: number }) => n.plan_id === planId)).toMatchObject({ kind: 'plan_defaulted', audience: 'creditor', read_at: null });
    expect((await call('otherBankUser', 'GET', '/api/notifications')).json()).toEqual({ unread: 0, items: [] });
    // Running again changes nothing.
    expect((await evaluatePlans(ctx, '2026-05-16')).plans_checked).toBe(0);
  });

  it('paying every instalment completes the plan (settled, as interest and fees were waived)', async () => {
    const { accountId, planId } = await planOn(900_000, 3, '2026-03-31', ['interest', 'fees']);
    await pay(accountId, 300_000, '2026-03-31');
    await pay(accountId, 600_000, '2026-04-20');
    const summary = await evaluatePlans(ctx, '2026-04-21');
    expect(summary.plans_completed).toBeGreaterThanOrEqual(1);
    expect(await planStatus(planId)).toBe('completed');
    expect(await accountStatus(accountId)).toBe('settled');
    const panel = (await call('collector', 'GET', `/api/accounts/${accountId}/hardship`)).json();
    expect(panel.timeline.at(-1)).toMatchObject({ kind: 'plan_completed', note: `Plan ${planId} completed on 2026-04-20: every instalment paid`,
      note_zh: `分期计划 ${planId} 已于 2026-04-20 全部还清` });
    expect(panel.plans[0].instalments.every((i: { paid_fen: number; amount_fen: number }) => i.paid_fen === i.amount_fen)).toBe(true);
  });

  it('a payment that pays a plan off completes it at once, not at night: the account is settled, no reminder is left to send', async () => {
    const { accountId, planId } = await planOn(900_000, 3, '2026-03-31', ['interest', 'fees']);
    const first = await recordPayment(ctx, CLI_ACTOR, { accountId, amountFen: 300_000, paidOn: '2026-03-02' });
    expect(await planStatus(planId)).toBe('active'); // one instalment of three
    // Paid under a plan that waives interest and fees: it goes to the principal, not to what the bank gave up.
    expect((await db.pool.query('SELECT to_principal_fen, to_interest_fen, to_fees_fen FROM payments WHERE id = $1', [first.id])).rows[0])
      .toEqual({ to_principal_fen: 300_000, to_interest_fen: 0, to_fees_fen: 0 });
    const last = await recordPayment(ctx, CLI_ACTOR, { accountId, amountFen: 600_000, paidOn: '2026-03-02' });
    expect(await planStatus(planId)).toBe('completed');
    expect(await accountStatus(accountId)).toBe('settled');
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'hardship.plan_complete' AND entity_id = $1`, [String(planId)])).rows[0].n).toBe(1);
    expect((await evaluatePlans(ctx, '2026-03-02')).plans_completed).toBe(0); // nothing left for the night
    // The money that paid it off bounces: the plan is not paid off after all. It runs again, the account is on it, bank and collector told.
    await reversePayment(ctx, CLI_ACTOR, { paymentId: last.id, reason: 'bounced' });
    expect(await planStatus(planId)).toBe('active');
    expect(await accountStatus(accountId)).toBe('in_plan');
    const told = await db.pool.query(`SELECT audience FROM notifications WHERE plan_id = $1 AND kind = 'plan_reopened' ORDER BY audience`, [planId]);
    expect(told.rows.map((r) => r.audience)).toEqual(['collector', 'creditor']);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'hardship.plan_reopened' AND entity_id = $1`, [String(planId)])).rows[0].n).toBe(1);
    // Its instalments are matched again at once: the first paid, the other two due (not "every instalment paid" until the night).
    expect((await db.pool.query('SELECT paid_fen FROM plan_instalments WHERE plan_id = $1 ORDER BY n', [planId])).rows.map((r) => Number(r.paid_fen)))
      .toEqual([300_000, 0, 0]);
    // Paid again: completed again.
    await recordPayment(ctx, CLI_ACTOR, { accountId, amountFen: 600_000, paidOn: '2026-03-02' });
    expect(await planStatus(planId)).toBe('completed');
    expect(await accountStatus(accountId)).toBe('settled');
  });
});

describe('hardship programme', () => {
  it("pre-fills the reason and evidence note for the debtors a region suspension covers", async () => {
    const acc = await account(); // region 420102 (Wuhan)
    const { suspension } = await createSuspension(ctx, { userId: null, username: 'cli', role: 'admin', teamId: null, creditorId: null },
      { scope: 'region', code: '420000', from: '2026-03-01', to: null, reason: '湖北疫情' });
    const opened = await call('collector', 'POST', '/api/hardship/programmes', { suspension_id: suspension.id, evidence_note: '湖北省疫情防控指挥部通告第1号' });
    expect(opened.statusCode).toBe(403);
    const programme = await openProgramme(ctx, { userId: null, username: 'cli', role: 'admin', teamId: null, creditorId: null },
      { suspensionId: suspension.id, evidenceNote: '湖北省疫情防控指挥部通告第1号' });
    expect(programme.reason).toBe('disaster');
    const panel = (await call('collector', 'GET', `/api/accounts/${acc.id}/hardship`)).json();
    expect(panel.programmes.map((p: { id: number }) => p.id)).toEqual([programme.id]);
    const res = await submit(acc.id, { reason: 'disaster', programme_id: programme.id, evidence_note: programme.evidence_note, evidence: [] });
    const row = (await db.pool.query('SELECT programme_id, evidence_note FROM hardship_applications WHERE id = $1', [res.application_id])).rows[0];
    expect(row).toEqual({ programme_id: programme.id, evidence_note: '湖北省疫情防控指挥部通告第1号' });
  });

  it('is opened, listed and closed from the command line and the API; a closed one pre-fills nothing new', async () => {
    const acc = await account();
    const { suspension } = await createSuspension(ctx, { userId: null, username: 'cli', role: 'admin', teamId: null, creditorId: null },
      { scope: 'creditor', code: 'HSBANK', from: '2026-03-01', to: '2026-03-31', reason: '暴雨' });
    const env = { DATABASE_URL: db.url, LEEWAY_DATA_DIR: await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-programmes-')) };
    const opened = await runCli(['hardship', 'programmes', 'open', '--suspension', String(suspension.id), '--evidence-note', '市应急管理局通告', '--json'], { env });
    expect(opened.code, opened.stderr).toBe(0);
    const programme = JSON.parse(opened.stdout);
    expect(programme).toMatchObject({ suspension_id: suspension.id, name: '暴雨', reason: 'disaster', closed_at: null });
    const again = await runCli(['hardship', 'programmes', 'open', '--suspension', String(suspension.id), '--evidence-note', 'x'], { env });
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('already has an open hardship programme');
    const listed = await runCli(['hardship', 'programmes', 'list'], { env });
    expect(listed.stdout).toContain(`programme ${programme.id}  open  暴雨`);

    expect((await call('collector', 'POST', `/api/hardship/programmes/${programme.id}/close`, {})).statusCode).toBe(403);
    const closed = await call('admin', 'POST', `/api/hardship/programmes/${programme.id}/close`, {});
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().closed_at).not.toBeNull();
    expect((await call('admin', 'POST', `/api/hardship/programmes/${programme.id}/close`, {})).statusCode).toBe(409);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'hardship.programme_close' AND entity_id = $1`, [String(programme.id)])).rows[0].n).toBe(1);
    const cli = await runCli(['hardship', 'programmes', 'close', String(programme.id)], { env });
    expect(cli.stderr).toContain('already closed');

    expect((await call('collector', 'GET', `/api/accounts/${acc.id}/hardship`)).json().programmes.map((p: { id: number }) => p.id)).not.toContain(programme.id);
    const late = await call('collector', 'POST', `/api/accounts/${acc.id}/hardship`,
      application({ reason: 'disaster', programme_id: programme.id, evidence_note: '市应急管理局通告', evidence: [] }));
    expect(late.statusCode).toBe(400);
    expect(late.json().error.field).toBe('programme_id');
    expect((await runCli(['hardship', 'programmes', 'list', '--all', '--json'], { env })).stdout).toContain(`"closed_at"`);
    expect((await runCli(['hardship', 'programmes', 'list', '--all'], { env })).stdout).toContain(`programme ${programme.id}  closed`);
  });
});

describe('the nightly job', () => {
  it('runs the hardship evaluation with the strategy run: an overdue application expires', async () => {
    const acc = await account();
    const { application_id: id } = await submit(acc.id);
    const { createJobs, STRATEGY_QUEUE } = await import('../src/jobs/index.ts');
    const logged: object[] = [];
    // The night of 2026-03-17, its decision day past (a night to come is not run early).
    const night = { ...ctx, now: () => new Date('2026-03-17T02:00:00Z') };
    const jobs = await createJobs(night, { info: (d) => logged.push(d), error: (d) => logged.push(d) }, { pollingIntervalSeconds: 0.5 });
    try {
      await jobs.boss.send(STRATEGY_QUEUE, { date: '2026-03-17' });
      const deadline = Date.now() + 30_000;
      let status = 'submitted';
      while (Date.now() < deadline && status !== 'expired') {
        await new Promise((r) => setTimeout(r, 250));
        status = (await db.pool.query('SELECT status FROM hardship_applications WHERE id = $1', [id])).rows[0].status;
      }
      expect(status).toBe('expired');
      expect(await openHolds(acc.id)).toEqual([]);
      const audit = await db.pool.query(`SELECT actor FROM audit_log WHERE action = 'hardship.expire' AND entity_id = $1`, [String(id)]);
      expect(audit.rows).toEqual([{ actor: 'system' }]);
    } finally {
      await jobs.stop();
    }
  }, 45_000);
});
