/**
 * All SQL of bank-file imports. A batch runs in one transaction on one connection, chunk by
 * chunk: new accounts, their new debtors and those debtors' contact points are copied straight
 * into their tables (binary COPY); other rows are staged with COPY into temporary tables (no
 * WAL, dropped at commit) and merged into accounts, contact points and payments with set-based
 * statements. Nothing here issues a query per row.
 */
import { StringDecoder } from 'node:string_decoder';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { ENDED_PROMISE_COLUMNS, tellPromiseHolders } from './holds-repository.ts';
import { LATEST_CHARGE_OFF } from './validation-notices-repository.ts';
import type pg from 'pg';
import type { Queryable, PoolClient } from './pool.ts';

/** The fixed start and end of binary COPY data. */
const BINARY_COPY_HEADER = Buffer.from([...Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), 0, 0, 0, 0, 0, 0, 0, 0]);
const BINARY_COPY_TRAILER = Buffer.from([0xff, 0xff]);

export type ImportKindName = 'placements' | 'payments' | 'recalls' | 'contacts';

export interface CreditorForImport { id: number; code: string; name: string; column_mapping: Record<string, unknown> | null; placement_days: number }

/** The creditor and its placement length under the contract in force on `date` (the agency's business date). */
export async function findCreditorForImport(db: Queryable, code: string, date: string): Promise<CreditorForImport | undefined> {
  const { rows } = await db.query<CreditorForImport>(
    `SELECT c.id, c.code, c.name, c.column_mapping,
            coalesce((SELECT k.placement_days FROM contracts k WHERE k.creditor_id = c.id AND k.effective_from <= $2::date
                       ORDER BY k.effective_from DESC, k.version DESC LIMIT 1), 180) AS placement_days
       FROM creditors c WHERE c.code IN ($1, upper(btrim($1))) ORDER BY c.code = $1 DESC LIMIT 1`, [code, date]);
  return rows[0];
}

export async function listCreditorCodes(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ code: string }>('SELECT code FROM creditors ORDER BY code');
  return rows.map((r) => r.code);
}

export interface RegionRow { code: string; name: string; level: 'province' | 'city' | 'county'; parent_code: string | null }

export async function loadRegions(db: Queryable): Promise<RegionRow[]> {
  const { rows } = await db.query<RegionRow>('SELECT code, name, level, parent_code FROM regions');
  return rows;
}

/** The next batch id, known before the batch commits (the HTTP route reports progress by it). */
export async function reserveBatchId(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('import_batches', 'id')) AS id`);
  return rows[0]!.id;
}

/**
 * Starts the batch's transaction work: imports of one creditor run one at a time (a second
 * waits here), and the batch row is written with status 'running' (visible at commit). `at` is
 * when, on the product's clock (ctx.now(): a training or demo server may run apart from the
 * database's); the batch's placements are dated by it too.
 */
export async function startBatch(client: PoolClient, batch: {
  id: number; creditorId: number; kind: ImportKindName; fileName: string; fileSha256: string; encoding: string | null; createdBy: number | null; at: Date;
}): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(7423003, $1::int)', [batch.creditorId]);
  await client.query(
    `INSERT INTO import_batches (creditor_id, id, kind, file_name, file_sha256, encoding, status, created_by, created_at)
     OVERRIDING SYSTEM VALUE VALUES ($1, $2, $3, $4, $5, $6, 'running', $7, $8)`,
    [batch.creditorId, batch.id, batch.kind, batch.fileName, batch.fileSha256, batch.encoding, batch.createdBy, batch.at]);
}

export interface BatchCounts { rows: number; inserted: number; updated: number; unchanged: number; rejected: number }

export async function finishBatch(client: PoolClient, creditorId: number, batchId: number, counts: BatchCounts,
  extra: { errorsFile: string | null; duplicateOf: number | null; summary: Record<string, unknown> }): Promise<void> {
  await client.query(
    `UPDATE import_batches SET status = 'done', rows = $3, inserted = $4, updated = $5, unchanged = $6, rejected = $7,
            errors_file = $8, duplicate_of = $9, summary = $10,
            -- On the product's clock like created_at: its start plus the time the batch took (now() is when its transaction began).
            finished_at = created_at + (clock_timestamp() - now())
      WHERE creditor_id = $1 AND id = $2`,
    [creditorId, batchId, counts.rows, counts.inserted, counts.updated, counts.unchanged, counts.rejected,
      extra.errorsFile, extra.duplicateOf, JSON.stringify(extra.summary)]);
}

export interface DoneBatch { id: number; rows: number; rejected: number; unchanged: number; errors_file: string | null; created_at: Date }

/** The earlier completed import of this very file (same creditor, kind and SHA-256), if any. */
export async function findDoneBatchByFile(db: Queryable, creditorId: number, kind: ImportKindName, sha256: string): Promise<DoneBatch | undefined> {
  const { rows } = await db.query<DoneBatch>(
    `SELECT id, rows, rejected, unchanged, errors_file, created_at FROM import_batches
      WHERE creditor_id = $1 AND kind = $2 AND file_sha256 = $3 AND status = 'done' AND duplicate_of IS NULL
      ORDER BY id LIMIT 1`, [creditorId, kind, sha256]);
  return rows[0];
}

export async function saveColumnMapping(db: Queryable, creditorId: number, mapping: Record<string, unknown>): Promise<void> {
  await db.query('UPDATE creditors SET column_mapping = $2 WHERE id = $1', [creditorId, JSON.stringify(mapping)]);
}

/**
 * A staged chunk meets the big tables (accounts, debtors, payments, contact points) through
 * their unique indexes, one probe per staged row: lookups are written as correlated
 * subqueries, and the remaining joins run with hash and merge joins off. Left to itself the
 * planner would hash a whole table once per chunk, or, with statistics that do not yet know
 * how many accounts a creditor has (a first big import), loop over all of them for every
 * row. Joins between staging tables are best hashed.
 */
function joinBy(mode: 'index' | 'hash'): Statement[] {
  const value = mode === 'index' ? 'off' : 'on';
  return [[null, `SET LOCAL enable_hashjoin = ${value}`], [null, `SET LOCAL enable_mergejoin = ${value}`]];
}

type Statement = [key: string | null, sql: string];

/**
 * Runs a chunk's statements as one simple-protocol script: one round trip, so the server
 * goes from one statement to the next without waiting for this process (which is busy
 * parsing the next chunk). Only integers are inlined; they are checked here.
 */
async function runScript(client: PoolClient, statements: readonly Statement[], ints: readonly number[]): Promise<Map<string, pg.QueryResult>> {
  for (const n of ints) if (!Number.isSafeInteger(n)) throw new Error(`not an integer: ${String(n)}`);
  const raw = await client.query(statements.map(([, sql]) => sql).join(';\n')) as unknown as pg.QueryResult | pg.QueryResult[];
  const results = Array.isArray(raw) ? raw : [raw];
  const byKey = new Map<string, pg.QueryResult>();
  statements.forEach(([key], i) => { if (key) byKey.set(key, results[i]!); });
  return byKey;
}

/** Streams COPY text (already escaped) into a table. */
export function copyInto(client: PoolClient, table: string, columns: readonly string[], data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
    stream.on('finish', resolve);
    stream.on('error', reject);
    stream.end(data);
  });
}

/** Streams rows in binary COPY format (without header and trailer: added here) into a table. */
export function copyBinaryInto(client: PoolClient, table: string, columns: readonly string[], rows: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN (FORMAT binary)`));
    stream.on('finish', resolve);
    stream.on('error', reject);
    stream.write(BINARY_COPY_HEADER);
    stream.write(rows);
    stream.end(BINARY_COPY_TRAILER);
  });
}

