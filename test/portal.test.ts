import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR, type AppContext } from '../src/app/context.ts';
import { recordPayment } from '../src/app/payments/record-payment.ts';
import { reversePayment } from '../src/app/payments/reverse-payment.ts';
import { rejectApplication } from '../src/app/hardship/reject-application.ts';
import { hashToken } from '../src/app/portal/tokens.ts';
import { requestInformation } from '../src/app/hardship/request-information.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { recallEndedPlacements } from '../src/app/placements/placements.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext, usContract } from './support/fixtures.ts';
import { runCli } from './support/cli.ts';
import { signInCookie } from './support/http.ts';
import { esc } from '../src/http/site/html.ts';

/**
 * The debtor portal on a real database through the real routes: links, the check, lockout,
 * enumeration, what a verified debtor sees, and every action reaching the collector's account.
 * The clock is 10:00 on Monday 2026-03-02 in Shanghai (inside SMS hours).
 */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let collectorCookie: string;
let accountId: number;
let secondAccountId: number;
let strangerAccountId: number;
const debtorId = { value: 0 };
const ID_NUMBER = '42010219900307123X'; // born 1990-03-07, ends 123X
let ip = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  app = await buildServer(ctx);
  const bank = await newCreditor(db.pool, 'PBANK');
  const team = await newTeam(db.pool);
  const collector = await newUser(db.pool, 'collector', { teamId: team.id });
  const debtor = await newDebtor(ctx, { idNumber: ID_NUMBER, phone: '13800138001' });
  debtorId.value = debtor.id;
  accountId = (await newAccount(db.pool, { creditorId: bank.id, debtorId: debtor.id, collectorId: collector.id, teamId: team.id, accountNo: '6222000011112222' })).id;
  secondAccountId = (await newAccount(db.pool, { creditorId: bank.id, debtorId: debtor.id, collectorId: collector.id, teamId: team.id })).id;
  const stranger = await newDebtor(ctx, { idNumber: '110101198501011236', name: '李四' });
  strangerAccountId = (await newAccount(db.pool, { creditorId: bank.id, debtorId: stranger.id, collectorId: collector.id, teamId: team.id, accountNo: '6222999988887777' })).id;
  collectorCookie = await signInCookie(app, collector.username);
});
afterAll(async () => { await app?.close(); await db?.drop(); });

/** Each test speaks from its own address, so the per-address rate limit is tested only where meant. */
function newClient() {
  const address = `10.0.${Math.floor(++ip / 250)}.${ip % 250}`;
  let cookie = '';
  const send = async (method: 'GET' | 'POST', url: string, form?: Record<string, string | string[]>) => {
    const payload = form ? new URLSearchParams(Object.entries(form).flatMap(([k, v]) => [v].flat().map((x) => [k, x]))).toString() : undefined;
    const res = await app.inject({ method, url, remoteAddress: address, headers: { cookie, ...(payload ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) }, ...(payload ? { payload } : {}) });
    const set = res.cookies.find((c) => c.name === 'leeway_portal');
    if (set) cookie = `leeway_portal=${set.value}`;
    return res;
  };
  return { send, address, cookie: () => cookie };
}

