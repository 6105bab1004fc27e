import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, AppContext } from '../src/app/context.ts';
import { CLI_ACTOR } from '../src/app/context.ts';
import { complianceReport } from '../src/app/reports/compliance-report.ts';
import { contactFunnel } from '../src/app/reports/contact-funnel.ts';
import { recoveryReport } from '../src/app/reports/recovery.ts';
import { rollRateReport } from '../src/app/reports/roll-rates.ts';
import { takeMonthEndSnapshot } from '../src/app/reports/take-month-end.ts';
import { vintageReport } from '../src/app/reports/vintages.ts';
import { appendAudit } from '../src/db/audit-repository.ts';
import { BUCKETS, bucketOf } from '../src/domain/delinquency.ts';
import { addMonthsTo, type Month } from '../src/domain/reports/index.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newDebtor, newTeam, newUser, testContext } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

/*
 * The fixture, by hand (balances in fen; "today" is 2026-03-15 in Shanghai):
 *   BANKA placement 2026-01-10: a1 Hubei (42), delinquent since 2025-12-01 (DPD 40 -> M2), 100,000, held by c1 then (from 2026-02-15) c2
 *                                a2 Beijing (11), since 2025-06-01 (DPD 223 -> M7+), 300,000, held by c2
 *   BANKB placement 2026-02-05: a3 Hubei (42), since 2026-01-20 (DPD 16 -> M1), 50,000, held by c3 (another team)
 *   payments: a1 20,000 on 01-20 (c1 by history) and 10,000 on 03-05 (c2 by history);
 *             a2 30,000 on 02-10 and a reversal of -5,000 on 02-20 (c2); a3 5,000 on 02-28 credited to c1 (payments.collector_id)
 * c1 and c2 are team T (supervisor s); c3 is team U.
 */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
const ids: Record<string, number> = {};
const actors: Record<string, Actor> = {};

async function account(creditor: number, placement: number, no: string, region: string, since: string, fen: number): Promise<number> {
  const debtor = await newDebtor(ctx);
  const { rows } = await db.pool.query(
    `INSERT INTO accounts (creditor_id, account_no, account_no_mask, debtor_id, placement_id, principal_fen, interest_fen, fees_fen, first_delinquency_date, region_code)
     VALUES ($1, $2, $2, $3, $4, $5, 0, 0, $6, $7) RETURNING id`, [creditor, no, debtor.id, placement, fen, since, region]);
  return rows[0].id;
}

async function assign(creditor: number, accountId: number, collector: number, team: number, at: string): Promise<void> {
  await db.pool.query(`UPDATE assignments SET ended_at = $3 WHERE creditor_id = $1 AND account_id = $2 AND ended_at IS NULL`, [creditor, accountId, at]);
  await db.pool.query(`INSERT INTO assignments (creditor_id, account_id, collector_id, team_id, reason, assigned_at) VALUES ($1, $2, $3, $4, 'test', $5)`,
    [creditor, accountId, collector, team, at]);
}

let txn = 0;
async function pay(creditor: number, accountId: number, fen: number, paidOn: string, collectorId: number | null = null): Promise<void> {
  await db.pool.query(`INSERT INTO payments (creditor_id, account_id, txn_id, amount_fen, paid_on, collector_id) VALUES ($1, $2, $3, $4, $5, $6)`,
    [creditor, accountId, `T${++txn}`, fen, paidOn, collectorId]);
}