// ---------------------------------------------------------------------------------------
// Placements

/** Rows of known accounts whose balance parts change (or that come back after a recall), staged to be merged. */
export const PLACEMENT_STAGE_COLUMNS = ['row_no', 'account_no', 'principal_fen', 'interest_fen', 'fees_fen', 'placed_on', 'contact_digest', 'row_digest'] as const;
/** New debtors, copied straight into debtors (the id is drawn by reserveDebtorIds). */
export const DEBTOR_COLUMNS = ['id', 'name', 'id_number_enc', 'id_number_hash', 'id_number_mask', 'birth_date', 'region_code', 'region_source', 'time_zone',
  'preferred_language'] as const;
/** New accounts, copied straight into accounts. */
export const ACCOUNT_COLUMNS = ['id', 'debtor_id', 'placement_id', 'creditor_id', 'account_no', 'account_no_mask', 'product', 'principal_fen',
  'interest_fen', 'fees_fen', 'first_delinquency_date', 'region_code', 'status', 'contact_digest', 'row_digest'] as const;
/** Contact points of debtors found by their ID number, staged to be merged (one they have already is not repeated). */
export const CONTACT_STAGE_COLUMNS = ['debtor_id', 'kind', 'value_enc', 'value_hash', 'value_mask', 'time_zones'] as const;
/**
 * Contact points of debtors a chunk inserted, copied straight into contact_points. A placement's
 * contact points say where they came from in `source` (`placement:<batch_id>`; the batch names the
 * creditor and the file) and leave `provenance` empty: writing it again as JSON for each of two
 * million points cost the database about 8% of a million-row import.
 */
export const CONTACT_POINT_COLUMNS = ['debtor_id', 'kind', 'value_enc', 'value_hash', 'value_mask', 'time_zones', 'owner', 'source'] as const;
export const CONTACT_CHECK_COLUMNS = ['row_no', 'seq', 'debtor_id', 'kind', 'value_hash'] as const;

/** What an import needs to know of an account this creditor already placed. */
export type KnownAccountSink = (accountNo: string, debtorId: number, principal: number, interest: number, fees: number, recalled: boolean,
  contactDigest: number, rowDigest: number, statedOn: string, idPrint: number) => void;

/** The first 6 bytes of an ID number's keyed hash as a number (exact in a double): what a known account's row is checked against. */
export function idPrintOf(hash: Buffer, at = 0): number {
  return hash.readUIntBE(at, 6);
}

/**
 * The creditor's accounts, streamed (COPY TO) into `sink` without building a row object each:
 * a placement file is mostly accounts we know, and knowing them up front lets the import skip
 * what did not change (no encryption, no staging).
 */
