import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { byChannel, localAdapter, smtpAdapter } from '../src/channels/index.ts';
import type { AppContext } from '../src/app/context.ts';
import { decideContact } from '../src/app/compliance/contact-state.ts';
import { dispatchOutbox } from '../src/app/messages/dispatch-outbox.ts';
import { upsertPage } from '../src/db/site-repository.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newActiveAccount, newCreditor, newTeam, newUser, testContext, usContract } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';
import { startSmtp, type TestSmtp } from './support/smtp.ts';

/**
 * The US validation notice by e-mail (12 CFR 1006.34, 1006.42) on a real database and a real SMTP
 * server: queued only to an address the engine allows (Reg F's safe harbour), counted as the
 * account's notice when it goes, never twice (no print while it is on its way, no second e-mail),
 * and taken back when the server refuses it or it bounces.
 */
const FROM = 'notices@agency.example';
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let smtp: TestSmtp;
let adminCookie: string;
const acc: Record<'own' | 'vendor' | 'none', { id: number; debtorId: number }> = {} as never;

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = { ...testContext(db.pool), publicUrl: 'https://pay.agency.example' };   // 2026-03-01 20:00 in Chicago
  smtp = await startSmtp();
  app = await buildServer(ctx, { channel: byChannel(localAdapter(), smtpAdapter(smtp.url, FROM)), emailInboundToken: 'mail-secret' });
  const bank = await newCreditor(db.pool, 'PRAIRIE');
  await db.pool.query(`UPDATE creditors SET name = 'First Prairie Bank' WHERE id = $1`, [bank.id]);
  await usContract(db.pool, bank.id);
  await upsertPage(db.pool, { key: 'home', locale: 'en', title: 'Home', bodyMd: '', fields: { agency_name: 'Leeway Recovery LLC' }, by: null });
  await upsertPage(db.pool, { key: 'contact', locale: 'en', title: 'Contact', bodyMd: '',
    fields: { address_us: '100 Main St, Springfield, IL 62701', phone_us: '(217) 555-0100', hours_us: 'Mon-Fri 9am-5pm CT' }, by: null });
  const team = await newTeam(db.pool);
  const collector = await newUser(db.pool, 'collector', { teamId: team.id });
  adminCookie = await signInCookie(app, (await newUser(db.pool, 'admin')).username);
  const account = async (email: { value: string; source: string; consented: boolean } | null) => {
    const a = await newActiveAccount(ctx, { creditorId: bank.id, collectorId: collector.id, teamId: team.id });
    await db.pool.query(`UPDATE debtors SET name = 'Jane Doe', time_zone = 'America/Chicago', region_code = 'US-IL' WHERE id = $1`, [a.debtorId]);
    await db.pool.query(`UPDATE accounts SET region_code = 'US-IL' WHERE id = $1`, [a.id]);
    await db.pool.query(`INSERT INTO contact_points (debtor_id, kind, value_enc, value_hash, value_mask, owner, source)
                         VALUES ($1, 'address', $2, $3, '12 Oak Ave ****', 'debtor', 'placement')`,
    [a.debtorId, ctx.cipher.encrypt('12 Oak Ave, Peoria, IL 61602'), ctx.cipher.matchHash(`12 Oak Ave ${a.id}`)]);
    if (email) {
      await db.pool.query(`INSERT INTO contact_points (debtor_id, kind, value_enc, value_hash, value_mask, owner, source, debtor_consented)
                           VALUES ($1, 'email', $2, $3, 'j***@example.com', 'debtor', $4, $5)`,
      [a.debtorId, ctx.cipher.encrypt(email.value), ctx.cipher.matchHash(email.value), email.source, email.consented]);
    }
    return { id: a.id, debtorId: a.debtorId };
  };
  acc.own = await account({ value: 'jane@example.com', source: 'portal', consented: true });
  acc.vendor = await account({ value: 'jane.doe@vendor.example', source: 'skip-trace', consented: false });
  acc.none = await account(null);
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
  await db?.drop();
});
beforeEach(() => {
  smtp.received.length = 0;
  smtp.refuse = null;
});