async function attempt(creditor: number, accountId: number, collector: number, outcome: string, at: string, initiatedBy = 'agency'): Promise<void> {
  await db.pool.query(`INSERT INTO contact_attempts (creditor_id, account_id, debtor_id, channel, party, purpose, outcome, initiated_by, at, collector_id)
    SELECT creditor_id, id, debtor_id, 'call', 'debtor', 'collect', $3, $4, $5, $6 FROM accounts WHERE creditor_id = $1 AND id = $2`,
    [creditor, accountId, outcome, initiatedBy, at, collector]);
}

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool, () => new Date('2026-03-15T02:00:00Z'));
  app = await buildServer(ctx);
  for (const [code, placed] of [['BANKA', '2026-01-10'], ['BANKB', '2026-02-05']] as const) {
    const { rows } = await db.pool.query(`INSERT INTO creditors (code, name) VALUES ($1, $1) RETURNING id`, [code]);
    ids[code] = rows[0].id;
    const p = await db.pool.query(`INSERT INTO placements (creditor_id, batch_ref, placed_on, ends_on) VALUES ($1, 'P', $2, '2026-12-31') RETURNING id`, [rows[0].id, placed]);
    ids[`${code}_P`] = p.rows[0].id;
  }
  const t = await newTeam(db.pool);
  const u = await newTeam(db.pool);
  ids.T = t.id; ids.U = u.id;
  const users = {
    admin: await newUser(db.pool, 'admin'), s: await newUser(db.pool, 'supervisor', { teamId: t.id }),
    c1: await newUser(db.pool, 'collector', { teamId: t.id }), c2: await newUser(db.pool, 'collector', { teamId: t.id }),
    c3: await newUser(db.pool, 'collector', { teamId: u.id }), bankA: await newUser(db.pool, 'creditor_user', { creditorId: ids.BANKA! }),
    bankB: await newUser(db.pool, 'creditor_user', { creditorId: ids.BANKB! }),
  };
  for (const [k, v] of Object.entries(users)) {
    ids[k] = v.id;
    actors[k] = { userId: v.id, username: v.username, role: v.role, teamId: v.teamId, creditorId: v.creditorId };
  }
  ids.a1 = await account(ids.BANKA!, ids.BANKA_P!, 'A1', '420102', '2025-12-01', 100_000);
  ids.a2 = await account(ids.BANKA!, ids.BANKA_P!, 'A2', '110101', '2025-06-01', 300_000);
  ids.a3 = await account(ids.BANKB!, ids.BANKB_P!, 'B3', '420102', '2026-01-20', 50_000);
  await assign(ids.BANKA!, ids.a1, ids.c1!, t.id, '2026-01-10T02:00:00Z');
  await assign(ids.BANKA!, ids.a2, ids.c2!, t.id, '2026-01-10T02:00:00Z');
  await assign(ids.BANKB!, ids.a3, ids.c3!, u.id, '2026-02-05T02:00:00Z');
  await assign(ids.BANKA!, ids.a1, ids.c2!, t.id, '2026-02-15T02:00:00Z');
  await pay(ids.BANKA!, ids.a1, 20_000, '2026-01-20');
  await pay(ids.BANKA!, ids.a1, 10_000, '2026-03-05');
  await pay(ids.BANKA!, ids.a2, 30_000, '2026-02-10');
  await pay(ids.BANKA!, ids.a2, -5_000, '2026-02-20');
  await pay(ids.BANKB!, ids.a3, 5_000, '2026-02-28', ids.c1!);
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const line = (r: { lines: { key: string; accounts: number; placed_fen: number; payments: number; recovered_fen: number; recovery_rate_bp: number | null }[] }, key: string) =>
  r.lines.find((l) => l.key === key);

