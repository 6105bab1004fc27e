import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { CLI_ACTOR } from '../src/app/context.ts';
import { runStrategy, type StrategyRunResult } from '../src/app/strategy/run-strategy.ts';
import { insertRuleSet } from '../src/db/strategy-repository.ts';
import type { LocalDate } from '../src/domain/calendar.ts';
import { DEFAULT_RULES, decideStrategy, parseStrategyRules, type AccountFacts } from '../src/domain/strategy/index.ts';
import { runCli } from './support/cli.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext, usContract } from './support/fixtures.ts';

/** The nightly strategy run on a real database: promises, strategy rows, SMS reminders, idempotency, the CLI. */
let db: TestDatabase;
let ctx: AppContext;
const DATE = '2026-03-12';
let bank: { id: number; code: string };
let night2Bank: { id: number; code: string };
const acc: Record<string, number> = {};
let first: StrategyRunResult;
let allCondId: number;
const ALL_CONDITIONS = {
  segments: [
    { name: 'mid_band', when: { buckets: ['M2', 'M3'], min_balance_fen: 500_000, max_balance_fen: 2_500_000 } },
    { name: 'ending', when: { placement_ends_within_days: 7 } },
    { name: 'reachable', when: { contactable: true, has_address: false, on_hold: false, open_promise: false } },
    { name: 'soon', when: { promise_due_within_days: 3 } },
  ],
  default_segment: 'other',
  priority: { bucket_points: { M1: 10, M2: 20, M3: 30, M4: 40, M5: 50, M6: 60, 'M7+': 70 }, balance_fen_per_point: 250_000, max_balance_points: 9,
    broken_promise_points: 25, max_broken_promises: 2, broken_promise_lookback_days: 30, contactable_points: -3,
    placement_ending_points: 40, placement_ending_days: 5 },
  actions: [
    { action: 'wait', when: { open_promise: true } },
    { action: 'skip_trace', when: { min_broken_promises: 1, max_balance_fen: 1_000_000 } },
    { action: 'letter', when: { buckets: ['M5', 'M6', 'M7+'] } },
    { action: 'hold', when: { min_balance_fen: 3_000_000 } },
  ],
  default_action: 'call',
};

