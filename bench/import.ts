/**
 * Placement import vs. the physical limit: a raw COPY of the same CSV into a logged table
 * with a primary key, in the same run. Issue 3's target: the full import (parse, validate,
 * encrypt personal data, upsert debtors, accounts and contact points, audit) in at most 3x
 * the raw COPY, under 500 MB of memory. Also: the same file again (recognized by its hash),
 * and a file with 10% of the balances changed (a full pass that changes little). And the floor of
 * the database alone: the rows the import wrote, COPYed in binary into empty copies of its tables
 * (tables_copy_floor), to tell what the tables cost from what the import adds.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { CLI_ACTOR, type AppContext } from '../src/app/context.ts';
import { importPlacements } from '../src/app/import/import-placements.ts';
import { ACCOUNT_COLUMNS, CONTACT_POINT_COLUMNS, DEBTOR_COLUMNS, REPORT_FACT_COLUMNS } from '../src/db/import-repository.ts';
import { PiiCipher } from '../src/db/pii.ts';
import { cpuSeconds } from './load.ts';
import type { Bench, BenchResult } from './types.ts';

const HEADER = ['account_no', 'debtor_name', 'id_number', 'phone', 'address', 'region_code', 'province', 'city', 'product', 'principal',
  'interest', 'fees', 'first_delinquency_date', 'placement_date', '开户网点', '卡种', '授信额度', '最后还款日', '最后还款额', '备注'];

const PLACES: Array<[code: string, province: string, city: string, county: string]> = [
  ['420102', '湖北省', '武汉市', '江岸区'], ['110105', '北京市', '北京市', '朝阳区'], ['440106', '广东省', '广州市', '天河区'],
  ['310115', '上海市', '上海市', '浦东新区'], ['510104', '四川省', '成都市', '锦江区'], ['330106', '浙江省', '杭州市', '西湖区'],
  ['320106', '江苏省', '南京市', '鼓楼区'], ['370102', '山东省', '济南市', '历下区'], ['410105', '河南省', '郑州市', '金水区'],
  ['430104', '湖南省', '长沙市', '岳麓区'], ['610113', '陕西省', '西安市', '雁塔区'], ['500103', '重庆市', '重庆市', '渝中区'],
];
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂'];
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

function idNumber(region: string, dayOffset: number, sequence: number): string {
  const birth = new Date(Date.UTC(1960, 0, 1) + dayOffset * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = region + birth + String(sequence).padStart(3, '0');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return first17 + ID_CHECK[sum % 11]!;
}

const yuan = (fen: number) => `${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;

/** Row i of the bench file; `changed` rows carry a different principal. */
function row(i: number, changed: boolean): string {
  const [code, province, city, county] = PLACES[i % PLACES.length]!;
  const principal = 500_000 + ((i * 7919) % 5_000_000) + (changed ? 12_345 : 0);
  const cells = [
    `6222${String(i).padStart(12, '0')}`, SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 31) % GIVEN.length]! + GIVEN[(i * 7) % GIVEN.length]!,
    idNumber(code, Math.floor(i / PLACES.length) % 14_600, Math.floor(i / (PLACES.length * 14_600)) % 999),
    `1${3 + (i % 7)}${String(i).padStart(9, '0')}`, `${province}${city}${county}人民路${i % 997}号${i % 30}栋${i % 19}室`,
    code, province, city, i % 4 === 0 ? '个人消费贷' : '信用卡', `"${yuan(principal)}"`, `"${yuan((i * 13) % 200_000)}"`,
    i % 5 === 0 ? '' : '35.00', `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`, '2026-03-01',
    `${city}分行`, i % 2 ? '金卡' : '普卡', `"${yuan(5_000_000 + (i % 10) * 1_000_000)}"`, '2025-10-15', '200.00', i % 10 ? '' : '"客户称,近期失业"',
  ];
  return cells.join(',') + '\r\n';
}

export async function writeBenchFile(file: string, rows: number, changedEvery: number | null): Promise<void> {
  const out = createWriteStream(file);
  out.write('\uFEFF' + HEADER.join(',') + '\r\n');
  let buffer = '';
  for (let i = 0; i < rows; i++) {
    buffer += row(i, changedEvery !== null && i % changedEvery === 0);
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      buffer = '';
    }
  }
  out.write(buffer);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

