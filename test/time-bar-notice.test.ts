import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext, usContract } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

/**
 * New York's notice on a debt that may be time-barred (23 NYCRR 1.3(b)) is given in the medium the
 * promise is taken in, before it is: on a call, the collector's page carries the words and a
 * promise taken or moved without saying they were read is refused; in the portal, the words stand
 * above the promise form. Elsewhere (another state, a debt not yet time-barred) nothing is asked.
 */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let cookie: string;
const accounts: Record<string, number> = {};

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);   // business date 2026-03-02
  app = await buildServer(ctx);
  const bank = await newCreditor(db.pool, 'PRAIRIE');
  await db.pool.query(`UPDATE creditors SET name = 'First Prairie Bank' WHERE id = $1`, [bank.id]);
  await usContract(db.pool, bank.id);
  const team = await newTeam(db.pool);
  const collector = await newUser(db.pool, 'collector', { teamId: team.id });
  cookie = await signInCookie(app, collector.username);
  // New York, first delinquent in 2022 (3 years have run); New York, a recent debt; New Jersey, as old (6 years there: not barred).
  for (const [name, region, dofd] of [['ny_old', 'US-NY', '2022-06-01'], ['ny_recent', 'US-NY', '2025-06-01'], ['nj_old', 'US-NJ', '2022-06-01'],
    ['unknown_old', null, '2022-06-01']] as const) {
    const debtor = await newDebtor(ctx);
    await db.pool.query(`UPDATE debtors SET region_code = $2 WHERE id = $1`, [debtor.id, region]);
    const { id } = await newAccount(db.pool, { creditorId: bank.id, debtorId: debtor.id, collectorId: collector.id, teamId: team.id, firstDelinquencyDate: dofd });
    await db.pool.query(`UPDATE accounts SET status = 'active', region_code = $2 WHERE id = $1`, [id, region]);
    accounts[name] = id;
  }
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const page = async (id: number) => (await app.inject({ method: 'GET', url: `/api/accounts/${id}/page`, headers: { cookie } })).json();
const promise = (id: number, extra: Record<string, unknown> = {}) =>
  app.inject({ method: 'POST', url: `/api/accounts/${id}/promises`, headers: { cookie }, payload: { amount_fen: 50_00, due_date: '2026-03-10', ...extra } });

describe("New York's notice before a promise on a debt that may be time-barred", () => {
  it('is on the account page of a New York (or unknown-state) debtor whose debt is time-barred, and nowhere else', async () => {
    const notice = (await page(accounts.ny_old!)).time_bar_notice;
    expect(notice.en).toContain('We believe the legal time limit (statute of limitations) for suing you to collect this debt may have expired.');
    expect(notice.en).toContain('First Prairie Bank will not sue you for it.');
    expect(notice.zh).toContain('诉讼时效');
    expect(notice.citation).toContain('23 NYCRR 1.3(b)');
    expect(notice.es).toBeUndefined();   // the debtor does not read Spanish
    expect((await page(accounts.unknown_old!)).time_bar_notice).not.toBeNull();
    expect((await page(accounts.ny_recent!)).time_bar_notice).toBeNull();
    expect((await page(accounts.nj_old!)).time_bar_notice).toBeNull();
  });

  it('must be read before a promise is taken: refused without, taken with, and the audit row says it was read', async () => {
    const refused = await promise(accounts.ny_old!);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ field: 'time_bar_notice_read', message: expect.stringContaining('23 NYCRR 1.3(b)') });
    expect((await promise(accounts.ny_old!, { time_bar_notice_read: false })).statusCode).toBe(400);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM promises WHERE account_id = $1`, [accounts.ny_old])).rows[0].n).toBe(0);

    const taken = await promise(accounts.ny_old!, { time_bar_notice_read: true });
    expect(taken.statusCode, taken.body).toBe(201);
    const audit = await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'promise.take' AND entity_id = $1`, [String(taken.json().promise_id)]);
    expect(audit.rows[0].detail).toMatchObject({ account_id: accounts.ny_old, time_bar_notice_read: true });

    // Moving it is a new promise: the notice again, on this call.
    const moveWithout = await app.inject({ method: 'POST', url: `/api/promises/${taken.json().promise_id}/reschedule`, headers: { cookie },
      payload: { amount_fen: 40_00, due_date: '2026-03-12', reason: 'payday moved' } });
    expect(moveWithout.statusCode).toBe(400);
    expect(moveWithout.json().error).toMatchObject({ field: 'time_bar_notice_read' });
    const moved = await app.inject({ method: 'POST', url: `/api/promises/${taken.json().promise_id}/reschedule`, headers: { cookie },
      payload: { amount_fen: 40_00, due_date: '2026-03-12', reason: 'payday moved', time_bar_notice_read: true } });
    expect(moved.statusCode, moved.body).toBe(201);
  });

  it("is read on every call and carried by every text and e-mail on the debt (New York City's rules), and nowhere it does not apply", async () => {
    const script = (await page(accounts.ny_old!)).call_disclosure;
    expect(script.en).toMatch(/ Then, because this debt may be past its time limit, read on every call \(New York City's rules, 6 RCNY 5-77; wording not yet confirmed by compliance\): "New York State regulations require us/);
    expect(script.en).toContain('First Prairie Bank will not sue you for it."');
    expect((await page(accounts.nj_old!)).call_disclosure.en).not.toContain('time limit');
    const templates = async (id: number) => (await app.inject({ method: 'GET', url: `/api/accounts/${id}/sms-templates`, headers: { cookie } })).json().items as Array<{ key: string; body: string | null }>;
    const overdue = (await templates(accounts.ny_old!)).find((t) => t.key === 'overdue_reminder')!.body!;
    expect(overdue).toMatch(/^This is a message from a debt collector .* New York State regulations require us to tell you the following; .* First Prairie Bank will not sue you for it\. Reply STOP to opt out of texts\.$/);
    expect((await templates(accounts.ny_recent!)).find((t) => t.key === 'overdue_reminder')!.body).not.toContain('New York');
  });

  it('is not asked for where it does not apply', async () => {
    expect((await promise(accounts.ny_recent!)).statusCode).toBe(201);
    expect((await promise(accounts.nj_old!)).statusCode).toBe(201);
  });
});