export async function streamKnownAccounts(client: PoolClient, creditorId: number, sink: KnownAccountSink, options: { idPrints: boolean } = { idPrints: true }): Promise<number> {
  if (!Number.isSafeInteger(creditorId)) throw new Error('creditor id must be an integer');
  const { rows } = await client.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM accounts WHERE creditor_id = $1) AS any', [creditorId]);
  if (!rows[0]!.any) return 0;
  // The day the balance was last stated (the bank's last restatement, else the placement's date): an older file does not restate it.
  // With the start of its debtor's ID number's keyed hash (idPrintOf), in hex: a row naming another ID number is not applied to the
  // account. Read only for a file that gives ID numbers (the join reads every debtor: a balance file without them does without).
  const stream = client.query(copyTo(`COPY (SELECT a.account_no, a.debtor_id, a.principal_fen, a.interest_fen, a.fees_fen, a.status = 'recalled', a.contact_digest,
      a.row_digest, coalesce(a.balance_stated_on, pl.placed_on), ${options.idPrints ? `encode(substring(d.id_number_hash FROM 1 FOR 6), 'hex')` : 'NULL'}
    FROM accounts a LEFT JOIN placements pl ON pl.creditor_id = a.creditor_id AND pl.id = a.placement_id ${options.idPrints ? 'JOIN debtors d ON d.id = a.debtor_id' : ''}
    WHERE a.creditor_id = ${creditorId}) TO STDOUT`));
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let count = 0;
  const line = (text: string) => {
    const f = text.split('\t');
    const accountNo = f[0]!.includes('\\') ? unescapeCopy(f[0]!) : f[0]!;
    sink(accountNo, Number(f[1]), Number(f[2]), Number(f[3]), Number(f[4]), f[5] === 't', f[6] === '\\N' ? NaN : Number(f[6]),
      f[7] === '\\N' ? NaN : Number(f[7]), f[8]!, f[9] === '\\N' || f[9] === undefined ? NaN : Number.parseInt(f[9], 16));
    count++;
  };
  for await (const chunk of stream) {
    const text = rest + decoder.write(chunk as Buffer);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      line(text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  if (rest) line(rest);
  return count;
}

/**
 * About how many debtors there are: the planner's estimate, or a count when the table has never
 * been analysed (a new database's few).
 */
export async function debtorCountEstimate(client: PoolClient): Promise<number> {
  const { rows: [estimate] } = await client.query<{ n: number }>(`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'debtors'::regclass`);
  if (estimate && estimate.n >= 0) return estimate.n;
  const { rows: [count] } = await client.query<{ n: string }>('SELECT count(*) AS n FROM debtors');
  return Number(count!.n);
}

/** Every debtor's ID number's keyed hash (hex), streamed (COPY TO) into `sink` (DebtorFilter). */
export async function streamDebtorIdHashes(client: PoolClient, sink: (hex: string) => void): Promise<number> {
  const stream = client.query(copyTo(`COPY (SELECT encode(id_number_hash, 'hex') FROM debtors WHERE id_number_hash IS NOT NULL) TO STDOUT`));
  let rest = '';
  let count = 0;
  for await (const chunk of stream) {
    const text = rest + (chunk as Buffer).toString('latin1');   // hex digits and newlines only
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      sink(text.slice(start, nl));
      count++;
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  if (rest) { sink(rest); count++; }
  return count;
}

function unescapeCopy(text: string): string {
  return text.replace(/\\(.)/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : c));
}

export interface NewContactPoint { debtorId: number; kind: 'phone' | 'address' | 'email'; hash: string; enc: string; mask: string; timeZones: readonly string[] | null }

/** Contact points found new for known debtors (a few per file, usually), in one statement. */
export async function insertContactPoints(client: PoolClient, points: readonly NewContactPoint[], batchId: number): Promise<number> {
  if (points.length === 0) return 0;
  const result = await client.query(
    `INSERT INTO contact_points (debtor_id, kind, value_enc, value_hash, value_mask, time_zones, owner, source)
     SELECT d, k, decode(e, 'hex'), decode(h, 'hex'), m, CASE WHEN z IS NOT NULL THEN string_to_array(z, ' ') END, 'debtor', $7
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS t(d, k, e, h, m, z)
     ON CONFLICT (debtor_id, kind, value_hash) DO NOTHING`,
    [points.map((p) => p.debtorId), points.map((p) => p.kind), points.map((p) => p.enc), points.map((p) => p.hash), points.map((p) => p.mask),
      points.map((p) => p.timeZones?.join(' ') ?? null), `placement:${batchId}`]);
  return result.rowCount ?? 0;
}

/**
 * Whether this connection may leave out PostgreSQL's per-row foreign-key checks while merging
 * (session_replication_role = replica: a superuser, or a role granted SET on it). Each check is
 * an index probe and a row lock run through SPI, about a third of the database's work for a new
 * account (three keys on accounts, one on each contact point). The merge proves the same
 * references set-wise instead; see mergeKnownAccounts.
 */
export async function maySkipRowForeignKeyChecks(client: PoolClient): Promise<boolean> {
  const { rows: [server] } = await client.query<{ origin: boolean; superuser: boolean; version: number }>(
    `SELECT current_setting('session_replication_role') = 'origin' AS origin, current_setting('is_superuser') = 'on' AS superuser,
            current_setting('server_version_num')::int AS version`);
  if (!server!.origin) return false;
  if (server!.superuser) return true;
  if (server!.version < 150000) return false; // GRANT SET ON PARAMETER came with PostgreSQL 15
  const { rows } = await client.query<{ may: boolean }>(`SELECT has_parameter_privilege('session_replication_role', 'SET') AS may`);
  return rows[0]!.may;
}

export async function createPlacementStaging(client: PoolClient): Promise<void> {
  await client.query(`
    CREATE TEMP TABLE import_placement_rows (
      row_no integer NOT NULL, account_no text NOT NULL, principal_fen bigint, interest_fen bigint, fees_fen bigint, placed_on date NOT NULL,
      contact_digest bigint, row_digest bigint, account_id bigint, old_principal_fen bigint, old_interest_fen bigint, old_fees_fen bigint, old_status text, old_placement_id bigint,
      old_recalled_on date
    ) ON COMMIT DROP;
    CREATE TEMP TABLE import_contacts (
      debtor_id bigint NOT NULL, kind text NOT NULL, value_hash bytea NOT NULL, value_enc bytea NOT NULL, value_mask text NOT NULL, time_zones text[]
    ) ON COMMIT DROP;
    CREATE TEMP TABLE import_contact_checks (
      row_no integer NOT NULL, seq integer NOT NULL, debtor_id bigint NOT NULL, kind text NOT NULL, value_hash bytea NOT NULL
    ) ON COMMIT DROP;
    CREATE TEMP TABLE import_placements (placed_on date PRIMARY KEY, id bigint NOT NULL) ON COMMIT DROP;`);
}

/**
 * SQL for the name a new placement of creditor `$1` placed on `placedOn` gets, the one people
 * know it by: the creditor's code and the date, `BANK1-20260302` (as the demo's are named); a
 * second placement of that creditor on that date is `BANK1-20260302-2`, and so on. Imports of
 * one creditor run one at a time (startBatch), so no other names one meanwhile.
 */
function placementNameSql(placedOn: string): string {
  const base = `((SELECT code FROM creditors WHERE id = $1) || '-' || to_char(${placedOn}, 'YYYYMMDD'))`;
  return `(SELECT CASE WHEN count(p.batch_ref) = 0 THEN b.base ELSE b.base || '-' || (coalesce(max(
              CASE WHEN p.batch_ref <> b.base THEN substr(p.batch_ref, length(b.base) + 2)::int END), 1) + 1) END
             FROM (SELECT ${base} AS base) b
             LEFT JOIN placements p ON p.creditor_id = $1 AND (p.batch_ref = b.base
               OR (starts_with(p.batch_ref, b.base || '-') AND substr(p.batch_ref, length(b.base) + 2) ~ '^[0-9]{1,6}$'))
            GROUP BY b.base)`;
}

/**
 * One placement (委案批次) per placement date in the file, created when the date first appears,
 * named by placementNameSql and dated when the batch started; the ids of the batch's placements
 * by date (YYYY-MM-DD).
 */
export async function ensurePlacements(client: PoolClient, creditorId: number, batchId: number, fileSha256: string,
  dates: readonly string[], endsOn: string | null, placementDays: number): Promise<Map<string, number>> {
  await client.query(
    `WITH missing AS (SELECT d::date AS placed_on FROM unnest($3::text[]) d
                       WHERE NOT EXISTS (SELECT 1 FROM import_placements p WHERE p.placed_on = d::date)),
          created AS (INSERT INTO placements (creditor_id, batch_ref, placed_on, ends_on, file_sha256, created_at)
                      SELECT $1, ${placementNameSql('m.placed_on')}, m.placed_on,
                             coalesce($4::date, m.placed_on + $5::int), $6,
                             (SELECT created_at FROM import_batches WHERE creditor_id = $1 AND id = $2) FROM missing m
                      RETURNING id, placed_on)
     INSERT INTO import_placements (placed_on, id) SELECT placed_on, id FROM created`,
    [creditorId, batchId, dates, endsOn, placementDays, fileSha256]);
  const { rows } = await client.query<{ placed_on: string; id: string }>(`SELECT placed_on::text, id FROM import_placements`);
  return new Map(rows.map((r) => [r.placed_on, Number(r.id)]));
}

/**
 * Debtors already there with these ID numbers (keyed hashes, hex), by hash, read FOR KEY SHARE
 * as the foreign-key check of the accounts about to reference them would. Placement imports
 * hold lockDebtorMatching, so no other import adds one of these meanwhile.
 */
export async function findDebtorsByIdHash(client: PoolClient, hashes: readonly string[]): Promise<Map<string, { id: number; name: string }>> {
  if (hashes.length === 0) return new Map();
  const { rows } = await client.query<{ h: string; id: string; name: string }>({
    name: 'import-find-debtors',
    text: `SELECT encode(id_number_hash, 'hex') AS h, id, name FROM debtors WHERE id_number_hash = ANY ($1::bytea[]) FOR KEY SHARE`,
    values: [hashes.map((h) => `\\x${h}`)],
  });
  return new Map(rows.map((r) => [r.h, { id: Number(r.id), name: r.name }]));
}

/**
 * The first of `count` consecutive ids for new debtors or accounts, drawn from the table's own
 * sequence in one step rather than a value each (so the caller can write them into its COPY
 * rows). Only placement imports add debtors and accounts, and they hold lockDebtorMatching, so no
 * other nextval comes between.
 */
export async function reserveIds(client: PoolClient, table: 'debtors' | 'accounts', count: number): Promise<number> {
  if (!Number.isSafeInteger(count) || count < 1) throw new Error('count must be a positive integer');
  const { rows } = await client.query<{ last: string }>({
    name: `import-reserve-${table}-ids`,
    text: `SELECT setval(s.seq, nextval(s.seq) + $1::int - 1) AS last FROM (SELECT pg_get_serial_sequence('${table}', 'id')::regclass AS seq) s`,
    values: [count],
  });
  return Number(rows[0]!.last) - count + 1;
}

/**
 * New accounts' report rows, written by the import itself (report_account_facts: one per account,
 * as the report_accounts_insert trigger writes them for any other insert; migration 0049): each
 * account's placement month, region prefix, bucket on its placement date and placed amount, with
 * collector 0 (a new account has no assignment).
 */
export const REPORT_FACT_COLUMNS = ['creditor_id', 'account_id', 'placement_id', 'placement_month', 'region_prefix', 'bucket', 'placed_fen', 'collector_id'] as const;

/** The report writes the import makes itself: the trigger leaves the accounts this transaction inserts to it. */
export async function writeReportFactsHere(client: PoolClient): Promise<void> {
  await client.query(`SELECT set_config('leeway.report_facts', 'written', true)`);
}

/** Adds new accounts to report_placed: per (placement month, region prefix, bucket), how many and how much, unassigned. */
export async function addPlacedReport(client: PoolClient, creditorId: number,
  groups: ReadonlyArray<{ month: string; prefix: string; bucket: string; accounts: number; placedFen: number }>): Promise<void> {
  if (groups.length === 0) return;
  await client.query({
    name: 'import-report-placed',
    text: `INSERT INTO report_placed AS r (creditor_id, placement_month, region_prefix, bucket, collector_id, accounts, placed_fen)
           SELECT $1, m, p, b, 0, n, f FROM unnest($2::date[], $3::text[], $4::text[], $5::bigint[], $6::bigint[]) AS g(m, p, b, n, f)
           ON CONFLICT (creditor_id, placement_month, region_prefix, bucket, collector_id)
           DO UPDATE SET accounts = r.accounts + excluded.accounts, placed_fen = r.placed_fen + excluded.placed_fen`,
    values: [creditorId, groups.map((g) => g.month), groups.map((g) => g.prefix), groups.map((g) => g.bucket), groups.map((g) => g.accounts),
      groups.map((g) => g.placedFen)],
  });
}

/**
 * Placement imports match debtors by ID number and write the new ones without ON CONFLICT, so
 * they take turns (whatever the creditor) from the first new account to the commit.
 */
export async function lockDebtorMatching(client: PoolClient): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(7423004)');
}

