import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { byChannel, channelFromEnv, localAdapter, smtpAdapter } from '../src/channels/index.ts';
import type { AppContext } from '../src/app/context.ts';
import { dispatchOutbox } from '../src/app/messages/dispatch-outbox.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext } from './support/fixtures.ts';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './support/cli.ts';
import { signInCookie } from './support/http.ts';
import { startSmtp, type TestSmtp } from './support/smtp.ts';

/**
 * E-mail as a channel, on a real database and a real SMTP server: a collector sends one of the
 * fixed templates to the debtor's own address; it goes only when the compliance engine allows
 * it, through the mail server, with the opt-out link in its text and in List-Unsubscribe
 * (one-click, RFC 8058); following the link (or a mail program's one-click) opts the address
 * out at once, cancels what was queued for it, and the engine refuses the next e-mail.
 */
let db: TestDatabase;
let ctx: AppContext;
const clock = new Date('2026-03-02T02:00:00Z');   // Monday 10:00 in Shanghai
let app: FastifyInstance;
let smtp: TestSmtp;
let collectorCookie: string;
let creditorId: number;
let team: { id: number };
let collector: { id: number; username: string };
const FROM = 'Anhe Collections <collections@anhe.example>';

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool, () => clock);
  smtp = await startSmtp();
  app = await buildServer(ctx, { channel: byChannel(localAdapter(), smtpAdapter(smtp.url, FROM)), emailInboundToken: 'mail-secret' });
  creditorId = (await newCreditor(db.pool, 'MAILBANK')).id;
  team = await newTeam(db.pool);
  collector = await newUser(db.pool, 'collector', { teamId: team.id });
  collectorCookie = await signInCookie(app, collector.username);
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

const channel = () => byChannel(localAdapter(), smtpAdapter(smtp.url, FROM));

/** A debtor with a phone and, added by the collector as skip-tracing found it, an e-mail address; their account. */
async function debtorWithEmail(address = `li.ming.${Date.now()}@example.com`) {
  const debtor = await newDebtor(ctx);
  const account = await newAccount(db.pool, { creditorId, debtorId: debtor.id, collectorId: collector.id, teamId: team.id });
  const added = await app.inject({ method: 'POST', url: `/api/accounts/${account.id}/contact-points`, headers: { cookie: collectorCookie },
    payload: { kind: 'email', value: address, source: '债务人告知', reliability: 'high' } });
  expect(added.statusCode, added.body).toBe(201);
  return { debtor, account, pointId: added.json().contact_point_id as number, address };
}

const send = (accountId: number, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: `/api/accounts/${accountId}/email`, headers: { cookie: collectorCookie }, payload });

const outbox = async (id: number) => (await db.pool.query(`SELECT * FROM outbox WHERE id = $1`, [id])).rows[0];

