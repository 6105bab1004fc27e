/**
 * The import of one bank file, whatever its kind: after the checks that refuse a malformed
 * file before anything is written (prepare-import.ts), one transaction (runImport) streams the
 * rows through parse -> validate -> encrypt -> COPY text or rows, writing chunk by chunk (COPY
 * straight into the tables, or into staging tables merged with set-based statements) while the
 * next chunk is being prepared, so the single PostgreSQL backend stays busy. Killed at any
 * moment, the transaction leaves nothing; run again, it completes. The kinds
 * (import-placements.ts, ...) supply validation, staging and merge.
 */
import fs from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { appendAudit } from '../../db/audit-repository.ts';
import {
  findDoneBatchByFile, findErrorsFile, finishBatch, keepErrorsFile, saveColumnMapping, startBatch, type BatchCounts, type GivenChargeOff, type MergeResult,
} from '../../db/import-repository.ts';
import type { PoolClient } from '../../db/pool.ts';
import type { LocalDate } from '../../domain/calendar.ts';
import type { ImportKind } from '../../domain/import/columns.ts';
import type { ResolvedColumns } from '../../domain/import/mapping.ts';
import { checkMergedCells } from '../../domain/import/merged-cells.ts';
import type { RegionIndex } from '../../domain/import/region.ts';
import { checkFieldCount, isBlankRow, type Checked, type RowError } from '../../domain/import/rows.ts';
import type { Actor, AppContext } from '../context.ts';
import { ErrorsFile, packErrorsFileAt, unpackErrorsFile } from './errors-file.ts';
import type { PreparedImport } from './prepare-import.ts';
import type { FileRow } from './read-file.ts';
import { CopyBuffer, KeySet, PiiEncoder } from './staging.ts';
import type { Country } from '../../domain/country.ts';

export { prepareImport, type ImportRequest, type PreparedImport } from './prepare-import.ts';

/** Exactly what `--json` prints. */
export interface ImportSummary {
  batch_id: number; file_sha256: string; rows: number; inserted: number; updated: number; unchanged: number; rejected: number;
  errors_file: string | null; seconds: number;
}

export interface ImportDetails {
  kind: ImportKind; creditor: string; fileName: string; format: 'csv' | 'xlsx'; encodingNote: string;
  duplicateOf: { id: number; at: Date } | null; contactsAdded: number; unusedHeaders: readonly string[];
  /** Where the time went: the database merging chunks, and this process waiting for it. */
  databaseSeconds: number; waitedSeconds: number; encryptions: number;
  /** Rows counted unchanged without being checked: each was, cell for cell, its key's last accepted row (sameAsLast). */
  sameAsLast: number;
}

export interface ImportProgress { batchId: number; phase: 'reading' | 'committing' | 'done'; rows: number; bytesRead: number; totalBytes: number }

export interface StagedChunk {
  /** COPY lines for the kind's staging table. */
  lines: CopyBuffer;
  /**
   * Rows a kind writes straight into their tables instead of staging them (placements: new
   * accounts): how many in this chunk, those not yet made ready (with their row numbers), and
   * what the kind made of the others. The kind owns `prepared`; it is kept with the chunk and
   * reused.
   */
  freshRows: number;
  fresh: unknown[];
  freshNumbers: number[];
  prepared: unknown;
  /** Keyed hashes of known debtors' phones and addresses, to find the new ones (placements). */
  checkLines: CopyBuffer;
  knownContacts: Map<number, { debtorId: number; phones: readonly string[]; address: string | null; addressZones: readonly string[] | null; email: string | null }>;
  /**
   * Known accounts whose row is not, cell for cell, the one they last had accepted, with what
   * their new row says about phones and addresses and about everything (placements: ContactDigest, RowDigest).
   */
  digestAccounts: string[];
  digests: number[];
  rowDigests: number[];
  /** Debtors already on file and the language their row gives, for those who have none recorded (placements). */
  languageDebtors: number[];
  languages: string[];
  /** Rows' charge-off figures (placements: saveChargeOffs), each saying whether its account was already on file. */
  chargeOffs: Array<GivenChargeOff & { known: boolean }>;
  /** Rows accepted into this chunk (staged or found unchanged). */
  rows: number;
  /**
   * Rows the merge may still reject, kept for the errors file: each row's cells as one string
   * (KEPT_SEPARATOR between them), a chunk's new accounts' all together taking a few MB where
   * the rows themselves, their cells each a string, took the import over its memory budget.
   */
  keep: Map<number, string>;
  placementDates: Set<string>;
}

