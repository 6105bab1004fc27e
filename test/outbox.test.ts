import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { portalCodeSms } from '../src/domain/strategy/index.ts';
import { localAdapter, webhookAdapter } from '../src/channels/index.ts';
import type { AppContext } from '../src/app/context.ts';
import { CLI_ACTOR } from '../src/app/context.ts';
import { dispatchOutbox } from '../src/app/messages/dispatch-outbox.ts';
import { runStrategy } from '../src/app/strategy/run-strategy.ts';
import { insertOutbox } from '../src/db/outbox-repository.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext } from './support/fixtures.ts';
import { startGateway, type TestGateway } from './support/gateway.ts';
import { signInCookie } from './support/http.ts';
import { runCli } from './support/cli.ts';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Message dispatch on a real database with a real HTTP SMS gateway stand-in: a message goes
 * only when the compliance engine allows it at the moment of sending (a dispute raised after
 * it was queued stops it; quiet hours defer it to the next allowed time, or cancel it when that
 * is after it expires), at most once, with the contact attempt recorded so caps count it; what
 * the gateway answered is kept; the API lists, cancels, retries and sends now; the job queue
 * sends a queued message by itself.
 */
let db: TestDatabase;
let ctx: AppContext;
let clock = new Date('2026-03-02T02:00:00Z');   // Monday 10:00 in Shanghai
let app: FastifyInstance;
let adminCookie: string;
let supervisorCookie: string;
let collectorCookie: string;
let creditorId: number;
let team: { id: number };
let collector: { id: number; username: string };

// The SMS gateway: answers what the test says, and keeps what it was sent.
let gateway: TestGateway<{ id: number; channel: string; to: string; body: string }>;
let received: TestGateway<{ id: number; channel: string; to: string; body: string }>['received'];
let gatewayUrl: string;

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool, () => clock);
  app = await buildServer(ctx, { channel: localAdapter(), smsInboundToken: 'inbound-secret' });
  creditorId = (await newCreditor(db.pool, 'SMSBANK')).id;
  team = await newTeam(db.pool);
  collector = await newUser(db.pool, 'collector', { teamId: team.id });
  adminCookie = await signInCookie(app, (await newUser(db.pool, 'admin')).username);
  supervisorCookie = await signInCookie(app, (await newUser(db.pool, 'supervisor', { teamId: team.id })).username);
  collectorCookie = await signInCookie(app, collector.username);
  gateway = await startGateway('/sms', { status: 200, body: '{"id":"gw-1"}' });
  ({ received, url: gatewayUrl } = gateway);
});
afterAll(async () => {
  await app?.close();
  await gateway?.close();
  await db?.drop();
});
beforeEach(async () => {
  received.length = 0;
  gateway.answer = { status: 200, body: '{"id":"gw-1"}' };
  clock = new Date('2026-03-02T02:00:00Z');
  // Every case starts with an empty outbox (what the other cases left is not due again).
  await db.pool.query(`UPDATE outbox SET status = 'cancelled' WHERE status IN ('queued', 'failed')`);
});

/** A debtor with a phone, an account, and a collection SMS queued for them. */
async function queued(options: { expiresAt?: Date | null; sendAfter?: Date | null; queuedBy?: number; template?: string } = {}) {
  const debtor = await newDebtor(ctx);
  const account = await newAccount(db.pool, { creditorId, debtorId: debtor.id, collectorId: collector.id, teamId: team.id });
  const point = (await db.pool.query(`SELECT id, value_enc, value_mask FROM contact_points WHERE debtor_id = $1`, [debtor.id])).rows[0];
  const id = await insertOutbox(db.pool, {
    creditorId, accountId: account.id, contactPointId: point.id, channel: 'sms', purpose: 'collect', toEnc: point.value_enc, toMask: point.value_mask,
    body: '【SMSBANK】您的还款承诺明日到期', decision: { allowed: true, reasons: [], next_allowed_at: null },
    sendAfter: options.sendAfter ?? null, createdAt: clock, expiresAt: options.expiresAt === undefined ? new Date('2026-03-03T16:00:00Z') : options.expiresAt,
    queuedBy: options.queuedBy ?? null, template: options.template ?? null,
  });
  return { id, debtor, account, point };
}
const row = async (id: number) => (await db.pool.query('SELECT * FROM outbox WHERE id = $1', [id])).rows[0];
const attempts = async (accountId: number) =>
  (await db.pool.query(`SELECT channel, party, purpose, outcome, contact_point_id, collector_id, decision FROM contact_attempts WHERE account_id = $1`, [accountId])).rows;