async function promise(accountId: number, creditorId: number, amountFen: number, dueDate: string): Promise<number> {
  const { rows } = await db.pool.query(
    `INSERT INTO promises (creditor_id, account_id, amount_fen, due_date, created_at) VALUES ($1, $2, $3, $4, '2026-03-01 10:00+08') RETURNING id`,
    [creditorId, accountId, amountFen, dueDate]);
  await db.pool.query(`UPDATE accounts SET status = 'promised' WHERE id = $1`, [accountId]);
  return rows[0].id;
}
async function payment(accountId: number, creditorId: number, amountFen: number, paidOn: string): Promise<void> {
  await db.pool.query(`INSERT INTO payments (creditor_id, account_id, txn_id, amount_fen, paid_on) VALUES ($1, $2, $3, $4, $5)`,
    [creditorId, accountId, `T${accountId}-${paidOn}-${amountFen}`, amountFen, paidOn]);
}

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool, () => new Date('2026-03-12T18:00:00Z'));
  bank = await newCreditor(db.pool, 'HUAYU');
  night2Bank = await newCreditor(db.pool, 'NIGHTOWL');
  await db.pool.query(`INSERT INTO contracts (creditor_id, version, name, pack, effective_from, terms) VALUES
    ($1, 1, '华裕银行', 'CN', '2026-01-01', '{"promise_grace_days": 2}'), ($2, 1, '夜鸮银行', 'CN', '2026-01-01', '{}')`, [bank.id, night2Bank.id]);
  const team = await newTeam(db.pool);
  const collector = await newUser(db.pool, 'collector', { teamId: team.id });
  const account = async (name: string, spec: { creditorId?: number; principalFen?: number; firstDelinquencyDate?: string } = {}) => {
    const debtor = await newDebtor(ctx);
    acc[name] = (await newAccount(db.pool, { creditorId: spec.creditorId ?? bank.id, debtorId: debtor.id, collectorId: collector.id, teamId: team.id,
      ...(spec.principalFen === undefined ? {} : { principalFen: spec.principalFen }),
      ...(spec.firstDelinquencyDate === undefined ? {} : { firstDelinquencyDate: spec.firstDelinquencyDate }) })).id;
    return debtor.id;
  };

  // Promises (grace 2 days for HUAYU): kept within grace, partial, broken, still in grace; a twin without promises.
  await account('kept'); await promise(acc['kept']!, bank.id, 100_000, '2026-03-10'); await payment(acc['kept']!, bank.id, 100_000, '2026-03-11');
  await account('partial'); await promise(acc['partial']!, bank.id, 100_000, '2026-03-09'); await payment(acc['partial']!, bank.id, 50_000, '2026-03-09');
  await account('broken'); await promise(acc['broken']!, bank.id, 100_000, '2026-03-09');
  await account('twin');
  await account('inGrace'); await promise(acc['inGrace']!, bank.id, 100_000, '2026-03-10');
  // Reminders: a promise due tomorrow (allowed), the same but opted out of SMS (blocked), a small M1 balance.
  await account('remind'); await promise(acc['remind']!, bank.id, 123_456, '2026-03-13');
  const optedOut = await account('optedOut'); await promise(acc['optedOut']!, bank.id, 50_000, '2026-03-13');
  await db.pool.query(`UPDATE debtors SET opted_out_channels = '{sms}' WHERE id = $1`, [optedOut]);
  const pointOptedOut = await account('pointOptedOut', { principalFen: 100_000, firstDelinquencyDate: '2026-03-01' });
  await db.pool.query(`UPDATE contact_points SET opted_out = '{sms}' WHERE debtor_id = $1`, [pointOptedOut]);
  await account('smallEarly', { principalFen: 100_000, firstDelinquencyDate: '2026-03-01' });
  // The balance now: 4,000 yuan stated, 1,500 paid since (2,500 now: a small M0/M1 balance, texted); the same payment
  // made before the bank restated the balance counts for nothing (4,000 now: called).
  await account('paidDown', { principalFen: 398_500, firstDelinquencyDate: '2026-03-01' });
  await payment(acc['paidDown']!, bank.id, 150_000, '2026-03-05');
  await account('restated', { principalFen: 398_500, firstDelinquencyDate: '2026-03-01' });
  await payment(acc['restated']!, bank.id, 150_000, '2026-03-05');
  await db.pool.query(`UPDATE accounts SET balance_stated_on = '2026-03-06' WHERE id = $1`, [acc['restated']]);
  // Lost contact, a dispute hold, a paid account.
  const lost = await account('lost');
  await db.pool.query(`UPDATE contact_points SET verified = 'invalid' WHERE debtor_id = $1`, [lost]);
  const held = await account('held');
  await db.pool.query(`INSERT INTO holds (debtor_id, kind, reason, starts_on) VALUES ($1, 'dispute', 'disputes the debt', '2026-03-05')`, [held]);
  await account('suspended');
  await db.pool.query(`UPDATE accounts SET region_code = '330106' WHERE id = $1`, [acc['suspended']]);
  await db.pool.query(`INSERT INTO suspensions (scope, code, from_date, to_date, reason) VALUES ('region', '330100', '2026-03-10', NULL, '台风')`);
  await account('inPlan'); await db.pool.query(`UPDATE accounts SET status = 'in_plan' WHERE id = $1`, [acc['inPlan']]);
  // On plans: the next instalment owed falls due tomorrow (¥700.00 left of its ¥1,000.00), and in 8 days.
  for (const [name, nextDue] of [['planDue', '2026-03-13'], ['planLater', '2026-03-20']] as const) {
    await account(name); await db.pool.query(`UPDATE accounts SET status = 'in_plan' WHERE id = $1`, [acc[name]]);
    const plan = (await db.pool.query(`INSERT INTO instalment_plans (creditor_id, account_id, total_fen, start_date, months) VALUES ($1, $2, 300000, '2026-02-13', 3) RETURNING id`,
      [bank.id, acc[name]])).rows[0].id;
    await db.pool.query(`INSERT INTO plan_instalments (creditor_id, plan_id, n, due_date, amount_fen, paid_fen) VALUES
      ($1, $2, 1, '2026-02-13', 100000, 100000), ($1, $2, 2, $3, 100000, 30000), ($1, $2, 3, $3::date + 31, 100000, 0)`, [bank.id, plan, nextDue]);
  }
  await account('paid'); await db.pool.query(`UPDATE accounts SET status = 'paid' WHERE id = $1`, [acc['paid']]);
  // A second creditor with its own rules (version 1 in force, version 2 only from April): text everyone at 22:00.
  await insertRuleSet(db.pool, night2Bank.id, '2026-01-01', {
    priority: { bucket_points: { M2: 7 }, balance_fen_per_point: 1_000_000, max_balance_points: 10 },
    actions: [{ action: 'sms', when: {} }], default_action: 'call', default_segment: 'night', sms_send_time: '22:00' }, null);
  await insertRuleSet(db.pool, night2Bank.id, '2026-04-01', { priority: { bucket_points: {}, balance_fen_per_point: 1 }, default_action: 'letter' }, null);
  await account('night', { creditorId: night2Bank.id });
  // A third creditor whose rules use every kind of condition, over a spread of its own accounts.
  const allCond = await newCreditor(db.pool, 'ALLCOND');
  allCondId = allCond.id;
  await insertRuleSet(db.pool, allCond.id, '2026-01-01', ALL_CONDITIONS, null);
  // Its placements end on the run date, in 5, 8 and 40 days (the fixture's), and one ended yesterday (not yet recalled).
  const ending = await Promise.all(['2026-03-12', '2026-03-17', '2026-03-20', '2026-03-11'].map(async (endsOn, i) => (await db.pool.query(
    `INSERT INTO placements (creditor_id, batch_ref, placed_on, ends_on) VALUES ($1, $2, '2025-12-01', $3) RETURNING id`, [allCond.id, `END${i}`, endsOn])).rows[0].id as number));
  for (let i = 0; i < 24; i++) {
    await account(`all${i}`, { creditorId: allCond.id, principalFen: 100_000 + i * 150_000,
      firstDelinquencyDate: new Date(Date.UTC(2026, 2, 12) - i * 9 * 86_400_000).toISOString().slice(0, 10) });
    if (i % 5 !== 4) await db.pool.query('UPDATE accounts SET placement_id = $2 WHERE id = $1', [acc[`all${i}`], ending[i % 5]]);
    if (i % 4 === 1) await promise(acc[`all${i}`]!, allCond.id, 10_000, i % 8 === 1 ? '2026-03-14' : '2026-03-01');
  }
  // A spread of ordinary accounts: delinquency and balance vary, some without a phone.
  for (let i = 0; i < 60; i++) {
    const debtor = await account(`spread${i}`, { principalFen: 10_000 + i * 97_331, firstDelinquencyDate: new Date(Date.UTC(2026, 2, 12) - i * 7 * 86_400_000).toISOString().slice(0, 10) });
    if (i % 7 === 3) await db.pool.query(`UPDATE contact_points SET verified = 'invalid' WHERE debtor_id = $1`, [debtor]);
  }
  first = await runStrategy(ctx, CLI_ACTOR, { date: DATE });
}, 120_000);
afterAll(async () => { await db?.drop(); });

