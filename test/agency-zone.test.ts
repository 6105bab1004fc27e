import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR, type AppContext } from '../src/app/context.ts';
import { contactFunnel } from '../src/app/reports/contact-funnel.ts';
import { recoveryReport } from '../src/app/reports/recovery.ts';
import { agencyZone } from '../src/config.ts';
import { createPool } from '../src/db/pool.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

/*
 * An agency in New York (LEEWAY_ZONE=America/New_York). 2026-03-02T03:00Z is 22:00 on 1 March
 * there and 11:00 on 2 March in Shanghai: what the database dates by itself must fall on the
 * agency's 1 March.
 */
const NEW_YORK = 'America/New_York';
const LATE_EVENING = '2026-03-02T03:00:00Z';

let db: TestDatabase;
let nyPool: pg.Pool;
let ny: AppContext;
let shanghai: AppContext;

beforeAll(async () => {
  db = await createTestDatabase();
  nyPool = createPool(db.url, 2, NEW_YORK);
  ny = { ...testContext(nyPool, () => new Date('2026-03-03T15:00:00Z')), agencyZone: NEW_YORK };
  shanghai = testContext(db.pool, () => new Date('2026-03-03T15:00:00Z'));
});

afterAll(async () => {
  await nyPool?.end();
  await db?.drop();
});

async function attemptAt(pool: pg.Pool, creditorId: number, accountId: number, collectorId: number, at: string): Promise<void> {
  await pool.query(`INSERT INTO contact_attempts (creditor_id, account_id, debtor_id, channel, party, purpose, outcome, initiated_by, at, collector_id)
    SELECT creditor_id, id, debtor_id, 'call', 'debtor', 'collect', 'no_answer', 'agency', $3, $4 FROM accounts WHERE creditor_id = $1 AND id = $2`,
    [creditorId, accountId, at, collectorId]);
}