export interface RowOptionsFor { businessDate: LocalDate; regions: RegionIndex; country: Country }

/** What a kind's stage and merge get: the import, the kind's own state for this run, the encoder. */
export interface ImportRun<State> { prepared: PreparedImport; state: State; pii: PiiEncoder; zone: string; now: () => Date; actor: Actor }

export interface KindHandler<Row, State> {
  kind: ImportKind;
  /** Creates the staging tables and loads what the kind needs to know first, in the batch's transaction. */
  begin(client: PoolClient, prepared: PreparedImport): Promise<State>;
  /**
   * Optional: the row's key when the row is, cell for cell, the one the kind last accepted for it
   * (placements: a known account's row repeated in a daily balance file). Such a row changes
   * nothing: it is counted unchanged without being checked or staged. undefined: check it.
   */
  sameAsLast?(cells: FileRow, run: ImportRun<State>): string | undefined;
  check(columns: ResolvedColumns, cells: FileRow, options: RowOptionsFor): Checked<Row>;
  /** The row's identity within the file (account or transaction), its column, and what the row says. */
  key(row: Row): string;
  keyColumn: 'account_no' | 'txn_id';
  /** A fingerprint of everything the row says (fingerprint, fingerprintOf): a key seen again must say the same. */
  signature(row: Row): number;
  /**
   * Optional: why a checked row may not land though it is well formed (placements: a known
   * account's balance restated by a file older than its last statement); null when it may.
   * `rowNumber`: the row's in the file, for a refusal that names it to a later row.
   */
  refuse?(row: Row, run: ImportRun<State>, rowNumber: number): RowError | null;
  /** Appends the row's COPY lines (or nothing, when it changes nothing); true when the merge may still reject it. */
  stage(row: Row, rowNumber: number, chunk: StagedChunk, run: ImportRun<State>): boolean;
  /**
   * Optional: what is left of this process's share of a full chunk's work (placements: the new
   * accounts still to encrypt and write as COPY rows), done while the database is still merging
   * the chunk before.
   */
  prepare?(chunk: StagedChunk, run: ImportRun<State>): void;
  /** Copies the chunk into the staging tables and merges it. */
  merge(client: PoolClient, chunk: StagedChunk, run: ImportRun<State>): Promise<MergeResult>;
  /** Why the merge rejected a row, from its reason code. */
  rejection(code: string): RowError;
}

// Big enough that per-statement costs vanish, small enough that two chunks' COPY text stays in tens of MB.
// Rows that stage nothing (known accounts that did not change) are cheap to merge but keep what
// their phones and addresses are checked against: a chunk of mostly those ends at half the size,
// which keeps a million-row balance update under the memory budget.
const CHUNK_ROWS = 20_000;
const CHUNK_UNSTAGED_ROWS = CHUNK_ROWS / 2;
// A file of mostly rows that change nothing (a daily balance file) still hands the database what
// did change as it goes, not all at the end: a chunk spans at most this many rows of the file.
const CHUNK_SPAN_ROWS = 50_000;

/** Between a kept row's cells (StagedChunk.keep): a character no bank's cell holds. */
const KEPT_SEPARATOR = '\u0000';

/** What an upload's errors file is called once it is kept in the database (its download name). */
export function uploadedErrorsFileName(batchId: number): string {
  return `import-${batchId}-errors.csv`;
}