const row = async (name: string, date = DATE) =>
  (await db.pool.query(`SELECT * FROM account_strategy WHERE account_id = $1 AND business_date = $2`, [acc[name], date])).rows[0];
const promiseStatus = async (name: string) =>
  (await db.pool.query(`SELECT status FROM promises WHERE account_id = $1`, [acc[name]])).rows[0].status as string;

describe('promise evaluation', () => {
  it('resolves due promises with the contract grace: kept, partially kept, broken; a promise still in grace stays open', async () => {
    expect(await promiseStatus('kept')).toBe('kept');
    expect(await promiseStatus('partial')).toBe('partially_kept');
    expect(await promiseStatus('broken')).toBe('broken');
    expect(await promiseStatus('inGrace')).toBe('open');
    expect(first.summary).toMatchObject({ promises_kept: 1, promises_partial: 1, promises_broken: 1 + 3 }); // + ALLCOND's three due on the 1st
    const { rows } = await db.pool.query(`SELECT id, status FROM accounts WHERE id = ANY ($1)`, [[acc['kept'], acc['broken'], acc['inGrace']]]);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({ [acc['kept']!]: 'active', [acc['broken']!]: 'active', [acc['inGrace']!]: 'promised' });
  });

  it('a broken promise raises the priority above an otherwise identical account', async () => {
    const broken = await row('broken');
    const twin = await row('twin');
    expect(broken.priority - twin.priority).toBe(DEFAULT_RULES.priority.brokenPromisePoints);
    expect(broken.next_action).toBe('call');
  });
});

