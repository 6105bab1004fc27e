import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { to as copyTo } from 'pg-copy-streams';
import { CLI_ACTOR, type AppContext } from '../src/app/context.ts';
import { exportAccountStatus } from '../src/app/exports/account-status.ts';
import { exportContactRecords } from '../src/app/exports/contact-records.ts';
import { PiiCipher } from '../src/db/pii.ts';
import { inTransaction } from '../src/db/pool.ts';
import { loadDemo } from '../src/demo/load.ts';
import type { Bench, BenchResult } from './types.ts';

/**
 * Contact records for the bank (docs/exports.md): N contact attempts (default 1,000,000) of one
 * creditor on one day, exported as the bank gets them (CSV in UTF-8 and GBK, XLSX), beside the
 * physical limit: PostgreSQL's own `COPY (the same query) TO STDOUT (FORMAT csv)` of the same
 * rows, read by this process, in the same run. Then the account status of the demo's accounts
 * (`--rows` / 10, at least 20,000) against the same kind of COPY of its query.
 */
export const bench: Bench = {
  name: 'exports',
  needsDatabase: true,
  async run(ctx): Promise<BenchResult[]> {
    const pool = ctx.pool;
    if (!pool) throw new Error('the exports bench needs a database');
    const rows = ctx.rows ?? 1_000_000;
    const app: AppContext = { pool, cipher: new PiiCipher(randomBytes(32)), now: () => new Date('2026-03-02T02:00:00Z'), agencyZone: 'Asia/Shanghai' };
    const demoAccounts = Math.max(20_000, Math.round(rows / 10));
    await inTransaction(pool, (client) => loadDemo(client, app.cipher, { accounts: demoAccounts, seed: 5, businessDate: '2026-03-02', passwordHash: 'x' }));
    const { rows: [bank] } = await pool.query<{ id: number; code: string; accounts: number }>(
      `SELECT c.id, c.code, count(*)::int AS accounts FROM creditors c JOIN accounts a ON a.creditor_id = c.id GROUP BY c.id ORDER BY count(*) DESC LIMIT 1`);
    // N attempts spread over 1 March (Shanghai), round the creditor's accounts, with notes.
    await pool.query(`
      WITH acc AS (SELECT row_number() OVER (ORDER BY a.id) - 1 AS rn, a.creditor_id, a.id, a.debtor_id,
                          (SELECT cp.id FROM contact_points cp WHERE cp.debtor_id = a.debtor_id AND cp.kind = 'phone' LIMIT 1) AS phone
                     FROM accounts a WHERE a.creditor_id = $1),
           n AS (SELECT count(*) AS n FROM acc)
      INSERT INTO contact_attempts (creditor_id, account_id, debtor_id, contact_point_id, channel, party, purpose, outcome, at, collector_id, note)
      SELECT acc.creditor_id, acc.id, acc.debtor_id, acc.phone, 'call', 'debtor', 'collect',
             (ARRAY['no_answer', 'busy', 'right_party', 'promise', 'callback_requested'])[1 + g % 5],
             timestamptz '2026-03-01 00:00:00+08' + (g * (86400.0 / $2)) * interval '1 second',
             (SELECT id FROM users WHERE role = 'collector' ORDER BY id LIMIT 1),
             CASE WHEN g % 3 = 0 THEN '债务人称下周发工资后还款, 约好 "周五" 再联系' END
        FROM generate_series(0, $2 - 1) g JOIN n ON true JOIN acc ON acc.rn = g % n.n`, [bank!.id, rows]);
    await pool.query('VACUUM ANALYZE');

    const counter = () => {
      let bytes = 0;
      return { sink: new Writable({ write(chunk: Buffer, _e, done) { bytes += chunk.length; done(); } }), bytes: () => bytes };
    };
    // The limit: the database writing the same rows as CSV itself.
    const client = await pool.connect();
    let baselineSeconds = 0;
    let baselineBytes = 0;
    try {
      const c = counter();
      const t0 = performance.now();
      await pipeline(client.query(copyTo(`COPY (
        SELECT a.account_no, to_char(ca.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS'), ca.channel, ca.party, cp.value_mask, ca.outcome,
               ca.delinquency_reason, ca.note, u.display_name, ca.initiated_by, ca.recording_ref
          FROM contact_attempts ca JOIN accounts a ON a.creditor_id = ca.creditor_id AND a.id = ca.account_id
          LEFT JOIN contact_points cp ON cp.id = ca.contact_point_id LEFT JOIN users u ON u.id = ca.collector_id
         WHERE ca.creditor_id = ${bank!.id} AND ca.at >= '2026-03-01 00:00+08' AND ca.at < '2026-03-02 00:00+08'
         ORDER BY ca.at, ca.id) TO STDOUT (FORMAT csv)`)), c.sink);
      baselineSeconds = (performance.now() - t0) / 1000;
      baselineBytes = c.bytes();
    } finally {
      client.release();
    }

    const results: BenchResult[] = [{ bench: 'exports', case: 'raw_copy_csv', rows, seconds: round(baselineSeconds), rows_per_s: Math.round(rows / baselineSeconds),
      file_mb: round(baselineBytes / 2 ** 20) }];
    for (const [name, format, encoding] of [['contacts_csv', 'csv', 'utf8'], ['contacts_csv_gbk', 'csv', 'gbk'], ['contacts_xlsx', 'xlsx', 'utf8']] as const) {
      const c = counter();
      const t = performance.now();
      const file = await exportContactRecords(app, CLI_ACTOR, { creditor: bank!.code, format, encoding });
      await pipeline(file.body, c.sink);
      const seconds = (performance.now() - t) / 1000;
      results.push({ bench: 'exports', case: name, rows, seconds: round(seconds), rows_per_s: Math.round(rows / seconds),
        peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024), baseline_seconds: round(baselineSeconds), ratio: round(seconds / baselineSeconds),
        file_mb: round(c.bytes() / 2 ** 20) });
    }

    // Account status: the creditor's accounts with their last contact, open promise and holds.
    const statusClient = await pool.connect();
    let statusBaseline = 0;
    try {
      const c = counter();
      const t0 = performance.now();
      await pipeline(statusClient.query(copyTo(`COPY (
        SELECT a.account_no, a.status, a.principal_fen, a.interest_fen, a.fees_fen, a.first_delinquency_date, u.display_name,
               to_char(la.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS'), la.outcome, pr.amount_fen, pr.due_date,
               (SELECT string_agg(DISTINCT h.kind, ',' ORDER BY h.kind) FROM holds h WHERE h.debtor_id = a.debtor_id AND h.released_at IS NULL
                  AND h.starts_on <= '2026-03-02' AND (h.ends_on IS NULL OR h.ends_on >= '2026-03-02') AND (h.account_id IS NULL OR (h.creditor_id = a.creditor_id AND h.account_id = a.id)))
          FROM accounts a JOIN debtors d ON d.id = a.debtor_id AND d.erased_at IS NULL
          LEFT JOIN assignments s ON s.creditor_id = a.creditor_id AND s.account_id = a.id AND s.ended_at IS NULL
          LEFT JOIN users u ON u.id = s.collector_id
          LEFT JOIN LATERAL (SELECT ca.at, ca.outcome FROM contact_attempts ca WHERE ca.creditor_id = a.creditor_id AND ca.account_id = a.id
                              ORDER BY ca.at DESC, ca.id DESC LIMIT 1) la ON true
          LEFT JOIN LATERAL (SELECT p.amount_fen, p.due_date FROM promises p WHERE p.creditor_id = a.creditor_id AND p.account_id = a.id AND p.status = 'open'
                              ORDER BY p.due_date, p.id LIMIT 1) pr ON true
         WHERE a.creditor_id = ${bank!.id} AND a.status <> 'recalled' ORDER BY a.id) TO STDOUT (FORMAT csv)`)), c.sink);
      statusBaseline = (performance.now() - t0) / 1000;
    } finally {
      statusClient.release();
    }
    const c = counter();
    const t = performance.now();
    const file = await exportAccountStatus(app, CLI_ACTOR, { creditor: bank!.code });
    await pipeline(file.body, c.sink);
    const statusSeconds = (performance.now() - t) / 1000;
    const statusRows = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM accounts WHERE creditor_id = $1 AND status <> 'recalled'`, [bank!.id])).rows[0]!.n;
    results.push({ bench: 'exports', case: 'account_status_csv', rows: statusRows, seconds: round(statusSeconds), rows_per_s: Math.round(statusRows / statusSeconds),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024), baseline_seconds: round(statusBaseline), ratio: round(statusSeconds / statusBaseline),
      file_mb: round(c.bytes() / 2 ** 20), contact_attempts: rows });
    return results;
  },
};

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
