import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext, usContract } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

/**
 * The debt collector disclosure (12 CFR 1006.18(e)), recorded per conversation on a real database
 * through the real routes: asked of every call or visit with the debtor themself under a US
 * contract (logged by hand, or the result of a dialled call), refused where it does not apply,
 * shown in the account's contact history, and a "no" sent to the team lead's quality review queue.
 */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  app = await buildServer(ctx);
  const us = await newCreditor(db.pool, 'USD1');
  await usContract(db.pool, us.id);
  const cn = await newCreditor(db.pool, 'CND1');
  const team = await newTeam(db.pool);
  const collector = await newUser(db.pool, 'collector', { teamId: team.id });
  const lead = await newUser(db.pool, 'supervisor', { teamId: team.id });
  ids.collector = collector.id;
  cookies.collector = await signInCookie(app, collector.username);
  cookies.lead = await signInCookie(app, lead.username);
  const roe = await newDebtor(ctx, { idNumber: '110101198501011236', name: 'John Roe' });
  ids.us = (await newAccount(db.pool, { creditorId: us.id, debtorId: roe.id, collectorId: collector.id, teamId: team.id })).id;
  ids.usDebtor = roe.id;
  ids.usCreditor = us.id;
  const wang = await newDebtor(ctx, { idNumber: '110101199001011237', name: '王五' });
  ids.cn = (await newAccount(db.pool, { creditorId: cn.id, debtorId: wang.id, collectorId: collector.id, teamId: team.id })).id;
});
afterAll(async () => { await app?.close(); await db?.drop(); });

/** The debtor calls in and the collector records the call (recorded whatever the rules, as inbound calls are). */
const callIn = (accountId: number, extra: Record<string, unknown> = {}) => app.inject({ method: 'POST', url: `/api/accounts/${accountId}/contacts`,
  headers: { cookie: cookies.collector! }, payload: { channel: 'call', party: 'debtor', purpose: 'collect', outcome: 'right_party', initiated_by: 'debtor', ...extra } });

describe('the debt collector disclosure on a conversation', () => {
  it('must be recorded, yes or no, for a US conversation with the debtor; nothing is stored without it', async () => {
    const unsaid = await callIn(ids.us!);
    expect(unsaid.statusCode).toBe(400);
    expect(unsaid.json().error).toMatchObject({ field: 'disclosure_given' });
    expect(unsaid.json().error.message).toContain('debt collector disclosure');
    expect(unsaid.json().error.message_zh).toContain('催收身份声明');
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM contact_attempts WHERE account_id = $1`, [ids.us])).rows[0].n).toBe(0);

    const said = await callIn(ids.us!, { outcome: 'promise', disclosure_given: true });
    expect(said.statusCode, said.body).toBe(201);
    const notSaid = await callIn(ids.us!, { disclosure_given: false });
    expect(notSaid.statusCode, notSaid.body).toBe(201);
    const { rows } = await db.pool.query(`SELECT id, disclosure_given FROM contact_attempts WHERE account_id = $1 ORDER BY id`, [ids.us]);
    expect(rows.map((r) => r.disclosure_given)).toEqual([true, false]);
    expect((await db.pool.query(`SELECT detail->'disclosure_given' AS given FROM audit_log WHERE action = 'contact.log' AND entity_id = $1`, [String(rows[1].id)])).rows)
      .toEqual([{ given: false }]);

    // The account's contact history says which conversations had it.
    const page = (await app.inject({ method: 'GET', url: `/api/accounts/${ids.us}/page`, headers: { cookie: cookies.collector! } })).json();
    expect(page.contacts.map((c: { disclosure_given: boolean | null }) => c.disclosure_given)).toEqual([false, true]);
  });

  it('is refused where it is not asked: a Chinese contract, a voicemail, a third party', async () => {
    const cn = await callIn(ids.cn!, { disclosure_given: true });
    expect(cn.statusCode).toBe(400);
    expect(cn.json().error.field).toBe('disclosure_given');
    expect((await callIn(ids.cn!)).statusCode).toBe(201);
    const { rows: [phone] } = await db.pool.query(`SELECT id FROM contact_points WHERE debtor_id = $1 AND kind = 'phone' LIMIT 1`, [ids.usDebtor]);
    const voicemail = await callIn(ids.us!, { outcome: 'voicemail', initiated_by: 'agency', contact_point_id: phone.id, disclosure_given: false });
    expect(voicemail.statusCode).toBe(400);
    expect(voicemail.json().error.field).toBe('disclosure_given');
    const thirdParty = await callIn(ids.us!, { outcome: 'third_party', party: 'third_party', purpose: 'location', initiated_by: 'third_party', disclosure_given: true });
    expect(thirdParty.statusCode).toBe(400);
    expect(thirdParty.json().error.field).toBe('disclosure_given');
    expect((await callIn(ids.us!, { outcome: 'third_party', party: 'third_party', purpose: 'location', initiated_by: 'third_party' })).statusCode).toBe(201);
  });

  it('a dialled call answered by the debtor asks it with its result', async () => {
    const { rows: [dialled] } = await db.pool.query(
      `INSERT INTO contact_attempts (creditor_id, account_id, debtor_id, channel, party, purpose, outcome, initiated_by, at, collector_id, call_status, decision)
       VALUES ($1, $2, $3, 'call', 'debtor', 'collect', 'dialed', 'agency', $4, $5, 'answered', '{}') RETURNING id`,
      [ids.usCreditor, ids.us, ids.usDebtor, new Date(ctx.now().getTime() - 60_000), ids.collector]);
    const result = (body: Record<string, unknown>) => app.inject({ method: 'POST', url: `/api/contact-attempts/${dialled.id}/result`,
      headers: { cookie: cookies.collector! }, payload: { outcome: 'refuses', ...body } });
    const unsaid = await result({});
    expect(unsaid.statusCode).toBe(400);
    expect(unsaid.json().error.field).toBe('disclosure_given');
    expect((await result({ disclosure_given: false })).statusCode).toBe(200);
    expect((await db.pool.query(`SELECT outcome, disclosure_given FROM contact_attempts WHERE id = $1`, [dialled.id])).rows)
      .toEqual([{ outcome: 'refuses', disclosure_given: false }]);
  });

  it("puts every conversation recorded without it in the team lead's review queue, after complaint-linked ones", async () => {
    const queue = (await app.inject({ method: 'GET', url: '/api/quality/queue', headers: { cookie: cookies.lead! } })).json();
    const missing = queue.items.filter((i: { reason: string }) => i.reason === 'no_disclosure');
    const { rows } = await db.pool.query(`SELECT id FROM contact_attempts WHERE disclosure_given IS FALSE ORDER BY at DESC, id DESC`);
    expect(missing.map((i: { attempt_id: number }) => i.attempt_id)).toEqual(rows.map((r) => r.id));
    // Before any merely sampled call.
    const firstSample = queue.items.findIndex((i: { reason: string }) => i.reason === 'sample');
    if (firstSample >= 0) expect(firstSample).toBeGreaterThan(queue.items.findLastIndex((i: { reason: string }) => i.reason === 'no_disclosure'));
  });
});
