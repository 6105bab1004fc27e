import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { webhookDialer } from '../src/channels/dialer.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newActiveAccount, newCreditor, newTeam, newUser, testContext } from './support/fixtures.ts';
import { startGateway, type TestGateway } from './support/gateway.ts';
import { signInCookie } from './support/http.ts';

/**
 * 一键外呼 (click-to-call) through a real HTTP telephony gateway on this machine: the rules
 * judge the call before it leaves, the attempt is recorded first, the gateway gets the number
 * and the collector's seat, and the result is recorded on the same attempt afterwards.
 */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let gateway: TestGateway<Record<string, unknown>>;
let collector: Awaited<ReturnType<typeof newUser>>;
let cookie: string;
let otherCookie: string;
let supervisorCookie: string;
let bank: { id: number };
let team: { id: number };

const api = (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>, c = cookie) =>
  app.inject({ method, url, headers: { cookie: c }, ...(payload ? { payload } : {}) });

const account = (phone?: string) => newActiveAccount(ctx, { creditorId: bank.id, collectorId: collector.id, teamId: team.id, ...(phone ? { phone } : {}) });
const attempts = async (accountId: number) =>
  (await db.pool.query(`SELECT id, outcome, recording_ref, note, collector_id FROM contact_attempts WHERE account_id = $1 ORDER BY id`, [accountId])).rows;
const audited = async (attemptId: number) => (await db.pool.query(
  `SELECT action FROM audit_log WHERE entity = 'contact_attempt' AND entity_id = $1 ORDER BY id`, [String(attemptId)])).rows.map((r) => r.action);
const reported = async (outcome: string) =>
  Number((await db.pool.query(`SELECT coalesce(sum(attempts), 0) AS n FROM report_contacts WHERE creditor_id = $1 AND outcome = $2`, [bank.id, outcome])).rows[0].n);

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  gateway = await startGateway('/calls', { status: 200, body: '{"call_id":"cti-1"}' });
  app = await buildServer(ctx, { dialer: webhookDialer(gateway.url, 'cti-token'), voiceEventToken: 'cti-events' });
  bank = await newCreditor(db.pool, 'DIAL');
  team = await newTeam(db.pool);
  collector = await newUser(db.pool, 'collector', { teamId: team.id });
  const other = await newUser(db.pool, 'collector', { teamId: team.id });
  const supervisor = await newUser(db.pool, 'supervisor', { teamId: team.id });
  cookie = await signInCookie(app, collector.username);
  otherCookie = await signInCookie(app, other.username);
  supervisorCookie = await signInCookie(app, supervisor.username);
});
afterAll(async () => {
  await app?.close();
  await gateway?.close();
  await db?.drop();
});
beforeEach(async () => {
  gateway.received.length = 0;
  gateway.answer = { status: 200, body: '{"call_id":"cti-1"}' };
  // Each case starts with no call waiting for its result.
  await db.pool.query(`UPDATE contact_attempts SET outcome = 'no_answer' WHERE outcome = 'dialed'`);
});

