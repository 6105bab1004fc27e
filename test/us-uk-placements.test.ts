import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR, type AppContext } from '../src/app/context.ts';
import { importContacts } from '../src/app/import/import-contacts.ts';
import { importPlacements } from '../src/app/import/import-placements.ts';
import { planContacts } from '../src/app/compliance/plan-contacts.ts';
import { decideContact } from '../src/app/compliance/contact-state.ts';
import { addContactPoint } from '../src/app/workstation/contact-points.ts';
import { openComplaint } from '../src/app/cases/open-complaint.ts';
import { createSuspension } from '../src/app/suspensions/create-suspension.ts';
import { endSuspension } from '../src/app/suspensions/end-suspension.ts';
import { dealUnassignedAccounts } from '../src/app/assignment/deal-accounts.ts';
import { listTerritoriesFor, setTerritory } from '../src/app/assignment/territories.ts';
import { fillContactZones } from '../src/app/compliance/fill-zones.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newTeam, newUser, testContext, usContract } from './support/fixtures.ts';
import { tempDir, writeCsv } from './support/import-fixtures.ts';
import { signInCookie } from './support/http.ts';

/**
 * US and UK creditors' files on a real database. A US creditor's: the ID number column is read as an SSN or ITIN
 * (masked to its last four), phones as US numbers (+1 and ten digits), the debtor's time zones
 * from the address's state, narrowed by its ZIP code where the state spans zones, no
 * Chinese region; a Chinese ID number or phone in such a file is refused with the column named;
 * the same SSN in another file is the same debtor; a caller is found by the number as dialled.
 * A UK creditor's: National Insurance numbers, UK phones (+44), London time.
 */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
let adminCookie: string;

const HEADER = ['account_no', 'debtor_name', 'id_number', 'phone', 'address', 'principal', 'first_delinquency_date'];

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);   // 2026-03-02 10:00 in Shanghai; 2026-03-01 20:00 in Chicago
  app = await buildServer(ctx);
  dir = await tempDir();
  const { rows: [bank] } = await db.pool.query(`INSERT INTO creditors (code, name) VALUES ('PRAIRIE', 'First Prairie Bank') RETURNING id`);
  await usContract(db.pool, bank.id);
  adminCookie = await signInCookie(app, (await newUser(db.pool, 'admin')).username);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

const debtorOf = async (accountNo: string) => (await db.pool.query(
  `SELECT d.id, d.id_number_mask, d.birth_date, d.region_code, d.time_zone, a.region_code AS account_region
     FROM accounts a JOIN debtors d ON d.id = a.debtor_id WHERE a.account_no = $1`, [accountNo])).rows[0];

