/**
 * Backups (备份) and restores of the agency's whole database, for the machine's operator.
 *
 * A backup is a directory: one gzip-compressed binary COPY file per table, taken in one
 * repeatable-read transaction (one consistent moment, while the product keeps working), and
 * `manifest.json` written last, so a directory without one is not a backup. The manifest names
 * the schema (the migrations applied, with their checksums), each table's columns, rows and the
 * SHA-256 of its file, where each sequence stood, and a check of the personal-data key: the
 * personal data in the files stays sealed under that key, which is not in the backup (keep it
 * apart: `<data dir>/data.key` or LEEWAY_DATA_KEY).
 *
 * A restore goes into a database that holds no Leeway data yet (a new data directory, or an empty
 * DATABASE_URL), under the same key; every file is checked against the manifest before anything
 * is written, the database is brought to the backup's schema, all of it is loaded in one
 * transaction (tables in the order their foreign keys need, the product's triggers held off so
 * report tables are not counted twice, sequences set where they stood) and the rows counted again
 * before it commits: the database holds the whole backup or nothing of it. Then this version's
 * later migrations bring it up to date.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { appendAudit } from '../../db/audit-repository.ts';
import {
  appliedMigrations, copyTableIn, copyTableOut, countRows, disableUserTriggers, foreignKeys, sequenceStates, setSequence, setTrigger, tableShapes,
  truncateAll, userTriggers, type TableShape,
} from '../../db/backup-repository.ts';
import { migrate, readMigrations } from '../../db/migrate.ts';
import { inTransaction, type PoolClient } from '../../db/pool.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import type { Actor, AppContext } from '../context.ts';

export const BACKUP_FORMAT = 'leeway-backup/1';
const MANIFEST = 'manifest.json';
/** What the key check seals: the same key gives the same check, and the check does not give the key away. */
const KEY_CHECK = 'leeway backup key check';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  created_at: string;
  migrations: Array<{ version: number; name: string; checksum: string }>;
  key_check: string;
  tables: Array<{ name: string; columns: string[]; rows: number; file: string; sha256: string; bytes: number }>;
  sequences: Array<{ name: string; last_value: string | null }>;
}

export interface BackupSummary {
  dir: string; tables: number; rows: number; bytes: number; seconds: number;
  /** A restore of an older version's backup: the migrations applied after it was loaded. */
  upgraded?: string[];
}

export async function backupDatabase(ctx: AppContext, actor: Actor, input: { dir: string }): Promise<BackupSummary> {
  const started = performance.now();
  const dir = path.resolve(input.dir);
  if ((await fs.readdir(dir).catch(() => [])).length > 0) {
    throw invalidInput({ en: `${dir} is not empty: give a new directory for the backup`, zh: `${dir} 不是空目录：请为备份指定一个新目录` }, 'out');
  }
  await fs.mkdir(dir, { recursive: true });
  const manifest = await inTransaction(ctx.pool, async (client): Promise<BackupManifest> => {
    const tables: BackupManifest['tables'] = [];
    for (const table of await tableShapes(client)) {
      const file = `${table.name}.copy.gz`;
      const hash = createHash('sha256');
      let bytes = 0;
      // gzip's fastest level: a quarter of the size, at about twice the time of the bare COPY (its default level doubles that; bench/backup.ts).
      const gzip = createGzip({ level: 1 });
      const out = createWriteStream(path.join(dir, file), { mode: 0o600 });
      const tally = new Transform({ transform(chunk: Buffer, _enc, done) { hash.update(chunk); bytes += chunk.length; done(null, chunk); } });
      const written = pipeline(gzip, tally, out);
      const rows = await copyTableOut(client, table, gzip);
      await written;
      tables.push({ name: table.name, columns: table.columns, rows, file, sha256: hash.digest('hex'), bytes });
    }
    return {
      format: BACKUP_FORMAT, created_at: ctx.now().toISOString(), migrations: await appliedMigrations(client),
      key_check: keyCheck(ctx), tables, sequences: await sequenceStates(client),
    };
  }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  await fs.writeFile(path.join(dir, MANIFEST), JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 });
  const summary = { dir, tables: manifest.tables.length, rows: sum(manifest.tables.map((t) => t.rows)), bytes: sum(manifest.tables.map((t) => t.bytes)),
    seconds: round((performance.now() - started) / 1000) };
  await inTransaction(ctx.pool, (c) => appendAudit(c, actor, { action: 'backup.create', entity: 'database',
    detail: { dir, tables: summary.tables, rows: summary.rows, bytes: summary.bytes, created_at: manifest.created_at } }));
  return summary;
}