describe('click-to-call', () => {
  it("rings the collector's seat and the debtor's number through the gateway, recorded before it leaves; the result goes on the same attempt", async () => {
    const a = await account('13911112222');
    const page = (await api('GET', `/api/accounts/${a.id}/page`)).json();
    expect(page).toMatchObject({ dialer: true, pending_dial: null });
    const dialled = await api('POST', `/api/accounts/${a.id}/dial`, { contact_point_id: a.point, expected_version: page.account.version });
    expect(dialled.statusCode, dialled.body).toBe(201);
    expect(dialled.json()).toMatchObject({ call_ref: 'cti-1', decision: { allowed: true } });
    expect(gateway.received).toHaveLength(1);
    expect(gateway.received[0]!.body).toEqual({ call_id: dialled.json().attempt_id, agent: collector.username, to: '13911112222', account_id: a.id });
    expect(gateway.received[0]!.headers).toMatchObject({ authorization: 'Bearer cti-token', 'idempotency-key': `leeway-call-${dialled.json().attempt_id}` });
    expect(dialled.body).not.toContain('13911112222');
    expect(await attempts(a.id)).toEqual([expect.objectContaining({ outcome: 'dialed', recording_ref: 'cti-1', collector_id: collector.id })]);
    expect((await api('GET', `/api/accounts/${a.id}/page`)).json().pending_dial).toMatchObject({ attempt_id: dialled.json().attempt_id, account_id: a.id, contact_point_mask: '139****2222' });

    const before = { dialed: await reported('dialed'), promise: await reported('promise') };
    const result = await api('POST', `/api/contact-attempts/${dialled.json().attempt_id}/result`, { outcome: 'promise', note: '答应周五还 2000', delinquency_reason: 'income_drop' });
    expect(result.statusCode, result.body).toBe(200);
    expect(await attempts(a.id)).toEqual([expect.objectContaining({ outcome: 'promise', note: '答应周五还 2000', recording_ref: 'cti-1' })]);
    // The contact report moves the attempt from "dialled" to its result.
    expect({ dialed: await reported('dialed'), promise: await reported('promise') }).toEqual({ dialed: before.dialed - 1, promise: before.promise + 1 });
    // Once.
    expect((await api('POST', `/api/contact-attempts/${dialled.json().attempt_id}/result`, { outcome: 'refuses' })).statusCode).toBe(409);
    const audit = await db.pool.query(`SELECT action FROM audit_log WHERE entity = 'contact_attempt' AND entity_id = $1 ORDER BY id`, [String(dialled.json().attempt_id)]);
    expect(audit.rows.map((r) => r.action)).toEqual(['contact.log', 'contact.result']);
  });

  it('dials nothing when the rules refuse the call: a hold, or the day\'s three calls', async () => {
    const held = await account();
    await api('POST', `/api/accounts/${held.id}/holds`, { kind: 'dispute', reason: '债务人书面异议' });
    const refused = await api('POST', `/api/accounts/${held.id}/dial`, { contact_point_id: held.point });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CONTACT_NOT_ALLOWED');
    expect(gateway.received).toHaveLength(0);
    expect(await attempts(held.id)).toEqual([]);

    const busy = await account();
    for (let i = 0; i < 3; i++) {
      const d = await api('POST', `/api/accounts/${busy.id}/dial`, { contact_point_id: busy.point });
      expect(d.statusCode, d.body).toBe(201);
      expect((await api('POST', `/api/contact-attempts/${d.json().attempt_id}/result`, { outcome: 'no_answer' })).statusCode).toBe(200);
    }
    const fourth = await api('POST', `/api/accounts/${busy.id}/dial`, { contact_point_id: busy.point });
    expect(fourth.statusCode).toBe(409);
    expect(fourth.json().error.details.decision.reasons.map((r: { rule: string }) => r.rule)).toContain('CN.daily_calls');
    expect(gateway.received).toHaveLength(3);
  });

  it('a dialled call counts at once: its result not yet recorded, the next call is still judged with it', async () => {
    const a = await account();
    for (let i = 0; i < 2; i++) {
      const d = await api('POST', `/api/accounts/${a.id}/dial`, { contact_point_id: a.point });
      await api('POST', `/api/contact-attempts/${d.json().attempt_id}/result`, { outcome: 'busy' });
    }
    expect((await api('POST', `/api/accounts/${a.id}/dial`, { contact_point_id: a.point })).statusCode).toBe(201);
    const check = (await api('GET', `/api/accounts/${a.id}/contact-check?channel=call&party=debtor&purpose=collect`)).json();
    expect(check.allowed).toBe(false);
  });

  it("one call at a time: the last call's result first, and only its collector (or the team lead) records it", async () => {
    const a = await account();
    const b = await account();
    const first = await api('POST', `/api/accounts/${a.id}/dial`, { contact_point_id: a.point });
    expect(first.statusCode).toBe(201);
    const second = await api('POST', `/api/accounts/${b.id}/dial`, { contact_point_id: b.point });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message_zh).toContain(`请先记录您在案件${a.id}上一通电话的结果`);
    expect(gateway.received).toHaveLength(1);
    const attemptId = first.json().attempt_id;
    // The team lead sees the after-call work left undone, per collector.
    const unrecorded = async () => (await api('GET', '/api/workload', undefined, supervisorCookie)).json()
      .items.find((w: { user_id: number }) => w.user_id === collector.id).unrecorded_calls;
    expect(await unrecorded()).toBe(1);
    expect((await api('POST', `/api/contact-attempts/${attemptId}/result`, { outcome: 'no_answer' }, otherCookie)).statusCode).toBe(404);
    expect((await api('POST', `/api/contact-attempts/${attemptId}/result`, { outcome: 'dialed' })).statusCode).toBe(400);
    expect((await api('POST', `/api/contact-attempts/${attemptId}/result`, { outcome: 'sms_sent' })).statusCode).toBe(400);
    expect((await api('POST', `/api/contact-attempts/${attemptId}/result`, { outcome: 'wrong_number' }, supervisorCookie)).statusCode).toBe(200);
    expect(await unrecorded()).toBe(0);
    // A wrong number is marked invalid, as when the call is logged by hand.
    expect((await db.pool.query('SELECT verified FROM contact_points WHERE id = $1', [a.point])).rows[0].verified).toBe('invalid');
    expect((await api('POST', `/api/accounts/${b.id}/dial`, { contact_point_id: b.point })).statusCode).toBe(201);
  });

  it('a gateway that does not take the call: the attempt becomes a network error (it never left) and the collector is told why', async () => {
    const a = await account();
    gateway.answer = { status: 503, body: '{"error":"all trunks busy"}' };
    const failed = await api('POST', `/api/accounts/${a.id}/dial`, { contact_point_id: a.point });
    expect(failed.statusCode).toBe(502);
    expect(failed.json().error.message).toMatch(/HTTP 503.*all trunks busy.*network error/);
    expect(await attempts(a.id)).toEqual([expect.objectContaining({ outcome: 'network_error' })]);
    // Nothing is waiting for a result: the next call may go.
    gateway.answer = { status: 200, body: '{}' };
    const next = await api('POST', `/api/accounts/${a.id}/dial`, { contact_point_id: a.point });
    expect(next.statusCode).toBe(201);
    expect(next.json().call_ref).toBe(`call-${next.json().attempt_id}`);
  });

  it("refuses numbers that are not the debtor's own phones, and the outcome \"dialed\" from the contact log", async () => {
    const a = await account();
    const other = await account();
    expect((await api('POST', `/api/accounts/${a.id}/dial`, { contact_point_id: other.point })).statusCode).toBe(404);
    const relative = await api('POST', `/api/accounts/${a.id}/contact-points`, { kind: 'phone', value: '13722223333', owner: 'third_party',
      third_party_name: '李四', relation: '同事', source: 'debtor', reliability: 'medium' });
    const tp = await api('POST', `/api/accounts/${a.id}/dial`, { contact_point_id: relative.json().contact_point_id });
    expect(tp.statusCode).toBe(400);
    expect(tp.json().error.field).toBe('contact_point_id');
    const logged = await api('POST', `/api/accounts/${a.id}/contacts`, { channel: 'call', party: 'debtor', purpose: 'collect', outcome: 'dialed', contact_point_id: a.point });
    expect(logged.statusCode).toBe(400);
    expect(logged.json().error.field).toBe('outcome');
    expect(gateway.received).toHaveLength(0);
  });
});

