import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR, type AppContext } from '../src/app/context.ts';
import { agencyOnNotices } from '../src/app/letters/print-validation-notices.ts';
import { agencyFor } from '../src/app/site/read-site.ts';
import { getAccountPage } from '../src/app/workstation/account-page.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

/**
 * The agency's call-back number a debtor is given, on a real database: the help centre's starter
 * contact page gives a Chinese 400 line, which a debtor in the US or the UK cannot call back. A
 * US contract's debtor is given only the agency's US number (`phone_us`), a UK one's only its UK
 * number (`phone_uk`), both on the English contact page; the voicemail script, the notices and
 * letters, and the portal alike. Without the country's number, none is given: the voicemail
 * script tells the collector to leave none. The clock is 10:00 on 2026-03-02 in Shanghai.
 */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let adminCookie: string;
let collectorCookie: string;
let usAccount: number;
let cnAccount: number;

const CHINESE_LINE = '400-800-1234';   // content/pages/contact.en.md

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  app = await buildServer(ctx);   // writes the starter pages
  const us = await newCreditor(db.pool, 'USB');
  await db.pool.query(`INSERT INTO contracts (creditor_id, version, name, pack, effective_from) VALUES ($1, 1, 'US agreement', 'US', '2026-01-01')`, [us.id]);
  const cn = await newCreditor(db.pool, 'CNB');
  const team = await newTeam(db.pool);
  const collector = await newUser(db.pool, 'collector', { teamId: team.id });
  collectorCookie = await signInCookie(app, collector.username);
  adminCookie = await signInCookie(app, (await newUser(db.pool, 'admin')).username);
  const jane = await newDebtor(ctx, { idNumber: '42010219900307123X', name: 'Jane Doe' });   // born 1990-03-07, ends 123X
  usAccount = (await newAccount(db.pool, { creditorId: us.id, debtorId: jane.id, collectorId: collector.id, teamId: team.id })).id;
  const zhang = await newDebtor(ctx, { idNumber: '110101198501011236' });
  cnAccount = (await newAccount(db.pool, { creditorId: cn.id, debtorId: zhang.id, collectorId: collector.id, teamId: team.id })).id;
});
afterAll(async () => { await app?.close(); await db?.drop(); });

/** The English contact page saved with these fields besides its own (as the Public site screen sends it). */
async function saveContact(locale: 'en' | 'zh-CN', fields: Record<string, string>) {
  const pages = (await app.inject({ method: 'GET', url: '/api/site/content', headers: { cookie: adminCookie } })).json().pages as
    Array<{ key: string; locale: string; title: string; body_md: string; fields: Record<string, string> }>;
  const page = pages.find((p) => p.key === 'contact' && p.locale === locale)!;
  return app.inject({ method: 'PUT', url: '/api/site/pages', headers: { cookie: adminCookie },
    payload: { key: 'contact', locale, title: page.title, body_md: page.body_md, fields: { ...page.fields, ...fields } } });
}

describe('the voicemail script of a US account', () => {
  it('with no US number set: leave no voicemail, and where an admin sets one; never the Chinese line', async () => {
    expect((await agencyFor(ctx, 'CN', 'en')).phone).toBe(CHINESE_LINE);   // the starter English page has it
    const page = await getAccountPage(ctx, CLI_ACTOR, usAccount);
    expect(page.voicemail_message).toEqual({
      en: expect.stringMatching(/^Leave no voicemail: the agency has no US call-back number set, and a limited-content message must give one \(12 CFR 1006\.2\(j\)\(1\)\(iv\)\).*"US phone" \(phone_us\)\.$/),
      zh: expect.stringMatching(/^不要留言：本机构尚未设置美国回电号码.*“美国电话”（phone_us）。$/),
    });
    expect(JSON.stringify(page)).not.toContain(CHINESE_LINE);
  });

  it('an admin sets the US number on the English contact page (a Chinese number, or another page, refused saying where); the script gives it', async () => {
    const chinese = await saveContact('en', { phone_us: CHINESE_LINE });
    expect(chinese.statusCode).toBe(400);
    expect(chinese.json().error).toMatchObject({ code: 'INVALID_INPUT', field: 'fields.phone_us',
      message: `fields.phone_us "${CHINESE_LINE}" is not a US number a debtor there can call back: give its 10 digits with the area code, e.g. (312) 555-0148 or +1 312 555 0148` });
    const elsewhere = await saveContact('zh-CN', { phone_us: '(312) 555-0148' });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.message).toBe('fields.phone_us belongs on the English contact page (contact, en), where US and UK debtors\' numbers are read from');
    const saved = await saveContact('en', { phone_us: '(312) 555-0148' });
    expect(saved.statusCode, saved.body).toBe(200);

    // Through the route the collector's screen reads.
    const page = (await app.inject({ method: 'GET', url: `/api/accounts/${usAccount}/page`, headers: { cookie: collectorCookie } })).json();
    expect(page.voicemail_message.en).toContain('"Hello, this is [your name] calling from Anhe Information Services. Please call me back at (312) 555-0148. Thank you."');
    expect(JSON.stringify(page)).not.toContain(CHINESE_LINE);
    // A Chinese bank's account has no voicemail script (and its call script is unchanged).
    expect((await getAccountPage(ctx, CLI_ACTOR, cnAccount)).voicemail_message).toBeNull();
  });
});

