import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { contractFromStored, parseContract } from '../src/domain/contracts/contract.ts';
import { PiiCipher } from '../src/db/pii.ts';
import { inTransaction } from '../src/db/pool.ts';
import { generatePortfolio } from '../src/demo/generate.ts';
import { loadDemo, type DemoSummary } from '../src/demo/load.ts';
import { isValidIdNumber, makeIdNumber } from '../src/demo/people.ts';
import { CLI_ACTOR } from '../src/app/context.ts';
import { decideContact } from '../src/app/compliance/contact-state.ts';
import { loadDemoPayments } from '../src/app/demo/load-demo-payments.ts';
import { loadDemoPortfolio } from '../src/app/demo/load-demo.ts';
import { listAccounts } from '../src/app/accounts/list-accounts.ts';
import { actorOf, signIn } from '../src/app/auth/sign-in.ts';
import { loadUsDemo } from '../src/app/demo/load-us-demo.ts';
import { accountHardship } from '../src/app/hardship/account-hardship.ts';
import { hardshipInbox } from '../src/app/hardship/inbox.ts';
import { planSummary, termsFromSummary } from '../src/app/hardship/shared.ts';
import { quotePlan } from '../src/domain/hardship/plan.ts';
import { findPage } from '../src/db/site-repository.ts';
import { usDemoRows } from '../src/demo/us-file.ts';
import { timeBar } from '../src/domain/time-barred.ts';
import type { LocalDate } from '../src/domain/calendar.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { testContext } from './support/fixtures.ts';
import { runCli } from './support/cli.ts';