describe('the agency zone (LEEWAY_ZONE)', () => {
  it('is read from the environment, canonicalised, and refused when it is not a zone', () => {
    expect(agencyZone(undefined)).toBe('Asia/Shanghai');
    expect(agencyZone('')).toBe('Asia/Shanghai');
    expect(agencyZone('Europe/London')).toBe('Europe/London');
    expect(agencyZone('america/new_york')).toBe('America/New_York');
    expect(() => agencyZone('Mars/Olympus_Mons')).toThrow(/LEEWAY_ZONE must be an IANA time zone name.*"Mars\/Olympus_Mons"/);
  });

  it('each connection carries it to the database; a session without it keeps Asia/Shanghai', async () => {
    expect((await nyPool.query<{ zone: string }>('SELECT agency_zone() AS zone')).rows[0]!.zone).toBe(NEW_YORK);
    expect((await db.pool.query<{ zone: string }>('SELECT agency_zone() AS zone')).rows[0]!.zone).toBe('Asia/Shanghai');
  });

  it('a late-evening call counts on the agency\'s day in the contact report', async () => {
    const bank = await newCreditor(db.pool);
    const team = await newTeam(db.pool);
    const collector = await newUser(db.pool, 'collector', { teamId: team.id });
    const debtor = await newDebtor(shanghai);
    const account = await newAccount(db.pool, { creditorId: bank.id, debtorId: debtor.id, collectorId: collector.id, teamId: team.id });
    await attemptAt(nyPool, bank.id, account.id, collector.id, LATE_EVENING);

    const firstOfMarch = await contactFunnel(ny, CLI_ACTOR, { creditor: bank.code, from: '2026-03-01', to: '2026-03-01' });
    expect(firstOfMarch.steps.find((s) => s.stage === 'attempts')!.count).toBe(1);
    const secondOfMarch = await contactFunnel(ny, CLI_ACTOR, { creditor: bank.code, from: '2026-03-02', to: '2026-03-02' });
    expect(secondOfMarch.steps.find((s) => s.stage === 'attempts')!.count).toBe(0);

    // The same call logged by a Shanghai agency is on its 2 March.
    await attemptAt(db.pool, bank.id, account.id, collector.id, LATE_EVENING);
    const shanghaiDay = await contactFunnel(shanghai, CLI_ACTOR, { creditor: bank.code, from: '2026-03-02', to: '2026-03-02' });
    expect(shanghaiDay.steps.find((s) => s.stage === 'attempts')!.count).toBe(1);
  });

  it('a payment on the agency\'s day is credited to whoever held the account that day there', async () => {
    const bank = await newCreditor(db.pool);
    const team = await newTeam(db.pool);
    const before = await newUser(db.pool, 'collector', { teamId: team.id });
    const after = await newUser(db.pool, 'collector', { teamId: team.id });
    const debtor = await newDebtor(shanghai);
    const account = await newAccount(db.pool, { creditorId: bank.id, debtorId: debtor.id, collectorId: before.id, teamId: team.id });
    await db.pool.query(`UPDATE assignments SET assigned_at = '2026-02-01T00:00:00Z' WHERE creditor_id = $1 AND account_id = $2`, [bank.id, account.id]);
    // Moved at 22:00 New York time on 1 March (2 March in Shanghai).
    await db.pool.query(`UPDATE assignments SET ended_at = $3 WHERE creditor_id = $1 AND account_id = $2`, [bank.id, account.id, LATE_EVENING]);
    await db.pool.query(`INSERT INTO assignments (creditor_id, account_id, collector_id, team_id, reason, assigned_at) VALUES ($1, $2, $3, $4, '调案', $5)`,
      [bank.id, account.id, after.id, team.id, LATE_EVENING]);
    // The bank reports a payment on 1 March: in New York the new collector held the account that day.
    await nyPool.query(`INSERT INTO payments (creditor_id, account_id, txn_id, amount_fen, paid_on) VALUES ($1, $2, 'NY-1', 10000, '2026-03-01')`,
      [bank.id, account.id]);
    const report = await recoveryReport(ny, CLI_ACTOR, { by: 'collector', creditor: bank.code });
    expect(report.lines.find((l) => l.key === String(after.id))).toMatchObject({ recovered_fen: 10_000 });
    expect(report.lines.find((l) => l.key === String(before.id))?.recovered_fen ?? 0).toBe(0);
  });

  it('a hold or complaint written without its first day starts on the agency\'s day', async () => {
    const debtor = await newDebtor(shanghai);
    const { rows: [hold] } = await nyPool.query<{ starts_on: string }>(
      `INSERT INTO holds (debtor_id, kind, reason, set_at) VALUES ($1, 'dispute', '书面异议', $2) RETURNING starts_on`, [debtor.id, LATE_EVENING]);
    expect(hold!.starts_on).toBe('2026-03-01');
    const bank = await newCreditor(db.pool);
    const team = await newTeam(db.pool);
    const collector = await newUser(db.pool, 'collector', { teamId: team.id });
    const account = await newAccount(db.pool, { creditorId: bank.id, debtorId: debtor.id, collectorId: collector.id, teamId: team.id });
    const { rows: [complaint] } = await nyPool.query<{ opened_on: string }>(
      `INSERT INTO complaints (creditor_id, account_id, kind, channel, description, created_at) VALUES ($1, $2, 'complaint', 'phone', '投诉', $3) RETURNING opened_on`,
      [bank.id, account.id, LATE_EVENING]);
    expect(complaint!.opened_on).toBe('2026-03-01');
  });

  it('the signed-in user is told the zone, so the screens show instants on the agency\'s clock', async () => {
    const app = await buildServer(ny);
    try {
      const admin = await newUser(db.pool, 'admin');
      const cookie = await signInCookie(app, admin.username);
      const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
      expect(me.json().user).toMatchObject({ agency_zone: NEW_YORK, business_date: '2026-03-03' });
    } finally {
      await app.close();
    }
  });
});