export interface RejectedRow { row_no: number; reason: string }
export interface MergeResult { inserted: number; updated: number; rejected: RejectedRow[]; contactsAdded: number }
export interface KnownAccountsMergeResult {
  /** Rows of known accounts that changed. */
  updatedRows: Set<number>;
  /** The accounts whose balance parts the file restated (or placed again) to nothing, or that have payments: those it may have paid off. */
  restatedAccounts: number[];
  /** Phones and addresses of known debtors that are new to them. */
  newContacts: Array<{ row_no: number; seq: number; kind: 'phone' | 'address' | 'email' }>;
}

const rowsOf = <T>(results: Map<string, pg.QueryResult>, key: string): T[] => (results.get(key)?.rows ?? []) as T[];
const countOf = (results: Map<string, pg.QueryResult>, key: string): number => results.get(key)?.rowCount ?? 0;

/**
 * Merges a chunk's rows of known accounts (new balance parts, a recalled account placed again)
 * and finds which of their debtors' phones and addresses are new; see docs/import.md. New
 * accounts are not staged: the caller copies them, their new debtors and those debtors'
 * contact points straight into the tables (copyBinaryInto), between this and finishPlacementChunk.
 *
 * With `setWiseKeys` (maySkipRowForeignKeyChecks), the chunk's writes run with
 * session_replication_role = replica, which leaves out the per-row foreign-key triggers and
 * nothing else (unique, check and not-null constraints hold; the report and queue triggers are
 * ENABLE ALWAYS), and finishPlacementChunk sets the role back to origin (the audit row's trigger
 * must fire). Every reference written meanwhile holds by construction, and is locked as the
 * checks would lock it:
 * - creditor_id: the batch's creditor, locked for this transaction by startBatch's insert;
 * - placement_id: a placement this transaction created (import_placements), invisible to others;
 * - debtor_id: a debtor this transaction inserted, or one found by its ID number's keyed hash
 *   and read FOR KEY SHARE (findDebtorsByIdHash), or a known account's debtor, whose account
 *   row the same statement updates;
 * - account_history's account: a row the same statement updates.
 */
