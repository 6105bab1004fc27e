import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { startLeeway, type RunningLeeway } from '../../test/support/server.ts';
import type { Login } from './api.ts';

export interface LeewayHarness {
  /** The running server's base URL. */
  readonly url: string;
  readonly logins: readonly Login[];
  /** The demo's first login of a role. */
  login(role: string): Login;
  /**
   * Work on the server's own database, for what no screen or route sets up (a past recall, a
   * new hire): one connection, closed after `work`.
   */
  withDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T>;
}

/**
 * The server of a test file: Leeway started with the demo portfolio before the file's tests,
 * on a copy of the run's migrated cluster and serving the web app the run built from the
 * current sources (both e2e/support/cluster-template.ts); stopped after them. Read its fields
 * inside the tests (they exist once the file's beforeAll has run).
 */
export function useLeeway(options: Parameters<typeof startLeeway>[0]): LeewayHarness {
  let running: RunningLeeway | undefined;
  beforeAll(async () => {
    running = await startLeeway({ from: inject('leewayDataTemplate'), ...options });
  });
  afterAll(async () => { await running?.stop(); });
  const current = (): RunningLeeway => {
    if (!running) throw new Error('Leeway is not started yet: read it inside a test');
    return running;
  };
  return {
    get url() { return current().url; },
    get logins() { return current().logins; },
    login(role: string): Login {
      const found = current().logins.find((l) => l.role === role);
      if (!found) throw new Error(`startLeeway() lists no ${role} login`);
      return found;
    },
    async withDatabase(work) {
      // The embedded server records where it listens and how to sign in beside its data.
      const recorded = JSON.parse(await fs.readFile(path.join(current().dataDir, 'postgres.json'), 'utf8')) as { port: number; user: string; password: string };
      const client = new pg.Client({ host: '127.0.0.1', port: recorded.port, user: recorded.user, password: recorded.password, database: 'leeway' });
      await client.connect();
      try { return await work(client); } finally { await client.end(); }
    },
  };
}
