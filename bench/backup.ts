import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import pg from 'pg';
import { backupDatabase, loadOrder, restoreDatabase } from '../src/app/backup/backup.ts';
import { CLI_ACTOR, type AppContext } from '../src/app/context.ts';
import { copyTableIn, copyTableOut, disableUserTriggers, foreignKeys, tableShapes, truncateAll, userTriggers } from '../src/db/backup-repository.ts';
import { PiiCipher } from '../src/db/pii.ts';
import { inTransaction } from '../src/db/pool.ts';
import { loadDemo } from '../src/demo/load.ts';
import { migratedDatabase } from './run.ts';
import type { Bench, BenchResult } from './types.ts';

/**
 * Backup and restore (src/app/backup/backup.ts) of a database of N demo accounts (default
 * 200,000) beside the least work each can be, in the same run on the same server: every table
 * copied out as binary COPY and thrown away (the backup's floor: what the database must send), and
 * the same rows copied into an empty database of the schema, in the same order with the same
 * triggers held off, rolled back (the restore's floor). What the product adds is the compression,
 * the checksums and the row counts.
 */
export const bench: Bench = {
  name: 'backup',
  needsDatabase: true,
  async run(ctx): Promise<BenchResult[]> {
    const pool = ctx.pool;
    if (!pool) throw new Error('the backup bench needs a database');
    const accounts = ctx.rows ?? 200_000;
    const app: AppContext = { pool, cipher: new PiiCipher(randomBytes(32)), now: () => new Date('2026-03-02T02:00:00Z'), agencyZone: 'Asia/Shanghai' };
    await inTransaction(pool, (client) => loadDemo(client, app.cipher, { accounts, seed: 7, businessDate: '2026-03-02', passwordHash: 'x' }));
    await pool.query('VACUUM ANALYZE');
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-bench-backup-'));
    const target = await emptyDatabase(pool);
    try {
      // The backup's floor: every table out as binary COPY, in one snapshot, thrown away.
      const t0 = performance.now();
      const client = await pool.connect();
      let rawBytes = 0;
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        for (const table of await tableShapes(client)) {
          await copyTableOut(client, table, new Writable({ write(chunk: Buffer, _e, done) { rawBytes += chunk.length; done(); } }));
        }
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      const rawOut = (performance.now() - t0) / 1000;

      const t1 = performance.now();
      const made = await backupDatabase(app, CLI_ACTOR, { dir: path.join(dir, 'backup') });
      const backupSeconds = (performance.now() - t1) / 1000;

      // The restore's floor: the same rows, uncompressed, into the empty database, rolled back.
      const restoreApp: AppContext = { ...app, pool: target.pool };
      const rawIn = await rawRestore(pool, target.pool);
      const t2 = performance.now();
      const restored = await restoreDatabase(restoreApp, CLI_ACTOR, { dir: path.join(dir, 'backup') });
      const restoreSeconds = (performance.now() - t2) / 1000;
      const rss = Math.round(process.resourceUsage().maxRSS / 1024);
      return [
        { bench: 'backup', case: 'backup', rows: made.rows, seconds: round(backupSeconds), rows_per_s: Math.round(made.rows / backupSeconds), peak_rss_mb: rss,
          baseline_seconds: round(rawOut), ratio: round(backupSeconds / rawOut), accounts, tables: made.tables, raw_mb: round(rawBytes / 1e6),
          backup_mb: round(made.bytes / 1e6) },
        { bench: 'backup', case: 'restore', rows: restored.rows, seconds: round(restoreSeconds), rows_per_s: Math.round(restored.rows / restoreSeconds),
          peak_rss_mb: rss, baseline_seconds: round(rawIn), ratio: round(restoreSeconds / rawIn), accounts },
      ];
    } finally {
      await target.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  },
};

/** Every table's rows copied from `source` into the empty `target` as binary COPY, as a restore loads them, then rolled back; seconds taken. */
async function rawRestore(source: pg.Pool, target: pg.Pool): Promise<number> {
  const from = await source.connect();
  const into = await target.connect();
  try {
    const shapes = await tableShapes(from);
    const files = new Map<string, Buffer>();
    for (const table of shapes) {
      const chunks: Buffer[] = [];
      await copyTableOut(from, table, new Writable({ write(chunk: Buffer, _e, done) { chunks.push(chunk); done(); } }));
      files.set(table.name, Buffer.concat(chunks));
    }
    const t = performance.now();
    await into.query('BEGIN');
    for (const name of new Set((await userTriggers(into)).map((x) => x.table))) await disableUserTriggers(into, name);
    const names = shapes.map((s) => s.name).filter((n) => n !== 'schema_migrations');
    await truncateAll(into, names);
    for (const name of loadOrder(names, await foreignKeys(into))) {
      await copyTableIn(into, shapes.find((s) => s.name === name)!, Readable.from([files.get(name)!]));
    }
    const seconds = (performance.now() - t) / 1000;
    await into.query('ROLLBACK');
    return seconds;
  } finally {
    from.release();
    into.release();
  }
}

/** A migrated database beside `pool`'s on the same server, dropped afterwards. */
function emptyDatabase(pool: pg.Pool): Promise<{ pool: pg.Pool; close(): Promise<void> }> {
  const url = (pool as unknown as { options: { connectionString: string } }).options.connectionString;
  return migratedDatabase(url, `leeway_bench_restore_${process.pid}`, 2);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
