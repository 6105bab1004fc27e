import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newCreditor, newTeam, newUser, testContext } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

/**
 * Many collectors at once, each with two sessions (two browser tabs), asking for the next
 * account and logging a call in a loop: no errors, and no account is ever held by two
 * requests at once. Small on purpose (a shared 2-core machine); the timings are printed.
 */
const COLLECTORS = 12;
const ACCOUNTS_EACH = 8;
const ROUNDS = 3;

let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
const cookies: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool, () => new Date('2026-03-02T02:00:00Z'));
  app = await buildServer(ctx);
  const bank = await newCreditor(db.pool, 'LOADBANK');
  const team = await newTeam(db.pool);
  for (let c = 0; c < COLLECTORS; c++) {
    const user = await newUser(db.pool, 'collector', { teamId: team.id });
    cookies.push(await signInCookie(app, user.username));
    // Debtors, phones, accounts and assignments set-based: what newDebtor/newAccount do, in bulk.
    await db.pool.query(
      `WITH d AS (INSERT INTO debtors (name, region_code) SELECT '债务人' || g, '420102' FROM generate_series(1, $3) g RETURNING id),
            p AS (INSERT INTO contact_points (debtor_id, kind, value_enc, value_hash, value_mask, owner, source)
                  SELECT id, 'phone', $4, sha256(id::text::bytea), '138****0000', 'debtor', 'placement' FROM d),
            a AS (INSERT INTO accounts (creditor_id, account_no, account_no_mask, debtor_id, placement_id, principal_fen, first_delinquency_date, region_code)
                  SELECT $1, 'L' || $2::bigint || '-' || d.id, '****' || d.id, d.id, (SELECT id FROM placements WHERE creditor_id = $1 LIMIT 1),
                         100000 + d.id, '2026-01-15', '420102' FROM d RETURNING id)
       INSERT INTO assignments (creditor_id, account_id, collector_id, team_id, reason) SELECT $1, a.id, $2::bigint, $5, '分案' FROM a`,
      [bank.id, user.id, ACCOUNTS_EACH, randomBytes(40), team.id]);
  }
});
afterAll(async () => { await app?.close(); await db?.drop(); });

it('serves many collectors at once without errors or an account held twice', async () => {
  const held = new Map<number, string>();
  const timings: number[] = [];
  const errors: string[] = [];
  // Each debtor's own phone, where the collector's call goes (the account page lists it; read once here, outside the timings).
  const phoneOf = new Map((await db.pool.query<{ account_id: number; point: number }>(
    `SELECT a.id AS account_id, min(cp.id) AS point FROM accounts a JOIN contact_points cp ON cp.debtor_id = a.debtor_id
      WHERE cp.kind = 'phone' AND cp.owner = 'debtor' GROUP BY a.id`)).rows.map((r) => [Number(r.account_id), Number(r.point)]));
  const session = async (cookie: string, tab: string) => {
    let current: number | null = null;
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      const next = await app.inject({ method: 'POST', url: '/api/queue/next', headers: { cookie }, payload: current ? { release: current } : {} });
      if (current !== null) held.delete(current);
      if (next.statusCode !== 200) { errors.push(`next ${next.statusCode} ${next.body}`); return; }
      const id = next.json().account_id as number | null;
      if (id === null) return;
      if (held.has(id)) errors.push(`account ${id} given to ${tab} while ${held.get(id)} holds it`);
      held.set(id, tab);
      const logged = await app.inject({ method: 'POST', url: `/api/accounts/${id}/contacts`, headers: { cookie }, payload: { channel: 'call', outcome: 'no_answer', contact_point_id: phoneOf.get(id) } });
      if (logged.statusCode !== 201) errors.push(`log ${logged.statusCode} ${logged.body}`);
      timings.push(performance.now() - started);
      current = id;
    }
  };
  await Promise.all(cookies.flatMap((cookie, c) => [session(cookie, `c${c}a`), session(cookie, `c${c}b`)]));
  expect(errors).toEqual([]);
  expect(timings.length).toBe(COLLECTORS * 2 * ROUNDS);
  const attempts = await db.pool.query('SELECT count(*)::int AS n, count(DISTINCT account_id)::int AS accounts FROM contact_attempts');
  // Each account is worked once: after a call it rests, and a claim keeps the other tab away.
  expect(attempts.rows[0]).toEqual({ n: COLLECTORS * 2 * ROUNDS, accounts: COLLECTORS * 2 * ROUNDS });
  timings.sort((a, b) => a - b);
  const pct = (p: number) => timings[Math.min(timings.length - 1, Math.floor(p * timings.length))]!.toFixed(1);
  console.log(`next account + log contact, ${COLLECTORS * 2} sessions: p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms`);
});