describe('every call recorded (CN), by construction once there is a call centre', () => {
  const log = (a: { id: number; point: number }, body: Record<string, unknown>) =>
    api('POST', `/api/accounts/${a.id}/contacts`, { channel: 'call', party: 'debtor', purpose: 'collect', outcome: 'no_answer', contact_point_id: a.point, ...body });

  it("refuses a call logged by hand without its recording's reference, and takes it with one; a debtor's call in is always taken", async () => {
    const a = await account();
    const unrecorded = await log(a, {});
    expect(unrecorded.statusCode).toBe(409);
    expect(unrecorded.json().error.details.decision.reasons.map((r: { rule: string }) => r.rule)).toEqual(['CN.recording']);
    expect(unrecorded.json().error.message_zh).toContain('所有通话必须录音');
    expect((await log(a, { recording_ref: 'desk-2026-0302-01' })).statusCode).toBe(201);
    expect((await log(a, { initiated_by: 'debtor', outcome: 'right_party' })).statusCode).toBe(201);
    // Letters and messages have nothing to record.
    expect((await api('POST', `/api/accounts/${a.id}/contacts`, { channel: 'sms', party: 'debtor', purpose: 'collect', outcome: 'sms_sent', contact_point_id: a.point })).statusCode).toBe(201);
  });
});

