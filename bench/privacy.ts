import { randomBytes } from 'node:crypto';
import { CLI_ACTOR, type AppContext } from '../src/app/context.ts';
import { erasePersonalData, personalDataOutlook } from '../src/app/privacy/erase-personal-data.ts';
import { PiiCipher } from '../src/db/pii.ts';
import { inTransaction } from '../src/db/pool.ts';
import { loadDemo } from '../src/demo/load.ts';
import type { Bench, BenchResult } from './types.ts';

/**
 * Personal data erasure (docs/privacy.md) over N demo accounts (default 200,000), half of them
 * recalled long ago, beside the least work it can be: the same debtors' rows and their contact
 * points rewritten by two plain set-based UPDATEs (names and ID numbers; values and masks), in
 * the same run on the same database, undone before the real run.
 */
export const bench: Bench = {
  name: 'privacy',
  needsDatabase: true,
  async run(ctx): Promise<BenchResult[]> {
    const pool = ctx.pool;
    if (!pool) throw new Error('the privacy bench needs a database');
    const rows = ctx.rows ?? 200_000;
    const app: AppContext = { pool, cipher: new PiiCipher(randomBytes(32)), now: () => new Date('2026-09-01T02:00:00Z'), agencyZone: 'Asia/Shanghai' };
    await inTransaction(pool, (client) => loadDemo(client, app.cipher, { accounts: rows, seed: 7, businessDate: '2026-03-02', passwordHash: 'x' }));
    // Every other debtor's accounts recalled in March, nothing pending for them: due on 1 September.
    await pool.query(`UPDATE accounts a SET status = 'recalled', recalled_on = '2026-03-31' WHERE a.debtor_id % 2 = 0`);
    await pool.query(`DELETE FROM complaints c USING accounts a WHERE a.creditor_id = c.creditor_id AND a.id = c.account_id AND a.debtor_id % 2 = 0`);
    await pool.query(`UPDATE hardship_applications h SET status = 'rejected' FROM accounts a
      WHERE a.creditor_id = h.creditor_id AND a.id = h.account_id AND a.debtor_id % 2 = 0 AND h.status IN ('draft', 'submitted')`);
    await pool.query('VACUUM ANALYZE');

    const t0 = performance.now();
    const outlook = await personalDataOutlook(app, CLI_ACTOR);
    const outlookSeconds = (performance.now() - t0) / 1000;

    // The floor: the same rows rewritten with no judgement, rolled back.
    const client = await pool.connect();
    let baselineSeconds = 0;
    try {
      await client.query('BEGIN');
      const t1 = performance.now();
      await client.query(`UPDATE debtors SET name = '已删除', id_number_enc = NULL, id_number_hash = NULL, id_number_mask = NULL WHERE id % 2 = 0`);
      await client.query(`UPDATE contact_points SET value_mask = '已删除', value_hash = sha256(convert_to('erased:' || id, 'UTF8')) WHERE debtor_id % 2 = 0`);
      baselineSeconds = (performance.now() - t1) / 1000;
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }

    const t2 = performance.now();
    const run = await erasePersonalData(app, CLI_ACTOR);
    const seconds = (performance.now() - t2) / 1000;
    return [{
      bench: 'privacy', rows: run.debtors, seconds: round(seconds), rows_per_s: Math.round(run.debtors / seconds),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024), baseline_seconds: round(baselineSeconds), ratio: round(seconds / baselineSeconds),
      accounts: rows, outlook_seconds: round(outlookSeconds), due: outlook.due, erased: run,
    }];
  },
};

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
