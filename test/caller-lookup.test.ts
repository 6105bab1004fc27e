import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { maskIdNumber, maskPhone } from '../src/domain/masking.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

/** 来电查找 (find the caller) and the inbound call it leads to, through the HTTP API on a real database. */
let db: TestDatabase;
let clock = new Date('2026-03-02T02:00:00Z'); // 10:00 in Shanghai
let collectorName: string;
let ctx: AppContext;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
let mine: { id: number };
let theirs: { id: number };
let recalled: { id: number };
let debtorId: number;
let colleagueName: string;
const ID_NUMBER = '420102199003071232';
const PHONE = '13900001111';
const RELATIVE = '13700002222';
const ERASED = '13600003333';

const lookup = (payload: Record<string, unknown>, who = 'collector') =>
  app.inject({ method: 'POST', url: '/api/accounts/caller-lookup', headers: { cookie: cookies[who]! }, payload });

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool, () => clock);
  app = await buildServer(ctx);
  const bank = await newCreditor(db.pool, 'HUAYU');
  const team = await newTeam(db.pool, '华中组');
  const collector = await newUser(db.pool, 'collector', { teamId: team.id });
  const colleague = await newUser(db.pool, 'collector', { teamId: team.id });
  colleagueName = `collector ${colleague.username}`;
  collectorName = collector.username;
  const supervisor = await newUser(db.pool, 'supervisor', { teamId: team.id });
  const admin = await newUser(db.pool, 'admin');
  const banker = await newUser(db.pool, 'creditor_user', { creditorId: bank.id });
  for (const u of [collector, supervisor, admin, banker]) cookies[u.role] = await signInCookie(app, u.username);

  const debtor = await newDebtor(ctx, { name: '王五', phone: PHONE });
  debtorId = debtor.id;
  await db.pool.query('UPDATE debtors SET id_number_hash = $2, id_number_mask = $3 WHERE id = $1', [debtorId, ctx.cipher.matchHash(ID_NUMBER), maskIdNumber(ID_NUMBER)]);
  await db.pool.query(`INSERT INTO contact_points (debtor_id, kind, value_enc, value_hash, value_mask, owner, third_party_name, relation, source)
    VALUES ($1, 'phone', $2, $3, $4, 'third_party', '李四', '哥哥', 'placement')`,
    [debtorId, ctx.cipher.encrypt(RELATIVE), ctx.cipher.matchHash(RELATIVE), maskPhone(RELATIVE)]);
  const spec = (collectorId: number) => ({ creditorId: bank.id, debtorId, collectorId, teamId: team.id });
  mine = await newAccount(db.pool, spec(collector.id));
  theirs = await newAccount(db.pool, spec(colleague.id));
  recalled = await newAccount(db.pool, spec(colleague.id));
  await db.pool.query(`UPDATE accounts SET status = 'recalled', recalled_on = '2026-02-28' WHERE id = $1`, [recalled.id]);
  await db.pool.query(`UPDATE accounts SET status = 'active' WHERE id <> $1`, [recalled.id]);

  const gone = await newDebtor(ctx, { name: '赵六', phone: ERASED });
  await newAccount(db.pool, { ...spec(collector.id), debtorId: gone.id });
  await db.pool.query('UPDATE debtors SET erased_at = now() WHERE id = $1', [gone.id]);
});
afterAll(async () => { await app?.close(); await db?.drop(); });

