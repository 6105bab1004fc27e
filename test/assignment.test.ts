import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditedCollectors } from '../src/app/assignment/credited-collectors.ts';
import { dealUnassignedAccounts } from '../src/app/assignment/deal-accounts.ts';
import { moveAccounts } from '../src/app/assignment/move-accounts.ts';
import { offboardCollector } from '../src/app/assignment/offboard-collector.ts';
import { listTerritoriesFor, removeTerritory, setTerritory } from '../src/app/assignment/territories.ts';
import { CLI_ACTOR, type Actor, type AppContext } from '../src/app/context.ts';
import { AppError } from '../src/domain/errors.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext, usContract } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

/** Territories, dealing, moves and turnover on a real database. */
let db: TestDatabase;
let ctx: AppContext;
let now = new Date('2026-03-02T02:00:00Z'); // 10:00 in Shanghai
let bank: { id: number; code: string };
let counter = 0;

async function placedAccount(spec: { debtorId: number; region: string; principalFen?: number; creditorId?: number }): Promise<number> {
  const creditorId = spec.creditorId ?? bank.id;
  const accountNo = `6228${String(++counter).padStart(12, '0')}`;
  const { rows } = await db.pool.query(
    `INSERT INTO accounts (creditor_id, account_no, account_no_mask, debtor_id, placement_id, principal_fen, first_delinquency_date, region_code, status)
     VALUES ($1, $2, 'x', $3, (SELECT id FROM placements WHERE creditor_id = $1 LIMIT 1), $4, '2026-01-10', $5, 'placed') RETURNING id`,
    [creditorId, accountNo, spec.debtorId, spec.principalFen ?? 100_000, spec.region]);
  return rows[0].id;
}

async function currentOwner(accountId: number): Promise<number | null> {
  const { rows } = await db.pool.query('SELECT collector_id FROM assignments WHERE account_id = $1 AND ended_at IS NULL', [accountId]);
  return rows[0]?.collector_id ?? null;
}

async function takePromise(accountId: number, takenBy: number, createdAt = now): Promise<number> {
  const { rows } = await db.pool.query(
    `INSERT INTO promises (creditor_id, account_id, amount_fen, due_date, taken_by, created_at)
     VALUES ($1, $2, 50000, '2026-03-10', $3, $4) RETURNING id`, [bank.id, accountId, takenBy, createdAt]);
  return rows[0].id;
}

/** The fixture's assignments start at the wall clock; put them before the test clock's "now". */
async function placedBefore(): Promise<void> {
  await db.pool.query(`UPDATE assignments SET assigned_at = '2026-01-20T00:00:00Z' WHERE kind IS NULL`);
}

async function hasCallbacks(): Promise<boolean> {
  return (await db.pool.query(`SELECT to_regclass('callbacks') IS NOT NULL AS present`)).rows[0].present;
}

function actorFor(user: { id: number; username: string; role: Actor['role']; teamId: number | null }): Actor {
  return { userId: user.id, username: user.username, role: user.role, teamId: user.teamId, creditorId: null };
}

async function rejection(work: Promise<unknown>): Promise<AppError> {
  try { await work; } catch (error) { if (error instanceof AppError) return error; throw error; }
  throw new Error('expected an AppError');
}

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool, () => now);
  bank = await newCreditor(db.pool, 'ZHAOYIN');
});

afterAll(async () => {
  await db?.drop();
});

