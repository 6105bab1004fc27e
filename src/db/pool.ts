import pg from 'pg';

// int8 (ids, fen) as JS numbers: every value we store is a safe integer (money is guarded by
// the money module), and numbers keep the code plain. numeric stays a string.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// Business dates stay 'YYYY-MM-DD' strings: a date is not an instant.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;
export type Queryable = pg.Pool | pg.PoolClient | pg.Client;

/**
 * A pool whose connections carry the agency's zone as the setting leeway.agency_zone: the
 * database's own business dates (agency_zone(), migration 0029) are taken in it. Without a
 * zone they are taken in Asia/Shanghai.
 */
export function createPool(url: string, max = 10, agencyZone?: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'leeway',
    ...(agencyZone ? { options: `-c leeway.agency_zone=${agencyZone}` } : {}) });
  pool.on('error', () => {}); // an idle client lost its server: the next query reports it
  return pool;
}

/** Runs `work` in one transaction (`begin`: its BEGIN, e.g. with an isolation level); rolls back on any error. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** The same URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = '/' + database;
  return u.toString();
}
