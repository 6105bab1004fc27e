import { randomBytes } from 'node:crypto';
import { dealUnassignedAccounts } from '../src/app/assignment/deal-accounts.ts';
import { CLI_ACTOR, type AppContext } from '../src/app/context.ts';
import { PiiCipher } from '../src/db/pii.ts';
import { inTransaction } from '../src/db/pool.ts';
import { loadDemo } from '../src/demo/load.ts';
import type { Bench, BenchResult } from './types.ts';

/**
 * Dealing (分案) N open accounts (default 100,000) that have no owner, by territory, within
 * each team balancing count and balance, a debtor's accounts of one creditor together, beside
 * the plain statements it is measured against: one `INSERT INTO assignments SELECT ...` giving
 * the same accounts an owner by a simple modulo (no rules), into the same table with the same
 * indexes, plus one plain `UPDATE accounts SET status = 'active'` (dealt accounts leave
 * 'placed'), in the same run. The demo portfolio is loaded, its assignments ended and its open
 * accounts set back to 'placed', as after an import; the history rows stay.
 * Target: ratio (deal seconds / (INSERT + UPDATE seconds)) <= 1.5.
 */
export const bench: Bench = {
  name: 'deal',
  needsDatabase: true,
  async run(ctx): Promise<BenchResult[]> {
    const pool = ctx.pool;
    if (!pool) throw new Error('the deal bench needs a database');
    const rows = ctx.rows ?? 100_000;
    const app: AppContext = { pool, cipher: new PiiCipher(randomBytes(32)), now: () => new Date('2026-03-02T02:00:00Z'), agencyZone: 'Asia/Shanghai' };
    await inTransaction(pool, (client) => loadDemo(client, app.cipher, { accounts: rows, seed: 3, businessDate: '2026-03-02', passwordHash: 'x' }));

    // As after an import: the open accounts are 'placed' and nobody's.
    const unassign = async () => {
      await pool.query(`UPDATE assignments SET ended_at = '2026-03-01T00:00:00Z' WHERE ended_at IS NULL`);
      await pool.query(`UPDATE accounts SET status = 'placed' WHERE status = 'active'`);
      await pool.query('VACUUM ANALYZE assignments');
      await pool.query('VACUUM ANALYZE accounts');
    };

    // The baseline, no rules: the same accounts get an owner in one INSERT ... SELECT, and
    // become 'active' in one plain UPDATE: the two writes any deal has to make.
    await unassign();
    const t0 = performance.now();
    const baseline = await pool.query(
      `WITH c AS (SELECT array_agg(id ORDER BY id) AS ids, array_agg(team_id ORDER BY id) AS teams FROM users WHERE role = 'collector' AND active)
       INSERT INTO assignments (creditor_id, account_id, collector_id, team_id, assigned_at, reason)
       SELECT a.creditor_id, a.id, c.ids[1 + a.id % cardinality(c.ids)], c.teams[1 + a.id % cardinality(c.ids)], '2026-03-02T02:00:00Z', 'bench'
         FROM accounts a, c WHERE a.status NOT IN ('paid', 'settled', 'recalled', 'closed')`);
    const insertSeconds = (performance.now() - t0) / 1000;
    const t0b = performance.now();
    await pool.query(`UPDATE accounts SET status = 'active' WHERE status = 'placed'`);
    const updateSeconds = (performance.now() - t0b) / 1000;
    const baselineSeconds = insertSeconds + updateSeconds;

    await unassign();
    const t1 = performance.now();
    const summary = await dealUnassignedAccounts(app, CLI_ACTOR);
    const seconds = (performance.now() - t1) / 1000;

    // Rules kept: a debtor's accounts of one creditor with one collector; counts balanced within teams.
    const { rows: [check] } = await pool.query<{ split_debtors: number; spread: number }>(
      `SELECT (SELECT count(*)::int FROM (SELECT a.creditor_id, a.debtor_id FROM assignments s JOIN accounts a ON a.id = s.account_id AND a.creditor_id = s.creditor_id
                 WHERE s.ended_at IS NULL GROUP BY 1, 2 HAVING count(DISTINCT s.collector_id) > 1) x) AS split_debtors,
              (SELECT coalesce(max(hi - lo), 0)::int FROM (SELECT team_id, max(n) AS hi, min(n) AS lo FROM
                 (SELECT team_id, collector_id, count(*) AS n FROM assignments WHERE ended_at IS NULL GROUP BY 1, 2) t GROUP BY team_id) s) AS spread`);

    return [{
      bench: 'deal', rows: summary.dealt, seconds: round(seconds), rows_per_s: Math.round(summary.dealt / seconds),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      baseline_seconds: round(baselineSeconds), baseline_insert_seconds: round(insertSeconds), baseline_update_seconds: round(updateSeconds), baseline_rows: baseline.rowCount, ratio: round(seconds / baselineSeconds), target_ratio: 1.5,
      dealt: summary.dealt, no_territory: summary.no_territory, no_collector: summary.no_collector,
      debtors_split: check!.split_debtors, max_count_spread_in_team: check!.spread,
    }];
  },
};

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
