import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RegionRecord } from '../../src/domain/import/region.ts';

/** The shipped GB/T 2260 regions, read from the migration that loads them (for pure tests). */
export function shippedRegions(): RegionRecord[] {
  const sql = fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/db/migrations/0002_regions.sql'), 'utf8');
  return [...sql.matchAll(/\('(\d{6})','([^']+)','(province|city|county)',(?:'(\d{6})'|NULL)\)/g)]
    .map((m): RegionRecord => ({ code: m[1]!, name: m[2]!, level: m[3] as RegionRecord['level'], parent_code: m[4] ?? null }));
}