/** The batch, in one transaction: all of it lands, or none of it. */
export async function runImport<Row, State>(ctx: AppContext, actor: Actor, handler: KindHandler<Row, State>, prepared: PreparedImport,
  onProgress?: (progress: ImportProgress) => void): Promise<{ summary: ImportSummary; details: ImportDetails }> {
  const { facts, creditor, batchId } = prepared;
  const client = await ctx.pool.connect();
  const errors = new ErrorsFile(prepared.errorsPath, prepared.columns.headers);
  let broken: true | undefined;
  try {
    // Staging tables live in local buffers: room for a chunk keeps them off the disk.
    await client.query(`SET temp_buffers = '256MB'`).catch(() => {});
    await client.query('BEGIN');
    await startBatch(client, {
      id: batchId, creditorId: creditor.id, kind: prepared.kind, fileName: facts.fileName, fileSha256: facts.sha256,
      encoding: facts.encoding, createdBy: actor.userId, at: ctx.now(),
    });
    const earlier = await findDoneBatchByFile(client, creditor.id, prepared.kind, facts.sha256);
    if (earlier) await prepared.rows.close();
    const outcome = earlier
      ? { counts: { rows: earlier.rows, inserted: 0, updated: 0, unchanged: earlier.rows - earlier.rejected, rejected: earlier.rejected },
          contactsAdded: 0, databaseSeconds: 0, waitedSeconds: 0, encryptions: 0, sameAsLast: 0 }
      : await streamRows(ctx, actor, client, handler, prepared, errors, onProgress);
    onProgress?.({ batchId, phase: 'committing', rows: outcome.counts.rows, bytesRead: facts.size, totalBytes: facts.size });
    if (prepared.keepMapping !== null) await saveColumnMapping(client, creditor.id, prepared.keepMapping);
    let errorsFile: string | null;
    if (earlier) errorsFile = await earlierErrorsFile(ctx, client, earlier, prepared, errors);
    else {
      errorsFile = await errors.publish();
      if (errorsFile !== null) {
        // Every batch keeps its rejected rows (sealed, for 30 days), so its errors file stays its own
        // when another import of a file of the same name writes beside it.
        const { kept, bytes } = await packErrorsFileAt(errorsFile);
        await keepErrorsFile(client, { creditorId: creditor.id, batchId, contentEnc: ctx.cipher.encrypt(kept), bytes, rows: errors.count });
        if (prepared.errorsInDatabase) {
          await errors.discard();
          errorsFile = uploadedErrorsFileName(batchId);
        }
      } else if (!prepared.errorsInDatabase) {
        await fs.rm(prepared.errorsPath, { force: true });   // an earlier import's file there is not this one's
      }
    }
    const details: ImportDetails = {
      kind: prepared.kind, creditor: creditor.code, fileName: facts.fileName, format: facts.format, encodingNote: facts.encodingNote,
      duplicateOf: earlier ? { id: earlier.id, at: earlier.created_at } : null, contactsAdded: outcome.contactsAdded,
      unusedHeaders: prepared.columns.unused, databaseSeconds: outcome.databaseSeconds, waitedSeconds: outcome.waitedSeconds,
      encryptions: outcome.encryptions, sameAsLast: outcome.sameAsLast,
    };
    const seconds = Math.round(performance.now() - prepared.startedAt) / 1000;
    await finishBatch(client, creditor.id, batchId, outcome.counts, {
      errorsFile, duplicateOf: earlier?.id ?? null,
      summary: { format: facts.format, encoding: facts.encodingNote, sheet: prepared.sheet ?? null, seconds,
        contacts_added: outcome.contactsAdded, header_row: prepared.headerRowNumber, unused_headers: prepared.columns.unused,
        database_seconds: outcome.databaseSeconds, waited_seconds: outcome.waitedSeconds },
    });
    await appendAudit(client, actor, {
      action: `import.${prepared.kind}`, entity: 'import_batch', entityId: batchId, creditorId: creditor.id,
      detail: { file_name: facts.fileName, file_sha256: facts.sha256, ...outcome.counts, duplicate_of: earlier?.id ?? null },
    });
    await client.query('COMMIT');
    onProgress?.({ batchId, phase: 'done', rows: outcome.counts.rows, bytesRead: facts.size, totalBytes: facts.size });
    return { summary: { batch_id: batchId, file_sha256: facts.sha256, ...outcome.counts, errors_file: errorsFile, seconds }, details };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => { broken = true; });
    await errors.discard();
    await prepared.rows.close();
    throw error;
  } finally {
    client.release(broken); // a connection that cannot even roll back is closed, not reused
  }
}