export async function restoreDatabase(ctx: AppContext, actor: Actor, input: { dir: string }): Promise<BackupSummary> {
  const started = performance.now();
  const dir = path.resolve(input.dir);
  const manifest = await readManifest(dir);
  // Every file as the manifest says, before anything is written.
  for (const table of manifest.tables) {
    const hash = createHash('sha256');
    try {
      await pipeline(createReadStream(path.join(dir, table.file)), new Writable({ write(chunk: Buffer, _enc, done) { hash.update(chunk); done(); } }));
    } catch {
      throw missingFile(dir, table.file);
    }
    if (hash.digest('hex') !== table.sha256) {
      throw invalidInput({ en: `${table.file} in ${dir} is not the file the backup wrote (its SHA-256 differs): the backup is damaged; nothing was restored`,
        zh: `${dir} 中的 ${table.file} 与备份写入的文件不一致（SHA-256 不同）：备份已损坏；未恢复任何数据` }, 'backup');
    }
  }
  if (manifest.key_check !== keyCheck(ctx)) {
    throw new AppError('CONFLICT', {
      en: 'The personal data in this backup is sealed under another data key than this database\'s: put the key of the backed-up installation in '
        + '<data dir>/data.key (or LEEWAY_DATA_KEY) before restoring; nothing was restored',
      zh: '此备份中的个人信息由另一把数据密钥加密，与当前数据库的密钥不同：请先把原系统的密钥放到 <数据目录>/data.key（或 LEEWAY_DATA_KEY），再恢复；未恢复任何数据',
    }, { field: 'key' });
  }
  await toBackupSchema(ctx, manifest);
  const loaded = await inTransaction(ctx.pool, async (client) => {
    const here = await appliedMigrations(client);
    const same = here.length === manifest.migrations.length && here.every((m, i) => m.name === manifest.migrations[i]!.name && m.checksum === manifest.migrations[i]!.checksum);
    if (!same) {
      const last = (list: Array<{ name: string }>) => list[list.length - 1]?.name ?? 'none';
      throw new AppError('CONFLICT', {
        en: `This backup's schema (migrations up to ${last(manifest.migrations)}) is not this database's (up to ${last(here)}): restore with the Leeway version `
          + 'that made the backup, then upgrade; nothing was restored',
        zh: `此备份的数据库结构（迁移至 ${last(manifest.migrations)}）与当前数据库（迁移至 ${last(here)}）不同：请用生成备份的 Leeway 版本恢复，再升级；未恢复任何数据`,
      }, { field: 'backup' });
    }
    const held = await heldData(client);
    if (held.length) {
      throw new AppError('CONFLICT', {
        en: `This database already holds Leeway data (${held.join(', ')}): restore into a new data directory (--data-dir) or an empty database; nothing was restored`,
        zh: `当前数据库已有 Leeway 数据（${held.join('，')}）：请恢复到新的数据目录（--data-dir）或空数据库；未恢复任何数据`,
      }, { field: 'database' });
    }
    const shapes = new Map((await tableShapes(client)).map((t) => [t.name, t]));
    for (const table of manifest.tables) {
      const shape = shapes.get(table.name);
      if (!shape || shape.columns.join(',') !== table.columns.join(',')) {
        throw new AppError('CONFLICT', { en: `Table ${table.name} is not as the backup has it; nothing was restored`, zh: `表 ${table.name} 与备份中的结构不同；未恢复任何数据` }, { field: 'backup' });
      }
    }
    // The product's triggers held off (the report tables come from the backup as they were), then set back as they were.
    const triggers = await userTriggers(client);
    for (const table of new Set(triggers.map((t) => t.table))) await disableUserTriggers(client, table);
    await truncateAll(client, [...shapes.keys()].filter((t) => t !== 'schema_migrations'));
    const order = loadOrder(manifest.tables.map((t) => t.name).filter((t) => t !== 'schema_migrations'), await foreignKeys(client));
    for (const name of order) {
      const table = manifest.tables.find((t) => t.name === name)!;
      const rowsIn = createGunzip();
      const file = createReadStream(path.join(dir, table.file));
      file.on('error', (error) => rowsIn.destroy(error));
      const rows = await copyTableIn(client, table as TableShape, file.pipe(rowsIn));
      if (rows !== table.rows) {
        throw new AppError('CONFLICT', { en: `Table ${name} has ${rows} rows after the restore, the backup ${table.rows}; nothing was restored`,
          zh: `恢复后表 ${name} 有 ${rows} 行，备份中为 ${table.rows} 行；未恢复任何数据` }, { field: 'backup' });
      }
    }
    for (const s of manifest.sequences) if (s.last_value !== null) await setSequence(client, s.name, s.last_value);
    for (const t of triggers) await setTrigger(client, t.table, t.name, t.enabled);
    const restored = manifest.tables.filter((t) => t.name !== 'schema_migrations');
    const result = { dir, tables: restored.length, rows: sum(restored.map((t) => t.rows)), bytes: sum(restored.map((t) => t.bytes)),
      seconds: round((performance.now() - started) / 1000) };
    await appendAudit(client, actor, { action: 'backup.restore', entity: 'database',
      detail: { dir, tables: result.tables, rows: result.rows, backup_created_at: manifest.created_at } });
    return result;
  });
  // Then up to this version's schema, as any start would (a migration may change the restored rows).
  const client = await ctx.pool.connect();
  try {
    const after = await migrate(client);
    return { ...loaded, upgraded: after.applied };
  } finally {
    client.release();
  }
}