describe('territories and dealing (分案)', () => {
  it('deals by the longest region prefix, balances within the team, keeps a debtor together, skips inactive collectors', async () => {
    const hubei = await newTeam(db.pool, '湖北组');
    const wuhan = await newTeam(db.pool, '武汉组');
    await setTerritory(ctx, CLI_ACTOR, { creditorCode: 'zhaoyin', regionPrefix: '42', team: '湖北组' });
    await setTerritory(ctx, CLI_ACTOR, { creditorCode: 'ZHAOYIN', regionPrefix: '4201', team: String(wuhan.id) });
    expect((await listTerritoriesFor(ctx, CLI_ACTOR)).map((t) => [t.region_prefix, t.team_id, t.region_name, t.region_name_en])).toEqual([['42', hubei.id, '湖北省', 'Hubei'], ['4201', wuhan.id, '武汉市', 'Wuhan']]);

    const [h1, h2] = [await newUser(db.pool, 'collector', { teamId: hubei.id }), await newUser(db.pool, 'collector', { teamId: hubei.id })];
    const w1 = await newUser(db.pool, 'collector', { teamId: wuhan.id });
    const gone = await newUser(db.pool, 'collector', { teamId: hubei.id });
    await db.pool.query('UPDATE users SET active = false WHERE id = $1', [gone.id]);

    const twice = (await newDebtor(ctx)).id; // two accounts with this bank: one collector
    const hubeiAccounts = [
      await placedAccount({ debtorId: twice, region: '420502', principalFen: 500_000 }),
      await placedAccount({ debtorId: twice, region: '420503', principalFen: 10_000 }),
    ];
    for (let i = 0; i < 6; i++) hubeiAccounts.push(await placedAccount({ debtorId: (await newDebtor(ctx)).id, region: '421000', principalFen: 100_000 + i }));
    const wuhanAccount = await placedAccount({ debtorId: (await newDebtor(ctx)).id, region: '420102' });
    const nowhere = await placedAccount({ debtorId: (await newDebtor(ctx)).id, region: '110101' });

    const summary = await dealUnassignedAccounts(ctx, CLI_ACTOR, { creditorCode: 'ZHAOYIN' });
    expect(summary).toMatchObject({ accounts: 10, dealt: 9, no_territory: 1, no_collector: 0 });
    expect(await currentOwner(wuhanAccount)).toBe(w1.id);
    expect(await currentOwner(nowhere)).toBeNull();
    const owners = await Promise.all(hubeiAccounts.map(currentOwner));
    expect(owners[0]).toBe(owners[1]);
    expect(owners).not.toContain(gone.id);
    const counts = [h1.id, h2.id].map((id) => owners.filter((o) => o === id).length);
    expect(Math.abs(counts[0]! - counts[1]!)).toBeLessThanOrEqual(2);
    const { rows } = await db.pool.query(`SELECT DISTINCT status FROM accounts WHERE id = ANY($1)`, [[...hubeiAccounts, wuhanAccount]]);
    expect(rows).toEqual([{ status: 'active' }]);

    // A new account of a debtor already held goes to the same collector; a second deal has nothing else to do.
    const later = await placedAccount({ debtorId: twice, region: '420502', principalFen: 1 });
    const again = await dealUnassignedAccounts(ctx, CLI_ACTOR, {});
    expect(again).toMatchObject({ accounts: 2, dealt: 1, no_territory: 1 });
    expect(await currentOwner(later)).toBe(owners[0]);
    const audit = await db.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'assignment.deal'`);
    expect(audit.rows[0].n).toBe(2);
  });

  it("refuses a territory no account of the creditor can fall in: another country's regions, a code GB/T 2260 lacks", async () => {
    const cn = await newCreditor(db.pool, 'TERRCN');
    const us = await newCreditor(db.pool, 'TERRUS');
    await usContract(db.pool, us.id);
    const team = await newTeam(db.pool);
    const refused = async (creditorCode: string, regionPrefix: string, message: string) =>
      expect(setTerritory(ctx, CLI_ACTOR, { creditorCode, regionPrefix, team: team.id }), `${creditorCode} ${regionPrefix}`)
        .rejects.toMatchObject({ field: 'region', message: expect.stringContaining(message) });
    await refused('TERRUS', '42', 'their regions are US states');
    await refused('TERRCN', 'US-MA', 'their regions are GB/T 2260 codes');
    await refused('TERRCN', '99', '99 is no GB/T 2260 region');
    await refused('TERRCN', '42010', 'must be 2, 4 or 6 digits');
    expect(await listTerritoriesFor(ctx, CLI_ACTOR, { creditorCode: 'TERRCN' })).toEqual([]);
    await setTerritory(ctx, CLI_ACTOR, { creditorCode: 'TERRUS', regionPrefix: 'US-MA', team: team.id });
    await setTerritory(ctx, CLI_ACTOR, { creditorCode: 'TERRCN', regionPrefix: '4201', team: team.id });
    await setTerritory(ctx, CLI_ACTOR, { creditorCode: 'TERRCN', regionPrefix: '*', team: team.id });
  });

  it("deals accounts placed again after a recall: kept with an owner of the territory's team, dealt anew otherwise", async () => {
    const creditor = await newCreditor(db.pool, 'REPLACED');
    const team = await newTeam(db.pool);
    const elsewhere = await newTeam(db.pool);
    const member = await newUser(db.pool, 'collector', { teamId: team.id });
    const outsider = await newUser(db.pool, 'collector', { teamId: elsewhere.id });
    await setTerritory(ctx, CLI_ACTOR, { creditorCode: 'REPLACED', regionPrefix: '42', team: team.id });
    const stays = (await newAccount(db.pool, { creditorId: creditor.id, debtorId: (await newDebtor(ctx)).id, collectorId: member.id, teamId: team.id })).id;
    const moves = (await newAccount(db.pool, { creditorId: creditor.id, debtorId: (await newDebtor(ctx)).id, collectorId: outsider.id, teamId: elsewhere.id })).id;
    await db.pool.query(`UPDATE accounts SET status = 'placed' WHERE id = ANY($1)`, [[stays, moves]]);
    const summary = await dealUnassignedAccounts(ctx, CLI_ACTOR, { creditorCode: 'REPLACED' });
    expect(summary).toMatchObject({ accounts: 2, dealt: 1, kept: 1 });
    expect([await currentOwner(stays), await currentOwner(moves)]).toEqual([member.id, member.id]);
    const { rows } = await db.pool.query(`SELECT DISTINCT status FROM accounts WHERE id = ANY($1)`, [[stays, moves]]);
    expect(rows).toEqual([{ status: 'active' }]);
  });

  it('rebalances after a territory is re-pointed: only accounts outside their territory\'s team move, promises follow with a credit window', async () => {
    const creditor = await newCreditor(db.pool, 'REPOINT');
    const [east, west] = [await newTeam(db.pool, '东区组'), await newTeam(db.pool, '西区组')];
    const [e1, w1, w2] = [await newUser(db.pool, 'collector', { teamId: east.id }), await newUser(db.pool, 'collector', { teamId: west.id }),
      await newUser(db.pool, 'collector', { teamId: west.id })];
    await setTerritory(ctx, CLI_ACTOR, { creditorCode: 'REPOINT', regionPrefix: '44', team: east.id });
    await setTerritory(ctx, CLI_ACTOR, { creditorCode: 'REPOINT', regionPrefix: '4403', team: east.id });
    const guangzhou = [];
    for (let i = 0; i < 4; i++) guangzhou.push(await placedAccount({ creditorId: creditor.id, debtorId: (await newDebtor(ctx)).id, region: '440106' }));
    const shenzhen = await placedAccount({ creditorId: creditor.id, debtorId: (await newDebtor(ctx)).id, region: '440305' });
    const beijing = (await newAccount(db.pool, { creditorId: creditor.id, debtorId: (await newDebtor(ctx)).id, collectorId: e1.id, teamId: east.id })).id;
    await db.pool.query(`UPDATE accounts SET region_code = '110101', status = 'active' WHERE id = $1`, [beijing]);
    expect(await dealUnassignedAccounts(ctx, CLI_ACTOR, { creditorCode: 'REPOINT' })).toMatchObject({ dealt: 5, moved: 0 });
    const promise = (await db.pool.query(`INSERT INTO promises (creditor_id, account_id, amount_fen, due_date, taken_by, created_at)
       VALUES ($1, $2, 50000, '2026-03-10', $3, $4) RETURNING id`, [creditor.id, guangzhou[0], e1.id, now])).rows[0].id;

    // Guangdong goes to the west team; Shenzhen (its own territory) stays east.
    await setTerritory(ctx, CLI_ACTOR, { creditorCode: 'REPOINT', regionPrefix: '44', team: west.id });
    expect(await dealUnassignedAccounts(ctx, CLI_ACTOR, { creditorCode: 'REPOINT' })).toMatchObject({ accounts: 0, dealt: 0, moved: 0 });
    const summary = await dealUnassignedAccounts(ctx, CLI_ACTOR, { creditorCode: 'REPOINT', rebalance: true });
    expect(summary).toMatchObject({ accounts: 6, dealt: 4, moved: 4, kept: 1, no_territory: 0, no_collector: 0 });
    const owners = await Promise.all(guangzhou.map(currentOwner));
    expect(owners.every((o) => o === w1.id || o === w2.id)).toBe(true);
    expect(owners.filter((o) => o === w1.id)).toHaveLength(2);
    expect(await currentOwner(shenzhen)).toBe(e1.id);
    expect(await currentOwner(beijing)).toBe(e1.id);   // no territory covers it: left with its collector
    const credit = await db.pool.query('SELECT collector_id FROM promise_credits WHERE promise_id = $1', [promise]);
    expect(credit.rows).toEqual([{ collector_id: e1.id }]);
    const reasons = await db.pool.query(`SELECT DISTINCT reason FROM assignments WHERE account_id = ANY($1) AND ended_at IS NULL`, [guangzhou]);
    expect(reasons.rows).toEqual([{ reason: 'rebalanced by territory' }]);
    const audit = await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'assignment.deal' ORDER BY id DESC LIMIT 1`);
    expect(audit.rows[0].detail).toMatchObject({ rebalance: true, replaced: 4 });
    // Balanced already: a second rebalance moves nothing.
    expect(await dealUnassignedAccounts(ctx, CLI_ACTOR, { creditorCode: 'REPOINT', rebalance: true })).toMatchObject({ dealt: 0, moved: 0, kept: 5 });
  });

  it("weighs each collector's portfolio at its balance now: payments since the bank's figures are taken off", async () => {
    const creditor = await newCreditor(db.pool, 'PAIDDOWN');
    const team = await newTeam(db.pool);
    await newUser(db.pool, 'collector', { teamId: team.id });
    await newUser(db.pool, 'collector', { teamId: team.id });
    await setTerritory(ctx, CLI_ACTOR, { creditorCode: 'PAIDDOWN', regionPrefix: '44', team: team.id });
    const large = await placedAccount({ creditorId: creditor.id, debtorId: (await newDebtor(ctx)).id, region: '440103', principalFen: 500_000 });
    const small = await placedAccount({ creditorId: creditor.id, debtorId: (await newDebtor(ctx)).id, region: '440103', principalFen: 400_000 });
    await dealUnassignedAccounts(ctx, CLI_ACTOR, { creditorCode: 'PAIDDOWN' });
    const [holdsLarge, holdsSmall] = [await currentOwner(large), await currentOwner(small)];
    expect(holdsLarge).not.toBe(holdsSmall);
    // 3,000 of the 5,000 yuan paid since placement: the larger portfolio on the bank's figures is the smaller one now.
    await db.pool.query(`INSERT INTO payments (creditor_id, account_id, txn_id, amount_fen, paid_on) VALUES ($1, $2, 'PD-1', 300000, '2026-02-20')`, [creditor.id, large]);
    const next = await placedAccount({ creditorId: creditor.id, debtorId: (await newDebtor(ctx)).id, region: '440103', principalFen: 100_000 });
    expect(await dealUnassignedAccounts(ctx, CLI_ACTOR, { creditorCode: 'PAIDDOWN' })).toMatchObject({ dealt: 1 });
    expect(await currentOwner(next)).toBe(holdsLarge);
  });

  it('removes a territory: its accounts stay with their collectors, the next ones in the region are left unassigned', async () => {
    const creditor = await newCreditor(db.pool, 'REMOVED');
    const team = await newTeam(db.pool);
    const member = await newUser(db.pool, 'collector', { teamId: team.id });
    await setTerritory(ctx, CLI_ACTOR, { creditorCode: 'REMOVED', regionPrefix: '32', team: team.id });
    const before = await placedAccount({ creditorId: creditor.id, debtorId: (await newDebtor(ctx)).id, region: '320102' });
    await dealUnassignedAccounts(ctx, CLI_ACTOR, { creditorCode: 'REMOVED' });
    expect(await removeTerritory(ctx, CLI_ACTOR, { creditorCode: 'removed', regionPrefix: '32' })).toEqual({ creditor_code: 'REMOVED', region_prefix: '32', team_id: team.id });
    expect(await listTerritoriesFor(ctx, CLI_ACTOR, { creditorCode: 'REMOVED' })).toEqual([]);
    const after = await placedAccount({ creditorId: creditor.id, debtorId: (await newDebtor(ctx)).id, region: '320102' });
    expect(await dealUnassignedAccounts(ctx, CLI_ACTOR, { creditorCode: 'REMOVED', rebalance: true })).toMatchObject({ dealt: 0, moved: 0, no_territory: 1 });
    expect([await currentOwner(before), await currentOwner(after)]).toEqual([member.id, null]);
    expect((await rejection(removeTerritory(ctx, CLI_ACTOR, { creditorCode: 'REMOVED', regionPrefix: '32' }))).code).toBe('NOT_FOUND');
    expect((await rejection(removeTerritory(ctx, actorFor(await newUser(db.pool, 'supervisor', { teamId: team.id })), { creditorCode: 'REMOVED', regionPrefix: '32' }))).code)
      .toBe('FORBIDDEN');
    const audit = await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'territory.remove'`);
    expect(audit.rows).toEqual([{ detail: { region_prefix: '32', team_id: team.id } }]);
  });

  it("deals a UK bank's accounts, filed without a region, by a territory over all its accounts (*)", async () => {
    const uk = await newCreditor(db.pool, 'THAMES');
    const team = await newTeam(db.pool, 'UK desk');
    const collector = await newUser(db.pool, 'collector', { teamId: team.id });
    const debtor = (await newDebtor(ctx)).id;
    await db.pool.query('UPDATE debtors SET region_code = NULL WHERE id = $1', [debtor]);
    const account = await placedAccount({ debtorId: debtor, region: null as unknown as string, creditorId: uk.id });
    expect(await dealUnassignedAccounts(ctx, CLI_ACTOR, { creditorCode: 'THAMES' })).toMatchObject({ accounts: 1, dealt: 0, no_territory: 1 });
    await setTerritory(ctx, CLI_ACTOR, { creditorCode: 'THAMES', regionPrefix: '*', team: 'UK desk' });
    expect(await dealUnassignedAccounts(ctx, CLI_ACTOR, { creditorCode: 'THAMES' })).toMatchObject({ accounts: 1, dealt: 1, no_territory: 0 });
    expect(await currentOwner(account)).toBe(collector.id);
  });

  it('refuses a bad prefix, an unknown creditor or team, and a collector who tries', async () => {
    expect((await rejection(setTerritory(ctx, CLI_ACTOR, { creditorCode: 'ZHAOYIN', regionPrefix: '4', team: '湖北组' }))).code).toBe('INVALID_INPUT');
    expect((await rejection(setTerritory(ctx, CLI_ACTOR, { creditorCode: 'NOPE', regionPrefix: '42', team: '湖北组' }))).code).toBe('NOT_FOUND');
    expect((await rejection(setTerritory(ctx, CLI_ACTOR, { creditorCode: 'ZHAOYIN', regionPrefix: '42', team: 'no such team' }))).code).toBe('NOT_FOUND');
    const collector = await newUser(db.pool, 'collector', { teamId: (await newTeam(db.pool)).id });
    expect((await rejection(dealUnassignedAccounts(ctx, actorFor(collector), {}))).code).toBe('FORBIDDEN');
  });
});

describe('moves (调案)', () => {
  it('moves a selection with a reason, carries the open promise and opens a credit window for its taker', async () => {
    const team = await newTeam(db.pool);
    const [a, b] = [await newUser(db.pool, 'collector', { teamId: team.id }), await newUser(db.pool, 'collector', { teamId: team.id })];
    const supervisor = await newUser(db.pool, 'supervisor', { teamId: team.id });
    const first = (await newAccount(db.pool, { creditorId: bank.id, debtorId: (await newDebtor(ctx)).id, collectorId: a.id, teamId: team.id })).id;
    const second = (await newAccount(db.pool, { creditorId: bank.id, debtorId: (await newDebtor(ctx)).id, collectorId: a.id, teamId: team.id })).id;
    const promise = await takePromise(first, a.id);
    await placedBefore();

    const moved = await moveAccounts(ctx, actorFor(supervisor), { accountIds: [first, second], to: b.username, reason: '客户要求更换催收员' });
    expect(moved).toMatchObject({ to: { id: b.id }, promises_carried: 1, promise_credits: 1, unchanged: [] });
    expect(await currentOwner(first)).toBe(b.id);
    const p = await db.pool.query('SELECT taken_by, owner_id FROM promises WHERE id = $1', [promise]);
    expect(p.rows[0]).toEqual({ taken_by: a.id, owner_id: b.id });
    const credit = await db.pool.query('SELECT collector_id, taken_on, credit_until FROM promise_credits WHERE promise_id = $1', [promise]);
    expect(credit.rows).toEqual([{ collector_id: a.id, taken_on: '2026-03-02', credit_until: '2026-03-09' }]);

    const history = await db.pool.query('SELECT collector_id, kind, reason, ended_at IS NOT NULL AS ended, ended_by FROM assignments WHERE account_id = $1 ORDER BY id', [first]);
    expect(history.rows).toEqual([
      { collector_id: a.id, kind: null, reason: '分案', ended: true, ended_by: supervisor.id },
      { collector_id: b.id, kind: 'move', reason: '客户要求更换催收员', ended: false, ended_by: null },
    ]);
    const audit = await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'assignment.move' ORDER BY id DESC LIMIT 1`);
    expect(audit.rows[0].detail).toMatchObject({ to: b.id, reason: '客户要求更换催收员', accounts: [{ account_id: first, from: a.id }, { account_id: second, from: a.id }] });

    // Moving to the owner changes nothing; a supervisor of another team can neither see nor receive.
    expect((await moveAccounts(ctx, CLI_ACTOR, { accountIds: [first], to: String(b.id), reason: 'again' })).unchanged).toEqual([first]);
    const stranger = await newUser(db.pool, 'supervisor', { teamId: (await newTeam(db.pool)).id });
    expect((await rejection(moveAccounts(ctx, actorFor(stranger), { accountIds: [first], to: stranger.username, reason: 'mine now' }))).code).toBe('NOT_FOUND');
    expect((await rejection(moveAccounts(ctx, actorFor(supervisor), { accountIds: [first], to: stranger.username, reason: 'x2' }))).code).toBe('FORBIDDEN');
    expect((await rejection(moveAccounts(ctx, CLI_ACTOR, { accountIds: [first], to: b.username, reason: ' ' }))).code).toBe('INVALID_INPUT');
    expect((await rejection(moveAccounts(ctx, CLI_ACTOR, { accountIds: [first, 99_999_999], to: a.username, reason: 'typo' }))).code).toBe('NOT_FOUND');
    expect(await currentOwner(first)).toBe(b.id);
  });
});