describe('strategy rows', () => {
  it('every open account gets one row with DPD, bucket, segment, priority, next action and rule version', async () => {
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM account_strategy WHERE business_date = $1`, [DATE]);
    expect(rows[0].n).toBe(Object.keys(acc).length - 1); // all but the paid one
    expect(first.summary.accounts).toBe(rows[0].n);
    expect(first.summary.changed).toBe(rows[0].n);
    expect(await row('paid')).toBeUndefined();
    expect(await row('twin')).toMatchObject({ dpd: 56, bucket: 'M2', segment: 'mid', next_action: 'call', rule_version: 0 });
    expect(await row('lost')).toMatchObject({ next_action: 'skip_trace', segment: 'lost_contact' });
    expect(await row('held')).toMatchObject({ next_action: 'hold', segment: 'on_hold' });
    expect(await row('inGrace')).toMatchObject({ next_action: 'wait', segment: 'promised' });
    expect(await row('inPlan')).toMatchObject({ next_action: 'wait', segment: 'in_plan' });
    expect(await row('planDue')).toMatchObject({ next_action: 'sms', segment: 'in_plan' });
    expect(await row('planLater')).toMatchObject({ next_action: 'wait', segment: 'in_plan' });
    expect(await row('suspended')).toMatchObject({ next_action: 'hold', segment: 'on_hold' }); // Hangzhou under a region suspension
  });

  it("reads the balance now: payments since the bank's last statement are taken off, payments before it are not", async () => {
    const paidDown = await row('paidDown');
    const restated = await row('restated');
    expect(paidDown).toMatchObject({ next_action: 'sms' }); // 2,500 yuan now: the default rules text M0/M1 balances up to 3,000
    expect(restated).toMatchObject({ next_action: 'call' }); // 4,000 yuan: the payment is in the bank's figures already
    expect(restated.priority - paidDown.priority).toBe(Math.floor(400_000 / DEFAULT_RULES.priority.balanceFenPerPoint) - Math.floor(250_000 / DEFAULT_RULES.priority.balanceFenPerPoint));
    expect((await db.pool.query(`SELECT 1 FROM outbox WHERE account_id = $1`, [acc['paidDown']])).rows).toHaveLength(1);
  });

  it('records the creditor rule version in force on the date', async () => {
    expect(await row('night')).toMatchObject({ rule_version: 1, segment: 'night', next_action: 'sms', priority: 7 + 1 }) // M2 + one point per 10,000 yuan;
  });

  it('matches the domain function for every account (the SQL is the same rules)', async () => {
    const { rows } = await db.pool.query(`
      SELECT s.*, a.status = 'in_plan' AS in_plan, a.first_delinquency_date::text AS fdd, greatest(0, a.principal_fen + a.interest_fen + a.fees_fen - (SELECT coalesce(sum(p.amount_fen), 0) FROM payments p
               WHERE p.account_id = a.id AND p.paid_on >= coalesce(a.balance_stated_on, '2026-01-01')))::bigint AS balance,
             EXISTS (SELECT 1 FROM contact_points cp WHERE cp.debtor_id = a.debtor_id AND cp.owner = 'debtor' AND cp.kind = 'phone' AND cp.verified <> 'invalid') AS contactable,
             EXISTS (SELECT 1 FROM holds h WHERE h.debtor_id = a.debtor_id AND h.released_at IS NULL) OR a.region_code LIKE '3301%' AS on_hold,
             (SELECT min(due_date) - $1::date FROM promises p WHERE p.account_id = a.id AND p.status = 'open') AS due_in,
             (SELECT count(*)::int FROM promises p WHERE p.account_id = a.id AND p.status = 'broken' AND p.due_date > $1::date - 90) AS broken,
             (SELECT count(*)::int FROM promises p WHERE p.account_id = a.id AND p.status = 'broken' AND p.due_date > $1::date - 30) AS broken30,
             (SELECT pl.ends_on - $1::date FROM placements pl WHERE pl.id = a.placement_id) AS ends_in,
             (SELECT min(pi.due_date) - $1::date FROM instalment_plans ip JOIN plan_instalments pi ON pi.plan_id = ip.id
               WHERE ip.account_id = a.id AND ip.status = 'active' AND pi.paid_fen < pi.amount_fen) AS instalment_due_in
        FROM account_strategy s JOIN accounts a ON a.id = s.account_id WHERE s.business_date = $1`, [DATE]);
    const nightRules = parseStrategyRules((await db.pool.query(`SELECT rules FROM strategy_rules WHERE creditor_id = $1 AND version = 1`, [night2Bank.id])).rows[0].rules);
    const allRules = parseStrategyRules(ALL_CONDITIONS);
    let checked = 0;
    for (const r of rows) {
      const isAll = Number(r.creditor_id) === allCondId;
      const facts: AccountFacts = { firstDelinquencyDate: r.fdd as LocalDate, balanceFen: Number(r.balance), contactable: r.contactable, hasAddress: false,
        onHold: r.on_hold, inPlan: r.in_plan, openPromiseDueInDays: r.due_in, brokenPromises: isAll ? r.broken30 : r.broken, placementEndsInDays: r.ends_in,
        nextInstalmentDueInDays: r.instalment_due_in };
      const expected = decideStrategy(isAll ? allRules : Number(r.creditor_id) === night2Bank.id ? nightRules : DEFAULT_RULES, facts, DATE as LocalDate);
      if (isAll) checked++;
      expect({ id: r.account_id, dpd: r.dpd, bucket: r.bucket, segment: r.segment, priority: r.priority, next_action: r.next_action })
        .toEqual({ id: r.account_id, dpd: expected.dpd, bucket: expected.bucket, segment: expected.segment, priority: expected.priority, next_action: expected.nextAction });
    }
    expect(checked).toBe(24);
    const { rows: variety } = await db.pool.query(`SELECT count(DISTINCT segment)::int AS segments, count(DISTINCT next_action)::int AS actions
      FROM account_strategy WHERE creditor_id = $1`, [allCondId]);
    expect(variety[0]).toEqual({ segments: 4, actions: 4 });
    // The placement's end read both ways: the 'ending' segment (within 7 days, today included; not the one ended yesterday),
    // and its 40 points within 5 days.
    const ends = rows.filter((r) => Number(r.creditor_id) === allCondId).map((r) => ({ endsIn: r.ends_in as number, segment: r.segment as string }));
    expect(new Set(ends.filter((e) => e.endsIn >= 0 && e.endsIn <= 7).map((e) => e.segment))).toEqual(new Set(['mid_band', 'ending']));
    expect(ends.filter((e) => e.endsIn < 0 || e.endsIn > 7).every((e) => e.segment !== 'ending')).toBe(true);
    expect(ends.filter((e) => e.endsIn === -1).length).toBeGreaterThan(0);
  });
});

describe('SMS reminders', () => {
  it('queues an allowed reminder in the outbox with the masked and encrypted number, a bilingual body and the decision', async () => {
    const { rows } = await db.pool.query(`
      SELECT o.*, cp.value_enc AS point_enc, cp.value_mask AS point_mask FROM outbox o
        JOIN accounts a ON a.id = o.account_id JOIN contact_points cp ON cp.debtor_id = a.debtor_id WHERE o.account_id = $1`, [acc['remind']]);
    expect(rows).toHaveLength(1);
    const sms = rows[0];
    expect(sms).toMatchObject({ channel: 'sms', status: 'queued', creditor_id: bank.id });
    expect(sms.to_mask).toBe(sms.point_mask);
    expect(Buffer.compare(sms.to_enc, sms.point_enc)).toBe(0);
    expect(sms.body).toContain('¥1,234.56');
    expect(sms.body).toContain('CNY 1,234.56');
    expect(sms.decision).toMatchObject({ allowed: true, reasons: [] });
    expect((await row('remind')).sms_outbox_id).toBe(sms.id);
    expect((await db.pool.query(`SELECT 1 FROM outbox WHERE account_id = $1`, [acc['smallEarly']])).rows).toHaveLength(1);
  });

  it("reminds a debtor on a plan of its next instalment, what is left of it and when, never that the account is overdue", async () => {
    const { rows } = await db.pool.query(`SELECT body FROM outbox WHERE account_id = $1`, [acc['planDue']]);
    expect(rows.map((r) => r.body)).toEqual([expect.stringContaining('分期还款计划的下一期¥700.00应于2026-03-13前还款')]);
    expect(rows[0].body).not.toContain('逾期');
    expect((await db.pool.query(`SELECT 1 FROM outbox WHERE account_id = ANY($1)`, [[acc['planLater'], acc['inPlan']]])).rows).toHaveLength(0);
  });

  it('does not queue what the engine refuses at the send time, and records why', async () => {
    for (const name of ['optedOut', 'pointOptedOut', 'night']) {
      expect((await db.pool.query(`SELECT 1 FROM outbox WHERE account_id = $1`, [acc[name]])).rows, name).toHaveLength(0);
    }
    expect((await row('optedOut')).sms_decision).toMatchObject({ allowed: false, reasons: [{ rule: 'CN.consent' }] });
    expect((await row('pointOptedOut')).sms_decision).toMatchObject({ allowed: false, reasons: [{ rule: 'no_usable_contact_point' }] });
    expect((await row('night')).sms_decision.reasons.map((r: { rule: string }) => r.rule)).toContain('CN.hours');
    expect(first.smsBlockedByRule).toMatchObject({ 'CN.consent': 1, no_usable_contact_point: 1, 'CN.hours': 1 });
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM outbox`);
    expect(first.summary.sms_queued).toBe(rows[0].n);
    const { rows: chosen } = await db.pool.query(`SELECT count(*)::int AS n FROM account_strategy WHERE business_date = $1 AND next_action = 'sms'`, [DATE]);
    expect(first.summary.sms_queued + first.summary.sms_blocked).toBe(chosen[0].n);
  });
});