export async function mergeKnownAccounts(client: PoolClient, p: {
  creditorId: number; batchId: number; setWiseKeys: boolean;
}): Promise<KnownAccountsMergeResult> {
  const { creditorId: c, batchId: b } = p;
  const results = await runScript(client, [
    ...(p.setWiseKeys ? [[null, `SET LOCAL session_replication_role = replica`] satisfies Statement] : []),
    ...joinBy('index'),
    // Known accounts: their ids and current values.
    [null, `UPDATE import_placement_rows r
               SET (account_id, old_principal_fen, old_interest_fen, old_fees_fen, old_status, old_placement_id, old_recalled_on) =
                   (SELECT a.id, a.principal_fen, a.interest_fen, a.fees_fen, a.status, a.placement_id, a.recalled_on
                      FROM accounts a WHERE a.creditor_id = ${c} AND a.account_no = r.account_no)`],
    // Phones and addresses of known debtors that they do not have yet (to encrypt and add).
    ['newContacts', `SELECT x.row_no, x.seq, x.kind FROM import_contact_checks x
       WHERE NOT EXISTS (SELECT 1 FROM contact_points cp WHERE cp.debtor_id = x.debtor_id AND cp.kind = x.kind AND cp.value_hash = x.value_hash)`],
    // New balance parts (a blank cell keeps the value); a recalled account placed again becomes
    // 'placed' in the new placement. The replaced values go to account_history.
    ['updated', `WITH changed AS MATERIALIZED (
       SELECT r.row_no, r.account_id, r.old_principal_fen, r.old_interest_fen, r.old_fees_fen, r.old_status, r.old_placement_id,
              r.old_recalled_on, coalesce(r.principal_fen, r.old_principal_fen) AS principal_fen,
              coalesce(r.interest_fen, r.old_interest_fen) AS interest_fen, coalesce(r.fees_fen, r.old_fees_fen) AS fees_fen,
              r.old_status = 'recalled' AS replaced, p.id AS placement_id, ${c}::bigint AS creditor_id, r.contact_digest, r.row_digest, r.placed_on
         FROM import_placement_rows r JOIN import_placements p ON p.placed_on = r.placed_on
        WHERE r.account_id IS NOT NULL
          AND (r.old_status = 'recalled'
               OR coalesce(r.principal_fen, r.old_principal_fen) <> r.old_principal_fen
               OR coalesce(r.interest_fen, r.old_interest_fen) <> r.old_interest_fen
               OR coalesce(r.fees_fen, r.old_fees_fen) <> r.old_fees_fen)),
     history AS (
       INSERT INTO account_history (creditor_id, account_id, batch_id, principal_fen, interest_fen, fees_fen, status, placement_id, recalled_on)
       SELECT ${c}, account_id, ${b}, old_principal_fen, old_interest_fen, old_fees_fen, old_status, old_placement_id, old_recalled_on FROM changed)
     UPDATE accounts a
        SET principal_fen = x.principal_fen, interest_fen = x.interest_fen, fees_fen = x.fees_fen,
            status = CASE WHEN x.replaced THEN 'placed' ELSE a.status END,
            placement_id = CASE WHEN x.replaced THEN x.placement_id ELSE a.placement_id END,
            recalled_on = CASE WHEN x.replaced THEN NULL ELSE a.recalled_on END,
            recall_reason = CASE WHEN x.replaced THEN NULL ELSE a.recall_reason END,
            -- Placed again: the new placement's term rules; a past 留案 day is the old mandate's.
            retained_until = CASE WHEN x.replaced THEN NULL ELSE a.retained_until END,
            -- A restated balance is the bank's statement of the file's date (placed again: the new placement's).
            balance_stated_on = CASE WHEN x.replaced THEN NULL ELSE x.placed_on END,
            version = a.version + 1, updated_at = now(), contact_digest = x.contact_digest, row_digest = x.row_digest
       FROM changed x WHERE a.creditor_id = x.creditor_id AND a.id = x.account_id
     RETURNING x.row_no, x.account_id, x.principal_fen + x.interest_fen + x.fees_fen = 0
               OR EXISTS (SELECT 1 FROM payments y WHERE y.creditor_id = x.creditor_id AND y.account_id = x.account_id) AS may_be_paid`],
    // The new accounts' statements (the report trigger's join with their placements) plan as usual.
    ...joinBy('hash'),
  ], [c, b]);
  return {
    updatedRows: new Set(rowsOf<{ row_no: number }>(results, 'updated').map((r) => r.row_no)),
    restatedAccounts: rowsOf<{ account_id: number; may_be_paid: boolean }>(results, 'updated').filter((r) => r.may_be_paid).map((r) => Number(r.account_id)),
    newContacts: rowsOf<{ row_no: number; seq: number; kind: 'phone' | 'address' | 'email' }>(results, 'newContacts'),
  };
}

/**
 * The language a file gives for debtors already on file, kept only for those who have none recorded
 * (a collector's record, or an earlier file's, stays); a debtor named twice takes the first.
 */
export async function setDebtorLanguages(client: PoolClient, debtorIds: readonly number[], languages: readonly string[]): Promise<void> {
  await client.query(
    `UPDATE debtors d SET preferred_language = u.language
       FROM (SELECT DISTINCT ON (id) id, language FROM unnest($1::bigint[], $2::text[]) WITH ORDINALITY AS x(id, language, n) ORDER BY id, n) u
      WHERE d.id = u.id AND d.preferred_language IS NULL`,
    [debtorIds, languages]);
}

/** A row's charge-off figures, for saveChargeOffs: the account they are of and the file's row. */
export interface GivenChargeOff { rowNo: number; accountNo: string; date: string; balance: number; interest: number; fees: number; paid: number }

