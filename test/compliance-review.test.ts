import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { buildServer } from '../src/http/server.ts';
import { runCli } from './support/cli.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newTeam, newUser, testContext } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

/**
 * 合规确认 on a real database: the compliance officer (an admin) reads every rule the engine
 * enforces and the texts written on a law's strength, confirms or questions each U item saying
 * what was checked (audited), and a confirmation given on another reading of the rule or text
 * asks again.
 */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let adminCookie: string;
let adminName: string;
let supervisorCookie: string;

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  app = await buildServer(ctx);
  const admin = await newUser(db.pool, 'admin');
  adminName = admin.username;
  adminCookie = await signInCookie(app, admin.username);
  supervisorCookie = await signInCookie(app, (await newUser(db.pool, 'supervisor', { teamId: (await newTeam(db.pool)).id })).username);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

type Review = {
  rules: Array<{ item: string; unverified: string | null; citation: string; confirmation: null | { status: string; note: string; by: string; current: boolean } }>;
  texts: Array<{ item: string; unverified: { en: string; zh: string }; parts: Array<{ label: string; text: string }>; confirmation: null | { status: string; current: boolean } }>;
  open: number;
};
const review = async (cookie = adminCookie): Promise<Review> => {
  const res = await app.inject({ method: 'GET', url: '/api/compliance/review', headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const decide = (item: string, body: object, cookie = adminCookie) =>
  app.inject({ method: 'PUT', url: `/api/compliance/review/${encodeURIComponent(item)}`, headers: { cookie }, payload: body });

describe('compliance review (合规确认)', () => {
  it('lists every rule of every pack with what is open, and the texts in full; a supervisor reads it too', async () => {
    const r = await review(supervisorCookie);
    expect(r.rules.map((x) => x.item)).toEqual(expect.arrayContaining(['CN.hours', 'US.massachusetts_calls', 'US.nyc_communications', 'UK.statute_barred', 'US.seven_in_seven']));
    expect(r.rules.find((x) => x.item === 'CN.hours')!.unverified).toBe('sources disagree on 21:00 vs 22:00, the earlier end is used');
    expect(r.rules.find((x) => x.item === 'US.seven_in_seven')!.unverified).toBeNull();
    const spanish = r.texts.find((t) => t.item === 'US.text.validation_notice_es')!;
    expect(spanish.parts.find((p) => p.label === 'es')!.text).toContain('Deuda prescrita');
    expect(r.texts.find((t) => t.item === 'US.text.new_york')!.parts[0]!.text).toContain('Ninety percent of your wages or salary earned in the last sixty days.');
    // What is open on a text is said in both languages the staff app speaks: the screen shows the reader's.
    expect(r.texts.find((t) => t.item === 'US.text.rosenthal')!.unverified)
      .toEqual({ en: 'the Spanish is our translation (1812.700(c))', zh: '西班牙文为本系统自译（1812.700(c)）' });
    for (const t of r.texts) expect(t.unverified.zh, t.item).toMatch(/[\u4e00-\u9fff]/);
    // Every U rule and every text is open at first.
    expect(r.open).toBe(r.rules.filter((x) => x.unverified !== null).length + r.texts.length);
    expect(r.open).toBe(10 + 10);   // ten U rules across the packs, ten texts
  });

  it('an admin confirms or questions an item saying what was checked; audited; the open count follows', async () => {
    const before = (await review()).open;
    const ok = await decide('US.massachusetts_calls', { status: 'confirmed', note: '  940 CMR 7.04(1)(f) read on mass.gov, 2026-11-30: rolling week is the AG\'s reading.  ' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'confirmed', by: adminName, current: true, note: "940 CMR 7.04(1)(f) read on mass.gov, 2026-11-30: rolling week is the AG's reading." });
    expect((await decide('US.text.colorado', { status: 'questioned', note: 'The AG moved the page in 2025: check the address.' })).statusCode).toBe(200);
    const after = await review();
    expect(after.open).toBe(before - 1);   // a questioned item stays open
    expect(after.rules.find((x) => x.item === 'US.massachusetts_calls')!.confirmation).toMatchObject({ status: 'confirmed', current: true });
    expect(after.texts.find((t) => t.item === 'US.text.colorado')!.confirmation).toMatchObject({ status: 'questioned', current: true });
    // A new word replaces the last; the audit keeps both.
    expect((await decide('US.text.colorado', { status: 'confirmed', note: 'Address checked on coag.gov, 2026-11-30.' })).statusCode).toBe(200);
    expect((await review()).open).toBe(before - 2);
    const audit = (await db.pool.query(`SELECT entity_id, detail FROM audit_log WHERE action = 'compliance.confirmation' ORDER BY id`)).rows;
    expect(audit.map((a) => [a.entity_id, a.detail.status, a.detail.before?.status ?? null])).toEqual([
      ['US.massachusetts_calls', 'confirmed', null], ['US.text.colorado', 'questioned', null], ['US.text.colorado', 'confirmed', 'questioned'],
    ]);
  });

  it('refuses a blank note, an unknown status or item, and anyone but an admin', async () => {
    const blank = await decide('CN.hours', { status: 'confirmed', note: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.field).toBe('note');
    expect((await decide('CN.hours', { status: 'maybe', note: 'x' })).json().error.field).toBe('status');
    expect((await decide('CN.no_such_rule', { status: 'confirmed', note: 'x' })).statusCode).toBe(404);
    expect((await decide('CN.hours', { status: 'confirmed', note: 'x' }, supervisorCookie)).statusCode).toBe(403);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM compliance_confirmations WHERE item = 'CN.hours'`)).rows[0].n).toBe(0);
  });

  it('a confirmation given on another reading (a release changed the rule\'s citation) asks again', async () => {
    await db.pool.query(`UPDATE compliance_confirmations SET reading = 'an earlier citation' WHERE item = 'US.massachusetts_calls'`);
    const r = await review();
    expect(r.rules.find((x) => x.item === 'US.massachusetts_calls')!.confirmation).toMatchObject({ status: 'confirmed', current: false });
    expect(r.open).toBe(r.rules.filter((x) => x.unverified !== null).length + r.texts.length - 1);
  });

  it('the command line lists what is open and records a word', async () => {
    const cli = (args: string[]) => runCli(args, { env: { DATABASE_URL: db.url } });
    const confirmed = await cli(['compliance', 'confirm', 'UK.statute_barred', '--note', 'CONC 7.15 paragraphs checked on the FCA Handbook, 2026-11-30']);
    expect(confirmed.code, confirmed.stderr).toBe(0);
    expect(confirmed.stdout).toBe('UK.statute_barred: confirmed\n');
    const listed = await cli(['compliance', 'review']);
    expect(listed.stdout).toContain('UK.statute_barred: confirmed by cli\n');
    expect(listed.stdout).toContain('US.massachusetts_calls: confirmed (on an earlier reading: check again) by');
    expect(listed.stdout).toContain('CN.hours: to check\n');
    expect(listed.stdout).toMatch(/\n\d+ item\(s\) still to check\n$/);
    const unknown = await cli(['compliance', 'question', 'XX.nothing', '--note', 'x']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No rule or text "XX.nothing" to review');
  });
});