/** The tables a placement import of new accounts writes, with the columns it writes (its own COPYs). */
const WRITTEN_TABLES: Array<[table: string, columns: readonly string[]]> = [
  ['debtors', DEBTOR_COLUMNS], ['accounts', ACCOUNT_COLUMNS], ['report_account_facts', REPORT_FACT_COLUMNS], ['contact_points', CONTACT_POINT_COLUMNS],
];

/**
 * The database's own floor for what the first import wrote: its rows, exactly as it left them
 * (encrypted, hashed, masked), copied out in binary and COPYed back, in one transaction, into
 * empty copies of its tables with the same indexes (LIKE ... INCLUDING ALL: no foreign keys or
 * triggers, which the import's COPYs skip too). No parsing, no checks, no sealing: what a
 * PostgreSQL backend alone needs to store the result, against which the import's own time is read.
 */
async function tablesCopyFloor(pool: pg.Pool, dir: string): Promise<{ seconds: number; rows: Record<string, number>; mb: number }> {
  const client = await pool.connect();
  const rows: Record<string, number> = {};
  let bytes = 0;
  try {
    const files: Array<[table: string, columns: string, file: string]> = [];
    for (const [table, columns] of WRITTEN_TABLES) {
      const file = path.join(dir, `${table}.bin`);
      const list = columns.join(', ');
      const out = client.query(copyTo(`COPY (SELECT ${list} FROM ${table}) TO STDOUT (FORMAT binary)`));
      await pipeline(out, createWriteStream(file));
      bytes += (await fs.stat(file)).size;
      rows[table] = out.rowCount; // from the COPY itself, not counted again
      await client.query(`DROP TABLE IF EXISTS bench_floor_${table}`);
      await client.query(`CREATE TABLE bench_floor_${table} (LIKE ${table} INCLUDING ALL)`);
      files.push([table, list, file]);
    }
    const start = performance.now();
    await client.query('BEGIN');
    for (const [table, list, file] of files) {
      await pipeline(createReadStream(file), client.query(copyFrom(`COPY bench_floor_${table} (${list}) FROM STDIN (FORMAT binary)`)));
    }
    await client.query('COMMIT');
    const seconds = (performance.now() - start) / 1000;
    for (const [table] of files) await client.query(`DROP TABLE bench_floor_${table}`);
    for (const [, , file] of files) await fs.rm(file);
    return { seconds, rows, mb: Math.round(bytes / 1048576) };
  } finally {
    client.release();
  }
}

