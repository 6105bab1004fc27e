import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { offboardCollector } from '../src/app/assignment/offboard-collector.ts';
import { hashPassword } from '../src/app/auth/passwords.ts';
import { CLI_ACTOR } from '../src/app/context.ts';
import { openRuntime } from '../src/cli/runtime.ts';
import { freePort } from '../src/db/embedded.ts';
import { insertUser } from '../src/db/users-repository.ts';
import type { Bench, BenchResult } from './types.ts';

const LEEWAY_BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/leeway.mjs');
const PASSWORD = 'load-bench-password';
/** A Tuesday morning in China (not a holiday): calling hours whatever the hour of the run. */
const CLOCK_START = '2026-03-03T10:00:00+08:00';

/**
 * The collector's day under load: the real `leeway start` (embedded PostgreSQL, migrations,
 * a demo portfolio of --rows accounts, default 40,000; the HTTP server as users run it) and
 * N collectors (LOAD_COLLECTORS, default 200), each signed in with its own session and holding
 * its share of the portfolio (the demo's collectors are offboarded to their teams, which
 * deals their accounts among the new ones). First the morning: every collector asks for an
 * account at once (which builds each one's queue), timed apart. Then for LOAD_SECONDS
 * (default 60) each collector works: the call (LOAD_THINK_MS, default 3,000 ms on average,
 * drawn between half and one and a half times it), POST /api/accounts/:id/contacts (no
 * answer, to the debtor's first usable phone of their own, read once before the day: a call
 * the agency makes names the number it went to; an account with none is counted apart,
 * no_phone), POST /api/queue/next giving the account back. Three seconds a call is ten times
 * faster than a person can dial, wait for the rings and type the note, so 200 simulated
 * collectors offer the load of about 2,000 people. A 409 CONTACT_NOT_ALLOWED is the engine's
 * answer, counted apart; any other status, a network error or a 5 s timeout is an error.
 * LOAD_THINK_MS=0 is a closed loop (every collector asks again the moment it has its answer):
 * it measures capacity, and its latency is at least collectors / throughput.
 * Target: p99 of each request under 50 ms, zero errors.
 */
