import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { CLI_ACTOR } from '../src/app/context.ts';
import { recordPayment } from '../src/app/payments/record-payment.ts';
import { runStrategy } from '../src/app/strategy/run-strategy.ts';
import { letterCandidates } from '../src/db/letters-repository.ts';
import { insertRuleSet } from '../src/db/strategy-repository.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

/**
 * Printing today's collection letters (还款提醒函) on a real database: the accounts whose next
 * action is a letter and whose debtor has an address of their own that works, each allowed by
 * the compliance engine (a dispute stops it), one PDF page each, recorded as the account's
 * contact once a day (a reprint records nothing more), audited; admins only.
 */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let adminCookie: string;
let adminId: number;
let supervisorCookie: string;
const acc: Record<'posted' | 'disputed' | 'homeless', number> = { posted: 0, disputed: 0, homeless: 0 };

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);   // 2026-03-02, 10:00 in Shanghai
  app = await buildServer(ctx);
  const bank = await newCreditor(db.pool, 'LETTERS');
  await newCreditor(db.pool, 'QUIET');
  const team = await newTeam(db.pool);
  const collector = await newUser(db.pool, 'collector', { teamId: team.id });
  const admin = await newUser(db.pool, 'admin');
  adminId = admin.id;
  adminCookie = await signInCookie(app, admin.username);
  supervisorCookie = await signInCookie(app, (await newUser(db.pool, 'supervisor', { teamId: team.id })).username);
  await insertRuleSet(db.pool, bank.id, '2026-01-01', { priority: { bucket_points: {}, balance_fen_per_point: 100 }, actions: [], default_action: 'letter' }, null);
  const account = async (address: string | null) => {
    const debtor = await newDebtor(ctx, { name: '王伟' });
    if (address !== null) {
      await db.pool.query(`INSERT INTO contact_points (debtor_id, kind, value_enc, value_hash, value_mask, owner, source)
                           VALUES ($1, 'address', $2, $3, '湖北省武汉市****', 'debtor', 'placement')`, [debtor.id, ctx.cipher.encrypt(address), ctx.cipher.matchHash(address)]);
    }
    return { debtor, ...await newAccount(db.pool, { creditorId: bank.id, debtorId: debtor.id, collectorId: collector.id, teamId: team.id }) };
  };
  acc.posted = (await account('湖北省武汉市江岸区解放大道1号')).id;
  const disputed = await account('湖北省武汉市武昌区中山路2号');
  acc.disputed = disputed.id;
  await db.pool.query(`INSERT INTO holds (debtor_id, kind, reason, starts_on) VALUES ($1, 'dispute', '书面异议', '2026-03-01')`, [disputed.debtor.id]);
  acc.homeless = (await account(null)).id;
  await runStrategy(ctx, CLI_ACTOR);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const print = (body: object, cookie = adminCookie) => app.inject({ method: 'POST', url: '/api/letters/print', headers: { cookie }, payload: body });
const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
const letterAttempts = async () =>
  (await db.pool.query(`SELECT account_id, outcome, collector_id, party FROM contact_attempts WHERE channel = 'letter' ORDER BY id`)).rows;

