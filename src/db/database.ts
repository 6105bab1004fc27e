import pg from 'pg';
import { databaseConfig } from '../config.ts';
import { openEmbedded, type EmbeddedOptions } from './embedded.ts';
import { createPool, withDatabase } from './pool.ts';

export const DATABASE_NAME = 'leeway';

export interface Database {
  pool: pg.Pool;
  url: string;
  /** 'embedded' or 'external' (DATABASE_URL). */
  kind: 'embedded' | 'external';
  close(): Promise<void>;
}

export interface OpenOptions {
  dataDir?: string;
  owner?: EmbeddedOptions['owner'];
  log?: (line: string) => void;
  poolSize?: number;
  /** The agency's zone, carried by every connection (see createPool). */
  agencyZone?: string;
}

/**
 * Opens Leeway's database: the server at DATABASE_URL when set, otherwise the embedded
 * server of the data directory (connecting to it when running, starting it when not).
 * The embedded cluster's application database is created on first use.
 */
export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  const config = databaseConfig(options.dataDir);
  if (config.databaseUrl) {
    const pool = createPool(config.databaseUrl, options.poolSize, options.agencyZone);
    return { pool, url: config.databaseUrl, kind: 'external', close: () => pool.end() };
  }
  const server = await openEmbedded({ dataDir: config.dataDir, owner: options.owner ?? 'command', ...(options.log ? { log: options.log } : {}) });
  try {
    await ensureDatabase(server.url, DATABASE_NAME);
  } catch (error) {
    await server.stop();
    throw error;
  }
  const url = withDatabase(server.url, DATABASE_NAME);
  const pool = createPool(url, options.poolSize, options.agencyZone);
  return {
    pool,
    url,
    kind: 'embedded',
    close: async () => {
      await pool.end();
      await server.stop();
    },
  };
}

export async function ensureDatabase(serverUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}` +
        (template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : ''));
    }
  } catch (error) {
    // Two processes creating it at once: the loser finds it there.
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await client.end();
  }
}
