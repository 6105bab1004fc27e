import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR, type AppContext } from '../src/app/context.ts';
import { printArrangementStatements, statementsDue } from '../src/app/letters/print-arrangement-confirmations.ts';
import { upsertPage } from '../src/db/site-repository.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newActiveAccount, newCreditor, newTeam, newUser, testContext, usContract } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

/**
 * New York's written confirmation of payment arrangements (23 NYCRR 1.5(b)) on a real database:
 * the Creditors list counts the open promises, approved settlements and active plans of New York
 * debtors (and of unknown state) not yet confirmed, and those past the five days; the admin prints
 * them as one PDF, each judged by the engine as a notice by letter, recorded as the account's
 * contact and marked confirmed; a reprint the same day records nothing more.
 */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let adminCookie: string;
let bankId: number;
const acc: Record<'newYork' | 'unknown' | 'illinois' | 'represented', { id: number; debtorId: number }> = {} as never;

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);   // business date 2026-03-02
  app = await buildServer(ctx);
  const bank = await newCreditor(db.pool, 'PRAIRIE');
  bankId = bank.id;
  await db.pool.query(`UPDATE creditors SET name = 'First Prairie Bank', repayment_en = 'online at firstprairie.example/pay' WHERE id = $1`, [bank.id]);
  await usContract(db.pool, bank.id);
  const cn = await newCreditor(db.pool, 'HUAYU');
  await db.pool.query(`INSERT INTO contracts (creditor_id, version, name, pack, effective_from) VALUES ($1, 1, '委托合同', 'CN', '2026-01-01')`, [cn.id]);
  const team = await newTeam(db.pool);
  const collector = await newUser(db.pool, 'collector', { teamId: team.id });
  adminCookie = await signInCookie(app, (await newUser(db.pool, 'admin')).username);
  await upsertPage(db.pool, { key: 'home', locale: 'en', title: 'Home', bodyMd: '', fields: { agency_name: 'Leeway Recovery LLC' }, by: null });
  await upsertPage(db.pool, { key: 'contact', locale: 'en', title: 'Contact', bodyMd: '',
    fields: { address_us: '100 Main St, Springfield, IL 62701', phone_us: '(217) 555-0100' }, by: null });
  await db.pool.query(`INSERT INTO agency_licences (jurisdiction, licence_no) VALUES ('US-NY-NYC', '2091234-DCA')`);
  const account = async (region: string | null, address: string) => {
    const a = await newActiveAccount(ctx, { creditorId: bank.id, collectorId: collector.id, teamId: team.id });
    await db.pool.query(`UPDATE debtors SET name = 'Jane Doe', region_code = $2, time_zone = 'America/New_York' WHERE id = $1`, [a.debtorId, region]);
    await db.pool.query('UPDATE accounts SET region_code = $2 WHERE id = $1', [a.id, region]);
    await db.pool.query(`INSERT INTO contact_points (debtor_id, kind, value_enc, value_hash, value_mask, owner, source)
                         VALUES ($1, 'address', $2, $3, '1 W 4th ****', 'debtor', 'placement')`, [a.debtorId, ctx.cipher.encrypt(address), ctx.cipher.matchHash(address)]);
    return { id: a.id, debtorId: a.debtorId };
  };
  acc.newYork = await account('US-NY', '1 W 4th St, New York, NY 10012');
  acc.unknown = await account(null, '9 Elm St, Springfield');
  // This debtor reads Spanish: each letter goes in English and then in Spanish.
  await db.pool.query(`UPDATE debtors SET preferred_language = 'es' WHERE id = $1`, [acc.unknown.debtorId]);
  acc.illinois = await account('US-IL', '12 Oak Ave, Peoria, IL 61602');
  acc.represented = await account('US-NY', '5 Court St, Brooklyn, NY 11201');
  await db.pool.query(`INSERT INTO holds (debtor_id, kind, reason, starts_on) VALUES ($1, 'attorney', 'Represented by counsel', '2026-02-20')`, [acc.represented.debtorId]);
  const promise = (accountId: number, amount: number, due: string, at: string, status = 'open') => db.pool.query(
    `INSERT INTO promises (creditor_id, account_id, amount_fen, due_date, status, created_at) VALUES ($1, $2, $3, $4, $5, $6)`, [bank.id, accountId, amount, due, status, at]);
  // Agreed ten days ago: past the five days. The others this morning (Shanghai).
  await promise(acc.newYork.id, 150_00, '2026-03-10', '2026-02-20T10:00:00+08:00');
  await promise(acc.newYork.id, 99_00, '2026-02-25', '2026-02-18T10:00:00+08:00', 'kept');
  await promise(acc.unknown.id, 80_00, '2026-03-09', '2026-03-02T09:00:00+08:00');
  await promise(acc.illinois.id, 60_00, '2026-03-09', '2026-03-02T09:00:00+08:00');
  await promise(acc.represented.id, 70_00, '2026-03-09', '2026-03-02T09:00:00+08:00');
  await db.pool.query(`INSERT INTO waivers (creditor_id, account_id, interest_fen, fees_fen, principal_fen, status, balance_principal_fen, balance_interest_fen,
      balance_fees_fen, settle_fen, payment, schedule, due_date, offered_on, decided_at)
    VALUES ($1, $2, 200_00, 0, 0, 'approved', 1000_00, 200_00, 0, 1000_00, 'instalments',
      '[{"n": 1, "due_date": "2026-03-31", "amount_fen": 50000}, {"n": 2, "due_date": "2026-04-30", "amount_fen": 50000}]', '2026-04-30', '2026-03-01', '2026-03-02T08:00:00+08:00')`,
  [bank.id, acc.newYork.id]);
  const plan = await db.pool.query(`INSERT INTO instalment_plans (creditor_id, account_id, status, total_fen, created_at) VALUES ($1, $2, 'active', 600_00, '2026-03-01T12:00:00+08:00') RETURNING id`,
    [bank.id, acc.unknown.id]);
  await db.pool.query(`INSERT INTO plan_instalments (creditor_id, plan_id, n, due_date, amount_fen) VALUES ($1, $2, 1, '2026-03-31', 30000), ($1, $2, 2, '2026-04-30', 30000)`,
    [bank.id, plan.rows[0].id]);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const print = (creditor = 'PRAIRIE') => app.inject({ method: 'POST', url: '/api/letters/arrangement-confirmations', headers: { cookie: adminCookie }, payload: { creditor } });
