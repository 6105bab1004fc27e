import type { Command } from 'commander';
import type { AppContext } from '../app/context.ts';
import { agencyZone, publicUrl, recordingUrlTemplate, resolveDataDir } from '../config.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { loadDataKey } from '../db/data-key.ts';
import { migrate } from '../db/migrate.ts';
import { PiiCipher } from '../db/pii.ts';

/**
 * The clock use cases read. Real time, unless LEEWAY_CLOCK_START gives an instant: then the
 * clock starts there and runs on in real time. For demos and training on the demo portfolio
 * ("it is Monday 10:00 in Wuhan"), and for browser tests that need calling hours.
 */
export function clockFromEnv(): () => Date {
  const start = process.env.LEEWAY_CLOCK_START;
  if (!start) return () => new Date();
  const origin = Date.parse(start);
  if (Number.isNaN(origin)) throw new Error(`LEEWAY_CLOCK_START must be an ISO 8601 instant, e.g. 2026-03-02T10:00:00+08:00, not "${start}"`);
  const startedAt = Date.now();
  return () => new Date(origin + (Date.now() - startedAt));
}

export interface Runtime { ctx: AppContext; db: Database; dataDir: string }

/** The --data-dir given anywhere on the command line (it is a global option). */
export function dataDirOf(command: Command): string {
  const opts = command.optsWithGlobals() as { dataDir?: string };
  return resolveDataDir(opts.dataDir);
}

/**
 * Opens the database (the running embedded server, a temporary one, or DATABASE_URL),
 * brings the schema up to date, and hands the use cases their context.
 */
export async function openRuntime(dataDir: string, owner: 'server' | 'command' = 'command', log?: (line: string) => void,
  options: { migrate?: boolean } = {}): Promise<Runtime> {
  const zone = agencyZone();
  const recordingUrl = recordingUrlTemplate();
  const publicAddress = publicUrl();
  const db = await openDatabase({ dataDir, owner, agencyZone: zone, ...(log ? { log } : {}) });
  try {
    if (options.migrate !== false) {
      const client = await db.pool.connect();
      try { await migrate(client); } finally { client.release(); }
    }
    const ctx: AppContext = { pool: db.pool, cipher: new PiiCipher(loadDataKey(dataDir)), now: clockFromEnv(), agencyZone: zone, recordingUrl, publicUrl: publicAddress };
    return { ctx, db, dataDir };
  } catch (error) {
    await db.close();
    throw error;
  }
}

export async function withRuntime<T>(command: Command, work: (rt: Runtime) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
  const rt = await openRuntime(dataDirOf(command), 'command', undefined, options);
  try {
    return await work(rt);
  } finally {
    await rt.db.close();
  }
}

export { printJson } from './print.ts';
