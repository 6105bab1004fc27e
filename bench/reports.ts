import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Actor, AppContext } from '../src/app/context.ts';
import { CLI_ACTOR } from '../src/app/context.ts';
import { complianceReport } from '../src/app/reports/compliance-report.ts';
import { contactFunnel } from '../src/app/reports/contact-funnel.ts';
import { recoveryReport } from '../src/app/reports/recovery.ts';
import { rollRateReport } from '../src/app/reports/roll-rates.ts';
import { takeMonthEndSnapshot } from '../src/app/reports/take-month-end.ts';
import { vintageReport } from '../src/app/reports/vintages.ts';
import { PiiCipher } from '../src/db/pii.ts';
import { inTransaction } from '../src/db/pool.ts';
import { loadDemo } from '../src/demo/load.ts';
import type { Bench, BenchResult } from './types.ts';

/**
 * Every report over N demo accounts (default 1,000,000) and 5 x N payments, against the
 * 2-second target. The demo portfolio brings accounts, assignments, promises and
 * complaints; the bench adds, set-based: five payments per account between its placement
 * and the business date (credited to its owner, a tenth of them reversed), one agency
 * contact attempt per account, 5,000 refused attempts in the audit log, and the month-end
 * snapshots of the previous and current month. Each report runs three times (the slowest
 * counts), as admin and in the scopes that filter (creditor user, supervisor, collector).
 * Baseline: recovery by creditor computed straight from payments and accounts, i.e. what
 * a report would cost without the summary tables.
 */
