import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR, type AppContext } from '../src/app/context.ts';
import type { AppError } from '../src/domain/errors.ts';
import { agencyOnNotices } from '../src/app/letters/print-validation-notices.ts';
import { agencyFor } from '../src/app/site/read-site.ts';
import { getAccountPage } from '../src/app/workstation/account-page.ts';
import { collectionLetter, collectionLetters } from '../src/domain/letters/letter.ts';
import { parseLocalDate } from '../src/domain/calendar.ts';
import { fen } from '../src/domain/money.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext, usContract } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

/**
 * The agency's call-back number, address and hours a debtor is given, on a real database: the
 * help centre's starter contact page gives a Chinese 400 line, an office in Wuhan and China's
 * hours, which a debtor in the US or the UK can neither call back, nor usefully write to, nor
 * read. A US contract's debtor is given only the agency's US ones (`phone_us`, `address_us`,
 * `hours_us`), a UK one's only its UK ones (`_uk`), all on the English contact page; the
 * voicemail script, call-back texts and e-mails, the notices and letters, and the portal alike.
 * Without the country's own, none is given: the voicemail script tells the collector to leave
 * none, a call-back text asks for a reply only and a call-back e-mail does not go, a validation
 * notice is not printed. The clock is 10:00 on 2026-03-02 in Shanghai.
 */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let adminCookie: string;
let collectorCookie: string;
let usAccount: number;
let ukAccount: number;
let ukEmail: number;
let cnAccount: number;

const CHINESE_LINE = '400-800-1234';   // content/pages/contact.en.md
const WUHAN = /Wuhan|Zhongshan/;        // the starter page's address
const CHINA_HOURS = 'Monday to Saturday 9:00-20:00';

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  app = await buildServer(ctx);   // writes the starter pages
  const us = await newCreditor(db.pool, 'USB');
  await usContract(db.pool, us.id);
  const cn = await newCreditor(db.pool, 'CNB');
  const team = await newTeam(db.pool);
  const collector = await newUser(db.pool, 'collector', { teamId: team.id });
  collectorCookie = await signInCookie(app, collector.username);
  adminCookie = await signInCookie(app, (await newUser(db.pool, 'admin')).username);
  const jane = await newDebtor(ctx, { idNumber: '42010219900307123X', name: 'Jane Doe' });   // born 1990-03-07, ends 123X
  usAccount = (await newAccount(db.pool, { creditorId: us.id, debtorId: jane.id, collectorId: collector.id, teamId: team.id })).id;
  const zhang = await newDebtor(ctx, { idNumber: '110101198501011236' });
  cnAccount = (await newAccount(db.pool, { creditorId: cn.id, debtorId: zhang.id, collectorId: collector.id, teamId: team.id })).id;
  const uk = await newCreditor(db.pool, 'UKB');
  await db.pool.query(`INSERT INTO contracts (creditor_id, version, name, pack, effective_from) VALUES ($1, 1, 'UK agreement', 'UK', '2026-01-01')`, [uk.id]);
  const john = await newDebtor(ctx, { idNumber: '110101198001011234', name: 'John Smith' });
  ukAccount = (await newAccount(db.pool, { creditorId: uk.id, debtorId: john.id, collectorId: collector.id, teamId: team.id })).id;
  const email = await app.inject({ method: 'POST', url: `/api/accounts/${ukAccount}/contact-points`, headers: { cookie: collectorCookie },
    payload: { kind: 'email', value: 'john.smith@example.co.uk', source: '债务人告知', reliability: 'high' } });
  expect(email.statusCode, email.body).toBe(201);
  ukEmail = email.json().contact_point_id;
});

/** A template's text for the account, as the collector's send form lists them. */
async function template(accountId: number, channel: 'sms' | 'email', key: string): Promise<string | null> {
  const res = await app.inject({ method: 'GET', url: `/api/accounts/${accountId}/${channel}-templates`, headers: { cookie: collectorCookie } });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as Array<{ key: string; body: string | null }>).find((i) => i.key === key)!.body;
}
afterAll(async () => { await app?.close(); await db?.drop(); });

/** The English contact page saved with these fields besides its own (as the Public site screen sends it). */
async function saveContact(locale: 'en' | 'zh-CN', fields: Record<string, string>) {
  const pages = (await app.inject({ method: 'GET', url: '/api/site/content', headers: { cookie: adminCookie } })).json().pages as
    Array<{ key: string; locale: string; title: string; body_md: string; fields: Record<string, string> }>;
  const page = pages.find((p) => p.key === 'contact' && p.locale === locale)!;
  return app.inject({ method: 'PUT', url: '/api/site/pages', headers: { cookie: adminCookie },
    payload: { key: 'contact', locale, title: page.title, body_md: page.body_md, fields: { ...page.fields, ...fields } } });
}

