import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR, type AppContext } from '../src/app/context.ts';
import { runStrategy } from '../src/app/strategy/run-strategy.ts';
import { withCurrency } from '../src/app/currency.ts';
import { insertRuleSet } from '../src/db/strategy-repository.ts';
import { upsertPage } from '../src/db/site-repository.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newActiveAccount, newCreditor, newTeam, newUser, testContext, usContract } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

/**
 * The US validation notice (12 CFR 1006.34) on a real database: no collection contact on an
 * account under a US contract until its notice is sent; the notices of a creditor printed as one
 * PDF, each judged by the engine (an attorney's representation stops it), recorded as the
 * account's contact and with its validation period and figures; the agency named as the help
 * centre's English pages say; a reprint records nothing more; admins only.
 */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let adminCookie: string;
let adminId: number;
let collectorCookie: string;
let supervisorCookie: string;
const acc: Record<'fresh' | 'paying' | 'represented' | 'homeless', { id: number; point: number; debtorId: number }> = {} as never;

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);   // 2026-03-02 10:00 in Shanghai (the business date); 2026-03-01 20:00 in Chicago
  app = await buildServer(ctx);
  const bank = await newCreditor(db.pool, 'PRAIRIE');
  await db.pool.query(`UPDATE creditors SET name = 'First Prairie Bank' WHERE id = $1`, [bank.id]);
  await usContract(db.pool, bank.id);
  const cn = await newCreditor(db.pool, 'HUAYU');
  await db.pool.query(`INSERT INTO contracts (creditor_id, version, name, pack, effective_from) VALUES ($1, 1, '委托合同', 'CN', '2026-01-01')`, [cn.id]);
  const team = await newTeam(db.pool);
  const collector = await newUser(db.pool, 'collector', { teamId: team.id });
  const admin = await newUser(db.pool, 'admin');
  adminId = admin.id;
  adminCookie = await signInCookie(app, admin.username);
  collectorCookie = await signInCookie(app, collector.username);
  supervisorCookie = await signInCookie(app, (await newUser(db.pool, 'supervisor', { teamId: team.id })).username);
  const account = async (address: string | null, zone: string | null = 'America/Chicago') => {
    const a = await newActiveAccount(ctx, { creditorId: bank.id, collectorId: collector.id, teamId: team.id });
    await db.pool.query(`UPDATE debtors SET name = 'Jane Doe', time_zone = coalesce($2, time_zone) WHERE id = $1`, [a.debtorId, zone]);
    if (address !== null) {
      await db.pool.query(`INSERT INTO contact_points (debtor_id, kind, value_enc, value_hash, value_mask, owner, source)
                           VALUES ($1, 'address', $2, $3, '12 Oak Ave ****', 'debtor', 'placement')`, [a.debtorId, ctx.cipher.encrypt(address), ctx.cipher.matchHash(address)]);
    }
    return a;
  };
  acc.fresh = await account('12 Oak Ave, Peoria, IL 61602');
  // Filed under the agency's own zone (Asia/Shanghai), as an import leaves a debtor whose state it does not know.
  acc.paying = await account('9 Elm St, Joliet, IL 60432', null);
  // Paid 200.00 after the placement (2026-01-01); 50.00 before it is already in the bank's figure.
  await db.pool.query(`INSERT INTO payments (creditor_id, account_id, txn_id, amount_fen, paid_on) VALUES ($1, $2, 'T1', 20000, '2026-02-10'), ($1, $2, 'T0', 5000, '2025-12-20')`,
    [bank.id, acc.paying.id]);
  // An Illinois card first delinquent on 2020-12-01: five years have run, it is time-barred (src/domain/time-barred.ts).
  await db.pool.query(`UPDATE accounts SET region_code = 'US-IL', first_delinquency_date = '2020-12-01' WHERE id = $1`, [acc.paying.id]);
  acc.represented = await account('1 Court Sq, Urbana, IL 61801');
  await db.pool.query(`INSERT INTO holds (debtor_id, kind, reason, starts_on) VALUES ($1, 'attorney', 'Represented by counsel', '2026-02-20')`, [acc.represented.debtorId]);
  acc.homeless = await account(null);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const print = (body: object, cookie = adminCookie) => app.inject({ method: 'POST', url: '/api/letters/validation-notices', headers: { cookie }, payload: body });