/**
 * A file imported before is answered with that import's rejected rows: an upload's are served
 * from the earlier batch (duplicate_of); a command's are written where this run writes its errors
 * file (its --errors, or beside the file), from what the earlier batch kept. Kept before batches
 * kept their rows, or past their 30 days: where that import wrote them.
 */
async function earlierErrorsFile(ctx: AppContext, client: PoolClient, earlier: { id: number; rejected: number; errors_file: string | null },
  prepared: PreparedImport, errors: ErrorsFile): Promise<string | null> {
  if (prepared.errorsInDatabase) return earlier.errors_file;
  if (earlier.rejected === 0) {
    await fs.rm(prepared.errorsPath, { force: true });
    return null;
  }
  const stored = await findErrorsFile(client, earlier.id);
  if (stored?.content_enc) return errors.publishCopy(unpackErrorsFile(ctx.cipher.decrypt(stored.content_enc)));
  return earlier.errors_file;
}

/** Canonical column names ("a; b") as the file's headers call them. */
function headerNames(columns: ResolvedColumns, names: string): string {
  return names.split('; ').map((name) => {
    const i = columns.index[name as keyof ResolvedColumns['index']];
    return i === undefined ? name : (columns.headers[i] ?? name);
  }).join('; ');
}

/** A chunk to fill: a used one when there is one (its buffers have grown to size already). */
function newChunk(spare: StagedChunk[]): StagedChunk {
  const used = spare.pop();
  if (!used) {
    return { lines: new CopyBuffer(), freshRows: 0, fresh: [], freshNumbers: [], prepared: undefined, checkLines: new CopyBuffer(),
      knownContacts: new Map(), digestAccounts: [], digests: [], rowDigests: [], languageDebtors: [], languages: [], chargeOffs: [], rows: 0, keep: new Map(),
      placementDates: new Set() };
  }
  used.lines.reset();
  used.freshRows = 0;
  used.fresh.length = 0;
  used.freshNumbers.length = 0;
  used.checkLines.reset();
  used.knownContacts.clear();
  used.digestAccounts.length = 0;
  used.digests.length = 0;
  used.rowDigests.length = 0;
  used.languageDebtors.length = 0;
  used.languages.length = 0;
  used.chargeOffs.length = 0;
  used.keep.clear();
  used.placementDates.clear();
  used.rows = 0;
  return used;
}

/**
 * What `seen` holds for a row found the same as its key's last accepted row (sameAsLast): a row
 * checked later with the same key must be that same row again. No checked row's signature is
 * this value (one that would be is moved to 0).
 */
const SAME_AS_LAST = -0x8000_0000;

/** A row whose key (account number, transaction reference) an earlier row of the file, `first`, gave with other values. */
const duplicateInFile = (first: number): RowError => ({
  column: '',
  zh: `第 ${first} 行已有同一账号（或交易流水号），内容不同：只读取第一行，本行未导入；请只保留正确的一行，如本行才是正确的，请更正后单独重新发送`,
  en: `row ${first} has the same account (or transaction) with other values: only the first is read, and this row was not; keep the right row only, and if this one is right, send it again on its own`,
});

