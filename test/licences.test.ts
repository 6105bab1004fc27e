import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { agencyOnNotices } from '../src/app/letters/print-validation-notices.ts';
import { upsertPage } from '../src/db/site-repository.ts';
import { buildServer } from '../src/http/server.ts';
import { runCli } from './support/cli.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newActiveAccount, newCreditor, newTeam, newUser, testContext, usContract } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

/**
 * The agency's collection licences (催收执照) on a real database: an admin records them (API and
 * command line, audited), the overview says where the open US accounts are and which licences
 * their letters carry, and what the agency writes to a debtor carries the licences of the
 * debtor's state and city: the collector's e-mails, and the footer of the public pages once the
 * agency collects for a US creditor.
 */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let adminCookie: string;
let supervisorCookie: string;
let collectorCookie: string;
const acc: Record<'colorado' | 'newYork' | 'texas' | 'unknown' | 'china', number> = {} as never;

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  app = await buildServer(ctx);
  const team = await newTeam(db.pool);
  const collector = await newUser(db.pool, 'collector', { teamId: team.id });
  adminCookie = await signInCookie(app, (await newUser(db.pool, 'admin')).username);
  supervisorCookie = await signInCookie(app, (await newUser(db.pool, 'supervisor', { teamId: team.id })).username);
  collectorCookie = await signInCookie(app, collector.username);
  const us = await newCreditor(db.pool, 'PRAIRIE');
  await usContract(db.pool, us.id);
  const cn = await newCreditor(db.pool, 'HUAYU');
  const account = async (creditorId: number, region: string | null) => {
    const a = await newActiveAccount(ctx, { creditorId, collectorId: collector.id, teamId: team.id });
    await db.pool.query('UPDATE accounts SET region_code = $2 WHERE id = $1', [a.id, region]);
    await db.pool.query('UPDATE debtors SET region_code = $2 WHERE id = $1', [a.debtorId, region]);
    return a.id;
  };
  acc.colorado = await account(us.id, 'US-CO');
  acc.newYork = await account(us.id, 'US-NY');
  acc.texas = await account(us.id, 'US-TX');
  acc.unknown = await account(us.id, null);
  acc.china = await account(cn.id, '420102');
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const api = (method: 'GET' | 'PUT' | 'DELETE', url: string, cookie: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const emailBody = async (accountId: number) => {
  const res = await api('GET', `/api/accounts/${accountId}/email-templates`, collectorCookie);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as Array<{ key: string; body: string | null }>).find((t) => t.key === 'overdue_reminder')!.body!;
};