const creditorRow = async () => ((await app.inject({ method: 'GET', url: '/api/creditors', headers: { cookie: adminCookie } })).json().items as Array<Record<string, unknown>>)
  .find((c) => c.code === 'PRAIRIE')!;
const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;

describe('arrangement confirmations (New York)', () => {
  it('the Creditors list counts the live arrangements of New York debtors and of unknown state not yet confirmed, and those past five days', async () => {
    // New York: the open promise (late), the settlement; unknown state: the promise and the plan; the represented debtor's promise.
    // Not the kept promise, nor the Illinois debtor's.
    expect(await creditorRow()).toMatchObject({ arrangement_confirmations_due: 5, arrangement_confirmations_late: 1 });
  });

  it('prints one letter per arrangement the engine allows, records each as the account\'s contact and marks it confirmed; audited', async () => {
    const res = await print();
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="arrangement-confirmations-PRAIRIE-2026-03-02.pdf"');
    expect(res.headers['x-notices-printed']).toBe('4');
    expect(JSON.parse(String(res.headers['x-notices-refused']))).toEqual({ 'US.attorney': 1 });
    if (process.env.KEEP_CONFIRMATIONS_PDF) (await import('node:fs')).writeFileSync(process.env.KEEP_CONFIRMATIONS_PDF, res.rawPayload);
    expect(pages(res.rawPayload)).toBe(2 + 2 * 2);   // the Spanish reader's two letters have a Spanish page each
    const confirmed = (await db.pool.query(`SELECT kind, account_id::int, sent_on::text FROM arrangement_confirmations ORDER BY kind, account_id`)).rows;
    expect(confirmed).toEqual([
      { kind: 'plan', account_id: acc.unknown.id, sent_on: '2026-03-02' },
      { kind: 'promise', account_id: acc.newYork.id, sent_on: '2026-03-02' },
      { kind: 'promise', account_id: acc.unknown.id, sent_on: '2026-03-02' },
      { kind: 'settlement', account_id: acc.newYork.id, sent_on: '2026-03-02' },
    ]);
    const attempts = (await db.pool.query(`SELECT account_id::int, channel, purpose, outcome, note FROM contact_attempts WHERE channel = 'letter' ORDER BY id`)).rows;
    expect(attempts).toHaveLength(4);
    expect(attempts.every((a) => a.purpose === 'notice' && a.outcome === 'sent')).toBe(true);
    // Taken at 10:00 on 2026-02-20 in Shanghai: 21:00 on 2026-02-19 in New York, the debtor's day it was agreed.
    expect(attempts.map((a) => a.note)).toContain('confirmation of promise 1 (agreed 2026-02-19)');
    const audit = (await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'arrangement_confirmations.print'`)).rows[0].detail;
    expect(audit).toMatchObject({ date: '2026-03-02', printed: 4, already: 0, refused: { 'US.attorney': 1 } });
    expect(await creditorRow()).toMatchObject({ arrangement_confirmations_due: 1, arrangement_confirmations_late: 0 });
  });

  it('printing again the same day gives the same letters and records nothing more', async () => {
    const again = await print();
    expect(again.headers['x-notices-printed']).toBe('4');
    expect(again.headers['x-notices-already']).toBe('4');
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM contact_attempts WHERE channel = 'letter'`)).rows[0].n).toBe(4);
  });

  it('a new arrangement is due again; a creditor not under a US contract, or unknown, is refused', async () => {
    // The debtor could not keep the first promise and made another.
    await db.pool.query(`UPDATE promises SET status = 'cancelled', cancel_reason = 'could not keep it' WHERE account_id = $1 AND status = 'open'`, [acc.newYork.id]);
    await db.pool.query(`INSERT INTO promises (creditor_id, account_id, amount_fen, due_date, created_at) VALUES ($1, $2, 100, '2026-03-20', '2026-03-02T09:30:00+08:00')`,
      [bankId, acc.newYork.id]);
    expect(await creditorRow()).toMatchObject({ arrangement_confirmations_due: 2 });
    const cn = await print('HUAYU');
    expect(cn.statusCode).toBe(409);
    expect(cn.json().error.message).toContain('Arrangement confirmations are for New York debtors under a US contract');
    expect((await print('NOSUCH')).statusCode).toBe(404);
  });

  it('three months after the confirmation, each schedule of a New York debtor gets its statement; then not again for three months', async () => {
    // Nothing is due the day the arrangements were confirmed; the creditors list says so.
    expect(await creditorRow()).toMatchObject({ arrangement_statements_due: 0 });
    await db.pool.query(`INSERT INTO payments (creditor_id, account_id, txn_id, amount_fen, paid_on) VALUES ($1, $2, 'S1', 50000, '2026-03-31')`, [bankId, acc.newYork.id]);
    const on = (iso: string): AppContext => ({ ...ctx, now: () => new Date(iso) });
    const june = on('2026-06-02T02:00:00Z');
    // The settlement in two payments and the plan; not the one-off promises.
    expect(await statementsDue(june, bankId)).toBe(2);
    expect(await statementsDue(on('2026-06-01T02:00:00Z'), bankId)).toBe(0);
    const printed = await printArrangementStatements(june, CLI_ACTOR, { creditor: 'PRAIRIE' });
    expect(printed).toMatchObject({ date: '2026-06-02', printed: 2, already: 0, refused: {} });
    expect(pages(printed.file!.body)).toBe(1 + 2);
    expect((await db.pool.query(`SELECT kind, sent_on::text FROM arrangement_statements ORDER BY kind`)).rows)
      .toEqual([{ kind: 'plan', sent_on: '2026-06-02' }, { kind: 'settlement', sent_on: '2026-06-02' }]);
    expect((await db.pool.query(`SELECT note FROM contact_attempts WHERE note LIKE 'statement of %' ORDER BY note`)).rows.map((r) => r.note))
      .toEqual([expect.stringMatching(/^statement of plan \d+$/), expect.stringMatching(/^statement of settlement \d+$/)]);
    expect(await printArrangementStatements(june, CLI_ACTOR, { creditor: 'PRAIRIE' })).toMatchObject({ printed: 2, already: 2 });
    expect(await statementsDue(june, bankId)).toBe(0);
    expect(await statementsDue(on('2026-09-01T02:00:00Z'), bankId)).toBe(0);
    expect(await statementsDue(on('2026-09-02T02:00:00Z'), bankId)).toBe(2);
    expect((await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'arrangement_statements.print' ORDER BY id LIMIT 1`)).rows[0].detail)
      .toMatchObject({ date: '2026-06-02', printed: 2, already: 0 });
  });
});