/**
 * Brings the database to the backup's schema before the rows go in: a new one (no schema yet) or
 * one behind the backup gets the migrations up to the backup's last; the backup's must be this
 * version's first ones, unchanged (a backup of a newer version is refused, as is a database
 * already past the backup's schema).
 */
async function toBackupSchema(ctx: AppContext, manifest: BackupManifest): Promise<void> {
  const code = await readMigrations();
  const last = (list: ReadonlyArray<{ name: string }>) => list[list.length - 1]?.name ?? 'none';
  const prefixOf = (a: ReadonlyArray<{ name: string; checksum: string }>, b: ReadonlyArray<{ name: string; checksum: string }>) =>
    a.length <= b.length && a.every((m, i) => m.name === b[i]!.name && m.checksum === b[i]!.checksum);
  if (!prefixOf(manifest.migrations, code)) {
    throw new AppError('CONFLICT', {
      en: `This backup was made by another Leeway version (its schema goes up to ${last(manifest.migrations)}, this version's to ${last(code)}): `
        + 'restore it with that version or a later one; nothing was restored',
      zh: `此备份由另一个 Leeway 版本生成（其数据库结构迁移至 ${last(manifest.migrations)}，当前版本至 ${last(code)}）：请用该版本或更新的版本恢复；未恢复任何数据`,
    }, { field: 'backup' });
  }
  const client = await ctx.pool.connect();
  try {
    const here = await schemaOf(client);
    if (!prefixOf(here, manifest.migrations)) {
      throw new AppError('CONFLICT', {
        en: `This database's schema (up to ${last(here)}) is past the backup's (up to ${last(manifest.migrations)}): restore into a new data directory `
          + '(--data-dir) or an empty database, which is brought to the backup\'s schema first; nothing was restored',
        zh: `当前数据库结构（迁移至 ${last(here)}）比备份（迁移至 ${last(manifest.migrations)}）新：请恢复到新的数据目录（--data-dir）或空数据库（会先建成备份时的结构）；未恢复任何数据`,
      }, { field: 'database' });
    }
    const version = manifest.migrations[manifest.migrations.length - 1]?.version ?? 0;
    await migrate(client, undefined, version);
  } finally {
    client.release();
  }
}

/** The migrations applied to the database; none when it has no schema yet. */
async function schemaOf(client: PoolClient): Promise<Array<{ version: number; name: string; checksum: string }>> {
  const { rows } = await client.query<{ exists: boolean }>(`SELECT to_regclass('public.schema_migrations') IS NOT NULL AS exists`);
  return rows[0]!.exists ? appliedMigrations(client) : [];
}

/** What shows a database already in use: staff accounts, banks, accounts, an audit trail. */
async function heldData(client: PoolClient): Promise<string[]> {
  const held: string[] = [];
  for (const table of ['users', 'creditors', 'accounts', 'audit_log']) {
    const n = await countRows(client, table);
    if (n > 0) held.push(`${table}: ${n}`);
  }
  return held;
}

