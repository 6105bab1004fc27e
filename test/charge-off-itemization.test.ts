import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR, type AppContext } from '../src/app/context.ts';
import { importPlacements } from '../src/app/import/import-placements.ts';
import { upsertPage } from '../src/db/site-repository.ts';
import { verificationCandidates } from '../src/db/validation-notices-repository.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newUser, testContext, usContract } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';
import { tempDir, writeCsv } from './support/import-fixtures.ts';

/**
 * A charged-off debt's figures (核销) from the bank's placement file to the validation notice, on a
 * real database: kept per account with the batch that gave them (other figures later add a row,
 * the same ones nothing); the notice itemizes as of the charge-off with them (12 CFR
 * 1006.34(b)(3)(iv), and so 23 NYCRR 1.2(b)) while they still come to the account's balance, as of
 * the bank's last statement of the balance otherwise (the file that placed or restated it); the Creditors screen counts New York notices still waiting without them.
 */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let adminCookie: string;
let dir: string;

const HEADER = ['Account Number', 'First Name', 'Last Name', 'Address 1', 'City', 'State', 'Zip', 'Balance', 'DOFD', 'Placement Date',
  'Charge-off Date', 'Charge-off Balance', 'Interest Since Charge-off', 'Fees Since Charge-off', 'Payments Since Charge-off'];
// New York, charged off on 2025-12-31 at $2,000.00; $12.50 interest and $35.00 fees since, $100.00 paid: $1,947.50 now.
const NY = ['4100000001', 'Ann', 'Lee', '5 Broad St', 'New York', 'NY', '10004', '$1,947.50', '06/15/2025', '01/15/2026', '12/31/2025', '$2,000.00', '$12.50', '$35.00', '$100.00'];
// New York, no charge-off figures: the notice itemizes as of the placement.
const NY_BARE = ['4100000002', 'Bo', 'Kim', '9 Pearl St', 'New York', 'NY', '10004', '$800.00', '06/15/2025', '01/15/2026', '', '', '', '', ''];
// Illinois, no charge-off figures: New York's rule is not its.
const IL_BARE = ['4100000003', 'Cy', 'Orr', '12 Oak Ave', 'Peoria', 'IL', '61602', '$500.00', '06/15/2025', '01/15/2026', '', '', '', '', ''];

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);   // business date 2026-03-02
  app = await buildServer(ctx);
  dir = await tempDir();
  const { rows: [bank] } = await db.pool.query(`INSERT INTO creditors (code, name) VALUES ('PRAIRIE', 'First Prairie Bank') RETURNING id`);
  await usContract(db.pool, bank.id);
  await upsertPage(db.pool, { key: 'home', locale: 'en', title: 'Home', bodyMd: '', fields: { agency_name: 'Leeway Recovery LLC' }, by: null });
  await upsertPage(db.pool, { key: 'contact', locale: 'en', title: 'Contact', bodyMd: '',
    fields: { address_us: '100 Main St, Springfield, IL 62701', phone_us: '(217) 555-0100', hours_us: 'Mon-Fri 9am-5pm CT' }, by: null });
  adminCookie = await signInCookie(app, (await newUser(db.pool, 'admin')).username);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

const importFile = async (name: string, rows: string[][], header = HEADER) =>
  (await importPlacements(ctx, CLI_ACTOR, { filePath: await writeCsv(path.join(dir, name), header, rows), creditor: 'PRAIRIE',
    errorsPath: path.join(dir, `${name}.errors.csv`) })).summary;
const chargeOffs = async () => (await db.pool.query(`SELECT a.account_no, c.batch_id, to_char(c.charged_off_on, 'YYYY-MM-DD') AS charged_off_on, c.balance_fen,
    c.interest_fen, c.fees_fen, c.paid_fen FROM account_charge_offs c JOIN accounts a ON a.creditor_id = c.creditor_id AND a.id = c.account_id ORDER BY c.id`)).rows;