export const bench: Bench = {
  name: 'load',
  needsDatabase: false,
  async run(ctx): Promise<BenchResult[]> {
    const accounts = ctx.rows ?? 40_000;
    const collectors = envInt('LOAD_COLLECTORS', 200);
    const seconds = envInt('LOAD_SECONDS', 60);
    const thinkMs = envInt('LOAD_THINK_MS', 3000, 0);
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-load-'));
    const server = await startServer(dataDir, accounts);
    try {
      const setupStarted = performance.now();
      const usernames = await prepareCollectors(dataDir, collectors);
      const phones = await debtorPhones(dataDir);
      const agent = new http.Agent({ keepAlive: true, maxSockets: collectors + 10 });
      const client = new Client(server.url, agent);
      const cookies: string[] = [];
      for (let i = 0; i < usernames.length; i += 10) { // argon2 on every sign-in: a few at a time
        cookies.push(...await Promise.all(usernames.slice(i, i + 10).map((u) => client.signIn(u))));
      }
      const setupSeconds = (performance.now() - setupStarted) / 1000;

      const stats = new Stats();
      // The morning: every collector asks for a first account at once, which builds each
      // one's queue. Timed apart from the day that follows.
      const warmupStarted = performance.now();
      const firsts = await Promise.all(cookies.map((cookie) => firstAccount(client, cookie, stats)));
      const warmupSeconds = (performance.now() - warmupStarted) / 1000;
      const load0 = os.loadavg()[0]!;
      const cpu0 = await cpuSeconds(server.pid);
      const client0 = process.cpuUsage();
      const started = performance.now();
      const until = started + seconds * 1000;
      await Promise.all(cookies.map((cookie, i) => collectorLoop(client, cookie, phones, until, stats, thinkMs, firsts[i] ?? null)));
      const elapsed = (performance.now() - started) / 1000;
      const load1 = os.loadavg()[0]!;
      const cpu1 = await cpuSeconds(server.pid);
      const clientCpu = process.cpuUsage(client0);
      agent.destroy();

      const next = summarise(stats.next);
      const log = summarise(stats.log);
      const combined = summarise([...stats.next, ...stats.log]);
      const requests = stats.next.length + stats.log.length;
      return [{
        bench: 'load', rows: accounts, seconds: round(elapsed), rows_per_s: Math.round(requests / elapsed),
        collectors, think_ms: thinkMs, warmup: { seconds: round(warmupSeconds), first_next_account_ms: summarise(stats.warmup) }, requests, requests_per_s: round(requests / elapsed), contacts_logged: stats.logged,
        contacts_per_s: round(stats.logged / elapsed),
        next_account_ms: next, log_contact_ms: log, combined_ms: combined,
        refused_by_engine: stats.refused, no_account: stats.noAccount, no_phone: stats.noPhone, errors: stats.errors, error_samples: stats.errorSamples,
        target: { p99_ms: 50, errors: 0 }, met: combined.p99 < 50 && stats.errors === 0,
        loadavg_1m: { before: round(load0), after: round(load1) }, cpus: os.cpus().length,
        cpu_seconds: { server_node: round(cpu1.node - cpu0.node), postgres: round(cpu1.postgres - cpu0.postgres),
          load_client: round((clientCpu.user + clientCpu.system) / 1e6) },
        cpu_ms_per_request: { server_node: round(((cpu1.node - cpu0.node) * 1000) / requests), postgres: round(((cpu1.postgres - cpu0.postgres) * 1000) / requests) },
        setup_seconds: round(setupSeconds), server_rss_mb: await rssMb(server.pid),
      }];
    } finally {
      await server.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  },
};

export class Stats {
  warmup: number[] = [];
  next: number[] = [];
  log: number[] = [];
  logged = 0;
  refused = 0;
  noAccount: Record<string, number> = {};
  /** Accounts given whose debtor has no usable phone of their own: nothing to call, so nothing logged. */
  noPhone = 0;
  errors = 0;
  errorSamples: string[] = [];
  error(what: string): void {
    this.errors++;
    if (this.errorSamples.length < 5) this.errorSamples.push(what);
  }
}

/** A collector's first "next account" of the day (it builds their queue); the account it gave, if any. */
export async function firstAccount(client: Client, cookie: string, stats: Stats): Promise<number | null> {
  const next = await client.post('/api/queue/next', cookie, {});
  if (next.status !== 200) { stats.error(`first next ${next.status} ${next.body.slice(0, 200)}`); return null; }
  stats.warmup.push(next.ms);
  return (JSON.parse(next.body) as { account_id: number | null }).account_id;
}

/**
 * One collector's day: the call (LOAD_THINK_MS on average, drawn uniformly between half and
 * one and a half times it, so collectors drift apart as people do), the contact logged,
 * the next account asked for while giving back the last. Collectors start spread over one
 * think time, not all in the same millisecond.
 */
export async function collectorLoop(client: Client, cookie: string, phones: ReadonlyMap<number, number>, until: number, stats: Stats, thinkMs = 0,
  first: number | null = null): Promise<void> {
  let current: number | null = first;
  const think = () => (thinkMs > 0 ? pause(thinkMs * (0.5 + Math.random())) : Promise.resolve());
  if (thinkMs > 0) await pause(Math.random() * thinkMs);
  while (performance.now() < until) {
    if (current !== null) {
      await think(); // the call itself
      const phone = phones.get(current);
      if (phone === undefined) stats.noPhone++;
      else {
        const logged = await client.post(`/api/accounts/${current}/contacts`, cookie, { channel: 'call', outcome: 'no_answer', contact_point_id: phone });
        if (logged.status === 201) { stats.log.push(logged.ms); stats.logged++; }
        else if (logged.status === 409 && logged.body.includes('CONTACT_NOT_ALLOWED')) { stats.log.push(logged.ms); stats.refused++; }
        else stats.error(`log ${logged.status} ${logged.body.slice(0, 200)}`);
      }
      if (performance.now() >= until) break;
    }
    const next = await client.post('/api/queue/next', cookie, current === null ? {} : { release: current });
    current = null;
    if (next.status !== 200) { stats.error(`next ${next.status} ${next.body.slice(0, 200)}`); await pause(100); continue; }
    stats.next.push(next.ms);
    const answer = JSON.parse(next.body) as { account_id: number | null; reason?: string };
    if (answer.account_id === null) {
      // Nothing to call now: a collector would wait a little before asking again.
      stats.noAccount[answer.reason ?? 'none'] = (stats.noAccount[answer.reason ?? 'none'] ?? 0) + 1;
      await pause(1000);
      continue;
    }
    current = answer.account_id;
  }
}

/**
 * Each account's debtor's first usable phone of their own (not marked invalid, not erased),
 * as the account page lists it first: where the collector's call goes. Read once, before the
 * day, so the timed requests stay the contact logged and the next account.
 */
export async function debtorPhones(dataDir: string): Promise<Map<number, number>> {
  const rt = await openRuntime(dataDir, 'command');
  try {
    const { rows } = await rt.ctx.pool.query<{ account_id: string; point: string }>(
      `SELECT a.id AS account_id, min(cp.id) AS point FROM accounts a JOIN contact_points cp ON cp.debtor_id = a.debtor_id
        WHERE cp.kind = 'phone' AND cp.owner = 'debtor' AND cp.verified <> 'invalid' AND cp.erased_at IS NULL GROUP BY a.id`);
    return new Map(rows.map((r) => [Number(r.account_id), Number(r.point)]));
  } finally {
    await rt.db.close();
  }
}

/** node:http with keep-alive: one connection per collector, the lightest client Node has. */
export class Client {
  constructor(private readonly base: string, private readonly agent: http.Agent) {}

  async signIn(username: string): Promise<string> {
    const res = await this.request('POST', '/api/auth/login', null, { username, password: PASSWORD });
    if (res.status !== 200) throw new Error(`sign-in of ${username} answered ${res.status}: ${res.body}`);
    const cookie = res.setCookie.find((c) => c.startsWith('leeway_session=')) ?? res.setCookie[0];
    if (!cookie) throw new Error(`sign-in of ${username} set no cookie`);
    return cookie.split(';')[0]!;
  }

  post(url: string, cookie: string, body: unknown): Promise<Answer> {
    return this.request('POST', url, cookie, body);
  }

  private request(method: string, url: string, cookie: string | null, body: unknown): Promise<Answer> {
    const payload = JSON.stringify(body);
    return new Promise((resolve) => {
      const started = performance.now();
      const req = http.request(this.base + url, {
        method, agent: this.agent, timeout: 5000,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...(cookie ? { cookie } : {}) },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), ms: performance.now() - started,
          setCookie: res.headers['set-cookie'] ?? [] }));
        res.on('error', (e) => resolve({ status: 0, body: String(e), ms: performance.now() - started, setCookie: [] }));
      });
      req.on('timeout', () => req.destroy(new Error('timeout after 5 s')));
      req.on('error', (e) => resolve({ status: 0, body: String(e), ms: performance.now() - started, setCookie: [] }));
      req.end(payload);
    });
  }
}