describe("the gateway's call events", () => {
  const event = (body: Record<string, unknown>, token = 'cti-events') =>
    app.inject({ method: 'POST', url: '/api/channels/voice/events', headers: { authorization: `Bearer ${token}` }, payload: body });
  const dialled = async (a: { id: number; point: number }) => {
    const d = await api('POST', `/api/accounts/${a.id}/dial`, { contact_point_id: a.point });
    expect(d.statusCode, d.body).toBe(201);
    return d.json().attempt_id as number;
  };

  it('an unanswered call gets its outcome from the gateway: the collector goes straight on to the next call', async () => {
    const a = await account();
    const callId = await dialled(a);
    const before = await reported('no_answer');
    const res = await event({ call_id: callId, status: 'no_answer', duration_s: 0 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ call_id: callId, outcome: 'no_answer', call_status: 'no_answer' });
    expect(await reported('no_answer')).toBe(before + 1);
    expect((await api('GET', `/api/accounts/${a.id}/page`)).json().pending_dial).toBeNull();
    // The same report again changes nothing; the collector may still correct it, once.
    expect((await event({ call_id: callId, status: 'no_answer', duration_s: 0 })).json().outcome).toBe('no_answer');
    expect((await api('POST', `/api/contact-attempts/${callId}/result`, { outcome: 'powered_off', note: '提示已关机' })).statusCode).toBe(200);
    expect((await event({ call_id: callId, status: 'busy' })).json().outcome).toBe('powered_off');
    expect((await api('POST', `/api/contact-attempts/${callId}/result`, { outcome: 'busy' })).statusCode).toBe(409);
    expect(await audited(callId)).toEqual(['contact.log', 'call.event', 'call.event', 'contact.result', 'call.event']);
  });

  it("an answered call keeps waiting for the collector's result, with its length and recording", async () => {
    const a = await account();
    const callId = await dialled(a);
    expect((await event({ call_id: callId, status: 'answered', duration_s: 135, recording_ref: 'rec-2026-0302-77' })).json().outcome).toBe('dialed');
    const row = (await db.pool.query('SELECT call_status, call_seconds, recording_ref FROM contact_attempts WHERE id = $1', [callId])).rows[0];
    expect(row).toEqual({ call_status: 'answered', call_seconds: 135, recording_ref: 'rec-2026-0302-77' });
    expect((await api('GET', `/api/accounts/${a.id}/page`)).json().pending_dial).toMatchObject({ attempt_id: callId });
    expect((await api('POST', `/api/contact-attempts/${callId}/result`, { outcome: 'right_party' })).statusCode).toBe(200);
    // The team lead reviewing the call sees how long it was, and where its recording is.
    // (A complaint about the call puts it in the queue for certain.)
    const complaint = await api('POST', `/api/accounts/${a.id}/complaints`, { channel: 'phone', description: '债务人称催收员语气生硬', attempt_ids: [callId] });
    expect(complaint.statusCode, complaint.body).toBe(201);
    const queue = (await api('GET', '/api/quality/queue?limit=500', undefined, supervisorCookie)).json();
    expect(queue.items.find((i: { attempt_id: number }) => i.attempt_id === callId))
      .toMatchObject({ outcome: 'right_party', call_seconds: 135, recording_ref: 'rec-2026-0302-77', reason: 'complaint' });
  });

  it('a call that failed in the network counts towards nothing: three failures leave the day\'s calls whole', async () => {
    const a = await account();
    for (let i = 0; i < 3; i++) expect((await event({ call_id: await dialled(a), status: 'failed' })).json().outcome).toBe('network_error');
    expect((await api('POST', `/api/accounts/${a.id}/dial`, { contact_point_id: a.point })).statusCode).toBe(201);
  });

  it('takes reports only with the token, and only about calls it placed', async () => {
    const a = await account();
    const callId = await dialled(a);
    expect((await event({ call_id: callId, status: 'no_answer' }, 'wrong')).statusCode).toBe(401);
    expect((await event({ call_id: 999_999_999, status: 'no_answer' })).statusCode).toBe(404);
    const logged = await api('POST', `/api/accounts/${a.id}/contacts`, { channel: 'call', party: 'debtor', purpose: 'collect', outcome: 'no_answer', contact_point_id: a.point, recording_ref: 'desk-1' });
    expect(logged.statusCode, logged.body).toBe(201);
    expect((await event({ call_id: logged.json().attempt_id, status: 'answered' })).statusCode).toBe(404);
    expect((await api('GET', `/api/accounts/${a.id}/page`)).json().pending_dial).toMatchObject({ attempt_id: callId });
  });
});

describe('without a telephony gateway', () => {
  it('says so (503), the account page offers no dialling, and calls logged by hand are taken', async () => {
    const plain = await buildServer(ctx, { dialer: null });
    try {
      const c = await signInCookie(plain, collector.username);
      const a = await account();
      const res = await plain.inject({ method: 'POST', url: `/api/accounts/${a.id}/dial`, headers: { cookie: c }, payload: { contact_point_id: a.point } });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.message).toContain('LEEWAY_VOICE_WEBHOOK_URL');
      expect((await plain.inject({ method: 'GET', url: `/api/accounts/${a.id}/page`, headers: { cookie: c } })).json()).toMatchObject({ dialer: false, pending_dial: null });
      expect(await attempts(a.id)).toEqual([]);
      // Without a call centre, Leeway cannot tell whether a call was recorded: a call logged by hand is taken.
      const logged = await plain.inject({ method: 'POST', url: `/api/accounts/${a.id}/contacts`, headers: { cookie: c },
        payload: { channel: 'call', party: 'debtor', purpose: 'collect', outcome: 'no_answer', contact_point_id: a.point } });
      expect(logged.statusCode, logged.body).toBe(201);
    } finally {
      await plain.close();
    }
  });
});