const call = (accountId: number, point: number) => app.inject({ method: 'POST', url: `/api/accounts/${accountId}/contacts`, headers: { cookie: collectorCookie },
  payload: { channel: 'call', contact_point_id: point, outcome: 'no_answer' } });
const creditorRow = async (code: string) =>
  ((await app.inject({ method: 'GET', url: '/api/creditors', headers: { cookie: adminCookie } })).json().items as Array<Record<string, unknown>>).find((c) => c.code === code);
const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;

describe('the validation notice goes first', () => {
  it('no collection call, message or promise on a US account before its notice; a notice may go; the creditors list counts what is due', async () => {
    const refused = await call(acc.fresh.id, acc.fresh.point);
    expect(refused.statusCode).toBe(409);
    const decision = refused.json().error.details.decision;
    expect(decision.reasons.map((r: { rule: string }) => r.rule)).toEqual(['US.validation_notice']);
    expect(decision.reasons[0].message).toBe('No validation notice (12 CFR 1006.34) has been sent on this account yet; it goes first, before any collection contact.');
    const check = (q: string) => app.inject({ method: 'GET', url: `/api/accounts/${acc.fresh.id}/contact-check?${q}`, headers: { cookie: collectorCookie } });
    expect((await check(`channel=sms&contact_point_id=${acc.fresh.point}`)).json()).toMatchObject({ allowed: false, reasons: [{ rule: 'US.validation_notice' }] });
    expect((await check('channel=letter&purpose=notice')).json().allowed).toBe(true);
    expect(await creditorRow('PRAIRIE')).toMatchObject({ pack: 'US', validation_notices_due: 4 });
    expect(await creditorRow('HUAYU')).toMatchObject({ pack: 'CN', validation_notices_due: null });
    // A US bank beside a Chinese one: the agency's screens default to yuan, and show dollars apart (reports, dashboards).
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: adminCookie } })).json().user.agency_currency).toBe('CNY');
    // The desk is in dollars, though: a collector's and their team lead's accounts are all the US bank's (the caller lookup's example follows it).
    const me = async (cookie: string) => (await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).json().user;
    expect(await me(collectorCookie)).toMatchObject({ agency_currency: 'CNY', desk_currency: 'USD' });
    expect(await me(supervisorCookie)).toMatchObject({ agency_currency: 'CNY', desk_currency: 'USD' });
    expect(await me(adminCookie)).toMatchObject({ agency_currency: 'CNY', desk_currency: 'CNY' });
  });

  it('cannot be printed while the help centre does not name the agency and where it takes disputes', async () => {
    // The starter pages name a Chinese agency; an admin who empties them is told what is missing.
    await upsertPage(db.pool, { key: 'home', locale: 'en', title: 'Home', bodyMd: '', fields: {}, by: null });
    // The page's own phone and address (the agency's Chinese line and office) are no number or address for a debtor in the US:
    // only its US ones (phone_us, address_us) will do.
    await upsertPage(db.pool, { key: 'contact', locale: 'en', title: 'Contact', bodyMd: '',
      fields: { hours: '9-5', phone: '400-800-1234', address: '8th floor, 1000 Zhongshan Avenue, Wuhan, Hubei' }, by: null });
    const res = await print({ creditor: 'PRAIRIE' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.field).toBe('agency');
    expect(res.json().error.message).toContain('missing: agency_name (home page), address_us (contact page, the US mailing address), phone_us (contact page, the US number)');
    await upsertPage(db.pool, { key: 'home', locale: 'en', title: 'Home', bodyMd: '', fields: { agency_name: 'Leeway Recovery LLC' }, by: null });
    await upsertPage(db.pool, { key: 'contact', locale: 'en', title: 'Contact', bodyMd: '',
      fields: { address_us: '100 Main St, Springfield, IL 62701', phone_us: '(217) 555-0100', hours_us: 'Mon-Fri 9am-5pm CT' }, by: null });
  });

  it('prints one page per account the engine allows (and a Spanish page after the English one for a debtor who asked), records each as sent with its validation period and figures, and audits', async () => {
    // The paying debtor told the collector they read Spanish: recorded on the account page, audited.
    const page = async () => (await app.inject({ method: 'GET', url: `/api/accounts/${acc.paying.id}/page`, headers: { cookie: collectorCookie } })).json();
    expect((await page()).debtor.preferred_language).toBeNull();
    const spanish = await app.inject({ method: 'POST', url: `/api/accounts/${acc.paying.id}/debtor-language`, headers: { cookie: collectorCookie },
      payload: { language: 'es', expected_version: (await page()).account.version } });
    expect(spanish.statusCode, spanish.body).toBe(200);
    expect((await page()).debtor.preferred_language).toBe('es');
    // The collector who speaks Spanish has the disclosure in Spanish too (this agency's name says it
    // collects debts, so no voicemail may be left at all: nothing to say in Spanish there).
    expect((await page()).call_disclosure.es).toContain('Esta es una comunicación de un cobrador de deudas.');
    expect((await page()).voicemail_message).toEqual({ en: expect.stringMatching(/^Leave no voicemail/), zh: expect.stringMatching(/^不要留言/) });
    expect((await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'debtor.language'`)).rows.map((r) => r.detail))
      .toEqual([{ account_id: acc.paying.id, language: 'es', before: null }]);
    const res = await print({ creditor: 'PRAIRIE' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="validation-notices-PRAIRIE-2026-03-02.pdf"');
    expect(res.headers['x-notices-printed']).toBe('2');
    expect(res.headers['x-notices-already']).toBe('0');
    expect(JSON.parse(String(res.headers['x-notices-refused']))).toEqual({ 'US.attorney': 1, no_usable_address: 1 });
    expect(pages(res.rawPayload)).toBe(3);
    if (process.env.KEEP_NOTICE_PDF) (await import('node:fs')).writeFileSync(process.env.KEEP_NOTICE_PDF, res.rawPayload);

    const notices = (await db.pool.query(`SELECT account_id, sent_on, validation_ends_on, itemization_date, itemization_fen, interest_fen, fees_fen, paid_fen,
        amount_now_fen, sent_by FROM validation_notices ORDER BY account_id`)).rows;
    // Sent Monday 2026-03-02: taken as received five business days later (03-09), the period ends 30 days after.
    const common = { sent_on: '2026-03-02', validation_ends_on: '2026-04-08', itemization_date: '2026-01-01', itemization_fen: 1_001_500, interest_fen: 0, fees_fen: 0, sent_by: adminId };
    expect(notices).toEqual([
      { account_id: acc.fresh.id, ...common, paid_fen: 0, amount_now_fen: 1_001_500 },
      { account_id: acc.paying.id, ...common, paid_fen: 20_000, amount_now_fen: 981_500 },
    ]);
    // The contact record is the agency's (系统自动, as its reminders), not the admin's who printed the run (sent_by above).
    const attempts = (await db.pool.query(`SELECT account_id, channel, purpose, outcome, note, initiated_by, collector_id FROM contact_attempts WHERE channel = 'letter' ORDER BY account_id`)).rows;
    const sent = { channel: 'letter', purpose: 'notice', outcome: 'sent', note: 'validation notice 2026-03-02; validation period ends 2026-04-08', initiated_by: 'agency', collector_id: null };
    expect(attempts).toEqual([{ account_id: acc.fresh.id, ...sent }, { account_id: acc.paying.id, ...sent }]);
    const audit = (await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'validation_notices.print' ORDER BY id DESC LIMIT 1`)).rows[0].detail;
    expect(audit).toMatchObject({ date: '2026-03-02', printed: 2, already: 0, account_ids: [acc.fresh.id, acc.paying.id], time_barred: [acc.paying.id],
      spanish: [acc.paying.id] });
  });

  it('then the account may be collected; the list counts only the accounts still waiting', async () => {
    // Not a call logged for the evening before (Chicago's 1 March, before the notice's day began in Shanghai): no notice had gone then.
    const before = await app.inject({ method: 'POST', url: `/api/accounts/${acc.fresh.id}/contacts`, headers: { cookie: collectorCookie },
      payload: { channel: 'call', contact_point_id: acc.fresh.point, outcome: 'no_answer', at: '2026-03-01T09:30:00-06:00' } });
    expect(before.statusCode).toBe(409);
    expect(before.json().error.details.decision.reasons.map((r: { rule: string }) => r.rule)).toEqual(['US.validation_notice']);
    expect((await call(acc.fresh.id, acc.fresh.point)).statusCode).toBe(201);
    // A debtor of a US creditor whose zone is not a US one is judged in every US zone: 21:00 in New York is too late.
    const late = await call(acc.paying.id, acc.paying.point);
    expect(late.json().error.details.decision.reasons.map((r: { rule: string }) => r.rule)).toEqual(['US.hours']);
    expect(late.json().error.details.decision.reasons[0].message).toContain('America/New_York');
    const page = (id: number) => app.inject({ method: 'GET', url: `/api/accounts/${id}/page`, headers: { cookie: collectorCookie } }).then((r) => r.json());
    const unknown = await page(acc.paying.id);
    expect(unknown).toMatchObject({ debtor_local_time: '2026-03-01 21:00 … 2026-03-01 16:00', debtor: { time_zone: 'America/New_York … Pacific/Honolulu' },
      currency: 'USD', validation_notice: { sent_on: '2026-03-02', validation_ends_on: '2026-04-08' } });
    expect(await page(acc.fresh.id)).toMatchObject({ debtor_local_time: '2026-03-01 20:00', debtor: { time_zone: 'America/Chicago' } });
    // The collector is told what to say first on the call, with the agency's name from the help centre.
    expect((await page(acc.fresh.id)).call_disclosure.en).toMatch(/^First ask for Jane Doe .* "This is Leeway Recovery LLC\. This is a communication from a debt collector\./);
    // A name with "Recovery" in it tells whoever hears a voicemail that the call is about a debt: no voicemail then.
    expect((await page(acc.fresh.id)).voicemail_message.en).toMatch(/^Leave no voicemail: the agency's name \("Leeway Recovery LLC"\) says it collects debts/);
    // Five years have run on the Illinois card: the collector is told since when, and never to speak of suing.
    expect(unknown.time_barred).toMatchObject({ since: '2025-12-01', state: 'IL', years: 5, citation: expect.stringContaining('Illinois: 5 years') });
    expect(unknown.time_barred.en).toContain('never say or suggest that the debtor will be sued');
    expect((await page(acc.fresh.id)).time_barred).toBeNull();
    // A callback's local time is read in the first of those zones (New York), and must suit every one of them.
    expect(unknown.callback_zone).toBe('America/New_York');
    const callback = (localTime: string) => app.inject({ method: 'POST', url: `/api/accounts/${acc.paying.id}/callbacks`, headers: { cookie: collectorCookie },
      payload: { local_time: localTime } });
    const early = await callback('2026-03-02T10:00');
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('Pacific/Honolulu');
    const fine = await callback('2026-03-02T15:00');
    expect(fine.statusCode, fine.body).toBe(201);
    expect(fine.json().due_at).toBe('2026-03-02T20:00:00.000Z');
    // Lists say each account's currency too.
    const list = (await app.inject({ method: 'GET', url: '/api/accounts', headers: { cookie: adminCookie } })).json().items as Array<{ currency: string; creditor_code: string }>;
    expect(new Set(list.map((a) => `${a.creditor_code} ${a.currency}`))).toEqual(new Set(['PRAIRIE USD']));
    // A US account's texts are English, say they are from a debt collector, and say how to stop them.
    const templates = (await app.inject({ method: 'GET', url: `/api/accounts/${acc.fresh.id}/sms-templates`, headers: { cookie: collectorCookie } })).json().items;
    const last4 = ((await db.pool.query(`SELECT account_no FROM accounts WHERE id = $1`, [acc.fresh.id])).rows[0].account_no as string).slice(-4);
    expect(templates.find((t: { key: string }) => t.key === 'overdue_reminder').body).toBe(`This is a message from a debt collector about your First Prairie Bank account ending ${last4}. `
      + 'It is past due; please pay or contact us to arrange a payment you can manage. Reply STOP to opt out of texts.');
    const sms = await app.inject({ method: 'POST', url: `/api/accounts/${acc.fresh.id}/sms`, headers: { cookie: collectorCookie },
      payload: { template: 'call_back', contact_point_id: acc.fresh.point } });
    expect(sms.statusCode, sms.body).toBe(201);
    // It gives the agency's US number to call back (phone_us), never its Chinese line.
    expect(sms.json().body).toMatch(/^This is a message from a debt collector .*please call us back at \(217\) 555-0100 or reply to this message\. Reply STOP to opt out of texts\.$/);
    // The paying debtor reads Spanish: their texts are in Spanish.
    const spanish = (await app.inject({ method: 'GET', url: `/api/accounts/${acc.paying.id}/sms-templates`, headers: { cookie: collectorCookie } })).json().items;
    expect(spanish.find((t: { key: string }) => t.key === 'overdue_reminder').body)
      .toMatch(/^Este es un mensaje de un cobrador de deudas sobre su cuenta de First Prairie Bank que termina en \d{4}\. .* Responda STOP para no recibir más mensajes de texto\.$/);
    // The bank's name in English, where an admin set one, is the name its English and Spanish texts give.
    await db.pool.query(`UPDATE creditors SET name_en = 'First Prairie Bank, N.A.' WHERE code = 'PRAIRIE'`);
    try {
      const renamed = (await app.inject({ method: 'GET', url: `/api/accounts/${acc.paying.id}/sms-templates`, headers: { cookie: collectorCookie } })).json().items;
      expect(renamed.find((t: { key: string }) => t.key === 'overdue_reminder').body).toContain('sobre su cuenta de First Prairie Bank, N.A. que termina');
    } finally {
      await db.pool.query(`UPDATE creditors SET name_en = NULL WHERE code = 'PRAIRIE'`);
    }
    // So is the portal link's.
    const link = await app.inject({ method: 'POST', url: `/api/accounts/${acc.fresh.id}/portal-link`, headers: { cookie: collectorCookie }, payload: { sms: true } });
    expect(link.statusCode, link.body).toBe(200);
    const queued = (await db.pool.query(`SELECT body FROM outbox WHERE id = $1`, [link.json().sms.outbox_id])).rows[0].body as string;
    expect(queued).toMatch(/^This is a message from a debt collector\. Your personal service link \(valid \d+ days, one use only\): .*\/my\/open\/\S+ Do not forward it\. Reply STOP to opt out of texts\.$/);
    expect((await call(acc.represented.id, acc.represented.point)).json().error.details.decision.reasons.map((r: { rule: string }) => r.rule))
      .toEqual(['US.attorney', 'US.validation_notice']);
    expect(await creditorRow('PRAIRIE')).toMatchObject({ validation_notices_due: 2 });
  });

  it('printing again the same day gives the same notices as recorded, and records nothing more', async () => {
    const again = await print({ creditor: 'PRAIRIE' });
    expect(again.statusCode).toBe(200);
    expect(again.headers['x-notices-printed']).toBe('2');
    expect(again.headers['x-notices-already']).toBe('2');
    expect(pages(again.rawPayload)).toBe(3);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM validation_notices`)).rows[0].n).toBe(2);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM contact_attempts WHERE channel = 'letter'`)).rows[0].n).toBe(2);
  });

  it("the strategy's collection letters for a US creditor are in English (and then Spanish for a Spanish reader), whatever the screen asked, once the notice went", async () => {
    const bank = (await db.pool.query(`SELECT id FROM creditors WHERE code = 'PRAIRIE'`)).rows[0].id as number;
    await insertRuleSet(db.pool, bank, '2026-01-01', { priority: { bucket_points: {}, balance_fen_per_point: 100 }, actions: [], default_action: 'letter' }, null);
    await runStrategy(ctx, CLI_ACTOR);
    const res = await app.inject({ method: 'POST', url: '/api/letters/print', headers: { cookie: adminCookie }, payload: { creditor: 'PRAIRIE', locale: 'zh-CN' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="letters-PRAIRIE-2026-03-02-en.pdf"');
    // The two accounts with a notice get a letter; the represented one and the one without an address do not.
    expect(res.headers['x-letters-printed']).toBe('2');
    expect(JSON.parse(String(res.headers['x-letters-refused']))).toMatchObject({ 'US.attorney': 1, no_usable_address: 1 });
    // The Illinois card five years past due: its letter says the bank cannot sue.
    const audit = (await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'letters.print' ORDER BY id DESC LIMIT 1`)).rows[0].detail;
    expect(audit.time_barred).toEqual([acc.paying.id]);
    // The paying debtor reads Spanish: their letter is followed by the same in Spanish, a third page.
    expect(audit.spanish).toEqual([acc.paying.id]);
    expect(pages(res.rawPayload)).toBe(3);
    // On US Letter paper, as the notices are.
    expect(res.rawPayload.toString('latin1').match(/\/MediaBox \[([\d. ]+)\]/)![1]).toBe('0 0 612 792');
    // Printed the day their notices went, they are letters of their own: each recorded as the account's collection letter
    // (the notice of the same day does not make them a reprint).
    expect(audit.already).toBe(0);
    const recorded = await db.pool.query(`SELECT count(*)::int AS n FROM contact_attempts WHERE channel = 'letter' AND purpose = 'collect' AND creditor_id = $1`, [bank]);
    expect(recorded.rows[0].n).toBe(2);
  });

  it("the bank's commission statement is in dollars: on the screen's data and in the exported file's headers", async () => {
    const view = await app.inject({ method: 'GET', url: '/api/statements?creditor=PRAIRIE&month=2026-02', headers: { cookie: adminCookie } });
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({ currency: 'USD', totals: { recovered_fen: 20_000 } });
    const csv = await app.inject({ method: 'GET', url: '/api/statements/export?creditor=PRAIRIE&month=2026-02&format=csv&locale=en', headers: { cookie: adminCookie } });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.body.split('\r\n')[0]).toContain('Amount (USD)');
    // Unasked, the file is in the bank's language: English for a US bank (a Chinese bank's stays in Chinese).
    const unasked = await app.inject({ method: 'GET', url: '/api/statements/export?creditor=PRAIRIE&month=2026-02&format=csv', headers: { cookie: adminCookie } });
    expect(unasked.headers['content-disposition']).toContain('-en.csv');
    expect(unasked.body.split('\r\n')[0]).toContain('Amount (USD)');
    const chinese = await app.inject({ method: 'GET', url: '/api/statements/export?creditor=HUAYU&month=2026-02&format=csv', headers: { cookie: adminCookie } });
    expect(chinese.statusCode, chinese.body).toBe(200);
    expect(chinese.headers['content-disposition']).toContain('-zh.csv');
  });

  it('rows about accounts get the currency of their creditor\'s contract: dollars, yuan, and yuan without a contract', async () => {
    const ids = (await db.pool.query(`SELECT id, code FROM creditors WHERE code IN ('PRAIRIE', 'HUAYU')`)).rows as Array<{ id: number; code: string }>;
    const none = await newCreditor(db.pool, 'NOCONTRACT');
    const rows = await withCurrency(db.pool, [...ids.map((c) => ({ creditor_id: c.id, code: c.code })), { creditor_id: none.id, code: none.code }], '2026-03-02');
    expect(Object.fromEntries(rows.map((r) => [r.code, r.currency]))).toEqual({ PRAIRIE: 'USD', HUAYU: 'CNY', NOCONTRACT: 'CNY' });
  });

  it('a dispute the creditor verifies stops collection until the verification letter is mailed (1006.38(d)(2)), which resumes it', async () => {
    const opened = await app.inject({ method: 'POST', url: `/api/accounts/${acc.fresh.id}/disputes`, headers: { cookie: collectorCookie },
      payload: { reason: 'wrong_amount', description: 'The debtor wrote that the balance is too high.', channel: 'letter' } });
    expect(opened.statusCode, opened.body).toBe(201);
    const disputeId = opened.json().id as number;
    // 10:00 on 2 March in Shanghai, 20:00 on 1 March in Peoria: the dispute opened today stops the call all the same.
    const rules = async () => (await call(acc.fresh.id, acc.fresh.point)).json().error?.details.decision.reasons.map((r: { rule: string }) => r.rule);
    expect(await rules()).toEqual(['US.dispute']);

    const resolved = await app.inject({ method: 'POST', url: `/api/disputes/${disputeId}/resolution`, headers: { cookie: adminCookie },
      payload: { outcome: 'verified', note: 'Statement of 2026-01-01 checked; the balance is correct.' } });
    expect(resolved.json()).toEqual({ status: 'verified', account_status: null, verification_to_mail: true });
    expect(await rules()).toEqual(['US.dispute']);   // verified, but not yet mailed: still no collection
    expect(await creditorRow('PRAIRIE')).toMatchObject({ verifications_due: 1 });
    // Nor can the hold be lifted by hand before the letter goes.
    const holdId = (await db.pool.query(`SELECT hold_id FROM complaints WHERE id = $1`, [disputeId])).rows[0].hold_id;
    const lift = await app.inject({ method: 'POST', url: `/api/holds/${holdId}/release`, headers: { cookie: supervisorCookie }, payload: { reason: 'bank says it is fine' } });
    expect(lift.statusCode).toBe(409);
    expect(lift.json().error.message).toContain(`belongs to the open dispute ${disputeId}`);

    const print = (cookie = adminCookie) => app.inject({ method: 'POST', url: '/api/letters/verifications', headers: { cookie }, payload: { creditor: 'PRAIRIE' } });
    const res = await print();
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="verifications-PRAIRIE-2026-03-02.pdf"');
    expect([res.headers['x-notices-printed'], res.headers['x-notices-already']]).toEqual(['1', '0']);
    expect(pages(res.rawPayload)).toBe(1);
    expect((await db.pool.query(`SELECT verification_sent_on FROM complaints WHERE id = $1`, [disputeId])).rows[0].verification_sent_on).toBe('2026-03-02');
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM contact_attempts WHERE account_id = $1 AND note = $2`, [acc.fresh.id, `verification of dispute ${disputeId}`])).rows[0].n).toBe(1);
    expect((await call(acc.fresh.id, acc.fresh.point)).statusCode).toBe(201);   // collection resumes
    expect(await creditorRow('PRAIRIE')).toMatchObject({ verifications_due: 0 });

    const again = await print();
    expect([again.headers['x-notices-printed'], again.headers['x-notices-already']]).toEqual(['1', '1']);
    // A debtor who reads Spanish gets the Spanish letter after the English one.
    await db.pool.query(`UPDATE debtors SET preferred_language = 'es' WHERE id = $1`, [acc.fresh.debtorId]);
    expect(pages((await print()).rawPayload)).toBe(2);
    await db.pool.query(`UPDATE debtors SET preferred_language = NULL WHERE id = $1`, [acc.fresh.debtorId]);
    expect((await print(supervisorCookie)).statusCode).toBe(403);
    const cn = await app.inject({ method: 'POST', url: '/api/letters/verifications', headers: { cookie: adminCookie }, payload: { creditor: 'HUAYU' } });
    expect(cn.statusCode).toBe(409);
  });

  it('a Chinese region suspension does not reach a US account; a suspension of the creditor from today does, though Peoria is still on yesterday', async () => {
    await db.pool.query(`INSERT INTO suspensions (scope, code, from_date, reason) VALUES ('region', '420000', '2026-03-02', '湖北疫情停催')`);
    expect((await call(acc.fresh.id, acc.fresh.point)).statusCode).toBe(201);
    await db.pool.query(`INSERT INTO suspensions (scope, code, from_date, reason) VALUES ('creditor', 'PRAIRIE', '2026-03-02', 'bank request')`);
    const refused = await call(acc.fresh.id, acc.fresh.point);
    expect(refused.json().error.details.decision.reasons.map((r: { rule: string }) => r.rule)).toEqual(['US.suspension']);
    await db.pool.query(`UPDATE suspensions SET ended_at = now()`);
  });

  it('a notice the post returned does not count: the account waits for a new one, to an address that works', async () => {
    const attempt = (await db.pool.query(`SELECT contact_attempt_id FROM validation_notices WHERE account_id = $1`, [acc.paying.id])).rows[0].contact_attempt_id;
    const supervisor = supervisorCookie;
    const corrected = await app.inject({ method: 'POST', url: `/api/contact-attempts/${attempt}/correction`, headers: { cookie: supervisor },
      payload: { outcome: 'returned', reason: 'Returned by the post: addressee unknown' } });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect((await db.pool.query(`SELECT returned_on FROM validation_notices WHERE account_id = $1`, [acc.paying.id])).rows[0].returned_on).toBe('2026-03-02');
    const check = (await app.inject({ method: 'GET', url: `/api/accounts/${acc.paying.id}/contact-check?channel=sms&contact_point_id=${acc.paying.point}`,
      headers: { cookie: collectorCookie } })).json();
    expect(check.reasons.map((r: { rule: string }) => r.rule)).toContain('US.validation_notice');
    expect(await creditorRow('PRAIRIE')).toMatchObject({ validation_notices_due: 3 });
    const page = (await app.inject({ method: 'GET', url: `/api/accounts/${acc.paying.id}/page`, headers: { cookie: collectorCookie } })).json();
    expect(page.validation_notice).toEqual({ sent_on: null, validation_ends_on: null });
  });

  it("under New York City's rules the account page asks for the debtor's language until it is recorded, and no text goes to a number they did not agree to", async () => {
    const page = async (id: number) => (await app.inject({ method: 'GET', url: `/api/accounts/${id}/page`, headers: { cookie: collectorCookie } })).json();
    const { rows: [before] } = await db.pool.query(`SELECT region_code FROM accounts WHERE id = $1`, [acc.homeless.id]);
    try {
      await db.pool.query(`UPDATE accounts SET region_code = 'US-NY' WHERE id = $1`, [acc.homeless.id]);
      expect((await page(acc.homeless.id)).language_to_ask).toEqual({
        en: 'New York City\'s rules: before collecting, ask which language the customer prefers and record it under "Writes in".',
        zh: '纽约市规定：催收前须询问客户希望使用的语言，并在“书面语言”中记录。' });
      const recorded = await app.inject({ method: 'POST', url: `/api/accounts/${acc.homeless.id}/debtor-language`, headers: { cookie: collectorCookie },
        payload: { language: 'en', expected_version: (await page(acc.homeless.id)).account.version } });
      expect(recorded.statusCode, recorded.body).toBe(200);
      expect((await page(acc.homeless.id)).language_to_ask).toBeNull();
      // An Illinois debtor is not asked, whatever is recorded, and texts to them need no agreement.
      expect((await page(acc.paying.id)).language_to_ask).toBeNull();
      expect((await page(acc.paying.id)).texts_need_consent).toBe(false);
      expect((await page(acc.homeless.id)).texts_need_consent).toBe(true);

      // New York City's rules: no text to a number the debtor did not agree to be texted at; the collector records their agreement.
      const { rows: [phone] } = await db.pool.query(`SELECT id FROM contact_points WHERE debtor_id = $1 AND kind = 'phone'`, [acc.homeless.debtorId]);
      const smsRules = async () => (await app.inject({ method: 'GET', url: `/api/accounts/${acc.homeless.id}/contact-check?channel=sms&contact_point_id=${phone!.id}`,
        headers: { cookie: collectorCookie } })).json().reasons.map((r: { rule: string }) => r.rule) as string[];
      expect(await smsRules()).toContain('US.nyc_electronic_consent');
      const consent = (consented: boolean) => app.inject({ method: 'POST', url: `/api/contact-points/${phone!.id}/consent`, headers: { cookie: collectorCookie },
        payload: { account_id: acc.homeless.id, consented, note: 'Agreed on the call of 2026-03-02', expected_version: 999_999 } });
      expect((await consent(true)).statusCode).toBe(409);   // a stale version changes nothing
      const agreed = await app.inject({ method: 'POST', url: `/api/contact-points/${phone!.id}/consent`, headers: { cookie: collectorCookie },
        payload: { account_id: acc.homeless.id, consented: true, note: 'Agreed on the call of 2026-03-02', expected_version: (await page(acc.homeless.id)).account.version } });
      expect(agreed.statusCode, agreed.body).toBe(200);
      expect(await smsRules()).not.toContain('US.nyc_electronic_consent');
      expect((await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'contact_point.consent'`)).rows.map((r) => r.detail))
        .toEqual([{ account_id: acc.homeless.id, kind: 'phone', consented: true, note: 'Agreed on the call of 2026-03-02' }]);
      const withdrawn = await app.inject({ method: 'POST', url: `/api/contact-points/${phone!.id}/consent`, headers: { cookie: collectorCookie },
        payload: { account_id: acc.homeless.id, consented: false, note: 'Withdrawn by phone', expected_version: (await page(acc.homeless.id)).account.version } });
      expect(withdrawn.statusCode, withdrawn.body).toBe(200);
      expect(await smsRules()).toContain('US.nyc_electronic_consent');
      // Texts in Illinois need no such agreement.
      const { rows: [ilPhone] } = await db.pool.query(`SELECT id FROM contact_points WHERE debtor_id = $1 AND kind = 'phone'`, [acc.paying.debtorId]);
      const il = (await app.inject({ method: 'GET', url: `/api/accounts/${acc.paying.id}/contact-check?channel=sms&contact_point_id=${ilPhone!.id}`,
        headers: { cookie: collectorCookie } })).json().reasons.map((r: { rule: string }) => r.rule);
      expect(il).not.toContain('US.nyc_electronic_consent');
    } finally {
      await db.pool.query(`UPDATE accounts SET region_code = $2 WHERE id = $1`, [acc.homeless.id, before!.region_code]);
    }
  });

  it('refuses a creditor not under a US contract, an unknown one, and anyone but an admin', async () => {
    const cn = await print({ creditor: 'HUAYU' });
    expect(cn.statusCode).toBe(409);
    expect(cn.json().error.message).toBe("Validation notices are for creditors under a US contract; HUAYU's contract is under the CN pack");
    expect((await print({ creditor: 'NOSUCH' })).statusCode).toBe(404);
    expect((await print({ creditor: 'PRAIRIE' }, supervisorCookie)).statusCode).toBe(403);
  });
});