const creditorRow = async () =>
  ((await app.inject({ method: 'GET', url: '/api/creditors', headers: { cookie: adminCookie } })).json().items as Array<Record<string, unknown>>)
    .find((c) => c.code === 'PRAIRIE');

describe('charge-off figures from the placement file', () => {
  let firstBatch: number;

  it('are kept with the account and the batch that gave them; the same file again adds nothing', async () => {
    const first = await importFile('first.csv', [NY, NY_BARE, IL_BARE]);
    expect(first).toMatchObject({ rows: 3, inserted: 3, updated: 0, rejected: 0 });
    firstBatch = first.batch_id;
    expect(await chargeOffs()).toEqual([{ account_no: '4100000001', batch_id: firstBatch, charged_off_on: '2025-12-31', balance_fen: 200_000, interest_fen: 1_250,
      fees_fen: 3_500, paid_fen: 10_000 }]);
    // The account page shows them to the collector; an account without them shows none.
    const page = async (no: string) => (await app.inject({ method: 'GET', url: `/api/accounts/${(await db.pool.query(`SELECT id FROM accounts WHERE account_no = $1`, [no])).rows[0].id}/page`,
      headers: { cookie: adminCookie } })).json();
    expect((await page('4100000001')).charge_off).toEqual({ charged_off_on: '2025-12-31', balance_fen: 200_000, interest_fen: 1_250, fees_fen: 3_500, paid_fen: 10_000 });
    expect((await page('4100000002')).charge_off).toBeNull();
    const again = await importFile('again.csv', [NY, NY_BARE, IL_BARE]);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    expect(await chargeOffs()).toHaveLength(1);
  });

  it('a row whose figures do not come to its balance is refused, saying by how much, and changes nothing', async () => {
    const wrong = [...NY];
    wrong[14] = '$90.00';
    const summary = await importFile('wrong.csv', [wrong]);
    expect(summary).toMatchObject({ rows: 1, rejected: 1 });
    const errors = await fs.readFile(path.join(dir, 'wrong.csv.errors.csv'), 'utf8');
    expect(errors).toContain('the charge-off figures come to $1,957.50');
    expect(errors).toContain("but the row's balance is $1,947.50");
    expect(errors).toContain('Charge-off Balance');
    expect(await chargeOffs()).toHaveLength(1);
  });

  it('counts the New York notices still waiting without them on the Creditors screen', async () => {
    expect(await creditorRow()).toMatchObject({ validation_notices_due: 3, notices_without_charge_off: 1 });
  });

  it('the notice itemizes as of the charge-off with them, and as of the placement without; a reprint says the same', async () => {
    // A payment reported after the placement is paid since the charge-off too.
    await db.pool.query(`INSERT INTO payments (creditor_id, account_id, txn_id, amount_fen, paid_on)
                         SELECT creditor_id, id, 'T1', 4_750, '2026-02-10' FROM accounts WHERE account_no = '4100000001'`);
    const print = () => app.inject({ method: 'POST', url: '/api/letters/validation-notices', headers: { cookie: adminCookie }, payload: { creditor: 'PRAIRIE' } });
    const res = await print();
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['x-notices-printed']).toBe('3');
    const notices = async () => (await db.pool.query(`SELECT a.account_no, to_char(v.itemization_date, 'YYYY-MM-DD') AS itemization_date, v.itemization_fen,
        v.interest_fen, v.fees_fen, v.paid_fen, v.amount_now_fen, v.charged_off
        FROM validation_notices v JOIN accounts a ON a.creditor_id = v.creditor_id AND a.id = v.account_id ORDER BY a.account_no`)).rows;
    expect(await notices()).toEqual([
      { account_no: '4100000001', itemization_date: '2025-12-31', itemization_fen: 200_000, interest_fen: 1_250, fees_fen: 3_500, paid_fen: 14_750,
        amount_now_fen: 190_000, charged_off: true },
      { account_no: '4100000002', itemization_date: '2026-01-15', itemization_fen: 80_000, interest_fen: 0, fees_fen: 0, paid_fen: 0, amount_now_fen: 80_000,
        charged_off: false },
      { account_no: '4100000003', itemization_date: '2026-01-15', itemization_fen: 50_000, interest_fen: 0, fees_fen: 0, paid_fen: 0, amount_now_fen: 50_000,
        charged_off: false },
    ]);
    expect(await creditorRow()).toMatchObject({ validation_notices_due: 0, notices_without_charge_off: 0 });
    const reprint = await print();
    expect(reprint.headers['x-notices-already']).toBe('3');
    expect(await notices()).toHaveLength(3);
  });

  it('other figures in a later file add a row and count the account updated; a balance restated without them leaves them out of the next notice, which itemizes as of that statement', async () => {
    const later = [...NY];
    later[7] = '$1,960.00';   // $12.50 more interest since the charge-off
    later[12] = '$25.00';
    const summary = await importFile('later.csv', [later]);
    expect(summary).toMatchObject({ rows: 1, updated: 1, unchanged: 0 });
    expect((await chargeOffs()).map((r) => [r.batch_id === firstBatch, r.interest_fen])).toEqual([[true, 1_250], [false, 2_500]]);

    // The balance changed by a file without charge-off figures: they no longer come to it, so they are not used.
    const bare = await importFile('bare.csv', [['4100000001', '$2,500.00']], ['Account Number', 'Balance']);
    expect(bare).toMatchObject({ updated: 1 });
    // The post returns the notice; the new one itemizes as of the bank's last statement of the balance.
    await db.pool.query(`UPDATE validation_notices SET returned_on = '2026-03-02'
                          WHERE account_id = (SELECT id FROM accounts WHERE account_no = '4100000001')`);
    const res = await app.inject({ method: 'POST', url: '/api/letters/validation-notices', headers: { cookie: adminCookie }, payload: { creditor: 'PRAIRIE' } });
    // (The other two, posted today, are reprinted with it.)
    expect([res.headers['x-notices-printed'], res.headers['x-notices-already']]).toEqual(['3', '2']);
    const { rows } = await db.pool.query(`SELECT to_char(itemization_date, 'YYYY-MM-DD') AS itemization_date, itemization_fen, interest_fen, fees_fen, paid_fen,
        charged_off FROM validation_notices WHERE returned_on IS NULL AND account_id = (SELECT id FROM accounts WHERE account_no = '4100000001')`);
    // The bank restated the balance on the file's date (today, the file has no placement date): the notice itemizes as of
    // that statement, and the payment of 2026-02-10 is already in it.
    expect(rows).toEqual([{ itemization_date: '2026-03-02', itemization_fen: 250_000, interest_fen: 0, fees_fen: 0, paid_fen: 0, charged_off: false }]);
  });
});

