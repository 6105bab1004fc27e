import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.ts';
import { startLeeway, type RunningLeeway } from './support/server.ts';

/** The README path itself: `leeway start` on an empty data dir, used over HTTP, then Ctrl-C. */
let dataDir: string;
let server: RunningLeeway;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-readme-'));
  server = await startLeeway({ dataDir, demoAccounts: 300 });
});
afterAll(async () => {
  if (server && server.process.exitCode === null) await server.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('leeway start', () => {
  it('prints the URL and demo logins for every role', () => {
    expect(server.output()).toContain(`Leeway is running at ${server.url}`);
    expect(server.logins.map((l) => l.role).sort()).toEqual(['admin', 'collector', 'creditor_user', 'supervisor']);
    expect(server.logins[0]!.password).toBe('leeway-demo');
  });

  it('serves the web app and the API; a demo collector signs in and sees their masked accounts', async () => {
    const page = await fetch(server.url + '/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const collector = server.logins.find((l) => l.role === 'collector')!;
    const login = await fetch(server.url + '/api/auth/login', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: collector.username, password: collector.password }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const accounts = await (await fetch(server.url + '/api/accounts?limit=500', { headers: { cookie } })).json();
    expect(accounts.total).toBeGreaterThan(0);
    for (const a of accounts.items) expect(a.id_number_mask).toMatch(/^\d{4}\*+[\dX]{4}$/);
    expect(new Set(accounts.items.map((a: { collector_name: string }) => a.collector_name)).size).toBe(1);
  });

  it('keeps the personal-data key in the data dir, readable by its owner only', async () => {
    const stat = await fs.stat(path.join(dataDir, 'data.key'));
    expect(stat.mode & 0o777).toBe(0o600);
  });

  it('lets CLI commands use the running database instead of starting a second server', async () => {
    const pidBefore = (await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0];
    const res = await runCli(['creditors', 'list', '--json', '--data-dir', dataDir], { env: { DATABASE_URL: undefined } });
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout).length).toBeGreaterThanOrEqual(3);
    const pidAfter = (await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0];
    expect(pidAfter).toBe(pidBefore);
    expect((await fetch(server.url + '/healthz')).status).toBe(200);
  });

  it('stops the server and the database cleanly on Ctrl-C, keeping the data', async () => {
    const code = await server.stop();
    expect(code).toBe(0);
    expect(server.output()).toContain('Stopped: server and database shut down cleanly');
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
  });

  it('two commands at once on a stopped data dir share one database server', async () => {
    const [a, b] = await Promise.all([
      runCli(['creditors', 'add', 'TWO1', '--name', 'x', '--data-dir', dataDir], { env: { DATABASE_URL: undefined } }),
      runCli(['creditors', 'add', 'TWO2', '--name', 'y', '--data-dir', dataDir], { env: { DATABASE_URL: undefined } }),
    ]);
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
  });

  it('without a server, a CLI command starts the database for its own duration and stops it', async () => {
    const res = await runCli(['creditors', 'list', '--json', '--data-dir', dataDir], { env: { DATABASE_URL: undefined } });
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout).length).toBeGreaterThanOrEqual(3); // the data survived the restart
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  });
});