interface Answer { status: number; body: string; ms: number; setCookie: string[] }

/** `leeway start` as the README runs it, its log (at the default level) going to a file. */
async function startServer(dataDir: string, accounts: number): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, LEEWAY_CLOCK_START: CLOCK_START };
  delete env.DATABASE_URL;
  const logFile = path.join(dataDir, 'server.log');
  const out = await fs.open(logFile, 'w');
  const child = spawn(process.execPath, [LEEWAY_BIN, 'start', '--port', String(port), '--data-dir', dataDir,
    '--demo-accounts', String(accounts), '--demo-seed', '1'], { env, stdio: ['ignore', out.fd, out.fd] });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const deadline = Date.now() + 600_000;
  for (;;) {
    const log = await fs.readFile(logFile, 'utf8');
    if (log.includes('Press Ctrl-C to stop')) break;
    if (child.exitCode !== null) throw new Error(`leeway start exited with ${child.exitCode}:\n${log.slice(-3000)}`);
    if (Date.now() > deadline) { child.kill('SIGKILL'); throw new Error(`leeway start did not come up:\n${log.slice(-3000)}`); }
    await pause(250);
  }
  return {
    url: `http://127.0.0.1:${port}`, pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGINT');
      await exited;
      await out.close();
    },
  };
}

