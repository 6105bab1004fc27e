import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openEmbedded, type EmbeddedServer } from '../src/db/embedded.ts';
import { migrate } from '../src/db/migrate.ts';
import { createPool, withDatabase } from '../src/db/pool.ts';
import type { Bench, BenchResult } from './types.ts';

/** The benchmarks, by name. Each prints one JSON line per result. */
const BENCHES: Record<string, () => Promise<{ bench: Bench }>> = {
  demo: () => import('./demo.ts'),
  compliance: () => import('./compliance.ts'),
  'contacts-plan': () => import('./contacts-plan.ts'),
  import: () => import('./import.ts'),
  strategy: () => import('./strategy.ts'),
  load: () => import('./load.ts'),
  reports: () => import('./reports.ts'),
  deal: () => import('./deal.ts'),
  dispatch: () => import('./dispatch.ts'),
  privacy: () => import('./privacy.ts'),
  exports: () => import('./exports.ts'),
  backup: () => import('./backup.ts'),
};

export async function main(argv: string[]): Promise<void> {
  const names: string[] = [];
  let rows: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--rows') {
      rows = Number(argv[++i]);
      if (!Number.isSafeInteger(rows) || rows < 1) usage(`--rows needs a positive whole number, got "${argv[i]}"`);
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`Usage: npm run bench -- [NAME...] [--rows N]\nBenchmarks: ${Object.keys(BENCHES).join(', ')}\n`);
      return;
    } else if (BENCHES[arg]) names.push(arg);
    else usage(`unknown benchmark "${arg}"; known: ${Object.keys(BENCHES).join(', ')}`);
  }
  for (const name of names.length ? names : Object.keys(BENCHES)) {
    const { bench } = await BENCHES[name]!();
    const db = bench.needsDatabase ? await throwawayDatabase() : undefined;
    try {
      const results: BenchResult[] = await bench.run({ rows, pool: db?.pool });
      for (const r of results) process.stdout.write(JSON.stringify(r) + '\n');
    } finally {
      await db?.close();
    }
  }
}

function usage(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

/**
 * Extra settings for the embedded server, to measure a tuning: BENCH_PG_SETTINGS as a JSON object
 * (`{"wal_writer_delay": "1ms"}`); both the raw COPY and the import run on that server.
 */
function benchServerSettings(): Record<string, string> {
  const raw = process.env.BENCH_PG_SETTINGS;
  if (!raw) return {};
  const parsed = JSON.parse(raw) as unknown;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !Object.values(parsed).every((v) => typeof v === 'string')) {
    usage('BENCH_PG_SETTINGS must be a JSON object of setting names to text values, e.g. {"wal_writer_delay":"1ms"}');
  }
  return parsed as Record<string, string>;
}

/** A migrated database that disappears afterwards: on DATABASE_URL's server, or an embedded one. */
async function throwawayDatabase(): Promise<{ pool: pg.Pool; close(): Promise<void> }> {
  let server: EmbeddedServer | undefined;
  let dataDir: string | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-bench-'));
    server = await openEmbedded({ dataDir, owner: 'server', settings: { max_wal_size: '4GB', checkpoint_timeout: '30min', ...benchServerSettings() } });
    serverUrl = server.url;
  }
  const db = await migratedDatabase(serverUrl, `leeway_bench_${process.pid}`, 4);
  return {
    pool: db.pool,
    close: async () => {
      await db.close();
      await server?.stop();
      if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A new database `name` on the server at `serverUrl` (one left by an earlier run dropped first), migrated; `close` drops it. */
export async function migratedDatabase(serverUrl: string, name: string, connections: number): Promise<{ pool: pg.Pool; close(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const pool = createPool(withDatabase(serverUrl, name), connections);
  const client = await pool.connect();
  try { await migrate(client); } finally { client.release(); }
  return {
    pool,
    close: async () => {
      await pool.end();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