/**
 * The charge-off figures the file gives (account_charge_offs), for accounts now on file: a row is
 * added where the account has none, or other figures in force; the same figures again add nothing.
 * Returns the file's rows whose figures were added.
 */
export async function saveChargeOffs(client: PoolClient, creditorId: number, batchId: number, given: readonly GivenChargeOff[]): Promise<number[]> {
  const { rows } = await client.query<{ row_no: number }>(
    `WITH given AS (
       SELECT DISTINCT ON (account_no) * FROM unnest($3::int[], $4::text[], $5::date[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[])
         AS g(row_no, account_no, charged_off_on, balance_fen, interest_fen, fees_fen, paid_fen) ORDER BY account_no, row_no),
     changed AS (
       SELECT g.*, a.id AS account_id FROM given g
         JOIN accounts a ON a.creditor_id = $1 AND a.account_no = g.account_no
         LEFT JOIN LATERAL ${LATEST_CHARGE_OFF('a')} c ON true
        WHERE c.id IS NULL OR (c.charged_off_on, c.balance_fen, c.interest_fen, c.fees_fen, c.paid_fen)
                              IS DISTINCT FROM (g.charged_off_on, g.balance_fen, g.interest_fen, g.fees_fen, g.paid_fen)),
     added AS (
       INSERT INTO account_charge_offs (creditor_id, account_id, batch_id, charged_off_on, balance_fen, interest_fen, fees_fen, paid_fen)
       SELECT $1, account_id, $2, charged_off_on, balance_fen, interest_fen, fees_fen, paid_fen FROM changed)
     SELECT row_no FROM changed`,
    [creditorId, batchId, given.map((g) => g.rowNo), given.map((g) => g.accountNo), given.map((g) => g.date), given.map((g) => g.balance),
      given.map((g) => g.interest), given.map((g) => g.fees), given.map((g) => g.paid)]);
  return rows.map((r) => r.row_no);
}

/**
 * Keeps what each account's latest row said: about its phones and address (accounts.contact_digest)
 * and, cell for cell, all of it (accounts.row_digest; NaN is NULL).
 */
export async function saveRowDigests(client: PoolClient, creditorId: number, accountNos: readonly string[], contactDigests: readonly number[],
  rowDigests: readonly number[]): Promise<void> {
  await client.query(
    `UPDATE accounts a SET contact_digest = u.contact_digest, row_digest = u.row_digest
       FROM unnest($2::text[], $3::bigint[], $4::bigint[]) AS u(account_no, contact_digest, row_digest)
      WHERE a.creditor_id = $1 AND a.account_no = u.account_no`,
    [creditorId, accountNos, contactDigests, rowDigests.map((d) => (Number.isNaN(d) ? null : d))]);
}

/**
 * Ends a chunk's merge: the staged phones and addresses of debtors found by their ID number
 * (one they have already is not repeated), foreign-key checks back on, staging emptied.
 */
export async function finishPlacementChunk(client: PoolClient, p: {
  batchId: number; setWiseKeys: boolean; matchedContacts: boolean;
}): Promise<{ contactsAdded: number }> {
  const { batchId: b } = p;
  const source = `'placement:${b}'`;
  const results = await runScript(client, [
    ...(p.matchedContacts ? [['contacts', `INSERT INTO contact_points (debtor_id, kind, value_enc, value_hash, value_mask, time_zones, owner, source)
       SELECT x.debtor_id, x.kind, x.value_enc, x.value_hash, x.value_mask, x.time_zones, 'debtor', ${source}
         FROM import_contacts x
       ON CONFLICT (debtor_id, kind, value_hash) DO NOTHING`] satisfies Statement] : []),
    ...(p.setWiseKeys ? [[null, `SET LOCAL session_replication_role = origin`] satisfies Statement] : []),
    [null, 'TRUNCATE import_placement_rows, import_contacts, import_contact_checks'],
  ], [b]);
  return { contactsAdded: countOf(results, 'contacts') };
}

// ---------------------------------------------------------------------------------------
// Payments

export const PAYMENT_STAGE_COLUMNS = ['row_no', 'account_no', 'txn_id', 'amount_fen', 'paid_on'] as const;

export async function createPaymentStaging(client: PoolClient): Promise<void> {
  await client.query(`
    CREATE TEMP TABLE import_payment_rows (
      row_no integer NOT NULL, account_no text NOT NULL, txn_id text NOT NULL, amount_fen bigint NOT NULL, paid_on date NOT NULL,
      account_id bigint, known boolean NOT NULL DEFAULT false, same boolean NOT NULL DEFAULT false
    ) ON COMMIT DROP`);
}

export async function mergePaymentChunk(client: PoolClient, p: { creditorId: number; batchId: number }): Promise<MergeResult> {
  const { creditorId: c, batchId: b } = p;
  const results = await runScript(client, [
    ...joinBy('index'),
    [null, `UPDATE import_payment_rows r
               SET account_id = (SELECT a.id FROM accounts a WHERE a.creditor_id = ${c} AND a.account_no = r.account_no)`],
    // A bank transaction id is recorded once: the same payment again is unchanged, never counted twice.
    [null, `UPDATE import_payment_rows r
               SET (known, same) = (SELECT count(*) > 0, coalesce(bool_and(p.account_id = r.account_id AND p.amount_fen = r.amount_fen
                                           AND p.paid_on = r.paid_on), false)
                                      FROM payments p WHERE p.creditor_id = ${c} AND p.txn_id = r.txn_id)`],
    ['rejected', `DELETE FROM import_payment_rows WHERE account_id IS NULL OR (known AND NOT same)
     RETURNING row_no, CASE WHEN account_id IS NULL THEN 'unknown_account' ELSE 'txn_differs' END AS reason`],
    ['inserted', `INSERT INTO payments (creditor_id, account_id, txn_id, amount_fen, paid_on, batch_id)
     SELECT ${c}, account_id, txn_id, amount_fen, paid_on, ${b} FROM import_payment_rows WHERE NOT known`],
    [null, 'TRUNCATE import_payment_rows'],
  ], [c, b]);
  return { inserted: countOf(results, 'inserted'), updated: 0, rejected: rowsOf<RejectedRow>(results, 'rejected'), contactsAdded: 0 };
}

// ---------------------------------------------------------------------------------------
// Recalls

export const RECALL_STAGE_COLUMNS = ['row_no', 'account_no', 'recall_date'] as const;