describe('the credit window length', () => {
  it("comes from the call, else the creditor contract's terms.turnover_credit_days, else 7 days", async () => {
    const creditor = await newCreditor(db.pool, 'WINDOW');
    await db.pool.query(`INSERT INTO contracts (creditor_id, version, name, pack, effective_from, terms)
      VALUES ($1, 1, 'c', 'CN', '2026-01-01', '{"turnover_credit_days": 3}')`, [creditor.id]);
    const team = await newTeam(db.pool);
    const [a, b] = [await newUser(db.pool, 'collector', { teamId: team.id }), await newUser(db.pool, 'collector', { teamId: team.id })];
    const untils: string[] = [];
    for (const creditDays of [null, 0]) {
      const account = (await newAccount(db.pool, { creditorId: creditor.id, debtorId: (await newDebtor(ctx)).id, collectorId: a.id, teamId: team.id })).id;
      const promise = (await db.pool.query(`INSERT INTO promises (creditor_id, account_id, amount_fen, due_date, taken_by, created_at)
        VALUES ($1, $2, 100, '2026-03-20', $3, $4) RETURNING id`, [creditor.id, account, a.id, now])).rows[0].id;
      await moveAccounts(ctx, CLI_ACTOR, { accountIds: [account], to: b.username, reason: 'window', creditDays });
      untils.push((await db.pool.query('SELECT credit_until FROM promise_credits WHERE promise_id = $1', [promise])).rows[0].credit_until);
    }
    expect(untils).toEqual(['2026-03-05', '2026-03-02']);
  });
});