describe('what letters and notices sign with', () => {
  it('a US debtor\'s the US number, a UK debtor\'s the UK number (none until set), a Chinese debtor\'s the page\'s own', async () => {
    expect((await agencyFor(ctx, 'US')).phone).toBe('(312) 555-0148');
    expect((await agencyOnNotices(ctx)).phone).toBe('(312) 555-0148');   // validation notices, verifications, arrangement confirmations
    expect(await agencyFor(ctx, 'UK')).toMatchObject({ name: 'Anhe Information Services', phone: null });
    expect((await saveContact('en', { phone_uk: '+1 312 555 0148' })).json().error.field).toBe('fields.phone_uk');
    expect((await saveContact('en', { phone_uk: '020 7946 0018' })).statusCode).toBe(200);
    expect((await agencyFor(ctx, 'UK')).phone).toBe('020 7946 0018');
    expect((await agencyFor(ctx, 'CN', 'zh-CN')).phone).toBe(CHINESE_LINE);
    expect((await agencyFor(ctx, 'CN', 'en')).phone).toBe(CHINESE_LINE);
  });
});

describe('the portal and the public contact page', () => {
  it('a US debtor sees the US number, not the Chinese lines; the English contact page lists each country\'s number', async () => {
    const link = await app.inject({ method: 'POST', url: `/api/accounts/${usAccount}/portal-link`, headers: { cookie: collectorCookie }, payload: { sms: false } });
    expect(link.statusCode, link.body).toBe(200);
    const jar = new Map<string, string>();
    const send = async (method: 'GET' | 'POST', url: string, form?: Record<string, string>) => {
      const payload = form ? new URLSearchParams(form).toString() : undefined;
      const res = await app.inject({ method, url, remoteAddress: '10.7.0.1', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(payload ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) }, ...(payload ? { payload } : {}) });
      for (const c of res.cookies) jar.set(c.name, c.value);
      return res;
    };
    await send('GET', link.json().path);
    expect((await send('POST', '/my/verify', { id_last4: '123X', birth_date: '1990-03-07' })).statusCode).toBe(303);
    for (const lang of ['en', 'zh-CN']) {
      const overview = (await send('GET', `/my?lang=${lang}`)).body;
      expect(overview, lang).toContain('data-testid="agency-phone_us">(312) 555-0148</a>');
      expect(overview, lang).not.toContain(CHINESE_LINE);
      expect(overview, lang).not.toContain('400-800-5678');   // the Chinese complaint line
      expect(overview, lang).not.toContain('020 7946 0018');   // no UK account
    }
    const contact = (await app.inject({ method: 'GET', url: '/help/contact?lang=en' })).body;
    expect(contact).toContain(`<dt>Phone</dt><dd><a href="tel:4008001234">${CHINESE_LINE}</a></dd>`);
    expect(contact).toContain('<dt>Phone (in the US)</dt><dd><a href="tel:3125550148">(312) 555-0148</a></dd>');
    expect(contact).toContain('<dt>Phone (in the UK)</dt><dd><a href="tel:02079460018">020 7946 0018</a></dd>');
  });
});