export const bench: Bench = {
  name: 'reports',
  needsDatabase: true,
  async run(ctx): Promise<BenchResult[]> {
    const pool = ctx.pool;
    if (!pool) throw new Error('the reports bench needs a database');
    const rows = ctx.rows ?? 1_000_000;
    const businessDate = '2026-06-14';
    const app: AppContext = { pool, cipher: new PiiCipher(randomBytes(32)), now: () => new Date('2026-06-14T04:00:00Z'), agencyZone: 'Asia/Shanghai' };
    const setup: Record<string, number> = {};
    const step = async (name: string, work: () => Promise<unknown>) => {
      const t = performance.now();
      await work();
      setup[name] = round((performance.now() - t) / 1000);
    };

    await step('demo_load_s', () => inTransaction(pool, (client) => loadDemo(client, app.cipher, { accounts: rows, seed: 11, businessDate, passwordHash: 'x' })));
    // Payments in five statements (each one payment per account), so each trigger run sees a million rows, not five.
    await step('payments_s', async () => {
      for (let k = 1; k <= 5; k++) {
        // As the payment import does: foreign keys proven by construction, per-row FK triggers off
        // (the report triggers are ENABLE ALWAYS and still run).
        await inTransaction(pool, async (client) => {
          await client.query("SET LOCAL session_replication_role = replica");
          await client.query(
          `INSERT INTO payments (creditor_id, account_id, txn_id, amount_fen, paid_on, collector_id)
           SELECT a.creditor_id, a.id, 'bench-' || a.id || '-' || $2::int,
                  CASE WHEN (a.id + $2::int) % 10 = 0 THEN -1000 ELSE 1000 + (a.id * 7919 + $2::int * 104729) % 50000 END,
                  p.placed_on + ((a.id * 31 + $2::int * 17) % greatest(1, $1::date - p.placed_on))::int, s.collector_id
             FROM accounts a JOIN placements p ON p.creditor_id = a.creditor_id AND p.id = a.placement_id
             LEFT JOIN assignments s ON s.creditor_id = a.creditor_id AND s.account_id = a.id AND s.ended_at IS NULL`, [businessDate, k]);
        });
      }
    });
    await step('contact_attempts_s', () => pool.query(
      `INSERT INTO contact_attempts (creditor_id, account_id, debtor_id, channel, party, purpose, outcome, at, collector_id)
       SELECT a.creditor_id, a.id, a.debtor_id, 'call', 'debtor', 'collect',
              (ARRAY['no_answer', 'busy', 'right_party', 'promise', 'powered_off', 'refuses', 'connected'])[1 + a.id % 7],
              '2026-06-01T01:00:00Z'::timestamptz + (a.id % 13 * interval '1 day') + (a.id % 600 * interval '1 minute'), s.collector_id
         FROM accounts a LEFT JOIN assignments s ON s.creditor_id = a.creditor_id AND s.account_id = a.id AND s.ended_at IS NULL`));
    await step('refusals_s', () => pool.query(
      `INSERT INTO audit_log (actor_user_id, actor, action, entity, entity_id, creditor_id, detail, prev_hash, hash)
       SELECT s.collector_id, 'bench', 'contact.refused', 'account', s.account_id::text, s.creditor_id,
              jsonb_build_object('reasons', CASE WHEN s.account_id % 3 = 0 THEN '["quiet_hours", "daily_limit"]'::jsonb ELSE '["quiet_hours"]'::jsonb END), '', ''
         FROM assignments s WHERE s.ended_at IS NULL ORDER BY s.account_id LIMIT 5000`));
    const monthEnd: Record<string, unknown> = {};
    await step('month_end_s', async () => {
      monthEnd.may = await takeMonthEndSnapshot(app, CLI_ACTOR, { month: '2026-05' });
      monthEnd.june = await takeMonthEndSnapshot(app, CLI_ACTOR, { month: '2026-06' });
    });
    await step('vacuum_analyze_s', () => pool.query('VACUUM ANALYZE'));

    const counts = (await pool.query<{ accounts: string; payments: string; attempts: string; placed_rows: string; recovered_rows: string; contact_rows: string }>(
      `SELECT (SELECT count(*) FROM accounts) AS accounts, (SELECT count(*) FROM payments) AS payments, (SELECT count(*) FROM contact_attempts) AS attempts,
              (SELECT count(*) FROM report_placed) AS placed_rows, (SELECT count(*) FROM report_recovered) AS recovered_rows,
              (SELECT count(*) FROM report_contacts) AS contact_rows`)).rows[0]!;
    const actors = await benchActors(pool);
    const period = { from: '2026-06-01', to: '2026-06-14' };
    const cases: [string, () => Promise<unknown>][] = [
      ...(['creditor', 'region', 'bucket', 'placement_month', 'collector'] as const).map((by) =>
        [`recovery_by_${by}`, () => recoveryReport(app, CLI_ACTOR, { by })] as [string, () => Promise<unknown>]),
      ['recovery_creditor_user', () => recoveryReport(app, actors.creditorUser, { by: 'region' })],
      ['recovery_supervisor', () => recoveryReport(app, actors.supervisor, { by: 'collector' })],
      ['recovery_collector', () => recoveryReport(app, actors.collector, { by: 'bucket' })],
      ['vintages', () => vintageReport(app, CLI_ACTOR, {})],
      ['vintages_creditor_user', () => vintageReport(app, actors.creditorUser, {})],
      ['roll_rates', () => rollRateReport(app, CLI_ACTOR, {})],
      ['roll_rates_supervisor', () => rollRateReport(app, actors.supervisor, {})],
      ['funnel', () => contactFunnel(app, CLI_ACTOR, period)],
      ['funnel_collector', () => contactFunnel(app, actors.collector, period)],
      ['compliance', () => complianceReport(app, CLI_ACTOR, period)],
      ['compliance_creditor_user', () => complianceReport(app, actors.creditorUser, period)],
    ];
    const results: BenchResult[] = [];
    let slowest = 0;
    for (const [name, run] of cases) {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        await run();
        times.push((performance.now() - t) / 1000);
      }
      const worst = Math.max(...times);
      slowest = Math.max(slowest, worst);
      results.push({ bench: 'reports', case: name, rows, seconds: round(worst), rows_per_s: Math.round(rows / worst), runs: times.map(round), target_seconds: 2 });
    }

    // One more payment: the trigger's cost on a single insert, and the report moves at once.
    const before = await recoveryReport(app, CLI_ACTOR, { by: 'creditor' });
    const t1 = performance.now();
    await pool.query(`INSERT INTO payments (creditor_id, account_id, txn_id, amount_fen, paid_on)
      SELECT creditor_id, id, 'bench-live', 12345, $1::date FROM accounts ORDER BY id LIMIT 1`, [businessDate]);
    const insertMs = performance.now() - t1;
    const after = await recoveryReport(app, CLI_ACTOR, { by: 'creditor' });

    const t2 = performance.now();
    await pool.query(`SELECT a.creditor_id, sum(pl.placed) AS placed, sum(pl.paid) AS recovered FROM (
        SELECT a.creditor_id, a.id, a.principal_fen + a.interest_fen + a.fees_fen AS placed,
               (SELECT coalesce(sum(p.amount_fen), 0) FROM payments p WHERE p.creditor_id = a.creditor_id AND p.account_id = a.id) AS paid
          FROM accounts a) pl JOIN accounts a ON a.id = pl.id GROUP BY a.creditor_id`);
    const baselineSeconds = (performance.now() - t2) / 1000;

    results.push({
      bench: 'reports', case: 'summary', rows, seconds: round(slowest), rows_per_s: Math.round(rows / slowest), target_seconds: 2,
      baseline_seconds: round(baselineSeconds), ratio: round(slowest / baselineSeconds),
      accounts: Number(counts.accounts), payments: Number(counts.payments), contact_attempts: Number(counts.attempts),
      summary_rows: { placed: Number(counts.placed_rows), recovered: Number(counts.recovered_rows), contacts: Number(counts.contact_rows) },
      live_payment: { insert_ms: round(insertMs), recovered_before: before.total.recovered_fen, recovered_after: after.total.recovered_fen },
      month_end: monthEnd, setup_seconds: setup, peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    });
    return results;
  },
};

async function benchActors(pool: pg.Pool): Promise<{ creditorUser: Actor; supervisor: Actor; collector: Actor }> {
  const { rows } = await pool.query<{ id: number; username: string; role: Actor['role']; team_id: number | null; creditor_id: number | null }>(
    `SELECT DISTINCT ON (role) id::int, username, role, team_id::int, creditor_id::int FROM users
      WHERE role IN ('creditor_user', 'supervisor', 'collector') ORDER BY role, id`);
  const actor = (role: string): Actor => {
    const u = rows.find((r) => r.role === role)!;
    return { userId: u.id, username: u.username, role: u.role, teamId: u.team_id, creditorId: u.creditor_id };
  };
  return { creditorUser: actor('creditor_user'), supervisor: actor('supervisor'), collector: actor('collector') };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
