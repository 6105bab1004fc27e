import type { FastifyInstance } from 'fastify';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, AppContext } from '../src/app/context.ts';
import { nextAccount } from '../src/app/workstation/next-account.ts';
import { MIGRATIONS_DIR } from '../src/db/migrate.ts';
import { listOpenHandoffs } from '../src/db/workstation-repository.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

/** The collector workstation on a real database, through the HTTP API. */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let now = new Date('2026-03-02T02:00:00Z'); // 10:00 in Shanghai
let bank: { id: number; code: string };
let team: { id: number };
let collector: Awaited<ReturnType<typeof newUser>>;
let cookie: string;
let supervisorCookie: string;
let big: { id: number };
let small: { id: number };
let held: { id: number };
let debtorPhone: string;

const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: Record<string, unknown>, c = cookie) =>
  app.inject({ method, url, headers: { cookie: c }, ...(payload ? { payload } : {}) });
const next = (release?: number, c = cookie) => api('POST', '/api/queue/next', release ? { release } : {}, c);
const page = async (id: number) => (await api('GET', `/api/accounts/${id}/page`)).json();
const actorOf = (u: { id: number; username: string; teamId: number | null }): Actor =>
  ({ userId: u.id, username: u.username, role: 'collector', teamId: u.teamId, creditorId: null });

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool, () => now);
  app = await buildServer(ctx);
  bank = await newCreditor(db.pool, 'HUAYU');
  await db.pool.query(`INSERT INTO contracts (creditor_id, version, name, pack, effective_from, terms)
    VALUES ($1, 1, '华裕银行', 'CN', '2026-01-01', '{"promise_max_days": 14}')`, [bank.id]);
  team = await newTeam(db.pool, '华中组');
  collector = await newUser(db.pool, 'collector', { teamId: team.id });
  const supervisor = await newUser(db.pool, 'supervisor', { teamId: team.id });
  const spec = async (principalFen: number) => {
    const debtor = await newDebtor(ctx, { regionCode: '420102' });
    return { creditorId: bank.id, debtorId: debtor.id, collectorId: collector.id, teamId: team.id, principalFen, debtor };
  };
  // Created smaller first, so the order by balance is not the order of ids.
  small = await newAccount(db.pool, await spec(100_000));
  const bigSpec = await spec(5_000_000);
  debtorPhone = bigSpec.debtor.phone;
  big = await newAccount(db.pool, bigSpec);
  const heldSpec = await spec(9_000_000);
  held = await newAccount(db.pool, heldSpec);
  await db.pool.query(`INSERT INTO holds (debtor_id, creditor_id, account_id, kind, reason, starts_on) VALUES ($1, $2, $3, 'dispute', '书面异议', '2026-03-01')`,
    [heldSpec.debtorId, bank.id, held.id]);
  cookie = await signInCookie(app, collector.username);
  supervisorCookie = await signInCookie(app, supervisor.username);
});
afterAll(async () => { await app?.close(); await db?.drop(); });

describe('next account', () => {
  it('gives the highest-priority account the rules allow now (a held one is skipped), claimed', async () => {
    const res = await next();
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ account_id: big.id, callback_due: false });
    expect(res.json().decision.allowed).toBe(true);
    // Still claimed: asking again without releasing gives the next one, never the same.
    expect((await next()).json().account_id).toBe(small.id);
    expect((await next()).json()).toEqual({ account_id: null, reason: 'nothing_allowed_now', next_allowed_at: null });
    await db.pool.query('UPDATE work_claims SET claimed_by = NULL, expires_at = NULL');
  });

  it("follows the strategy run's priority when it scored the accounts", async () => {
    await db.pool.query(`INSERT INTO account_strategy (creditor_id, business_date, account_id, dpd, bucket, segment, priority, next_action, rule_version)
      VALUES ($1, '2026-03-02', $2, 45, 'M2', 'test', 90, 'call', 0), ($1, '2026-03-02', $3, 45, 'M2', 'test', 10, 'call', 0)`, [bank.id, small.id, big.id]);
    expect((await next()).json().account_id).toBe(small.id);
    await db.pool.query('DELETE FROM account_strategy');
    await db.pool.query('UPDATE work_claims SET claimed_by = NULL, expires_at = NULL');
    expect((await next()).json().account_id).toBe(big.id);
    await db.pool.query('UPDATE work_claims SET claimed_by = NULL, expires_at = NULL');
  });

  it('never gives one account to two requests at once (the claim is one conditional update)', async () => {
    const other = await newUser(db.pool, 'collector', { teamId: team.id });
    const results = await Promise.all([...Array(6)].map((_, i) => nextAccount(ctx, actorOf(i % 2 ? other : collector))));
    const given = results.map((r) => r.account_id).filter((id): id is number => id !== null);
    expect(given.sort()).toEqual([big.id, small.id].sort());
    // Reassigned while claimed: the new owner does not get it until the claim is released.
    const claimed = await db.pool.query('SELECT account_id FROM work_claims WHERE claimed_by = $1', [collector.id]);
    await db.pool.query('UPDATE assignments SET collector_id = $1 WHERE account_id = ANY($2)', [other.id, claimed.rows.map((r) => r.account_id)]);
    const stolen = await Promise.all([nextAccount(ctx, actorOf(other)), nextAccount(ctx, actorOf(other))]);
    expect(stolen.map((r) => r.account_id)).toEqual([null, null]);
    await db.pool.query('UPDATE assignments SET collector_id = $1', [collector.id]);
    await db.pool.query('UPDATE work_claims SET claimed_by = NULL, expires_at = NULL');
  });
});