describe("a New York debtor's dispute of a charged-off debt is answered with its substantiation (23 NYCRR 1.4)", () => {
  const accountId = async (no: string) => (await db.pool.query(`SELECT id FROM accounts WHERE account_no = $1`, [no])).rows[0].id as number;
  const dispute = async (no: string) => {
    const opened = await app.inject({ method: 'POST', url: `/api/accounts/${await accountId(no)}/disputes`, headers: { cookie: adminCookie },
      payload: { reason: 'wrong_amount', description: 'The debtor wrote that the balance is too high.', channel: 'letter' } });
    expect(opened.statusCode, opened.body).toBe(201);
    const id = opened.json().id as number;
    const resolved = await app.inject({ method: 'POST', url: `/api/disputes/${id}/resolution`, headers: { cookie: adminCookie },
      payload: { outcome: 'verified', note: 'Statements checked; the balance is correct.' } });
    expect(resolved.json()).toMatchObject({ status: 'verified', verification_to_mail: true });
    return id;
  };
  const print = (documentsEnclosed?: boolean) => app.inject({ method: 'POST', url: '/api/letters/verifications', headers: { cookie: adminCookie },
    payload: { creditor: 'PRAIRIE', ...(documentsEnclosed === undefined ? {} : { documents_enclosed: documentsEnclosed }) } });
  const disputeRow = async (id: number) => (await db.pool.query(`SELECT verification_sent_on, substantiated_on FROM complaints WHERE id = $1`, [id])).rows[0];

  it('is counted with its deadline, printed only with the bank\'s documents said to be enclosed, and recorded; a second dispute of the debt is verified only', async () => {
    // A settlement agreed earlier on the debt: the substantiation lists it.
    await db.pool.query(`INSERT INTO waivers (creditor_id, account_id, status, settle_fen, decided_at)
                         SELECT creditor_id, id, 'lapsed', 150000, '2026-02-01T02:00:00Z' FROM accounts WHERE account_no = '4100000001'`);
    const ny = await dispute('4100000001');
    const il = await dispute('4100000003');
    // The letter states the amount of the debt now: the bank's statement less what was paid since (100.00 on 2026-02-20).
    await db.pool.query(`INSERT INTO payments (creditor_id, account_id, txn_id, amount_fen, paid_on)
                         SELECT creditor_id, id, 'T-IL', 10_000, '2026-02-20' FROM accounts WHERE account_no = '4100000003'`);
    const { rows: [bank] } = await db.pool.query(`SELECT id FROM creditors WHERE code = 'PRAIRIE'`);
    const candidates = await verificationCandidates(db.pool, { creditorId: bank.id, date: '2026-03-02', zone: 'Asia/Shanghai' });
    expect(candidates.find((c) => c.dispute_id === il)?.amount_fen).toBe(40_000);
    // The New York dispute is due in 60 days (the Cases inbox sorts by it); the Illinois one has no deadline.
    const due = async (id: number) => (await db.pool.query(`SELECT to_char(due_on, 'YYYY-MM-DD') AS due_on FROM complaints WHERE id = $1`, [id])).rows[0].due_on;
    expect([await due(ny), await due(il)]).toEqual(['2026-05-01', null]);
    expect((await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'dispute.open' AND entity_id = $1`, [ny])).rows[0].detail)
      .toMatchObject({ substantiate_by: '2026-05-01' });
    expect(await creditorRow()).toMatchObject({ verifications_due: 2, substantiations_due: 1, substantiate_by: '2026-05-01' });

    const refused = await print();
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ field: 'documents_enclosed' });
    expect(refused.json().error.message).toContain("1 of these letters substantiate a New York debtor's charged-off debt (23 NYCRR 1.4)");
    expect(await disputeRow(ny)).toEqual({ verification_sent_on: null, substantiated_on: null });

    const res = await print(true);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['x-notices-printed']).toBe('2');
    expect(await disputeRow(ny)).toEqual({ verification_sent_on: '2026-03-02', substantiated_on: '2026-03-02' });
    expect(await disputeRow(il)).toEqual({ verification_sent_on: '2026-03-02', substantiated_on: null });
    const audit = (await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'verifications.print' ORDER BY id DESC LIMIT 1`)).rows[0].detail;
    expect(audit).toMatchObject({ printed: 2, substantiated: [ny] });
    expect(await creditorRow()).toMatchObject({ verifications_due: 0, substantiations_due: 0, substantiate_by: null });

    // Owed once while the agency collects the debt: the next dispute is verified without it (and a reprint of today's still says it is enclosed).
    const second = await dispute('4100000001');
    expect(await creditorRow()).toMatchObject({ verifications_due: 1, substantiations_due: 0 });
    expect(await due(second)).toBeNull();
    expect((await print()).statusCode).toBe(409);   // today's substantiation, reprinted with it, goes with the documents again
    expect((await print(true)).headers['x-notices-printed']).toBe('3');
    expect(await disputeRow(second)).toEqual({ verification_sent_on: '2026-03-02', substantiated_on: null });
  });
});