const email = () => app.inject({ method: 'POST', url: '/api/letters/validation-notices/email', headers: { cookie: adminCookie }, payload: { creditor: 'PRAIRIE' } });
const print = () => app.inject({ method: 'POST', url: '/api/letters/validation-notices', headers: { cookie: adminCookie }, payload: { creditor: 'PRAIRIE' } });
const noticeOf = async (accountId: number) => (await db.pool.query(`SELECT vn.sent_on, vn.validation_ends_on, vn.amount_now_fen, vn.returned_on, ca.channel
  FROM validation_notices vn JOIN contact_attempts ca ON ca.id = vn.contact_attempt_id WHERE vn.account_id = $1 ORDER BY vn.id`, [accountId])).rows;
const collectRules = async (accountId: number) => (await decideContact(ctx, db.pool, accountId, { channel: 'letter', party: 'debtor', purpose: 'collect', at: ctx.now() }))
  .reasons.map((r) => r.rule);
const channel = () => byChannel(localAdapter(), smtpAdapter(smtp.url, FROM));

describe('validation notices by e-mail', () => {
  it('queues a notice to the address the debtor gave us (in English and then Spanish, as they asked); a vendor\'s address and none are left for the post; the notice counts once the e-mail goes', async () => {
    await db.pool.query(`UPDATE debtors SET preferred_language = 'es' WHERE id = $1`, [acc.own.debtorId]);
    // The bank's file gave the debt's charge-off figures: the e-mailed notice itemizes as of the charge-off too.
    await db.pool.query(`INSERT INTO account_charge_offs (creditor_id, account_id, batch_id, charged_off_on, balance_fen, interest_fen, fees_fen, paid_fen)
                         SELECT creditor_id, id, 0, '2025-12-31', principal_fen + interest_fen + fees_fen - 2500, 0, 2500, 0 FROM accounts WHERE id = $1`, [acc.own.id]);
    // The bank's name in English, where an admin set one, is the creditor the notice names.
    await db.pool.query(`UPDATE creditors SET name_en = 'First Prairie Bank, N.A.' WHERE code = 'PRAIRIE'`);
    const res = await email().finally(() => db.pool.query(`UPDATE creditors SET name_en = NULL WHERE code = 'PRAIRIE'`));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ date: '2026-03-02', queued: 1, refused: { 'US.email_safe_harbor': 1, no_usable_email: 1 } });
    const [queued] = (await db.pool.query(`SELECT * FROM outbox WHERE account_id = $1`, [acc.own.id])).rows;
    const last4 = queued.subject.slice(-4);
    expect(queued).toMatchObject({ channel: 'email', purpose: 'notice', status: 'queued',
      subject: `Validation notice about your account ending ${last4} / Aviso de validación sobre su cuenta que termina en ${last4}`,
      notice: { sent_on: '2026-03-02', validation_ends_on: '2026-04-08', itemization_date: '2025-12-31', fees_fen: 2500, charged_off: true } });
    expect(queued.body).toContain('As of December 31, 2025, the day First Prairie Bank, N.A. charged off the debt, you owed:');
    expect(queued.body).toContain('Leeway Recovery LLC is a debt collector.');
    expect(queued.body).toContain('We accept disputes electronically at https://pay.agency.example/my');
    expect(queued.body.indexOf('Leeway Recovery LLC es un cobrador de deudas.')).toBeGreaterThan(queued.body.indexOf('Leeway Recovery LLC is a debt collector.'));
    expect(queued.body).toContain('Aceptamos disputas por vía electrónica en https://pay.agency.example/my');
    expect(queued.unsubscribe_url).toMatch(/^https:\/\/pay\.agency\.example\/my\/unsubscribe\/\d+-/);
    // On its way, not yet given: no collection yet, and neither printed nor e-mailed again.
    expect(await collectRules(acc.own.id)).toContain('US.validation_notice');
    expect((await email()).json()).toMatchObject({ queued: 0 });
    const printed = await print();
    expect(printed.headers['x-notices-printed']).toBe('2');   // the other two, by post

    expect(await dispatchOutbox(ctx, channel())).toMatchObject({ sent: 1 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toEqual(['jane@example.com']);
    expect(smtp.received[0]!.text).toContain('How can you dispute the debt?');
    expect(await noticeOf(acc.own.id)).toEqual([{ sent_on: '2026-03-02', validation_ends_on: '2026-04-08', amount_now_fen: queued.notice.amount_now_fen,
      returned_on: null, channel: 'email' }]);
    expect((await db.pool.query(`SELECT to_char(itemization_date, 'YYYY-MM-DD') AS d, charged_off FROM validation_notices WHERE account_id = $1`, [acc.own.id])).rows)
      .toEqual([{ d: '2025-12-31', charged_off: true }]);
    expect(await collectRules(acc.own.id)).not.toContain('US.validation_notice');
    // The account page says how it went.
    const page = (await app.inject({ method: 'GET', url: `/api/accounts/${acc.own.id}/page`, headers: { cookie: adminCookie } })).json();
    expect(page.validation_notice).toEqual({ sent_on: '2026-03-02', validation_ends_on: '2026-04-08', channel: 'email' });
    // An e-mailed notice is not printed again as a reprint.
    expect((await print()).headers['x-notices-already']).toBe('2');
  });

  it('a bounce takes the notice back: the account waits for another, which the post can bring', async () => {
    const [sent] = (await db.pool.query(`SELECT id FROM outbox WHERE account_id = $1 AND status = 'sent'`, [acc.own.id])).rows;
    const res = await app.inject({ method: 'POST', url: '/api/channels/email/receipts', headers: { authorization: 'Bearer mail-secret' },
      payload: { id: sent.id, status: 'bounced', permanent: true, error: '550 5.1.1 no such user' } });
    expect(res.statusCode, res.body).toBe(200);
    expect((await noticeOf(acc.own.id))[0].returned_on).toBe('2026-03-02');
    expect(await collectRules(acc.own.id)).toContain('US.validation_notice');
    const audit = (await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'outbox.receipt' ORDER BY id DESC LIMIT 1`)).rows[0].detail;
    expect(audit).toMatchObject({ validation_notice_returned: true, contact_point_invalid: true });
    // The address is invalid now: no e-mail; the letter goes.
    expect((await email()).json()).toEqual({ date: '2026-03-02', queued: 0, refused: { no_usable_email: 1 } });
    const printed = await print();
    expect([printed.headers['x-notices-printed'], printed.headers['x-notices-already']]).toEqual(['3', '2']);   // Jane's, and today's two again
    expect((await noticeOf(acc.own.id)).map((n) => [n.channel, n.returned_on])).toEqual([['email', '2026-03-02'], ['letter', null]]);
  });

  it('a notice the mail server refuses was not given', async () => {
    const bank = (await db.pool.query(`SELECT creditor_id, debtor_id FROM accounts WHERE id = $1`, [acc.vendor.id])).rows[0];
    const team = await newTeam(db.pool);
    const other = await newActiveAccount(ctx, { creditorId: bank.creditor_id, collectorId: (await newUser(db.pool, 'collector', { teamId: team.id })).id, teamId: team.id });
    await db.pool.query(`UPDATE debtors SET time_zone = 'America/Chicago', region_code = 'US-IL' WHERE id = $1`, [other.debtorId]);
    await db.pool.query(`INSERT INTO contact_points (debtor_id, kind, value_enc, value_hash, value_mask, owner, source, debtor_consented)
                         VALUES ($1, 'email', $2, $3, 'm***@example.com', 'debtor', 'portal', true)`,
    [other.debtorId, ctx.cipher.encrypt('max@example.com'), ctx.cipher.matchHash('max@example.com')]);
    expect((await email()).json()).toMatchObject({ queued: 1 });
    smtp.refuse = () => '550 mailbox unavailable';
    expect(await dispatchOutbox(ctx, channel())).toMatchObject({ sent: 0, failed: 1 });
    expect((await noticeOf(other.id)).map((n) => n.returned_on)).toEqual(['2026-03-02']);
    expect(await collectRules(other.id)).toContain('US.validation_notice');
  });
});