describe('idempotency', () => {
  it('a second run for the date changes nothing', async () => {
    const snapshot = async () => ({
      strategy: (await db.pool.query(`SELECT * FROM account_strategy ORDER BY account_id, business_date`)).rows,
      outbox: (await db.pool.query(`SELECT id FROM outbox ORDER BY id`)).rows,
      promises: (await db.pool.query(`SELECT id, status, resolved_at FROM promises ORDER BY id`)).rows,
      accounts: (await db.pool.query(`SELECT id, status, version FROM accounts ORDER BY id`)).rows,
    });
    const before = await snapshot();
    const again = await runStrategy(ctx, CLI_ACTOR, { date: DATE });
    expect(again.summary).toMatchObject({ accounts: first.summary.accounts, changed: 0, promises_kept: 0, promises_partial: 0, promises_broken: 0, sms_queued: 0, sms_blocked: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('a later change to one account changes only that row on a rerun', async () => {
    await db.pool.query(`UPDATE accounts SET principal_fen = principal_fen + 50_000_000 WHERE id = $1`, [acc['twin']]);
    const again = await runStrategy(ctx, CLI_ACTOR, { date: DATE });
    expect(again.summary.changed).toBe(1);
    await db.pool.query(`UPDATE accounts SET principal_fen = principal_fen - 50_000_000 WHERE id = $1`, [acc['twin']]);
    expect((await runStrategy(ctx, CLI_ACTOR, { date: DATE })).summary.changed).toBe(1);
  });
});

describe('leeway strategy run', () => {
  it('prints exactly the summary keys with --json, and a rerun reports nothing changed', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-strategy-'));
    const env = { DATABASE_URL: db.url, LEEWAY_DATA_DIR: dir };
    const res = await runCli(['strategy', 'run', '--date', '2026-03-13', '--json'], { env });
    expect(res.code, res.stderr).toBe(0);
    const summary = JSON.parse(res.stdout);
    expect(Object.keys(summary)).toEqual(['date', 'accounts', 'changed', 'promises_kept', 'promises_partial', 'promises_broken', 'sms_queued', 'email_queued',
      'sms_blocked', 'seconds']);
    expect(summary).toMatchObject({ date: '2026-03-13', accounts: first.summary.accounts, changed: first.summary.accounts });
    const again = JSON.parse((await runCli(['strategy', 'run', '--date', '2026-03-13', '--json'], { env })).stdout);
    expect(again).toMatchObject({ changed: 0, sms_queued: 0, sms_blocked: 0 });
    const bad = await runCli(['strategy', 'run', '--date', '2026-02-30'], { env });
    expect(bad.code).toBe(2);
    // A day to come: refused before anything is judged (its promises would be counted broken before their day).
    const ahead = await runCli(['strategy', 'run', '--date', '2099-01-01'], { env });
    expect(ahead.code).toBe(2);
    expect(ahead.stderr).toContain('The strategy cannot run for 2099-01-01, a day to come');
    // Not a date at all: said as such, not as a day to come.
    const notADate = await runCli(['strategy', 'run', '--date', '2026-13-01'], { env });
    expect(notADate.code).toBe(2);
    expect(notADate.stderr).not.toContain('a day to come');
    for (const args of [['hardship', 'evaluate', '--date', '2099-01-01'], ['cases', 'evaluate-settlements', '--date', '2099-01-01']]) {
      const refused = await runCli(args, { env });
      expect(refused.code, args.join(' ')).toBe(2);
      expect(refused.stderr).toContain('cannot run for 2099-01-01, a day to come');
    }
    await fs.rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('rules set saves a checked new version, rules show prints the one in force', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-strategy-'));
    const env = { DATABASE_URL: db.url, LEEWAY_DATA_DIR: dir };
    const file = path.join(dir, 'rules.json');
    await fs.writeFile(file, JSON.stringify({ priority: { bucket_points: { M1: 5 }, balance_fen_per_point: 100 }, default_action: 'letter' }));
    const set = await runCli(['strategy', 'rules', 'set', '--creditor', 'HUAYU', '--from', '2099-04-01', '--file', file], { env });
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toEqual({ creditor: 'HUAYU', version: 1, effective_from: '2099-04-01' });
    const before = JSON.parse((await runCli(['strategy', 'rules', 'show', '--creditor', 'HUAYU', '--date', '2099-03-31'], { env })).stdout);
    expect(before.version).toBe(0);
    const after = JSON.parse((await runCli(['strategy', 'rules', 'show', '--creditor', 'HUAYU', '--date', '2099-04-01'], { env })).stdout);
    expect(after).toMatchObject({ version: 1, rules: { default_action: 'letter' } });
    await fs.writeFile(file, JSON.stringify({ priority: { bucket_points: {}, balance_fen_per_point: 100 }, default_action: 'fax' }));
    const bad = await runCli(['strategy', 'rules', 'set', '--creditor', 'HUAYU', '--from', '2099-04-01', '--file', file], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('rules.default_action');
    await fs.rm(dir, { recursive: true, force: true });
  }, 90_000);
});

describe('e-mail reminders for debtors no SMS can reach', () => {
  it('with LEEWAY_PUBLIC_URL, a debtor whose phone opted out of SMS but who has an e-mail address is e-mailed the reminder with its opt-out link; without it, not', async () => {
    const team = await newTeam(db.pool);
    const collector = await newUser(db.pool, 'collector', { teamId: team.id });
    const debtor = await newDebtor(ctx);
    const account = (await newAccount(db.pool, { creditorId: bank.id, debtorId: debtor.id, collectorId: collector.id, teamId: team.id,
      principalFen: 100_000, firstDelinquencyDate: '2026-03-01' })).id;
    await db.pool.query(`UPDATE contact_points SET opted_out = '{sms}' WHERE debtor_id = $1`, [debtor.id]);   // STOP
    const { rows: [email] } = await db.pool.query(
      `INSERT INTO contact_points (debtor_id, kind, value_enc, value_hash, value_mask, owner, source) VALUES ($1, 'email', $2, $3, 'z***@example.com', 'debtor', 'portal') RETURNING id`,
      [debtor.id, ctx.cipher.encrypt('zhao@example.com'), ctx.cipher.matchHash('zhao@example.com')]);
    const outboxOf = async () => (await db.pool.query(`SELECT * FROM outbox WHERE account_id = $1`, [account])).rows;

    const without = await runStrategy(on(ctx, '2026-03-16'), CLI_ACTOR, { date: '2026-03-16' });
    expect(without.summary.email_queued).toBe(0);
    expect(await outboxOf()).toEqual([]);
    expect((await row2(account, '2026-03-16')).sms_decision).toMatchObject({ allowed: false, reasons: [{ rule: 'no_usable_contact_point' }] });

    const withUrl = await runStrategy(on({ ...ctx, publicUrl: 'https://pay.agency.example' }, '2026-03-17'), CLI_ACTOR, { date: '2026-03-17' });
    const [mail] = await outboxOf();
    expect(mail).toMatchObject({ channel: 'email', purpose: 'collect', contact_point_id: email.id, to_mask: 'z***@example.com', status: 'queued',
      subject: expect.stringMatching(/^关于您尾号\d{4}的账户/), decision: expect.objectContaining({ allowed: true }) });
    expect(mail.unsubscribe_url).toMatch(new RegExp(`^https://pay\\.agency\\.example/my/unsubscribe/${email.id}-`));
    expect(mail.body).toContain(mail.unsubscribe_url);
    expect(mail.body).toContain('已逾期');
    expect((await row2(account, '2026-03-17')).sms_outbox_id).toBe(mail.id);
    expect(withUrl.summary.email_queued).toBe(1);
    // Counted as e-mailed, not as blocked: the other debtors without a usable phone (and no e-mail address) still are.
    expect(withUrl.smsBlockedByRule.no_usable_contact_point).toBe(without.smsBlockedByRule.no_usable_contact_point! - 1);
    expect(withUrl.summary.sms_blocked).toBe(without.summary.sms_blocked - 1);
  });
});

describe("New York City's rule on texts in the nightly run", () => {
  it('a New York debtor who agreed to no texts is e-mailed the reminder at an address they gave us; once they agree to texts, texted', async () => {
    const us = await newCreditor(db.pool, 'NYBANK');
    await usContract(db.pool, us.id);
    const team = await newTeam(db.pool);
    const collector = await newUser(db.pool, 'collector', { teamId: team.id });
    const debtor = await newDebtor(ctx);
    // Filed under New York's law; a zone where the send time (09:00 in Shanghai) is daytime, so only the rule under test decides.
    await db.pool.query(`UPDATE debtors SET time_zone = 'Pacific/Honolulu' WHERE id = $1`, [debtor.id]);
    const account = (await newAccount(db.pool, { creditorId: us.id, debtorId: debtor.id, collectorId: collector.id, teamId: team.id,
      principalFen: 100_000, firstDelinquencyDate: '2026-03-01' })).id;
    await db.pool.query(`UPDATE accounts SET region_code = 'US-NY' WHERE id = $1`, [account]);
    const letter = (await db.pool.query(`INSERT INTO contact_attempts (creditor_id, account_id, debtor_id, channel, party, purpose, outcome, at)
      VALUES ($1, $2, $3, 'letter', 'debtor', 'notice', 'sent', '2026-03-02T15:00:00Z') RETURNING id`, [us.id, account, debtor.id])).rows[0].id;
    await db.pool.query(`INSERT INTO validation_notices (creditor_id, account_id, sent_on, validation_ends_on, itemization_date, itemization_fen, interest_fen, fees_fen,
      paid_fen, amount_now_fen, contact_attempt_id) VALUES ($1, $2, '2026-03-02', '2026-04-08', '2026-03-01', 1000, 0, 0, 0, 1000, $3)`, [us.id, account, letter]);
    const { rows: [email] } = await db.pool.query(
      `INSERT INTO contact_points (debtor_id, kind, value_enc, value_hash, value_mask, owner, source, debtor_consented)
       VALUES ($1, 'email', $2, $3, 'n***@example.com', 'debtor', 'portal', true) RETURNING id`,
      [debtor.id, ctx.cipher.encrypt('ny@example.com'), ctx.cipher.matchHash('ny@example.com')]);
    const outboxOf = async () => (await db.pool.query(`SELECT channel, contact_point_id, subject FROM outbox WHERE account_id = $1 ORDER BY id`, [account])).rows;
    const withUrl = { ...ctx, publicUrl: 'https://pay.agency.example' };

    const first = await runStrategy(on(withUrl, '2026-03-19'), CLI_ACTOR, { date: '2026-03-19' });
    expect(await outboxOf()).toEqual([{ channel: 'email', contact_point_id: email.id, subject: expect.stringMatching(/^Your account ending \d{4}$/) }]);
    expect(first.smsBlockedByRule['US.nyc_electronic_consent']).toBeUndefined();   // e-mailed: not counted as kept back

    // They agree to texts at their number: the next reminder is a text.
    await db.pool.query(`UPDATE contact_points SET debtor_consented = true WHERE debtor_id = $1 AND kind = 'phone'`, [debtor.id]);
    await runStrategy(on(withUrl, '2026-03-20'), CLI_ACTOR, { date: '2026-03-20' });
    expect((await outboxOf()).map((m) => m.channel)).toEqual(['email', 'sms']);
  });
});

describe('reminders to debtors in other zones', () => {
  /**
   * A US creditor whose rules text at 12:00 in Shanghai (midnight in New York, on summer time from 8
   * March, when no call or text may go), and an account of a New York-zone debtor filed in `state`,
   * its validation notice sent.
   */
  async function asleepAtSendTime(code: string, state: string): Promise<{ account: number; debtorId: number }> {
    const us = await newCreditor(db.pool, code);
    await usContract(db.pool, us.id);
    await insertRuleSet(db.pool, us.id, '2026-01-01', { priority: { bucket_points: {}, balance_fen_per_point: 1 },
      actions: [{ action: 'sms', when: {} }], default_action: 'call', default_segment: 'east', sms_send_time: '12:00' }, null);
    const team = await newTeam(db.pool);
    const collector = await newUser(db.pool, 'collector', { teamId: team.id });
    const debtor = await newDebtor(ctx);
    await db.pool.query(`UPDATE debtors SET time_zone = 'America/New_York' WHERE id = $1`, [debtor.id]);
    const account = (await newAccount(db.pool, { creditorId: us.id, debtorId: debtor.id, collectorId: collector.id, teamId: team.id,
      principalFen: 100_000, firstDelinquencyDate: '2026-03-01' })).id;
    await db.pool.query(`UPDATE accounts SET region_code = $2 WHERE id = $1`, [account, state]);
    const letter = (await db.pool.query(`INSERT INTO contact_attempts (creditor_id, account_id, debtor_id, channel, party, purpose, outcome, at)
      VALUES ($1, $2, $3, 'letter', 'debtor', 'notice', 'sent', '2026-03-02T15:00:00Z') RETURNING id`, [us.id, account, debtor.id])).rows[0].id;
    await db.pool.query(`INSERT INTO validation_notices (creditor_id, account_id, sent_on, validation_ends_on, itemization_date, itemization_fen, interest_fen, fees_fen,
      paid_fen, amount_now_fen, contact_attempt_id) VALUES ($1, $2, '2026-03-02', '2026-04-08', '2026-03-01', 1000, 0, 0, 0, 1000, $3)`, [us.id, account, letter]);
    return { account, debtorId: debtor.id };
  }

  it("a New Jersey debtor asleep at the agency's send time is texted once their day starts, not left without a reminder", async () => {
    const { account } = await asleepAtSendTime('EASTBANK', 'US-NJ');
    await runStrategy(on(ctx, '2026-03-19'), CLI_ACTOR, { date: '2026-03-19' });
    const { rows } = await db.pool.query(`SELECT channel, status, send_after, expires_at, decision FROM outbox WHERE account_id = $1`, [account]);
    // Queued for 08:00 in New Jersey (20:00 in Shanghai), judged at that time; gone by the end of the agency's day as every reminder.
    expect(rows).toEqual([expect.objectContaining({ channel: 'sms', status: 'queued', send_after: new Date('2026-03-19T12:00:00Z'),
      expires_at: new Date('2026-03-19T16:00:00Z'), decision: expect.objectContaining({ allowed: true }) })]);
  });

  it("a New York debtor who agreed to no texts, asleep at the agency's send time, is e-mailed once their day starts", async () => {
    const { account, debtorId } = await asleepAtSendTime('NYSLEEP', 'US-NY');
    await db.pool.query(`INSERT INTO contact_points (debtor_id, kind, value_enc, value_hash, value_mask, owner, source, debtor_consented)
       VALUES ($1, 'email', $2, $3, 'a***@example.com', 'debtor', 'portal', true)`, [debtorId, ctx.cipher.encrypt('asleep@example.com'), ctx.cipher.matchHash('asleep@example.com')]);
    await runStrategy(on({ ...ctx, publicUrl: 'https://pay.agency.example' }, '2026-03-19'), CLI_ACTOR, { date: '2026-03-19' });
    const { rows } = await db.pool.query(`SELECT channel, send_after FROM outbox WHERE account_id = $1`, [account]);
    expect(rows).toEqual([{ channel: 'email', send_after: new Date('2026-03-19T12:00:00Z') }]);   // 08:00 in New York
  });
});

/** The context on a later day (10:00 in Shanghai): a run is for today or a day past. */
const on = (context: AppContext, date: string): AppContext => ({ ...context, now: () => new Date(`${date}T02:00:00Z`) });

const row2 = async (accountId: number, date: string) =>
  (await db.pool.query(`SELECT * FROM account_strategy WHERE account_id = $1 AND business_date = $2`, [accountId, date])).rows[0];