describe('a US creditor\'s placement file', () => {
  it('reads SSNs, US phones and the state\'s time zone; refuses a Chinese ID number or phone, naming the column', async () => {
    const file = await writeCsv(path.join(dir, 'us.csv'), HEADER, [
      ['4111000000001234', 'Jane Doe', '123-45-6789', '(217) 555-0100', '12 Oak Ave, Peoria, IL 61602', '2,234.56', '2025-11-15'],
      ['4111000000005678', 'John Roe', '234-56-7890', '+1 850 555 0142', '9 Bay St, Pensacola, FL 32501', '980.00', '2025-12-01'],
      ['4111000000009999', 'Wrong Row', '42010219900307123X', '13800138000', '1 Main St, Boston, MA 02108', '10.00', '2025-12-01'],
    ]);
    const { summary } = await importPlacements(ctx, CLI_ACTOR, { filePath: file, creditor: 'PRAIRIE' });
    expect(summary).toMatchObject({ rows: 3, inserted: 2, rejected: 1 });
    const errors = await fs.readFile(summary.errors_file!, 'utf8');
    expect(errors).toContain('an SSN or ITIN has 9 digits');
    expect(errors).toContain('a phone number is not a US number');

    expect(await debtorOf('4111000000001234')).toMatchObject({ id_number_mask: '***-**-6789', birth_date: null, region_code: 'US-IL',
      time_zone: 'America/Chicago' });
    // Florida spans two zones; Pensacola's ZIP codes (325..) are all on Central time.
    expect(await debtorOf('4111000000005678')).toMatchObject({ id_number_mask: '***-**-7890', time_zone: 'America/Chicago' });
    const phones = (await db.pool.query(`SELECT value_mask FROM contact_points WHERE kind = 'phone' ORDER BY id`)).rows.map((r) => r.value_mask);
    expect(phones).toEqual(['(***) ***-0100', '(***) ***-0142']);
  });

  it('the same SSN in a later file is the same debtor; a skip-trace file\'s US numbers are added to them', async () => {
    const file = await writeCsv(path.join(dir, 'us-2.csv'), HEADER, [
      ['4111000000002468', 'Jane Doe', '123456789', '217-555-0100', '12 Oak Ave, Peoria, IL 61602', '150.00', '2026-01-10'],
    ]);
    expect((await importPlacements(ctx, CLI_ACTOR, { filePath: file, creditor: 'PRAIRIE' })).summary).toMatchObject({ inserted: 1 });
    const first = await debtorOf('4111000000001234');
    expect((await debtorOf('4111000000002468')).id).toBe(first.id);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM contact_points WHERE debtor_id = $1 AND kind = 'phone'`, [first.id])).rows[0].n).toBe(1);

    const trace = await writeCsv(path.join(dir, 'trace.csv'), ['account_no', 'phone', 'source'], [['4111000000001234', '(309) 555-0177', 'vendor']]);
    expect((await importContacts(ctx, CLI_ACTOR, { filePath: trace, creditor: 'PRAIRIE' })).summary).toMatchObject({ inserted: 1, rejected: 0 });
    expect((await db.pool.query(`SELECT value_mask FROM contact_points WHERE debtor_id = $1 AND kind = 'phone' ORDER BY id`, [first.id])).rows.map((r) => r.value_mask))
      .toEqual(['(***) ***-0100', '(***) ***-0177']);
  });

  it('a caller is found by the number on the display, as dialled; the engine judges the debtor in their state\'s zone', async () => {
    const lookup = await app.inject({ method: 'POST', url: '/api/accounts/caller-lookup', headers: { cookie: adminCookie }, payload: { phone: '(217) 555-0100' } });
    expect(lookup.statusCode, lookup.body).toBe(200);
    const accounts = lookup.json().matches[0].accounts as Array<{ account_no_mask: string; currency: string }>;
    expect(accounts.map((a) => a.currency)).toEqual(['USD', 'USD']);
    // Dialled with the US 1 first (which a Chinese mobile's 11 digits could also be), the same debtor.
    for (const phone of ['12175550100', '1 (217) 555-0100']) {
      const dialled = await app.inject({ method: 'POST', url: '/api/accounts/caller-lookup', headers: { cookie: adminCookie }, payload: { phone } });
      expect(dialled.json().matches.map((m: { debtor_id: number }) => m.debtor_id), phone).toEqual([lookup.json().matches[0].debtor_id]);
    }
    // Or by the SSN the caller gives, however written.
    const bySsn = await app.inject({ method: 'POST', url: '/api/accounts/caller-lookup', headers: { cookie: adminCookie }, payload: { id_number: '123-45-6789' } });
    expect(bySsn.statusCode, bySsn.body).toBe(200);
    expect(bySsn.json()).toMatchObject({ matched_by: 'id_number', value_mask: '***-**-6789', matches: [{ debtor_id: lookup.json().matches[0].debtor_id }] });
    const accountId = (await db.pool.query(`SELECT id FROM accounts WHERE account_no = '4111000000001234'`)).rows[0].id;
    const check = (await app.inject({ method: 'GET', url: `/api/accounts/${accountId}/contact-check?channel=call`, headers: { cookie: adminCookie } })).json();
    // 20:00 in Peoria is within hours; the notice has not gone yet.
    expect(check.reasons.map((r: { rule: string }) => r.rule)).toEqual(['US.validation_notice']);
    // An agency whose only creditor is a US bank has its totals in dollars.
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: adminCookie } })).json().user.agency_currency).toBe('USD');
  });

  it('judges a debtor in every zone of their address and their own phones\' areas (12 CFR 1006.6(b)(1)(i)), in a check and in the call plan', async () => {
    // Peoria, Illinois (Central time) with a New York mobile: 20:00 in Peoria is 21:00 in New York, too late there.
    const file = await writeCsv(path.join(dir, 'us-zones.csv'), HEADER, [
      ['4111000000007777', 'Ann Poe', '345-67-8901', '(646) 555-0123', '40 Elm St, Peoria, IL 61602', '500.00', '2025-12-01'],
    ]);
    expect((await importPlacements(ctx, CLI_ACTOR, { filePath: file, creditor: 'PRAIRIE' })).summary).toMatchObject({ inserted: 1 });
    const { rows: [ann] } = await db.pool.query(`SELECT a.id, a.creditor_id, a.debtor_id, d.time_zone FROM accounts a JOIN debtors d ON d.id = a.debtor_id
      WHERE a.account_no = '4111000000007777'`);
    expect(ann.time_zone).toBe('America/Chicago');
    expect((await db.pool.query(`SELECT time_zones FROM contact_points WHERE debtor_id = $1 AND kind = 'phone'`, [ann.debtor_id])).rows)
      .toEqual([{ time_zones: ['America/New_York'] }]);
    // Her validation notice went a month ago, so only the hours decide.
    await db.pool.query(`INSERT INTO validation_notices (creditor_id, account_id, sent_on, validation_ends_on, itemization_date, itemization_fen,
      interest_fen, fees_fen, paid_fen, amount_now_fen, contact_attempt_id) VALUES ($1, $2, '2026-02-01', '2026-03-10', '2026-01-15', 50000, 0, 0, 0, 50000, 0)`,
      [ann.creditor_id, ann.id]);
    const check = (await app.inject({ method: 'GET', url: `/api/accounts/${ann.id}/contact-check?channel=call`, headers: { cookie: adminCookie } })).json();
    expect(check.reasons.map((r: { rule: string }) => r.rule)).toEqual(['US.hours']);
    expect(JSON.stringify(check.reasons)).toContain('America/New_York');
    const page = (await app.inject({ method: 'GET', url: `/api/accounts/${ann.id}/page`, headers: { cookie: adminCookie } })).json();
    expect(page.debtor.time_zone).toBe('America/Chicago … America/New_York');

    // The call plan reads the same zones: at 09:00 in Shanghai (19:00 Peoria, 20:00 New York) she is on it, at 10:00 she is not.
    const planned = async (time: string) => {
      const ids: number[] = [];
      const summary = await planContacts(ctx, CLI_ACTOR, { date: '2026-03-02', time, channel: 'call' }, (c) => ids.push(c.account_id));
      return { ids, summary };
    };
    expect((await planned('09:00')).ids).toContain(ann.id);
    const late = await planned('10:00');
    expect(late.ids).not.toContain(ann.id);
    expect(late.summary.left_out_by_rule['US.hours']).toBeGreaterThanOrEqual(1);

    // Were she a New Yorker, a text plan (and the nightly reminders, which plan the same way) would leave her out until she agreed to texts at her number.
    const { rows: [before] } = await db.pool.query(`SELECT region_code FROM accounts WHERE id = $1`, [ann.id]);
    try {
      await db.pool.query(`UPDATE accounts SET region_code = 'US-NY' WHERE id = $1`, [ann.id]);
      const texts = async () => {
        const ids: number[] = [];
        const summary = await planContacts(ctx, CLI_ACTOR, { date: '2026-03-02', time: '09:00', channel: 'sms' }, (c) => ids.push(c.account_id));
        return { ids, summary };
      };
      const refused = await texts();
      expect(refused.ids).not.toContain(ann.id);
      expect(refused.summary.left_out_by_rule['US.nyc_electronic_consent']).toBeGreaterThanOrEqual(1);
      await db.pool.query(`UPDATE contact_points SET debtor_consented = true WHERE debtor_id = $1 AND kind = 'phone'`, [ann.debtor_id]);
      expect((await texts()).ids).toContain(ann.id);
    } finally {
      await db.pool.query(`UPDATE accounts SET region_code = $2 WHERE id = $1`, [ann.id, before!.region_code]);
      await db.pool.query(`UPDATE contact_points SET debtor_consented = false WHERE debtor_id = $1 AND kind = 'phone'`, [ann.debtor_id]);
    }
  });

  it('reads a US bank\'s file as it comes (parts, month-first dates); its birth date lets the debtor pass the portal\'s check with their SSN\'s last four', async () => {
    // As a US bank sends it: the name, the address and the phones in parts, one balance, dates month first.
    const file = await writeCsv(path.join(dir, 'us-dob.csv'), ['Account Number', 'First Name', 'Last Name', 'SSN', 'Date of Birth', 'Address 1', 'City',
      'State', 'Zip', 'Cell Phone', 'Home Phone', 'Balance', 'DOFD'], [
      ['4111000000003333', 'Lee', 'Moe', '456-78-9012', '07/04/1980', '5 Pine St', 'Seattle', 'Washington', '98101', '(217) 555-0133', '(206) 555-0134',
        '$300.00', '11/15/2025'],
    ]);
    const { summary } = await importPlacements(ctx, CLI_ACTOR, { filePath: file, creditor: 'PRAIRIE' });
    expect(summary).toMatchObject({ inserted: 1, rejected: 0 });
    const { rows: [lee] } = await db.pool.query(`SELECT a.id, a.principal_fen, a.first_delinquency_date::text AS fdd, d.name, d.birth_date::text AS dob,
        d.time_zone, (SELECT array_agg(value_mask ORDER BY id) FROM contact_points cp WHERE cp.debtor_id = d.id AND cp.kind = 'phone') AS phones
      FROM accounts a JOIN debtors d ON d.id = a.debtor_id WHERE a.account_no = '4111000000003333'`);
    expect(lee).toMatchObject({ principal_fen: 30000, fdd: '2025-11-15', name: 'Lee Moe', dob: '1980-07-04', time_zone: 'America/Los_Angeles',
      phones: ['(***) ***-0133', '(***) ***-0134'] });

    const link = await app.inject({ method: 'POST', url: `/api/accounts/${lee.id}/portal-link`, headers: { cookie: adminCookie }, payload: { sms: false } });
    expect(link.statusCode, link.body).toBe(200);
    const opened = await app.inject({ method: 'POST', url: link.json().path, remoteAddress: '10.9.0.1' });
    const cookie = opened.cookies.find((c) => c.name === 'leeway_portal')!;
    const verify = (form: Record<string, string>) => app.inject({ method: 'POST', url: '/my/verify', remoteAddress: '10.9.0.1',
      headers: { cookie: `leeway_portal=${cookie.value}`, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() });
    // A day off is refused (the check is the SSN's last four and the birth date from the file).
    expect((await verify({ id_last4: '9012', birth_date: '1980-07-05' })).statusCode).toBe(401);
    const passed = await verify({ id_last4: '9012', birth_date: '1980-07-04' });
    expect(passed.statusCode, passed.body).toBe(303);
    expect(passed.headers.location).toBe('/my');
  });

  it('takes the language a new debtor reads from the file (a code or its name), refuses one it cannot read with its column, and a Spanish reader gets the notice in Spanish too', async () => {
    const header = ['Account Number', 'Name', 'SSN', 'Cell Phone', 'Address', 'Balance', 'DOFD', 'Preferred Language'];
    const file = await writeCsv(path.join(dir, 'us-language.csv'), header, [
      ['4111000000008001', 'Eva Ruiz', '901-23-4567', '(802) 555-0181', '7 Elm St, Burlington, VT 05401', '$120.00', '11/15/2025', 'Spanish'],
      ['4111000000008002', 'Luis Ruiz', '012-34-5678', '(802) 555-0182', '8 Elm St, Burlington, VT 05401', '$130.00', '11/15/2025', 'es-US'],
      ['4111000000008003', 'Tam Ng', '123-45-6780', '(802) 555-0183', '9 Elm St, Burlington, VT 05401', '$140.00', '11/15/2025', 'Vietnamese'],
      ['4111000000008004', 'Ann Lee', '234-56-7801', '(802) 555-0184', '10 Elm St, Burlington, VT 05401', '$150.00', '11/15/2025', ''],
      ['4111000000008005', 'Zed Roe', '345-67-8012', '(802) 555-0185', '11 Elm St, Burlington, VT 05401', '$160.00', '11/15/2025', 'Klingon'],
      ['4111000000008006', 'Max Li', '456-78-9013', '(802) 555-0186', '12 Elm St, Burlington, VT 05401', '$170.00', '11/15/2025', ''],
    ]);
    const { summary } = await importPlacements(ctx, CLI_ACTOR, { filePath: file, creditor: 'PRAIRIE' });
    expect(summary).toMatchObject({ rows: 6, inserted: 5, rejected: 1 });
    const errors = await fs.readFile(summary.errors_file!, 'utf8');
    expect(errors).toContain('Preferred Language');
    expect(errors).toContain('""Klingon"" is not a language we know: write its ISO 639-1 code, such as es (Spanish), en or zh');   // CSV-quoted
    const languages = (await db.pool.query(`SELECT a.account_no, d.preferred_language FROM accounts a JOIN debtors d ON d.id = a.debtor_id
      WHERE a.account_no LIKE '411100000000800%' ORDER BY a.account_no`)).rows;
    expect(languages).toEqual([
      { account_no: '4111000000008001', preferred_language: 'es' }, { account_no: '4111000000008002', preferred_language: 'es' },
      { account_no: '4111000000008003', preferred_language: 'vi' }, { account_no: '4111000000008004', preferred_language: null },
      { account_no: '4111000000008006', preferred_language: null },
    ]);
    // The next file: a debtor on file with no language recorded takes the file's (a known account's row, or a new account of a
    // debtor found by SSN); one with a language recorded keeps it.
    const next = await writeCsv(path.join(dir, 'us-language-2.csv'), header, [
      ['4111000000008001', 'Eva Ruiz', '901-23-4567', '(802) 555-0181', '7 Elm St, Burlington, VT 05401', '$120.00', '11/15/2025', 'English'],
      ['4111000000008004', 'Ann Lee', '234-56-7801', '(802) 555-0184', '10 Elm St, Burlington, VT 05401', '$150.00', '11/15/2025', 'Spanish'],
      ['4111000000008007', 'Tam Ng', '123-45-6780', '(802) 555-0183', '9 Elm St, Burlington, VT 05401', '$90.00', '11/15/2025', 'es'],
      ['4111000000008008', 'Max Li', '456-78-9013', '(802) 555-0186', '12 Elm St, Burlington, VT 05401', '$80.00', '11/15/2025', '中文'],
    ]);
    expect((await importPlacements(ctx, CLI_ACTOR, { filePath: next, creditor: 'PRAIRIE' })).summary).toMatchObject({ rows: 4, inserted: 2, rejected: 0 });
    const after = (await db.pool.query(`SELECT a.account_no, d.preferred_language FROM accounts a JOIN debtors d ON d.id = a.debtor_id
      WHERE a.account_no LIKE '411100000000800%' ORDER BY a.account_no`)).rows.map((r) => [r.account_no.slice(-1), r.preferred_language]);
    expect(after).toEqual([['1', 'es'], ['2', 'es'], ['3', 'vi'], ['4', 'es'], ['6', 'zh'], ['7', 'vi'], ['8', 'zh']]);
    // The account page shows it; the collector may change it.
    const { rows: [eva] } = await db.pool.query(`SELECT id FROM accounts WHERE account_no = '4111000000008001'`);
    const page = (await app.inject({ method: 'GET', url: `/api/accounts/${eva.id}/page`, headers: { cookie: adminCookie } })).json();
    expect(page.debtor.preferred_language).toBe('es');
  });

  it('takes the debtor\'s e-mail address from the file: a contact point (masked), not added twice, a second one when the bank sends a new one; a malformed one refused with its column', async () => {
    const header = ['Account Number', 'Name', 'SSN', 'Cell Phone', 'Address', 'Balance', 'DOFD', 'Email Address'];
    const first = await writeCsv(path.join(dir, 'us-email.csv'), header, [
      ['4111000000007001', 'Ann Poe', '567-89-0123', '(802) 555-0171', '3 Elm St, Burlington, VT 05401', '$120.00', '11/15/2025', ' ann.poe@example.com '],
      ['4111000000007002', 'Bob Poe', '678-90-1234', '(802) 555-0172', '4 Elm St, Burlington, VT 05401', '$130.00', '11/15/2025', ''],
      ['4111000000007003', 'Cy Poe', '789-01-2345', '(802) 555-0173', '5 Elm St, Burlington, VT 05401', '$140.00', '11/15/2025', 'cy.poe at example.com'],
      ['4111000000007004', 'Di Poe', '890-12-3456', '(802) 555-0174', '6 Elm St, Burlington, VT 05401', '$150.00', '11/15/2025', 'a@example.com; b@example.com'],
    ]);
    const { summary } = await importPlacements(ctx, CLI_ACTOR, { filePath: first, creditor: 'PRAIRIE' });
    expect(summary).toMatchObject({ rows: 4, inserted: 2, rejected: 2 });
    const errors = await fs.readFile(summary.errors_file!, 'utf8');
    expect(errors).toContain('is not one e-mail address');
    expect(errors.split('\n').filter((l) => l.includes('Email Address') && l.includes('e-mail address')).length).toBe(2);   // the column as the file names it

    const emails = async (accountNo: string) => (await db.pool.query(
      `SELECT cp.value_mask, cp.owner, cp.source, cp.time_zones FROM contact_points cp JOIN accounts a ON a.debtor_id = cp.debtor_id
        WHERE a.account_no = $1 AND cp.kind = 'email' ORDER BY cp.id`, [accountNo])).rows;
    expect(await emails('4111000000007001')).toEqual([{ value_mask: 'a***@example.com', owner: 'debtor', source: expect.stringMatching(/^placement:\d+$/), time_zones: null }]);
    expect(await emails('4111000000007002')).toEqual([]);
    const { rows: [point] } = await db.pool.query(`SELECT cp.value_enc FROM contact_points cp JOIN accounts a ON a.debtor_id = cp.debtor_id
      WHERE a.account_no = '4111000000007001' AND cp.kind = 'email'`);
    expect(ctx.cipher.decrypt(point.value_enc)).toBe('ann.poe@example.com');

    // The next day's file: Ann's address in other case (the same address: nothing added), a new one for Bob.
    const second = await writeCsv(path.join(dir, 'us-email-2.csv'), header, [
      ['4111000000007001', 'Ann Poe', '567-89-0123', '(802) 555-0171', '3 Elm St, Burlington, VT 05401', '$120.00', '11/15/2025', 'Ann.Poe@Example.com'],
      ['4111000000007002', 'Bob Poe', '678-90-1234', '(802) 555-0172', '4 Elm St, Burlington, VT 05401', '$130.00', '11/15/2025', 'bob@example.org'],
    ]);
    expect((await importPlacements(ctx, CLI_ACTOR, { filePath: second, creditor: 'PRAIRIE' })).summary).toMatchObject({ rows: 2, rejected: 0, inserted: 0, updated: 1, unchanged: 1 });
    expect((await emails('4111000000007001')).length).toBe(1);
    expect(await emails('4111000000007002')).toEqual([expect.objectContaining({ value_mask: 'b***@example.org', owner: 'debtor' })]);
    // The imported address is judged as any contact point (11:00 on a Monday in Burlington): held back until the validation notice is
    // mailed, and, being the bank's, outside Reg F's safe harbour (12 CFR 1006.6(d)(4)) unless the bank told Bob we may use it.
    const { rows: [bob] } = await db.pool.query(`SELECT a.id, a.creditor_id, cp.id AS point FROM accounts a JOIN contact_points cp ON cp.debtor_id = a.debtor_id AND cp.kind = 'email'
      WHERE a.account_no = '4111000000007002'`);
    const rules = async (at: string) => (await decideContact(ctx, db.pool, bob.id, { channel: 'email', party: 'debtor', purpose: 'collect', contactPointId: bob.point,
      at: new Date(at) })).reasons.map((r) => r.rule).sort();
    expect(await rules('2026-03-02T16:00:00Z')).toEqual(['US.email_safe_harbor', 'US.validation_notice']);
    // The contract says the bank's placement notice tells its debtors we may e-mail them (creditor_email_notice): from the 35th day
    // after the placement (2026-03-02, the import's business date) the address may be e-mailed; not on the 34th.
    await db.pool.query(`UPDATE contracts SET terms = terms || '{"creditor_email_notice": true}' WHERE creditor_id = $1`, [bob.creditor_id]);
    try {
      expect(await rules('2026-04-05T16:00:00Z')).toEqual(['US.email_safe_harbor', 'US.validation_notice']);
      const early = await decideContact(ctx, db.pool, bob.id, { channel: 'email', party: 'debtor', purpose: 'collect', contactPointId: bob.point, at: new Date('2026-03-02T16:00:00Z') });
      expect(early.reasons.find((r) => r.rule === 'US.email_safe_harbor')?.message).toMatch(/^The creditor told the debtor on 2026-03-02 that we may e-mail this address/);
      expect(await rules('2026-04-06T16:00:00Z')).toEqual(['US.validation_notice']);
    } finally {
      await db.pool.query(`UPDATE contracts SET terms = terms - 'creditor_email_notice' WHERE creditor_id = $1`, [bob.creditor_id]);
    }
  });

  it('a work e-mail address (the employer\'s) a collector marks as such is not e-mailed (12 CFR 1006.22(f)(3)), unless the debtor asked for it; the account page says which', async () => {
    const { rows: [bob] } = await db.pool.query(`SELECT id FROM accounts WHERE account_no = '4111000000007002'`);
    const collector = await newUser(db.pool, 'admin');
    const actor = { userId: collector.id, username: collector.username, role: 'admin' as const, teamId: null, creditorId: null };
    const add = (value: string, flags: { employerProvided?: boolean; debtorConsented?: boolean }) => addContactPoint(ctx, actor, bob.id,
      { kind: 'email', value, owner: 'debtor', source: 'debtor told us', reliability: 'high', ...flags });
    const work = await add('bob.poe@acme-corp.example', { employerProvided: true });
    const asked = await add('b.poe@acme-corp.example', { employerProvided: true, debtorConsented: true });
    const at = new Date('2026-03-02T16:00:00Z');
    const rules = async (point: number) => (await decideContact(ctx, db.pool, bob.id, { channel: 'email', party: 'debtor', purpose: 'collect', contactPointId: point, at }))
      .reasons.map((r) => r.rule).sort();
    expect(await rules(work.contact_point_id)).toEqual(['US.email_safe_harbor', 'US.validation_notice', 'US.work_email']);
    expect(await rules(asked.contact_point_id)).toEqual(['US.validation_notice']);
    const page = (await app.inject({ method: 'GET', url: `/api/accounts/${bob.id}/page`, headers: { cookie: adminCookie } })).json();
    expect(page.contact_points.filter((p: { kind: string }) => p.kind === 'email').map((p: { value_mask: string; employer_provided: boolean; debtor_consented: boolean }) =>
      [p.value_mask, p.employer_provided, p.debtor_consented])).toEqual([['b***@example.org', false, false], ['b***@acme-corp.example', true, false], ['b***@acme-corp.example', true, true]]);
  });

  it('a phone a collector adds widens the zones; a third party\'s number does not', async () => {
    // 08:30 in Peoria is 06:30 in Seattle.
    const morning = { ...ctx, now: () => new Date('2026-03-02T14:30:00Z') };
    const { rows: [jane] } = await db.pool.query(`SELECT id FROM accounts WHERE account_no = '4111000000001234'`);
    const rules = async () => (await decideContact(morning, db.pool, jane.id, { channel: 'call', party: 'debtor', purpose: 'collect', at: morning.now() }))
      .reasons.map((r) => r.rule);
    expect(await rules()).not.toContain('US.hours');
    await addContactPoint(morning, CLI_ACTOR, jane.id, { kind: 'phone', value: '+1 (206) 555-0188', owner: 'third_party', thirdPartyName: 'Sam Doe',
      relation: 'brother', source: 'collector', reliability: 'medium' });
    expect(await rules()).not.toContain('US.hours');
    await addContactPoint(morning, CLI_ACTOR, jane.id, { kind: 'phone', value: '(206) 555-0199', owner: 'debtor', source: 'debtor', reliability: 'high' });
    expect(await rules()).toContain('US.hours');
  });

  it('a split state\'s address places its debtor by the ZIP code, and in both zones where the ZIP code does not tell', async () => {
    const file = await writeCsv(path.join(dir, 'us-split.csv'), HEADER, [
      ['4111000000004321', 'Ray Cole', '456-78-1122', '', '3 Reid Ave, Port St Joe, FL 32456', '700.00', '2025-12-01'],
      ['4111000000008765', 'Eve Diaz', '567-89-3344', '', '8 Mesa St, El Paso, TX 79901', '700.00', '2025-12-01'],
    ]);
    expect((await importPlacements(ctx, CLI_ACTOR, { filePath: file, creditor: 'PRAIRIE' })).summary).toMatchObject({ inserted: 2 });
    const ray = await debtorOf('4111000000004321');
    expect(ray.time_zone).toBe('America/New_York');
    expect((await db.pool.query(`SELECT time_zones FROM contact_points WHERE debtor_id = $1 AND kind = 'address'`, [ray.id])).rows)
      .toEqual([{ time_zones: ['America/New_York', 'America/Chicago'] }]);
    expect(await debtorOf('4111000000008765')).toMatchObject({ time_zone: 'America/Denver' });
    // 08:30 on the Eastern side of Gulf County is 07:30 on its Central side: too early until 09:00 Eastern.
    const rules = async (at: string) => {
      const when = { ...ctx, now: () => new Date(at) };
      const { rows: [account] } = await db.pool.query(`SELECT id FROM accounts WHERE account_no = '4111000000004321'`);
      const decision = await decideContact(when, db.pool, account.id, { channel: 'call', party: 'debtor', purpose: 'collect', at: when.now() });
      return decision.reasons.filter((r) => r.rule === 'US.hours').map((r) => r.message);
    };
    expect((await rules('2026-03-02T13:30:00Z')).join()).toContain('America/Chicago');
    expect(await rules('2026-03-02T14:00:00Z')).toEqual([]);
  });

  it('a debtor in Massachusetts is called or texted at most twice in 7 days about one debt (940 CMR 7.04(1)(f)); one in Illinois is not held to it', async () => {
    const file = await writeCsv(path.join(dir, 'us-ma.csv'), HEADER, [
      ['4111000000006611', 'Kim Hale', '678-90-1122', '(617) 555-0161', '7 Beacon St, Boston, MA 02108', '400.00', '2025-12-01'],
      ['4111000000006622', 'Lou Park', '678-90-3344', '(309) 555-0162', '7 Main St, Peoria, IL 61602', '400.00', '2025-12-01'],
    ]);
    expect((await importPlacements(ctx, CLI_ACTOR, { filePath: file, creditor: 'PRAIRIE' })).summary).toMatchObject({ inserted: 2 });
    expect(await debtorOf('4111000000006611')).toMatchObject({ region_code: 'US-MA' });
    const noon = { ...ctx, now: () => new Date('2026-03-02T17:00:00Z') }; // 12:00 in Boston, 11:00 in Peoria
    const refusals = async (accountNo: string, channel: 'call' | 'sms') => {
      const { rows: [account] } = await db.pool.query(`SELECT id FROM accounts WHERE account_no = $1`, [accountNo]);
      return (await decideContact(noon, db.pool, account.id, { channel, party: 'debtor', purpose: 'collect', at: noon.now() })).reasons.map((r) => r.rule)
        .filter((rule) => rule !== 'US.validation_notice');
    };
    for (const accountNo of ['4111000000006611', '4111000000006622']) {
      // A call on Friday and a text on Sunday.
      for (const [channel, outcome, at] of [['call', 'no_answer', '2026-02-27T15:00:00Z'], ['sms', 'sms_sent', '2026-03-01T15:00:00Z']]) {
        await db.pool.query(`INSERT INTO contact_attempts (creditor_id, account_id, debtor_id, channel, party, purpose, outcome, initiated_by, at)
          SELECT creditor_id, id, debtor_id, $2, 'debtor', 'collect', $3, 'agency', $4 FROM accounts WHERE account_no = $1`, [accountNo, channel, outcome, at]);
      }
    }
    expect(await refusals('4111000000006611', 'call')).toEqual(['US.massachusetts_calls']);
    expect(await refusals('4111000000006611', 'sms')).toEqual(['US.massachusetts_calls']);
    expect(await refusals('4111000000006622', 'call')).toEqual([]);
  });

  it('the recovery report\'s regions are the states of a US creditor\'s accounts', async () => {
    const report = (await app.inject({ method: 'GET', url: '/api/reports/recovery?by=region&creditor=PRAIRIE', headers: { cookie: adminCookie } })).json();
    const lines = new Map(report.lines.map((l: { key: string; label: string; accounts: number }) => [l.key, [l.label, l.accounts]]));
    expect(lines.get('US-IL')).toEqual(['Illinois (IL)', 4]);
    expect(lines.get('US-WA')).toEqual(['Washington (WA)', 1]);
    expect(lines.get('US-MA')).toEqual(['Massachusetts (MA)', 1]);
    expect(lines.get('US-FL')).toEqual(['Florida (FL)', 2]);
    expect(report.currency).toBe('USD');
    // The accounts list and the account page name the state.
    const [listed] = (await app.inject({ method: 'GET', url: '/api/accounts?q=4111000000006611', headers: { cookie: adminCookie } })).json().items;
    expect(listed).toMatchObject({ region_code: 'US-MA', region_name: 'Massachusetts', region_name_en: 'Massachusetts' });
    const page = (await app.inject({ method: 'GET', url: `/api/accounts/${listed.id}/page`, headers: { cookie: adminCookie } })).json();
    expect(page.account).toMatchObject({ region_code: 'US-MA', region_name: 'Massachusetts', region_name_en: 'Massachusetts' });
  });

  it('a suspension over a US state (after a hurricane, say) stops contact with that state\'s debtors; a Chinese region\'s does not reach a US account', async () => {
    const { rows: [ray] } = await db.pool.query(`SELECT id FROM accounts WHERE account_no = '4111000000004321'`);   // Port St Joe, FL
    const { rows: [lou] } = await db.pool.query(`SELECT id FROM accounts WHERE account_no = '4111000000006622'`);   // Peoria, IL
    const noon = { ...ctx, now: () => new Date('2026-03-02T17:00:00Z') };
    const rules = async (accountId: number) => (await decideContact(noon, db.pool, accountId, { channel: 'call', party: 'debtor', purpose: 'collect', at: noon.now() }))
      .reasons.map((r) => r.rule);
    const hurricane = await createSuspension(ctx, CLI_ACTOR, { scope: 'region', code: 'us-fl', from: '2026-03-01', to: '2026-03-31', reason: 'Hurricane' });
    const hubei = await createSuspension(ctx, CLI_ACTOR, { scope: 'region', code: '420000', from: '2026-03-01', to: '2026-03-31', reason: '汛期' });
    try {
      expect(hurricane.suspension.code).toBe('US-FL');
      expect(await rules(ray.id)).toContain('US.suspension');
      expect(await rules(lou.id)).not.toContain('US.suspension');
      await expect(createSuspension(ctx, CLI_ACTOR, { scope: 'region', code: 'US-XX', from: '2026-03-01', reason: 'x' })).rejects.toThrow(/nor a US state/);
    } finally {
      await endSuspension(ctx, CLI_ACTOR, hurricane.suspension.id);
      await endSuspension(ctx, CLI_ACTOR, hubei.suspension.id);
    }
    expect(await rules(ray.id)).not.toContain('US.suspension');
  });

  it('a US creditor\'s accounts are dealt by state: a territory US-MA takes the Massachusetts debtors', async () => {
    const boston = await newTeam(db.pool, 'Boston desk');
    const collector = await newUser(db.pool, 'collector', { teamId: boston.id });
    await setTerritory(ctx, CLI_ACTOR, { creditorCode: 'PRAIRIE', regionPrefix: 'us-ma', team: boston.id });
    expect((await listTerritoriesFor(ctx, CLI_ACTOR)).map((t) => [t.region_prefix, t.region_name])).toContainEqual(['US-MA', 'Massachusetts']);
    const summary = await dealUnassignedAccounts(ctx, CLI_ACTOR, { creditorCode: 'PRAIRIE' });
    expect(summary).toMatchObject({ dealt: 1 });
    const { rows } = await db.pool.query(`SELECT a.account_no FROM assignments s JOIN accounts a ON a.id = s.account_id
      WHERE s.collector_id = $1 AND s.ended_at IS NULL`, [collector.id]);
    expect(rows).toEqual([{ account_no: '4111000000006611' }]);
  });
});

describe('a UK creditor\'s placement file', () => {
  it('reads National Insurance numbers and UK phones, files the debtor on London time, and the account is owed in pounds', async () => {
    const { rows: [bank] } = await db.pool.query(`INSERT INTO creditors (code, name) VALUES ('ALBION', 'Albion Bank') RETURNING id`);
    await db.pool.query(`INSERT INTO contracts (creditor_id, version, name, pack, effective_from) VALUES ($1, 1, 'UK agreement', 'UK', '2026-01-01')`, [bank.id]);
    const file = await writeCsv(path.join(dir, 'uk.csv'), HEADER, [
      ['5500000000001234', 'Sam Smith', 'AB 12 34 56 C', '07700 900123', '1 High St, Leeds LS1 1AA', '950.00', '2025-11-15'],
      ['5500000000005678', 'Wrong Row', '42010219900307123X', '13800138000', '2 High St, Leeds', '10.00', '2025-11-15'],
    ]);
    const { summary } = await importPlacements(ctx, CLI_ACTOR, { filePath: file, creditor: 'ALBION' });
    expect(summary).toMatchObject({ inserted: 1, rejected: 1 });
    expect(await fs.readFile(summary.errors_file!, 'utf8')).toContain('a National Insurance number is two letters, six digits and A-D');
    const debtor = await debtorOf('5500000000001234');
    expect(debtor).toMatchObject({ id_number_mask: '******56C', region_code: null, time_zone: 'Europe/London' });
    expect((await db.pool.query(`SELECT value_mask FROM contact_points WHERE debtor_id = $1 AND kind = 'phone'`, [debtor.id])).rows).toEqual([{ value_mask: '+44******0123' }]);
    const list = (await app.inject({ method: 'GET', url: '/api/accounts?q=5500000000001234', headers: { cookie: adminCookie } })).json().items;
    expect(list.map((a: { currency: string }) => a.currency)).toEqual(['GBP']);
    // A UK mobile typed as it is dialled in the UK, with its trunk 0, finds the debtor.
    const lookup = await app.inject({ method: 'POST', url: '/api/accounts/caller-lookup', headers: { cookie: adminCookie }, payload: { phone: '07700 900123' } });
    expect(lookup.statusCode, lookup.body).toBe(200);
    expect(lookup.json()).toMatchObject({ value_mask: '+44******0123', matches: [{ debtor_id: debtor.id, party: 'debtor' }] });
    // Delinquent since 2025-11-15: not statute-barred. Five years back it would be, by Scotland's 5 years (no region on file).
    const { rows: [sam] } = await db.pool.query(`SELECT id FROM accounts WHERE account_no = '5500000000001234'`);
    const pageOf = async () => (await app.inject({ method: 'GET', url: `/api/accounts/${sam.id}/page`, headers: { cookie: adminCookie } })).json();
    expect((await pageOf()).time_barred).toBeNull();
    await db.pool.query(`UPDATE accounts SET first_delinquency_date = '2021-01-10' WHERE id = $1`, [sam.id]);
    expect((await pageOf()).time_barred).toMatchObject({ since: '2026-01-10', years: 5, state: null, en: expect.stringContaining('place a statute-barred hold') });
    // Sam says so: the collector places a statute-barred hold, and Sam is not asked to pay again by any channel (CONC 7.15).
    const letter = { channel: 'letter', party: 'debtor', purpose: 'collect', at: ctx.now() } as const;
    expect((await decideContact(ctx, db.pool, sam.id, letter)).reasons.map((r) => r.rule)).not.toContain('UK.statute_barred');
    const hold = await app.inject({ method: 'POST', url: `/api/accounts/${sam.id}/holds`, headers: { cookie: adminCookie },
      payload: { kind: 'statute_barred', reason: 'Customer wrote that the debt is statute-barred', scope: 'debtor' } });
    expect(hold.statusCode, hold.body).toBe(201);
    const refused = await decideContact(ctx, db.pool, sam.id, letter);
    expect(refused.reasons.map((r) => r.rule)).toEqual(['UK.statute_barred']);
    expect(refused.next_allowed_at).toBeNull();
    expect((await decideContact(ctx, db.pool, sam.id, { ...letter, purpose: 'notice' })).allowed).toBe(true);
    // A US account's debt may be time-barred, but that is not a hold: the US debtor who disputes it gets a dispute hold.
    const { rows: [us] } = await db.pool.query(`SELECT id FROM accounts WHERE account_no = '4111000000001234'`);
    const usHold = await app.inject({ method: 'POST', url: `/api/accounts/${us.id}/holds`, headers: { cookie: adminCookie },
      payload: { kind: 'statute_barred', reason: 'Debtor says it is too old', scope: 'account' } });
    expect(usHold.statusCode).toBe(400);
    expect(usHold.json().error.message).toContain('A statute-barred hold is for accounts under a UK contract');
    const released = await app.inject({ method: 'POST', url: `/api/holds/${hold.json().id}/release`, headers: { cookie: adminCookie }, payload: { reason: 'test over' } });
    expect(released.statusCode, released.body).toBe(204);
    await db.pool.query(`UPDATE accounts SET first_delinquency_date = '2025-11-15' WHERE id = $1`, [sam.id]);
  });

  it("a UK number a collector adds, typed as dialled there, is stored as the bank's file gives it: found by a caller, not added twice", async () => {
    const { rows: [sam] } = await db.pool.query(`SELECT id, debtor_id FROM accounts WHERE account_no = '5500000000001234'`);
    const add = (value: string) => addContactPoint(ctx, CLI_ACTOR, sam.id, { kind: 'phone', value, owner: 'debtor', source: 'debtor', reliability: 'high' });
    await add('07700 900999');
    const { rows } = await db.pool.query(`SELECT value_mask FROM contact_points WHERE debtor_id = $1 AND kind = 'phone' ORDER BY id`, [sam.debtor_id]);
    expect(rows.map((r) => r.value_mask)).toEqual(['+44******0123', '+44******0999']);
    const lookup = await app.inject({ method: 'POST', url: '/api/accounts/caller-lookup', headers: { cookie: adminCookie }, payload: { phone: '+44 7700 900999' } });
    expect(lookup.json()).toMatchObject({ matches: [{ debtor_id: sam.debtor_id, party: 'debtor' }] });
    // The file's number typed the UK way is the same number.
    await expect(add('07700 900123')).rejects.toMatchObject({ code: 'CONFLICT', message: 'The debtor already has this contact point' });
    // A Chinese mobile without its country code is no UK number; with it, it is taken.
    await expect(add('13800138000')).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'value',
      message: '"13800138000" is not a UK phone number: type a number from another country with its country code (+86 138 0013 8000)' });
    await add('+86 138 0013 8000');
  });

  it('a UK debtor whose only account is paid off is given the UK rules and dates on the portal, never the Chinese ones', async () => {
    const file = await writeCsv(path.join(dir, 'uk-paid.csv'), ['account_no', 'debtor_name', 'id_number', 'phone', 'birth_date', 'principal', 'first_delinquency_date'], [
      ['5500000000009999', "Harry O'Brien", 'JK 98 76 54 B', '07700 900456', '1978-01-31', '100.00', '2025-11-15'],
    ]);
    const imported = (await importPlacements(ctx, CLI_ACTOR, { filePath: file, creditor: 'ALBION' })).summary;
    expect(imported, imported.errors_file ? await fs.readFile(imported.errors_file, 'utf8') : '').toMatchObject({ inserted: 1, rejected: 0 });
    const { rows: [harry] } = await db.pool.query(`SELECT id FROM accounts WHERE account_no = '5500000000009999'`);
    const paid = await app.inject({ method: 'POST', url: '/api/payments', headers: { cookie: adminCookie },
      payload: { account_id: harry.id, amount_fen: 100_00, paid_on: '2026-03-02' } });
    expect(paid.statusCode, paid.body).toBe(201);
    const link = await app.inject({ method: 'POST', url: `/api/accounts/${harry.id}/portal-link`, headers: { cookie: adminCookie }, payload: { sms: false } });
    expect(link.statusCode, link.body).toBe(200);
    // A UK debtor's link opens the portal in English, whatever the browser prefers.
    expect(link.json().path).toMatch(/^\/my\/open\/[A-Za-z0-9_-]{43}\?lang=en$/);
    const opened = await app.inject({ method: 'POST', url: link.json().path, remoteAddress: '10.9.0.2', headers: { 'accept-language': 'pl-PL,pl;q=0.9' } });
    expect(opened.cookies.find((c) => c.name === 'leeway_lang')?.value).toBe('en');
    const cookie = `leeway_portal=${opened.cookies.find((c) => c.name === 'leeway_portal')!.value}`;
    const passed = await app.inject({ method: 'POST', url: '/my/verify?lang=en', remoteAddress: '10.9.0.2',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ id_last4: '654B', birth_date: '1978-01-31' }).toString() });
    expect(passed.statusCode, passed.body).toBe(303);
    const session = `leeway_portal=${(passed.cookies.find((c) => c.name === 'leeway_portal') ?? opened.cookies.find((c) => c.name === 'leeway_portal'))!.value}`;
    const page = (await app.inject({ method: 'GET', url: '/my?lang=en', remoteAddress: '10.9.0.2', headers: { cookie: session } })).body;
    expect(page).toContain('paid in full; last payment 2 March 2026');
    expect(page).toContain('Ask you for payment during a Breathing Space.');
    // Before, with no open account, the page fell back to China's: its rules, and its numbers beside the others.
    expect(page).not.toContain('times a day');
    expect(page).not.toContain('Record every call');
    expect(page).not.toContain('400-');
  });

  it('the holds list gives a breathing space and a plan being arranged the end the law gives them, and not in force after it', async () => {
    const { rows: [sam] } = await db.pool.query(`SELECT id FROM accounts WHERE account_no = '5500000000001234'`);
    const place = async (payload: Record<string, string>) => {
      const placed = await app.inject({ method: 'POST', url: `/api/accounts/${sam.id}/holds`, headers: { cookie: adminCookie }, payload: { scope: 'debtor', ...payload } });
      expect(placed.statusCode, placed.body).toBe(201);
      return placed.json().id as number;
    };
    const list = async () => (await app.inject({ method: 'GET', url: `/api/accounts/${sam.id}/holds`, headers: { cookie: adminCookie } })).json().items as
      Array<{ id: number; ends_on: string | null; last_day: string | null; in_force: boolean }>;
    // Under the UK contract the form offers the moratoria and a statute-barred claim.
    const { kinds } = (await app.inject({ method: 'GET', url: `/api/accounts/${sam.id}/holds`, headers: { cookie: adminCookie } })).json();
    expect(kinds).toEqual(expect.arrayContaining(['breathing_space', 'mental_health_crisis', 'plan_pending', 'plan_pending_extended', 'statute_barred', 'dispute']));
    const breathing = await place({ kind: 'breathing_space', reason: 'Insolvency Service notice', starts_on: '2026-02-20' });
    const over = await place({ kind: 'breathing_space', reason: 'An earlier one', starts_on: '2025-12-01' });
    // The earlier one, ended by law and never released, does not date the new one back: the new one is enforced, counted from its own start.
    const letter = { channel: 'letter', party: 'debtor', purpose: 'collect', at: ctx.now() } as const;
    const held = await decideContact(ctx, db.pool, sam.id, letter);
    expect(held.reasons.find((r) => r.rule === 'UK.breathing_space')?.message).toContain('standard breathing space (from 2026-02-20 to 2026-04-21)');
    const crisis = await place({ kind: 'mental_health_crisis', reason: 'Crisis moratorium, treatment ongoing' });
    const plan = await place({ kind: 'plan_pending', reason: 'StepChange is arranging a plan', starts_on: '2026-02-25' });
    const byId = new Map((await list()).map((h) => [h.id, h]));
    // 60 days after 2026-02-20; the one from 2025-12-01 ended on 2026-01-30 and is not in force.
    expect(byId.get(breathing)).toMatchObject({ ends_on: null, last_day: '2026-04-21', in_force: true });
    expect(byId.get(over)).toMatchObject({ ends_on: null, last_day: '2026-01-30', in_force: false });
    // A crisis moratorium lasts while treatment does: no end until its end is recorded.
    expect(byId.get(crisis)).toMatchObject({ ends_on: null, last_day: null, in_force: true });
    expect(byId.get(plan)).toMatchObject({ last_day: '2026-03-27', in_force: true });
    // Extended once: 30 days more.
    const extension = await place({ kind: 'plan_pending_extended', reason: 'Adviser asked for more time' });
    expect((await list()).find((h) => h.id === plan)).toMatchObject({ last_day: '2026-04-26' });
    // The engine reads the same end: a letter asking for payment is refused until the day after the breathing space's last.
    const refused = await decideContact(ctx, db.pool, sam.id, { channel: 'letter', party: 'debtor', purpose: 'collect', at: ctx.now() });
    expect(refused.reasons.map((r) => r.rule)).toContain('UK.breathing_space');
    for (const id of [breathing, over, crisis, plan, extension]) {
      const released = await app.inject({ method: 'POST', url: `/api/holds/${id}/release`, headers: { cookie: adminCookie }, payload: { reason: 'test over' } });
      expect([204, 409], released.body).toContain(released.statusCode);
    }
  });

  it('a complaint about a UK bank\'s account is due in UK business days: Christmas and New Year\'s Day count, the Spring Festival would not', async () => {
    const { rows: [account] } = await db.pool.query(`SELECT id FROM accounts WHERE account_no = '5500000000001234'`);
    const december = { ...ctx, now: () => new Date('2026-12-23T02:00:00Z') };   // Wednesday 23 December in Shanghai
    const opened = await openComplaint(december, { kind: 'staff', actor: CLI_ACTOR }, account.id, { channel: 'phone', description: 'Called too often' });
    expect(opened.due_on).toBe('2027-01-04');
    const { rows: [stored] } = await db.pool.query(`SELECT due_on::text FROM complaints WHERE id = $1`, [opened.id]);
    expect(stored.due_on).toBe('2027-01-04');
  });
});

describe('phones and addresses kept before their zones were', () => {
  it('get them in the nightly run, once, and a debtor whose state gave no zone then is filed under their address\'s; Chinese numbers are left alone', async () => {
    const { rows: [jane] } = await db.pool.query(`SELECT debtor_id FROM accounts WHERE account_no = '4111000000001234'`);
    await db.pool.query(`INSERT INTO contact_points (debtor_id, kind, value_enc, value_hash, value_mask, owner, source)
      VALUES ($1, 'phone', $2, $3, '138****8000', 'debtor', 'collector')`, [jane.debtor_id, ctx.cipher.encrypt('13800138000'), ctx.cipher.matchHash('13800138000')]);
    // As migration 0040 left the numbers stored before it, and as Florida's debtors were filed before their ZIP codes were read.
    await db.pool.query(`UPDATE contact_points SET time_zones = NULL`);
    const john = await debtorOf('4111000000005678');
    await db.pool.query(`UPDATE debtors SET time_zone = 'Asia/Shanghai', region_code = NULL, region_source = NULL WHERE id = $1`, [john.id]);
    await db.pool.query(`UPDATE accounts SET region_code = NULL WHERE debtor_id = $1`, [john.id]);
    const count = async (kind: string) => (await db.pool.query(`SELECT count(DISTINCT cp.id)::int AS n FROM contact_points cp JOIN accounts a ON a.debtor_id = cp.debtor_id
      JOIN creditors c ON c.id = a.creditor_id WHERE cp.kind = $1 AND cp.value_mask <> '138****8000' AND c.code = 'PRAIRIE'`, [kind])).rows[0].n;
    const [phones, addresses] = [await count('phone'), await count('address')];
    expect(addresses).toBeGreaterThan(4);
    const filled = await fillContactZones(ctx);
    expect(filled).toMatchObject({ phones_zoned: filled.phones, addresses, addresses_zoned: addresses, debtors_filed: 1, debtors_placed: 1 });
    expect(filled.phones).toBeGreaterThanOrEqual(phones);
    const zones = async (mask: string) => (await db.pool.query(`SELECT time_zones FROM contact_points WHERE value_mask = $1 ORDER BY id LIMIT 1`, [mask])).rows[0].time_zones;
    expect(await zones('(***) ***-0100')).toEqual(['America/Chicago']);
    expect(await zones('(***) ***-0123')).toEqual(['America/New_York']);
    expect(await zones('+44******0123')).toContain('Europe/London');
    expect(await zones('138****8000')).toBeNull();
    expect(await zones('3 Reid****')).toEqual(['America/New_York', 'America/Chicago']);
    expect(await debtorOf('4111000000005678')).toMatchObject({ time_zone: 'America/Chicago', region_code: 'US-FL' });
    // The UK debtor's address is not a US creditor's: left alone.
    expect(await zones('1 High****')).toBeNull();
    expect(await fillContactZones(ctx)).toEqual({ phones: 0, phones_zoned: 0, addresses: 0, addresses_zoned: 0, debtors_filed: 0, debtors_placed: 0 });
  });
});