describe('e-mail: a collector\'s template through the mail server', () => {
  it('goes through SMTP with the opt-out link in its text and its List-Unsubscribe header, and is recorded as the account\'s contact', async () => {
    const m = await debtorWithEmail();
    const templates = await app.inject({ method: 'GET', url: `/api/accounts/${m.account.id}/email-templates`, headers: { cookie: collectorCookie } });
    expect(templates.statusCode, templates.body).toBe(200);
    const items = templates.json().items as Array<{ key: string; subject: string | null; body: string | null }>;
    expect(items.map((i) => i.key)).toEqual(['overdue_reminder', 'promise_reminder', 'instalment_reminder', 'call_back']);
    expect(items.find((i) => i.key === 'promise_reminder')).toMatchObject({ subject: null, body: null });   // no open promise
    expect(items.find((i) => i.key === 'instalment_reminder')).toMatchObject({ subject: null, body: null });   // no plan

    const res = await send(m.account.id, { template: 'overdue_reminder', contact_point_id: m.pointId });
    expect(res.statusCode, res.body).toBe(201);
    const queued = await outbox(res.json().outbox_id);
    expect(queued).toMatchObject({ channel: 'email', status: 'queued', subject: expect.stringMatching(/^关于您尾号\d{4}的账户 \/ Your account ending \d{4}$/) });
    expect(queued.unsubscribe_url).toMatch(new RegExp(`^http://localhost(:80)?/my/unsubscribe/${m.pointId}-[A-Za-z0-9_-]{22}$`));
    expect(queued.body).toContain(queued.unsubscribe_url);
    // The collector who sent it reads it without the debtor's opt-out token (it opts the debtor out).
    expect(res.json().body).toContain('/my/unsubscribe/••••••');
    expect(res.json().body).not.toContain(queued.unsubscribe_url);

    expect(await dispatchOutbox(ctx, channel())).toMatchObject({ sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual([m.address]);
    expect(mail.from).toBe('collections@anhe.example');
    expect(mail.headers.get('subject')).toBe(queued.subject);
    expect(mail.headers.get('list-unsubscribe')).toBe(`<${queued.unsubscribe_url}>`);
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.text.trimEnd()).toBe(queued.body.trimEnd());
    expect(mail.text).toContain(`请打开此链接退订：${queued.unsubscribe_url}`);

    const sent = await outbox(queued.id);
    expect(sent).toMatchObject({ status: 'sent', adapter: 'smtp', provider_ref: mail.headers.get('message-id') });
    const attempts = (await db.pool.query(`SELECT channel, outcome, contact_point_id FROM contact_attempts WHERE account_id = $1`, [m.account.id])).rows;
    expect(attempts.map((a) => ({ ...a, contact_point_id: Number(a.contact_point_id) }))).toEqual([{ channel: 'email', outcome: 'sent', contact_point_id: m.pointId }]);
    expect((await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'email.queue' ORDER BY id DESC LIMIT 1`)).rows[0].detail)
      .toEqual({ account_id: m.account.id, template: 'overdue_reminder', contact_point_id: m.pointId });
  });

  it('a mail server that refuses the address fails the message with what it said, and the attempt counts as a network error', async () => {
    const m = await debtorWithEmail();
    smtp.refuse = (address) => (address === m.address ? 'mailbox unavailable' : null);
    const res = await send(m.account.id, { template: 'call_back', contact_point_id: m.pointId });
    expect(res.statusCode, res.body).toBe(201);
    expect(await dispatchOutbox(ctx, channel())).toMatchObject({ sent: 0, failed: 1 });
    const failed = await outbox(res.json().outbox_id);
    expect(failed).toMatchObject({ status: 'failed', adapter: 'smtp' });
    expect(failed.error).toMatch(/mailbox unavailable/);
    expect((await db.pool.query(`SELECT outcome FROM contact_attempts WHERE account_id = $1`, [m.account.id])).rows).toEqual([{ outcome: 'network_error' }]);
  });

  it('SMS and e-mail in one dispatch: each goes by its own channel', async () => {
    const m = await debtorWithEmail();
    const phone = (await db.pool.query(`SELECT id FROM contact_points WHERE debtor_id = $1 AND kind = 'phone'`, [m.debtor.id])).rows[0].id as number;
    const sms = await app.inject({ method: 'POST', url: `/api/accounts/${m.account.id}/sms`, headers: { cookie: collectorCookie },
      payload: { template: 'call_back', contact_point_id: phone } });
    const email = await send(m.account.id, { template: 'call_back', contact_point_id: m.pointId });
    expect([sms.statusCode, email.statusCode]).toEqual([201, 201]);
    expect(await dispatchOutbox(ctx, channel())).toMatchObject({ sent: 2 });
    expect((await outbox(sms.json().outbox_id)).adapter).toBe('local');
    expect((await outbox(email.json().outbox_id)).adapter).toBe('smtp');
    expect(smtp.received.map((r) => r.to)).toEqual([[m.address]]);
  });

  it('only to an e-mail address of the debtor\'s own, and only the fixed templates', async () => {
    const m = await debtorWithEmail();
    const phone = (await db.pool.query(`SELECT id FROM contact_points WHERE debtor_id = $1 AND kind = 'phone'`, [m.debtor.id])).rows[0].id as number;
    const toPhone = await send(m.account.id, { template: 'call_back', contact_point_id: phone });
    expect(toPhone.statusCode).toBe(400);
    expect(toPhone.json().error.field).toBe('contact_point_id');
    const freeText = await send(m.account.id, { template: 'pay now or else', contact_point_id: m.pointId });
    expect(freeText.statusCode).toBe(400);
    expect(freeText.json().error.field).toBe('template');
  });
});

describe('e-mail: the opt-out link', () => {
  it('opening it asks first and changes nothing; the button opts the address out, cancels what was queued, and the engine refuses the next e-mail', async () => {
    const m = await debtorWithEmail();
    const first = await send(m.account.id, { template: 'overdue_reminder', contact_point_id: m.pointId });
    const url = new URL((await outbox(first.json().outbox_id)).unsubscribe_url as string);

    const page = await app.inject({ method: 'GET', url: url.pathname, headers: { 'accept-language': 'en' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Stop e-mails to me');
    expect((await db.pool.query(`SELECT opted_out FROM contact_points WHERE id = $1`, [m.pointId])).rows[0].opted_out).toEqual([]);

    const done = await app.inject({ method: 'POST', url: url.pathname, headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'zh-CN' },
      payload: '' });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('已退订');
    expect((await db.pool.query(`SELECT opted_out FROM contact_points WHERE id = $1`, [m.pointId])).rows[0].opted_out).toEqual(['email']);
    expect(await outbox(first.json().outbox_id)).toMatchObject({ status: 'cancelled', error: 'The recipient opted out of e-mail (unsubscribe link)' });
    expect((await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'email.opt_out' ORDER BY id DESC LIMIT 1`)).rows[0].detail)
      .toMatchObject({ debtor_id: m.debtor.id, changed: true, cancelled: 1 });

    const again = await send(m.account.id, { template: 'overdue_reminder', contact_point_id: m.pointId });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONTACT_NOT_ALLOWED');
    expect(await dispatchOutbox(ctx, channel())).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(0);
  });

  it('a mail program\'s one-click unsubscribe (RFC 8058) does the same, once; an altered or unknown link opts nobody out', async () => {
    const m = await debtorWithEmail();
    const other = await debtorWithEmail();
    const res = await send(m.account.id, { template: 'call_back', contact_point_id: m.pointId });
    const path = new URL((await outbox(res.json().outbox_id)).unsubscribe_url as string).pathname;
    const oneClick = () => app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect((await oneClick()).statusCode).toBe(200);
    const twice = await oneClick();
    expect(twice.statusCode).toBe(200);
    expect((await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'email.opt_out' ORDER BY id DESC LIMIT 1`)).rows[0].detail)
      .toMatchObject({ changed: false, cancelled: 0 });

    // The other debtor's point id with this link's check, and a check altered by one character.
    const [, check] = /\/my\/unsubscribe\/\d+-(.+)$/.exec(path)!;
    for (const forged of [`/my/unsubscribe/${other.pointId}-${check}`, path.slice(0, -1) + (path.endsWith('A') ? 'B' : 'A'), '/my/unsubscribe/nonsense']) {
      const refused = await app.inject({ method: 'POST', url: forged, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
      expect(refused.statusCode, forged).toBe(404);
      expect((await app.inject({ method: 'GET', url: forged })).statusCode, forged).toBe(404);
    }
    expect((await db.pool.query(`SELECT opted_out FROM contact_points WHERE id = $1`, [other.pointId])).rows[0].opted_out).toEqual([]);
  });
});

describe('e-mail: what the mail provider reports afterwards', () => {
  const receipt = (payload: Record<string, unknown>, token = 'mail-secret') => app.inject({ method: 'POST', url: '/api/channels/email/receipts',
    headers: { authorization: `Bearer ${token}` }, payload });
  async function sent() {
    const m = await debtorWithEmail();
    const res = await send(m.account.id, { template: 'call_back', contact_point_id: m.pointId });
    expect(await dispatchOutbox(ctx, channel())).toMatchObject({ sent: 1 });
    return { ...m, outbox: await outbox(res.json().outbox_id) };
  }
  const point = async (id: number) => (await db.pool.query(`SELECT verified, opted_out FROM contact_points WHERE id = $1`, [id])).rows[0];

  it('a permanent bounce, named by the Message-ID, records it undelivered and marks the address invalid; a temporary one only records it', async () => {
    const m = await sent();
    const soft = await sent();
    const res = await receipt({ provider_ref: m.outbox.provider_ref, status: 'bounced', permanent: true, error: '550 5.1.1 no such user' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id: m.outbox.id, delivery: 'undelivered', contact_point_invalid: true, opted_out: false });
    expect(await outbox(m.outbox.id)).toMatchObject({ delivery: 'undelivered', delivery_error: '550 5.1.1 no such user' });
    expect((await point(m.pointId)).verified).toBe('invalid');
    expect((await receipt({ id: soft.outbox.id, status: 'bounced', error: 'mailbox full' })).json()).toMatchObject({ contact_point_invalid: false });
    expect((await point(soft.pointId)).verified).not.toBe('invalid');
  });

  it('a spam complaint opts the address out of e-mail, as its link would; the engine refuses the next', async () => {
    const m = await sent();
    expect((await receipt({ id: m.outbox.id, status: 'complained' })).json()).toEqual({ id: m.outbox.id, delivery: 'delivered', contact_point_invalid: false, opted_out: true });
    expect((await point(m.pointId)).opted_out).toEqual(['email']);
    expect((await send(m.account.id, { template: 'call_back', contact_point_id: m.pointId })).statusCode).toBe(409);
  });

  it('only with the token, only for e-mails: an SMS\'s id is not one, nor an unknown Message-ID', async () => {
    const m = await sent();
    expect((await receipt({ id: m.outbox.id, status: 'delivered' }, 'wrong')).statusCode).toBe(401);
    const phone = (await db.pool.query(`SELECT id FROM contact_points WHERE debtor_id = $1 AND kind = 'phone'`, [m.debtor.id])).rows[0].id as number;
    const sms = await app.inject({ method: 'POST', url: `/api/accounts/${m.account.id}/sms`, headers: { cookie: collectorCookie }, payload: { template: 'call_back', contact_point_id: phone } });
    await dispatchOutbox(ctx, channel());
    expect((await receipt({ id: sms.json().outbox_id, status: 'bounced', permanent: true })).statusCode).toBe(404);
    expect((await receipt({ provider_ref: '<nobody@anhe.example>', status: 'delivered' })).statusCode).toBe(404);
    expect((await db.pool.query(`SELECT verified FROM contact_points WHERE id = $1`, [phone])).rows[0].verified).not.toBe('invalid');
  });
});

describe('e-mail: configuration', () => {
  it('leeway messages test-email sends one fixed test through the mail server, says what the server answered, and is audited; without a mail server it says what to set', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-test-email-'));
    const env = { DATABASE_URL: db.url, LEEWAY_DATA_DIR: dir, LEEWAY_SMTP_URL: smtp.url, LEEWAY_EMAIL_FROM: FROM };
    const ok = await runCli(['messages', 'test-email', '--to', 'admin@anhe.example', '--json'], { env });
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, to: 'a***@anhe.example', provider_ref: expect.stringMatching(/^<leeway-test-\d+@anhe\.example>$/) });
    expect(smtp.received.map((m) => [m.to, m.headers.get('subject')])).toEqual([[['admin@anhe.example'], 'Leeway: test e-mail / 测试邮件']]);
    expect((await db.pool.query(`SELECT actor, detail FROM audit_log WHERE action = 'email.test' ORDER BY id DESC LIMIT 1`)).rows[0])
      .toMatchObject({ actor: 'cli', detail: { to: 'a***@anhe.example', ok: true } });

    smtp.refuse = () => 'no such mailbox';
    const refused = await runCli(['messages', 'test-email', '--to', 'nobody@anhe.example'], { env });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^Test e-mail to n\*\*\*@anhe\.example not sent: mail server: .*no such mailbox/);

    const unset = await runCli(['messages', 'test-email', '--to', 'admin@anhe.example'], { env: { DATABASE_URL: db.url, LEEWAY_DATA_DIR: dir } });
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain('No mail server is set: set LEEWAY_SMTP_URL');
    await fs.rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('is local until a mail server is named; a mail server needs a From address; a wrong URL is said plainly', () => {
    expect(channelFromEnv({}).emailName).toBe('local');
    expect(channelFromEnv({ LEEWAY_SMTP_URL: 'smtp://mail.agency.example:587', LEEWAY_EMAIL_FROM: 'collections@agency.example' }).emailName).toBe('smtp');
    expect(() => channelFromEnv({ LEEWAY_SMTP_URL: 'smtp://mail.agency.example:587' })).toThrow(/LEEWAY_EMAIL_FROM/);
    expect(() => channelFromEnv({ LEEWAY_SMTP_URL: 'https://mail.agency.example', LEEWAY_EMAIL_FROM: 'a@b.example' })).toThrow(/smtp:\/\/ or smtps:\/\//);
    expect(() => channelFromEnv({ LEEWAY_SMTP_URL: 'not a url', LEEWAY_EMAIL_FROM: 'a@b.example' })).toThrow(/not a URL/);
  });
});