async function readManifest(dir: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, MANIFEST), 'utf8');
  } catch {
    throw invalidInput({ en: `${dir} has no ${MANIFEST}: it is not a complete Leeway backup (one that stopped half-way has none)`,
      zh: `${dir} 中没有 ${MANIFEST}：这不是完整的 Leeway 备份（中途停止的备份没有该文件）` }, 'backup');
  }
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(text) as BackupManifest;
  } catch {
    throw invalidInput({ en: `${path.join(dir, MANIFEST)} is not JSON: the backup is damaged`, zh: `${path.join(dir, MANIFEST)} 不是 JSON：备份已损坏` }, 'backup');
  }
  if (manifest.format !== BACKUP_FORMAT || !Array.isArray(manifest.tables) || !Array.isArray(manifest.migrations)) {
    throw invalidInput({ en: `${dir} is not a ${BACKUP_FORMAT} backup`, zh: `${dir} 不是 ${BACKUP_FORMAT} 格式的备份` }, 'backup');
  }
  return manifest;
}

function missingFile(dir: string, file: string): AppError {
  return invalidInput({ en: `${file} is missing from ${dir} (or unreadable): the backup is incomplete; nothing was restored`,
    zh: `${dir} 中缺少 ${file}（或无法读取）：备份不完整；未恢复任何数据` }, 'backup');
}

/** Tables so that each comes after those its foreign keys reference (a cycle, which the schema has none of, is refused). */
export function loadOrder(tables: readonly string[], keys: ReadonlyArray<{ from: string; to: string }>): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (table: string, trail: string[]) => {
    if (state.get(table) === 'done') return;
    if (state.get(table) === 'visiting') throw new Error(`foreign keys form a cycle: ${[...trail, table].join(' -> ')}`);
    state.set(table, 'visiting');
    for (const k of keys) if (k.from === table && tables.includes(k.to)) visit(k.to, [...trail, table]);
    state.set(table, 'done');
    order.push(table);
  };
  for (const table of [...tables].sort()) visit(table, []);
  return order;
}

function keyCheck(ctx: AppContext): string {
  return ctx.cipher.matchHash(KEY_CHECK).toString('hex');
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const round = (seconds: number) => Math.round(seconds * 1000) / 1000;

/** LEEWAY_BACKUP_KEEP: how many nightly backups are kept (7 when not set); refused at start unless a whole number of nights, 1 or more. */
export function nightsToKeep(text: string | undefined): number {
  const keep = Number(text || 7);
  if (!Number.isSafeInteger(keep) || keep < 1) {
    throw invalidInput({ en: `LEEWAY_BACKUP_KEEP must be a whole number of nights, 1 or more (got "${text}")`,
      zh: `LEEWAY_BACKUP_KEEP 须为不小于 1 的整数（晚数），当前为“${text}”` }, 'LEEWAY_BACKUP_KEEP');
  }
  return keep;
}

/**
 * The nightly backup (LEEWAY_BACKUP_DIR): the database into `<root>/leeway-<business date>` (a
 * second run the same night leaves the first), then only the newest `keep` of those directories
 * kept, so personal data erased since (docs/privacy.md) leaves the backups within `keep` nights.
 * A run that stopped half-way left a directory without a manifest: it is removed with the old ones.
 */
export async function nightlyBackup(ctx: AppContext, actor: Actor, input: { root: string; date: string; keep: number }):
  Promise<{ dir: string; made: boolean; removed: string[] } & Partial<BackupSummary>> {
  const root = path.resolve(input.root);
  await fs.mkdir(root, { recursive: true });
  const dir = path.join(root, `leeway-${input.date}`);
  const complete = async (d: string) => fs.access(path.join(d, MANIFEST)).then(() => true, () => false);
  let summary: BackupSummary | undefined;
  if (!(await complete(dir))) {
    await fs.rm(dir, { recursive: true, force: true });   // a run of tonight that stopped half-way
    summary = await backupDatabase(ctx, actor, { dir });
  }
  const nightly = (await fs.readdir(root)).filter((name) => /^leeway-\d{4}-\d{2}-\d{2}$/.test(name)).sort().reverse();
  const kept: string[] = [];
  const removed: string[] = [];
  for (const name of nightly) {
    if (kept.length < input.keep && await complete(path.join(root, name))) kept.push(name);
    else {
      await fs.rm(path.join(root, name), { recursive: true, force: true });
      removed.push(name);
    }
  }
  return { dir, made: summary !== undefined, removed, ...summary };
}
