import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildWeb } from '../../src/http/build-web.ts';
import { runCli } from '../../test/support/cli.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    leewayDataTemplate: string;
  }
}

let dir: string | undefined;

/**
 * Once for the browser tests: the web app built from the current sources, and a data dir with
 * its embedded cluster made and migrated by `leeway migrate`. Each test file's server starts on
 * a copy of it (useLeeway), where making and migrating a cluster of its own took every file
 * about two seconds. e2e/web.test.ts and test/start.test.ts still start from an empty data dir,
 * as the README does.
 */
export async function setup(project: TestProject): Promise<void> {
  // The servers serve web/dist as they find it at start-up: the current app, built once for the run.
  await buildWeb();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-e2e-template-'));
  const migrated = await runCli(['migrate', '--data-dir', dir], { env: { DATABASE_URL: undefined, LOG_LEVEL: 'warn' }, timeoutMs: 120_000 });
  if (migrated.code !== 0) throw new Error(`leeway migrate --data-dir ${dir} failed:\n${migrated.stdout}${migrated.stderr}`);
  project.provide('leewayDataTemplate', dir);
}

export async function teardown(): Promise<void> {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
}
