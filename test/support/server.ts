import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../src/db/embedded.ts';
import { LEEWAY_BIN } from './cli.ts';

export interface RunningLeeway {
  url: string;
  dataDir: string;
  process: ChildProcess;
  output(): string;
  /** Ctrl-C, as a user would; resolves with the exit code. */
  stop(): Promise<number | null>;
  logins: Array<{ username: string; password: string; role: string }>;
}

/**
 * Starts the real `leeway start` process exactly as the README does (embedded database,
 * migrations, demo portfolio, API and web app) on a free port with a temporary data dir.
 * `from`: a stopped data dir whose cluster is made and migrated (e2e/support/cluster-template.ts),
 * copied into the temporary one first, so the start skips making the cluster (initdb) and
 * migrating it, and goes on as it does on any existing data dir (the demo loads into its empty
 * database). Copied with `cp -a`: as root the cluster's files belong to the `postgres` user.
 */
export async function startLeeway(opts: { demoAccounts?: number; demoUsAccounts?: number; seed?: number; dataDir?: string; from?: string; clockStart?: string; env?: Record<string, string> } = {}):
  Promise<RunningLeeway> {
  const dataDir = opts.dataDir ?? await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-start-'));
  if (opts.from !== undefined) await promisify(execFile)('cp', ['-a', `${opts.from}/.`, dataDir]);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL; // the README path: an embedded database
  if (opts.clockStart) env.LEEWAY_CLOCK_START = opts.clockStart;
  Object.assign(env, opts.env);
  const child = spawn(process.execPath, [LEEWAY_BIN, 'start', '--port', String(port), '--data-dir', dataDir,
    '--demo-accounts', String(opts.demoAccounts ?? 400), '--demo-seed', String(opts.seed ?? 1), '--demo-us-accounts', String(opts.demoUsAccounts ?? 0)],
    { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 120_000;
  while (!output.includes('Press Ctrl-C to stop')) {
    if (child.exitCode !== null) throw new Error(`leeway start exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) { child.kill('SIGKILL'); throw new Error(`leeway start did not come up:\n${output}`); }
    await new Promise((r) => setTimeout(r, 100));
  }
  const health = await fetch(`${url}/healthz`);
  if (!health.ok) throw new Error(`healthz answered ${health.status}`);

  const logins = [...output.matchAll(/^ {2}(\S+)\s+(admin|supervisor|collector|creditor_user)$/gm)]
    .map((m) => ({ username: m[1]!, role: m[2]!, password: /password: (\S+)\)/.exec(output)?.[1] ?? '' }));
  return {
    url, dataDir, process: child, logins,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGINT');
      const code = await exited;
      if (!opts.dataDir) await fs.rm(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
