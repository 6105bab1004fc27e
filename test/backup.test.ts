import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { backupDatabase, loadOrder, nightlyBackup, nightsToKeep, restoreDatabase, type BackupManifest } from '../src/app/backup/backup.ts';
import { verifyAuditLog } from '../src/app/audit/verify-audit.ts';
import { CLI_ACTOR, type AppContext } from '../src/app/context.ts';
import { loadUsDemo } from '../src/app/demo/load-us-demo.ts';
import { migrate, readMigrations } from '../src/db/migrate.ts';
import { PiiCipher } from '../src/db/pii.ts';
import { createPool, withDatabase } from '../src/db/pool.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { testContext } from './support/fixtures.ts';
import { runCli } from './support/cli.ts';
import { tempDir } from './support/import-fixtures.ts';

/**
 * Backups (备份) on real databases: a portfolio backed up from one database and restored into a
 * new one is the same, row for row (report tables not counted twice, the audit chain intact, the
 * personal data readable under the same key, ids going on from where they stood); a damaged or
 * incomplete backup, another key, another schema or a database in use is refused with nothing
 * written.
 */
let source: TestDatabase;
let target: TestDatabase;
let ctx: AppContext;
let dir: string;
let backup: string;
const key = randomBytes(32);

beforeAll(async () => {
  [source, target] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  ctx = { ...testContext(source.pool), cipher: new PiiCipher(key) };
  await loadUsDemo(ctx, CLI_ACTOR, { accounts: 60, seed: 5 });
  dir = await tempDir('leeway-backup-');
  backup = path.join(dir, 'backup');
}, 120_000);
afterAll(async () => {
  await Promise.all([source?.drop(), target?.drop()]);
  await fs.rm(dir, { recursive: true, force: true });
});

const counts = async (db: TestDatabase) => Object.fromEntries((await db.pool.query<{ name: string; n: number }>(
  `SELECT c.relname AS name, (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM public.%I', c.relname), false, true, '')))[1]::text::int AS n
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1`)).rows.map((r) => [r.name, r.n]));

