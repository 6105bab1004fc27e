import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, migrate } from '../src/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';

let db: TestDatabase;
beforeAll(async () => { db = await createTestDatabase(); });
afterAll(async () => { await db.drop(); });

async function copyMigrations(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-migrations-'));
  for (const name of await fs.readdir(MIGRATIONS_DIR)) await fs.copyFile(path.join(MIGRATIONS_DIR, name), path.join(dir, name));
  return dir;
}

describe('migrations', () => {
  it('applies nothing twice on a migrated database', async () => {
    const client = await db.pool.connect();
    try {
      const result = await migrate(client);
      expect(result.applied).toEqual([]);
      const { rows } = await client.query('SELECT name FROM schema_migrations ORDER BY version');
      const files = (await fs.readdir(MIGRATIONS_DIR)).filter((n) => n.endsWith('.sql')).sort();
      expect(files.slice(0, 2)).toEqual(['0001_foundation.sql', '0002_regions.sql']);
      expect(rows.map((r) => r.name)).toEqual(files);
    } finally { client.release(); }
  });

  it('refuses to run when an applied migration was edited, naming the file', async () => {
    const dir = await copyMigrations();
    await fs.appendFile(path.join(dir, '0001_foundation.sql'), '\n-- edited\n');
    const client = await db.pool.connect();
    try {
      await expect(migrate(client, dir)).rejects.toThrow(/0001_foundation\.sql has changed since it was applied/);
    } finally { client.release(); }
  });

  it('refuses to run when an applied migration is missing', async () => {
    const dir = await copyMigrations();
    const last = (await fs.readdir(dir)).sort().at(-1)!;
    await fs.rm(path.join(dir, last));
    const client = await db.pool.connect();
    try {
      await expect(migrate(client, dir)).rejects.toThrow(new RegExp(`${last.replace('.', '\\.')} is missing`));
    } finally { client.release(); }
  });

  it('applies a new migration in a transaction: a failing one leaves nothing behind', async () => {
    const dir = await copyMigrations();
    await fs.writeFile(path.join(dir, '0099_bad.sql'), 'CREATE TABLE x (a int);');
    const client = await db.pool.connect();
    try {
      await expect(migrate(client, dir)).rejects.toThrow(/out of sequence/);
      await fs.rename(path.join(dir, '0099_bad.sql'), path.join(dir, `${String((await fs.readdir(dir)).length).padStart(4, '0')}_bad.sql`));
      const names = (await fs.readdir(dir)).sort();
      const bad = names[names.length - 1]!;
      await fs.writeFile(path.join(dir, bad), 'CREATE TABLE half_done (a int); SELECT 1/0;');
      await expect(migrate(client, dir)).rejects.toThrow(/failed and was rolled back: division by zero/);
      const { rowCount } = await client.query("SELECT 1 FROM pg_tables WHERE tablename = 'half_done'");
      expect(rowCount).toBe(0);
    } finally { client.release(); }
  });

  it('ships the GB/T 2260 regions, Hubei with Wuhan and its districts among them', async () => {
    const { rows } = await db.pool.query("SELECT code, name FROM regions WHERE code IN ('420000', '420100', '420102') ORDER BY code");
    expect(rows).toEqual([
      { code: '420000', name: '湖北省' },
      { code: '420100', name: '武汉市' },
      { code: '420102', name: '江岸区' },
    ]);
  });

  it('names every region in English too: pinyin and the kind of division, place names read as they are locally', async () => {
    const { rows } = await db.pool.query<{ code: string; name_en: string }>('SELECT code, name_en FROM regions ORDER BY code');
    expect(rows.length).toBeGreaterThan(3000);
    expect(rows.filter((r) => !/^[A-Z][A-Za-zü' (),-]+$/.test(r.name_en))).toEqual([]);
    const named = new Map(rows.map((r) => [r.code, r.name_en]));
    expect(Object.fromEntries(['420000', '420100', '420102', '110100', '440305', '222400', '530827', '330382', '140524', '341500', '540100', '150781'].map((c) => [c, named.get(c)]))).toEqual({
      420000: 'Hubei', 420100: 'Wuhan', 420102: "Jiang'an District", 110100: 'Beijing Districts', 440305: 'Nanshan District',
      222400: 'Yanbian Korean Autonomous Prefecture', 530827: 'Menglian Dai, Lahu and Va Autonomous County',
      330382: 'Yueqing', 140524: 'Lingchuan County', 341500: "Lu'an", 540100: 'Lhasa', 150781: 'Manzhouli',
    });
  });
});
