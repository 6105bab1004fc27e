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
    if (!match) throw new AppError('MIGRATION_NAME', `Migration file ${name} must be named NNNN_words.sql`);
    const sql = await fs.readFile(path.join(dir, name), 'utf8');
    files.push({ version: Number(match[1]), name, sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  files.forEach((f, i) => {
    if (f.version !== i + 1) throw new AppError('MIGRATION_GAP', `Migration ${f.name} is out of sequence: expected number ${i + 1}`);
  });
  return files;
}

export async function migrate(client: pg.Client | pg.PoolClient, dir = MIGRATIONS_DIR): Promise<MigrateResult> {
  const files = await readMigrations(dir);
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
        throw new AppError('MIGRATION_MISSING', `Applied migration ${row.name} is missing from ${dir}. ` +
          'This code is older than the database; run a version that has it.');
      }
      if (file.checksum !== row.checksum) {
        throw new AppError('MIGRATION_CHANGED', `Applied migration ${row.name} has changed since it was applied ` +
          `(checksum ${row.checksum.slice(0, 12)} in the database, ${file.checksum.slice(0, 12)} on disk). ` +
          'Applied migrations must never be edited: restore the file and add a new migration instead.');
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
        throw new AppError('MIGRATION_FAILED', `Migration ${file.name} failed and was rolled back: ${(error as Error).message}`);
      }
      applied.push(file.name);
    }
    return { applied, current: files.length };
  } finally {
    await client.query('SELECT pg_advisory_unlock(7423000)');
  }
}