describe('leeway backup and restore', () => {
  it('backs the whole database up to a directory, a manifest last, and audits it', async () => {
    const summary = await backupDatabase(ctx, CLI_ACTOR, { dir: backup });
    expect(summary.tables).toBeGreaterThan(50);
    const manifest = JSON.parse(await fs.readFile(path.join(backup, 'manifest.json'), 'utf8')) as BackupManifest;
    expect(manifest.format).toBe('leeway-backup/1');
    expect(manifest.tables.find((t) => t.name === 'accounts')?.rows).toBe(60);
    expect(manifest.migrations.length).toBeGreaterThan(50);
    // The files hold the personal data sealed: a phone number is not in them in clear.
    const points = gunzipSync(await fs.readFile(path.join(backup, 'contact_points.copy.gz')));
    const { rows: [point] } = await source.pool.query(`SELECT value_enc FROM contact_points WHERE kind = 'phone' ORDER BY id LIMIT 1`);
    const number = ctx.cipher.decrypt(point.value_enc);
    expect(number).toMatch(/^\+1\d{10}$/);
    expect(points.includes(Buffer.from(number))).toBe(false);
    expect(points.includes(Buffer.from(number.slice(2)))).toBe(false);
    expect((await source.pool.query(`SELECT detail FROM audit_log WHERE action = 'backup.create'`)).rows[0].detail).toMatchObject({ dir: backup, tables: summary.tables });
    // A directory already holding something is not written into.
    await expect(backupDatabase(ctx, CLI_ACTOR, { dir: backup })).rejects.toThrow(/is not empty/);
  });

  it('refuses a damaged backup, another key, and a backup of another schema, writing nothing', async () => {
    const restoreCtx = { ...testContext(target.pool), cipher: ctx.cipher };
    const before = await counts(target);
    // Another key: the personal data would not be readable.
    await expect(restoreDatabase({ ...restoreCtx, cipher: new PiiCipher(randomBytes(32)) }, CLI_ACTOR, { dir: backup })).rejects.toThrow(/another data key/);
    // A damaged file.
    const damaged = path.join(dir, 'damaged');
    await fs.cp(backup, damaged, { recursive: true });
    const file = path.join(damaged, 'accounts.copy.gz');
    const bytes = await fs.readFile(file);
    bytes[bytes.length - 10]! ^= 0xff;
    await fs.writeFile(file, bytes);
    await expect(restoreDatabase(restoreCtx, CLI_ACTOR, { dir: damaged })).rejects.toThrow(/accounts\.copy\.gz .* is not the file the backup wrote/);
    // One that stopped half-way (no manifest), and one of another schema.
    await fs.rm(path.join(damaged, 'manifest.json'));
    await expect(restoreDatabase(restoreCtx, CLI_ACTOR, { dir: damaged })).rejects.toThrow(/has no manifest\.json/);
    const older = path.join(dir, 'older');
    await fs.cp(backup, older, { recursive: true });
    const manifest = JSON.parse(await fs.readFile(path.join(older, 'manifest.json'), 'utf8')) as BackupManifest;
    manifest.migrations.pop();
    await fs.writeFile(path.join(older, 'manifest.json'), JSON.stringify(manifest));
    await expect(restoreDatabase(restoreCtx, CLI_ACTOR, { dir: older })).rejects.toThrow(/This database's schema \(up to \d{4}_[\w.]+\) is past the backup's \(up to \d{4}_[\w.]+\)/);
    // A backup of a version this one does not know (a migration changed, or one it does not have).
    manifest.migrations.push({ version: 58, name: '0058_something_else.sql', checksum: 'x' });
    await fs.writeFile(path.join(older, 'manifest.json'), JSON.stringify(manifest));
    await expect(restoreDatabase(restoreCtx, CLI_ACTOR, { dir: older })).rejects.toThrow(/This backup was made by another Leeway version/);
    expect(await counts(target)).toEqual(before);
  });

  it('restores it into an empty database the same, row for row: reports not counted twice, the audit chain intact, ids going on', async () => {
    const restoreCtx = { ...testContext(target.pool), cipher: ctx.cipher };
    const summary = await restoreDatabase(restoreCtx, CLI_ACTOR, { dir: backup });
    expect(summary.rows).toBeGreaterThan(1000);
    const after = await counts(target);
    const expected = await counts(source);
    // The source has its backup.create audit row since; the target its backup.restore row.
    expect({ ...after, audit_log: after.audit_log! - 1 }).toEqual({ ...expected, audit_log: expected.audit_log! - 1 });
    const sums = (db: TestDatabase) => db.pool.query(`SELECT sum(accounts)::int AS accounts, sum(placed_fen)::bigint AS placed FROM report_placed`).then((r) => r.rows[0]);
    expect(await sums(target)).toEqual(await sums(source));
    // The personal data reads back under the same key.
    const phone = async (db: TestDatabase) => ctx.cipher.decrypt((await db.pool.query(`SELECT value_enc FROM contact_points WHERE kind = 'phone' ORDER BY id LIMIT 1`)).rows[0].value_enc);
    expect(await phone(target)).toBe(await phone(source));
    // Ids go on from where they stood.
    const maxId = (await source.pool.query(`SELECT max(id)::int AS id FROM creditors`)).rows[0].id;
    const { rows: [added] } = await target.pool.query(`INSERT INTO creditors (code, name) VALUES ('NEWBANK', 'New Bank') RETURNING id`);
    expect(added.id).toBeGreaterThan(maxId);
    // The product's triggers are back as they were: a new account is counted in the reports again.
    const triggers = (db: TestDatabase) => db.pool.query(`SELECT c.relname, t.tgname, t.tgenabled::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE NOT t.tgisinternal ORDER BY 1, 2`).then((r) => r.rows);
    expect(await triggers(target)).toEqual(await triggers(source));
    expect((await target.pool.query(`SELECT detail FROM audit_log WHERE action = 'backup.restore'`)).rows[0].detail).toMatchObject({ tables: summary.tables, rows: summary.rows });
    // The audit trail came over whole: its chain verifies, the restore's own row chained after it.
    expect(await verifyAuditLog(restoreCtx, CLI_ACTOR)).toMatchObject({ ok: true, rows: after.audit_log });
  });

  it('refuses to restore into a database that already holds Leeway data', async () => {
    const restoreCtx = { ...testContext(target.pool), cipher: ctx.cipher };
    await expect(restoreDatabase(restoreCtx, CLI_ACTOR, { dir: backup })).rejects.toThrow(/already holds Leeway data \(users: \d+, creditors: \d+, accounts: 60, audit_log: \d+\)/);
  });

  it('the same from the command line: leeway backup --out DIR, leeway restore DIR, under the data key', async () => {
    const third = await createTestDatabase();
    try {
      const env = (url: string, dataKey = key) => ({ env: { DATABASE_URL: url, LEEWAY_DATA_KEY: dataKey.toString('hex') }, timeoutMs: 120_000 });
      const out = path.join(dir, 'from-cli');
      const made = await runCli(['backup', '--out', out, '--json'], env(source.url));
      expect(made.code, made.stderr).toBe(0);
      expect(JSON.parse(made.stdout)).toMatchObject({ dir: out, tables: expect.any(Number), rows: expect.any(Number) });
      // Into a data directory with no key yet: said first, naming where the key goes, and no key of its own made there.
      const bareDir = path.join(dir, 'no-key-yet');
      const noKey = await runCli(['restore', out], { env: { DATABASE_URL: third.url, LEEWAY_DATA_DIR: bareDir, LEEWAY_DATA_KEY: undefined }, timeoutMs: 120_000 });
      expect(noKey.code).toBe(2);
      expect(noKey.stderr).toContain(`put it in ${path.join(bareDir, 'data.key')} (or set LEEWAY_DATA_KEY)`);
      expect(existsSync(path.join(bareDir, 'data.key'))).toBe(false);
      const wrongKey = await runCli(['restore', out], env(third.url, randomBytes(32)));
      expect(wrongKey.code).toBe(2);
      expect(wrongKey.stderr).toContain('sealed under another data key');
      const restored = await runCli(['restore', out], env(third.url));
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.stdout).toMatch(/^Restored \d+ tables \(\d+ rows\) from /);
      expect((await third.pool.query(`SELECT count(*)::int AS n FROM accounts`)).rows[0].n).toBe(60);
    } finally {
      await third.drop();
    }
  }, 180_000);

  it("restores an older version's backup into a database with no schema yet: the schema of the backup first, the rows, then this version's migrations", async () => {
    const bare = async () => {
      const server = inject('pgServerUrl');
      const name = `leeway_bare_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: server });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const pool = createPool(withDatabase(server, name), 3);
      return { pool, drop: async () => {
        await pool.end();
        const c = new pg.Client({ connectionString: server });
        await c.connect();
        await c.query(`DROP DATABASE ${name} WITH (FORCE)`);
        await c.end();
      } };
    };
    const [old, fresh] = await Promise.all([bare(), bare()]);
    try {
      // A database of the version before this one's last migration, with a bank and its account in it.
      const latest = (await readMigrations()).length;
      const c = await old.pool.connect();
      try { await migrate(c, undefined, latest - 1); } finally { c.release(); }
      const oldCtx = { ...testContext(old.pool), cipher: ctx.cipher };
      const { rows: [bank] } = await old.pool.query(`INSERT INTO creditors (code, name) VALUES ('OLDBANK', 'Old Bank') RETURNING id`);
      await old.pool.query(`INSERT INTO placements (creditor_id, batch_ref, placed_on, ends_on) VALUES ($1, 'P1', '2026-01-01', '2026-06-30')`, [bank.id]);
      const out = path.join(dir, 'older-version');
      await backupDatabase(oldCtx, CLI_ACTOR, { dir: out });
      const restored = await restoreDatabase({ ...testContext(fresh.pool), cipher: ctx.cipher }, CLI_ACTOR, { dir: out });
      expect(restored.upgraded).toEqual([(await readMigrations())[latest - 1]!.name]);
      expect((await fresh.pool.query(`SELECT code FROM creditors`)).rows).toEqual([{ code: 'OLDBANK' }]);
      expect((await fresh.pool.query(`SELECT count(*)::int AS n FROM schema_migrations`)).rows[0].n).toBe(latest);
    } finally {
      await Promise.all([old.drop(), fresh.drop()]);
    }
  });

  it('the nightly backup (LEEWAY_BACKUP_DIR): one directory per business date, a second run the same night leaves it, only the newest nights kept', async () => {
    const root = path.join(dir, 'nightly');
    const night = (date: string, keep = 2) => nightlyBackup(ctx, CLI_ACTOR, { root, date, keep });
    expect(await night('2026-03-01')).toMatchObject({ dir: path.join(root, 'leeway-2026-03-01'), made: true, removed: [] });
    expect(await night('2026-03-01')).toMatchObject({ made: false, removed: [] });
    // A run that stopped half-way (no manifest) is done again.
    await fs.mkdir(path.join(root, 'leeway-2026-03-02'));
    await fs.writeFile(path.join(root, 'leeway-2026-03-02', 'accounts.copy.gz'), 'partial');
    expect(await night('2026-03-02')).toMatchObject({ made: true, removed: [] });
    // Kept: the two newest; the agency's other files in the directory are left alone.
    await fs.writeFile(path.join(root, 'README.txt'), 'ours');
    expect(await night('2026-03-03')).toMatchObject({ made: true, removed: ['leeway-2026-03-01'] });
    expect((await fs.readdir(root)).sort()).toEqual(['README.txt', 'leeway-2026-03-02', 'leeway-2026-03-03']);
    expect(JSON.parse(await fs.readFile(path.join(root, 'leeway-2026-03-02', 'manifest.json'), 'utf8')).format).toBe('leeway-backup/1');
    expect(nightsToKeep(undefined)).toBe(7);
    expect(nightsToKeep('3')).toBe(3);
    expect(() => nightsToKeep('0')).toThrow(/LEEWAY_BACKUP_KEEP must be a whole number of nights, 1 or more \(got "0"\)/);
  }, 60_000);

  it('loads tables after the ones their foreign keys reference', () => {
    expect(loadOrder(['payments', 'accounts', 'creditors'], [{ from: 'payments', to: 'accounts' }, { from: 'accounts', to: 'creditors' }]))
      .toEqual(['creditors', 'accounts', 'payments']);
    expect(() => loadOrder(['a', 'b'], [{ from: 'a', to: 'b' }, { from: 'b', to: 'a' }])).toThrow(/cycle: a -> b -> a/);
  });
});