describe('the account page and logging a contact', () => {
  it('shows every section with the debtor masked', async () => {
    const res = await api('GET', `/api/accounts/${big.id}/page`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).not.toContain(debtorPhone);
    const p = res.json();
    expect(p.account).toMatchObject({ id: big.id, creditor_code: 'HUAYU', balance_fen: 5_001_500, bucket: 'M2', version: 1, status: 'active',
      placement_batch_ref: 'P1', promise_latest_date: '2026-03-16', lost_contact: false });
    expect(p.contact_points[0]).toMatchObject({ kind: 'phone', owner: 'debtor', source: 'placement', verified: 'unverified' });
    expect(p.assignments).toHaveLength(1);
    expect(p.call_now.allowed).toBe(true);
    expect(p.debtor_local_time).toBe('2026-03-02 10:00');
    expect(p.outcome_codes.find((o: { code: string }) => o.code === 'promise')).toMatchObject({ zh: '承诺还款', follow_up: 'promise' });
    // What to say first: the debtor confirmed, then who calls (this collector's id), for which bank, about which account; recorded.
    const last4 = String(p.account.account_no_mask).slice(-4);
    expect(p.call_disclosure.zh).toMatch(new RegExp(`^先请${p.debtor.name}本人接听并核实身份，不得向其他任何人透露债务信息。然后说：“您好，我是.+的催收员，工号${collector.username}，`
      + `受HUAYU 银行委托，就您尾号${last4}的账户逾期还款一事与您联系。本次通话将被录音。”`));
    expect(p.call_disclosure.en).toContain(`collector no. ${collector.username}, calling for HUAYU 银行 about your overdue account ending ${last4}. This call is recorded.`);
  });

  it('logs an outcome code with the reason for delinquency, and reports a stale version instead of overwriting', async () => {
    const point = (await page(big.id)).contact_points[0].id;
    const logged = await api('POST', `/api/accounts/${big.id}/contacts`, { channel: 'call', contact_point_id: point, outcome: 'hardship',
      delinquency_reason: 'unemployment', note: '快递公司裁员', expected_version: 1 });
    expect(logged.statusCode, logged.body).toBe(201);
    expect(logged.json().version).toBe(2);
    const stale = await api('POST', `/api/accounts/${big.id}/contacts`, { channel: 'call', contact_point_id: point, outcome: 'no_answer', expected_version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', details: { current_version: 2, expected_version: 1 } });
    const unknown = await api('POST', `/api/accounts/${big.id}/contacts`, { channel: 'call', contact_point_id: point, outcome: 'maybe' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.field).toBe('outcome');
    const log = (await page(big.id)).contacts;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ outcome: 'hardship', delinquency_reason: 'unemployment', note: '快递公司裁员' });
  });

  it('a call, text or e-mail the agency makes says which number or address it went to; a call the debtor made needs none', async () => {
    const before = (await page(big.id)).contacts.length;
    for (const attempt of [{ channel: 'call', outcome: 'no_answer' }, { channel: 'sms', outcome: 'sms_sent' }]) {
      const unnamed = await api('POST', `/api/accounts/${big.id}/contacts`, attempt);
      expect(unnamed.statusCode, attempt.channel).toBe(400);
      expect(unnamed.json().error).toMatchObject({ code: 'INVALID_INPUT', field: 'contact_point_id' });
    }
    expect((await page(big.id)).contacts).toHaveLength(before);
    // A call goes to a phone: "wrong number" against the debtor's address would mark the address invalid and the debtor lost.
    const added = await api('POST', `/api/accounts/${small.id}/contact-points`, { kind: 'address', value: '湖北省武汉市江岸区解放大道1号', source: 'debtor', reliability: 'high' });
    expect(added.statusCode, added.body).toBe(201);
    const address = added.json().contact_point_id as number;
    const wrongKind = await api('POST', `/api/accounts/${small.id}/contacts`, { channel: 'call', contact_point_id: address, outcome: 'wrong_number' });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().error).toMatchObject({ field: 'contact_point_id', message: expect.stringContaining('A call goes to a phone number') });
    expect((await page(small.id)).contact_points.find((c: { id: number }) => c.id === address).verified).not.toBe('invalid');
    const inbound = await api('POST', `/api/accounts/${big.id}/contacts`, { channel: 'call', outcome: 'right_party', initiated_by: 'debtor', note: '债务人来电询问余额' });
    expect(inbound.statusCode, inbound.body).toBe(201);
    expect((await page(big.id)).contacts).toHaveLength(before + 1);
  });

  it('explains a refused call (a hold) with 409 CONTACT_NOT_ALLOWED', async () => {
    const point = (await page(held.id)).contact_points[0].id;
    const res = await api('POST', `/api/accounts/${held.id}/contacts`, { channel: 'call', contact_point_id: point, outcome: 'no_answer' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details.decision.reasons[0].message_zh).toBeTruthy();
  });
});

describe('promises and callbacks', () => {
  it("takes one promise within the contract's limit; the account becomes promised", async () => {
    const { version } = (await page(small.id)).account;
    const past = await api('POST', `/api/accounts/${small.id}/promises`, { amount_fen: 50_000, due_date: '2026-03-01' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.field).toBe('due_date');
    const far = await api('POST', `/api/accounts/${small.id}/promises`, { amount_fen: 50_000, due_date: '2026-03-17' });
    expect(far.json().error.details.problems[0].code).toBe('date_beyond_limit');
    const ok = await api('POST', `/api/accounts/${small.id}/promises`, { amount_fen: 50_000, due_date: '2026-03-16', expected_version: version });
    expect(ok.statusCode, ok.body).toBe(201);
    const second = await api('POST', `/api/accounts/${small.id}/promises`, { amount_fen: 10_000, due_date: '2026-03-10' });
    expect(second.statusCode).toBe(409);
    const p = await page(small.id);
    expect(p.account.status).toBe('promised');
    expect(p.promises[0]).toMatchObject({ amount_fen: 50_000, due_date: '2026-03-16', status: 'open' });
  });

  it('schedules callbacks in the debtor zone inside calling hours only, and puts them first when due', async () => {
    const late = await api('POST', `/api/accounts/${small.id}/callbacks`, { local_time: '2026-03-02T21:30' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.details.decision.reasons[0].rule).toBe('CN.hours');
    // Said from today's point of view: a callback at 07:30 tomorrow may be made at 08:00 tomorrow (not "today", its own day).
    const early = await api('POST', `/api/accounts/${small.id}/callbacks`, { local_time: '2026-03-03T07:30' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message_zh).toContain('下次可联系时间：明天08:00');
    const ok = await api('POST', `/api/accounts/${small.id}/callbacks`, { local_time: '2026-03-02T19:30', note: '下班后再打' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().due_at).toBe('2026-03-02T11:30:00.000Z');
    expect(ok.json().would_refuse).toEqual([]);
    // Booked on an account a hold stops: taken (the hold may end by then), but said, with why the call would be refused then.
    const heldBack = await api('POST', `/api/accounts/${held.id}/callbacks`, { local_time: '2026-03-02T19:00' });
    expect(heldBack.statusCode, heldBack.body).toBe(201);
    expect(heldBack.json().would_refuse).toEqual([expect.objectContaining({ rule: 'CN.holds', message_zh: expect.stringContaining('停催中') })]);
    now = new Date('2026-03-02T11:31:00Z');
    expect((await next()).json()).toMatchObject({ account_id: small.id, callback_due: true });

    // 取消回拨: the debtor asked not to be called back after all; with the reason, once.
    const callbackId = ok.json().callback_id as number;
    expect((await api('POST', `/api/callbacks/${callbackId}/cancel`, { reason: ' ' })).statusCode).toBe(400);
    const cancelled = await api('POST', `/api/callbacks/${callbackId}/cancel`, { reason: '客户来电说已经还款，不用再回拨' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect((await page(small.id)).callbacks.find((c: { id: number }) => c.id === callbackId)).toMatchObject({ status: 'cancelled' });
    const audit = (await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'callback.cancel' AND entity_id = $1`, [String(callbackId)])).rows;
    expect(audit).toEqual([{ detail: { account_id: small.id, reason: '客户来电说已经还款，不用再回拨' } }]);
    const again = await api('POST', `/api/callbacks/${callbackId}/cancel`, { reason: 'again' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe(`Callback ${callbackId} is cancelled, no longer open`);
    expect((await api('POST', '/api/callbacks/999999999/cancel', { reason: 'x' })).statusCode).toBe(404);
  });
});

describe('contact points and lost contact', () => {
  it('marks the only phone invalid (失联), and a new skip-traced phone brings the account back', async () => {
    const p = await page(big.id);
    const marked = await api('POST', `/api/contact-points/${p.contact_points[0].id}/mark`, { account_id: big.id, state: 'invalid', reason: '空号' });
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json()).toMatchObject({ lost_contact: true, moved_accounts: [big.id] });
    const lost = await page(big.id);
    expect(lost.account).toMatchObject({ status: 'lost_contact', next_action: 'skip_trace' });
    // No number to call: the page does not say the debtor may be called now.
    expect(lost.call_now).toMatchObject({ allowed: false, reasons: [{ rule: 'no_usable_contact_point', message_zh: '没有可拨打的本人电话：请先失联修复，或添加债务人提供的号码' }] });
    const relative = await api('POST', `/api/accounts/${big.id}/contact-points`, { kind: 'phone', value: '139 0013 9001', owner: 'third_party',
      third_party_name: '李四', relation: '配偶', source: 'skip_trace:vendorA', reliability: 'medium' });
    expect(relative.json().lost_contact).toBe(true);
    const own = await api('POST', `/api/accounts/${big.id}/contact-points`, { kind: 'phone', value: '13900139002', source: 'skip_trace:vendorA', reliability: 'high' });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().lost_contact).toBe(false);
    const after = await page(big.id);
    expect(after.account.status).toBe('active');
    expect(after.call_now.allowed).toBe(true);
    expect(after.contact_points.find((c: { id: number }) => c.id === own.json().contact_point_id))
      .toMatchObject({ value_mask: '139****9002', provenance: { source: 'skip_trace:vendorA', reliability: 'high' } });
  });

  it('a number the person asked not to be called at is not called (a work phone); asked again, it is', async () => {
    const p = await page(small.id);
    const phone = p.contact_points.find((c: { kind: string; verified: string }) => c.kind === 'phone' && c.verified !== 'invalid');
    const check = async () => (await api('GET', `/api/accounts/${small.id}/contact-check?channel=call&contact_point_id=${phone.id}`)).json();
    const mark = (noCalls: boolean, version: number) => api('POST', `/api/contact-points/${phone.id}/no-calls`,
      { account_id: small.id, no_calls: noCalls, note: noCalls ? '债务人要求不要打单位电话' : '债务人同意恢复', expected_version: version });
    const marked = await mark(true, p.account.version);
    expect(marked.statusCode, marked.body).toBe(200);
    const refused = await check();
    expect(refused.allowed).toBe(false);
    expect(refused.reasons.map((r: { message: string }) => r.message)).toContain('This contact point is opted out.');
    expect((await page(small.id)).contact_points.find((c: { id: number }) => c.id === phone.id).opted_out).toEqual(['call']);
    // Texts to it are another matter (the person's own STOP).
    expect((await api('GET', `/api/accounts/${small.id}/contact-check?channel=sms&contact_point_id=${phone.id}`)).json().reasons
      .map((r: { message: string }) => r.message)).not.toContain('This contact point is opted out.');
    expect((await mark(false, (await page(small.id)).account.version)).statusCode).toBe(200);
    expect((await check()).reasons.map((r: { message: string }) => r.message)).not.toContain('This contact point is opted out.');
    expect((await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'contact_point.no_calls' ORDER BY id`)).rows.map((r) => r.detail.no_calls))
      .toEqual([true, false]);
    // Only a number can be not called.
    const email = await api('POST', `/api/accounts/${small.id}/contact-points`, { kind: 'email', value: 'xiao@example.com', source: 'debtor', reliability: 'high' });
    expect(email.statusCode, email.body).toBe(201);
    const notPhone = await api('POST', `/api/contact-points/${email.json().contact_point_id}/no-calls`, { account_id: small.id, no_calls: true, note: 'not a phone' });
    expect(notPhone.statusCode).toBe(400);
    expect(notPhone.json().error.field).toBe('contact_point_id');
  });

  it("a number on file as another person's is added as this debtor's own only once the collector says they checked it", async () => {
    // 139 0013 9001 is the big account's debtor's spouse's (the test above).
    const add = (extra: Record<string, unknown> = {}) => api('POST', `/api/accounts/${small.id}/contact-points`,
      { kind: 'phone', value: '13900139001', source: 'skip_trace:vendorB', reliability: 'low', ...extra });
    const refused = await add();
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ field: 'value', details: { shared: true } });
    expect(refused.json().error.message).toMatch(/on file as another person's.*only after checking it is theirs/);
    expect((await page(small.id)).contact_points.map((c: { value_mask: string }) => c.value_mask)).not.toContain('139****9001');
    // As the debtor's own, with the collector's word that they checked it.
    const checked = await add({ confirmed_shared: true });
    expect(checked.statusCode, checked.body).toBe(201);
    const audit = (await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'contact_point.add' AND entity_id = $1`, [String(checked.json().contact_point_id)])).rows;
    expect(audit[0].detail).toMatchObject({ owner: 'debtor', also_another_persons: true });
    // On both debtors' pages the number says it is shared (whoever answers, or reads a text, may be the other one); their own numbers do not.
    type Point = { value_mask: string; shared: boolean };
    const flagged = async (id: number) => (await page(id)).contact_points.filter((c: Point) => c.shared).map((c: Point) => c.value_mask);
    expect(await flagged(small.id)).toEqual(['139****9001']);
    expect(await flagged(big.id)).toEqual(['139****9001']);
    expect(await flagged(held.id)).toEqual([]);
  });

  it('a wrong-number outcome marks the point invalid', async () => {
    const point = (await page(big.id)).contact_points.find((c: { value_mask: string }) => c.value_mask === '139****9002').id;
    const res = await api('POST', `/api/accounts/${big.id}/contacts`, { channel: 'call', contact_point_id: point, outcome: 'wrong_number' });
    expect(res.statusCode, res.body).toBe(201);
    expect((await page(big.id)).account.status).toBe('lost_contact');
  });
});

describe('a debtor reported deceased', () => {
  it('stops collection the moment it is logged: a deceased hold on the debtor, no promise or text meanwhile; reported again, no second hold', async () => {
    const debtor = await newDebtor(ctx, { regionCode: '420102' });
    const account = await newAccount(db.pool, { creditorId: bank.id, debtorId: debtor.id, collectorId: collector.id, teamId: team.id, principalFen: 300_000 });
    const phone = (await page(account.id)).contact_points.find((c: { kind: string }) => c.kind === 'phone').id;
    const first = await api('POST', `/api/accounts/${account.id}/contacts`, { channel: 'call', contact_point_id: phone, outcome: 'deceased_reported', note: '家属说本人上月去世' });
    expect(first.statusCode, first.body).toBe(201);
    // The next call is refused (collection is on hold); the family calling in to say it again is logged, and adds no second hold.
    const again = await api('POST', `/api/accounts/${account.id}/contacts`, { channel: 'call', contact_point_id: phone, outcome: 'deceased_reported' });
    expect(again.statusCode).toBe(409);
    const called = await api('POST', `/api/accounts/${account.id}/contacts`, { channel: 'call', initiated_by: 'debtor', outcome: 'deceased_reported' });
    expect(called.statusCode, called.body).toBe(201);
    const holds = (await page(account.id)).holds;
    expect(holds.map((h: { kind: string }) => h.kind)).toEqual(['deceased']);
    expect(holds[0].reason).toMatch(/^通话中告知本人已故，待核实（催记 \d+）：家属说本人上月去世$/);
    const promise = await api('POST', `/api/accounts/${account.id}/promises`, { amount_fen: 10_000, due_date: '2026-03-05' });
    expect(promise.statusCode).toBe(409);
    const sms = await api('POST', `/api/accounts/${account.id}/sms`, { template: 'overdue_reminder', contact_point_id: phone });
    expect(sms.statusCode).toBe(409);
  });
});

describe('a debtor disputing the debt on a call', () => {
  it('stops collection on the account as it is logged; the dispute filed afterwards takes that hold as its own, and its release ends it', async () => {
    const debtor = await newDebtor(ctx, { regionCode: '420102' });
    const account = await newAccount(db.pool, { creditorId: bank.id, debtorId: debtor.id, collectorId: collector.id, teamId: team.id, principalFen: 300_000 });
    const other = await newAccount(db.pool, { creditorId: bank.id, debtorId: debtor.id, collectorId: collector.id, teamId: team.id, principalFen: 100_000 });
    const phone = (await page(account.id)).contact_points.find((c: { kind: string }) => c.kind === 'phone').id;
    const logged = await api('POST', `/api/accounts/${account.id}/contacts`, { channel: 'call', contact_point_id: phone, outcome: 'disputes', note: '说利息算错了' });
    expect(logged.statusCode, logged.body).toBe(201);
    // Before any dispute form: the account is held, so the next call, a promise and a text are refused; the debtor's other account is not.
    const holds = (await page(account.id)).holds;
    expect(holds.map((h: { kind: string }) => h.kind)).toEqual(['dispute']);
    expect(holds[0].reason).toBe(`沟通中提出异议，待登记异议（催记 ${logged.json().attempt_id}）：说利息算错了`);
    expect((await api('POST', `/api/accounts/${account.id}/contacts`, { channel: 'call', contact_point_id: phone, outcome: 'no_answer' })).statusCode).toBe(409);
    expect((await api('POST', `/api/accounts/${account.id}/promises`, { amount_fen: 10_000, due_date: '2026-03-05' })).statusCode).toBe(409);
    expect((await api('POST', `/api/accounts/${account.id}/sms`, { template: 'overdue_reminder', contact_point_id: phone })).statusCode).toBe(409);
    expect((await page(other.id)).holds).toEqual([]);
    // The debtor calling in to say it again is logged and adds no second hold.
    expect((await api('POST', `/api/accounts/${account.id}/contacts`, { channel: 'call', initiated_by: 'debtor', outcome: 'disputes' })).statusCode).toBe(201);
    expect((await page(account.id)).holds).toHaveLength(1);

    // The dispute filed: still one hold, now the dispute's, in the debtor's words.
    const filed = await api('POST', `/api/accounts/${account.id}/disputes`, { reason: 'wrong_amount', description: '称利息和违约金算错了' });
    expect(filed.statusCode, filed.body).toBe(201);
    const after = (await page(account.id)).holds;
    expect(after.map((h: { id: number; reason: string }) => [h.id, h.reason])).toEqual([[holds[0].id, '称利息和违约金算错了']]);
    expect(filed.json().hold_id).toBe(holds[0].id);
    const { rows: audit } = await db.pool.query(`SELECT action, detail FROM audit_log WHERE (action = 'dispute.open' AND entity_id = $1) OR (action = 'hold.place' AND entity_id = $2) ORDER BY id`,
      [String(filed.json().id), String(holds[0].id)]);
    expect(audit.map((r: { action: string }) => r.action)).toEqual(['hold.place', 'dispute.open']);
    expect(audit[1].detail).toMatchObject({ hold_id: holds[0].id, hold_taken_over: true });
    // The hold is the case's: it cannot be released apart from it.
    const release = await api('POST', `/api/holds/${holds[0].id}/release`, { reason: '误操作' }, supervisorCookie);
    expect(release.statusCode).toBe(409);
  });
});

describe('collector wellbeing', () => {
  it('an abusive call hands the account to the supervisor queue and gives the collector a break', async () => {
    now = new Date('2026-03-02T07:00:00Z');
    await db.pool.query('UPDATE work_claims SET claimed_by = NULL, expires_at = NULL');
    await db.pool.query(`UPDATE accounts SET status = 'active' WHERE id = $1`, [big.id]);
    // The debtor's numbers on file are all invalid by now (the tests above): the call goes to the new one they gave.
    const phone = await api('POST', `/api/accounts/${big.id}/contact-points`, { kind: 'phone', value: '13900139003', source: 'debtor', reliability: 'high' });
    expect(phone.statusCode, phone.body).toBe(201);
    const logged = await api('POST', `/api/accounts/${big.id}/contacts`, { channel: 'call', contact_point_id: phone.json().contact_point_id, outcome: 'abusive', note: '辱骂' });
    expect(logged.statusCode, logged.body).toBe(201);
    const handoff = await api('POST', `/api/accounts/${big.id}/handoff`, { reason: '辱骂催收员', attempt_id: logged.json().attempt_id });
    expect(handoff.statusCode, handoff.body).toBe(201);
    expect((await next()).json()).toEqual({ account_id: null, reason: 'on_break', until: '2026-03-02T07:10:00.000Z' });
    const queue = (await api('GET', '/api/handoffs', undefined, supervisorCookie)).json().items;
    expect(queue).toHaveLength(1);
    // Why, as a code each reader's screen words in its language; what the collector wrote, as they wrote it.
    expect(queue[0]).toMatchObject({ account_id: big.id, reason_code: 'abusive', reason: '辱骂催收员' });
    expect((await page(big.id)).handoff).toMatchObject({ reason_code: 'abusive', reason: '辱骂催收员' });
    const workload = (await api('GET', '/api/workload', undefined, supervisorCookie)).json();
    expect(workload.items.find((w: { user_id: number }) => w.user_id === collector.id)).toMatchObject({ abusive: 1, promises: 1 });
    now = new Date('2026-03-02T07:11:00Z');
    const after = (await next()).json();
    expect(after.account_id).not.toBe(big.id);
  });

  it('a daily cap set by the supervisor stops the queue', async () => {
    const cap = await api('PUT', `/api/collectors/${collector.id}/cap`, { daily_attempts: 2 }, supervisorCookie);
    expect(cap.statusCode, cap.body).toBe(204);
    expect((await next()).json()).toMatchObject({ account_id: null, reason: 'daily_cap_reached', cap: 2 });
    await api('PUT', `/api/collectors/${collector.id}/cap`, { daily_attempts: null }, supervisorCookie);
  });

  it("a hand-off from the screen stores why as a code, not in the collector's screen language, for the supervisor to read in theirs", async () => {
    // The screen says nothing of its own: before, it sent its words ("Abusive call" on an English screen), which a supervisor read in Chinese.
    const handoff = await api('POST', `/api/accounts/${small.id}/handoff`, {});
    expect(handoff.statusCode, handoff.body).toBe(201);
    const queue = (await api('GET', '/api/handoffs', undefined, supervisorCookie)).json().items;
    expect(queue.find((h: { account_id: number }) => h.account_id === small.id)).toMatchObject({ reason_code: 'abusive', reason: null });
    expect((await page(small.id)).handoff).toMatchObject({ id: handoff.json().handoff_id, reason_code: 'abusive', reason: null });
    const audit = (await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'account.handoff' AND entity_id = $1`, [String(small.id)])).rows;
    expect(audit[0].detail).toMatchObject({ reason_code: 'abusive', reason: null, handoff_id: handoff.json().handoff_id });
  });

  it("migration 0073 gives the hand-offs made before it a reason code, and drops the screen's words that said no more", async () => {
    const sql = await fs.readFile(path.join(MIGRATIONS_DIR, '0073_handoff_reason_code.sql'), 'utf8');
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      // The table as it was before 0073: the reason in the words of the collector's screen, English or Chinese, or typed through the API.
      await client.query('ALTER TABLE handoffs DROP COLUMN reason_code');
      await client.query(`UPDATE handoffs SET reason = 'Abusive call' WHERE account_id = $1`, [small.id]);
      await client.query('ALTER TABLE handoffs ALTER COLUMN reason SET NOT NULL');
      await client.query(`INSERT INTO handoffs (creditor_id, account_id, from_user_id, team_id, reason) VALUES ($1, $2, $3, $4, '辱骂电话')`,
        [bank.id, held.id, collector.id, team.id]);
      await client.query(sql);
      const rows = await listOpenHandoffs(client, team.id);
      expect(Object.fromEntries(rows.map((h) => [h.account_id, [h.reason_code, h.reason]]))).toEqual({
        [big.id]: ['abusive', '辱骂催收员'], [small.id]: ['abusive', null], [held.id]: ['abusive', null],
      });
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
