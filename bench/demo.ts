import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { PiiCipher } from '../src/db/pii.ts';
import { inTransaction } from '../src/db/pool.ts';
import { loadDemo } from '../src/demo/load.ts';
import type { Bench, BenchResult } from './types.ts';

const ACCOUNT_COLUMNS = 'creditor_id, account_no, account_no_mask, debtor_id, placement_id, product, principal_fen, interest_fen, ' +
  'fees_fen, first_delinquency_date, region_code, status';

/**
 * Generating and loading the demo portfolio (debtors, encrypted contact points, accounts,
 * assignments, workflow rows) against the physical limit: a raw COPY of the same account
 * rows, already rendered as COPY text, into a scratch table shaped like accounts (same
 * columns, checks and indexes; no foreign keys). The ratio says how much the whole
 * portfolio costs over the bare account rows.
 */
export const bench: Bench = {
  name: 'demo',
  needsDatabase: true,
  async run(ctx): Promise<BenchResult[]> {
    const pool = ctx.pool;
    if (!pool) throw new Error('the demo bench needs a database');
    const rows = ctx.rows ?? 1_000_000;
    const cipher = new PiiCipher(randomBytes(32));

    const cpuBefore = process.cpuUsage();
    let serverCpu: number | undefined;
    const started = performance.now();
    const summary = await inTransaction(pool, async (client) => {
      const { rows: [backend] } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const before = await processCpuSeconds(backend!.pid);
      const loaded = await loadDemo(client, cipher, { accounts: rows, seed: 1, businessDate: '2024-06-14', passwordHash: 'bench-not-a-real-hash' });
      const after = await processCpuSeconds(backend!.pid);
      if (before !== undefined && after !== undefined) serverCpu = after - before;
      return loaded;
    });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const peakRssMb = process.resourceUsage().maxRSS / 1024;

    const { rows: [written] } = await pool.query<{ n: string }>(`SELECT (SELECT count(*) FROM debtors) + (SELECT count(*) FROM contact_points)
      + (SELECT count(*) FROM accounts) + (SELECT count(*) FROM assignments) + (SELECT count(*) FROM promises)
      + (SELECT count(*) FROM holds) + (SELECT count(*) FROM complaints) + (SELECT count(*) FROM hardship_applications)
      + (SELECT count(*) FROM instalment_plans) + (SELECT count(*) FROM plan_instalments) AS n`);

    const baselineSeconds = await rawAccountCopy(pool);
    await pool.query('TRUNCATE creditors, teams, users, debtors RESTART IDENTITY CASCADE');

    return [{
      bench: 'demo.load',
      rows,
      seconds: round(seconds),
      rows_per_s: Math.round(rows / seconds),
      peak_rss_mb: Math.round(peakRssMb),
      baseline_seconds: round(baselineSeconds),
      ratio: round(seconds / baselineSeconds),
      debtors: summary.debtors,
      rows_written: Number(written!.n),
      client_cpu_seconds: round((cpu.user + cpu.system) / 1e6),
      ...(serverCpu === undefined ? {} : { server_cpu_seconds: round(serverCpu) }),
    }];
  },
};

/** The accounts just loaded, as COPY text in memory, then timed into a scratch copy of the table. */
async function rawAccountCopy(pool: NonNullable<Parameters<Bench['run']>[0]['pool']>): Promise<number> {
  const chunks: Buffer[] = [];
  const client = await pool.connect();
  try {
    await pipeline(client.query(copyTo(`COPY (SELECT ${ACCOUNT_COLUMNS} FROM accounts ORDER BY id) TO STDOUT`)),
      new Writable({ write(chunk: Buffer, _encoding, done) { chunks.push(chunk); done(); } }));
    await client.query('DROP TABLE IF EXISTS bench_demo_accounts');
    await client.query('CREATE TABLE bench_demo_accounts (LIKE accounts INCLUDING ALL)');
    const started = performance.now();
    await client.query('BEGIN');
    await pipeline(Readable.from(chunks), client.query(copyFrom(`COPY bench_demo_accounts (${ACCOUNT_COLUMNS}) FROM STDIN`)));
    await client.query('COMMIT');
    const seconds = (performance.now() - started) / 1000;
    await client.query('DROP TABLE bench_demo_accounts');
    return seconds;
  } finally {
    client.release();
  }
}

/** CPU seconds of a local process (the database backend), when this machine runs it; Linux only. */
async function processCpuSeconds(pid: number): Promise<number | undefined> {
  try {
    const fields = (await fs.readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime in clock ticks (USER_HZ = 100)
  } catch {
    return undefined;
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
