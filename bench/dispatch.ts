import { randomBytes } from 'node:crypto';
import { localAdapter } from '../src/channels/index.ts';
import type { AppContext } from '../src/app/context.ts';
import { dispatchOutbox } from '../src/app/messages/dispatch-outbox.ts';
import { PiiCipher } from '../src/db/pii.ts';
import { inTransaction } from '../src/db/pool.ts';
import { loadDemo } from '../src/demo/load.ts';
import type { Bench, BenchResult } from './types.ts';

/**
 * Message dispatch (docs/messages.md): one SMS queued for every open account whose debtor has a
 * phone of their own, N demo accounts (default 20,000), sent through the local adapter at
 * 10:00 on a Monday, each judged again by the compliance engine under its account's lock and
 * recorded as a contact attempt. Beside it, the least the database must do for the same
 * messages: one set-based statement that marks them all sent and records the attempts (no
 * judgement, no lock); the ratio is how much the per-message judgement costs.
 */
export const bench: Bench = {
  name: 'dispatch',
  needsDatabase: true,
  async run(ctx): Promise<BenchResult[]> {
    const pool = ctx.pool;
    if (!pool) throw new Error('the dispatch bench needs a database');
    const rows = ctx.rows ?? 20_000;
    const at = new Date('2026-03-02T02:00:00Z');   // Monday 10:00 in Shanghai
    const app: AppContext = { pool, cipher: new PiiCipher(randomBytes(32)), now: () => at, agencyZone: 'Asia/Shanghai' };
    await inTransaction(pool, (client) => loadDemo(client, app.cipher, { accounts: rows, seed: 7, businessDate: '2026-03-02', passwordHash: 'x' }));
    const queue = () => pool.query(`
      INSERT INTO outbox (creditor_id, account_id, contact_point_id, channel, purpose, to_enc, to_mask, body, decision, created_at)
      SELECT DISTINCT ON (a.debtor_id) a.creditor_id, a.id, cp.id, 'sms', 'collect', cp.value_enc, cp.value_mask, 'bench', '{}', $1
        FROM accounts a JOIN contact_points cp ON cp.debtor_id = a.debtor_id AND cp.kind = 'phone' AND cp.owner = 'debtor' AND cp.verified <> 'invalid'
       WHERE a.status NOT IN ('paid', 'settled', 'recalled', 'closed') ORDER BY a.debtor_id, a.id, cp.id`, [at]);
    await queue();
    await pool.query('VACUUM ANALYZE');

    const t0 = performance.now();
    const summary = await dispatchOutbox(app, localAdapter());
    const seconds = (performance.now() - t0) / 1000;
    const messages = summary.sent + summary.cancelled + summary.deferred + summary.failed + summary.expired;

    // The same messages again, written set-wise: the floor.
    await pool.query(`UPDATE outbox SET status = 'cancelled' WHERE status = 'queued'`);
    await queue();
    const t1 = performance.now();
    await inTransaction(pool, async (client) => {
      await client.query(`
        WITH sent AS (UPDATE outbox o SET status = 'sent', adapter = 'local', provider_ref = 'local-' || o.id, sent_at = $1, dispatch_decision = '{}'
                       WHERE o.status = 'queued' RETURNING o.id, o.creditor_id, o.account_id, o.contact_point_id)
        INSERT INTO contact_attempts (creditor_id, account_id, debtor_id, contact_point_id, channel, party, purpose, outcome, initiated_by, at, decision)
        SELECT s.creditor_id, s.account_id, cp.debtor_id, s.contact_point_id, 'sms', 'debtor', 'collect', 'sms_sent', 'agency', $1, '{}'
          FROM sent s JOIN contact_points cp ON cp.id = s.contact_point_id`, [at]);
    });
    const baselineSeconds = (performance.now() - t1) / 1000;
    return [{
      bench: 'dispatch', rows: messages, seconds: round(seconds), rows_per_s: Math.round(messages / seconds),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024), baseline_seconds: round(baselineSeconds), ratio: round(seconds / baselineSeconds),
      summary,
    }];
  },
};

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
