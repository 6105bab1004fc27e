import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openEmbedded, type EmbeddedServer } from '../../src/db/embedded.ts';
import { migrate } from '../../src/db/migrate.ts';
import { withDatabase } from '../../src/db/pool.ts';

export const TEMPLATE_DATABASE = 'leeway_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
  }
}

let server: EmbeddedServer | undefined;
let dataDir: string | undefined;

/**
 * One PostgreSQL server for the whole run: DATABASE_URL's when set, otherwise an embedded
 * cluster in a temporary directory (durability settings off: it is thrown away). A template
 * database is migrated once; each test file clones it (test/support/db.ts).
 */
export async function setup(project: TestProject): Promise<void> {
  let url = process.env.DATABASE_URL;
  if (!url) {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-test-'));
    server = await openEmbedded({
      dataDir,
      owner: 'server',
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '200' },
    });
    url = server.url;
  }
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();
  const template = new pg.Client({ connectionString: withDatabase(url, TEMPLATE_DATABASE) });
  await template.connect();
  await migrate(template);
  await template.end();
  project.provide('pgServerUrl', url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
}