describe('recovery rate', () => {
  it('by creditor: recovered / placed, reversals netted, rates in basis points rounded half up', async () => {
    const r = await recoveryReport(ctx, CLI_ACTOR, { by: 'creditor' });
    expect(line(r, String(ids.BANKA))).toMatchObject({ accounts: 2, placed_fen: 400_000, payments: 3, recovered_fen: 55_000, recovery_rate_bp: 1375 });
    expect(line(r, String(ids.BANKB))).toMatchObject({ accounts: 1, placed_fen: 50_000, payments: 1, recovered_fen: 5_000, recovery_rate_bp: 1000 });
    // 60,000 / 450,000 = 13.333...% -> 1333 bp
    expect(r.total).toEqual({ accounts: 3, placed_fen: 450_000, payments: 4, recovered_fen: 60_000, recovery_rate_bp: 1333 });
    expect(r.as_of).toBe('live');
  });

  it('by region, bucket at placement and placement month', async () => {
    const region = await recoveryReport(ctx, CLI_ACTOR, { by: 'region' });
    expect(line(region, '42')).toMatchObject({ placed_fen: 150_000, recovered_fen: 35_000, recovery_rate_bp: 2333 });
    expect(line(region, '11')).toMatchObject({ placed_fen: 300_000, recovered_fen: 25_000, recovery_rate_bp: 833 });
    // A province is named in both languages, as the account list names it (regions.name, regions.name_en).
    expect(region.lines.map((l) => [l.key, l.label, l.label_en])).toEqual([['11', '北京市', 'Beijing'], ['42', '湖北省', 'Hubei']]);
    const bucket = await recoveryReport(ctx, CLI_ACTOR, { by: 'bucket' });
    expect(bucket.lines.map((l) => [l.key, l.placed_fen, l.recovered_fen, l.recovery_rate_bp])).toEqual([
      ['M1', 50_000, 5_000, 1000], ['M2', 100_000, 30_000, 3000], ['M7+', 300_000, 25_000, 833]]);   // in the buckets' order
    const month = await recoveryReport(ctx, CLI_ACTOR, { by: 'placement_month' });
    expect(month.lines.map((l) => [l.key, l.recovery_rate_bp])).toEqual([['2026-01', 1375], ['2026-02', 1000]]);
    const onlyFeb = await recoveryReport(ctx, CLI_ACTOR, { by: 'placement_month', from: '2026-02', to: '2026-02' });
    expect(onlyFeb.lines.map((l) => l.key)).toEqual(['2026-02']);
  });

  it('by collector: credited payments (history at the payment date, or the payment\'s own collector) over the balance they hold now', async () => {
    const r = await recoveryReport(ctx, CLI_ACTOR, { by: 'collector' });
    expect(line(r, String(ids.c1))).toMatchObject({ placed_fen: 0, recovered_fen: 25_000, recovery_rate_bp: null });
    expect(line(r, String(ids.c2))).toMatchObject({ placed_fen: 400_000, recovered_fen: 35_000, recovery_rate_bp: 875 });
    expect(line(r, String(ids.c3))).toMatchObject({ placed_fen: 50_000, recovered_fen: 0, recovery_rate_bp: 0 });
  });

  it('scopes: a creditor user sees their creditor, a collector their own figures, a supervisor their team', async () => {
    const bank = await recoveryReport(ctx, actors.bankA!, { by: 'creditor' });
    expect(bank.lines.map((l) => l.key)).toEqual([String(ids.BANKA)]);
    expect(bank.total).toMatchObject({ placed_fen: 400_000, recovered_fen: 55_000 });
    await expect(recoveryReport(ctx, actors.bankA!, { creditor: 'BANKB' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const mine = await recoveryReport(ctx, actors.c2!, { by: 'collector' });
    expect(mine.lines.map((l) => l.key)).toEqual([String(ids.c2)]);
    const team = await recoveryReport(ctx, actors.s!, { by: 'collector' });
    expect(team.lines.map((l) => l.key).sort()).toEqual([String(ids.c1), String(ids.c2)].sort());
    const teamByCreditor = await recoveryReport(ctx, actors.s!, { by: 'creditor' });
    expect(line(teamByCreditor, String(ids.BANKB))).toMatchObject({ placed_fen: 0, recovered_fen: 5_000 });
  });

  it('reflects a new payment at once, and its reversal', async () => {
    await pay(ids.BANKA!, ids.a2!, 15_000, '2026-03-10');
    expect(line(await recoveryReport(ctx, CLI_ACTOR, {}), String(ids.BANKA))).toMatchObject({ recovered_fen: 70_000, recovery_rate_bp: 1750 });
    await pay(ids.BANKA!, ids.a2!, -15_000, '2026-03-11');
    expect(line(await recoveryReport(ctx, CLI_ACTOR, {}), String(ids.BANKA))).toMatchObject({ recovered_fen: 55_000, recovery_rate_bp: 1375 });
  });

  it('follows a payment settled later to its credited collector', async () => {
    await pay(ids.BANKB!, ids.a3!, 1_000, '2026-03-12');
    expect(line(await recoveryReport(ctx, CLI_ACTOR, { by: 'collector' }), String(ids.c3))).toMatchObject({ recovered_fen: 1_000 });
    await db.pool.query(`UPDATE payments SET collector_id = $1 WHERE txn_id = $2`, [ids.c2, `T${txn}`]);
    const r = await recoveryReport(ctx, CLI_ACTOR, { by: 'collector' });
    expect(line(r, String(ids.c3))).toMatchObject({ recovered_fen: 0 });
    expect(line(r, String(ids.c2))).toMatchObject({ recovered_fen: 36_000 });
    await db.pool.query(`DELETE FROM payments WHERE txn_id = $1`, [`T${txn}`]);
    expect(line(await recoveryReport(ctx, CLI_ACTOR, { by: 'collector' }), String(ids.c2))).toMatchObject({ recovered_fen: 35_000 });
  });

  it('refuses bad input naming the field', async () => {
    await expect(recoveryReport(ctx, CLI_ACTOR, { by: 'colour' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'by' });
    await expect(recoveryReport(ctx, CLI_ACTOR, { from: '2026-13' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'from' });
  });
});

describe('vintages', () => {
  it('cumulative recovery by months since placement, through this month', async () => {
    const r = await vintageReport(ctx, CLI_ACTOR, {});
    expect(r.through).toBe('2026-03');
    const jan = r.curves.find((c) => c.placement_month === '2026-01')!;
    expect(jan.points.map((p) => [p.months_since, p.cumulative_fen, p.cumulative_rate_bp])).toEqual([[0, 20_000, 500], [1, 45_000, 1125], [2, 55_000, 1375]]);
    const feb = r.curves.find((c) => c.placement_month === '2026-02')!;
    expect(feb.points.map((p) => p.cumulative_rate_bp)).toEqual([1000, 1000]);
  });
});

describe('roll rates', () => {
  it('month-end snapshots: the strategy run\'s bucket when it ran that month, else from the first delinquency date', async () => {
    const jan = await takeMonthEndSnapshot(ctx, CLI_ACTOR, { month: '2026-01' });
    expect(jan).toMatchObject({ as_of: '2026-01-31', accounts: 2, rolls: 0, source: 'first_delinquency_date' });
    await db.pool.query(`UPDATE accounts SET status = 'paid' WHERE id = $1`, [ids.a2]);
    await db.pool.query(`INSERT INTO account_strategy (creditor_id, business_date, account_id, dpd, bucket, segment, priority, next_action, rule_version)
      VALUES ($1, '2026-02-27', $2, 45, 'M2', 'test', 1, 'call', 0)`, [ids.BANKA, ids.a1]);
    const feb = await takeMonthEndSnapshot(ctx, CLI_ACTOR, { month: '2026-02' });
    expect(feb).toMatchObject({ as_of: '2026-02-28', accounts: 3, source: 'strategy 2026-02-27' });
    const r = await rollRateReport(ctx, CLI_ACTOR, {});
    expect(r.months).toHaveLength(1);
    const [m] = r.months;
    expect(m).toMatchObject({ month: '2026-02', as_of: '2026-02-28' });
    // a1: M3 at January's end (DPD 61), M2 by the strategy on 02-27: cured. a2: M7+ -> paid. a3 was placed in February: no roll.
    expect(m!.rows).toEqual([
      { from: 'M3', accounts: 1, cells: [{ to: 'M2', accounts: 1, share_bp: 10000 }], roll_forward_bp: 0, cured_bp: 10000 },
      { from: 'M7+', accounts: 1, cells: [{ to: 'paid', accounts: 1, share_bp: 10000 }], roll_forward_bp: 0, cured_bp: 10000 },
    ]);
    // Taken again after the month, it still describes the month's last day: an account paid off on 1 March was M2 then, not paid.
    await db.pool.query(`UPDATE accounts SET status = 'paid' WHERE id = $1`, [ids.a1]);
    await db.pool.query(`INSERT INTO payments (creditor_id, account_id, txn_id, amount_fen, paid_on) VALUES ($1, $2, 'MARCH-1', 100, '2026-03-01')`, [ids.BANKA, ids.a1]);
    await takeMonthEndSnapshot(ctx, CLI_ACTOR, { month: '2026-02' });
    expect((await db.pool.query(`SELECT bucket FROM report_month_end WHERE month = '2026-02-01' AND account_id = $1`, [ids.a1])).rows).toEqual([{ bucket: 'M2' }]);
    await db.pool.query(`DELETE FROM payments WHERE txn_id = 'MARCH-1'`);
    await db.pool.query(`UPDATE accounts SET status = 'active' WHERE id = $1`, [ids.a1]);
    // A creditor user sees only their creditor's rolls (BANKB had none).
    expect((await rollRateReport(ctx, actors.bankB!, {})).months).toEqual([]);
    await expect(takeMonthEndSnapshot(ctx, actors.s!, { month: '2026-02' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await db.pool.query(`UPDATE accounts SET status = 'active' WHERE id = $1`, [ids.a2]);
  });
});

describe('month-end snapshots kept', () => {
  it('keeps the newest 13 months of snapshots, and their roll counts for ever; a month after a pruned one is not counted again', async () => {
    const snapshotMonths = async () => (await db.pool.query(`SELECT DISTINCT to_char(month, 'YYYY-MM') AS m FROM report_month_end ORDER BY 1`)).rows.map((r) => r.m);
    const months = Array.from({ length: 15 }, (_, i) => addMonthsTo('2025-01' as Month, i)); // 2025-01 .. 2026-03
    const results = [];
    for (const month of months) {
      results.push(await takeMonthEndSnapshot(ctx, CLI_ACTOR, { month }));
      // This fixture placed nothing before 2026: a row stands in for 2025-02's snapshot.
      if (month === '2025-02') {
        await db.pool.query(`INSERT INTO report_month_end (month, creditor_id, account_id, region_prefix, collector_id, bucket)
          VALUES ('2025-02-01', $1, $2, '42', 0, 'M1')`, [ids.BANKA, ids.a1]);
      }
    }
    // Taken oldest first (filling in the past), each snapshot serves the next month before it goes.
    expect(results.flatMap((r) => r.pruned)).toEqual(['2025-01', '2025-02']);
    expect(results.every((r, i) => i === 0 || r.pruned.every((m) => m < r.month))).toBe(true);
    expect(await snapshotMonths()).toEqual(['2026-01', '2026-02', '2026-03']); // 2025-02's stand-in row is gone
    const kept = (await db.pool.query(`SELECT to_char(month, 'YYYY-MM') AS m FROM report_month_end_runs WHERE pruned_at IS NULL ORDER BY month`)).rows;
    expect(kept.map((r) => r.m)).toEqual(months.slice(2));
    const runs = (await db.pool.query(`SELECT to_char(month, 'YYYY-MM') AS m, pruned_at FROM report_month_end_runs ORDER BY month`)).rows;
    expect(runs.filter((r) => r.pruned_at !== null).map((r) => r.m)).toEqual(['2025-01', '2025-02']);
    // 2025-03's rolls were counted from 2025-02's snapshot, now gone (this fixture placed nothing
    // before 2026: a count stands in for them). Taking 2025-03 again is refused, and its counts stay.
    await db.pool.query(`INSERT INTO report_rolls (month, creditor_id, region_prefix, collector_id, from_bucket, to_bucket, accounts)
      VALUES ('2025-03-01', $1, '42', 0, 'M1', 'M2', 5)`, [ids.BANKA]);
    await expect(takeMonthEndSnapshot(ctx, CLI_ACTOR, { month: '2025-03' })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('2025-02 was pruned') });
    expect((await db.pool.query(`SELECT accounts FROM report_rolls WHERE month = '2025-03-01'`)).rows).toEqual([{ accounts: 5 }]);
    await db.pool.query(`DELETE FROM report_rolls WHERE month = '2025-03-01'`);
    // A month whose previous snapshot is kept is taken again as before.
    expect((await takeMonthEndSnapshot(ctx, CLI_ACTOR, { month: '2025-04' })).pruned).toEqual([]);
  });
});

describe('contact funnel', () => {
  it('attempts -> right-party -> promises -> kept -> paid in full, in the period and the reader\'s slice', async () => {
    for (const outcome of ['no_answer', 'right_party', 'promise', 'busy']) await attempt(ids.BANKA!, ids.a1!, ids.c1!, outcome, '2026-02-10T03:00:00Z');
    await attempt(ids.BANKA!, ids.a1!, ids.c1!, 'right_party', '2026-02-11T03:00:00Z', 'debtor'); // the debtor called: not an attempt, a conversation
    await attempt(ids.BANKA!, ids.a1!, ids.c1!, 'right_party', '2026-03-02T03:00:00Z'); // outside the period
    for (const [status, account] of [['kept', ids.a1], ['partially_kept', ids.a2], ['broken', ids.a1]] as const) {
      await db.pool.query(`INSERT INTO promises (creditor_id, account_id, amount_fen, due_date, status, taken_by, created_at)
        VALUES ($1, $2, 1000, '2026-02-20', $3, $4, '2026-02-12T03:00:00Z')`, [ids.BANKA, account, status, ids.c1]);
    }
    // A promise the debtor made on the portal followed no conversation: not in the funnel.
    await db.pool.query(`INSERT INTO promises (creditor_id, account_id, amount_fen, due_date, status, taken_by, created_at)
      VALUES ($1, $2, 1000, '2026-02-20', 'kept', NULL, '2026-02-12T03:00:00Z')`, [ids.BANKA, ids.a2]);
    const r = await contactFunnel(ctx, CLI_ACTOR, { from: '2026-02-01', to: '2026-02-28' });
    // Each promise stands on a conversation counted before it: no step is more than the one before.
    expect(r.steps.map((s) => [s.stage, s.count, s.from_previous_bp])).toEqual([
      ['attempts', 4, null], ['right_party', 3, 7500], ['promises', 3, 10000], ['kept', 2, 6667], ['paid', 1, 5000]]);
    const other = await contactFunnel(ctx, actors.c2!, { from: '2026-02-01', to: '2026-02-28' });
    expect(other.steps.map((s) => s.count)).toEqual([0, 0, 0, 0, 0]);
    await expect(contactFunnel(ctx, CLI_ACTOR, { from: '2026-02-30' })).rejects.toMatchObject({ field: 'from' });
  });
});

describe('compliance report', () => {
  it('refused attempts by rule, suspensions in force, complaints per 1,000 accounts', async () => {
    await appendAudit(db.pool, actors.c1!, { action: 'contact.refused', entity: 'account', entityId: ids.a1!, creditorId: ids.BANKA!, detail: { reasons: ['quiet_hours'] } });
    await appendAudit(db.pool, actors.c1!, { action: 'contact.refused', entity: 'account', entityId: ids.a1!, creditorId: ids.BANKA!, detail: { reasons: ['quiet_hours', 'daily_limit'] } });
    await db.pool.query(`INSERT INTO suspensions (scope, code, from_date, to_date, reason) VALUES
      ('region', '420000', '2026-02-01', NULL, 'flood'), ('creditor', 'BANKB', '2026-02-10', '2026-02-20', 'over'), ('creditor', 'BANKA', '2026-02-25', NULL, 'bank asked')`);
    await db.pool.query(`INSERT INTO complaints (creditor_id, account_id, kind, channel, description, collector_id, status, finding, created_at) VALUES
      ($1, $2, 'complaint', 'phone', 'x', $3, 'closed', 'upheld', '2026-02-12T03:00:00Z'), ($1, $2, 'complaint', 'phone', 'y', $3, 'open', NULL, '2026-02-13T03:00:00Z'),
      ($1, $2, 'dispute', 'phone', 'z', $3, 'open', NULL, '2026-02-13T03:00:00Z')`, [ids.BANKA, ids.a1, ids.c1]);
    // Audit rows carry the real clock: the period runs from February to tomorrow.
    const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const r = await complianceReport(ctx, CLI_ACTOR, { from: '2026-02-01', to });
    expect(r.refused_attempts).toBe(2);
    expect(r.refused_by_rule).toEqual([{ rule: 'quiet_hours', refused: 2 }, { rule: 'daily_limit', refused: 1 }]);
    expect(r.suspensions_in_force.map((s) => `${s.scope} ${s.code}`)).toEqual(['region 420000', 'creditor BANKA']);
    // 2 complaints over 3 accounts placed: 666.67 per 1,000; 1 upheld: 333.33.
    expect(r).toMatchObject({ accounts: 3, complaints: 2, upheld_complaints: 1, complaints_per_1000: 666.67, upheld_per_1000: 333.33 });
    const bankB = await complianceReport(ctx, actors.bankB!, { from: '2026-02-01', to });
    expect(bankB).toMatchObject({ refused_attempts: 0, accounts: 1, complaints: 0, complaints_per_1000: 0 });
    expect(bankB.suspensions_in_force.map((s) => s.code)).toEqual(['420000']);
  });
});

describe('API', () => {
  it('serves the reports in the reader\'s scope and names bad fields', async () => {
    const bank = await signInCookie(app, (await db.pool.query('SELECT username FROM users WHERE id = $1', [ids.bankA])).rows[0].username);
    const res = await app.inject({ method: 'GET', url: '/api/reports/recovery?by=creditor', headers: { cookie: bank } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().lines.map((l: { label: string }) => l.label)).toEqual(['BANKA BANKA']);
    // The English name reaches the screen: the response keeps label_en.
    const regions = await app.inject({ method: 'GET', url: '/api/reports/recovery?by=region', headers: { cookie: bank } });
    expect(regions.json().lines.map((l: { label: string; label_en: string }) => [l.label, l.label_en])).toEqual([['北京市', 'Beijing'], ['湖北省', 'Hubei']]);
    const other = await app.inject({ method: 'GET', url: '/api/reports/vintages?creditor=BANKB', headers: { cookie: bank } });
    expect(other.statusCode).toBe(404);
    const bad = await app.inject({ method: 'GET', url: '/api/reports/recovery?by=colour', headers: { cookie: bank } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('by');
    for (const url of ['/api/reports/roll-rates', '/api/reports/funnel?from=2026-02-01&to=2026-02-28', '/api/reports/compliance']) {
      expect((await app.inject({ method: 'GET', url, headers: { cookie: bank } })).statusCode, url).toBe(200);
    }
  });
});

describe('the database\'s bucket function', () => {
  it('agrees with src/domain/delinquency.ts on every DPD from 0 to 800', async () => {
    const { rows } = await db.pool.query<{ dpd: number; bucket: string }>('SELECT d AS dpd, report_bucket(d) AS bucket FROM generate_series(0, 800) d');
    expect(rows.every((r) => r.bucket === bucketOf(r.dpd))).toBe(true);
    expect(new Set(rows.map((r) => r.bucket))).toEqual(new Set(BUCKETS));
  });
});

describe('an account placed again', () => {
  it('starts a new vintage; the old one keeps its balance and the payments made under it', async () => {
    const { rows: [p] } = await db.pool.query(`INSERT INTO placements (creditor_id, batch_ref, placed_on, ends_on) VALUES ($1, 'P2', '2026-03-01', '2026-12-31') RETURNING id`, [ids.BANKB]);
    await db.pool.query(`UPDATE accounts SET placement_id = $1 WHERE id = $2`, [p.id, ids.a3]);
    await pay(ids.BANKB!, ids.a3!, 2_000, '2026-03-13');
    const r = await recoveryReport(ctx, CLI_ACTOR, { by: 'placement_month', creditor: 'BANKB' });
    // 2026-03: placed again with 50,000 (DPD 40 on 03-01 -> M2), 2,000 since; 2026-02 keeps 50,000 and its 5,000.
    expect(r.lines.map((l) => [l.key, l.accounts, l.placed_fen, l.recovered_fen])).toEqual([['2026-02', 1, 50_000, 5_000], ['2026-03', 1, 50_000, 2_000]]);
    expect(line(await recoveryReport(ctx, CLI_ACTOR, { by: 'bucket', creditor: 'BANKB', from: '2026-03' }), 'M2')).toMatchObject({ placed_fen: 50_000 });
  });
});