describe('finding who is calling', () => {
  it("finds the debtor by the number on the display however it is typed: the collector's own accounts, and who holds the others", async () => {
    for (const typed of [PHONE, '+86 139-0000-1111', '139 0000 1111']) {
      const res = await lookup({ phone: typed });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ matched_by: 'phone', value_mask: '139****1111' });
      expect(body.matches).toHaveLength(1);
      expect(body.matches[0]).toMatchObject({ debtor_id: debtorId, party: 'debtor', third_party_name: null });
      expect(body.matches[0].contact_point_id).toEqual(expect.any(Number));
      expect(body.matches[0].accounts.map((a: { id: number }) => a.id)).toEqual([mine.id]);
      expect(body.matches[0].accounts[0]).toMatchObject({ debtor_name: '王五', status: 'active', id_number_mask: maskIdNumber(ID_NUMBER) });
      // The recalled account is no one's to take the call for.
      expect(body.matches[0].elsewhere).toEqual([{ collector_name: colleagueName, accounts: 1 }]);
      expect(res.body).not.toContain(PHONE);
      expect(res.body).not.toContain(ID_NUMBER);
    }
  });

  it("a team lead sees the team's accounts, the ones still worked first", async () => {
    const body = (await lookup({ phone: PHONE }, 'supervisor')).json();
    expect(body.matches[0].accounts.map((a: { id: number }) => a.id)).toEqual([mine.id, theirs.id, recalled.id]);
    expect(body.matches[0].elsewhere).toEqual([]);
  });

  it('finds the debtor by the ID number the caller gives, typed with spaces', async () => {
    const res = await lookup({ id_number: '420102 19900307 1232' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ matched_by: 'id_number', value_mask: maskIdNumber(ID_NUMBER) });
    expect(res.json().matches).toEqual([expect.objectContaining({ debtor_id: debtorId, party: 'debtor', contact_point_id: null })]);
  });

  it('finds the debtor by the account or card number the caller reads out, its digits grouped with spaces or dashes, its letters small or capital', async () => {
    const accountNo = async (id: number) => (await db.pool.query('SELECT account_no FROM accounts WHERE id = $1', [id])).rows[0].account_no as string;
    // The colleague's account number finds the debtor: the collector answers on their own account, and is told who holds the other.
    const theirsNo = await accountNo(theirs.id);
    const grouped = theirsNo.replace(/(\d{4})(?=\d)/g, '$1 ');
    const res = await lookup({ account_no: grouped });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ matched_by: 'account_no', value_mask: `********${theirsNo.slice(-4)}` });
    expect(res.json().matches).toEqual([expect.objectContaining({ debtor_id: debtorId, party: 'debtor', contact_point_id: null,
      accounts: [expect.objectContaining({ id: mine.id })], elsewhere: [{ collector_name: colleagueName, accounts: 1 }] })]);
    expect(res.body).not.toContain(theirsNo);
    expect((await lookup({ account_no: theirsNo.replace(/(\d{4})(?=\d)/g, '$1-') })).json().matches).toHaveLength(1);
    const other = await newDebtor(ctx, { name: '钱七' });
    const { rows: [held] } = await db.pool.query('SELECT creditor_id, collector_id, team_id FROM assignments WHERE account_id = $1', [theirs.id]);
    const lettered = await newAccount(db.pool, { creditorId: held.creditor_id, debtorId: other.id, collectorId: held.collector_id, teamId: held.team_id, accountNo: 'HY-2026-00A1' });
    expect((await lookup({ account_no: 'hy-2026-00a1' }, 'admin')).json().matches.map((m: { accounts: Array<{ id: number }> }) => m.accounts.map((a) => a.id))).toEqual([[lettered.id]]);
    expect((await lookup({ account_no: 'HY 2026 00A1' }, 'admin')).json().matches).toEqual([]); // its dashes are part of it
    // Not one of the debtor's: no one (nor part of a number).
    expect((await lookup({ account_no: theirsNo.slice(-8) })).json().matches).toEqual([]);
    expect((await lookup({ account_no: '   ' })).json().error).toMatchObject({ code: 'INVALID_INPUT', field: 'account_no' });
    expect((await lookup({ account_no: theirsNo, phone: PHONE })).statusCode).toBe(400);
    const { rows: [audited] } = await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'caller.lookup' AND detail->>'by' = 'account_no' ORDER BY id LIMIT 1`);
    expect(audited.detail).toMatchObject({ value: `********${theirsNo.slice(-4)}`, debtor_ids: [debtorId] });
  });

  it("says when the number is a third party's: who they are to the debtor (the debt is not to be mentioned)", async () => {
    const body = (await lookup({ phone: RELATIVE })).json();
    expect(body.matches).toEqual([expect.objectContaining({ debtor_id: debtorId, party: 'third_party', third_party_name: '李四', relation: '哥哥' })]);
  });

  it('finds no one for an unknown number, nor for a debtor whose personal data was erased', async () => {
    expect((await lookup({ phone: '13512345678' })).json().matches).toEqual([]);
    expect((await lookup({ phone: ERASED })).json().matches).toEqual([]);
    expect((await lookup({ id_number: '11010519491231002x' })).json().matches).toEqual([]);
  });

  it('refuses what is not one phone or ID number, saying which field', async () => {
    const bad = await lookup({ phone: 'call me' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'INVALID_INPUT', field: 'phone' });
    const badId = await lookup({ id_number: '420102199003071234' });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error).toMatchObject({ code: 'INVALID_INPUT', field: 'id_number' });
    expect((await lookup({})).statusCode).toBe(400);
    expect((await lookup({ phone: PHONE, id_number: ID_NUMBER })).statusCode).toBe(400);
  });

  it("is for the agency's staff: the bank's users may not look up callers", async () => {
    expect((await lookup({ phone: PHONE }, 'creditor_user')).statusCode).toBe(403);
  });

  it('audits every lookup, found or not, with the number masked', async () => {
    const { rows } = await db.pool.query(`SELECT actor, detail FROM audit_log WHERE action = 'caller.lookup' ORDER BY id`);
    expect(rows.length).toBeGreaterThanOrEqual(8);
    expect(rows[0].detail).toMatchObject({ by: 'phone', value: '139****1111', debtor_ids: [debtorId], accounts_shown: [mine.id], accounts_elsewhere: 1 });
    expect(rows.some((r) => r.detail.by === 'phone' && r.detail.debtor_ids.length === 0)).toBe(true);
    expect(JSON.stringify(rows)).not.toMatch(/13900001111|13512345678|420102199003071232/);
  });
});

describe('a number a collector adds is matched like the bank file\'s', () => {
  it('stores "+86 135-0000-4444" as the bank would send it: found by the caller lookup, and the same number again is a duplicate', async () => {
    const add = (value: string) => app.inject({ method: 'POST', url: `/api/accounts/${mine.id}/contact-points`, headers: { cookie: cookies['collector']! },
      payload: { kind: 'phone', value, source: 'debtor', reliability: 'high' } });
    const added = await add('+86 135-0000-4444');
    expect(added.statusCode, added.body).toBe(201);
    const found = (await lookup({ phone: '13500004444' })).json();
    expect(found.matches).toEqual([expect.objectContaining({ debtor_id: debtorId, contact_point_id: added.json().contact_point_id })]);
    expect((await add('135 0000 4444')).statusCode).toBe(409);
  });
});

describe('the inbound call', () => {
  /** Logged as it happens: with `at`, the clock reads that time while it is logged. */
  const log = async (body: Record<string, unknown>) => {
    const saved = clock;
    // Another day: the collector signs in that day.
    if (typeof body['at'] === 'string') clock = new Date(body['at']);
    const cookie = clock === saved ? cookies['collector']! : await signInCookie(app, collectorName);
    try {
      return await app.inject({ method: 'POST', url: `/api/accounts/${mine.id}/contacts`, headers: { cookie },
        payload: { channel: 'call', party: 'debtor', purpose: 'collect', ...body } });
    } finally {
      clock = saved;
    }
  };

  it('is recorded even when no more calls may be made today, and does not count towards the daily calls', async () => {
    const { rows: [own] } = await db.pool.query(
      `SELECT id FROM contact_points WHERE debtor_id = $1 AND kind = 'phone' AND owner = 'debtor' ORDER BY id LIMIT 1`, [debtorId]);
    for (let i = 0; i < 3; i++) expect((await log({ outcome: 'no_answer', contact_point_id: own.id })).statusCode).toBe(201);
    const refused = await log({ outcome: 'no_answer', contact_point_id: own.id });
    expect(refused.statusCode).toBe(409);
    const inbound = await log({ outcome: 'promise', initiated_by: 'debtor', note: '来电：明天还款' });
    expect(inbound.statusCode, inbound.body).toBe(201);
    const { rows } = await db.pool.query(`SELECT initiated_by, outcome FROM contact_attempts WHERE account_id = $1 ORDER BY id`, [mine.id]);
    expect(rows.map((r) => r.initiated_by)).toEqual(['agency', 'agency', 'agency', 'debtor']);
  });

  it("a relative calling in is recorded as a third party's call (it failed), and the 7-day limit counts the person, not the number", async () => {
    const { rows: [brother] } = await db.pool.query(`SELECT id FROM contact_points WHERE debtor_id = $1 AND third_party_name = '李四'`, [debtorId]);
    const called = await log({ party: 'third_party', purpose: 'location', contact_point_id: brother.id, outcome: 'third_party', initiated_by: 'third_party', note: '李四来电' });
    expect(called.statusCode, called.body).toBe(201);
    // The brother's second number: the same person, whom the agency may try once a week (CN.third_party) — his call in did not count, a call out does.
    const second = '13700004444';
    const { rows: [other] } = await db.pool.query(`INSERT INTO contact_points (debtor_id, kind, value_enc, value_hash, value_mask, owner, third_party_name, relation, source)
      VALUES ($1, 'phone', $2, $3, $4, 'third_party', '李四', '哥哥', 'manual') RETURNING id`, [debtorId, ctx.cipher.encrypt(second), ctx.cipher.matchHash(second), maskPhone(second)]);
    const out = { party: 'third_party', purpose: 'location', outcome: 'third_party', at: '2026-03-03T10:00:00+08:00' };
    expect((await log({ ...out, contact_point_id: brother.id })).statusCode).toBe(201);
    const again = await log({ ...out, contact_point_id: other.id, at: '2026-03-04T10:00:00+08:00' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.decision.reasons.map((r: { rule: string }) => r.rule)).toContain('CN.third_party');
    expect(again.json().error.details.decision.reasons.find((r: { rule: string }) => r.rule === 'CN.third_party').message_zh).toMatch(/^第三方李四在最近7天内已被联系1次/);
  });
});