describe('the voicemail script and call-back messages of a US account', () => {
  it('with no US number set: leave no voicemail, and where an admin sets one; a call-back text asks for a reply only, no call-back e-mail; never the Chinese line', async () => {
    expect((await agencyFor(ctx, 'CN', 'en')).phone).toBe(CHINESE_LINE);   // the starter English page has it
    const page = await getAccountPage(ctx, CLI_ACTOR, usAccount);
    expect(page.voicemail_message).toEqual({
      en: expect.stringMatching(/^Leave no voicemail: the agency has no US call-back number set, and a limited-content message must give one \(12 CFR 1006\.2\(j\)\(1\)\(iv\)\).*"US phone" \(phone_us\)\.$/),
      zh: expect.stringMatching(/^不要留言：本机构尚未设置美国回电号码.*“美国电话”（phone_us）。$/),
    });
    expect(JSON.stringify(page)).not.toContain(CHINESE_LINE);
    expect(await template(usAccount, 'sms', 'call_back'))
      .toMatch(/^This is a message from a debt collector about your .+ account ending \d{4}\. We could not reach you; please reply to this message\. Reply STOP to opt out of texts\.$/);
    expect(await template(usAccount, 'email', 'call_back')).toBeNull();
  });

  it('an admin sets the US number on the English contact page (a Chinese number, or another page, refused saying where); the script and the call-back messages give it', async () => {
    const chinese = await saveContact('en', { phone_us: CHINESE_LINE });
    expect(chinese.statusCode).toBe(400);
    expect(chinese.json().error).toMatchObject({ code: 'INVALID_INPUT', field: 'fields.phone_us',
      message: `fields.phone_us "${CHINESE_LINE}" is not a US number a debtor there can call back: give its 10 digits with the area code, e.g. (312) 555-0148 or +1 312 555 0148` });
    const elsewhere = await saveContact('zh-CN', { phone_us: '(312) 555-0148' });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.message).toBe('fields.phone_us belongs on the English contact page (contact, en), where what US and UK debtors are given is read from');
    const saved = await saveContact('en', { phone_us: '(312) 555-0148' });
    expect(saved.statusCode, saved.body).toBe(200);

    // Through the route the collector's screen reads.
    const page = (await app.inject({ method: 'GET', url: `/api/accounts/${usAccount}/page`, headers: { cookie: collectorCookie } })).json();
    expect(page.voicemail_message.en).toContain('"Hello, this is [your name] calling from Anhe Information Services. Please call me back at (312) 555-0148. Thank you."');
    expect(JSON.stringify(page)).not.toContain(CHINESE_LINE);
    expect(await template(usAccount, 'sms', 'call_back')).toContain('We could not reach you; please call us back at (312) 555-0148 or reply to this message.');
    // Replies to e-mails are not read: the e-mail asks for a call only.
    expect(await template(usAccount, 'email', 'call_back')).toContain('We could not reach you; please call us back at (312) 555-0148.\n');
    // A Chinese bank's account has no voicemail script (and its call script and messages are unchanged).
    expect((await getAccountPage(ctx, CLI_ACTOR, cnAccount)).voicemail_message).toBeNull();
    expect(await template(cnAccount, 'sms', 'call_back')).not.toContain('(312)');
  });
});