async function rawCopy(pool: pg.Pool, file: string): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS bench_raw_placements`);
    await client.query(`CREATE TABLE bench_raw_placements (${HEADER.map((_, i) => `c${i} text${i === 0 ? ' PRIMARY KEY' : ''}`).join(', ')})`);
    const start = performance.now();
    await pipeline(createReadStream(file), client.query(copyFrom(`COPY bench_raw_placements FROM STDIN (FORMAT csv, HEADER true)`)));
    const seconds = (performance.now() - start) / 1000;
    await client.query('DROP TABLE bench_raw_placements');
    return seconds;
  } finally {
    client.release();
  }
}

// A full collection between cases, so each case's peak is its own and not what the one before left.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/** Peak resident memory while `work` runs, sampled every 50 ms. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ value: T; peakMb: number }> {
  collectGarbage();
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 50);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, peakMb: Math.round(peak / 1048576) };
  } finally {
    clearInterval(timer);
  }
}

export const bench: Bench = {
  name: 'import',
  needsDatabase: true,
  async run({ rows: requested, pool }) {
    if (!pool) throw new Error('the import bench needs a database');
    const rows = requested ?? 1_000_000;
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-bench-import-'));
    try {
      const file = path.join(dir, 'placements.csv');
      const changedFile = path.join(dir, 'placements-10pct-changed.csv');
      await writeBenchFile(file, rows, null);
      await writeBenchFile(changedFile, rows, 10);
      const fileMb = Math.round((await fs.stat(file)).size / 1048576);
      await pool.query(`INSERT INTO creditors (code, name) VALUES ('BENCH', '基准银行') ON CONFLICT (code) DO NOTHING`);
      // The day after the file's placement date, as a bank's daily file arrives.
      const ctx: AppContext = { pool, cipher: new PiiCipher(randomBytes(32)), now: () => new Date('2026-03-02T02:00:00Z'), agencyZone: 'Asia/Shanghai' };
      // CPU of this process and of PostgreSQL (the embedded server's processes, when it is ours) during each case.
      const run = async (f: string) => {
        const before = await cpuSeconds(process.pid);
        const r = await withPeakRss(() => importPlacements(ctx, CLI_ACTOR, { filePath: f, creditor: 'BENCH', errorsPath: `${f}.errors.csv` }));
        const after = await cpuSeconds(process.pid);
        return { ...r, cpu: { node: round(after.node - before.node), postgres: round(after.postgres - before.postgres) } };
      };

      const copySeconds = await rawCopy(pool, file);
      const first = await run(file);
      const floor = await tablesCopyFloor(pool, dir);
      const again = await run(file);
      const changed = await run(changedFile);
      const result = (name: string, r: typeof first, extra: Record<string, unknown> = {}): BenchResult => {
        const s = r.value.summary;
        const d = r.value.details;
        return {
          bench: 'import', case: name, rows, seconds: s.seconds, rows_per_s: Math.round(rows / s.seconds),
          baseline_seconds: round(copySeconds), ratio: round(s.seconds / copySeconds), peak_rss_mb: r.peakMb,
          inserted: s.inserted, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected,
          // Where the time went: the database merging chunks, and this process idle waiting for it.
          database_seconds: d.databaseSeconds, waited_for_database_seconds: d.waitedSeconds,
          cpu_seconds: r.cpu.postgres > 0 ? r.cpu : { node: r.cpu.node, postgres: null }, encryptions: d.encryptions, same_as_last: d.sameAsLast, ...extra,
        };
      };
      const crypto = cipherCost(ctx.cipher);
      return [
        { bench: 'import', case: 'raw_copy', rows, seconds: round(copySeconds), rows_per_s: Math.round(rows / copySeconds), file_mb: fileMb,
          columns: HEADER.length, pii_encrypt_us: crypto.encryptUs, pii_hash_us: crypto.hashUs, pii_seal_many_us: crypto.sealManyUs },
        result('placements', first, { contact_points: first.value.details.contactsAdded, vs_tables_floor: round(first.value.summary.seconds / floor.seconds) }),
        // What storing the import's result costs the database alone (tablesCopyFloor), against the same raw COPY.
        { bench: 'import', case: 'tables_copy_floor', rows, seconds: round(floor.seconds), rows_per_s: Math.round(rows / floor.seconds),
          baseline_seconds: round(copySeconds), ratio: round(floor.seconds / copySeconds), table_rows: floor.rows, binary_mb: floor.mb },
        result('reimport_same_file', again, { vs_first: round(again.value.summary.seconds / first.value.summary.seconds) }),
        result('changed_10pct', changed, { vs_first: round(changed.value.summary.seconds / first.value.summary.seconds) }),
      ];
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  },
};

/**
 * What sealing one value costs here (µs): one at a time (encrypt, as the API does, and the
 * matching hash), and in batches of 500 as the import seals new accounts (sealMany: both).
 */
function cipherCost(cipher: PiiCipher): { encryptUs: number; hashUs: number; sealManyUs: number } {
  const n = 20_000;
  const values = Array.from({ length: n }, (_, i) => `4201021990030${String(i).padStart(5, '0')}`);
  let start = performance.now();
  for (const value of values) cipher.encrypt(value);
  const encryptUs = ((performance.now() - start) * 1000) / n;
  start = performance.now();
  for (const value of values) cipher.matchHash(value);
  const hashUs = ((performance.now() - start) * 1000) / n;
  start = performance.now();
  for (let i = 0; i < n; i += 500) cipher.sealMany(values.slice(i, i + 500));
  const sealManyUs = ((performance.now() - start) * 1000) / n;
  return { encryptUs: round(encryptUs), hashUs: round(hashUs), sealManyUs: round(sealManyUs) };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
