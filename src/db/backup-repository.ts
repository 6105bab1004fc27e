/**
 * The SQL of backups (备份) and restores: the schema's tables, columns, sequences, triggers and
 * foreign keys as the catalogue has them, and each table's rows as binary COPY streams.
 */
import type { Readable, Writable } from 'node:stream';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { PoolClient } from './pool.ts';

export interface TableShape { name: string; columns: string[] }

/** The ordinary tables of the public schema with the columns a COPY carries (generated ones are left out), by name. */
export async function tableShapes(client: PoolClient): Promise<TableShape[]> {
  const { rows } = await client.query<{ name: string; columns: string[] }>(
    `SELECT c.relname AS name, array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE n.nspname = 'public' AND c.relkind = 'r'
      GROUP BY c.relname ORDER BY c.relname`);
  return rows;
}

/** The public schema's sequences (identity columns'), with where each stands; last_value null: never used. */
export async function sequenceStates(client: PoolClient): Promise<Array<{ name: string; last_value: string | null }>> {
  const { rows } = await client.query<{ name: string; last_value: string | null }>(
    `SELECT sequencename AS name, last_value::text FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`);
  return rows;
}

/** Puts a sequence where a backup had it: the next value is the one after. */
export async function setSequence(client: PoolClient, name: string, lastValue: string): Promise<void> {
  await client.query(`SELECT setval(format('public.%I', $1::text)::regclass, $2::bigint, true)`, [name, lastValue]);
}

export async function appliedMigrations(client: PoolClient): Promise<Array<{ version: number; name: string; checksum: string }>> {
  const { rows } = await client.query<{ version: number; name: string; checksum: string }>('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
  return rows;
}

/** Foreign keys between public tables (a table referencing itself left out): `from` references `to`. */
export async function foreignKeys(client: PoolClient): Promise<Array<{ from: string; to: string }>> {
  const { rows } = await client.query<{ from: string; to: string }>(
    `SELECT DISTINCT f.relname AS from, t.relname AS to
       FROM pg_constraint k JOIN pg_class f ON f.oid = k.conrelid JOIN pg_class t ON t.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = f.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public' AND k.conrelid <> k.confrelid`);
  return rows;
}

/** The user (not internal) triggers of public tables, and how each is enabled: O (origin), A (always), R (replica), D (disabled). */
export async function userTriggers(client: PoolClient): Promise<Array<{ table: string; name: string; enabled: string }>> {
  const { rows } = await client.query<{ table: string; name: string; enabled: string }>(
    `SELECT c.relname AS table, t.tgname AS name, t.tgenabled::text AS enabled
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE NOT t.tgisinternal AND n.nspname = 'public' ORDER BY c.relname, t.tgname`);
  return rows;
}

const ENABLE: Readonly<Record<string, string>> = { O: 'ENABLE TRIGGER', A: 'ENABLE ALWAYS TRIGGER', R: 'ENABLE REPLICA TRIGGER', D: 'DISABLE TRIGGER' };

/** Sets a trigger as the catalogue had it (userTriggers' `enabled`). */
export async function setTrigger(client: PoolClient, table: string, name: string, enabled: string): Promise<void> {
  await client.query(`ALTER TABLE public.${ident(table)} ${ENABLE[enabled] ?? 'ENABLE TRIGGER'} ${ident(name)}`);
}

export async function disableUserTriggers(client: PoolClient, table: string): Promise<void> {
  await client.query(`ALTER TABLE public.${ident(table)} DISABLE TRIGGER USER`);
}

export async function truncateAll(client: PoolClient, tables: readonly string[]): Promise<void> {
  if (tables.length) await client.query(`TRUNCATE ${tables.map((t) => `public.${ident(t)}`).join(', ')}`);
}

export async function countRows(client: PoolClient, table: string): Promise<number> {
  const { rows } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM public.${ident(table)}`);
  return Number(rows[0]!.n);
}

/** A table's rows as binary COPY, into `sink`; resolves with how many rows went. */
export function copyTableOut(client: PoolClient, table: TableShape, sink: Writable): Promise<number> {
  return new Promise((resolve, reject) => {
    const stream = client.query(copyTo(`COPY public.${ident(table.name)} (${table.columns.map(ident).join(', ')}) TO STDOUT (FORMAT binary)`));
    stream.on('error', reject);
    sink.on('error', reject);
    sink.on('finish', () => resolve(stream.rowCount));
    stream.pipe(sink);
  });
}

/** Binary COPY rows from `source` into a table; resolves with how many rows went in. */
export function copyTableIn(client: PoolClient, table: TableShape, source: Readable): Promise<number> {
  return new Promise((resolve, reject) => {
    const stream = client.query(copyFrom(`COPY public.${ident(table.name)} (${table.columns.map(ident).join(', ')}) FROM STDIN (FORMAT binary)`));
    stream.on('finish', () => resolve(stream.rowCount));
    stream.on('error', reject);
    source.on('error', (error) => { stream.destroy(error); reject(error); });
    source.pipe(stream);
  });
}

/** An identifier as SQL writes it: quoted, inner quotes doubled. */
function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
