/**
 * What can be checked before anything is written: who imports, for which creditor, the file
 * (type, hash, encoding), its header row and the mapping. A malformed file is refused here.
 * The file's rows are opened once: the import (runImport in engine.ts) goes on reading where
 * the header search stopped.
 */
import { findCreditorForImport, listCreditorCodes, loadRegions, reserveBatchId, type CreditorForImport } from '../../db/import-repository.ts';
import { parseLocalDate, type LocalDate } from '../../domain/calendar.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import type { ImportKind } from '../../domain/import/columns.ts';
import {
  findHeader, mappingToKeep, parseMappingJson, refuseOtherKindsFile, requireColumns, resolveColumns, validateKindMapping, type CreditorMapping, type KindMapping, type ResolvedColumns,
} from '../../domain/import/mapping.ts';
import { buildRegionIndex, type RegionIndex } from '../../domain/import/region.ts';
import { isBlankRow } from '../../domain/import/rows.ts';
import { authorize } from '../authorization.ts';
import { contractInForce } from '../../db/contracts-repository.ts';
import { countryOfPack, type Country } from '../../domain/country.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { inspectFile, readRows, type EncodingOption, type FileFacts, type FileRow, type RowBatch } from './read-file.ts';
import { workbookSheetNames } from './xlsx-merges.ts';

export interface ImportRequest {
  filePath: string;
  /** The name to record (an upload's original name); defaults to the file's own. */
  fileName?: string | undefined;
  creditor: string;
  /** A mapping file's contents; stored on the creditor once the import commits. */
  mappingJson?: string | undefined;
  encoding?: EncodingOption | undefined;
  placementEnd?: string | undefined;
  sheet?: string | undefined;
  /** Where the errors CSV goes; default: beside the file, `<file>.errors.csv`. */
  errorsPath?: string | undefined;
  /** Keep the errors CSV in the database (uploads), not at errorsPath, which is then only scratch. */
  errorsInDatabase?: boolean | undefined;
}

export interface PreparedImport {
  kind: ImportKind;
  batchId: number;
  startedAt: number;
  facts: FileFacts;
  /** The file's rows, open from prepareImport; runImport reads them, or close() lets them go. */
  rows: OpenedRows;
  creditor: CreditorForImport;
  columns: ResolvedColumns;
  headerRowNumber: number;
  mapping: KindMapping;
  mappingGiven: boolean;
  /** What the creditor keeps once the import commits, when a mapping file was given (mappingToKeep: every kind's sections, checked here). */
  keepMapping: CreditorMapping | null;
  businessDate: LocalDate;
  regions: RegionIndex;
  /** The country of the creditor's contract in force (its pack; CN without one): how ID numbers, phones and time zones are read. */
  country: Country;
  placementEnd: LocalDate | null;
  sheet: string | undefined;
  errorsPath: string;
  errorsInDatabase: boolean;
}

// Region names do not change while the server runs (they come with migrations): loaded once per database.
const regionIndexes = new WeakMap<object, RegionIndex>();
const EMPTY_REGIONS = buildRegionIndex([]);