/**
 * N new collectors spread over the demo's teams, then every demo collector offboarded to
 * their team: the existing use case deals their accounts among the team's active collectors,
 * the new ones. Returns the new usernames.
 */
export async function prepareCollectors(dataDir: string, count: number): Promise<string[]> {
  const rt = await openRuntime(dataDir, 'command');
  try {
    const pool = rt.ctx.pool;
    const { rows: teams } = await pool.query<{ id: number; accounts: number }>(
      `SELECT t.id, count(a.id)::int AS accounts FROM teams t JOIN assignments a ON a.team_id = t.id AND a.ended_at IS NULL
        GROUP BY t.id ORDER BY t.id`);
    const { rows: old } = await pool.query<{ username: string; team_id: number }>(
      `SELECT username, team_id FROM users WHERE role = 'collector' AND active ORDER BY id`);
    const total = teams.reduce((s, t) => s + t.accounts, 0);
    const passwordHash = await hashPassword(PASSWORD);
    const usernames: string[] = [];
    // Collectors per team in proportion to its accounts, at least one each.
    let made = 0;
    const staffed = new Set<number>();
    for (const [i, team] of teams.entries()) {
      const share = i === teams.length - 1 ? count - made : Math.max(1, Math.round((count * team.accounts) / total));
      for (let k = 0; k < share && made < count; k++, made++) {
        const username = `load${String(made + 1).padStart(3, '0')}`;
        await insertUser(pool, { username, displayName: `压测${made + 1}`, passwordHash, role: 'collector', teamId: team.id });
        usernames.push(username);
        staffed.add(team.id);
      }
    }
    const admin = { ...CLI_ACTOR, role: 'admin' as const };
    for (const o of old.filter((u) => staffed.has(u.team_id))) await offboardCollector(rt.ctx, admin, { user: o.username, to: { kind: 'team', ref: o.team_id }, reason: 'load bench' });
    await pool.query('VACUUM ANALYZE');
    return usernames;
  } finally {
    await rt.db.close();
  }
}

export function summarise(ms: number[]): { n: number; p50: number; p95: number; p99: number; max: number } {
  const sorted = Float64Array.from(ms).sort();
  const at = (p: number) => (sorted.length ? round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!) : 0);
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.length ? round(sorted[sorted.length - 1]!) : 0 };
}

async function rssMb(pid: number): Promise<number | undefined> {
  try {
    const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+)/.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : undefined;
  } catch { return undefined; }
}

function envInt(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`${name} must be a whole number of at least ${min}, got "${raw}"`);
  return n;
}

/** CPU seconds (user + system) so far of the server's Node process and of its PostgreSQL (all descendants). */
export async function cpuSeconds(serverPid: number): Promise<{ node: number; postgres: number }> {
  const tick = 100; // USER_HZ
  const stats = new Map<number, { ppid: number; cpu: number }>();
  for (const entry of await fs.readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const text = await fs.readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    if (fields.length < 15) continue;
    stats.set(Number(entry), { ppid: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) / tick });
  }
  let postgres = 0;
  const below = (pid: number): boolean => {
    for (let p = stats.get(pid)?.ppid; p !== undefined && p > 1; p = stats.get(p)?.ppid) if (p === serverPid) return true;
    return false;
  };
  for (const [pid, s] of stats) if (pid !== serverPid && below(pid)) postgres += s.cpu;
  return { node: stats.get(serverPid)?.cpu ?? 0, postgres };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
