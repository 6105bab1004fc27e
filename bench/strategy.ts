import { randomBytes } from 'node:crypto';
import { CLI_ACTOR, type AppContext } from '../src/app/context.ts';
import { runStrategy } from '../src/app/strategy/run-strategy.ts';
import { PiiCipher } from '../src/db/pii.ts';
import { inTransaction } from '../src/db/pool.ts';
import { loadDemo } from '../src/demo/load.ts';
import type { Bench, BenchResult } from './types.ts';

/**
 * The nightly strategy run over N demo accounts (default 1,000,000) beside the plain
 * statement it must not be slower than: one `UPDATE accounts SET bucket = CASE ...` over the
 * same table (into a scratch column the bench adds; the product has no such column). The
 * demo portfolio brings promises, holds, addresses and invalid phones; the bench adds
 * payments on a third of the promises and a Hubei region suspension.
 * Target: ratio (run seconds / UPDATE seconds) <= 1.
 */
export const bench: Bench = {
  name: 'strategy',
  needsDatabase: true,
  async run(ctx): Promise<BenchResult[]> {
    const pool = ctx.pool;
    if (!pool) throw new Error('the strategy bench needs a database');
    const rows = ctx.rows ?? 1_000_000;
    // The portfolio is generated as of the 2nd; the run is a week later, when many of its promises fall due.
    const loadedOn = '2026-03-02';
    const date = '2026-03-09';
    const app: AppContext = { pool, cipher: new PiiCipher(randomBytes(32)), now: () => new Date('2026-03-09T18:00:00Z'), agencyZone: 'Asia/Shanghai' };
    await inTransaction(pool, (client) => loadDemo(client, app.cipher, { accounts: rows, seed: 7, businessDate: loadedOn, passwordHash: 'x' }));
    await pool.query(`INSERT INTO suspensions (scope, code, from_date, to_date, reason) VALUES ('region', '420000', '2026-03-01', '2026-03-31', 'bench')`);
    await pool.query(`INSERT INTO payments (creditor_id, account_id, txn_id, amount_fen, paid_on)
      SELECT creditor_id, account_id, 'bench-' || id, amount_fen / (1 + id % 2), least(due_date, $1::date) FROM promises WHERE id % 3 = 0`, [date]);
    await pool.query('ALTER TABLE accounts ADD COLUMN bench_bucket text');
    await pool.query('VACUUM ANALYZE');

    const t0 = performance.now();
    const { summary } = await runStrategy(app, CLI_ACTOR, { date });
    const seconds = (performance.now() - t0) / 1000;

    const t1 = performance.now();
    const again = await runStrategy(app, CLI_ACTOR, { date });
    const rerunSeconds = (performance.now() - t1) / 1000;

    const t2 = performance.now();
    await pool.query(`UPDATE accounts SET bench_bucket = CASE
        WHEN $1::date - first_delinquency_date <= 0 THEN 'M0' WHEN $1::date - first_delinquency_date <= 30 THEN 'M1'
        WHEN $1::date - first_delinquency_date <= 60 THEN 'M2' WHEN $1::date - first_delinquency_date <= 90 THEN 'M3'
        WHEN $1::date - first_delinquency_date <= 120 THEN 'M4' WHEN $1::date - first_delinquency_date <= 150 THEN 'M5'
        WHEN $1::date - first_delinquency_date <= 180 THEN 'M6' ELSE 'M7+' END`, [date]);
    const baselineSeconds = (performance.now() - t2) / 1000;
    await pool.query('ALTER TABLE accounts DROP COLUMN bench_bucket');

    return [{
      bench: 'strategy', rows: summary.accounts, seconds: round(seconds), rows_per_s: Math.round(summary.accounts / seconds),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024), baseline_seconds: round(baselineSeconds), ratio: round(seconds / baselineSeconds),
      target_ratio: 1, summary, rerun: { seconds: round(rerunSeconds), changed: again.summary.changed, sms_queued: again.summary.sms_queued },
    }];
  },
};

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