describe('message dispatch', () => {
  it("a collector's templated message, once sent, is their contact in the log, named by its template (not the system's, not an outbox number)", async () => {
    const m = await queued({ queuedBy: collector.id, template: 'overdue_reminder' });
    expect((await dispatchOutbox(ctx, webhookAdapter(gatewayUrl, undefined))).sent).toBe(1);
    const logged = (await db.pool.query(`SELECT collector_id, note FROM contact_attempts WHERE account_id = $1`, [m.account.id])).rows;
    expect(logged).toEqual([{ collector_id: collector.id, note: '逾期提醒 / Overdue reminder' }]);
  });

  it('an allowed message goes through the gateway once, with its key and token, and the contact attempt is recorded', async () => {
    const m = await queued();
    const summary = await dispatchOutbox(ctx, webhookAdapter(gatewayUrl, 'secret-token'));
    expect(summary).toEqual({ sent: 1, failed: 0, deferred: 0, cancelled: 0, expired: 0 });
    expect(received).toHaveLength(1);
    expect(received[0]!.body).toEqual({ id: m.id, channel: 'sms', to: m.debtor.phone, body: '【SMSBANK】您的还款承诺明日到期' });
    expect(received[0]!.headers).toMatchObject({ authorization: 'Bearer secret-token', 'idempotency-key': `leeway-outbox-${m.id}` });
    expect(await row(m.id)).toMatchObject({ status: 'sent', adapter: 'webhook', provider_ref: 'gw-1', sent_at: clock, error: null });
    const [attempt] = await attempts(m.account.id);
    expect(attempt).toMatchObject({ channel: 'sms', party: 'debtor', purpose: 'collect', outcome: 'sms_sent', contact_point_id: m.point.id, collector_id: null });
    expect(attempt.decision.allowed).toBe(true);
    expect((await row(m.id)).contact_attempt_id).not.toBeNull();

    expect(await dispatchOutbox(ctx, webhookAdapter(gatewayUrl, undefined))).toEqual({ sent: 0, failed: 0, deferred: 0, cancelled: 0, expired: 0 });
    expect(received).toHaveLength(1);   // never twice
  });

  it('an account recalled after the message was queued: cancelled by the mandate rule, nothing sent', async () => {
    const m = await queued();
    await db.pool.query(`UPDATE accounts SET status = 'recalled', recalled_on = '2026-03-02' WHERE id = $1`, [m.account.id]);
    expect(await dispatchOutbox(ctx, webhookAdapter(gatewayUrl, undefined))).toMatchObject({ sent: 0, cancelled: 1 });
    expect(received).toHaveLength(0);
    expect((await row(m.id)).dispatch_decision.reasons.map((r: { rule: string }) => r.rule)).toEqual(['CN.mandate']);
    expect(await attempts(m.account.id)).toEqual([]);
  });

  it('a dispute raised after the message was queued stops it: cancelled with the engine\'s reasons, nothing sent, no attempt', async () => {
    const m = await queued();
    await db.pool.query(`INSERT INTO holds (debtor_id, kind, reason, starts_on) VALUES ($1, 'dispute', '债务人书面异议', '2026-03-02')`, [m.debtor.id]);
    expect(await dispatchOutbox(ctx, webhookAdapter(gatewayUrl, undefined))).toMatchObject({ sent: 0, cancelled: 1 });
    expect(received).toHaveLength(0);
    const stopped = await row(m.id);
    expect(stopped.status).toBe('cancelled');
    expect(stopped.dispatch_decision.allowed).toBe(false);
    expect(stopped.dispatch_decision.reasons.map((r: { rule: string }) => r.rule)).toContain('CN.holds');
    expect(await attempts(m.account.id)).toEqual([]);
  });

  it('outside the debtor\'s hours a message waits for the next allowed time; past its expiry it is cancelled; an expired one is not sent', async () => {
    clock = new Date('2026-03-02T13:30:00Z');   // 21:30 in Shanghai
    const waits = await queued();                                                  // expires 2026-03-04 00:00 local
    const late = await queued({ expiresAt: new Date('2026-03-02T15:00:00Z') });    // expires 23:00 local, before 08:00
    const stale = await queued({ expiresAt: new Date('2026-03-02T13:00:00Z') });
    expect(await dispatchOutbox(ctx, webhookAdapter(gatewayUrl, undefined))).toEqual({ sent: 0, failed: 0, deferred: 1, cancelled: 1, expired: 1 });
    expect(await row(waits.id)).toMatchObject({ status: 'queued', send_after: new Date('2026-03-03T00:00:00Z') });   // 08:00 local
    expect((await row(waits.id)).dispatch_decision.reasons.map((r: { rule: string }) => r.rule)).toEqual(['CN.hours']);
    expect(await row(late.id)).toMatchObject({ status: 'cancelled' });
    expect(await row(stale.id)).toMatchObject({ status: 'expired' });
    expect(received).toHaveLength(0);

    clock = new Date('2026-03-02T23:59:00Z');   // 07:59: not due yet
    expect((await dispatchOutbox(ctx, webhookAdapter(gatewayUrl, undefined))).sent).toBe(0);
    clock = new Date('2026-03-03T00:00:00Z');
    expect((await dispatchOutbox(ctx, webhookAdapter(gatewayUrl, undefined))).sent).toBe(1);
    expect(received.map((r) => r.body.id)).toEqual([waits.id]);
  });

  it('a gateway that refuses leaves the message failed with its answer and the attempt a network error; retry queues it again, cancel stops a queued one', async () => {
    const m = await queued();
    gateway.answer = { status: 503, body: 'upstream busy' };
    expect(await dispatchOutbox(ctx, webhookAdapter(gatewayUrl, undefined))).toMatchObject({ failed: 1 });
    expect(await row(m.id)).toMatchObject({ status: 'failed', error: 'SMS gateway answered HTTP 503: upstream busy' });
    // the attempt was recorded before the message went (caps counted it); it failed on the way
    expect(await attempts(m.account.id)).toEqual([expect.objectContaining({ channel: 'sms', outcome: 'network_error' })]);
    const unreachable = await queued();
    expect(await dispatchOutbox(ctx, webhookAdapter('http://127.0.0.1:9/nothing-listens', undefined))).toMatchObject({ failed: 1 });
    expect((await row(unreachable.id)).error).toMatch(/^SMS gateway unreachable: /);

    const retried = await app.inject({ method: 'POST', url: `/api/outbox/${m.id}/retry`, headers: { cookie: adminCookie }, payload: {} });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json().item).toMatchObject({ id: m.id, status: 'queued', error: null });
    const again = await app.inject({ method: 'POST', url: `/api/outbox/${m.id}/retry`, headers: { cookie: adminCookie }, payload: {} });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message_zh).toContain('只能重试发送失败的短信');
    const cancelled = await app.inject({ method: 'POST', url: `/api/outbox/${m.id}/cancel`, headers: { cookie: adminCookie }, payload: {} });
    expect(cancelled.json().item.status).toBe('cancelled');
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action IN ('outbox.retry', 'outbox.cancel') AND entity_id = $1`, [String(m.id)])).rows[0].n).toBe(2);
    // One failed past its validity is not sent again: a retry would only expire it, so it is refused saying so.
    await db.pool.query(`UPDATE outbox SET expires_at = '2026-03-01T00:00:00Z' WHERE id = $1`, [unreachable.id]);
    const expired = await app.inject({ method: 'POST', url: `/api/outbox/${unreachable.id}/retry`, headers: { cookie: adminCookie }, payload: {} });
    expect(expired.statusCode).toBe(409);
    expect(expired.json().error.message).toMatch(/^Message \d+ expired at 2026-03-01T00:00:00.000Z: it is not sent again/);
    expect((await row(unreachable.id)).status).toBe('failed');
  });

  it('the strategy\'s reminders wait for the rules\' send time and go at it', async () => {
    const debtor = await newDebtor(ctx);
    await newAccount(db.pool, { creditorId, debtorId: debtor.id, collectorId: collector.id, teamId: team.id, principalFen: 100_000, firstDelinquencyDate: '2026-02-20' });
    clock = new Date('2026-03-01T17:30:00Z');   // 01:30 on 2026-03-02 in Shanghai: the nightly run
    const run = await runStrategy(ctx, CLI_ACTOR);
    expect(run.summary.sms_queued).toBeGreaterThanOrEqual(1);
    const reminder = (await db.pool.query(
      `SELECT o.* FROM outbox o JOIN accounts a ON a.id = o.account_id WHERE a.debtor_id = $1 AND o.status = 'queued'`, [debtor.id])).rows[0];
    expect(reminder).toMatchObject({ purpose: 'collect', send_after: new Date('2026-03-02T02:00:00Z'), expires_at: new Date('2026-03-02T16:00:00Z') });
    expect((await dispatchOutbox(ctx, localAdapter())).sent).toBe(0);   // not before 10:00
    clock = new Date('2026-03-02T02:00:00Z');
    expect((await dispatchOutbox(ctx, localAdapter())).sent).toBeGreaterThanOrEqual(1);
    expect(await row(reminder.id)).toMatchObject({ status: 'sent', adapter: 'local', provider_ref: `local-${reminder.id}` });
  });
});

describe('replies from debtors (the gateway\'s inbound door)', () => {
  const reply = (from: string, body: string, token = 'inbound-secret') =>
    app.inject({ method: 'POST', url: '/api/channels/sms/inbound', headers: { authorization: `Bearer ${token}` }, payload: { from, body } });

  it('a reply to a message we sent is recorded on its account as the debtor\'s contact, with the text', async () => {
    const m = await queued();
    await dispatchOutbox(ctx, localAdapter());
    const res = await reply(`+86 ${m.debtor.phone.slice(0, 3)} ${m.debtor.phone.slice(3)}`, '我明天下午还款，别再打了');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ matched: 1, opted_out: false, cancelled: 0 });
    const recorded = (await db.pool.query(`SELECT channel, outcome, initiated_by, note, collector_id FROM contact_attempts WHERE id = $1`, [res.json().attempt_id])).rows[0];
    expect(recorded).toEqual({ channel: 'sms', outcome: 'sms_reply', initiated_by: 'debtor', note: '我明天下午还款，别再打了', collector_id: null });
    expect((await db.pool.query(`SELECT account_id FROM contact_attempts WHERE id = $1`, [res.json().attempt_id])).rows[0].account_id).toBe(m.account.id);
    const audit = (await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'sms.inbound' ORDER BY id DESC LIMIT 1`)).rows[0].detail;
    expect(audit).toMatchObject({ opted_out: false, points: [m.point.id] });
    expect(JSON.stringify(audit)).not.toContain(m.debtor.phone);   // masked in the log
  });

  it('"TD" opts the number out of SMS at once: queued messages to it are cancelled and the engine refuses new ones', async () => {
    const m = await queued();
    const res = await reply(m.debtor.phone, 'TD');
    expect(res.json()).toMatchObject({ matched: 1, opted_out: true, cancelled: 1, attempt_id: null });
    expect(await row(m.id)).toMatchObject({ status: 'cancelled', error: 'The recipient replied to stop SMS (opt-out)' });
    expect((await db.pool.query('SELECT opted_out FROM contact_points WHERE id = $1', [m.point.id])).rows[0].opted_out).toEqual(['sms']);
    const later = await insertOutbox(db.pool, { creditorId, accountId: m.account.id, contactPointId: m.point.id, channel: 'sms', purpose: 'collect',
      toEnc: m.point.value_enc, toMask: m.point.value_mask, body: '提醒', decision: {}, sendAfter: null, expiresAt: null, createdAt: clock });
    expect(await dispatchOutbox(ctx, localAdapter())).toMatchObject({ sent: 0, cancelled: 1 });
    expect((await row(later)).dispatch_decision.allowed).toBe(false);
  });

  it('"STOP" from a US number, however the gateway writes it, opts that number out (it was refused as not a Chinese number)', async () => {
    for (const [i, from] of ['+1 (312) 555-0106', '+13125550107', '3125550108', '13125550109'].entries()) {
      const m = await queued();
      const us = `+1312555010${6 + i}`;
      await db.pool.query('UPDATE contact_points SET value_enc = $2, value_hash = $3 WHERE id = $1', [m.point.id, ctx.cipher.encrypt(us), ctx.cipher.matchHash(us)]);
      const res = await reply(from, 'STOP');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json(), from).toMatchObject({ matched: 1, opted_out: true, cancelled: 1 });
      expect((await db.pool.query('SELECT opted_out FROM contact_points WHERE id = $1', [m.point.id])).rows[0].opted_out).toEqual(['sms']);
    }
    expect((await reply('13800138000, 13900139000', 'STOP')).json().error).toMatchObject({ code: 'INVALID_INPUT', field: 'from' });
  });

  it('a bare 1xxxxxxxxxx that is a Chinese mobile and a US number with its 1 stops only the number last texted (another debtor\'s is not touched)', async () => {
    const us = await queued();
    await db.pool.query('UPDATE contact_points SET value_enc = $2, value_hash = $3 WHERE id = $1', [us.point.id, ctx.cipher.encrypt('+13912345678'), ctx.cipher.matchHash('+13912345678')]);
    expect((await dispatchOutbox(ctx, localAdapter())).sent).toBeGreaterThanOrEqual(1);   // the US debtor was texted
    const cn = await queued();
    await db.pool.query('UPDATE contact_points SET value_enc = $2, value_hash = $3 WHERE id = $1', [cn.point.id, ctx.cipher.encrypt('13912345678'), ctx.cipher.matchHash('13912345678')]);
    const res = await reply('13912345678', 'STOP');
    expect(res.json()).toMatchObject({ matched: 1, opted_out: true });
    expect((await db.pool.query('SELECT id, opted_out FROM contact_points WHERE id = ANY($1) ORDER BY id', [[us.point.id, cn.point.id]])).rows)
      .toEqual([{ id: us.point.id, opted_out: ['sms'] }, { id: cn.point.id, opted_out: [] }]);
    expect(await row(cn.id)).toMatchObject({ status: 'queued' });
  });

  it('receipts: delivered is kept; a number reported as not existing (空号) marks its contact point invalid like a wrong number', async () => {
    const receipt = (body: object, token = 'inbound-secret') =>
      app.inject({ method: 'POST', url: '/api/channels/sms/receipts', headers: { authorization: `Bearer ${token}` }, payload: body });
    const delivered = await queued();
    const gone = await queued();
    const waiting = await queued({ sendAfter: new Date('2026-03-02T06:00:00Z') });
    await dispatchOutbox(ctx, localAdapter());
    const ok = await receipt({ id: delivered.id, status: 'delivered' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ id: delivered.id, delivery: 'delivered', contact_point_invalid: false });
    expect(await row(delivered.id)).toMatchObject({ status: 'sent', delivery: 'delivered', delivered_at: clock, delivery_error: null });

    expect((await receipt({ id: gone.id, status: 'undelivered', error: 'MK:0001 空号', invalid_number: true })).json())
      .toEqual({ id: gone.id, delivery: 'undelivered', contact_point_invalid: true });
    expect(await row(gone.id)).toMatchObject({ delivery: 'undelivered', delivery_error: 'MK:0001 空号' });
    const point = (await db.pool.query('SELECT verified FROM contact_points WHERE id = $1', [gone.point.id])).rows[0];
    expect(point.verified).toBe('invalid');
    expect((await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'contact_point.mark' AND entity_id = $1`, [String(gone.point.id)])).rows[0].detail)
      .toMatchObject({ state: 'invalid', lost_contact: true });   // the debtor's only phone: 失联
    const page = (await app.inject({ method: 'GET', url: `/api/outbox?limit=200`, headers: { cookie: adminCookie } })).json();
    expect(page.items.find((i: { id: number }) => i.id === gone.id)).toMatchObject({ delivery: 'undelivered', delivery_error: 'MK:0001 空号' });

    // A gateway names the message by its own reference, the one it answered when it accepted it.
    const byRef = await queued();
    await dispatchOutbox(ctx, localAdapter());
    const ref = await receipt({ provider_ref: `local-${byRef.id}`, status: 'delivered' });
    expect(ref.json()).toEqual({ id: byRef.id, delivery: 'delivered', contact_point_invalid: false });
    expect((await receipt({ provider_ref: 'gw-no-such', status: 'delivered' })).statusCode).toBe(404);
    expect((await receipt({ status: 'delivered' })).json().error).toMatchObject({ code: 'INVALID_INPUT', field: 'id' });
    expect((await receipt({ id: byRef.id, provider_ref: `local-${byRef.id}`, status: 'delivered' })).statusCode).toBe(400);

    expect((await receipt({ id: waiting.id, status: 'delivered' })).statusCode).toBe(409);   // never sent
    expect((await receipt({ id: 999_999_999, status: 'delivered' })).statusCode).toBe(404);
    expect((await receipt({ id: delivered.id, status: 'delivered' }, 'guess')).statusCode).toBe(401);
  });

  it('an unknown number changes nothing; a wrong token is refused; without a token configured the door is closed', async () => {
    expect((await reply('13900000000', 'TD')).json()).toEqual({ matched: 0, opted_out: false, cancelled: 0, attempt_id: null });
    expect((await reply('13900000000', 'TD', 'guess')).statusCode).toBe(401);
    expect((await reply('not a phone', 'hello')).json().error).toMatchObject({ code: 'INVALID_INPUT', field: 'from' });
    const closed = await buildServer(ctx, { channel: localAdapter(), smsInboundToken: '' });
    try {
      const res = await closed.inject({ method: 'POST', url: '/api/channels/sms/inbound', headers: { authorization: 'Bearer ' }, payload: { from: '13900000000', body: 'TD' } });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.message).toContain('LEEWAY_SMS_INBOUND_TOKEN');
    } finally {
      await closed.close();
    }
  });
});

describe('a collector sends a template SMS from the account page', () => {
  const send = (accountId: number, body: object, cookie = collectorCookie) =>
    app.inject({ method: 'POST', url: `/api/accounts/${accountId}/sms`, headers: { cookie }, payload: body });

  it('the templates are filled in for the account; one sent is queued to go at once, judged again, and becomes the account\'s contact', async () => {
    const m = await queued();
    await db.pool.query(`UPDATE outbox SET status = 'cancelled' WHERE id = $1`, [m.id]);
    const templates = await app.inject({ method: 'GET', url: `/api/accounts/${m.account.id}/sms-templates`, headers: { cookie: collectorCookie } });
    expect(templates.statusCode, templates.body).toBe(200);
    const items = templates.json().items as Array<{ key: string; name_zh: string; body: string | null }>;
    expect(items.map((i) => i.key)).toEqual(['overdue_reminder', 'promise_reminder', 'instalment_reminder', 'call_back']);
    expect(items.find((i) => i.key === 'promise_reminder')!.body).toBeNull();   // no open promise
    expect(items.find((i) => i.key === 'instalment_reminder')!.body).toBeNull();   // no plan
    expect(items.find((i) => i.key === 'call_back')!.body).toMatch(/^【SMSBANK 银行】您好，关于您尾号\d{4}的账户/);

    const res = await send(m.account.id, { template: 'call_back', contact_point_id: m.point.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ to: m.point.value_mask, body: items.find((i) => i.key === 'call_back')!.body, decision: { allowed: true } });
    const queuedRow = await row(res.json().outbox_id);
    expect(queuedRow).toMatchObject({ status: 'queued', purpose: 'collect', contact_point_id: m.point.id, send_after: null,
      expires_at: new Date(clock.getTime() + 3_600_000) });
    expect(await dispatchOutbox(ctx, localAdapter())).toMatchObject({ sent: 1 });
    // The contact is the collector's who sent it, named by its template.
    expect(await attempts(m.account.id)).toEqual([expect.objectContaining({ channel: 'sms', outcome: 'sms_sent', collector_id: collector.id })]);
    expect((await db.pool.query(`SELECT note FROM contact_attempts WHERE account_id = $1`, [m.account.id])).rows[0].note).toBe('请回电 / Please call back');
    expect((await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'sms.queue' ORDER BY id DESC LIMIT 1`)).rows[0].detail)
      .toEqual({ account_id: m.account.id, template: 'call_back', contact_point_id: m.point.id });
  });

  it("on an instalment plan: no call may ask for money, but its next instalment is reminded of by text (what is left of it, by its day)", async () => {
    const m = await queued();
    await db.pool.query(`UPDATE outbox SET status = 'cancelled' WHERE id = $1`, [m.id]);
    await db.pool.query(`UPDATE accounts SET status = 'in_plan' WHERE id = $1`, [m.account.id]);
    const { rows: [plan] } = await db.pool.query(`INSERT INTO instalment_plans (creditor_id, account_id, total_fen) VALUES ($1, $2, 90000) RETURNING id`, [creditorId, m.account.id]);
    await db.pool.query(`INSERT INTO plan_instalments (creditor_id, plan_id, n, due_date, amount_fen, paid_fen)
      VALUES ($1, $2, 1, '2026-02-15', 30000, 30000), ($1, $2, 2, '2026-03-15', 30000, 10000), ($1, $2, 3, '2026-04-15', 30000, 0)`, [creditorId, plan.id]);
    const items = (await app.inject({ method: 'GET', url: `/api/accounts/${m.account.id}/sms-templates`, headers: { cookie: collectorCookie } })).json().items as Array<{ key: string; body: string | null }>;
    expect(items.find((i) => i.key === 'overdue_reminder')!.body).toBeNull();   // not overdue while the plan runs
    const body = items.find((i) => i.key === 'instalment_reminder')!.body;
    expect(body).toMatch(/^【SMSBANK 银行】您好，您尾号\d{4}的账户分期还款计划的下一期¥200\.00应于2026-03-15前还款，请按时还款。/);
    const res = await send(m.account.id, { template: 'instalment_reminder', contact_point_id: m.point.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ body, decision: { allowed: true } });
  });

  it('refused when the engine says no (a dispute): nothing queued, the refusal audited; no free text, no third party, nobody else\'s account', async () => {
    const m = await queued();
    await db.pool.query(`UPDATE outbox SET status = 'cancelled' WHERE id = $1`, [m.id]);
    await db.pool.query(`INSERT INTO holds (debtor_id, kind, reason, starts_on) VALUES ($1, 'dispute', '书面异议', '2026-03-01')`, [m.debtor.id]);
    const before = (await db.pool.query('SELECT count(*)::int AS n FROM outbox')).rows[0].n;
    const refused = await send(m.account.id, { template: 'overdue_reminder', contact_point_id: m.point.id });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CONTACT_NOT_ALLOWED');
    expect(refused.json().error.details.decision.reasons.map((r: { rule: string }) => r.rule)).toContain('CN.holds');
    expect((await db.pool.query('SELECT count(*)::int AS n FROM outbox')).rows[0].n).toBe(before);
    expect((await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'contact.refused' ORDER BY id DESC LIMIT 1`)).rows[0].detail)
      .toMatchObject({ channel: 'sms', template: 'overdue_reminder' });

    const other = await queued();
    expect((await send(other.account.id, { template: '你再不还钱试试', contact_point_id: other.point.id })).json().error).toMatchObject({ field: 'template' });
    expect((await send(other.account.id, { template: 'promise_reminder', contact_point_id: other.point.id })).json().error)
      .toMatchObject({ field: 'template', message_zh: '该案件没有未到期的还款承诺，无法发送承诺提醒' });
    const friend = (await db.pool.query(
      `INSERT INTO contact_points (debtor_id, kind, value_enc, value_hash, value_mask, owner, third_party_name, relation, source)
       VALUES ($1, 'phone', $2, $3, '139****0002', 'third_party', '李四', 'friend', 'debtor') RETURNING id`,
      [other.debtor.id, ctx.cipher.encrypt('13900000002'), ctx.cipher.matchHash('13900000002')])).rows[0].id;
    expect((await send(other.account.id, { template: 'call_back', contact_point_id: friend })).json().error).toMatchObject({ field: 'contact_point_id' });
    expect((await send(other.account.id, { template: 'call_back', contact_point_id: m.point.id })).json().error.field).toBe('contact_point_id');   // another debtor's phone
    const stranger = await signInCookie(app, (await newUser(db.pool, 'collector', { teamId: (await newTeam(db.pool)).id })).username);
    expect((await send(other.account.id, { template: 'call_back', contact_point_id: other.point.id }, stranger)).statusCode).toBe(404);
  });
});

describe('the outbox API', () => {
  it("a team lead reads only their team's messages, and nobody reads a portal link's token or a one-time code in them", async () => {
    const m = await queued();
    const issued = await app.inject({ method: 'POST', url: `/api/accounts/${m.account.id}/portal-link`, headers: { cookie: collectorCookie }, payload: { sms: true } });
    expect(issued.statusCode, issued.body).toBe(200);
    const { path: linkPath, sms } = issued.json();
    const token = linkPath.split('/').pop();
    expect(token.length).toBeGreaterThan(20);
    // The message goes out whole...
    expect((await row(sms.outbox_id)).body).toContain(token);
    // ...and reads on the screen without the token.
    const listed = (await app.inject({ method: 'GET', url: '/api/outbox?limit=5', headers: { cookie: supervisorCookie } })).json().items
      .find((i: { id: number }) => i.id === sms.outbox_id);
    expect(listed.body).not.toContain(token);
    expect(listed.body).toContain('/my/open/••••••');
    expect(listed.body).toContain('您的个人服务链接');
    // The code the debtor asks for on the portal, in the same outbox: hidden too.
    const code = await insertOutbox(db.pool, {
      creditorId, accountId: m.account.id, contactPointId: m.point.id, channel: 'sms', purpose: 'notice', toEnc: m.point.value_enc, toMask: m.point.value_mask,
      body: portalCodeSms('246601', 10), decision: { allowed: true, reasons: [], next_allowed_at: null }, sendAfter: null, createdAt: clock, expiresAt: null,
    });
    const codeItem = (await app.inject({ method: 'GET', url: '/api/outbox?limit=5', headers: { cookie: adminCookie } })).json().items.find((i: { id: number }) => i.id === code);
    expect(codeItem.body).not.toContain('246601');
    expect(codeItem.body).toBe('【客户服务】验证码 ••••••，10分钟内有效。请勿告诉任何人。Your code: ••••••');
    // Another team's lead sees none of this team's messages, and counts none.
    const otherLead = await signInCookie(app, (await newUser(db.pool, 'supervisor', { teamId: (await newTeam(db.pool)).id })).username);
    const theirs = (await app.inject({ method: 'GET', url: '/api/outbox', headers: { cookie: otherLead } })).json();
    expect(theirs.items).toEqual([]);
    expect(Object.values(theirs.counts).every((n) => n === 0)).toBe(true);
  });

  it('admins and supervisors read it with counts and reasons in both languages; only admins send now; collectors see nothing', async () => {
    const m = await queued();
    await db.pool.query(`INSERT INTO holds (debtor_id, kind, reason, starts_on) VALUES ($1, 'deceased', '家属来电告知', '2026-03-01')`, [m.debtor.id]);
    const ok = await queued();
    const sent = await app.inject({ method: 'POST', url: '/api/outbox/dispatch', headers: { cookie: adminCookie }, payload: {} });
    expect(sent.json()).toEqual({ sent: 1, failed: 0, deferred: 0, cancelled: 1, expired: 0 });

    const list = await app.inject({ method: 'GET', url: '/api/outbox?limit=2', headers: { cookie: supervisorCookie } });
    expect(list.statusCode, list.body).toBe(200);
    const page = list.json();
    expect(page.adapter).toBe('local');
    expect(page.items.map((i: { id: number }) => i.id)).toEqual([ok.id, m.id]);
    expect(page.items[0]).toMatchObject({ status: 'sent', created_at: '2026-03-02T02:00:00.000Z', provider_ref: `local-${ok.id}`, to: ok.point.value_mask, purpose: 'collect', creditor_code: 'SMSBANK', reasons: [] });
    expect(page.items[1].status).toBe('cancelled');
    expect(page.items[1].reasons[0]).toMatchObject({ rule: 'CN.holds' });
    expect(page.items[1].reasons[0].message_zh).toMatch(/[\u4e00-\u9fff]/);
    expect(page.next_before).toBe(m.id);
    expect(page.counts.sent).toBeGreaterThanOrEqual(1);
    const older = (await app.inject({ method: 'GET', url: `/api/outbox?before=${m.id}&status=sent`, headers: { cookie: adminCookie } })).json();
    expect(older.items.every((i: { id: number; status: string }) => i.id < m.id && i.status === 'sent')).toBe(true);
    expect((await app.inject({ method: 'GET', url: '/api/outbox?status=lost', headers: { cookie: adminCookie } })).statusCode).toBe(400);

    expect((await app.inject({ method: 'POST', url: '/api/outbox/dispatch', headers: { cookie: supervisorCookie }, payload: {} })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/outbox', headers: { cookie: collectorCookie } })).statusCode).toBe(403);
    expect((await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'outbox.dispatch' ORDER BY id DESC LIMIT 1`)).rows[0].detail)
      .toMatchObject({ sent: 1, cancelled: 1, adapter: 'local', cancelled_ids: [m.id] });
  });

  it('leeway messages dispatch and list: a reminder queued for an earlier day expires unsent', async () => {
    const m = await queued();   // expires 2026-03-04 in Shanghai; the command runs on today's real clock
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-messages-'));
    const env = { DATABASE_URL: db.url, LEEWAY_DATA_DIR: dir };
    const dispatched = await runCli(['messages', 'dispatch', '--json'], { env });
    expect(dispatched.code, dispatched.stderr).toBe(0);
    expect(JSON.parse(dispatched.stdout)).toMatchObject({ sent: 0, expired: 1 });
    const listed = await runCli(['messages', 'list', '--status', 'expired', '--limit', '1', '--json'], { env });
    expect(JSON.parse(listed.stdout)).toMatchObject({ adapter: 'local', items: [{ id: m.id, status: 'expired' }] });
    const text = await runCli(['messages', 'list', '--limit', '1'], { env });
    expect(text.stdout).toContain(`${m.id}`);
    expect(text.stdout).toContain('expired');
    expect((await runCli(['messages', 'list', '--status', 'lost'], { env })).code).toBe(2);
    await fs.rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('the job queue sends a message as soon as it is queued, and still does after its listening connection is cut', async () => {
    const { createJobs } = await import('../src/jobs/index.ts');
    const jobs = await createJobs(ctx, { info: () => {}, error: () => {} }, { pollingIntervalSeconds: 0.5, channel: localAdapter() });
    try {
      const sentSoon = async (id: number) => {
        const deadline = Date.now() + 20_000;
        while ((await row(id)).status !== 'sent' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
        return (await row(id)).status;
      };
      expect(await sentSoon((await queued()).id)).toBe('sent');
      // The listening connection is cut (as when the database restarts): it listens again, and the next message still goes at once.
      const cut = await db.pool.query(`SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE query = 'LISTEN leeway_outbox'`);
      expect(cut.rows).toEqual([{ done: true }]);
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      expect(await sentSoon((await queued()).id)).toBe('sent');
    } finally {
      await jobs.stop();
    }
    // Stopped, the listening connection is closed, not left in the pool with its handlers: the
    // database going away afterwards (a server shutting down) is no error of the jobs.
    const outside = new pg.Client({ connectionString: db.url });
    await outside.connect();
    try {
      const left = await outside.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                                         WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%LISTEN leeway_outbox%'`);
      expect(left.rows).toEqual([]);
    } finally {
      await outside.end();
    }
  }, 60_000);
});