describe('printing today\'s letters', () => {
  it('one page for each account the engine allows, the others counted by why; each recorded as a contact and audited', async () => {
    const res = await print({ creditor: 'LETTERS' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="letters-LETTERS-2026-03-02-zh.pdf"');
    expect(res.headers['x-letters-printed']).toBe('1');
    expect(res.headers['x-letters-already']).toBe('0');
    expect(JSON.parse(String(res.headers['x-letters-refused']))).toEqual({ 'CN.holds': 1, no_usable_address: 1 });
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pages(res.rawPayload)).toBe(1);
    // Sent by the agency (系统自动), not by the admin who printed the run: the audit row names who printed it.
    expect(await letterAttempts()).toEqual([{ account_id: acc.posted, outcome: 'sent', collector_id: null, party: 'debtor' }]);
    const printedBy = (await db.pool.query(`SELECT actor_user_id, detail FROM audit_log WHERE action = 'letters.print' ORDER BY id DESC LIMIT 1`)).rows[0];
    expect(Number(printedBy.actor_user_id)).toBe(adminId);
    expect(printedBy.detail).toMatchObject({ date: '2026-03-02', printed: 1, already: 0, account_ids: [acc.posted] });
  });

  it('printing again the same day gives the same letters and records nothing more; in English too', async () => {
    const again = await print({ creditor: 'LETTERS', locale: 'en' });
    expect(again.statusCode).toBe(200);
    expect(again.headers['content-disposition']).toBe('attachment; filename="letters-LETTERS-2026-03-02-en.pdf"');
    expect(again.headers['x-letters-printed']).toBe('1');
    expect(again.headers['x-letters-already']).toBe('1');
    expect(pages(again.rawPayload)).toBe(1);
    expect(await letterAttempts()).toHaveLength(1);
  });

  it('no second collection letter within 30 days: the account is counted as written to recently, not sent the same letter again', async () => {
    const { rows: [letter] } = await db.pool.query(`SELECT id, at FROM contact_attempts WHERE channel = 'letter' AND account_id = $1`, [acc.posted]);
    try {
      await db.pool.query(`UPDATE contact_attempts SET at = '2026-02-20T02:00:00Z' WHERE id = $1`, [letter.id]);   // 10 days ago
      const res = await print({ creditor: 'LETTERS' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.details.refused).toEqual({ 'CN.holds': 1, no_usable_address: 1, letter_recent: 1 });
      await db.pool.query(`UPDATE contact_attempts SET at = '2026-01-30T02:00:00Z' WHERE id = $1`, [letter.id]);   // 31 days ago: one goes again
      expect((await print({ creditor: 'LETTERS' })).headers['x-letters-printed']).toBe('1');
    } finally {
      await db.pool.query(`DELETE FROM contact_attempts WHERE channel = 'letter' AND account_id = $1 AND id <> $2`, [acc.posted, letter.id]);
      await db.pool.query(`UPDATE contact_attempts SET at = $2 WHERE id = $1`, [letter.id, letter.at]);
    }
  });

  it('a letter printed this morning is not reprinted once the debtor disputes the debt', async () => {
    const debtor = (await db.pool.query('SELECT debtor_id FROM accounts WHERE id = $1', [acc.posted])).rows[0].debtor_id;
    await db.pool.query(`INSERT INTO holds (debtor_id, kind, reason, starts_on) VALUES ($1, 'dispute', '电话异议', '2026-03-02')`, [debtor]);
    const res = await print({ creditor: 'LETTERS' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details.refused).toEqual({ 'CN.holds': 2, no_usable_address: 1 });
  });

  it('nothing to print is a 409 that says why; a bad locale, an unknown creditor and a supervisor are refused', async () => {
    const none = await print({ creditor: 'QUIET' });
    expect(none.statusCode).toBe(409);
    expect(none.json().error.message_zh).toBe('QUIET 在 2026-03-02 没有需要打印的信函');
    expect((await print({ creditor: 'LETTERS', locale: 'fr' })).json().error.field).toBe('locale');
    expect((await print({ creditor: 'NOSUCH' })).statusCode).toBe(404);
    expect((await print({ creditor: 'LETTERS' }, supervisorCookie)).statusCode).toBe(403);
  });
});

describe('the amount a letter states', () => {
  it('is the bank\'s last statement of the balance less what the debtor paid since', async () => {
    const creditorId = (await db.pool.query(`SELECT creditor_id FROM accounts WHERE id = $1`, [acc.posted])).rows[0].creditor_id as number;
    const window = { date: '2026-03-02', creditorId, dayStart: new Date('2026-03-01T16:00:00Z'), dayEnd: new Date('2026-03-02T16:00:00Z'),
      restStart: new Date('2026-01-31T16:00:00Z') };
    const amount = async () => (await letterCandidates(db.pool, window)).find((c) => c.account_id === acc.posted)!.balance_fen;
    expect(await amount()).toBe(10_000_00 + 10_00 + 5_00);
    await recordPayment(ctx, CLI_ACTOR, { accountId: acc.posted, amountFen: 300_00, paidOn: '2026-02-20' });   // after the placement (2026-01-01)
    expect(await amount()).toBe(10_015_00 - 300_00);
  });
});