async function streamRows<Row, State>(ctx: AppContext, actor: Actor, client: PoolClient, handler: KindHandler<Row, State>, prepared: PreparedImport,
  errors: ErrorsFile, onProgress?: (progress: ImportProgress) => void):
  Promise<{ counts: BatchCounts; contactsAdded: number; databaseSeconds: number; waitedSeconds: number; encryptions: number; sameAsLast: number }> {
  const { facts, columns, batchId } = prepared;
  const pii = new PiiEncoder(ctx.cipher);
  const run: ImportRun<State> = { prepared, state: await handler.begin(client, prepared), pii, zone: ctx.agencyZone, now: ctx.now, actor };
  const counts: BatchCounts = { rows: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
  let contactsAdded = 0;
  let sameAsLast = 0;
  const reject = (row: FileRow, reasons: RowError[]) => { counts.rejected++; errors.add(row.n, row.fields, reasons); };
  const seen = new KeySet();
  // Each key's first row number, by its entry in `seen` (named when a later row gives the key with other values).
  let firstRows = new Int32Array(1 << 16);
  const noteFirstRow = (rowNo: number) => {
    if (seen.entry >= firstRows.length) { const grown = new Int32Array(firstRows.length * 2); grown.set(firstRows); firstRows = grown; }
    firstRows[seen.entry] = rowNo;
  };
  // A row given again with the same values shares its first row's fate: unchanged when that row
  // landed, turned away with it when it was (the reasons, by the first row's number). The copies of
  // a first row still on its way to the database wait here for its answer (copies are rare; a chunk's
  // rows are answered before the next is sent, so only the rows of the chunk in flight can be waiting).
  const turnedAway = new Map<number, RowError[]>();
  const copiesWaiting = new Map<number, FileRow[]>();
  let lastStagedRow = 0;
  let mergedThrough = 0;
  const turnAway = (row: FileRow, reasons: RowError[]) => {
    reject(row, reasons);
    turnedAway.set(row.n, reasons);
    const copies = copiesWaiting.get(row.n);
    if (copies === undefined) return;
    copiesWaiting.delete(row.n);
    for (const copy of copies) { counts.unchanged--; reject(copy, reasons); }
  };
  const options: RowOptionsFor = { businessDate: prepared.businessDate, regions: prepared.regions, country: prepared.country };
  const headerCount = columns.headers.length;
  const csv = facts.format === 'csv';

  // One chunk merges in the database while the next is prepared here.
  const spare: StagedChunk[] = [];
  let inFlight: Promise<void> | undefined;
  let failure: unknown;
  let databaseMs = 0;
  let waitedMs = 0;
  const flush = async (chunk: StagedChunk) => {
    if (chunk.rows > 0) handler.prepare?.(chunk, run);
    const waitStart = performance.now();
    if (inFlight) await inFlight;
    waitedMs += performance.now() - waitStart;
    if (failure) throw failure;
    if (chunk.rows === 0) return;
    const through = lastStagedRow;
    inFlight = (async () => {
      const start = performance.now();
      const result = await handler.merge(client, chunk, run);
      counts.inserted += result.inserted;
      counts.updated += result.updated;
      counts.unchanged += chunk.rows - result.inserted - result.updated - result.rejected.length;
      contactsAdded += result.contactsAdded;
      databaseMs += performance.now() - start;
      for (const r of result.rejected) {
        const why = handler.rejection(r.reason);
        const kept = chunk.keep.get(r.row_no);
        turnAway({ n: r.row_no, fields: kept === undefined ? [] : kept.split(KEPT_SEPARATOR) }, [{ ...why, column: headerNames(columns, why.column) }]);
      }
      // The chunk's other rows landed: their copies stay counted unchanged.
      mergedThrough = through;
      for (const first of copiesWaiting.keys()) if (first <= through) copiesWaiting.delete(first);
      spare.push(chunk);
    })().catch((error: unknown) => { failure ??= error; });
  };

  let chunk = newChunk(spare);
  let chunkStart = 0;
  let sinceYield = 0;
  for await (const batch of prepared.rows.batches()) {
    for (const row of batch.rows) {
      // Let the database connection in often: a COPY reaches the server through a socket buffer of a
      // few hundred KB that this process refills only between turns, and the next statement goes out
      // without waiting for the whole batch (every 16 rows: about a tenth faster than every 64).
      if (++sinceYield >= 16) { sinceYield = 0; await nextTurn(); }
      if (row.n <= prepared.headerRowNumber || isBlankRow(row.fields)) continue;
      counts.rows++;
      const wrongCount = csv ? checkFieldCount(row.fields, headerCount) : null;
      if (wrongCount) { reject(row, [wrongCount]); continue; }
      const merged = row.merges ? checkMergedCells(columns, row.merges) : null;
      if (merged) { reject(row, [merged]); continue; }
      // A row exactly as it was last accepted: unchanged, unless its key came earlier in this file
      // as a row that had to be checked (then it is checked too, and compared with that one).
      const same = handler.sameAsLast?.(row, run);
      if (same !== undefined) {
        const earlier = seen.getOrAdd(same, SAME_AS_LAST);
        if (earlier === undefined) noteFirstRow(row.n);
        if (earlier === undefined || earlier === SAME_AS_LAST) {
          counts.unchanged++;
          sameAsLast++;
          if (chunk.rows > 0 && counts.rows - chunkStart >= CHUNK_SPAN_ROWS) {
            await flush(chunk);
            chunk = newChunk(spare);
            chunkStart = counts.rows;
          }
          continue;
        }
      }
      const checked = handler.check(columns, row, options);
      if (!checked.ok) { reject(row, checked.errors); continue; }
      const signed = handler.signature(checked.row) | 0;
      const signature = signed === SAME_AS_LAST ? 0 : signed;
      const earlier = seen.getOrAdd(handler.key(checked.row), signature);
      if (earlier !== undefined) {
        const first = firstRows[seen.entry]!;
        if (earlier !== signature) reject(row, [{ ...duplicateInFile(first), column: headerNames(columns, handler.keyColumn) }]);
        else if (turnedAway.has(first)) reject(row, turnedAway.get(first)!);
        else {
          counts.unchanged++;
          if (first > mergedThrough) {
            const copies = copiesWaiting.get(first);
            const copy = { n: row.n, fields: [...row.fields] };
            if (copies === undefined) copiesWaiting.set(first, [copy]); else copies.push(copy);
          }
        }
        continue;
      }
      noteFirstRow(row.n);
      const refused = handler.refuse?.(checked.row, run, row.n) ?? null;
      if (refused !== null) { turnAway(row, [{ ...refused, column: headerNames(columns, refused.column) }]); continue; }
      if (handler.stage(checked.row, row.n, chunk, run)) chunk.keep.set(row.n, row.fields.join(KEPT_SEPARATOR));
      lastStagedRow = row.n;
      chunk.rows++;
      if (chunk.rows >= CHUNK_ROWS || chunk.rows - chunk.lines.lines - chunk.freshRows >= CHUNK_UNSTAGED_ROWS) {
        await flush(chunk);
        chunk = newChunk(spare);
        chunkStart = counts.rows;
      }
    }
    onProgress?.({ batchId, phase: 'reading', rows: counts.rows, bytesRead: batch.bytesRead, totalBytes: facts.size });
    await errors.drained();
  }
  await flush(chunk);
  const waitStart = performance.now();
  await inFlight;
  waitedMs += performance.now() - waitStart;
  if (failure) throw failure;
  const seconds = (ms: number) => Math.round(ms) / 1000;
  return { counts, contactsAdded, databaseSeconds: seconds(databaseMs), waitedSeconds: seconds(waitedMs), encryptions: pii.encryptions, sameAsLast };
}