describe('turnover (转单)', () => {
  it('moves every account to a team in one go, carries promises and callbacks, signs the user out; payments keep counting for them for the window', async () => {
    const team = await newTeam(db.pool);
    const leaving = await newUser(db.pool, 'collector', { teamId: team.id });
    const [c1, c2] = [await newUser(db.pool, 'collector', { teamId: team.id }), await newUser(db.pool, 'collector', { teamId: team.id })];
    const app: FastifyInstance = await buildServer(ctx);
    const cookie = await signInCookie(app, leaving.username);
    const accounts: number[] = [];
    for (let i = 0; i < 6; i++) {
      accounts.push((await newAccount(db.pool, { creditorId: bank.id, debtorId: (await newDebtor(ctx)).id, collectorId: leaving.id, teamId: team.id })).id);
    }
    await placedBefore();
    // One of them was paid off: it moves too (no account is left without an owner), and is counted apart.
    await db.pool.query(`UPDATE accounts SET status = 'paid' WHERE id = $1`, [accounts[5]]);
    const promise = await takePromise(accounts[0]!, leaving.id, new Date('2026-03-01T03:00:00Z'));
    if (await hasCallbacks()) {
      await db.pool.query(`INSERT INTO callbacks (creditor_id, account_id, collector_id, due_at, local_time, time_zone)
        VALUES ($1, $2, $3, '2026-03-03T02:00:00Z', '2026-03-03 10:00', 'Asia/Shanghai')`, [bank.id, accounts[1], leaving.id]);
    }
    await db.pool.query(`INSERT INTO work_claims (account_id, claimed_by, claimed_at, expires_at) VALUES ($1, $2, $3, $4)`,
      [accounts[2], leaving.id, now, new Date(now.getTime() + 600_000)]);
    await db.pool.query(`INSERT INTO payments (creditor_id, account_id, txn_id, amount_fen, paid_on) VALUES
      ($1, $2, 'T-before', 100, '2026-02-27'), ($1, $2, 'T-window', 50000, '2026-03-09'), ($1, $2, 'T-after', 100, '2026-03-10')`, [bank.id, accounts[0]]);

    const result = await offboardCollector(ctx, CLI_ACTOR, { user: leaving.username, to: { kind: 'team', ref: team.id }, reason: '离职' });
    expect(result).toMatchObject({ user: { id: leaving.id }, to: { kind: 'team', id: team.id }, accounts: 6, accounts_finished: 1, promises_carried: 1, promise_credits: 1, deactivated: true });
    expect(result.by_collector.map((c) => c.accounts).sort()).toEqual([3, 3]);
    const owners = await Promise.all(accounts.map(currentOwner));
    for (const o of owners) expect([c1.id, c2.id]).toContain(o);
    if (await hasCallbacks()) {
      expect(result.callbacks_carried).toBe(1);
      const cb = await db.pool.query(`SELECT collector_id FROM callbacks WHERE account_id = $1`, [accounts[1]]);
      expect(cb.rows[0].collector_id).toBe(owners[1]);
    }

    expect((await db.pool.query('SELECT claimed_by FROM work_claims WHERE account_id = $1', [accounts[2]])).rows[0].claimed_by).toBeNull();
    // Signed out and cannot sign in again.
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: leaving.username, password: 'correct horse battery' } })).statusCode).toBe(401);
    const history = await app.inject({ method: 'GET', url: `/api/accounts/${accounts[0]}/assignments`, headers: { cookie: await signInCookie(app, (await newUser(db.pool, 'admin')).username) } });
    expect(history.statusCode, history.body).toBe(200);
    expect(history.json().items.map((h: { kind: string | null; reason: string }) => [h.kind, h.reason])).toEqual([[null, '分案'], ['offboard', `offboarding ${leaving.username}: 离职`]]);
    await app.close();

    // The credit window: the payment inside it counts for the collector who took the promise.
    const credited = await creditedCollectors(ctx, { creditorId: bank.id });
    const txns = new Map((await db.pool.query('SELECT id, txn_id FROM payments WHERE account_id = $1', [accounts[0]])).rows.map((r) => [r.txn_id, r.id]));
    const byTxn = async (txn: string) => credited.find((c) => c.payment_id === txns.get(txn));
    expect(await byTxn('T-before')).toMatchObject({ collector_id: leaving.id, basis: 'owner' });
    expect(await byTxn('T-window')).toMatchObject({ collector_id: leaving.id, basis: 'promise_credit', promise_id: promise });
    expect(await byTxn('T-after')).toMatchObject({ collector_id: owners[0], basis: 'owner' });

    // Nothing left without an owner.
    const left = await db.pool.query(
      `SELECT (SELECT count(*)::int FROM assignments WHERE collector_id = $1 AND ended_at IS NULL) AS accounts,
              (SELECT count(*)::int FROM promises WHERE owner_id = $1 AND status = 'open') AS promises,
              (SELECT count(*)::int FROM sessions WHERE user_id = $1) AS sessions,
              (SELECT active FROM users WHERE id = $1) AS active`, [leaving.id]);
    expect(left.rows[0]).toEqual({ accounts: 0, promises: 0, sessions: 0, active: false });
    expect((await rejection(offboardCollector(ctx, CLI_ACTOR, { user: leaving.username, to: { kind: 'team', ref: team.id } }))).code).toBe('CONFLICT');
  });

  it('refuses a team with nobody to take the accounts, and changes nothing', async () => {
    const team = await newTeam(db.pool);
    const empty = await newTeam(db.pool);
    const leaving = await newUser(db.pool, 'collector', { teamId: team.id });
    const account = (await newAccount(db.pool, { creditorId: bank.id, debtorId: (await newDebtor(ctx)).id, collectorId: leaving.id, teamId: team.id })).id;
    expect((await rejection(offboardCollector(ctx, CLI_ACTOR, { user: leaving.username, to: { kind: 'team', ref: empty.id } }))).code).toBe('CONFLICT');
    expect(await currentOwner(account)).toBe(leaving.id);
    expect((await db.pool.query('SELECT active FROM users WHERE id = $1', [leaving.id])).rows[0].active).toBe(true);
  });

  it('is safe under concurrency: crossed and repeated offboardings and moves leave every account with an active owner', async () => {
    const team = await newTeam(db.pool);
    const [a, b, c] = [await newUser(db.pool, 'collector', { teamId: team.id }), await newUser(db.pool, 'collector', { teamId: team.id }),
      await newUser(db.pool, 'collector', { teamId: team.id })];
    const all: number[] = [];
    for (const owner of [a, a, a, b, b, b, c, c]) {
      all.push((await newAccount(db.pool, { creditorId: bank.id, debtorId: (await newDebtor(ctx)).id, collectorId: owner.id, teamId: team.id })).id);
    }
    const settled = await Promise.allSettled([
      offboardCollector(ctx, CLI_ACTOR, { user: a.username, to: { kind: 'user', ref: b.username } }),
      offboardCollector(ctx, CLI_ACTOR, { user: b.username, to: { kind: 'user', ref: a.username } }),
      offboardCollector(ctx, CLI_ACTOR, { user: a.username, to: { kind: 'team', ref: team.id } }),
      moveAccounts(ctx, CLI_ACTOR, { accountIds: [all[6]!], to: a.username, reason: 'concurrent move' }),
      moveAccounts(ctx, CLI_ACTOR, { accountIds: [all[7]!], to: b.username, reason: 'concurrent move' }),
    ]);
    for (const s of settled) {
      if (s.status === 'rejected') expect(s.reason).toBeInstanceOf(AppError);
    }
    expect(settled.slice(0, 3).filter((s) => s.status === 'fulfilled').length).toBeGreaterThanOrEqual(1);
    const { rows } = await db.pool.query(
      `SELECT a.id, u.active FROM accounts a
         LEFT JOIN assignments s ON s.creditor_id = a.creditor_id AND s.account_id = a.id AND s.ended_at IS NULL
         LEFT JOIN users u ON u.id = s.collector_id WHERE a.id = ANY($1)`, [all]);
    expect(rows).toHaveLength(all.length);
    for (const r of rows) expect(r.active, `account ${r.id}`).toBe(true);
    const inactive = await db.pool.query('SELECT id FROM users WHERE id = ANY($1) AND NOT active', [[a.id, b.id, c.id]]);
    expect(inactive.rows.length).toBeGreaterThanOrEqual(1);
    expect(inactive.rows.length).toBeLessThanOrEqual(2);
  });

  it('the same offboarding twice at once: one wins, the other is refused; a deal racing an offboarding never leaves the departing collector anything', async () => {
    const creditor = await newCreditor(db.pool, 'RACE');
    const team = await newTeam(db.pool);
    const [a, b] = [await newUser(db.pool, 'collector', { teamId: team.id }), await newUser(db.pool, 'collector', { teamId: team.id })];
    await setTerritory(ctx, CLI_ACTOR, { creditorCode: 'RACE', regionPrefix: '43', team: team.id });
    const held = (await newAccount(db.pool, { creditorId: creditor.id, debtorId: (await newDebtor(ctx)).id, collectorId: a.id, teamId: team.id })).id;
    const placed: number[] = [];
    for (let i = 0; i < 6; i++) placed.push(await placedAccount({ creditorId: creditor.id, debtorId: (await newDebtor(ctx)).id, region: '430102' }));

    const [deal, first, second] = await Promise.allSettled([
      dealUnassignedAccounts(ctx, CLI_ACTOR, { creditorCode: 'RACE' }),
      offboardCollector(ctx, CLI_ACTOR, { user: a.username, to: { kind: 'team', ref: team.id } }),
      offboardCollector(ctx, CLI_ACTOR, { user: a.username, to: { kind: 'user', ref: b.username } }),
    ]);
    expect(deal.status).toBe('fulfilled');
    expect([first.status, second.status].sort()).toEqual(['fulfilled', 'rejected']);
    const refused = [first, second].find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as AppError).code).toBe('CONFLICT');
    for (const id of [held, ...placed]) expect(await currentOwner(id), `account ${id}`).toBe(b.id);
  });
});
