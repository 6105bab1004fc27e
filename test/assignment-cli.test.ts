import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { runCli } from './support/cli.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext } from './support/fixtures.ts';

/** The assignment commands, run as the real `leeway` process against a test database. */
let db: TestDatabase;
let ctx: AppContext;
let env: Record<string, string>;

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  env = { DATABASE_URL: db.url, LEEWAY_DATA_DIR: await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-assign-')) };
});

afterAll(async () => {
  await db?.drop();
});

describe('leeway territories / assign / collectors offboard', () => {
  it('sets and lists territories, deals, moves and offboards from the command line', async () => {
    const bank = await newCreditor(db.pool, 'GONGHANG');
    const team = await newTeam(db.pool, '华中组');
    const [a, b] = [await newUser(db.pool, 'collector', { teamId: team.id }), await newUser(db.pool, 'collector', { teamId: team.id })];
    const debtor = await newDebtor(ctx);
    const { rows } = await db.pool.query(
      `INSERT INTO accounts (creditor_id, account_no, account_no_mask, debtor_id, placement_id, principal_fen, first_delinquency_date, region_code, status)
       SELECT $1, '62220000' || g, 'x', $2, (SELECT id FROM placements WHERE creditor_id = $1 LIMIT 1), 100000 * g, '2026-01-10', '420102', 'placed'
         FROM generate_series(1, 3) g RETURNING id`, [bank.id, debtor.id]);
    const placed = rows.map((r) => r.id as number);
    const other = (await newAccount(db.pool, { creditorId: bank.id, debtorId: (await newDebtor(ctx)).id, collectorId: a.id, teamId: team.id })).id;

    const set = await runCli(['territories', 'set', '--creditor', 'GONGHANG', '--region', '42', '--team', '华中组', '--json'], { env });
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ creditor_code: 'GONGHANG', region_prefix: '42', team_id: team.id, previous_team_id: null });
    const list = await runCli(['territories', 'list'], { env });
    expect(list.stdout).toMatch(/GONGHANG\s+42\s+.*-> 华中组/);

    const deal = await runCli(['assign', 'deal', '--creditor', 'GONGHANG', '--json'], { env });
    expect(deal.code, deal.stderr).toBe(0);
    expect(JSON.parse(deal.stdout)).toMatchObject({ creditor: 'GONGHANG', accounts: 3, dealt: 3, no_territory: 0 });
    const owners = await db.pool.query('SELECT DISTINCT collector_id FROM assignments WHERE account_id = ANY($1) AND ended_at IS NULL', [placed]);
    expect(owners.rows).toHaveLength(1); // one debtor: one collector

    const move = await runCli(['assign', 'move', '--account', `${other},${placed[0]}`, '--to', b.username, '--reason', '平衡工作量', '--json'], { env });
    expect(move.code, move.stderr).toBe(0);
    expect(JSON.parse(move.stdout).to.username).toBe(b.username);

    const history = await runCli(['assign', 'history', '--account', String(other), '--json'], { env });
    expect(history.code, history.stderr).toBe(0);
    expect(JSON.parse(history.stdout).map((h: { kind: string | null; reason: string }) => [h.kind, h.reason])).toEqual([[null, '分案'], ['move', '平衡工作量']]);

    const offboard = await runCli(['collectors', 'offboard', b.username, '--to', a.username, '--json'], { env });
    expect(offboard.code, offboard.stderr).toBe(0);
    const result = JSON.parse(offboard.stdout);
    expect(result).toMatchObject({ user: { username: b.username }, to: { kind: 'user', id: a.id }, deactivated: true });
    const left = await db.pool.query('SELECT count(*)::int AS n FROM assignments WHERE collector_id = $1 AND ended_at IS NULL', [b.id]);
    expect(left.rows[0].n).toBe(0);

    const again = await runCli(['collectors', 'offboard', b.username, '--to', 'team:华中组'], { env });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already been offboarded');
    const bad = await runCli(['assign', 'move', '--account', 'x1', '--to', a.username, '--reason', 'r'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not a list of account ids');

    // Hubei re-pointed to another team, then rebalanced; then the territory removed.
    const east = await newTeam(db.pool, '华东组');
    const c = await newUser(db.pool, 'collector', { teamId: east.id });
    await runCli(['territories', 'set', '--creditor', 'GONGHANG', '--region', '42', '--team', '华东组'], { env });
    const rebalance = await runCli(['assign', 'deal', '--creditor', 'GONGHANG', '--rebalance'], { env });
    expect(rebalance.code, rebalance.stderr).toBe(0);
    expect(rebalance.stdout).toMatch(/Rebalanced 4 open accounts .*: 4 moved from another team, 4 dealt in all, 0 already/);
    const moved = await db.pool.query('SELECT DISTINCT collector_id FROM assignments WHERE account_id = ANY($1) AND ended_at IS NULL', [[...placed, other]]);
    expect(moved.rows).toEqual([{ collector_id: c.id }]);
    const removed = await runCli(['territories', 'remove', '--creditor', 'GONGHANG', '--region', '42', '--json'], { env });
    expect(removed.code, removed.stderr).toBe(0);
    expect(JSON.parse(removed.stdout)).toEqual({ creditor_code: 'GONGHANG', region_prefix: '42', team_id: east.id });
    const gone = await runCli(['territories', 'remove', '--creditor', 'GONGHANG', '--region', '42'], { env });
    expect(gone.code).not.toBe(0);
    expect(gone.stderr).toContain('has no territory 42');
  });
});