describe('the voicemail script and call-back messages of a UK account', () => {
  it('with no UK number set: leave no voicemail, a text asks for a reply, and a call-back e-mail is refused saying why; never the US or Chinese number', async () => {
    const page = (await app.inject({ method: 'GET', url: `/api/accounts/${ukAccount}/page`, headers: { cookie: collectorCookie } })).json();
    expect(page.call_disclosure).toBeNull();
    expect(page.voicemail_message).toEqual({
      en: expect.stringMatching(/^Leave no voicemail: the agency has no UK call-back number set.*field "UK phone" \(phone_uk\)\.$/),
      zh: expect.stringMatching(/^不要留言：本机构尚未设置英国回电号码.*“英国电话”（phone_uk）。$/),
    });
    expect(JSON.stringify(page)).not.toMatch(/\(312\) 555-0148|400-800-1234/);
    expect(await template(ukAccount, 'sms', 'call_back')).toMatch(/^This is a message from .+'s collection agency about your account ending \d{4}\. We could not reach you; please reply to this message\. Reply STOP/);
    expect(await template(ukAccount, 'email', 'call_back')).toBeNull();
    const refused = await app.inject({ method: 'POST', url: `/api/accounts/${ukAccount}/email`, headers: { cookie: collectorCookie },
      payload: { template: 'call_back', contact_point_id: ukEmail } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'INVALID_INPUT', field: 'template',
      message: 'The agency has no call-back number for this debtor\'s country, so an e-mail asking them to call back would give none (replies to e-mails are not read): '
        + 'send the text instead, which asks for a reply, or have an admin set it (Public site, page "Contact · en", field "UK phone" (phone_uk))' });
    expect(await db.pool.query(`SELECT 1 FROM outbox WHERE account_id = $1`, [ukAccount])).toMatchObject({ rowCount: 0 });
  });

  it('a premium-rate UK number is refused (CONC 7.9.5R); with a UK number set, the script and the messages give it, in British words', async () => {
    const premium = await saveContact('en', { phone_uk: '0906 123 4567' });
    expect(premium.statusCode).toBe(400);
    expect(premium.json().error.field).toBe('fields.phone_uk');
    expect((await saveContact('en', { phone_uk: '+1 312 555 0148' })).json().error.field).toBe('fields.phone_uk');
    expect((await saveContact('en', { phone_uk: '020 7946 0018' })).statusCode).toBe(200);
    const page = (await app.inject({ method: 'GET', url: `/api/accounts/${ukAccount}/page`, headers: { cookie: collectorCookie } })).json();
    expect(page.voicemail_message.en).toMatch(/^On a voicemail, or to anyone but the debtor, leave only: "Hello, this is \[your name\] calling from Anhe Information Services\. Please call me back on 020 7946 0018\. Thank you\." .*CONC 7\.9\.7R/);
    expect(JSON.stringify(page)).not.toContain('(312) 555-0148');
    expect(await template(ukAccount, 'sms', 'call_back')).toContain('please call us back on 020 7946 0018 or reply to this message.');
    expect(await template(ukAccount, 'email', 'call_back')).toContain('please call us back on 020 7946 0018.\n');
  });
});

describe('what letters and notices sign with', () => {
  it('a US debtor\'s the US number, a UK debtor\'s the UK number, a Chinese debtor\'s the page\'s own', async () => {
    expect((await agencyFor(ctx, 'US')).phone).toBe('(312) 555-0148');
    expect((await agencyFor(ctx, 'UK')).phone).toBe('020 7946 0018');
    expect((await agencyFor(ctx, 'CN', 'zh-CN')).phone).toBe(CHINESE_LINE);
    expect((await agencyFor(ctx, 'CN', 'en')).phone).toBe(CHINESE_LINE);
  });

  it('the address and hours: none abroad until set, never the Wuhan office or China\'s hours; so no validation notice, which must say where to mail a dispute', async () => {
    for (const country of ['US', 'UK'] as const) {
      expect(await agencyFor(ctx, country), country).toMatchObject({ name: 'Anhe Information Services', address: null, hours: null });
    }
    expect(await agencyFor(ctx, 'CN', 'en')).toMatchObject({ address: expect.stringMatching(WUHAN), hours: expect.stringContaining(CHINA_HOURS) });
    const refused = await agencyOnNotices(ctx).catch((e: unknown) => e as AppError);
    expect(refused).toMatchObject({ code: 'CONFLICT', field: 'agency' });
    expect((refused as AppError).message).toContain('(missing: address_us (contact page, the US mailing address))');
  });

  it('an admin sets each country\'s address and hours, checked; letters, notices and the portal give them', async () => {
    const wrong = async (fields: Record<string, string>, field: string, message: RegExp) => {
      const res = await saveContact('en', fields);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.field).toBe(field);
      expect(res.json().error.message).toMatch(message);
    };
    await wrong({ address_us: '8th floor, 1000 Zhongshan Avenue, Wuhan, Hubei' }, 'fields.address_us', /is not a US mailing address.*end it with the state's two-letter code and the ZIP code/);
    await wrong({ hours_us: 'Monday to Friday 9am-5pm' }, 'fields.hours_us', /does not say in which US time zone/);
    await wrong({ hours_us_es: 'de lunes a viernes, de 9am a 5pm' }, 'fields.hours_us_es', /does not say in which US time zone/);
    await wrong({ hours_uk: CHINA_HOURS + ' Beijing time' }, 'fields.hours_uk', /is in Chinese or on China's clock/);
    await wrong({ address_uk: '10 Market Street, Manchester' }, 'fields.address_uk', /is not a UK postal address.*end it with the postcode/);
    expect((await saveContact('zh-CN', { address_us: '100 Main St, Suite 400, Chicago, IL 60601' })).json().error.message)
      .toBe('fields.address_us belongs on the English contact page (contact, en), where what US and UK debtors are given is read from');
    const saved = await saveContact('en', { address_us: '100 Main St, Suite 400, Chicago, IL 60601', hours_us: 'Monday to Friday 8am-8pm ET',
      hours_us_es: 'de lunes a viernes, de 8am a 8pm hora del este',
      address_uk: '10 Market Street, Manchester M1 1AA', hours_uk: 'Monday to Friday 9am-5pm' });
    expect(saved.statusCode, saved.body).toBe(200);

    // Validation notices, verification letters, arrangement confirmations and statements.
    expect(await agencyOnNotices(ctx)).toMatchObject({ name: 'Anhe Information Services', phone: '(312) 555-0148',
      address: '100 Main St, Suite 400, Chicago, IL 60601', hours: 'Monday to Friday 8am-8pm ET', hoursEs: 'de lunes a viernes, de 8am a 8pm hora del este' });
    // A US debtor who reads Spanish: the Spanish letter after the English one gives the hours in Spanish.
    const usLetters = collectionLetters({ debtorName: 'Ana García', address: '1 Main St, Peoria, IL 61602', creditorName: 'Prairie Bank', accountNoMask: '4111********1111',
      balanceFen: fen(120_000), date: parseLocalDate('2026-03-02'), pack: 'US', agency: await agencyFor(ctx, 'US') }, 'en', 'es');
    expect(usLetters.map((l) => l.closing.find((line) => /^(Phone|Teléfono):/.test(line)))).toEqual([
      'Phone: (312) 555-0148 (Monday to Friday 8am-8pm ET)', 'Teléfono: (312) 555-0148 (de lunes a viernes, de 8am a 8pm hora del este)']);
    // A UK debtor's collection letter signs with the UK number, hours and address; a Chinese debtor's with the page's own.
    const facts = { debtorName: 'John Smith', address: '1 High St, Leeds LS1 1AA', creditorName: 'UKB', accountNoMask: '6222********1234',
      balanceFen: fen(120_000), date: parseLocalDate('2026-03-02') };
    const uk = collectionLetter({ ...facts, pack: 'UK', agency: await agencyFor(ctx, 'UK') }, 'en');
    expect(uk.closing.join('\n')).toContain('Phone: 020 7946 0018 (Monday to Friday 9am-5pm)\nAddress: 10 Market Street, Manchester M1 1AA');
    expect(JSON.stringify(uk)).not.toMatch(WUHAN);
    expect(JSON.stringify(uk)).not.toContain(CHINA_HOURS);
    const cn = collectionLetter({ ...facts, agency: await agencyFor(ctx, 'CN', 'zh-CN') }, 'zh-CN');
    expect(cn.closing.join('\n')).not.toMatch(/Manchester|Chicago/);
  });
});

describe('the portal and the public contact page', () => {
  it('a US debtor sees the US number, address and hours, not the Chinese ones; the English contact page lists each country\'s', async () => {
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
    await send('POST', link.json().path);
    expect((await send('POST', '/my/verify', { id_last4: '123X', birth_date: '1990-03-07' })).statusCode).toBe(303);
    for (const lang of ['en', 'zh-CN']) {
      const overview = (await send('GET', `/my?lang=${lang}`)).body;
      expect(overview, lang).toContain('data-testid="agency-phone_us">(312) 555-0148</a>');
      expect(overview, lang).toContain('data-testid="agency-address_us">100 Main St, Suite 400, Chicago, IL 60601</dd>');
      expect(overview, lang).toContain('data-testid="agency-hours_us">Monday to Friday 8am-8pm ET</dd>');
      expect(overview, lang).not.toContain(CHINESE_LINE);
      expect(overview, lang).not.toContain('400-800-5678');   // the Chinese complaint line
      expect(overview, lang).not.toMatch(/Wuhan|Zhongshan|武汉|9:00-20:00/);   // the office in China and its hours, in either page's words
      expect(overview, lang).not.toMatch(/020 7946 0018|Manchester/);   // no UK account
    }
    // In Spanish, the hours as the agency worded them in Spanish.
    expect((await send('GET', '/my?lang=es')).body).toContain('data-testid="agency-hours_us">de lunes a viernes, de 8am a 8pm hora del este</dd>');
    const contact = (await app.inject({ method: 'GET', url: '/help/contact?lang=en' })).body;
    expect(contact).toContain(`<dt>Phone</dt><dd><a href="tel:4008001234">${CHINESE_LINE}</a></dd>`);
    expect(contact).toContain('<dt>Phone (in the US)</dt><dd><a href="tel:3125550148">(312) 555-0148</a></dd>');
    expect(contact).toContain('<dt>Phone (in the UK)</dt><dd><a href="tel:02079460018">020 7946 0018</a></dd>');
    expect(contact).toContain('<dt>Address (in the US)</dt><dd>100 Main St, Suite 400, Chicago, IL 60601</dd><dt>Opening hours (in the US)</dt><dd>Monday to Friday 8am-8pm ET</dd>');
    expect(contact).toContain('<dt>Address (in the UK)</dt><dd>10 Market Street, Manchester M1 1AA</dd>');
  });
});