async function issueLink(id = accountId, sms = false): Promise<{ path: string; sms: { outbox_id: number } | null }> {
  const res = await app.inject({ method: 'POST', url: `/api/accounts/${id}/portal-link`, headers: { cookie: collectorCookie }, payload: { sms } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function verifiedClient() {
  const client = newClient();
  const { path } = await issueLink();
  await client.send('POST', path);
  const res = await client.send('POST', '/my/verify', { id_last4: '123x', birth_date: '1990-03-07' });
  expect(res.statusCode, res.body).toBe(303);
  expect(res.headers.location).toBe('/my');
  return client;
}

/** The page minus what differs between any two renders: nothing should. */
/** A page as it would read whatever was typed: the values a refused form gives back are the caller's own. */
const shape = (html: string) => html.replace(/ value="[^"]*"/g, ' value="…"');

/**
 * A refusal tied to its input, as GOV.UK's error pattern does: the summary at the top of the page
 * links to the input (`#id`); the input, and only the `invalid` inputs in all, is marked
 * aria-invalid and described by an element whose text is the message. Returns the message.
 */
function refusedInput(html: string, id: string, invalid = 1): string {
  const summary = /<div class="error error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(html);
  expect(summary, 'an error summary').not.toBeNull();
  expect(html.indexOf(summary![0]), 'the summary comes before the heading').toBeLessThan(html.indexOf('<h1'));
  const message = new RegExp(`<a href="#${id}">([^<]+)</a>`).exec(summary![1]!)?.[1];
  expect(message, `the summary links to #${id}`).toBeDefined();
  const input = new RegExp(`<(?:input|select|textarea)\\b[^>]*\\bid="${id}"[^>]*>`).exec(html)?.[0];
  expect(input, `an input #${id}`).toBeDefined();
  expect(input).toContain('aria-invalid="true"');
  const describedBy = /aria-describedby="([^"]+)"/.exec(input!)?.[1]?.split(' ') ?? [];
  const descriptions = describedBy.map((ref) => new RegExp(`<(\\w+)\\b[^>]*\\bid="${ref}"[^>]*>([^<]*)</\\1>`).exec(html)?.[2]);
  expect(descriptions, 'the input is described by the message').toContain(message);
  expect(html.match(/aria-invalid="true"/g) ?? []).toHaveLength(invalid);
  return message!;
}

describe('access', () => {
  it('a link is a 256-bit single-use token stored only as a hash, and the SMS carries nothing about the debt', async () => {
    const { path, sms } = await issueLink(accountId, true);
    const token = path.split('/').pop()!;
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const stored = await db.pool.query('SELECT encode(token_hash, \'hex\') AS h FROM portal_links');
    expect(stored.rows.map((r) => r.h).join()).not.toContain(Buffer.from(token, 'base64url').toString('hex'));
    expect(sms).not.toBeNull();
    const outbox = (await db.pool.query('SELECT body, to_mask, decision FROM outbox WHERE id = $1', [sms!.outbox_id])).rows[0];
    expect(outbox.decision.allowed).toBe(true);
    expect(outbox.body).toContain(path);
    expect(outbox.body).not.toMatch(/PBANK|欠款|逾期|¥|\d{4}$/);
  });

  it('opening a link starts an unverified session that shows nothing about the debt until the check', async () => {
    const client = newClient();
    const { path } = await issueLink();
    // Opened (a mail scanner, a preview, the debtor): a page that asks first and uses nothing up, alike for any token.
    const asked = await client.send('GET', path);
    expect(asked.statusCode).toBe(200);
    expect(asked.cookies.find((c) => c.name === 'leeway_portal')).toBeUndefined();
    expect(asked.body).toContain(`<form class="card" method="post" action="${path}">`);
    expect(asked.body).toContain('此链接只能使用一次');
    expect(shape((await newClient().send('GET', '/my/open/' + 'A'.repeat(43))).body).replaceAll('A'.repeat(43), 'TOKEN'))
      .toBe(shape(asked.body).replaceAll(path.split('/').pop()!, 'TOKEN'));
    // Its button opens it.
    const opened = await client.send('POST', path);
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toBe('/my/verify');
    expect(opened.headers['referrer-policy']).toBe('no-referrer');
    expect((await client.send('GET', '/my/verify?lang=en')).body).toContain('First, confirm it is you');
    for (const url of ['/my/verify', '/my', `/my/accounts/${accountId}`, `/my/accounts/${accountId}/hardship`, '/my/preferences']) {
      const res = await client.send('GET', url);
      const body = res.statusCode === 303 ? (await client.send('GET', res.headers.location as string)).body : res.body;
      expect(body).not.toMatch(/张三|PBANK|2222|¥|10,015/);
    }
    // the link is used up: opening it again gives a session that can never pass
    const again = newClient();
    await again.send('POST', path);
    const res = await again.send('POST', '/my/verify', { id_last4: '123X', birth_date: '1990-03-07' });
    expect(res.statusCode).toBe(401);
  });

  it('passing the check gives the session a new token: the one held before it opens nothing', async () => {
    const client = newClient();
    const { path } = await issueLink();
    await client.send('POST', path);
    const before = client.cookie();
    const passed = await client.send('POST', '/my/verify', { id_last4: '123X', birth_date: '1990-03-07' });
    expect(passed.statusCode).toBe(303);
    expect(client.cookie()).not.toBe(before);
    expect((await client.send('GET', '/my')).body).toContain('PBANK');
    // Whoever held (or planted) the token before the check is not signed in with it.
    const stale = await app.inject({ method: 'GET', url: '/my', remoteAddress: client.address, headers: { cookie: before } });
    expect(stale.body).not.toMatch(/张三|PBANK|2222/);
  });

  it('a verified session lasts 30 minutes from the last page, not from the check (at most four hours)', async () => {
    const client = await verifiedClient();
    const hash = hashToken(client.cookie().split('=')[1]!);
    await db.pool.query(`UPDATE portal_sessions SET expires_at = $2 WHERE token_hash = $1`, [hash, new Date(ctx.now().getTime() + 60_000)]);
    expect((await client.send('GET', '/my')).body).toContain('PBANK');
    const { rows: [after] } = await db.pool.query(`SELECT expires_at FROM portal_sessions WHERE token_hash = $1`, [hash]);
    expect(after.expires_at.getTime()).toBe(ctx.now().getTime() + 30 * 60_000);
    // Ended: the page says a link works once, and to ask for a new one.
    await db.pool.query(`UPDATE portal_sessions SET expires_at = $2 WHERE token_hash = $1`, [hash, new Date(ctx.now().getTime() - 1)]);
    const ended = await client.send('GET', '/my');
    const body = ended.statusCode === 303 ? (await client.send('GET', ended.headers.location as string)).body : ended.body;
    expect(body).toContain('个人链接只能使用一次');
  });

  it('signing out says so, and that the next look needs a new link (it went to the help centre without a word)', async () => {
    const client = await verifiedClient();
    const out = await client.send('POST', '/my/signout');
    expect([out.statusCode, out.headers.location]).toEqual([303, '/my?signed_out']);
    const page = (await client.send('GET', '/my?signed_out')).body;
    expect(page).toContain('您已安全退出。个人链接只能使用一次：下次查看账户，请联系我们（电话见下方“联系我们”）获取新链接。');
    expect(page).toContain('data-testid="contact-us"');
    expect(page).not.toContain('PBANK');
  });

  it('an unknown token and a wrong answer look exactly the same', async () => {
    const real = newClient();
    const fake = newClient();
    const { path } = await issueLink();
    const [a, b] = [await real.send('POST', path), await fake.send('POST', '/my/open/' + 'A'.repeat(43))];
    expect([a.statusCode, a.headers.location]).toEqual([b.statusCode, b.headers.location]);
    expect(shape((await real.send('GET', '/my/verify')).body)).toBe(shape((await fake.send('GET', '/my/verify')).body));
    const wrong = { id_last4: '9999', birth_date: '1990-03-07' };
    const [ra, fa] = [await real.send('POST', '/my/verify', wrong), await fake.send('POST', '/my/verify', wrong)];
    expect(ra.statusCode).toBe(401);
    // Both say why right answers may fail: a link works once (a debtor who opened theirs before is told to ask for a new one).
    expect(ra.body).toContain('个人链接只能使用一次，此前打开过的链接或已过期的链接无法通过验证');
    expect([fa.statusCode, shape(fa.body)]).toEqual([ra.statusCode, shape(ra.body)]);
    // Both inputs of the check are marked (which part was wrong is never said), the summary leading to the first.
    expect(refusedInput(ra.body, 'id_last4', 2)).toBe('信息不匹配。您还可以再试 4 次。');
    expect(ra.body).toMatch(/id="birth_date"[^>]*aria-invalid="true" aria-describedby="id_last4-error"/);
    // The page's title says the form was refused, and the form keeps what was typed, to correct rather than retype.
    expect(ra.body).toMatch(/<title>错误：请先确认您的身份/);
    expect(ra.body).toMatch(/id="id_last4"[^>]*value="9999"/);
    expect(ra.body).toMatch(/id="birth_date"[^>]*value="1990-03-07"/);
    expect((await real.send('GET', '/my/verify')).body).not.toMatch(/<title>错误/);
    // the right answer on the fake session is just another wrong answer
    const fr = await fake.send('POST', '/my/verify', { id_last4: '123X', birth_date: '1990-03-07' });
    const rr = await real.send('POST', '/my/verify', { id_last4: '123X', birth_date: '1990-03-08' });
    expect([fr.statusCode, shape(fr.body)]).toEqual([rr.statusCode, shape(rr.body)]);
    // asking for a code reads the same too
    expect(shape((await fake.send('POST', '/my/verify/code')).body)).toBe(shape((await real.send('POST', '/my/verify/code')).body));
  });

  it('five wrong answers lock the session; the right answer then fails too, and the lock is audited', async () => {
    const client = newClient();
    const { path } = await issueLink();
    await client.send('POST', path);
    // Answers that are no answer (a date written another way, no four characters) say how to write them, and use up no try.
    // The part that cannot be read is the one marked and said; both, when neither can.
    for (const [unreadable, marked] of [[{ id_last4: '123X', birth_date: '03/07/1990' }, ['birth_date']], [{ id_last4: '12', birth_date: '1990-03-07' }, ['id_last4']],
      [{ id_last4: '123X', birth_date: '' }, ['birth_date']], [{ id_last4: '', birth_date: '' }, ['id_last4', 'birth_date']]] as const) {
      const res = await client.send('POST', '/my/verify', unreadable);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('本次不计入尝试次数');
      expect([...res.body.matchAll(/id="(\w+)"[^>]*aria-invalid="true"/g)].map((m) => m[1]), JSON.stringify(unreadable)).toEqual(marked);
      const message = refusedInput(res.body, marked[0], marked.length);
      expect(message).toBe(marked.length > 1 ? '请按“年-月-日”（如 1990-03-07）填写出生日期，并填写证件号码的后4位。本次不计入尝试次数。'
        : marked[0] === 'id_last4' ? '请填写证件号码的后4位（数字，或末位的X）。本次不计入尝试次数。' : '请按“年-月-日”（如 1990-03-07）填写出生日期。本次不计入尝试次数。');
    }
    const statuses: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await client.send('POST', '/my/verify', { id_last4: '0000', birth_date: '1990-03-07' });
      statuses.push(/还可以再试 (\d) 次/.exec(res.body)?.[1] ?? (res.body.includes('锁定') ? 'locked' : '?'));
    }
    expect(statuses).toEqual(['4', '3', '2', '1', 'locked']);
    const right = await client.send('POST', '/my/verify', { id_last4: '123X', birth_date: '1990-03-07' });
    expect(right.statusCode).toBe(401);
    expect(right.body).toContain('锁定');
    expect(right.body).toContain('请致电我们（电话见下方“联系我们”）：核实您的身份后，我们会发给您新的链接');
    // Told to call, the debtor is shown where: the contact page, right under the message.
    expect(right.body).toMatch(/<\/div><p><a class="button secondary" href="\/help\/contact\?lang=zh-CN" data-testid="contact-us">联系我们<\/a><\/p>/);
    expect((await client.send('GET', '/my')).body).not.toContain('PBANK');
    const audit = await db.pool.query(`SELECT action FROM audit_log WHERE action = 'portal.lock' AND entity_id = $1`, [String(debtorId.value)]);
    expect(audit.rowCount).toBeGreaterThan(0);
  });

  it('a one-time code goes to the phone on file through the outbox and verifies once', async () => {
    const client = newClient();
    const { path } = await issueLink();
    await client.send('POST', path);
    const before = (await db.pool.query('SELECT max(id) AS id FROM outbox')).rows[0].id ?? 0;
    const sent = await client.send('POST', '/my/verify/code');
    expect(sent.body).toContain('验证码已经发出');
    const row = (await db.pool.query('SELECT body, to_mask, decision FROM outbox WHERE id > $1 ORDER BY id DESC LIMIT 1', [before])).rows[0];
    expect(row.to_mask).toBe('138****8001');
    expect(row.decision.allowed).toBe(true);
    const code = /验证码 (\d{6})/.exec(row.body)![1]!;
    const wrongCode = code === '000000' ? '000001' : '000000';
    const wrong = await client.send('POST', '/my/verify', { code: wrongCode });
    expect(wrong.statusCode).toBe(401);
    // A wrong code marks the code's input, not the identity form's.
    expect(refusedInput(wrong.body, 'code')).toBe('信息不匹配。您还可以再试 4 次。');
    const ok = await client.send('POST', '/my/verify', { code });
    expect(ok.statusCode).toBe(303);
    expect((await client.send('GET', '/my')).body).toContain('********2222');
  });

  it('with no phone that takes texts, the code goes to the debtor\'s own e-mail address, with its opt-out link', async () => {
    const { rows: [bank] } = await db.pool.query(`SELECT creditor_id FROM accounts WHERE id = $1`, [accountId]);
    const { rows: [owner] } = await db.pool.query(`SELECT collector_id, team_id FROM assignments WHERE account_id = $1`, [accountId]);
    const debtor = await newDebtor(ctx, { idNumber: '110101198806061234', name: '王五', phone: '13800138555' });
    await db.pool.query(`UPDATE contact_points SET opted_out = '{sms}' WHERE debtor_id = $1`, [debtor.id]);   // STOP
    const { rows: [point] } = await db.pool.query(`INSERT INTO contact_points (debtor_id, kind, value_enc, value_hash, value_mask, owner, source, debtor_consented)
      VALUES ($1, 'email', $2, $3, 'w***@example.com', 'debtor', 'portal', true) RETURNING id`, [debtor.id, ctx.cipher.encrypt('wang@example.com'), ctx.cipher.matchHash('wang@example.com')]);
    const account = (await newAccount(db.pool, { creditorId: bank.creditor_id, debtorId: debtor.id, collectorId: owner.collector_id, teamId: owner.team_id })).id;
    const client = newClient();
    await client.send('POST', (await issueLink(account)).path);
    const before = (await db.pool.query('SELECT max(id) AS id FROM outbox')).rows[0].id ?? 0;
    expect((await client.send('POST', '/my/verify/code')).body).toContain('验证码已经发出');
    const rows = (await db.pool.query('SELECT channel, contact_point_id, subject, body, unsubscribe_url, to_mask FROM outbox WHERE id > $1', [before])).rows;
    expect(rows).toEqual([expect.objectContaining({ channel: 'email', contact_point_id: point.id, subject: '您的验证码 / Your code', to_mask: 'w***@example.com',
      unsubscribe_url: expect.stringMatching(new RegExp(`/my/unsubscribe/${point.id}-`)) })]);
    expect(rows[0].body).toContain(rows[0].unsubscribe_url);
    const code = /验证码 (\d{6})/.exec(rows[0].body)![1]!;
    expect((await client.send('POST', '/my/verify', { code })).statusCode).toBe(303);
  });

  it('rate limits link opening per address', async () => {
    const client = newClient();
    const codes: number[] = [];
    for (let i = 0; i < 22; i++) codes.push((await client.send('POST', `/my/open/${'B'.repeat(40)}${i}`)).statusCode);
    expect(codes.slice(0, 20).every((c) => c === 303)).toBe(true);
    expect(codes.slice(20)).toEqual([429, 429]);
  });
});