export async function createRecallStaging(client: PoolClient): Promise<void> {
  await client.query(`
    CREATE TEMP TABLE import_recall_rows (
      row_no integer NOT NULL, account_no text NOT NULL, recall_date date NOT NULL, account_id bigint, old_status text, old_recalled_on date, placed_on date
    ) ON COMMIT DROP`);
}

export async function mergeRecallChunk(client: PoolClient, p: { creditorId: number; batchId: number; at: Date }): Promise<MergeResult> {
  const { creditorId: c, batchId: b } = p;
  // The product's clock (a training or demo server's may be set apart from the database's).
  const at = `'${p.at.toISOString()}'::timestamptz`;
  const results = await runScript(client, [
    ...joinBy('index'),
    [null, `UPDATE import_recall_rows r
               SET (account_id, old_status, old_recalled_on, placed_on) =
                   (SELECT a.id, a.status, a.recalled_on, (SELECT pl.placed_on FROM placements pl WHERE pl.creditor_id = a.creditor_id AND pl.id = a.placement_id)
                      FROM accounts a WHERE a.creditor_id = ${c} AND a.account_no = r.account_no)`],
    ['rejected', `DELETE FROM import_recall_rows WHERE account_id IS NULL RETURNING row_no, 'unknown_account' AS reason`],
    // A recall dated before the account was placed with us names no day it was ours.
    ['early', `DELETE FROM import_recall_rows WHERE recall_date < placed_on AND old_status <> 'recalled' RETURNING row_no, 'before_placement' AS reason`],
    // Recalled: status and date; the row stays, its previous state goes to account_history.
    ['updated', `WITH recalled AS MATERIALIZED (
       SELECT r.account_id, r.recall_date, ${c}::bigint AS creditor_id FROM import_recall_rows r
        WHERE r.old_status <> 'recalled' AND NOT (r.old_status IN ('paid', 'settled') AND r.old_recalled_on IS NOT NULL)),
     history AS (
       INSERT INTO account_history (creditor_id, account_id, batch_id, principal_fen, interest_fen, fees_fen, status, placement_id, recalled_on)
       SELECT a.creditor_id, a.id, ${b}, a.principal_fen, a.interest_fen, a.fees_fen, a.status, a.placement_id, a.recalled_on
         FROM recalled r JOIN accounts a ON a.creditor_id = r.creditor_id AND a.id = r.account_id)
     -- An account already paid in full or settled keeps that outcome (the reports' 'paid'); it takes the recall date.
     UPDATE accounts a SET status = CASE WHEN a.status IN ('paid', 'settled') THEN a.status ELSE 'recalled' END, recalled_on = r.recall_date,
                           recall_reason = 'creditor',
                           version = a.version + 1, updated_at = ${at}
       FROM recalled r WHERE a.creditor_id = r.creditor_id AND a.id = r.account_id`],
    // A recalled account's open promise is not the agency's to hold the debtor to: ended, never broken; its holder is told.
    [null, `WITH ended AS (
              UPDATE promises p SET status = 'cancelled', resolved_at = ${at}, cancel_reason = 'recalled'
                FROM import_recall_rows r WHERE p.creditor_id = ${c} AND p.account_id = r.account_id AND p.status = 'open' AND r.old_status <> 'recalled'
              RETURNING ${ENDED_PROMISE_COLUMNS})
            ${tellPromiseHolders({ en: `'the bank''s recall'`, zh: `'委托方退案'` }, at)}`],
    [null, 'TRUNCATE import_recall_rows'],
  ], [c, b]);
  return { inserted: 0, updated: countOf(results, 'updated'), rejected: [...rowsOf<RejectedRow>(results, 'rejected'), ...rowsOf<RejectedRow>(results, 'early')], contactsAdded: 0 };
}

// ---------------------------------------------------------------------------------------
// Skip-trace results (失联修复结果)

export const CONTACT_IMPORT_STAGE_COLUMNS = ['row_no', 'account_no', 'value_enc', 'value_hash', 'value_mask', 'third_party_name', 'relation', 'source',
  'time_zones', 'kind'] as const;

export async function createContactImportStaging(client: PoolClient): Promise<void> {
  await client.query(`
    CREATE TEMP TABLE import_contact_rows (
      row_no integer NOT NULL, account_no text NOT NULL, value_enc bytea NOT NULL, value_hash bytea NOT NULL, value_mask text NOT NULL,
      third_party_name text, relation text, source text NOT NULL, time_zones text[], kind text NOT NULL, account_id bigint, debtor_id bigint, erased boolean
    ) ON COMMIT DROP`);
}

/**
 * Merges a chunk of skip-trace results: each number becomes a contact point of the account's
 * debtor (the debtor's own, or the named third party's) unless the debtor has it already, with
 * where it came from; a debtor who was lost (失联) and gets a number of their own has their
 * lost accounts back in the queue. Rows count as inserted when they added a number.
 */