describe('licences', () => {
  it('an admin records them by state or city, checked and audited; a supervisor reads them; no one else changes them', async () => {
    const co = await api('PUT', '/api/licences/co', adminCookie, { number: ' 991234 ' });
    expect(co.statusCode, co.body).toBe(200);
    expect(co.json()).toMatchObject({ jurisdiction: 'US-CO', name_en: 'Colorado', number: '991234' });
    expect((await api('PUT', '/api/licences/NYC', adminCookie, { number: '2091234-DCA' })).statusCode).toBe(200);
    // A new number replaces the old one; the audit keeps both.
    expect((await api('PUT', '/api/licences/US-CO', adminCookie, { number: '991235' })).json().number).toBe('991235');
    const bad = await api('PUT', '/api/licences/US-XX', adminCookie, { number: '1' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ field: 'jurisdiction', message: expect.stringContaining("not a US state's code") });
    expect((await api('PUT', '/api/licences/CO', adminCookie, { number: '<b>' })).json().error.field).toBe('number');
    expect((await api('PUT', '/api/licences/CO', supervisorCookie, { number: '1' })).statusCode).toBe(403);
    expect((await api('GET', '/api/licences', collectorCookie)).statusCode).toBe(403);
    const audit = (await db.pool.query(`SELECT entity_id, detail FROM audit_log WHERE action = 'agency.licence' ORDER BY id`)).rows;
    expect(audit).toEqual([
      { entity_id: 'US-CO', detail: { number: '991234', before: null } },
      { entity_id: 'US-NY-NYC', detail: { number: '2091234-DCA', before: null } },
      { entity_id: 'US-CO', detail: { number: '991235', before: '991234' } },
    ]);
    expect((await db.pool.query('SELECT jurisdiction, licence_no FROM agency_licences ORDER BY 1')).rows)
      .toEqual([{ jurisdiction: 'US-CO', licence_no: '991235' }, { jurisdiction: 'US-NY-NYC', licence_no: '2091234-DCA' }]);
  });

  it('the overview counts the open US accounts by state with the licences their letters carry (none in Texas)', async () => {
    const res = await api('GET', '/api/licences', supervisorCookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((l: { jurisdiction: string }) => l.jurisdiction)).toEqual(['US-CO', 'US-NY-NYC']);
    expect(res.json().us_accounts).toEqual([
      { state: 'US-CO', name: 'Colorado', accounts: 1, licences: ['US-CO'] },
      { state: 'US-NY', name: 'New York', accounts: 1, licences: ['US-NY-NYC'] },
      { state: 'US-TX', name: 'Texas', accounts: 1, licences: [] },
      { state: null, name: null, accounts: 1, licences: ['US-CO', 'US-NY-NYC'] },
    ]);
  });

  it("a collector's e-mail to a US debtor carries the licences of the debtor's state and city; a Texan's and a Chinese debtor's none", async () => {
    expect(await emailBody(acc.colorado)).toContain('Colorado collection agency license number 991235\n\nTo stop e-mails from us');
    const ny = await emailBody(acc.newYork);
    expect(ny).toContain('New York City Department of Consumer and Worker Protection license number 2091234-DCA');
    expect(ny).not.toContain('Colorado');
    expect(await emailBody(acc.unknown)).toMatch(/Colorado collection agency license number 991235\nNew York City Department .* 2091234-DCA/);
    expect(await emailBody(acc.texas)).not.toMatch(/license/);
    expect(await emailBody(acc.china)).not.toMatch(/license|执照/);
  });

  it('the public pages list the licences in their footer, in the page\'s language', async () => {
    const en = await app.inject({ method: 'GET', url: '/help?lang=en' });
    expect(en.body).toContain('<p data-testid="licences">Colorado collection agency license number 991235<br>New York City Department of Consumer and Worker Protection license number 2091234-DCA</p>');
    const zh = await app.inject({ method: 'GET', url: '/help?lang=zh-CN' });
    expect(zh.body).toContain('纽约市催收执照号 2091234-DCA');
    const portal = await app.inject({ method: 'GET', url: '/my?lang=es' });
    expect(portal.body).toContain('Ciudad de Nueva York: 2091234-DCA');
    // More than two: one sentence, not a line each.
    await db.pool.query(`INSERT INTO agency_licences (jurisdiction, licence_no) VALUES ('US-TX', 'TX-1'), ('US-FL', 'FL-2')`);
    expect((await app.inject({ method: 'GET', url: '/help?lang=en' })).body).toContain('<p data-testid="licences">Collection agency license numbers: '
      + 'Colorado 991235; Florida FL-2; New York City Department of Consumer and Worker Protection 2091234-DCA; Texas TX-1.</p>');
    expect((await app.inject({ method: 'GET', url: '/help?lang=zh-CN' })).body).toContain('催收执照号：Colorado 991235；Florida FL-2；纽约市 2091234-DCA；Texas TX-1。');
    await db.pool.query(`DELETE FROM agency_licences WHERE jurisdiction IN ('US-TX', 'US-FL')`);
  });

  it('a licence the agency no longer holds is removed (audited); removing it again says there is none', async () => {
    const removed = await api('DELETE', '/api/licences/US-NY-NYC', adminCookie);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toEqual({ jurisdiction: 'US-NY-NYC', removed: '2091234-DCA' });
    expect((await api('DELETE', '/api/licences/nyc', adminCookie)).statusCode).toBe(404);
    expect((await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'agency.licence' ORDER BY id DESC LIMIT 1`)).rows[0].detail)
      .toEqual({ number: null, before: '2091234-DCA' });
    expect(await emailBody(acc.newYork)).not.toMatch(/license/);
  });

  it('the command line records, lists and removes them', async () => {
    const cli = (args: string[]) => runCli(args, { env: { DATABASE_URL: db.url } });
    const set = await cli(['licences', 'set', 'tn', '--number', 'TN-1001', '--json']);
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ jurisdiction: 'US-TN', name_en: 'Tennessee', number: 'TN-1001' });
    const listed = await cli(['licences', 'list']);
    expect(listed.stdout).toMatch(/US-CO\s+991235\s+\(Colorado\)/);
    expect(listed.stdout).toMatch(/US-TX\s+1\s+no licence recorded/);
    expect(listed.stdout).toMatch(/unknown\s+1\s+US-CO, US-TN/);
    const wrong = await cli(['licences', 'set', 'Atlantis', '--number', '1']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("not a US state's code");
    expect((await cli(['licences', 'remove', 'TN'])).stdout).toBe('Removed licence US-TN (TN-1001)\n');
  });

  it("a state's notice the product does not write is recorded by the admin (audited) and carried by that state's validation notices", async () => {
    const put = (jurisdiction: string, body: object, cookie = adminCookie) =>
      app.inject({ method: 'PUT', url: `/api/state-notices/${jurisdiction}`, headers: { cookie }, payload: body });
    const saved = await put('mn', { en: ' This collection agency is licensed by the Minnesota Department of Commerce. ' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ jurisdiction: 'US-MN', name_en: 'Minnesota', en: 'This collection agency is licensed by the Minnesota Department of Commerce.', es: null });
    expect((await put('MN', { en: 'Minnesota notice, amended.', es: 'Aviso de Minnesota.' })).json()).toMatchObject({ es: 'Aviso de Minnesota.' });
    expect((await put('MN', { en: '   ' })).json().error.field).toBe('en');
    expect((await put('MN', { en: 'x' }, supervisorCookie)).statusCode).toBe(403);
    const listed = await app.inject({ method: 'GET', url: '/api/state-notices', headers: { cookie: supervisorCookie } });
    expect(listed.json().items).toEqual([expect.objectContaining({ jurisdiction: 'US-MN', en: 'Minnesota notice, amended.', es: 'Aviso de Minnesota.' })]);
    expect((await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'agency.state_notice' ORDER BY id`)).rows.map((r) => r.detail)).toEqual([
      { en: 'This collection agency is licensed by the Minnesota Department of Commerce.', es: null, before: null },
      { en: 'Minnesota notice, amended.', es: 'Aviso de Minnesota.', before: { en: 'This collection agency is licensed by the Minnesota Department of Commerce.', es: null } },
    ]);
    // What the validation notices read: the agency as named in the help centre, with its licences and its state notices.
    await upsertPage(db.pool, { key: 'home', locale: 'en', title: 'Home', bodyMd: '', fields: { agency_name: 'Leeway Recovery LLC' }, by: null });
    await upsertPage(db.pool, { key: 'contact', locale: 'en', title: 'Contact', bodyMd: '', fields: { address_us: '100 Main St, Springfield, IL 62701', phone_us: '(217) 555-0100' }, by: null });
    expect((await agencyOnNotices(ctx)).stateNotices).toEqual([{ jurisdiction: 'US-MN', en: 'Minnesota notice, amended.', es: 'Aviso de Minnesota.' }]);
    const removed = await app.inject({ method: 'DELETE', url: '/api/state-notices/US-MN', headers: { cookie: adminCookie } });
    expect(removed.json()).toEqual({ jurisdiction: 'US-MN' });
    expect((await app.inject({ method: 'DELETE', url: '/api/state-notices/US-MN', headers: { cookie: adminCookie } })).statusCode).toBe(404);
    expect((await agencyOnNotices(ctx)).stateNotices).toEqual([]);
    // And from the command line.
    const cli = (args: string[]) => runCli(args, { env: { DATABASE_URL: db.url } });
    expect((await cli(['state-notices', 'set', 'TN', '--en', 'Tennessee notice.'])).stdout).toBe('Notice for US-TN (Tennessee) recorded\n');
    expect((await cli(['state-notices', 'list'])).stdout).toBe('US-TN      en     Tennessee notice.\n');
    expect((await cli(['state-notices', 'remove', 'tn'])).stdout).toBe('Removed the notice for US-TN\n');
  });
});