const BUSINESS_DATE = '2024-06-14';
const OPTIONS = { accounts: 2000, seed: 7, businessDate: BUSINESS_DATE, passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$demo$hash' };

const cipher = new PiiCipher(randomBytes(32));
let first: TestDatabase;
let second: TestDatabase;
let summary: DemoSummary;

beforeAll(async () => {
  [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  const summaries = await Promise.all([first, second].map((db) => inTransaction(db.pool, (client) => loadDemo(client, cipher, OPTIONS))));
  summary = summaries[0]!;
});
afterAll(async () => { await Promise.all([first?.drop(), second?.drop()]); });

/** GB 11643-1999, written out again here so the test does not trust the generator's own check. */
function hasValidCheckDigit(id: string): boolean {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(id[i]), 0);
  return '10X98765432'[sum % 11] === id[17];
}

/** Everything that must repeat for a seed, as one text per area; encrypted bytes are left out. */
async function portfolioDigest(db: TestDatabase): Promise<Record<string, string>> {
  const digest = async (sql: string): Promise<string> =>
    (await db.pool.query<{ md5: string }>(`SELECT md5(coalesce(string_agg(line, E'\\n' ORDER BY line), '')) FROM (${sql}) x`)).rows[0]!.md5;
  const decrypted = async (sql: string): Promise<string> => {
    const { rows } = await db.pool.query<{ key: string; enc: Buffer }>(sql);
    return rows.map((r) => `${r.key}|${cipher.decrypt(r.enc)}`).sort().join('\n');
  };
  return {
    accounts: await digest(`SELECT concat_ws('|', c.code, a.account_no, a.account_no_mask, d.name, d.id_number_mask, d.birth_date,
        d.region_code, a.product, a.principal_fen, a.interest_fen, a.fees_fen, a.first_delinquency_date, a.status, p.batch_ref,
        u.username, t.name) AS line
      FROM accounts a JOIN creditors c ON c.id = a.creditor_id JOIN debtors d ON d.id = a.debtor_id
      JOIN placements p ON p.creditor_id = a.creditor_id AND p.id = a.placement_id
      JOIN assignments s ON s.creditor_id = a.creditor_id AND s.account_id = a.id AND s.ended_at IS NULL
      JOIN users u ON u.id = s.collector_id JOIN teams t ON t.id = s.team_id`),
    contacts: await digest(`SELECT concat_ws('|', d.name, d.id_number_mask, cp.kind, cp.value_mask, cp.owner, cp.third_party_name,
        cp.relation, cp.verified, cp.provenance::text) AS line FROM contact_points cp JOIN debtors d ON d.id = cp.debtor_id`),
    users: await digest(`SELECT concat_ws('|', u.username, u.display_name, u.role, t.name, c.code) AS line
      FROM users u LEFT JOIN teams t ON t.id = u.team_id LEFT JOIN creditors c ON c.id = u.creditor_id`),
    workflow: await digest(`SELECT concat_ws('|', 'promise', a.account_no, p.amount_fen, p.due_date, p.created_at) AS line
        FROM promises p JOIN accounts a ON a.id = p.account_id
      UNION ALL SELECT concat_ws('|', 'hold', a.account_no, h.kind, h.reason, h.set_at, h.ends_on) FROM holds h JOIN accounts a ON a.id = h.account_id
      UNION ALL SELECT concat_ws('|', 'instalment', a.account_no, i.n, i.due_date, i.amount_fen)
        FROM plan_instalments i JOIN instalment_plans pl ON pl.id = i.plan_id JOIN accounts a ON a.id = pl.account_id`),
    history: await digest(`SELECT concat_ws('|', a.account_no, ca.at, ca.channel, ca.party, ca.outcome, u.username, ca.note, ca.recording_ref) AS line
      FROM contact_attempts ca JOIN accounts a ON a.creditor_id = ca.creditor_id AND a.id = ca.account_id JOIN users u ON u.id = ca.collector_id`),
    idNumbers: await decrypted('SELECT name AS key, id_number_enc AS enc FROM debtors'),
    contactValues: await decrypted(`SELECT d.name || '|' || cp.kind AS key, cp.value_enc AS enc FROM contact_points cp JOIN debtors d ON d.id = cp.debtor_id`),
  };
}

describe('demo portfolio', () => {
  it('is the same portfolio for the same seed: names, numbers, balances, assignments', async () => {
    const [a, b] = await Promise.all([portfolioDigest(first), portfolioDigest(second)]);
    expect(a).toEqual(b);
    const { rows } = await first.pool.query('SELECT count(*)::int AS n FROM accounts');
    expect(rows[0].n).toBe(2000);
  });

  it('is a different portfolio for another seed', () => {
    const numbers = (seed: number): string[] => {
      const [batch] = generatePortfolio({ ...OPTIONS, seed }, [
      { code: '420000', name: '湖北省', level: 'province', parent_code: null },
      { code: '420100', name: '武汉市', level: 'city', parent_code: '420000' },
      { code: '420102', name: '江岸区', level: 'county', parent_code: '420100' },
      ], undefined, 50);
      return batch!.accounts.map((a) => `${a.accountNo} ${a.principalFen}`);
    };
    expect(numbers(7)).toEqual(numbers(7));
    expect(numbers(8)).not.toEqual(numbers(7));
  });

  it('reports what it loaded and records one audit row', async () => {
    const { rows: [counts] } = await first.pool.query(`SELECT (SELECT count(*) FROM creditors)::int AS creditors,
      (SELECT count(*) FROM teams)::int AS teams, (SELECT count(*) FROM users)::int AS users,
      (SELECT count(*) FROM debtors)::int AS debtors, (SELECT count(*) FROM accounts)::int AS accounts`);
    expect({ ...summary, logins: undefined }).toEqual({ ...counts, logins: undefined });
    expect(summary.logins).toHaveLength(summary.users);
    expect(summary.logins.slice(0, 4).map((l) => [l.username, l.role])).toEqual([
      ['admin', 'admin'], ['supervisor1', 'supervisor'], ['collector1', 'collector'], ['bank.huayu', 'creditor_user']]);
    expect(new Set(summary.logins.map((l) => l.password))).toEqual(new Set(['leeway-demo']));
    for (const l of summary.logins) expect(l.display_name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
    const { rows: users } = await first.pool.query('SELECT DISTINCT password_hash, locale FROM users');
    expect(users).toEqual([{ password_hash: OPTIONS.passwordHash, locale: 'zh-CN' }]);
    const { rows: audit } = await first.pool.query(`SELECT actor, action, entity, detail FROM audit_log WHERE action = 'demo.load'`);
    expect(audit).toEqual([{ actor: 'cli', action: 'demo.load', entity: 'portfolio', detail: { accounts: 2000, seed: 7 } }]);
    const { rows: contracts } = await first.pool.query(`SELECT c.code, k.version, k.pack, k.commission, k.terms FROM contracts k
      JOIN creditors c ON c.id = k.creditor_id ORDER BY c.code`);
    expect(contracts).toHaveLength(4);
    for (const k of contracts) {
      expect(k).toMatchObject({ version: 1, pack: 'CN', terms: { promise_grace_days: 3, hardship_decision_days: 10, plan_grace_days: 5 } });
      expect(parseContract(contractFromStored({ ...k, creditor: k.code, name: 'x', placement_days: 180 })).commission.tiers.map((t) => t.from)).toEqual(['M1', 'M4', 'M7+']);
    }
  });

  it('computes the check digit of the standard\'s own example (GB 11643-1999: 11010519491231002X)', () => {
    expect(makeIdNumber('110105', '1949-12-31', 2)).toBe('11010519491231002X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(hasValidCheckDigit('11010519491231002X')).toBe(true);
  });

  it('has a well-formed resident ID number for every debtor, matching birth date, region, hash and mask', async () => {
    const { rows } = await first.pool.query<{ enc: Buffer; hash: Buffer; mask: string; birth_date: string; region_code: string; county: string | null }>(
      `SELECT id_number_enc AS enc, id_number_hash AS hash, id_number_mask AS mask, birth_date, region_code, r.code AS county
       FROM debtors d LEFT JOIN regions r ON r.code = d.region_code AND r.level = 'county' WHERE d.region_source = 'id_number'`);
    expect(rows.length).toBe(summary.debtors);
    for (const row of rows) {
      const id = cipher.decrypt(row.enc);
      expect(id).toMatch(/^[0-9]{17}[0-9X]$/);
      expect(hasValidCheckDigit(id), id).toBe(true);
      expect(id.slice(0, 6)).toBe(row.region_code);
      expect(row.county).toBe(row.region_code);
      expect(id.slice(6, 14)).toBe(row.birth_date.replaceAll('-', ''));
      expect(row.mask).toBe(id.slice(0, 4) + '*'.repeat(10) + id.slice(-4));
      expect(row.hash.equals(cipher.matchHash(id))).toBe(true);
    }
  });

  it('covers every bucket M1..M7+ and the provinces the demo is about', async () => {
    const { rows } = await first.pool.query(`SELECT DISTINCT CASE WHEN dpd <= 30 THEN 'M1' WHEN dpd <= 60 THEN 'M2' WHEN dpd <= 90 THEN 'M3'
        WHEN dpd <= 120 THEN 'M4' WHEN dpd <= 150 THEN 'M5' WHEN dpd <= 180 THEN 'M6' ELSE 'M7+' END AS bucket
      FROM (SELECT $1::date - first_delinquency_date AS dpd FROM accounts) x ORDER BY 1`, [BUSINESS_DATE]);
    expect(rows.map((r) => r.bucket)).toEqual(['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7+']);
    const { rows: [range] } = await first.pool.query(`SELECT min($1::date - first_delinquency_date) AS min, max($1::date - first_delinquency_date) AS max,
      bool_and(p.placed_on > a.first_delinquency_date AND p.placed_on < $1::date AND p.ends_on = p.placed_on + 180) AS placed_when_overdue
      FROM accounts a JOIN placements p ON p.creditor_id = a.creditor_id AND p.id = a.placement_id`, [BUSINESS_DATE]);
    expect(range).toMatchObject({ placed_when_overdue: true });
    expect(range.min).toBeGreaterThanOrEqual(1);
    expect(range.max).toBeLessThanOrEqual(720);
    const { rows: provinces } = await first.pool.query(`SELECT left(region_code, 2) AS p, count(*)::int AS n FROM debtors GROUP BY 1`);
    const byProvince = new Map(provinces.map((r) => [r.p, r.n]));
    for (const p of ['42', '11', '33']) expect(byProvince.get(p), p).toBeGreaterThan(0);
    expect(byProvince.size).toBeGreaterThan(20);
  });

  it('has debtors who owe several banks and debtors nobody can reach', async () => {
    const { rows: [spread] } = await first.pool.query(`SELECT count(*) FILTER (WHERE banks >= 2)::int AS multi, count(*)::int AS all
      FROM (SELECT debtor_id, count(DISTINCT creditor_id) AS banks FROM accounts GROUP BY debtor_id) x`);
    expect(spread.multi).toBeGreaterThan(spread.all * 0.05);
    expect(spread.multi).toBeLessThan(spread.all * 0.15);
    const { rows: [lost] } = await first.pool.query(`WITH unreachable AS (SELECT id FROM debtors d WHERE NOT EXISTS (SELECT 1 FROM contact_points cp
        WHERE cp.debtor_id = d.id AND cp.owner = 'debtor' AND cp.verified <> 'invalid'))
      SELECT (SELECT count(*) FROM unreachable)::int AS debtors,
        (SELECT count(*) FROM accounts WHERE debtor_id IN (SELECT id FROM unreachable) AND status <> 'lost_contact')::int AS not_marked,
        (SELECT count(*) FROM accounts WHERE status = 'lost_contact' AND debtor_id NOT IN (SELECT id FROM unreachable))::int AS wrongly_marked`);
    expect(lost.debtors).toBeGreaterThan(0);
    expect(lost).toMatchObject({ not_marked: 0, wrongly_marked: 0 });
    const { rows: [third] } = await first.pool.query(`SELECT count(*)::int AS n, bool_and(third_party_name IS NOT NULL AND relation IS NOT NULL) AS named
      FROM contact_points WHERE owner = 'third_party'`);
    expect(third.n).toBeGreaterThan(0);
    expect(third.named).toBe(true);
  });

  it('assigns every account to exactly one collector of the team its territory names, evenly', async () => {
    const { rows: [check] } = await first.pool.query(`SELECT
      (SELECT count(*) FROM accounts a WHERE (SELECT count(*) FROM assignments s WHERE s.creditor_id = a.creditor_id
        AND s.account_id = a.id AND s.ended_at IS NULL) <> 1)::int AS not_once,
      (SELECT count(*) FROM assignments s JOIN accounts a ON a.creditor_id = s.creditor_id AND a.id = s.account_id
        LEFT JOIN territories t ON t.creditor_id = a.creditor_id AND t.region_prefix = left(a.region_code, 2)
        JOIN users u ON u.id = s.collector_id
        WHERE s.ended_at IS NULL AND NOT coalesce(u.role = 'collector' AND u.team_id = t.team_id AND s.team_id = t.team_id
          AND s.reason = '分案', false))::int AS wrong_team,
      (SELECT count(*) FROM (SELECT a.debtor_id, a.creditor_id FROM accounts a JOIN assignments s ON s.creditor_id = a.creditor_id
        AND s.account_id = a.id AND s.ended_at IS NULL GROUP BY 1, 2 HAVING count(DISTINCT s.collector_id) > 1) x)::int AS split_debtors`);
    expect(check).toEqual({ not_once: 0, wrong_team: 0, split_debtors: 0 });
    const { rows: spread } = await first.pool.query(`SELECT u.team_id, max(n) - min(n) AS spread FROM users u
      JOIN (SELECT collector_id, count(*) AS n FROM assignments GROUP BY 1) c ON c.collector_id = u.id GROUP BY 1`);
    for (const team of spread) expect(Number(team.spread)).toBeLessThanOrEqual(3);
  });

  it('backs every promised and in-plan account with its promise or plan, and puts accounts on hold only by a hold, as the product does', async () => {
    const { rows: [check] } = await first.pool.query(`SELECT
      (SELECT count(*) FROM accounts a WHERE status = 'promised' AND NOT EXISTS (SELECT 1 FROM promises p
        WHERE p.account_id = a.id AND p.status = 'open' AND p.due_date > $1::date AND p.amount_fen <= a.principal_fen + a.interest_fen + a.fees_fen))::int AS promised,
      (SELECT count(*) FROM holds h WHERE NOT EXISTS (SELECT 1 FROM accounts a
        -- the hold of the account's open complaint (with its investigation deadline) or dispute, which closing it releases
        JOIN complaints c ON c.hold_id = h.id AND c.account_id = a.id AND c.status = 'open'
          AND c.kind = CASE h.kind WHEN 'dispute' THEN 'dispute' ELSE 'complaint' END AND (c.kind = 'dispute' OR c.due_on > c.opened_on)
        WHERE h.account_id = a.id AND h.released_at IS NULL AND h.kind IN ('complaint_review', 'dispute') AND h.ends_on IS NULL
          AND h.starts_on = (h.set_at AT TIME ZONE 'Asia/Shanghai')::date
          -- a hold is not a status: the account under it is active, and back in collection when the case closes
          AND a.status = 'active'))::int AS held_apart,
      (SELECT count(*) FROM accounts a WHERE status = 'in_plan' AND NOT EXISTS (SELECT 1 FROM instalment_plans pl
        JOIN hardship_applications h ON h.id = pl.application_id AND h.status = 'approved'
        WHERE pl.account_id = a.id AND pl.status = 'active'
          AND pl.total_fen = (SELECT sum(amount_fen) FROM plan_instalments i WHERE i.plan_id = pl.id)
          AND (SELECT min(due_date) FROM plan_instalments i WHERE i.plan_id = pl.id) > $1::date))::int AS planned,
      (SELECT count(*) FROM accounts WHERE status IN ('promised', 'in_plan'))::int AS busy,
      (SELECT count(DISTINCT account_id) FROM holds)::int AS held`, [BUSINESS_DATE]);
    expect(check).toMatchObject({ promised: 0, held_apart: 0, planned: 0 });
    expect(check.busy).toBeGreaterThan(0);
    expect(check.held).toBeGreaterThan(5); // 1.2% of 2,000
  });

  it("records its hardship applications as the product does: the plan asked for, when, and the terms the bank approved, shown in the bank's inbox and the account's panel", async () => {
    const ctx = testContext(first.pool, () => new Date(`${BUSINESS_DATE}T02:00:00Z`));
    const { rows: apps } = await first.pool.query(`SELECT h.id, h.account_id, h.requested_plan, h.decided_terms, h.submitted_on::text,
        h.decision_due_on::text, (h.decided_at AT TIME ZONE 'Asia/Shanghai')::date::text AS decided_on, a.principal_fen, a.interest_fen, a.fees_fen,
        pl.id AS plan_id, pl.months, pl.terms, pl.start_date::text, pl.total_fen,
        (SELECT sum(i.principal_fen)::bigint FROM plan_instalments i WHERE i.plan_id = pl.id) AS plan_principal,
        (SELECT count(*)::int FROM plan_instalments i WHERE i.plan_id = pl.id AND i.principal_fen + i.fee_fen <> i.amount_fen) AS parts_off
      FROM hardship_applications h JOIN accounts a ON a.id = h.account_id JOIN instalment_plans pl ON pl.application_id = h.id ORDER BY h.id`);
    expect(apps.length).toBeGreaterThan(15); // 1.5% of 2,000
    for (const h of apps) {
      // The plan asked for, stored as the use case stores it: the terms and their quote on the account's balance, with affordability.
      const terms = termsFromSummary(h.requested_plan);
      const quote = (t: typeof terms) => planSummary(t, quotePlan({ pack: 'CN', principal_fen: Number(h.principal_fen), interest_fen: Number(h.interest_fen),
        fees_fen: Number(h.fees_fen), waive: t.waive ?? [], months: t.months, first_due_date: t.firstDueDate, monthly_fee_bp: t.monthlyFeeBp ?? 0 }));
      expect(h.requested_plan, `application ${h.id}`).toEqual({ ...quote(terms), affordability: expect.objectContaining({ affordable: expect.any(Boolean) }) });
      expect(h.submitted_on < h.decided_on && h.decided_on <= h.decision_due_on, `application ${h.id}`).toBe(true);
      // The terms approved are the plan's: its months, its start on the day of approval, its instalments' parts adding up.
      expect(h.decided_terms).toEqual(quote(termsFromSummary(h.decided_terms)));
      expect(h.terms).toEqual(h.decided_terms);
      expect({ months: h.months, start: h.start_date, total: Number(h.total_fen), principal: Number(h.plan_principal), parts_off: h.parts_off }).toEqual({
        months: h.decided_terms.months, start: h.decided_on, total: h.decided_terms.total_fen, principal: h.decided_terms.plan_amount_fen, parts_off: 0 });
    }
    // Most as asked; some for longer, as a bank may grant.
    const longer = apps.filter((h) => h.decided_terms.months > h.requested_plan.months).length;
    expect(longer).toBeGreaterThan(0);
    expect(longer).toBeLessThan(apps.length / 2);

    // The bank's user sees them decided in its inbox, with the date submitted and the terms approved; the account's panel has both steps.
    const { rows: [bank] } = await first.pool.query(`SELECT id, username, creditor_id FROM users WHERE username = 'bank.huayu'`);
    const bankActor = { userId: bank.id, username: bank.username, role: 'creditor_user' as const, teamId: null, creditorId: Number(bank.creditor_id) };
    const inbox = await hardshipInbox(ctx, bankActor, 'decided');
    const own = apps.filter((h) => inbox.items.some((i) => i.id === Number(h.id)));
    expect(own.length).toBeGreaterThan(0);
    expect(inbox.items.every((i) => i.creditor_id === bankActor.creditorId && /^\d{4}-\d{2}-\d{2}$/.test(i.submitted_on) && i.decided_terms !== null
      && i.decided_by_name !== null && i.created_by_name !== null)).toBe(true);
    const panel = await accountHardship(ctx, bankActor, Number(own[0]!.account_id));
    expect(panel.timeline.map((e) => [e.kind, e.application_id, e.actor_name !== null])).toEqual([
      ['submitted', Number(own[0]!.id), true], ['approved', Number(own[0]!.id), true]]);
    expect(panel.plans[0]).toMatchObject({ months: own[0]!.months, terms: own[0]!.decided_terms });
  });

  it('shows its held accounts, and only those, on hold in the accounts list and its status filter', async () => {
    const ctx = testContext(first.pool, () => new Date(`${BUSINESS_DATE}T02:00:00Z`));
    const { rows } = await first.pool.query<{ account_id: number }>('SELECT DISTINCT account_id::int FROM holds ORDER BY 1');
    const held = rows.map((r) => r.account_id);
    const onHold = await listAccounts(ctx, CLI_ACTOR, { status: 'on_hold', limit: 500, offset: 0 });
    expect(onHold.items.map((a) => a.id).sort((x, y) => x - y)).toEqual(held);
    expect(new Set(onHold.items.map((a) => a.status))).toEqual(new Set(['on_hold']));
    const active = await listAccounts(ctx, CLI_ACTOR, { status: 'active', limit: 500, offset: 0 });
    expect(active.total + onHold.total).toBe(Number((await first.pool.query(`SELECT count(*) FROM accounts WHERE status = 'active'`)).rows[0].count));
    expect(active.items.filter((a) => held.includes(a.id))).toEqual([]);
  });

  it('has two weeks of calls to the debtors themselves, by their collectors, none today, counted in the reports', async () => {
    const { rows: [h] } = await first.pool.query(`
      SELECT count(*)::int AS calls, count(DISTINCT ca.account_id)::int AS accounts,
             count(*) FILTER (WHERE ca.party <> 'debtor' OR cp.owner <> 'debtor' OR cp.debtor_id <> ca.debtor_id)::int AS not_the_debtor,
             count(*) FILTER (WHERE ca.collector_id IS DISTINCT FROM s.collector_id)::int AS not_their_collector,
             min((ca.at AT TIME ZONE 'Asia/Shanghai')::date)::text AS first_day, max((ca.at AT TIME ZONE 'Asia/Shanghai')::date)::text AS last_day,
             min((ca.at AT TIME ZONE 'Asia/Shanghai')::time)::text AS earliest, max((ca.at AT TIME ZONE 'Asia/Shanghai')::time)::text AS latest,
             count(*) FILTER (WHERE a.status NOT IN ('active', 'promised', 'in_plan'))::int AS on_accounts_not_worked,
             count(DISTINCT ca.outcome)::int AS outcomes, count(*) FILTER (WHERE ca.outcome = 'right_party')::int AS right_party
        FROM contact_attempts ca
        JOIN accounts a ON a.creditor_id = ca.creditor_id AND a.id = ca.account_id
        JOIN contact_points cp ON cp.id = ca.contact_point_id
        JOIN assignments s ON s.creditor_id = a.creditor_id AND s.account_id = a.id AND s.ended_at IS NULL`);
    expect(h).toMatchObject({ not_the_debtor: 0, not_their_collector: 0, on_accounts_not_worked: 0, first_day: '2024-05-31', last_day: '2024-06-13' }); // the 14 days before 14 June
    expect(h.calls).toBeGreaterThan(2000); // 0 to 3 calls per worked account, 1.5 on average
    expect(h.accounts).toBeGreaterThan(1000);
    expect(h.outcomes).toBeGreaterThanOrEqual(8);
    expect(h.earliest >= '09:00:00' && h.latest <= '20:00:00').toBe(true);
    const { rows: [counted] } = await first.pool.query(`SELECT sum(attempts)::int AS n, sum(attempts) FILTER (WHERE outcome = 'right_party')::int AS rpc FROM report_contacts`);
    expect(counted).toEqual({ n: h.calls, rpc: h.right_party });
    // Nor a promise taken today (a day's promises without its calls would not add up on the team's screens).
    const { rows: [p] } = await first.pool.query(`SELECT max((created_at AT TIME ZONE 'Asia/Shanghai')::date)::text AS last FROM promises`);
    expect(p.last).toBe('2024-06-13');
  });

  it('stores no plaintext ID number or phone number in any text column', async () => {
    const { rows: samples } = await first.pool.query<{ enc: Buffer }>(`(SELECT id_number_enc AS enc FROM debtors ORDER BY id LIMIT 40)
      UNION ALL (SELECT value_enc FROM contact_points WHERE kind = 'phone' ORDER BY id LIMIT 40)`);
    const patterns = samples.map((s) => `%${cipher.decrypt(s.enc)}%`);
    expect(patterns).toHaveLength(80);
    const { rows: cols } = await first.pool.query<{ table_name: string; column_name: string }>(`SELECT table_name, column_name
      FROM information_schema.columns WHERE table_schema = 'public' AND data_type IN ('text', 'jsonb', 'character varying', 'ARRAY')`);
    expect(cols.length).toBeGreaterThan(50);
    for (const c of cols) {
      const { rows } = await first.pool.query(`SELECT count(*)::int AS n FROM "${c.table_name}" WHERE "${c.column_name}"::text LIKE ANY($1)`, [patterns]);
      expect(rows[0].n, `${c.table_name}.${c.column_name}`).toBe(0);
    }
  });
});

describe('demo portfolio loaded by a role that may not skip per-row checks', () => {
  it('is the same portfolio, with every foreign key checked row by row', async () => {
    const db = await createTestDatabase();
    const role = `leeway_demo_${randomBytes(4).toString('hex')}`;
    try {
      await db.pool.query(`CREATE ROLE ${role} NOSUPERUSER NOLOGIN`);
      await db.pool.query(`GRANT ALL ON ALL TABLES IN SCHEMA public TO ${role}`);
      await db.pool.query(`GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
      await inTransaction(db.pool, async (client) => {
        await client.query(`SET LOCAL ROLE ${role}`);
        const { rows } = await client.query(`SELECT current_setting('is_superuser') AS superuser`);
        expect(rows[0].superuser).toBe('off');
        return loadDemo(client, cipher, OPTIONS);
      });
      expect(await portfolioDigest(db)).toEqual(await portfolioDigest(first));
    } finally {
      await db.drop();
      const admin = new pg.Client({ connectionString: inject('pgServerUrl') });
      await admin.connect();
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    }
  });
});

describe('the demo\'s US bank', () => {
  it('`leeway demo --us-accounts N` loads it beside the Chinese portfolio (and `--payments N` the Chinese banks\' payment files)', async () => {
    const db = await createTestDatabase();
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-demo-'));
    try {
      const run = await runCli(['demo', '--accounts', '40', '--us-accounts', '12', '--payments', '8', '--json'], { env: { DATABASE_URL: db.url, LEEWAY_DATA_DIR: dataDir } });
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ accounts: 40, us: { accounts: 12, rejected: 0, dealt: 12 }, payments: { payments: 8, rejected: 0 } });
      const { rows } = await db.pool.query(`SELECT c.code, count(a.id)::int AS n FROM creditors c JOIN accounts a ON a.creditor_id = c.id WHERE c.code = 'PRAIRIE' GROUP BY 1`);
      expect(rows).toEqual([{ code: 'PRAIRIE', n: 12 }]);
      // The bank's own user signs in with the demo password, reads English, and sees its bank's accounts and no other bank's.
      const ctx = testContext(db.pool);
      const { user } = await signIn(ctx, { username: 'us.bank1', password: 'leeway-demo', ip: '127.0.0.1' });
      expect(user).toMatchObject({ role: 'creditor_user', team_id: null, locale: 'en' });
      const seen = await listAccounts(ctx, actorOf(user), { limit: 500, offset: 0 });
      expect(seen.total).toBe(12);
      expect(new Set(seen.items.map((a) => a.creditor_code))).toEqual(new Set(['PRAIRIE']));
    } finally {
      await db.drop();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  }, 90_000);

  it('places its first file through the import, under a US contract, dealt by state to the US desk; each debtor in their state, the accounts waiting for their validation notice', async () => {
    const db = await createTestDatabase();
    try {
      const ctx = testContext(db.pool);
      const loaded = await loadUsDemo(ctx, CLI_ACTOR, { accounts: 120, seed: 3 });
      expect(loaded).toEqual({ accounts: 120, rejected: 0, dealt: 120 });
      // The demo agency has a US number for these debtors to call back, an address in the US to write to and hours on a US clock
      // (the starter page's 400 line, Wuhan office and China's hours are not for them).
      expect((await findPage(db.pool, 'contact', 'en'))?.fields).toMatchObject({ phone: '400-800-1234', phone_us: '(312) 555-0148',
        address_us: '100 Demo Plaza, Suite 400, Chicago, IL 60601', hours_us: 'Monday to Friday 8am-8pm CT' });
      // One debtor in eight reads Spanish (the file's Preferred Language column).
      const { rows: [spanish] } = await db.pool.query(`SELECT count(*)::int AS n FROM debtors d JOIN accounts a ON a.debtor_id = d.id
        JOIN creditors c ON c.id = a.creditor_id WHERE c.code = 'PRAIRIE' AND d.preferred_language = 'es'`);
      expect(spanish.n).toBe(15);
      // A debt 180 days past due was charged off then: its figures are the file's, and come to its balance.
      const { rows: [charged] } = await db.pool.query(`SELECT count(*)::int AS n,
          count(*) FILTER (WHERE co.charged_off_on = a.first_delinquency_date + 180)::int AS on_time,
          count(*) FILTER (WHERE co.balance_fen + co.interest_fen + co.fees_fen - co.paid_fen = a.principal_fen + a.interest_fen + a.fees_fen)::int AS adding_up,
          (SELECT count(*)::int FROM accounts WHERE first_delinquency_date <= '2026-03-02'::date - 180) AS old_enough
        FROM account_charge_offs co JOIN accounts a ON a.creditor_id = co.creditor_id AND a.id = co.account_id`);
      expect(charged.n).toBeGreaterThan(30);
      expect(charged).toEqual({ n: charged.old_enough, on_time: charged.n, adding_up: charged.n, old_enough: charged.old_enough });
      const { rows: [contract] } = await db.pool.query(`SELECT k.pack FROM contracts k JOIN creditors c ON c.id = k.creditor_id WHERE c.code = 'PRAIRIE'`);
      expect(contract.pack).toBe('US');
      const owners = (await db.pool.query(`SELECT u.username, t.name AS team, count(*)::int AS n FROM assignments s JOIN users u ON u.id = s.collector_id
        JOIN teams t ON t.id = s.team_id WHERE s.ended_at IS NULL GROUP BY 1, 2 ORDER BY 1`)).rows;
      expect(owners.map((o) => [o.username, o.team])).toEqual([['us.collector1', 'US Desk'], ['us.collector2', 'US Desk']]);
      expect(Math.abs(owners[0].n - owners[1].n)).toBeLessThanOrEqual(1);
      const { rows: debtors } = await db.pool.query(`SELECT region_code, time_zone, id_number_mask FROM debtors`);
      expect(debtors.every((d) => /^US-[A-Z]{2}$/.test(d.region_code) && /^\*\*\*-\*\*-\d{4}$/.test(d.id_number_mask))).toBe(true);
      expect(new Set(debtors.map((d) => d.region_code)).size).toBeGreaterThan(8);
      const emails = (await db.pool.query(`SELECT count(*)::int AS n FROM contact_points WHERE kind = 'email'`)).rows[0].n;
      expect(emails).toBeGreaterThan(24);
      expect(emails).toBeLessThan(72);
      const { rows: [account] } = await db.pool.query(`SELECT id FROM accounts ORDER BY id LIMIT 1`);
      const decision = await decideContact(ctx, db.pool, account.id, { channel: 'call', party: 'debtor', purpose: 'collect', at: new Date('2026-03-02T17:00:00Z') });
      expect(decision.reasons.map((r) => r.rule)).toContain('US.validation_notice');
      // A few old debts among them, some time-barred in their state (the account page and the notice say so), none of the recent ones.
      const ages = (await db.pool.query(`SELECT coalesce(a.region_code, d.region_code) AS region, a.first_delinquency_date AS fdd
        FROM accounts a JOIN debtors d ON d.id = a.debtor_id`)).rows as Array<{ region: string; fdd: LocalDate }>;
      const barred = ages.filter((a) => timeBar(a.region, a.fdd, '2026-03-02' as LocalDate) !== null);
      expect(barred.length).toBeGreaterThan(0);
      expect(barred.length).toBeLessThanOrEqual(ages.length / 25 + 1);
      // The same seed gives the same file.
      expect(usDemoRows(5, 3, '2026-03-02' as LocalDate)).toEqual(usDemoRows(5, 3, '2026-03-02' as LocalDate));
      expect(usDemoRows(5, 4, '2026-03-02' as LocalDate)).not.toEqual(usDemoRows(5, 3, '2026-03-02' as LocalDate));
    } finally {
      await db.drop();
    }
  }, 60_000);
});

describe("the demo's payment files", () => {
  it('come in through the payment import: settled with their commission, never before the placement, some keeping promises; the same for the same seed', async () => {
    const load = async () => {
      const db = await createTestDatabase();
      const ctx = testContext(db.pool);   // business date 2026-03-02
      await loadDemoPortfolio(ctx, CLI_ACTOR, { accounts: 300, seed: 5 });
      const openBefore = (await db.pool.query(`SELECT count(*)::int AS n FROM promises WHERE status = 'open'`)).rows[0].n as number;
      const loaded = await loadDemoPayments(ctx, CLI_ACTOR, { payments: 60, seed: 5 });
      const rows = (await db.pool.query(`SELECT a.account_no, p.amount_fen, to_char(p.paid_on, 'YYYY-MM-DD') AS paid_on, p.source, p.batch_id IS NOT NULL AS from_file,
          p.settled_at IS NOT NULL AS settled, p.paid_on >= pl.placed_on AS after_placement, p.commission_fen,
          p.to_fees_fen + p.to_interest_fen + p.to_principal_fen = p.amount_fen AS allocated
        FROM payments p JOIN accounts a ON a.creditor_id = p.creditor_id AND a.id = p.account_id
        JOIN placements pl ON pl.creditor_id = a.creditor_id AND pl.id = a.placement_id ORDER BY p.id`)).rows;
      const paidOff = (await db.pool.query(`SELECT count(*)::int AS n FROM accounts a WHERE a.status = 'paid'
          AND (SELECT sum(p.amount_fen) FROM payments p WHERE p.account_id = a.id) = a.principal_fen + a.interest_fen + a.fees_fen`)).rows[0].n as number;
      await db.drop();
      return { loaded, rows, openBefore, paidOff };
    };
    const first = await load();
    expect(first.loaded).toMatchObject({ payments: 60, rejected: 0 });
    expect(first.rows).toHaveLength(60);
    expect(first.rows.every((r) => r.source === 'file' && r.from_file && r.settled && r.after_placement && r.allocated && r.amount_fen > 0
      && r.paid_on <= '2026-03-02')).toBe(true);
    expect(first.rows.filter((r) => r.commission_fen > 0).length).toBeGreaterThan(30);
    expect(first.loaded.promises_kept).toBeGreaterThan(0);
    expect(first.loaded.promises_kept).toBeLessThanOrEqual(first.openBefore);
    // A few pay the whole balance: those accounts are paid in full, and only those.
    expect(first.loaded.paid_in_full).toBeGreaterThan(0);
    expect(first.loaded.paid_in_full).toBe(first.paidOff);
    expect((await load()).rows).toEqual(first.rows);
  }, 90_000);
});