export async function mergeContactImportChunk(client: PoolClient, p: { creditorId: number; batchId: number }): Promise<MergeResult> {
  const { creditorId: c, batchId: b } = p;
  const results = await runScript(client, [
    ...joinBy('index'),
    [null, `UPDATE import_contact_rows r
               SET (account_id, debtor_id, erased) = (SELECT a.id, a.debtor_id, d.erased_at IS NOT NULL
                                                        FROM accounts a JOIN debtors d ON d.id = a.debtor_id
                                                       WHERE a.creditor_id = ${c} AND a.account_no = r.account_no)`],
    ['rejected', `WITH gone AS (DELETE FROM import_contact_rows WHERE account_id IS NULL OR erased RETURNING row_no, account_id IS NULL AS unknown)
                  SELECT DISTINCT row_no, CASE WHEN unknown THEN 'unknown_account' ELSE 'erased_debtor' END AS reason FROM gone`],
    // A number given as the debtor's own that is on file as another person's (another debtor's, or a third party of another
    // debtor's): not the debtor's without a person's check, and never what takes an account out of 失联. The whole row waits.
    ['elsewhere', `WITH taken AS (
       SELECT DISTINCT r.row_no FROM import_contact_rows r
        WHERE r.third_party_name IS NULL
          AND EXISTS (SELECT 1 FROM contact_points cp WHERE cp.kind = r.kind AND cp.value_hash = r.value_hash AND cp.debtor_id <> r.debtor_id AND cp.erased_at IS NULL)),
     gone AS (DELETE FROM import_contact_rows r USING taken t WHERE r.row_no = t.row_no RETURNING r.row_no)
     SELECT DISTINCT row_no, 'someone_elses' AS reason FROM gone`],
    ['added', `WITH added AS (
       INSERT INTO contact_points (debtor_id, kind, value_enc, value_hash, value_mask, time_zones, owner, third_party_name, relation, source, provenance)
       SELECT debtor_id, kind, value_enc, value_hash, value_mask, time_zones, CASE WHEN third_party_name IS NULL THEN 'debtor' ELSE 'third_party' END,
              third_party_name, relation, source, jsonb_build_object('source', source, 'reliability', 'medium', 'batch_id', ${b}, 'account_id', account_id)
         FROM (SELECT DISTINCT ON (debtor_id, kind, value_hash) * FROM import_contact_rows ORDER BY debtor_id, kind, value_hash, row_no) first_mention
        ORDER BY row_no
       ON CONFLICT (debtor_id, kind, value_hash) DO NOTHING
       RETURNING debtor_id, kind, value_hash, owner),
     found AS (
       UPDATE accounts a SET status = 'active', version = a.version + 1, updated_at = now()
        WHERE a.status = 'lost_contact' AND a.debtor_id IN (SELECT debtor_id FROM added WHERE owner = 'debtor')
        RETURNING a.id)
     SELECT (SELECT count(DISTINCT r.row_no) FROM added JOIN import_contact_rows r USING (debtor_id, kind, value_hash))::int AS rows,
            (SELECT count(*) FROM added)::int AS points, (SELECT count(*) FROM found)::int AS found`],
    [null, 'TRUNCATE import_contact_rows'],
  ], [c, b]);
  const added = rowsOf<{ rows: number; points: number; found: number }>(results, 'added')[0]!;
  return { inserted: added.rows, updated: 0, rejected: [...rowsOf<RejectedRow>(results, 'rejected'), ...rowsOf<RejectedRow>(results, 'elsewhere')],
    contactsAdded: added.points };
}

// ---------------------------------------------------------------------------------------
// Listing

export interface ImportBatchRow {
  id: number; creditor_id: number; creditor_code: string; kind: ImportKindName; file_name: string; file_sha256: string;
  encoding: string | null; status: string; rows: number | null; inserted: number | null; updated: number | null;
  unchanged: number | null; rejected: number | null; errors_file: string | null; duplicate_of: number | null;
  /** An upload's errors file deleted after its retention (import_error_files). */
  errors_deleted_at: Date | null;
  summary: Record<string, unknown>; created_by: number | null; created_by_username: string | null; created_at: Date; finished_at: Date | null;
}

const BATCH_SELECT = `SELECT b.id, b.creditor_id, c.code AS creditor_code, b.kind, b.file_name, b.file_sha256, b.encoding, b.status,
  b.rows, b.inserted, b.updated, b.unchanged, b.rejected, b.errors_file, b.duplicate_of, b.summary, b.created_by,
  u.username AS created_by_username, b.created_at, b.finished_at, ef.deleted_at AS errors_deleted_at
  FROM import_batches b JOIN creditors c ON c.id = b.creditor_id LEFT JOIN users u ON u.id = b.created_by
  LEFT JOIN import_error_files ef ON ef.batch_id = coalesce(b.duplicate_of, b.id)`;

export async function listImportBatches(db: Queryable, q: { limit: number; offset: number; creditorId?: number | undefined }):
  Promise<{ total: number; rows: ImportBatchRow[] }> {
  const where = q.creditorId === undefined ? 'true' : 'b.creditor_id = $3';
  const params: unknown[] = [q.limit, q.offset];
  if (q.creditorId !== undefined) params.push(q.creditorId);
  const { rows } = await db.query<ImportBatchRow>(`${BATCH_SELECT} WHERE ${where} ORDER BY b.created_at DESC, b.id DESC LIMIT $1 OFFSET $2`, params);
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM import_batches b WHERE ${where.replace('$3', '$1')}`,
    q.creditorId === undefined ? [] : [q.creditorId]);
  return { total: total.rows[0]!.n, rows };
}

export async function findImportBatch(db: Queryable, id: number): Promise<ImportBatchRow | undefined> {
  const { rows } = await db.query<ImportBatchRow>(`${BATCH_SELECT} WHERE b.id = $1`, [id]);
  return rows[0];
}

// ---------------------------------------------------------------------------------------
// Errors files of uploads (migration 0030)

/** Keeps an upload's errors file, encrypted, in the batch's transaction. */
export async function keepErrorsFile(client: PoolClient, f: { creditorId: number; batchId: number; contentEnc: Buffer; bytes: number; rows: number }): Promise<void> {
  // Kept since the batch was made, on the product's clock, as the 30 days to its deletion are counted (deleteErrorsFilesBefore).
  await client.query(`INSERT INTO import_error_files (batch_id, creditor_id, content_enc, bytes, rows, created_at)
     VALUES ($1, $2, $3, $4, $5, (SELECT created_at FROM import_batches WHERE creditor_id = $2 AND id = $1))`,
    [f.batchId, f.creditorId, f.contentEnc, f.bytes, f.rows]);
}

export interface StoredErrorsFile { batch_id: number; creditor_id: number; content_enc: Buffer | null; created_at: Date; deleted_at: Date | null }

export async function findErrorsFile(db: Queryable, batchId: number): Promise<StoredErrorsFile | undefined> {
  const { rows } = await db.query<StoredErrorsFile>(
    'SELECT batch_id, creditor_id, content_enc, created_at, deleted_at FROM import_error_files WHERE batch_id = $1', [batchId]);
  return rows[0];
}

/** Errors files kept since before `before`: how many (`dryRun`), or deleted, content and all. */
export async function deleteErrorsFilesBefore(db: Queryable, before: Date, at: Date, dryRun = false): Promise<number> {
  if (dryRun) {
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM import_error_files WHERE deleted_at IS NULL AND created_at < $1', [before]);
    return rows[0]!.n;
  }
  const { rowCount } = await db.query('UPDATE import_error_files SET content_enc = NULL, deleted_at = $2 WHERE deleted_at IS NULL AND created_at < $1', [before, at]);
  return rowCount ?? 0;
}
