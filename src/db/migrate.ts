import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { AppError } from '../domain/errors.ts';

/**
 * Forward-only migrations: numbered plain SQL files in ./migrations, each applied in its own
 * transaction and recorded with a SHA-256 checksum. An applied migration whose file changed
 * or disappeared is a hard error: the database and the code disagree about the schema.
 */
export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface MigrationFile { version: number; name: string; sql: string; checksum: string }
export interface MigrateResult { applied: string[]; current: number }

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
  const files: MigrationFile[] = [];
  for (const name of names) {
    const match = /^(\d{4})_[a-z0-9_]+\.sql$/.exec(name);
    if (!match) throw new AppError('MIGRATION_NAME', { en: `Migration file ${name} must be named NNNN_words.sql`, zh: `迁移文件 ${name} 必须命名为 NNNN_words.sql 的形式` });
    const sql = await fs.readFile(path.join(dir, name), 'utf8');
    files.push({ version: Number(match[1]), name, sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  files.forEach((f, i) => {
    if (f.version !== i + 1) throw new AppError('MIGRATION_GAP', { en: `Migration ${f.name} is out of sequence: expected number ${i + 1}`, zh: `迁移 ${f.name} 的编号不连续：应为 ${i + 1}` });
  });
  return files;
}

/** Applies the pending migrations (only those up to `upTo`, when given: a restore brings an empty database to its backup's schema first). */
export async function migrate(client: pg.Client | pg.PoolClient, dir = MIGRATIONS_DIR, upTo = Infinity): Promise<MigrateResult> {
  const files = (await readMigrations(dir)).filter((f) => f.version <= upTo);
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now())`);
  // Two processes migrating at once: the second waits, then finds nothing to do.
  await client.query('SELECT pg_advisory_lock(7423000)');
  try {
    const { rows } = await client.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version');
    for (const row of rows) {
      const file = files.find((f) => f.version === row.version);
      if (!file) {
        throw new AppError('MIGRATION_MISSING', {
          en: `Applied migration ${row.name} is missing from ${dir}. This code is older than the database; run a version that has it.`,
          zh: `已执行的迁移 ${row.name} 在 ${dir} 中不存在。当前代码比数据库旧；请运行包含该迁移的版本。`,
        });
      }
      if (file.checksum !== row.checksum) {
        throw new AppError('MIGRATION_CHANGED', {
          en: `Applied migration ${row.name} has changed since it was applied ` +
            `(checksum ${row.checksum.slice(0, 12)} in the database, ${file.checksum.slice(0, 12)} on disk). ` +
            'Applied migrations must never be edited: restore the file and add a new migration instead.',
          zh: `已执行的迁移 ${row.name} 在执行后被修改过` +
            `（数据库中的校验和为 ${row.checksum.slice(0, 12)}，磁盘上为 ${file.checksum.slice(0, 12)}）。` +
            '已执行的迁移绝不能修改：请恢复该文件，改为新增一个迁移。',
        });
      }
    }
    const applied: string[] = [];
    for (const file of files.filter((f) => !rows.some((r) => r.version === f.version))) {
      try {
        await client.query('BEGIN');
        await client.query(file.sql);
        await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)',
          [file.version, file.name, file.checksum]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        const why = (error as Error).message;
        throw new AppError('MIGRATION_FAILED', { en: `Migration ${file.name} failed and was rolled back: ${why}`, zh: `迁移 ${file.name} 执行失败，已回滚：${why}` });
      }
      applied.push(file.name);
    }
    return { applied, current: files.length };
  } finally {
    await client.query('SELECT pg_advisory_unlock(7423000)');
  }
}