/** Everything that can be checked before a write: who, which creditor, the file, its header. */
export async function prepareImport(ctx: AppContext, actor: Actor, kind: ImportKind, request: ImportRequest): Promise<PreparedImport> {
  authorize(actor, 'imports.run');
  const startedAt = performance.now();
  const code = request.creditor.trim().toUpperCase();
  const creditor = await findCreditorForImport(ctx.pool, code, businessDate(ctx));
  if (!creditor) {
    const known = await listCreditorCodes(ctx.pool);
    throw invalidInput({
      en: `Unknown creditor "${request.creditor}". ` + (known.length ? `Known creditors: ${known.join(', ')}.` : 'There are no creditors yet.') +
        ' Add one with `leeway creditors add CODE --name NAME`',
      zh: `没有代码为"${request.creditor}"的委托方。` + (known.length ? `已有的委托方：${known.join(', ')}。` : '目前还没有委托方。') +
        '可用 `leeway creditors add CODE --name NAME` 添加',
    }, 'creditor');
  }
  let placementEnd: LocalDate | null = null;
  if (request.placementEnd !== undefined) {
    if (kind !== 'placements') throw invalidInput({ en: '--placement-end applies to placement files only', zh: '--placement-end 只适用于委案文件' }, 'placement_end');
    placementEnd = parseLocalDate(request.placementEnd);
    // A term already over would have the accounts recalled the night they arrive (docs/import.md).
    const today = businessDate(ctx);
    if (placementEnd < today) {
      throw invalidInput({
        en: `--placement-end ${placementEnd} is before today (${today}): the placement's last day cannot be past, or its accounts would be recalled tonight`,
        zh: `委案到期日 ${placementEnd} 早于今天（${today}）：到期日不能是过去的日期，否则这批案件今晚就会退案`,
      }, 'placement_end');
    }
  }
  const stored = (creditor.column_mapping ?? null) as CreditorMapping | null;
  const mappingGiven = request.mappingJson !== undefined;
  const mapping = mappingGiven ? parseMappingJson(request.mappingJson!, kind)
    : validateKindMapping((stored?.[kind] ?? {}) as Record<string, unknown>, kind);
  const keepMapping = mappingGiven ? mappingToKeep(stored, request.mappingJson!, kind, mapping) : null;

  let regions = EMPTY_REGIONS;
  if (kind === 'placements') {
    regions = regionIndexes.get(ctx.pool) ?? buildRegionIndex(await loadRegions(ctx.pool));
    regionIndexes.set(ctx.pool, regions);
  }

  const today = parseLocalDate(businessDate(ctx));
  const country = countryOfPack((await contractInForce(ctx.pool, creditor.id, today))?.pack);

  const facts = await inspectFile(request.filePath, request.encoding ?? 'auto', request.fileName);
  const rows = await openRows(facts, request.sheet);
  let header: FileRow;
  let columns: ResolvedColumns;
  let batchId: number;
  try {
    if (rows.leading.length === 0) {
      throw invalidInput({ en: `${facts.fileName} has no rows at all: export the file again`, zh: `${facts.fileName} 没有任何数据行：请重新导出` }, 'file');
    }
    // One header row, or two read as one (the row numbers go on from the second).
    const found = findHeader(rows.leading.map((r) => r.fields), kind, mapping);
    header = { ...rows.leading[found.index + found.rows - 1]!, fields: found.fields };
    columns = resolveColumns(header.fields.map((h) => h.trim()), kind, mapping);
    requireColumns(columns, kind);
    refuseOtherKindsFile(columns, kind);
    batchId = await reserveBatchId(ctx.pool);
  } catch (error) {
    await rows.close();
    throw await withOtherSheets(error, facts, request.sheet);
  }
  return {
    kind, batchId, startedAt, facts, rows, creditor, columns, headerRowNumber: header.n, mapping, mappingGiven, keepMapping,
    businessDate: today, regions, country, placementEnd, sheet: request.sheet,
    errorsPath: request.errorsPath ?? `${request.filePath}.errors.csv`, errorsInDatabase: request.errorsInDatabase === true,
  };
}

/**
 * A workbook's first sheet refused for its header (a notes page before the data, say): the
 * refusal also names the other sheets and how to choose one, where the fix is most likely that.
 */
async function withOtherSheets(error: unknown, facts: FileFacts, sheet: string | undefined): Promise<unknown> {
  if (facts.format !== 'xlsx' || sheet !== undefined || !(error instanceof AppError) || error.code !== 'INVALID_INPUT' || error.field !== 'file') return error;
  const names = await workbookSheetNames(facts.path);
  if (names.length < 2) return error;
  const others = names.slice(1).map((n) => `"${n}"`).join(', ');
  return new AppError(error.code, {
    en: `${error.message}. This was its first sheet, "${names[0]}"; the workbook also has ${others}: if the rows are there, choose that sheet (the import screen's "Sheet", or --sheet NAME on the command line)`,
    zh: `${error.messageZh}。以上是第一个工作表“${names[0]}”；这个工作簿还有 ${others}：如数据在其中，请选择该工作表（导入页面的“工作表”，或命令行的 --sheet 名称）`,
  }, { field: 'sheet', ...(error.details === undefined ? {} : { details: error.details }) });
}

/**
 * The file's rows, opened once: the first batches are read ahead to find the header (among
 * the first ten rows that are not blank), and the import goes on from there, so the file is
 * read once. close() lets the rows go (an XLSX file is read to its end without using them, so
 * that the reader removes its temporary copies of the worksheets).
 */
export interface OpenedRows { leading: FileRow[]; batches(): AsyncGenerator<RowBatch>; close(): Promise<void> }

async function openRows(facts: FileFacts, sheet: string | undefined): Promise<OpenedRows> {
  const reader = readRows(facts, sheet);
  const ahead: RowBatch[] = [];
  const leading: FileRow[] = [];
  try {
    while (leading.length < 10) {
      const next = await reader.next();
      if (next.done) break;
      ahead.push(next.value);
      for (const row of next.value.rows) if (!isBlankRow(row.fields) && leading.length < 10) leading.push(row);
    }
  } catch (error) {
    await drain(reader);
    throw error;
  }
  return {
    leading,
    async *batches() {
      while (ahead.length) yield ahead.shift()!;
      // Not yield*: a consumer that stops early leaves the reader to close(), which knows how to end it.
      for (let next = await reader.next(); !next.done; next = await reader.next()) yield next.value;
    },
    // A CSV reader just stops; the XLSX reader must reach its end to remove its temporary files.
    close: async () => { if (facts.format === 'xlsx') await drain(reader); else await reader.return(undefined); },
  };
}

async function drain(reader: AsyncGenerator<RowBatch>): Promise<void> {
  try {
    while (!(await reader.next()).done) { /* rows not needed */ }
  } catch {
    /* the reason was reported already */
  }
}

