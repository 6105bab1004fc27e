import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { eraseDebtors } from '../src/db/privacy-repository.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newActiveAccount, newCreditor, newTeam, newUser, testContext } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

/**
 * 催记更正: a team lead corrects the outcome a contact was recorded with. The attempt carries the
 * new outcome (the engine, the reports and the page read it), the old one is kept with the
 * reason, and only outcomes that fit the attempt are taken.
 */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let bank: { id: number };
let team: { id: number };
let collector: Awaited<ReturnType<typeof newUser>>;
let supervisor: Awaited<ReturnType<typeof newUser>>;
let collectorCookie: string;
let supervisorCookie: string;
let otherSupervisorCookie: string;

const api = (method: 'GET' | 'POST', url: string, cookie: string, payload?: Record<string, unknown>) =>
  app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

const account = () => newActiveAccount(ctx, { creditorId: bank.id, collectorId: collector.id, teamId: team.id });
/** The collector logs a contact on the account through the API; returns the attempt's id. */
async function logged(accountId: number, body: Record<string, unknown>): Promise<number> {
  const res = await api('POST', `/api/accounts/${accountId}/contacts`, collectorCookie, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().attempt_id as number;
}
const correct = (attemptId: number, body: Record<string, unknown>, cookie = supervisorCookie) =>
  api('POST', `/api/contact-attempts/${attemptId}/correction`, cookie, body);
const outcomeOf = async (attemptId: number) =>
  (await db.pool.query(`SELECT outcome FROM contact_attempts WHERE id = $1`, [attemptId])).rows[0].outcome as string;
const reported = async (outcome: string) =>
  Number((await db.pool.query(`SELECT coalesce(sum(attempts), 0) AS n FROM report_contacts WHERE creditor_id = $1 AND outcome = $2`, [bank.id, outcome])).rows[0].n);

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  app = await buildServer(ctx);
  bank = await newCreditor(db.pool, 'FIX');
  team = await newTeam(db.pool);
  const otherTeam = await newTeam(db.pool);
  collector = await newUser(db.pool, 'collector', { teamId: team.id });
  supervisor = await newUser(db.pool, 'supervisor', { teamId: team.id });
  const otherSupervisor = await newUser(db.pool, 'supervisor', { teamId: otherTeam.id });
  collectorCookie = await signInCookie(app, collector.username);
  supervisorCookie = await signInCookie(app, supervisor.username);
  otherSupervisorCookie = await signInCookie(app, otherSupervisor.username);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe('correcting a contact record (催记更正)', () => {
  it('puts the corrected outcome on the attempt, keeps the old one with the reason, and moves the contact report', async () => {
    const a = await account();
    const attempt = await logged(a.id, { channel: 'call', contact_point_id: a.point, outcome: 'no_answer' });
    const before = { noAnswer: await reported('no_answer'), rightParty: await reported('right_party') };
    const version = (await api('GET', `/api/accounts/${a.id}/page`, supervisorCookie)).json().account.version as number;

    const res = await correct(attempt, { outcome: 'right_party', reason: '录音显示本人接听并沟通了还款', expected_version: version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ attempt_id: attempt, outcome: 'right_party', version: version + 1 });

    expect(await outcomeOf(attempt)).toBe('right_party');
    const kept = (await db.pool.query(`SELECT from_outcome, to_outcome, reason, corrected_by FROM contact_corrections WHERE attempt_id = $1`, [attempt])).rows;
    expect(kept).toEqual([{ from_outcome: 'no_answer', to_outcome: 'right_party', reason: '录音显示本人接听并沟通了还款', corrected_by: supervisor.id }]);
    expect(await reported('no_answer')).toBe(before.noAnswer - 1);
    expect(await reported('right_party')).toBe(before.rightParty + 1);
    const audit = (await db.pool.query(`SELECT action, actor, detail FROM audit_log WHERE entity = 'contact_attempt' AND entity_id = $1 ORDER BY id`, [String(attempt)])).rows;
    expect(audit.map((r) => r.action)).toEqual(['contact.log', 'contact.correct']);
    expect(audit[1]).toMatchObject({ actor: supervisor.username, detail: { from: 'no_answer', to: 'right_party', reason: '录音显示本人接听并沟通了还款' } });

    // The account's page shows the record as corrected: what it first said, why, by whom.
    const row = (await api('GET', `/api/accounts/${a.id}/page`, collectorCookie)).json().contacts.find((c: { id: number }) => c.id === attempt);
    expect(row).toMatchObject({ outcome: 'right_party', correction: { from_outcome: 'no_answer', reason: '录音显示本人接听并沟通了还款', by_name: `supervisor ${supervisor.username}` } });

    // Corrected again: the page still names the outcome first recorded; both corrections are kept.
    expect((await correct(attempt, { outcome: 'promise', reason: '本人承诺月底还款' })).statusCode).toBe(200);
    const again = (await api('GET', `/api/accounts/${a.id}/page`, collectorCookie)).json().contacts.find((c: { id: number }) => c.id === attempt);
    expect(again).toMatchObject({ outcome: 'promise', correction: { from_outcome: 'no_answer', reason: '本人承诺月底还款' } });
    expect(Number((await db.pool.query(`SELECT count(*) FROM contact_corrections WHERE attempt_id = $1`, [attempt])).rows[0].count)).toBe(2);
  });

  it('changes what the compliance engine counts: a call that never connected no longer uses up the day', async () => {
    const a = await account();
    const calls: number[] = [];
    for (let i = 0; i < 3; i++) calls.push(await logged(a.id, { channel: 'call', contact_point_id: a.point, outcome: 'no_answer' }));
    // CN: three calls a day, every outcome but a network error counting.
    const fourth = await api('POST', `/api/accounts/${a.id}/contacts`, collectorCookie, { channel: 'call', contact_point_id: a.point, outcome: 'no_answer' });
    expect(fourth.statusCode).toBe(409);
    expect(fourth.json().error.details.decision.reasons.map((r: { rule: string }) => r.rule)).toContain('CN.daily_calls');

    expect((await correct(calls[0]!, { outcome: 'network_error', reason: '话务平台记录显示线路故障，未接通' })).statusCode).toBe(200);
    const check = (await api('GET', `/api/accounts/${a.id}/contact-check?channel=call&contact_point_id=${a.point}`, collectorCookie)).json();
    expect(check.allowed).toBe(true);
  });

  it('marks the address invalid when a letter came back undelivered', async () => {
    const a = await account();
    const address = (await db.pool.query(
      `INSERT INTO contact_points (debtor_id, kind, value_enc, value_hash, value_mask, owner, source)
       VALUES ($1, 'address', $2, $3, '湖北省武汉市****', 'debtor', 'placement') RETURNING id`,
      [a.debtorId, ctx.cipher.encrypt('湖北省武汉市江岸区1号'), ctx.cipher.matchHash('湖北省武汉市江岸区1号')])).rows[0].id as number;
    const letter = await logged(a.id, { channel: 'letter', contact_point_id: address, outcome: 'sent' });
    const res = await correct(letter, { outcome: 'returned', reason: '邮局退信：查无此人' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await db.pool.query(`SELECT verified FROM contact_points WHERE id = $1`, [address])).rows[0].verified).toBe('invalid');
  });

  it('takes only outcomes that fit the attempt, from a team lead or admin, on accounts they may see', async () => {
    const a = await account();
    const call = await logged(a.id, { channel: 'call', contact_point_id: a.point, outcome: 'no_answer' });
    const reason = 'authorization check';

    // The collector does not correct their own record; another team's lead does not see the account.
    expect((await correct(call, { outcome: 'right_party', reason }, collectorCookie)).statusCode).toBe(403);
    expect((await correct(call, { outcome: 'right_party', reason }, otherSupervisorCookie)).statusCode).toBe(404);
    expect((await correct(999_999_999, { outcome: 'right_party', reason })).statusCode).toBe(404);

    const refused = async (attemptId: number, body: Record<string, unknown>, status: number, text: RegExp) => {
      const res = await correct(attemptId, body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.message).toMatch(text);
    };
    await refused(call, { outcome: 'right_party', reason: '  ' }, 400, /why/);
    await refused(call, { outcome: 'no_answer', reason }, 400, /already recorded as "No answer"/);
    await refused(call, { outcome: 'sms_sent', reason }, 400, /not an outcome of a call/);
    await refused(call, { outcome: 'dialed', reason }, 400, /not one to record/);
    await refused(call, { outcome: 'shouting', reason }, 400, /not one to record/);
    await refused(call, { outcome: 'right_party', reason, expected_version: 1 }, 409, /changed|version/i);

    // The debtor's own call in: someone was on the line.
    const inbound = await logged(a.id, { channel: 'call', contact_point_id: a.point, outcome: 'right_party', initiated_by: 'debtor' });
    await refused(inbound, { outcome: 'no_answer', reason }, 400, /other side started/);

    // An SMS's outcome is the gateway's report.
    const sms = (await db.pool.query(
      `INSERT INTO contact_attempts (creditor_id, account_id, debtor_id, contact_point_id, channel, party, purpose, outcome, at)
       VALUES ($1, $2, $3, $4, 'sms', 'debtor', 'collect', 'sms_sent', now()) RETURNING id`, [bank.id, a.id, a.debtorId, a.point])).rows[0].id as number;
    await refused(sms, { outcome: 'returned', reason }, 409, /gateway/);

    // Nothing of it landed.
    expect(await outcomeOf(call)).toBe('no_answer');
    expect(await outcomeOf(inbound)).toBe('right_party');
    expect(Number((await db.pool.query(`SELECT count(*) FROM contact_corrections WHERE attempt_id = ANY($1)`, [[call, inbound, sms]])).rows[0].count)).toBe(0);
  });

  it('refuses a third party\'s contact recorded as a conversation with the debtor, and the same mismatches when a contact is logged', async () => {
    const a = await account();
    const friend = (await db.pool.query(
      `INSERT INTO contact_points (debtor_id, kind, value_enc, value_hash, value_mask, owner, third_party_name, relation, source)
       VALUES ($1, 'phone', $2, $3, '139****0001', 'third_party', '李四', 'friend', 'placement') RETURNING id`,
      [a.debtorId, ctx.cipher.encrypt('13900000001'), ctx.cipher.matchHash('13900000001')])).rows[0].id as number;
    const location = await logged(a.id, { channel: 'call', party: 'third_party', purpose: 'location', contact_point_id: friend, outcome: 'third_party' });
    const res = await correct(location, { outcome: 'promise', reason: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/conversation with the debtor; this contact was with a third party/);

    // Logging: an SMS outcome on a call, no answer on the debtor's own call in.
    for (const body of [{ channel: 'call', contact_point_id: a.point, outcome: 'sms_sent' },
      { channel: 'call', contact_point_id: a.point, outcome: 'no_answer', initiated_by: 'debtor' },
      { channel: 'call', party: 'third_party', purpose: 'location', contact_point_id: friend, outcome: 'right_party' }]) {
      const refused = await api('POST', `/api/accounts/${a.id}/contacts`, collectorCookie, body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      expect(refused.json().error).toMatchObject({ code: 'INVALID_INPUT', field: 'outcome' });
    }
  });

  it('erases the reason with the debtor\'s personal data', async () => {
    const a = await account();
    const call = await logged(a.id, { channel: 'call', contact_point_id: a.point, outcome: 'no_answer' });
    expect((await correct(call, { outcome: 'right_party', reason: '本人说在武汉协和医院住院' })).statusCode).toBe(200);
    await eraseDebtors(db.pool, [a.debtorId], { at: new Date(), erased: '已删除', erasedEnc: ctx.cipher.encrypt('已删除') });
    expect((await db.pool.query(`SELECT reason FROM contact_corrections WHERE attempt_id = $1`, [call])).rows).toEqual([{ reason: '已删除' }]);
  });
});