describe('a verified debtor', () => {
  it('sees only their own accounts: creditor, masked number, balance parts, DPD, the agency, and the rules', async () => {
    const client = await verifiedClient();
    const res = await client.send('GET', '/my');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const html = res.body;
    expect(html).toContain('PBANK 银行');
    expect(html).toContain('********2222');
    expect(html).toContain('¥10,000.00'); // principal
    expect(html).toContain('¥10.00'); // interest
    expect(html).toContain('¥10,015.00'); // total
    expect(html).toContain('46 天'); // 2026-01-15 -> 2026-03-02
    expect(html).toContain('400-800-1234'); // the agency's phone, from the contact page
    expect(html).toContain('08:00 至 21:00');
    expect(html).not.toContain('7777');
    expect(html).not.toContain(ID_NUMBER);
    expect((await client.send('GET', `/my/accounts/${strangerAccountId}`)).statusCode).toBe(404);
    expect((await client.send('POST', `/my/accounts/${strangerAccountId}/dispute`, { reason: 'not_mine', description: 'this is not mine at all' })).statusCode).toBe(404);
  });

  it('promises a payment within the contract limit; it is on the account at once with a reference', async () => {
    const client = await verifiedClient();
    const bad = await client.send('POST', `/my/accounts/${secondAccountId}/promise`, { amount: '500', due_date: '2026-06-01' });
    expect(bad.statusCode).toBe(400);
    // Worded for the debtor: the day to choose by, not the contract they never saw.
    expect(bad.body).toContain('请选择 2026-04-01 之前（含当天）的日期');
    expect(bad.body).not.toContain('委托合同');
    // The date field is marked with the message beside it, and the summary at the top leads to it.
    expect(refusedInput(bad.body, 'due_date')).toContain('请选择 2026-04-01 之前（含当天）的日期');
    // The form comes back with what was typed in it.
    expect(bad.body).toMatch(/id="amount"[^>]*value="500"/);
    expect(bad.body).toMatch(/id="due_date"[^>]*value="2026-06-01"/);
    // An amount refused by the promise rules (amount_fen) or unreadable marks the amount field, keeping what was typed.
    const zero = await client.send('POST', `/my/accounts/${secondAccountId}/promise`, { amount: '0', due_date: '2026-03-10' });
    expect(zero.statusCode).toBe(400);
    expect(refusedInput(zero.body, 'amount')).toBe('承诺还款金额必须大于零');
    const empty = await client.send('POST', `/my/accounts/${secondAccountId}/promise`, { amount: ' ', due_date: '2026-03-10' });
    expect(refusedInput(empty.body, 'amount')).toBe('请填写还款金额');
    const unreadable = await client.send('POST', `/my/accounts/${secondAccountId}/promise?lang=en`, { amount: 'five hundred', due_date: '2026-03-10' });
    expect(refusedInput(unreadable.body, 'amount')).toContain('Amount &quot;five hundred&quot; is not');
    // The refused form's language links go to the account's page (the form's own address takes only POST).
    expect(unreadable.body).toContain(`<a href="/my/accounts/${secondAccountId}?lang=zh-CN" lang="zh-CN" hreflang="zh-CN">中文</a>`);
    expect(unreadable.body).toMatch(/id="amount"[^>]*value="five hundred"/);
    expect(unreadable.body).toMatch(/id="due_date"[^>]*value="2026-03-10"/);
    // A debtor who reads English is refused in English.
    const badEn = await client.send('POST', `/my/accounts/${secondAccountId}/promise?lang=en`, { amount: '500', due_date: '2026-06-01' });
    expect(badEn.body).toContain('Choose a date by 2026-04-01');
    // Every problem at once, each beside its own input, in the form's order: an amount over the balance and a date past the limit ...
    const both = await client.send('POST', `/my/accounts/${secondAccountId}/promise`, { amount: '20000', due_date: '2026-06-01' });
    expect(refusedInput(both.body, 'amount', 2)).toContain('¥10,015.00');
    expect(refusedInput(both.body, 'due_date', 2)).toContain('请选择 2026-04-01 之前（含当天）的日期');
    expect([...both.body.matchAll(/<li><a href="#(\w+)">/g)].map((m) => m[1])).toEqual(['amount', 'due_date']);
    // ... and neither an amount nor a date.
    const blank = await client.send('POST', `/my/accounts/${secondAccountId}/promise?lang=en`, { amount: '', due_date: '' });
    expect(refusedInput(blank.body, 'amount', 2)).toBe('Enter the amount you will pay');
    expect(refusedInput(blank.body, 'due_date', 2)).toBe('Choose the date you will pay by');
    // An amount too large to be one is said in the debtor's units, not the fen it is kept in.
    const huge = await client.send('POST', `/my/accounts/${secondAccountId}/promise`, { amount: '99999999999999999999', due_date: '2026-03-10' });
    expect(refusedInput(huge.body, 'amount')).toBe('金额“99999999999999999999”过大：金额最多为 90,071,992,547,409.91');
    const res = await client.send('POST', `/my/accounts/${secondAccountId}/promise`, { amount: '500.00', due_date: '2026-03-10' });
    expect(res.statusCode, res.body).toBe(303);
    const page = await client.send('GET', res.headers.location as string);
    const reference = /data-testid="reference">([^<]+)</.exec(page.body)![1]!;
    expect(reference).toMatch(/^P-20260302-[2-9A-Z]{6}$/);
    // Said in words, here and in what the debtor has done on the portal.
    expect(page.body).toContain('承诺还款。请保留此编号');
    const overview = (await client.send('GET', '/my')).body;
    expect(overview).toContain('<th scope="col">事项</th>');
    expect(overview).toMatch(new RegExp(`${reference}</td><td>2026-03-02</td><td>承诺还款</td>`));
    // Listed by the agency's day, the one the reference carries: done at 07:30 in Shanghai is 2 March, though still 1 March in UTC.
    await db.pool.query(`INSERT INTO portal_actions (reference, debtor_id, creditor_id, account_id, kind, summary, detail, created_at)
                         SELECT 'C-20260302-EARLY2', debtor_id, creditor_id, id, 'complaint', 'complaint', '{}', '2026-03-01T23:30:00Z' FROM accounts WHERE id = $1`, [accountId]);
    expect((await client.send('GET', '/my')).body).toContain('C-20260302-EARLY2</td><td>2026-03-02</td>');
    const staff = await app.inject({ method: 'GET', url: `/api/accounts/${secondAccountId}/page`, headers: { cookie: collectorCookie } });
    const view = staff.json();
    expect(view.promises[0]).toMatchObject({ amount_fen: 50000, due_date: '2026-03-10', status: 'open' });
    expect(view.account.status).toBe('promised');
    const actions = (await app.inject({ method: 'GET', url: `/api/accounts/${secondAccountId}/portal-actions`, headers: { cookie: collectorCookie } })).json();
    expect(actions.actions.map((a: { reference: string }) => a.reference)).toContain(reference);

    // With the promise open, the page offers to change it (改约) rather than take a second one.
    const open = await client.send('GET', `/my/accounts/${secondAccountId}`);
    expect(open.body).toContain('您已承诺在 2026-03-10 前还款 ¥500.00。');
    expect(open.body).toContain(`action="/my/accounts/${secondAccountId}/promise/move"`);
    // A dispute, a complaint or a hardship application pauses collection and so ends that promise: each says so before it is sent.
    expect(open.body.match(/尚未到期的还款承诺随之终止（不会记为违约）；您仍可照常还款/g)).toHaveLength(3);
    const tooLate = await client.send('POST', `/my/accounts/${secondAccountId}/promise/move`, { amount: '300', due_date: '2026-06-01' });
    expect(tooLate.statusCode).toBe(400);
    expect(tooLate.body).toContain('请选择 2026-04-01 之前（含当天）的日期');
    const moved = await client.send('POST', `/my/accounts/${secondAccountId}/promise/move`, { amount: '300', due_date: '2026-03-20' });
    expect(moved.statusCode, moved.body).toBe(303);
    expect(moved.headers.location).toMatch(/done=P-/);
    const after = (await app.inject({ method: 'GET', url: `/api/accounts/${secondAccountId}/page`, headers: { cookie: collectorCookie } })).json();
    expect(after.promises.slice(0, 2)).toMatchObject([
      { amount_fen: 30000, due_date: '2026-03-20', status: 'open', rescheduled_from: view.promises[0].id },
      { id: view.promises[0].id, status: 'cancelled', cancel_reason: 'rescheduled: 由债务人在自助页面提交 / by the debtor on the portal' },
    ]);
    expect(after.account.status).toBe('promised');
  });

  it('says how to pay the bank: its own channels once an admin wrote them (English falling back to Chinese), never a personal account', async () => {
    const client = await verifiedClient();
    const before = await client.send('GET', `/my/accounts/${secondAccountId}`);
    expect(before.body).toContain('请通过PBANK 银行的官方渠道还款');
    expect(before.body).toContain('绝不会要求您转账到个人账户');

    const admin = await signInCookie(app, (await newUser(db.pool, 'admin')).username);
    const set = await app.inject({ method: 'PUT', url: '/api/creditors/PBANK/repayment', headers: { cookie: admin },
      payload: { zh: '手机银行首页“信用卡还款”\n或到任一营业网点柜台还款', en: '' } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ repayment_zh: '手机银行首页“信用卡还款”\n或到任一营业网点柜台还款', repayment_en: null });
    const listed = (await app.inject({ method: 'GET', url: '/api/creditors', headers: { cookie: admin } })).json().items.find((c: { code: string }) => c.code === 'PBANK');
    expect(listed).toMatchObject({ repayment_zh: '手机银行首页“信用卡还款”\n或到任一营业网点柜台还款', repayment_en: null });
    expect((await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'creditor.repayment' ORDER BY id DESC LIMIT 1`)).rows[0].detail)
      .toEqual({ zh: '手机银行首页“信用卡还款”\n或到任一营业网点柜台还款', en: null });

    const after = await client.send('GET', `/my/accounts/${secondAccountId}`);
    expect(after.body).toContain('<p>手机银行首页“信用卡还款”</p><p>或到任一营业网点柜台还款</p>');
    expect(after.body).toContain('绝不会要求您转账到个人账户');
    // Where else the debtor can complain: for a Chinese bank's account, the bank and the regulator's 12378 line.
    expect(after.body).toContain('国家金融监督管理总局消费者投诉热线 12378');
    expect((await client.send('GET', `/my/accounts/${secondAccountId}?lang=en`)).body).toContain('手机银行首页“信用卡还款”');
    // English alone is refused (most debtors read Chinese); too long is refused; both empty clears it.
    const enOnly = await app.inject({ method: 'PUT', url: '/api/creditors/PBANK/repayment', headers: { cookie: admin }, payload: { zh: ' ', en: 'App' } });
    expect(enOnly.statusCode).toBe(400);
    expect((await app.inject({ method: 'PUT', url: '/api/creditors/PBANK/repayment', headers: { cookie: admin }, payload: { zh: '长'.repeat(1001) } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'PUT', url: '/api/creditors/NOSUCH/repayment', headers: { cookie: admin }, payload: { zh: '任意' } })).statusCode).toBe(404);
    expect((await app.inject({ method: 'PUT', url: '/api/creditors/PBANK/repayment', headers: { cookie: admin }, payload: { zh: '' } })).json())
      .toEqual({ repayment_zh: null, repayment_en: null });
    expect((await client.send('GET', `/my/accounts/${secondAccountId}`)).body).toContain('请通过PBANK 银行的官方渠道还款');
  });

  it('names the bank in English on English and Spanish pages once an admin gave it an English name', async () => {
    const client = await verifiedClient();
    const admin = await signInCookie(app, (await newUser(db.pool, 'admin')).username);
    const en = async () => (await client.send('GET', `/my/accounts/${secondAccountId}?lang=en`)).body;
    expect(await en()).toContain('<h1>PBANK 银行 ');
    const set = await app.inject({ method: 'PUT', url: '/api/creditors/pbank/name-en', headers: { cookie: admin }, payload: { name_en: '  Pearl   Bank ' } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ code: 'PBANK', name: 'PBANK 银行', name_en: 'Pearl Bank' });
    expect((await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'creditor.name_en' ORDER BY id DESC LIMIT 1`)).rows[0].detail)
      .toEqual({ from: null, to: 'Pearl Bank' });
    const listed = (await app.inject({ method: 'GET', url: '/api/creditors', headers: { cookie: admin } })).json().items.find((c: { code: string }) => c.code === 'PBANK');
    expect(listed).toMatchObject({ name: 'PBANK 银行', name_en: 'Pearl Bank' });

    const english = await en();
    expect(english).toContain('<h1>Pearl Bank ');
    expect(english).toContain('<title>Pearl Bank ');
    expect(english).not.toContain('PBANK 银行');
    expect((await client.send('GET', `/my/accounts/${secondAccountId}?lang=es`)).body).toContain('<h1>Pearl Bank ');
    expect((await client.send('GET', '/my?lang=en')).body).toContain('<dd>Pearl Bank</dd>');
    // A reader of Chinese keeps the bank's own name.
    const chinese = (await client.send('GET', `/my/accounts/${secondAccountId}?lang=zh-CN`)).body;
    expect(chinese).toContain('<h1>PBANK 银行 ');
    expect(chinese).not.toContain('Pearl Bank');

    // Chinese characters, another bank's name, an unknown bank and a collector are refused; empty clears it.
    const other = await newCreditor(db.pool, 'OBANK');
    await db.pool.query(`UPDATE creditors SET name = 'Ocean Bank' WHERE id = $1`, [other.id]);
    const refused = async (creditor: string, name_en: string, cookie = admin) =>
      (await app.inject({ method: 'PUT', url: `/api/creditors/${creditor}/name-en`, headers: { cookie }, payload: { name_en } }));
    expect((await refused('PBANK', '珍珠银行')).json().error.message).toContain('has Chinese characters');
    expect((await refused('PBANK', 'ocean bank')).statusCode).toBe(409);
    expect((await refused('NOSUCH', 'Any Bank')).statusCode).toBe(404);
    expect((await refused('PBANK', 'Any Bank', collectorCookie)).statusCode).toBe(403);
    expect((await refused('PBANK', 'x'.repeat(201))).statusCode).toBe(400);
    expect((await refused('PBANK', ' ')).json()).toEqual({ code: 'PBANK', name: 'PBANK 银行', name_en: null });
    expect(await en()).toContain('<h1>PBANK 银行 ');
  });

  it('disputes and complains through the cases flow: holds the collector sees, references the debtor keeps', async () => {
    const client = await verifiedClient();
    // A dispute refused (no words of what is wrong) comes back with the reason chosen; a complaint too short, with its words.
    const empty = await client.send('POST', `/my/accounts/${accountId}/dispute`, { reason: 'not_mine', description: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('<option value="not_mine" selected>');
    expect(empty.body).toMatch(/<title>错误：/);
    // The dispute's own description field, not the complaint's beside it (both are named description).
    expect(refusedInput(empty.body, 'dispute_text')).toBe('请至少用10个字说明问题');
    const d = await client.send('POST', `/my/accounts/${accountId}/dispute`, { reason: 'wrong_amount', description: '利息算错了，我只欠本金九千元' });
    expect(d.statusCode, d.body).toBe(303);
    const c = await client.send('POST', `/my/accounts/${accountId}/complaint`, { description: '晚上十点还在给我打电话' });
    expect(c.statusCode, c.body).toBe(303);
    expect(d.headers.location).toMatch(/done=D-/);
    expect(c.headers.location).toMatch(/done=C-/);
    const view = (await app.inject({ method: 'GET', url: `/api/accounts/${accountId}/page`, headers: { cookie: collectorCookie } })).json();
    expect(view.holds.map((h: { kind: string }) => h.kind).sort()).toEqual(['complaint_review', 'dispute']);
    const cases = await db.pool.query(`SELECT kind, channel FROM complaints WHERE account_id = $1 ORDER BY kind`, [accountId]);
    expect(cases.rows.map((r) => `${r.kind}/${r.channel}`)).toEqual(['complaint/portal', 'dispute/portal']);
    const overview = await client.send('GET', '/my');
    expect(overview.body).toContain('异议处理中');
    // The account's page says where each stands, and offers no second dispute of the debt (one is open).
    const bank = esc((await db.pool.query(`SELECT c.name FROM creditors c JOIN accounts a ON a.creditor_id = c.id WHERE a.id = $1`, [accountId])).rows[0].name);
    const complaintDue = (await db.pool.query(`SELECT to_char(due_on, 'YYYY-MM-DD') AS d FROM complaints WHERE account_id = $1 AND kind = 'complaint'`, [accountId])).rows[0].d;
    const withCases = (await client.send('GET', `/my/accounts/${accountId}`)).body;
    expect([...withCases.matchAll(/data-testid="portal-case">([^<]*)</g)].map((m) => m[1])).toEqual([
      `投诉（2026-03-02提出）：我们将在${complaintDue}之前答复您。`,
      `异议（2026-03-02提出）：我们正在向${bank}核实；答复您之前，不会催收这笔债务。`,
    ]);
    expect(withCases).toContain('data-testid="dispute-open"');
    expect(withCases).not.toContain(`action="/my/accounts/${accountId}/dispute"`);
    // From a page opened before: refused, in the debtor's words (no case numbers).
    const again = await client.send('POST', `/my/accounts/${accountId}/dispute`, { reason: 'not_mine', description: '这不是我的卡，我从没办过' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('这笔债务已有一项处理中的异议，我们会答复您。如需补充说明，请致电或来信。');
    // Collection is paused: the page offers no promise, and one sent anyway is refused with the reason.
    const paused = await client.send('GET', `/my/accounts/${accountId}`);
    expect(paused.body).toContain('data-testid="promise-paused"');
    expect(paused.body).not.toContain(`action="/my/accounts/${accountId}/promise"`);
    const promise = await client.send('POST', `/my/accounts/${accountId}/promise`, { amount: '100', due_date: '2026-03-05' });
    expect(promise.statusCode).toBe(400);
    expect(promise.body).toContain('我们已暂停对该账户的催收，目前不接受承诺还款。您仍可照常还款');
    expect(promise.body).not.toMatch(/案件\d+/);   // in the debtor's words: no case number, no hold kind
    // About no field on the page (the form is not offered): said at the top, no input marked.
    expect(promise.body).toMatch(/<div class="error error-summary"[^>]*><strong>⚠ 请更正：<\/strong><ul><li>[^<]*目前不接受承诺还款[^<]*<\/li><\/ul><\/div>/);
    expect(promise.body).not.toContain('aria-invalid="true"');
    const tooShort = await client.send('POST', `/my/accounts/${accountId}/complaint`, { description: '差' });
    expect(tooShort.statusCode).toBe(400);
    expect(refusedInput(tooShort.body, 'complaint_text')).toBe('请至少用10个字说明问题');
    expect(tooShort.body).toContain('>差</textarea>');
  });

  it('sets contact preferences that feed the compliance engine: opt-outs and the adviser hold', async () => {
    const client = await verifiedClient();
    const outside = await client.send('POST', '/my/preferences', { preferred_from: '07:00', preferred_to: '12:00', opt_outs: ['sms'],
      adviser_name: '张律师', adviser_phone: '13800138000', email: 'me@example.com' });
    expect(outside.statusCode).toBe(400);
    expect(refusedInput(outside.body, 'preferred_from')).toBe('希望联系时段必须在法定可联系时间08:00-21:00之内');
    // Refused, the form comes back with what was entered, every field and box.
    for (const kept of ['value="07:00"', 'value="12:00"', 'value="张律师"', 'value="13800138000"', 'value="me@example.com"', 'value="sms" checked']) {
      expect(outside.body, kept).toContain(kept);
    }
    const res = await client.send('POST', '/my/preferences', { preferred_from: '18:00', preferred_to: '20:00', opt_outs: ['visit', 'sms'],
      adviser_name: '王律师', adviser_phone: '13912345678' });
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toMatch(/done=S-/);
    const debtor = (await db.pool.query('SELECT opted_out_channels FROM debtors WHERE id = $1', [debtorId.value])).rows[0];
    expect(debtor.opted_out_channels.sort()).toEqual(['sms', 'visit']);
    const check = await app.inject({ method: 'GET', url: `/api/accounts/${secondAccountId}/contact-check?channel=sms`, headers: { cookie: collectorCookie } });
    const decision = check.json();
    expect(decision.allowed).toBe(false);
    const holds = await db.pool.query(`SELECT kind, reason FROM holds WHERE debtor_id = $1 AND account_id IS NULL AND released_at IS NULL`, [debtorId.value]);
    expect(holds.rows).toEqual([expect.objectContaining({ kind: 'attorney' })]);
    expect(holds.rows[0].reason).toContain('139****5678');
    expect(holds.rows[0].reason).not.toContain('13912345678');
    const page = await client.send('GET', '/my/preferences');
    expect(page.body).toContain('value="18:00"');
    // Naming an adviser is a hold on every account, which ends open promises: the form says so.
    expect(page.body).toContain('您各账户尚未到期的还款承诺随之终止（不会记为违约）');
  });

  it('takes an e-mail address the debtor gives: a verified e-mail point of theirs, shown masked, an earlier opt-out of it lifted when given again; a malformed one refused', async () => {
    const client = await verifiedClient();
    const bad = await client.send('POST', '/my/preferences', { email: 'li at example.com' });
    expect(bad.statusCode).toBe(400);
    expect(refusedInput(bad.body, 'email')).toBe('“li at example.com”不是一个有效的电子邮箱地址');
    // Its hint still describes it, before the message.
    expect(bad.body).toMatch(/id="email"[^>]*aria-describedby="email_hint email-error"/);
    // Opting out of every way is refused: each box of the group is marked, the first one linked.
    const none = await client.send('POST', '/my/preferences?lang=en', { opt_outs: ['call', 'sms', 'email', 'letter', 'visit'] });
    expect(refusedInput(none.body, 'opt_outs_call', 5)).toBe('Keep at least one way for us to reach you (letters carry legal notices)');
    expect(none.body).toMatch(/id="opt_outs_visit"[^>]*value="visit" checked aria-invalid="true" aria-describedby="opt_outs_call-error"/);
    // Several problems are all said at once, each beside its own input, in the form's order.
    const several = await client.send('POST', '/my/preferences?lang=en', { preferred_from: '7 pm', preferred_to: '20:00', adviser_name: '张律师', adviser_phone: 'call me', email: 'li at example.com' });
    expect(several.statusCode).toBe(400);
    expect(refusedInput(several.body, 'preferred_from', 3)).toBe('The start time &quot;7 pm&quot; is not a time written like 09:30');
    expect(refusedInput(several.body, 'adviser_phone', 3)).toBe('The adviser&#39;s phone &quot;call me&quot; is not a phone number');
    expect(refusedInput(several.body, 'email', 3)).toBe('&quot;li at example.com&quot; is not one e-mail address');
    expect([...several.body.matchAll(/<li><a href="#(\w+)">/g)].map((m) => m[1])).toEqual(['preferred_from', 'adviser_phone', 'email']);
    const points = async () => (await db.pool.query(`SELECT id, value_mask, source, verified, opted_out, debtor_consented FROM contact_points WHERE debtor_id = $1 AND kind = 'email'`,
      [debtorId.value])).rows;
    expect(await points()).toEqual([]);

    expect((await client.send('POST', '/my/preferences', { email: ' li.si@example.com ' })).statusCode).toBe(303);
    const [point] = await points();
    expect(point).toMatchObject({ value_mask: 'l***@example.com', source: 'portal', verified: 'verified', opted_out: [], debtor_consented: true });
    expect((await client.send('GET', '/my/preferences')).body).toContain('已登记的邮箱： l***@example.com');

    // Opted out by its link later, then given again in the portal: taken back into e-mail, one point still.
    await db.pool.query(`UPDATE contact_points SET opted_out = '{email}' WHERE id = $1`, [point.id]);
    expect((await client.send('GET', '/my/preferences')).body).not.toContain('l***@example.com');
    expect((await client.send('POST', '/my/preferences', { email: 'LI.SI@example.com' })).statusCode).toBe(303);
    expect(await points()).toEqual([expect.objectContaining({ id: point.id, opted_out: [] })]);
  });

  it('applies for hardship with evidence through the hardship flow: the hold and the creditor inbox, at once', async () => {
    const client = await verifiedClient();
    const form = await client.send('GET', `/my/accounts/${accountId}/hardship`);
    expect(form.body).toContain('60 期');
    // Applying pauses collection and so ends an open promise: said before the form is sent, as the dispute and complaint forms say it.
    expect(form.body).toContain('审核期间我们会暂停催收，该账户尚未到期的还款承诺随之终止（不会记为违约）；您仍可照常还款');
    expect(form.body).not.toContain('72 期');
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
    const post = (file: { name: string; type: string; bytes: Buffer }, income = '0') => {
      const boundary = '----leeway' + Math.random().toString(16).slice(2);
      const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
      const body = Buffer.concat([
        Buffer.from(part('reason', 'unemployment') + part('statement', '公司倒闭，我失业了三个月，正在找工作') + part('income', income) + part('essentials', '2,000') + part('months', '24')),
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="evidence"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`)]);
      return app.inject({ method: 'POST', url: `/my/accounts/${accountId}/hardship`, remoteAddress: client.address,
        headers: { cookie: client.cookie(), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    };
    // Every problem with what the debtor wrote is said at once, each on its input, in the page's order (it took four submits to learn four).
    const boundary = '----leeway-all';
    const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const all = await app.inject({ method: 'POST', url: `/my/accounts/${accountId}/hardship`, remoteAddress: client.address,
      headers: { cookie: client.cookie(), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([Buffer.from(part('reason', 'unemployment') + part('statement', '没钱') + part('income', 'abc') + part('essentials', '-5') + part('months', '24')),
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="evidence"; filename="p.pdf"\r\nContent-Type: application/pdf\r\n\r\n<html></html>\r\n--${boundary}--\r\n`)]) });
    expect(all.statusCode).toBe(400);
    const listed = /<div class="error error-summary"[^>]*>[\s\S]*?<\/div>/.exec(all.body)![0];
    expect([...listed.matchAll(/<a href="#(\w+)">/g)].map((m) => m[1])).toEqual(['statement', 'income', 'essentials', 'evidence']);
    expect(all.body.match(/aria-invalid="true"/g)).toHaveLength(4);
    expect(all.body).toContain('<p class="field-error" id="essentials-error">每月必要支出不能小于 0</p>');
    const html = await post({ name: 'proof.pdf', type: 'application/pdf', bytes: Buffer.from('<html><script>alert(1)</script></html>') });
    expect(html.statusCode).toBe(400);
    expect(refusedInput(html.body, 'evidence')).toBe('证明材料必须是PDF、JPEG或PNG文件');
    // The file must be chosen again: said, and the file field is described by that too.
    expect(html.body).toMatch(/id="evidence"[^>]*aria-describedby="evidence_again evidence-error"/);
    // Refused, the form comes back with what the debtor wrote in it (the file is chosen again).
    expect(html.body).toContain('>公司倒闭，我失业了三个月，正在找工作</textarea>');
    expect(html.body).toContain('value="2,000"');
    expect(html.body).toMatch(/value="24" checked/);
    expect(html.body).toMatch(/<option value="unemployment" selected>/);
    // A negative income is refused in the debtor's words, not in minor units.
    const negative = await post({ name: '解除劳动合同证明.png', type: 'image/png', bytes: png }, '-500');
    expect(negative.statusCode).toBe(400);
    expect(refusedInput(negative.body, 'income')).toBe('月收入不能小于 0');
    const res = await post({ name: '解除劳动合同证明.png', type: 'image/png', bytes: png });
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toMatch(/done=H-20260302-/);
    const view = (await app.inject({ method: 'GET', url: `/api/accounts/${accountId}/page`, headers: { cookie: collectorCookie } })).json();
    expect(view.holds.map((h: { kind: string }) => h.kind)).toContain('hardship_review');
    const apps = await db.pool.query(`SELECT reason, origin, monthly_essentials_fen, requested_plan->>'months' AS months FROM hardship_applications WHERE account_id = $1`, [accountId]);
    expect(apps.rows).toEqual([{ reason: 'unemployment', origin: 'portal', monthly_essentials_fen: 200000, months: '24' }]);
    const files = await db.pool.query(`SELECT e.content_type, e.size_bytes FROM hardship_evidence e JOIN hardship_applications a
      ON a.creditor_id = e.creditor_id AND a.id = e.application_id WHERE a.account_id = $1`, [accountId]);
    expect(files.rows).toEqual([{ content_type: 'image/png', size_bytes: png.length }]);
    // While the bank decides, the page says so instead of offering a second application.
    expect((await client.send('GET', `/my/accounts/${accountId}`)).body).toContain('data-testid="hardship-pending"');
    const again = await client.send('GET', `/my/accounts/${accountId}/hardship`);
    expect(again.body).toContain('您已就这个账户申请分期，银行正在审核');
    expect(again.body).not.toContain('data-testid="hardship-form"');
    // The bank's word reaches the debtor on the page: its question, then its refusal with the reason.
    const { rows: [application] } = await db.pool.query(`SELECT id FROM hardship_applications WHERE account_id = $1`, [accountId]);
    await requestInformation(ctx, CLI_ACTOR, application.id, '请提供最近三个月的银行流水');
    const asked = (await client.send('GET', `/my/accounts/${accountId}`)).body;
    expect(asked).toContain('data-status="info_requested"');
    expect(asked).toContain('银行审核您的分期申请时需要补充信息：“请提供最近三个月的银行流水”');
    await rejectApplication(ctx, CLI_ACTOR, application.id, '收入证明不足');
    const refused = (await client.send('GET', `/my/accounts/${accountId}?lang=en`)).body;
    // This account's collection is also held by the adviser, the complaint and the dispute raised above: the page does not say it resumed.
    expect(refused).toContain('The bank turned down your plan application on 2026-03-02: 收入证明不足. Collection stays paused for the reasons shown above. If your situation changes');
    expect((await client.send('GET', `/my/accounts/${accountId}`)).body).toContain('银行已于 2026-03-02 拒绝您的分期申请：收入证明不足。因上方所列原因，催收仍然暂停。');
    // Nothing else holding it, it has.
    await db.pool.query(`UPDATE holds SET released_at = now(), released_reason = 'test' WHERE released_at IS NULL
      AND debtor_id = (SELECT debtor_id FROM accounts WHERE id = $1)`, [accountId]);
    expect((await client.send('GET', `/my/accounts/${accountId}?lang=en`)).body).toContain('收入证明不足. Collection has resumed. If your situation changes');
  });
});

describe('an account under a US contract', () => {
  it('is shown in dollars, its amount fields say so, and "$300" is read as 300.00', async () => {
    const us = await newCreditor(db.pool, 'USBANK');
    await usContract(db.pool, us.id);
    const collector = (await db.pool.query(`SELECT collector_id, team_id FROM assignments WHERE account_id = $1`, [accountId])).rows[0];
    const usAccount = (await newAccount(db.pool, { creditorId: us.id, debtorId: debtorId.value, collectorId: collector.collector_id, teamId: collector.team_id })).id;
    // The earlier tests' dispute and hardship holds are resolved: the promise form is offered again.
    await db.pool.query(`UPDATE holds SET released_at = now() WHERE debtor_id = $1 AND released_at IS NULL`, [debtorId.value]);
    const client = await verifiedClient();
    const overview = (await client.send('GET', '/my?lang=en')).body;
    expect(overview).toContain('$10,015.00');
    expect(overview).toContain('CNY 10,015.00');   // the Chinese bank's account beside it, in yuan
    const page = await client.send('GET', `/my/accounts/${usAccount}`);
    expect(page.body).toContain('US$10,000.00');
    expect(page.body).toContain('金额（美元）');
    // A US bank's: the CFPB, not China's regulator.
    expect(page.body).toContain('美国消费者金融保护局（CFPB）投诉：www.consumerfinance.gov/complaint');
    expect(page.body).not.toContain('12378');
    expect((await client.send('GET', `/my/accounts/${usAccount}?lang=en`)).body)
      .toContain('You can also submit a complaint to the Consumer Financial Protection Bureau: www.consumerfinance.gov/complaint or (855) 411-2372.');
    const promise = await client.send('POST', `/my/accounts/${usAccount}/promise`, { amount: '$300', due_date: '2026-03-10' });
    expect(promise.statusCode, promise.body).toBe(303);
    expect((await client.send('GET', `/my/accounts/${usAccount}`)).body).toContain('您已承诺在 2026-03-10 前还款 US$300.00。');
    expect((await client.send('GET', `/my/accounts/${usAccount}/hardship`)).body).toContain('每月收入（美元）');
    expect((await client.send('GET', `/my/accounts/${usAccount}`)).body).not.toContain('data-testid="time-barred"');

    // A New York card first delinquent on 2022-06-01: three years have run, and the debtor is told the bank cannot sue.
    await db.pool.query(`UPDATE accounts SET region_code = 'US-NY', first_delinquency_date = '2022-06-01' WHERE id = $1`, [usAccount]);
    const bank = (await db.pool.query(`SELECT name FROM creditors WHERE id = $1`, [us.id])).rows[0].name;
    expect((await client.send('GET', `/my/accounts/${usAccount}?lang=en`)).body).toContain('<div class="card" data-testid="time-barred"><p><strong>'
      + `The law limits how long you can be sued on a debt. Because of the age of your debt, ${esc(bank)} cannot sue you for it.`);
    expect((await client.send('GET', `/my/accounts/${usAccount}`)).body).toContain(`由于您的债务年代已久，${esc(bank)}不能就此起诉您。`);
    // New York's notice stands where the debtor promises (or moves a promise of) a payment (23 NYCRR 1.3(b)).
    expect((await client.send('GET', `/my/accounts/${usAccount}?lang=en`)).body).toMatch(new RegExp('data-testid="time-bar-notice"><p>New York State regulations '
      + `require us to tell you the following; it is not legal advice\\.[^<]*${esc(bank).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} will not sue you for it\\.</p></div><form[^>]*data-testid="move-promise"`));
    // The Chinese bank's account says nothing of the kind.
    expect((await client.send('GET', `/my/accounts/${accountId}`)).body).not.toContain('data-testid="time-barred"');
    expect((await client.send('GET', `/my/accounts/${accountId}`)).body).not.toContain('data-testid="time-bar-notice"');
  });

  it("tells a New York debtor disputing a charged-off debt by when the documents that substantiate it will be mailed, then that they are on their way", async () => {
    const usAccount = (await db.pool.query(`SELECT a.id, c.name FROM accounts a JOIN creditors c ON c.id = a.creditor_id WHERE c.code = 'USBANK'`)).rows[0];
    // The bank's file gave the debt's charge-off figures (核销).
    await db.pool.query(`INSERT INTO account_charge_offs (creditor_id, account_id, batch_id, charged_off_on, balance_fen, interest_fen, fees_fen, paid_fen)
                         SELECT creditor_id, id, 0, '2022-12-31', principal_fen + interest_fen + fees_fen, 0, 0, 0 FROM accounts WHERE id = $1`, [usAccount.id]);
    const client = await verifiedClient();
    const sent = await client.send('POST', `/my/accounts/${usAccount.id}/dispute?lang=en`, { reason: 'wrong_amount', description: 'The fees were never agreed to.' });
    expect(sent.statusCode, sent.body).toBe(303);
    const lines = async () => [...(await client.send('GET', `/my/accounts/${usAccount.id}?lang=en`)).body.matchAll(/data-testid="portal-case">([^<]*)</g)].map((m) => m[1]);
    // Due 60 days after it was raised (23 NYCRR 1.4(b)).
    expect(await lines()).toEqual(['Dispute raised March 2, 2026: we will mail you the documents that substantiate this debt by May 1, 2026 (New York law, 23 NYCRR 1.4), and will not collect it until we have.']);
    // The bank confirms it: collection stays stopped until the letter goes, and the page says so.
    const admin = await signInCookie(app, (await newUser(db.pool, 'admin')).username);
    const disputeId = (await db.pool.query(`SELECT id FROM complaints WHERE account_id = $1 AND kind = 'dispute'`, [usAccount.id])).rows[0].id;
    const resolved = await app.inject({ method: 'POST', url: `/api/disputes/${disputeId}/resolution`, headers: { cookie: admin },
      payload: { outcome: 'verified', note: 'The statements show the fees in the cardholder agreement.' } });
    expect(resolved.json()).toMatchObject({ status: 'verified', verification_to_mail: true });
    expect(await lines()).toEqual([`Dispute raised March 2, 2026: ${esc(usAccount.name)} confirmed the debt; the verification is being mailed to you, and we will not collect until it has gone.`]);
  });
});

describe('a US debt with its validation notice', () => {
  it('is shown as the notice itemized it (as of the charge-off, fees since, to the amount owed), not as parts the bank did not split', async () => {
    const { rows: [us] } = await db.pool.query(`SELECT a.id, a.creditor_id, a.debtor_id, (a.principal_fen + a.interest_fen + a.fees_fen)::int AS owed
      FROM accounts a JOIN creditors c ON c.id = a.creditor_id WHERE c.code = 'USBANK'`);
    const { rows: [letter] } = await db.pool.query(`INSERT INTO contact_attempts (creditor_id, account_id, debtor_id, channel, party, purpose, outcome, at)
      VALUES ($1, $2, $3, 'letter', 'debtor', 'notice', 'sent', '2026-03-01T15:00:00Z') RETURNING id`, [us.creditor_id, us.id, us.debtor_id]);
    await db.pool.query(`INSERT INTO validation_notices (creditor_id, account_id, sent_on, validation_ends_on, itemization_date, itemization_fen, interest_fen,
      fees_fen, paid_fen, amount_now_fen, contact_attempt_id, charged_off) VALUES ($1, $2, '2026-03-01', '2026-04-05', '2022-12-31', $3, 0, 3500, 0, $4, $5, true)`,
      [us.creditor_id, us.id, us.owed - 3500, us.owed, letter.id]);
    const client = await verifiedClient();
    const page = (await client.send('GET', `/my/accounts/${us.id}?lang=en`)).body;
    const dollars = (fen: number) => `$${Math.trunc(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;
    expect(page).toContain(`<dt>As of December 31, 2022, when the bank charged off the debt</dt><dd>${dollars(us.owed - 3500)}</dd>`);
    expect(page).toContain(`<dt>Fees since then</dt><dd>+ $35.00</dd>`);
    expect(page).toContain(`<dt>Total owed</dt><dd><strong>${dollars(us.owed)}</strong></dd>`);
    expect(page).not.toContain('<dt>Principal</dt>');
  });
});

describe("New York City's language access footer", () => {
  it('is on the pages of a debtor with an account under a US contract, and on the public ones, but not on a Chinese bank\'s debtor\'s', async () => {
    // The agency now collects for a US bank (USBANK, above): its public pages say which language services there are.
    const footer = 'data-testid="language-access"';
    // The agency's Illinois licence: on the public pages and a US debtor's, not on a Chinese bank's debtor's.
    await db.pool.query(`INSERT INTO agency_licences (jurisdiction, licence_no) VALUES ('US-IL', 'IL-017.123') ON CONFLICT DO NOTHING`);
    const licence = 'IL-017.123';
    expect((await newClient().send('GET', '/my/verify')).body).toContain(footer);
    expect((await newClient().send('GET', '/my/verify')).body).toContain(licence);
    // A debtor with a US account sees it on their pages.
    const usDebtor = await verifiedClient();
    expect((await usDebtor.send('GET', '/my')).body).toContain(footer);
    expect((await usDebtor.send('GET', '/my')).body).toContain(licence);
    // A debtor whose only account is a Chinese bank's does not: New York City's rules are nothing to them.
    const client = newClient();
    await client.send('POST', (await issueLink(strangerAccountId)).path);
    expect((await client.send('POST', '/my/verify', { id_last4: '1236', birth_date: '1985-01-01' })).statusCode).toBe(303);
    for (const url of ['/my', `/my/accounts/${strangerAccountId}`, `/my/accounts/${strangerAccountId}/hardship`, '/my/preferences', '/my?lang=en']) {
      const page = await client.send('GET', url);
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).not.toContain('data-testid="verify-form"');   // the debtor's own page, not the check
      expect(page.body, url).not.toContain(footer);
      expect(page.body, url).not.toContain(licence);
    }
    const refused = await client.send('POST', `/my/accounts/${strangerAccountId}/complaint`, { description: '短' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).not.toContain(footer);
  });
});

describe('a payment the bank has not yet reflected', () => {
  it("is taken off the balance the debtor sees, saying since when", async () => {
    const client = await verifiedClient();
    expect((await client.send('GET', `/my/accounts/${accountId}`)).body).not.toContain('data-testid="portal-paid-since"');
    await recordPayment(ctx, CLI_ACTOR, { accountId, amountFen: 100_00, paidOn: '2026-03-01' });
    const page = (await client.send('GET', `/my/accounts/${accountId}`)).body;
    // Placed on 2026-01-01 at ¥10,015.00 (the bank's statement); ¥100.00 paid since.
    expect(page).toMatch(/<dt>2026-01-01 以来已还<\/dt><dd data-testid="portal-paid-since">- ¥100\.00<\/dd>\s*<dt>合计欠款<\/dt><dd><strong>¥9,915\.00<\/strong><\/dd>/);
    // And the account's payments on record, newest first; one the bank returned, as such.
    const first = await recordPayment(ctx, CLI_ACTOR, { accountId, amountFen: 50_00, paidOn: '2026-03-02' });
    await reversePayment(ctx, CLI_ACTOR, { paymentId: first.id, reason: 'bounced' });
    const listed = [...(await client.send('GET', `/my/accounts/${accountId}`)).body.matchAll(/data-testid="portal-payment">([^<]*)</g)].map((m) => m[1]);
    expect(listed).toEqual(['2026-03-02 · - ¥50.00 (已退回)', '2026-03-02 · ¥50.00', '2026-03-01 · ¥100.00']);
  });
});

describe('an account paid in full (已结清)', () => {
  it('leaves the accounts being collected and is listed as paid off, with its last payment, in the debtor\'s language', async () => {
    const client = await verifiedClient();
    const mask = (await db.pool.query(`SELECT account_no_mask FROM accounts WHERE id = $1`, [secondAccountId])).rows[0].account_no_mask as string;
    const accountCards = async () => [...(await client.send('GET', '/my')).body.matchAll(/<section class="card" aria-label="([^"]*)" data-testid="portal-account">/g)].map((m) => m[1]);
    expect(await accountCards()).toContain(mask);
    expect((await client.send('GET', '/my')).body).not.toContain('data-testid="portal-finished"');
    // ¥10,015.00 owed; paid off in two payments.
    await recordPayment(ctx, CLI_ACTOR, { accountId: secondAccountId, amountFen: 15_00, paidOn: '2026-02-20' });
    await recordPayment(ctx, CLI_ACTOR, { accountId: secondAccountId, amountFen: 10_000_00, paidOn: '2026-03-01' });
    expect(await accountCards()).not.toContain(mask);
    const lines = async (lang: string) => [...(await client.send('GET', `/my?lang=${lang}`)).body.matchAll(/data-testid="portal-finished-account">([^<]*)</g)].map((m) => m[1]);
    expect(await lines('zh-CN')).toEqual([`✓ PBANK 银行 ${mask}：已全部还清（已结清），最后一笔还款 2026-03-01。这个账户不再欠款。`]);
    expect(await lines('en')).toEqual([`✓ PBANK 银行 ${mask}: paid in full; last payment 2026-03-01. Nothing more is owed on this account.`]);
  });

  it('stays open to complaint about how it was handled: the complaint goes to the team, and the debtor sees where it stands', async () => {
    const client = await verifiedClient();
    const overview = (await client.send('GET', '/my')).body;
    expect(overview).toContain(`href="/my/accounts/${secondAccountId}/complaint" data-testid="complain-closed"`);
    const form = await client.send('GET', `/my/accounts/${secondAccountId}/complaint`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('账户已结清或已退回银行，也可以投诉');
    // Too short: refused on its input, with what was written kept.
    const short = await client.send('POST', `/my/accounts/${secondAccountId}/complaint`, { description: '太凶了' });
    expect(short.statusCode).toBe(400);
    expect(refusedInput(short.body, 'complaint_text')).toBe('请至少用10个字说明问题');
    expect(short.body).toContain('>太凶了</textarea>');
    const sent = await client.send('POST', `/my/accounts/${secondAccountId}/complaint`, { description: '还清之前催收员在电话里骂了我好几次' });
    expect(sent.statusCode, sent.body).toBe(303);
    expect(sent.headers.location).toMatch(/^\/my\?done=C-/);
    const team = (await db.pool.query(`SELECT team_id FROM assignments WHERE account_id = $1`, [secondAccountId])).rows[0].team_id as number;
    const opened = await db.pool.query(`SELECT channel, origin, team_id, to_char(due_on, 'YYYY-MM-DD') AS due FROM complaints WHERE account_id = $1 AND kind = 'complaint'`, [secondAccountId]);
    expect(opened.rows).toEqual([{ channel: 'portal', origin: 'portal', team_id: team, due: expect.any(String) }]);
    // Back on the overview: the reference, and the complaint's line under the account.
    const after = (await client.send('GET', sent.headers.location as string)).body;
    expect(after).toContain('data-testid="reference"');
    expect(after).toMatch(new RegExp(`data-testid="portal-case">投诉（[^）]*提出）：我们将在${opened.rows[0].due}之前答复您。`));
    // An open account's complaint link goes to the form on its page.
    const open = await client.send('GET', `/my/accounts/${accountId}/complaint`);
    expect([open.statusCode, open.headers.location]).toEqual([303, `/my/accounts/${accountId}#complaint`]);
  });
});

describe('an account returned to the bank (退案)', () => {
  it("leaves the accounts being collected and is listed as returned, with the day and whom to ask, in the debtor's language", async () => {
    const client = await verifiedClient();
    const bank = (await db.pool.query(`SELECT id FROM creditors WHERE code = 'PBANK'`)).rows[0].id as number;
    const collector = (await db.pool.query(`SELECT collector_id FROM assignments WHERE account_id = $1`, [accountId])).rows[0].collector_id as number;
    const team = (await db.pool.query(`SELECT team_id FROM assignments WHERE account_id = $1`, [accountId])).rows[0].team_id as number;
    // A third account of the debtor's, in a placement whose term ended on 2026-02-28: recalled by the nightly step.
    const third = (await newAccount(db.pool, { creditorId: bank, debtorId: debtorId.value, collectorId: collector, teamId: team, accountNo: '6222000055556666' })).id;
    const ended = (await db.pool.query(`INSERT INTO placements (creditor_id, batch_ref, placed_on, ends_on) VALUES ($1, 'OLD', '2025-09-01', '2026-02-28') RETURNING id`, [bank])).rows[0].id;
    await db.pool.query('UPDATE accounts SET placement_id = $2 WHERE id = $1', [third, ended]);
    const mask = (await db.pool.query(`SELECT account_no_mask FROM accounts WHERE id = $1`, [third])).rows[0].account_no_mask as string;
    expect((await client.send('GET', '/my')).body).not.toContain('data-testid="portal-returned"');
    await recallEndedPlacements(ctx, CLI_ACTOR);
    const body = (await client.send('GET', '/my')).body;
    expect([...body.matchAll(/aria-label="([^"]*)" data-testid="portal-account"/g)].map((m) => m[1])).not.toContain(mask);
    const lines = async (lang: string) => [...(await client.send('GET', `/my?lang=${lang}`)).body.matchAll(/data-testid="portal-returned-account">([^<]*)</g)].map((m) => m[1]);
    expect(await lines('zh-CN')).toEqual([`PBANK 银行 ${mask}：已于 2026-02-28 退回银行（退案），本机构不再处理这个账户，也不会再就此联系您。欠款和还款事宜请直接联系银行。`]);
    expect(await lines('en')).toEqual([`PBANK 银行 ${mask}: returned to the bank on 2026-02-28. We no longer handle this account and will not contact you about it again. `
      + 'For what is owed and how to pay, contact the bank directly.']);
  });
});

describe('leeway portal link', () => {
  it('prints a link a letter can carry, and it opens a session like one from the API', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-portal-'));
    try {
      const env = { DATABASE_URL: db.url, LEEWAY_DATA_DIR: dataDir };
      const printed = await runCli(['portal', 'link', '--account', String(accountId), '--base-url', 'https://help.example.com/', '--json'], { env });
      expect(printed.code, printed.stderr).toBe(0);
      const { url, expires_at: expiresAt } = JSON.parse(printed.stdout);
      expect(url).toMatch(/^https:\/\/help\.example\.com\/my\/open\/[A-Za-z0-9_-]{43}$/);
      expect(new Date(expiresAt).getTime() - Date.now()).toBeGreaterThan(13 * 86_400_000);
      const client = newClient();
      await client.send('POST', new URL(url).pathname);
      expect((await client.send('POST', '/my/verify', { id_last4: '123X', birth_date: '19900307' })).statusCode).toBe(303);
      const bad = await runCli(['portal', 'link', '--account', '0'], { env });
      expect(bad.code).toBe(2);
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the hardship plans the portal quotes', () => {
  it('spread what is owed now: a payment made since the bank\'s statement is not asked for again', async () => {
    const bank = (await db.pool.query(`SELECT id FROM creditors WHERE code = 'PBANK'`)).rows[0].id as number;
    const collector = (await db.pool.query(`SELECT collector_id FROM assignments WHERE account_id = $1 AND ended_at IS NULL`, [accountId])).rows[0].collector_id as number;
    const team = (await db.pool.query(`SELECT team_id FROM users WHERE id = $1`, [collector])).rows[0].team_id as number;
    // CNY 12,015.00 stated (12,000.00 + 10.00 interest + 5.00 fees), 1,200.00 paid since: 10,815.00 owed now.
    const paying = (await newAccount(db.pool, { creditorId: bank, debtorId: debtorId.value, collectorId: collector, teamId: team, principalFen: 1_200_000,
      accountNo: '6222000077778888' })).id;
    await recordPayment(ctx, CLI_ACTOR, { accountId: paying, amountFen: 1_200_00, paidOn: '2026-03-01' });
    const client = await verifiedClient();
    const form = (await client.send('GET', `/my/accounts/${paying}/hardship?lang=en`)).body;
    expect(form).toContain('12 months, CNY 901.25 a month, CNY 10,815.00 in all');
    expect(form).not.toContain('12,015.00 in all');
    // A plan that does not divide evenly says what its last instalment is, so the lines add up to the total.
    expect(form).toMatch(/24 months, CNY 450\.6\d a month and CNY 450\.\d\d for the last, CNY 10,815\.00 in all/);
    // The statement's minimum is said before it is refused.
    expect(form).toContain('Tell us in your own words what happened (at least 10 characters)');
    // The collector's quote for the same plan says the same.
    const quoted = await app.inject({ method: 'POST', url: `/api/accounts/${paying}/hardship/quote`, headers: { cookie: collectorCookie },
      payload: { months: 12, first_due_date: '2026-04-02' } });
    expect(quoted.statusCode, quoted.body).toBe(200);
    expect(quoted.json().schedule.total_fen).toBe(1_081_500);
  });

  it('stop at the bank\'s longest plan, and the list of what the agency may do says that limit', async () => {
    const bank = (await db.pool.query(`SELECT id FROM creditors WHERE code = 'PBANK'`)).rows[0].id as number;
    const client = await verifiedClient();
    const rights = async () => /<li>✓ (Offer an instalment plan[^<]*)</.exec((await client.send('GET', '/my?lang=en')).body)?.[1];
    expect(await rights()).toBe('Offer an instalment plan of up to 60 months when the bank agrees.');
    await db.pool.query(`INSERT INTO contracts (creditor_id, version, name, pack, effective_from, terms) VALUES ($1, 1, '委托合同', 'CN', '2026-01-01', '{"max_instalment_months": 48}')`, [bank]);
    try {
      expect(await rights()).toBe('Offer an instalment plan of up to 48 months when the bank agrees.');
      const paying = (await db.pool.query(`SELECT id FROM accounts WHERE account_no = '6222000077778888'`)).rows[0].id as number;
      const form = (await client.send('GET', `/my/accounts/${paying}/hardship?lang=en`)).body;
      expect(form).toContain('value="48"');
      expect(form).not.toContain('value="60"');
    } finally {
      await db.pool.query(`DELETE FROM contracts WHERE creditor_id = $1`, [bank]);
    }
  });
});

describe('an account on an instalment plan the bank approved', () => {
  it('shows the plan (its next instalment and date) and offers no promise and no second application beside it', async () => {
    const bank = (await db.pool.query(`SELECT id FROM creditors WHERE code = 'PBANK'`)).rows[0].id as number;
    const collector = (await db.pool.query(`SELECT collector_id FROM assignments WHERE account_id = $1 AND ended_at IS NULL`, [accountId])).rows[0].collector_id as number;
    const team = (await db.pool.query(`SELECT team_id FROM users WHERE id = $1`, [collector])).rows[0].team_id as number;
    const onPlan = (await newAccount(db.pool, { creditorId: bank, debtorId: debtorId.value, collectorId: collector, teamId: team, accountNo: '6222000033334444' })).id;
    const { rows: [plan] } = await db.pool.query(`INSERT INTO instalment_plans (creditor_id, account_id, status, total_fen, start_date, months)
      VALUES ($1, $2, 'active', 30000, '2026-03-01', 3) RETURNING id`, [bank, onPlan]);
    for (const [n, due, paid] of [[1, '2026-03-01', 10000], [2, '2026-04-01', 2500], [3, '2026-05-01', 0]] as const) {
      await db.pool.query(`INSERT INTO plan_instalments (creditor_id, plan_id, n, due_date, amount_fen, paid_fen, principal_fen) VALUES ($1, $2, $3, $4, 10000, $5, 10000)`,
        [bank, plan.id, n, due, paid]);
    }
    await db.pool.query(`UPDATE accounts SET status = 'in_plan' WHERE id = $1`, [onPlan]);
    const client = await verifiedClient();
    const planLines = async (lang: string) => [...(await client.send('GET', `/my?lang=${lang}`)).body.matchAll(/data-testid="portal-plan">([^<]*)</g)].map((m) => m[1]);
    expect(await planLines('zh-CN')).toEqual(['********4444：共 ¥300.00，分 3 期；下一期 ¥75.00，应于 2026-04-01 前还款']);
    expect(await planLines('en')).toEqual(['********4444: CNY 300.00 in 3 instalments; next CNY 75.00, due by 2026-04-01']);
    const page = (await client.send('GET', `/my/accounts/${onPlan}?lang=zh-CN`)).body;
    expect(page).toContain('data-testid="promise-on-plan"');
    // The account's own page names the next instalment and its date, in the debtor's language.
    expect(/data-testid="account-plan"><strong>([^<]*)</.exec(page)?.[1]).toBe('共 ¥300.00，分 3 期；下一期 ¥75.00，应于 2026-04-01 前还款');
    expect(/data-testid="account-plan"><strong>([^<]*)</.exec((await client.send('GET', `/my/accounts/${onPlan}?lang=en`)).body)?.[1])
      .toBe('CNY 300.00 in 3 instalments; next CNY 75.00, due by 2026-04-01');
    expect(page).toContain('data-testid="hardship-on-plan"');
    expect(page).not.toContain(`action="/my/accounts/${onPlan}/promise"`);
    expect(page).not.toContain(`href="/my/accounts/${onPlan}/hardship"`);
    // And the promise is refused if sent anyway.
    const sent = await client.send('POST', `/my/accounts/${onPlan}/promise`, { amount: '50', due_date: '2026-03-09' });
    expect(sent.body).toContain('该账户正在履行分期还款计划：按期支付每期款项即可');
  });
});
