import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { buildServer } from '../src/http/server.ts';
import { runCli } from './support/cli.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext, usContract } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

/**
 * New York City's language access records on a real database through the real routes: the
 * language a call was held in, as the collector records it, and the yearly report by language
 * of the accounts collected on and the employees who collected, for creditors under a US contract.
 * The clock is 10:00 on Monday 2026-03-02 in Shanghai.
 */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let adminCookie: string;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  app = await buildServer(ctx);
  const us = await newCreditor(db.pool, 'USB');
  await usContract(db.pool, us.id);
  const cn = await newCreditor(db.pool, 'CNB');
  const team = await newTeam(db.pool);
  const rivera = await newUser(db.pool, 'collector', { teamId: team.id });
  const kim = await newUser(db.pool, 'collector', { teamId: team.id });
  ids.rivera = rivera.id;
  cookies.rivera = await signInCookie(app, rivera.username);
  cookies.kim = await signInCookie(app, kim.username);
  adminCookie = await signInCookie(app, (await newUser(db.pool, 'admin')).username);
  const spanish = await newDebtor(ctx, { idNumber: '42010219900307123X' });
  await db.pool.query(`UPDATE debtors SET preferred_language = 'es' WHERE id = $1`, [spanish.id]);
  ids.spanishDebtor = spanish.id;
  ids.spanish = (await newAccount(db.pool, { creditorId: us.id, debtorId: spanish.id, collectorId: rivera.id, teamId: team.id })).id;
  const english = await newDebtor(ctx, { idNumber: '110101198501011236', name: 'John Roe' });
  ids.english = (await newAccount(db.pool, { creditorId: us.id, debtorId: english.id, collectorId: kim.id, teamId: team.id })).id;
  const chinese = await newDebtor(ctx, { idNumber: '110101199001011237', name: '王五' });
  ids.chinese = (await newAccount(db.pool, { creditorId: cn.id, debtorId: chinese.id, collectorId: rivera.id, teamId: team.id })).id;
  ids.usCreditor = us.id;
});
afterAll(async () => { await app?.close(); await db?.drop(); });

/** The debtor calls in and the collector takes the call (recorded whatever the rules, as inbound calls are). */
const inboundCall = (who: string, accountId: number, extra: Record<string, unknown> = {}) => app.inject({ method: 'POST', url: `/api/accounts/${accountId}/contacts`,
  headers: { cookie: cookies[who]! }, payload: { channel: 'call', party: 'debtor', purpose: 'collect', outcome: 'right_party', initiated_by: 'debtor',
    // A conversation with a US debtor is recorded with whether the debt collector disclosure was given.
    ...(accountId !== ids.chinese && (extra.channel ?? 'call') === 'call' ? { disclosure_given: true } : {}), ...extra } });

describe('the language of a call', () => {
  it('is recorded as the collector gives it (a code or a name), refused when it is no language or the contact is written', async () => {
    const taken = await inboundCall('rivera', ids.spanish!, { language: 'Spanish' });
    expect(taken.statusCode, taken.body).toBe(201);
    const { rows: [attempt] } = await db.pool.query(`SELECT language FROM contact_attempts WHERE id = $1`, [taken.json().attempt_id]);
    expect(attempt!.language).toBe('es');
    expect((await db.pool.query(`SELECT detail->>'language' AS language FROM audit_log WHERE action = 'contact.log' AND entity_id = $1`, [taken.json().attempt_id])).rows)
      .toEqual([{ language: 'es' }]);
    const klingon = await inboundCall('kim', ids.english!, { language: 'Klingon' });
    expect(klingon.statusCode).toBe(400);
    expect(klingon.json().error).toMatchObject({ field: 'language', message: '"Klingon" is not a language; give its ISO 639-1 code (en, es, zh, ...)' });
    const written = await inboundCall('kim', ids.english!, { channel: 'sms', outcome: 'sms_reply', language: 'en' });
    expect(written.statusCode).toBe(400);
    expect(written.json().error.field).toBe('language');
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM contact_attempts WHERE account_id = $1`, [ids.english])).rows[0].n).toBe(0);
  });
});

describe('the language access report', () => {
  it('counts, by language, the accounts collected on and the employees who collected, for US creditors; written contacts in the language the debtor is written in', async () => {
    expect((await inboundCall('kim', ids.english!, { language: 'en' })).statusCode).toBe(201);
    expect((await inboundCall('kim', ids.english!)).statusCode).toBe(201);                       // no language recorded
    expect((await inboundCall('rivera', ids.chinese!, { language: 'zh' })).statusCode).toBe(201); // a Chinese bank's: not in the report
    // Texts: one a collector sent to the Spanish reader (written in Spanish), one the nightly run sent (no employee).
    for (const collector of [ids.rivera, null]) {
      await db.pool.query(`INSERT INTO contact_attempts (creditor_id, account_id, debtor_id, channel, party, purpose, outcome, at, collector_id)
        VALUES ($1, $2, $3, 'sms', 'debtor', 'collect', 'sms_sent', '2026-03-02T01:00:00Z', $4)`, [ids.usCreditor, ids.spanish, ids.spanishDebtor, collector]);
    }
    const res = await app.inject({ method: 'GET', url: '/api/reports/language-access?from=2026-03-01&to=2026-03-31', headers: { cookie: adminCookie } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      creditor: null, from: '2026-03-01', to: '2026-03-31', as_of: 'live',
      languages: [
        { language: 'en', accounts: 1, employees: 1, attempts: 1 },
        { language: 'es', accounts: 1, employees: 1, attempts: 2 },
        { language: null, accounts: 1, employees: 1, attempts: 1 },
      ],
      other_than_english: { accounts: 1, employees: 1 },
    });
    // A collector sees their own contacts only.
    const own = await app.inject({ method: 'GET', url: '/api/reports/language-access?from=2026-03-01&to=2026-03-31', headers: { cookie: cookies.kim! } });
    expect(own.json().languages.map((l: { language: string | null }) => l.language)).toEqual(['en', null]);
    // Outside the period: nothing.
    const before = await app.inject({ method: 'GET', url: '/api/reports/language-access?from=2026-02-01&to=2026-02-28', headers: { cookie: adminCookie } });
    expect(before.json()).toMatchObject({ languages: [], other_than_english: { accounts: 0, employees: 0 } });
  });

  it('prints the same from the command line', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-language-'));
    try {
      const printed = await runCli(['reports', 'language-access', '--from', '2026-03-01', '--to', '2026-03-31'], { env: { DATABASE_URL: db.url, LEEWAY_DATA_DIR: dataDir } });
      expect(printed.code, printed.stderr).toBe(0);
      expect(printed.stdout).toContain('Language access 2026-03-01 .. 2026-03-31 (creditors under a US contract)');
      expect(printed.stdout).toMatch(/\n {2}es +1 +1 +2\n/);
      expect(printed.stdout).toContain('Other than English: 1 accounts, 1 employees');
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});
