import { randomBytes } from 'node:crypto';
import { planContacts } from '../src/app/compliance/plan-contacts.ts';
import { CLI_ACTOR, type AppContext } from '../src/app/context.ts';
import { streamPlanRows } from '../src/db/contact-plan-repository.ts';
import { PiiCipher } from '../src/db/pii.ts';
import { inTransaction } from '../src/db/pool.ts';
import { loadDemo } from '../src/demo/load.ts';
import type { Bench, BenchResult } from './types.ts';

/**
 * The call plan (`leeway contacts plan`) over N demo accounts (default 1,000,000) with a
 * realistic state: a Hubei region suspension, holds on ~3% of debtors, and recent attempts
 * on ~10%. Target: under 30 s for 1M accounts. The baseline is the same rows streamed from
 * the database without judging them, so the ratio shows what the engine adds.
 */
export const bench: Bench = {
  name: 'contacts-plan',
  needsDatabase: true,
  async run(ctx): Promise<BenchResult[]> {
    const pool = ctx.pool;
    if (!pool) throw new Error('the contacts-plan bench needs a database');
    const rows = ctx.rows ?? 1_000_000;
    const app: AppContext = { pool, cipher: new PiiCipher(randomBytes(32)), now: () => new Date('2026-03-02T02:00:00Z'), agencyZone: 'Asia/Shanghai' };
    await inTransaction(pool, (client) => loadDemo(client, app.cipher, { accounts: rows, seed: 7, businessDate: '2026-03-02', passwordHash: 'x' }));
    await pool.query(`INSERT INTO suspensions (scope, code, from_date, to_date, reason) VALUES ('region', '420000', '2026-03-01', '2026-03-31', 'bench')`);
    await pool.query(`INSERT INTO holds (debtor_id, kind, reason, starts_on) SELECT id, 'dispute', 'bench', '2026-03-01' FROM debtors WHERE id % 33 = 0`);
    await pool.query(`INSERT INTO contact_attempts (creditor_id, account_id, debtor_id, channel, party, purpose, outcome, at)
      SELECT creditor_id, id, debtor_id, 'call', 'debtor', 'collect', 'no_answer', timestamptz '2026-03-03 08:30+08' - (id % 3) * interval '1 day'
        FROM accounts WHERE id % 10 = 0`);
    await pool.query('ANALYZE');

    let streamed = 0;
    const t0 = performance.now();
    await streamPlanRows(pool, { scope: { kind: 'all' }, teamId: null, channel: 'call', historySince: new Date('2026-02-16T00:00:00Z'), businessDate: '2026-03-03',
      onBatch: (batch) => { streamed += batch.length; } });
    const baselineSeconds = (performance.now() - t0) / 1000;

    let included = 0;
    const t1 = performance.now();
    const summary = await planContacts(app, CLI_ACTOR, { date: '2026-03-03', time: '09:00', channel: 'call' }, () => { included++; });
    const seconds = (performance.now() - t1) / 1000;
    return [{
      bench: 'contacts-plan', rows: summary.accounts, seconds: round(seconds), rows_per_s: Math.round(summary.accounts / seconds),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024), baseline_seconds: round(baselineSeconds), ratio: round(seconds / baselineSeconds),
      target_seconds: 30, included, left_out_by_rule: summary.left_out_by_rule, streamed,
    }];
  },
};

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
