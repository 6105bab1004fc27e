/**
 * Reading a bank file: what it is (CSV or XLSX), its SHA-256, its encoding (auto: a BOM,
 * then a decode check of every byte), and then its rows, streamed in batches with their row
 * numbers as a spreadsheet shows them (the header is row 1 when it is the first line).
 * Malformed files are refused here, before anything is written.
 */
import { createHash } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { isUtf8 } from 'node:buffer';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AppError, invalidInput, type Bilingual } from '../../domain/errors.ts';
import { CsvParser, sniffDelimiter, type Delimiter } from '../../domain/import/csv.ts';
import type { MergedRange } from '../../domain/import/merged-cells.ts';
import { excelJs } from '../workbooks.ts';
import { MergeFill, readSheetMerges } from './xlsx-merges.ts';

export type EncodingOption = 'auto' | 'utf8' | 'gbk' | 'gb18030';
export type TextEncoding = 'utf8' | 'gbk' | 'gb18030';

export interface FileFacts {
  path: string;
  fileName: string;
  size: number;
  sha256: string;
  format: 'csv' | 'xlsx';
  encoding: TextEncoding | null;
  /** How the encoding was chosen, in words: "UTF-8 (byte order mark)". */
  encodingNote: string;
  delimiter: Delimiter | null;
  /** Lines end in a bare CR (classic Mac, some banks' exports): read as line ends. */
  crLines?: boolean;
}

/** A row; `merges`: the merged ranges of a worksheet the row is in (XLSX), when it is in any. */
export interface FileRow { n: number; fields: string[]; lossy?: Set<number> | undefined; merges?: readonly MergedRange[] | undefined }
export interface RowBatch { rows: FileRow[]; bytesRead: number }

const CHUNK = 1 << 20;

const ENCODING_LABEL: Record<TextEncoding, string> = { utf8: 'UTF-8', gbk: 'GBK', gb18030: 'GB18030' };

/**
 * How a file's encoding was chosen, in both languages. The English words are what a batch keeps
 * (import_batches.summary.encoding, and the CLI prints them); encodingNoteZh finds the Chinese.
 */
const ENCODING_NOTES = {
  utf8Requested: { en: 'UTF-8 (as requested)', zh: 'UTF-8（按所选）' },
  gbkRequested: { en: 'GBK (as requested)', zh: 'GBK（按所选）' },
  gb18030Requested: { en: 'GB18030 (as requested)', zh: 'GB18030（按所选）' },
  utf8Bom: { en: 'UTF-8 (byte order mark)', zh: 'UTF-8（文件开头有字节顺序标记 BOM）' },
  utf8Valid: { en: 'UTF-8 (every byte decodes as UTF-8)', zh: 'UTF-8（每个字节都能按 UTF-8 解码）' },
  gbkDetected: { en: 'GBK (not UTF-8; every byte decodes as GBK)', zh: 'GBK（不是 UTF-8；每个字节都能按 GBK 解码）' },
  gb18030Detected: { en: 'GB18030 (not UTF-8; it has four-byte GB18030 characters)', zh: 'GB18030（不是 UTF-8；含有 GB18030 四字节字符）' },
  xlsx: { en: 'XLSX (no text encoding)', zh: 'XLSX（表格文件，无文本编码）' },
} as const satisfies Record<string, Bilingual>;

const REQUESTED_NOTE: Record<TextEncoding, Bilingual> = {
  utf8: ENCODING_NOTES.utf8Requested, gbk: ENCODING_NOTES.gbkRequested, gb18030: ENCODING_NOTES.gb18030Requested,
};

/** The Chinese of an encoding note a batch kept (its English words); the words themselves when they are none of ours. */
export function encodingNoteZh(en: string): string {
  return Object.values(ENCODING_NOTES).find((n) => n.en === en)?.zh ?? en;
}

export async function inspectFile(filePath: string, requested: EncodingOption = 'auto', displayName?: string): Promise<FileFacts> {
  const fileName = displayName ?? path.basename(filePath);
  let stat;
  try {
    stat = await fs.stat(filePath);
  } catch {
    throw invalidInput({ en: `Cannot read ${filePath}: no such file. Check the path`, zh: `无法读取 ${filePath}：文件不存在，请检查路径` }, 'file');
  }
  if (!stat.isFile()) throw invalidInput({ en: `${filePath} is not a file`, zh: `${filePath} 不是文件` }, 'file');
  if (stat.size === 0) {
    throw invalidInput({ en: `${fileName} is empty (0 bytes): export the file from the bank's system again`,
      zh: `${fileName} 是空文件（0 字节）：请从银行系统重新导出` }, 'file');
  }

  const head = Buffer.alloc(Math.min(stat.size, 65536));
  const handle = await fs.open(filePath, 'r');
  try { await handle.read(head, 0, head.length, 0); } finally { await handle.close(); }
  const format = formatOf(head, fileName);

  if (format === 'xlsx') {
    const sha256 = await hashFile(filePath);
    return { path: filePath, fileName, size: stat.size, sha256, format, encoding: null, encodingNote: ENCODING_NOTES.xlsx.en, delimiter: null };
  }
  const scan = await scanText(filePath, requested, head);
  const text = decodeHead(head, scan.encoding);
  // No LF in the first 64 KB but a CR: the file's lines end in CR alone.
  const crLines = !text.includes('\n') && text.includes('\r');
  const firstLine = text.split(crLines ? '\r' : '\n')[0] ?? '';
  return {
    path: filePath, fileName, size: stat.size, sha256: scan.sha256, format, encoding: scan.encoding, encodingNote: scan.note,
    delimiter: sniffDelimiter(firstLine), ...(crLines ? { crLines } : {}),
  };
}

function formatOf(head: Buffer, fileName: string): 'csv' | 'xlsx' {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'xlsx';
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) {
    throw invalidInput({
      en: `${fileName} is an Excel 97-2003 workbook (.xls), which cannot be read. ` +
        'Open it in Excel or WPS and save it as .xlsx or as CSV, then import that file',
      zh: `${fileName} 是 Excel 97-2003 工作簿（.xls），无法读取。请用 Excel 或 WPS 打开，另存为 .xlsx 或 CSV 后再导入`,
    }, 'file');
  }
  if (starts(0x25, 0x50, 0x44, 0x46)) {
    throw invalidInput({ en: `${fileName} is a PDF, not a CSV or XLSX file: ask the bank for the data file`,
      zh: `${fileName} 是 PDF，不是 CSV 或 XLSX 文件：请向银行索取数据文件` }, 'file');
  }
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) {
    throw invalidInput({ en: `${fileName} is a UTF-16 text file. Save it as "CSV UTF-8" (or GBK CSV) and import that file`,
      zh: `${fileName} 是 UTF-16 文本文件。请另存为"CSV UTF-8"（或 GBK 编码的 CSV）后再导入` }, 'file');
  }
  if (head.includes(0)) {
    throw invalidInput({ en: `${fileName} is not a CSV or XLSX file (it holds binary data). Export the bank's file as CSV or XLSX`,
      zh: `${fileName} 不是 CSV 或 XLSX 文件（含有二进制数据）。请把银行的文件导出为 CSV 或 XLSX` }, 'file');
  }
  return 'csv';
}

async function hashFile(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(filePath, { highWaterMark: CHUNK })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Bytes at the end of `buf` that start a UTF-8 sequence the next chunk completes. */
function incompleteUtf8Tail(buf: Buffer): number {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const b = buf[buf.length - back]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

function firstInvalidUtf8(buf: Buffer): number {
  for (let i = 0; i < buf.length;) {
    const b = buf[i]!;
    const need = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (need === 0 || !isUtf8(buf.subarray(i, i + need))) return i;
    i += need;
  }
  return -1;
}

/** GBK / GB18030 byte structure: ASCII, 2-byte (lead 81-FE), 4-byte (81-FE 30-39 81-FE 30-39). */
class GbChecker {
  state = 0; // bytes still expected in the current character
  pending: number[] = [];
  fourByte = false;
  /** The offset of the first invalid byte in this chunk, or -1. */
  check(buf: Buffer, allowEuro: boolean): number {
    for (let i = 0; i < buf.length; i++) {
      const b = buf[i]!;
      if (this.pending.length === 0) {
        if (b < 0x80 || (b === 0x80 && allowEuro)) continue;
        if (b >= 0x81 && b <= 0xfe) { this.pending.push(b); continue; }
        return i;
      }
      if (this.pending.length === 1) {
        if ((b >= 0x40 && b <= 0x7e) || (b >= 0x80 && b <= 0xfe)) { this.pending = []; continue; }
        if (b >= 0x30 && b <= 0x39) { this.pending.push(b); continue; }
        return i;
      }
      if (this.pending.length === 2) {
        if (b >= 0x81 && b <= 0xfe) { this.pending.push(b); continue; }
        return i;
      }
      if (b >= 0x30 && b <= 0x39) { this.pending = []; this.fourByte = true; continue; }
      return i;
    }
    return -1;
  }
}

async function lineOf(filePath: string, offset: number): Promise<number> {
  let line = 1;
  if (offset === 0) return line;
  for await (const chunk of createReadStream(filePath, { highWaterMark: CHUNK, end: offset - 1 })) {
    const buf = chunk as Buffer;
    for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) line++;
  }
  return line;
}

async function scanText(filePath: string, requested: EncodingOption, head: Buffer): Promise<{ sha256: string; encoding: TextEncoding; note: string }> {
  const hasBom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  const hash = createHash('sha256');
  const checkUtf8 = requested === 'auto' || requested === 'utf8';
  const gb = requested === 'gbk' || requested === 'gb18030' ? new GbChecker() : null;
  let utf8Bad = -1;
  let gbBad = -1;
  let offset = 0;
  let carry = Buffer.alloc(0);
  for await (const chunk of createReadStream(filePath, { highWaterMark: CHUNK })) {
    const buf = chunk as Buffer;
    hash.update(buf);
    if (checkUtf8 && utf8Bad === -1) {
      const joined = carry.length ? Buffer.concat([carry, buf]) : buf;
      const tail = incompleteUtf8Tail(joined);
      const body = joined.subarray(0, joined.length - tail);
      if (!isUtf8(body)) utf8Bad = offset - carry.length + firstInvalidUtf8(body);
      carry = Buffer.from(joined.subarray(joined.length - tail));
    }
    if (gb && gbBad === -1) {
      const bad = gb.check(buf, requested === 'gbk');
      if (bad !== -1) gbBad = offset + bad;
    }
    offset += buf.length;
  }
  if (checkUtf8 && utf8Bad === -1 && carry.length) utf8Bad = offset - carry.length;
  const sha256 = hash.digest('hex');
  const where = async (at: number): Promise<Bilingual> => {
    const line = await lineOf(filePath, at);
    return { en: `byte ${at + 1} (line ${line})`, zh: `文件的第 ${at + 1} 个字节（第 ${line} 行）` };
  };

  if (requested === 'utf8') {
    if (utf8Bad !== -1) {
      const at = await where(utf8Bad);
      throw invalidInput({
        en: `The file is not UTF-8: ${at.en} cannot be decoded. Files from Chinese bank systems are often GBK: choose GBK or Detect as the import screen's Encoding (--encoding gbk or auto on the command line)`,
        zh: `文件不是 UTF-8 编码：${at.zh}无法解码。国内银行系统导出的文件常为 GBK：请在导入页面的“编码”中选 GBK 或“自动识别”（命令行用 --encoding gbk 或 auto）`,
      }, 'encoding');
    }
    return { sha256, encoding: 'utf8', note: ENCODING_NOTES.utf8Requested.en };
  }
  if (requested === 'gbk' || requested === 'gb18030') {
    if (gbBad !== -1) {
      const at = await where(gbBad);
      throw invalidInput({
        en: `The file is not ${ENCODING_LABEL[requested]}: ${at.en} cannot be decoded. Choose Detect as the import screen's Encoding (--encoding auto on the command line), or save the file as UTF-8 CSV`,
        zh: `文件不是 ${ENCODING_LABEL[requested]} 编码：${at.zh}无法解码。请在导入页面的“编码”中选“自动识别”（命令行用 --encoding auto），或把文件另存为 UTF-8 CSV`,
      }, 'encoding');
    }
    if (requested === 'gbk' && gb!.fourByte) {
      throw invalidInput({ en: 'The file uses GB18030 four-byte characters that GBK does not have: choose GB18030 as the import screen\'s Encoding (--encoding gb18030 on the command line)',
        zh: '文件含有 GBK 没有的 GB18030 四字节字符：请在导入页面的“编码”中选 GB18030（命令行用 --encoding gb18030）' }, 'encoding');
    }
    return { sha256, encoding: requested, note: REQUESTED_NOTE[requested].en };
  }
  if (utf8Bad === -1) return { sha256, encoding: 'utf8', note: (hasBom ? ENCODING_NOTES.utf8Bom : ENCODING_NOTES.utf8Valid).en };
  if (hasBom) {
    const at = await where(utf8Bad);
    throw invalidInput({
      en: `The file starts with a UTF-8 byte order mark, but ${at.en} is not UTF-8. Save the file again as "CSV UTF-8" from the spreadsheet program`,
      zh: `文件以 UTF-8 字节顺序标记（BOM）开头，但${at.zh}不是 UTF-8。请在表格软件中重新另存为"CSV UTF-8"`,
    }, 'encoding');
  }
  // Not UTF-8: check the whole file as GB18030 (GBK is its two-byte part).
  const checker = new GbChecker();
  offset = 0;
  for await (const chunk of createReadStream(filePath, { highWaterMark: CHUNK })) {
    const bad = checker.check(chunk as Buffer, true);
    if (bad !== -1) {
      const [at, utf8At] = [await where(offset + bad), await where(utf8Bad)];
      throw invalidInput({
        en: `The file's encoding is not UTF-8, GBK or GB18030: ${at.en} decodes in none of them ` +
          `(as UTF-8, ${utf8At.en} fails first). Save the file as "CSV UTF-8" and import it again`,
        zh: `文件编码不是 UTF-8、GBK 或 GB18030：${at.zh}按哪种编码都无法解码（按 UTF-8 最先出错的是${utf8At.zh}）。` +
          '请另存为"CSV UTF-8"后重新导入',
      }, 'encoding');
    }
    offset += (chunk as Buffer).length;
  }
  if (checker.pending.length) {
    throw invalidInput({ en: 'The file ends in the middle of a GBK character: it is cut short. Export it again',
      zh: '文件在一个 GBK 字符中间结束：文件不完整，请重新导出' }, 'encoding');
  }
  // A header row in Chinese that is UTF-8, and a later line that is not: rows pasted in from a GBK
  // file. Read as GBK (all of it decodes so) the header would be garbled; said as what it is.
  const headerEnd = head.findIndex((b) => b === 0x0a || b === 0x0d);
  if (headerEnd !== -1 && utf8Bad > headerEnd && head.subarray(0, headerEnd).some((b) => b >= 0x80)) {
    const at = await where(utf8Bad);
    throw invalidInput({
      en: `The file mixes encodings: its header row is UTF-8 ("${head.toString('utf8', 0, headerEnd).slice(0, 80)}"), but ${at.en} is not UTF-8 (rows pasted in from a GBK file, say). ` +
        'Save the whole file in one encoding ("CSV UTF-8" from the spreadsheet program) and import it again',
      zh: `文件混用了多种编码：表头是 UTF-8（“${head.toString('utf8', 0, headerEnd).slice(0, 80)}”），但${at.zh}不是 UTF-8（例如从 GBK 文件粘贴进来的行）。` +
        '请在表格软件中把整个文件另存为同一种编码（“CSV UTF-8”）后重新导入',
    }, 'encoding');
  }
  return checker.fourByte
    ? { sha256, encoding: 'gb18030', note: ENCODING_NOTES.gb18030Detected.en }
    : { sha256, encoding: 'gbk', note: ENCODING_NOTES.gbkDetected.en };
}

function decodeHead(head: Buffer, encoding: TextEncoding): string {
  return encoding === 'utf8' ? new TextDecoder('utf-8').decode(head) : iconv.decode(head, encoding);
}

/** Text decoders by encoding; UTF-8 drops a byte order mark. */
function textDecoder(encoding: TextEncoding): { write(buf: Buffer): string; end(): string } {
  if (encoding === 'utf8') {
    const decoder = new TextDecoder('utf-8');
    return { write: (buf) => decoder.decode(buf, { stream: true }), end: () => decoder.decode() };
  }
  const decoder = iconv.getDecoder(encoding);
  return { write: (buf) => decoder.write(buf), end: () => decoder.end() ?? '' };
}

/**
 * Characters of decoded text parsed at a time: a few hundred rows, which the import is done with
 * before the collector's next young-generation pass. (Parsed a megabyte at a time, thousands of
 * rows waited through several passes, were moved to the old generation, and cost a full
 * collection later.)
 */
const PARSE_CHARS = 1 << 14;

/** The rows of a CSV file, in batches of a few hundred (PARSE_CHARS) from each megabyte read. */
export async function* readCsvRows(facts: FileFacts): AsyncGenerator<RowBatch> {
  try {
    yield* readCsvRowsOf(facts);
  } catch (error) {
    // The parser's refusal (a quote never closed) names the row; said with the file's name, as every other refusal is.
    if (error instanceof AppError && error.field === 'file') throw new AppError(error.code, { en: `${facts.fileName}: ${error.message}`, zh: `${facts.fileName}：${error.messageZh}` }, { field: 'file' });
    throw error;
  }
}

async function* readCsvRowsOf(facts: FileFacts): AsyncGenerator<RowBatch> {
  const parser = new CsvParser(facts.delimiter ?? ',');
  const decoder = textDecoder(facts.encoding ?? 'utf8');
  let n = 0;
  let bytesRead = 0;
  const toRows = (records: string[][]): FileRow[] => records.map((fields) => ({ n: ++n, fields }));
  const lines = (text: string) => (facts.crLines === true ? text.replaceAll('\r', '\n') : text);
  for await (const chunk of createReadStream(facts.path, { highWaterMark: CHUNK })) {
    bytesRead += (chunk as Buffer).length;
    const text = lines(decoder.write(chunk as Buffer));
    for (let at = 0; at < text.length; at += PARSE_CHARS) {
      const records = parser.push(text.slice(at, at + PARSE_CHARS));
      if (records.length) yield { rows: toRows(records), bytesRead };
    }
  }
  const tail = lines(decoder.end());
  const records = [...(tail ? parser.push(tail) : []), ...parser.end()];
  if (records.length) yield { rows: toRows(records), bytesRead };
}

type CellValue = ExcelJS.CellValue;

/** A spreadsheet cell as the text a person sees; `lossy` when Excel dropped digits of a long number. */
function cellText(value: CellValue): { text: string; lossy: boolean } {
  if (value === null || value === undefined) return { text: '', lossy: false };
  if (typeof value === 'string') return { text: value, lossy: false };
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return { text: Math.abs(value) < 1e21 ? BigInt(value).toString() : String(value), lossy: Math.abs(value) >= 1e15 };
    return { text: String(Number(value.toPrecision(15))), lossy: false };
  }
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', lossy: false };
  if (value instanceof Date) {
    // Excel dates are calendar dates; exceljs gives them as UTC midnight (a date and time, at its wall clock in UTC).
    const iso = value.toISOString();
    return { text: iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`, lossy: false };
  }
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join(''), lossy: false };
  if ('result' in value) return cellText((value.result ?? null) as CellValue);
  if ('formula' in value || 'sharedFormula' in value) return { text: '', lossy: false };
  if ('text' in value) return { text: String(value.text), lossy: false };
  if ('error' in value) return { text: String(value.error), lossy: false };
  return { text: String(value), lossy: false };
}

/** Reads of a workbook tried before it is reported unreadable (see readXlsxRows). */
const XLSX_ATTEMPTS = 3;

/**
 * A read that may succeed when tried again: the workbook's stream ended without a part, or a sheet
 * asked for was not among those read. `weight`: how much the read saw (a read that named more
 * sheets is the better answer when every try fails; one that lost the workbook saw nothing).
 */
export class IncompleteRead extends Error {
  constructor(message: string, options: { cause: Error }, readonly weight = 0) {
    super(message, options);
  }
}

/**
 * The rows of one worksheet: the first, or the one named by `sheet`. The streaming reader
 * (ExcelJS over unzipper) now and then loses the last part of the ZIP when the machine is busy
 * (seen 4 times in 1,500 reads of a small workbook on this 2-core machine under load: the workbook
 * part, which some tools write last, and then "Cannot read properties of undefined (reading
 * 'sheets')"; none in 1,800 reads with the retries); so a read is tried again (retryingRead).
 */
export function readXlsxRows(facts: FileFacts, sheet?: string): AsyncGenerator<RowBatch> {
  return retryingRead(() => readXlsxOnce(facts, sheet));
}

/**
 * Reads again a read that fails with IncompleteRead before it handed on anything, up to
 * `attempts` reads; then reports what the read that saw most found (its `cause`: a sheet that is
 * not there, naming the sheets that are, rather than a try that lost the workbook). Any other
 * error, or one after rows were handed on, is reported at once.
 */
export async function* retryingRead<T>(readOnce: () => AsyncGenerator<T>, attempts = XLSX_ATTEMPTS): AsyncGenerator<T> {
  let best: IncompleteRead | undefined;
  for (let attempt = 1; ; attempt++) {
    let handedOn = false;
    try {
      for await (const item of readOnce()) {
        handedOn = true;
        yield item;
      }
      return;
    } catch (error) {
      if (!(error instanceof IncompleteRead)) throw error;
      if (handedOn) throw error.cause as Error;
      if (best === undefined || error.weight > best.weight) best = error;
      if (attempt >= attempts) throw best.cause as Error;
    }
  }
}

function unreadable(facts: FileFacts, error: unknown): Error {
  const why = (error as Error).message;
  return invalidInput({
    en: `${facts.fileName} looks like a ZIP file but is not a readable XLSX workbook (${why}). Open it in Excel or WPS and save it as .xlsx or CSV`,
    zh: `${facts.fileName} 像是 ZIP 文件，但不是可读的 XLSX 工作簿（${why}）。请用 Excel 或 WPS 打开，另存为 .xlsx 或 CSV`,
  }, 'file');
}

async function* readXlsxOnce(facts: FileFacts, sheet?: string): AsyncGenerator<RowBatch> {
  const reader = new (excelJs()).stream.xlsx.WorkbookReader(facts.path, {
    sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit',
  });
  // The number of the part (xl/worksheets/sheetN.xml) of the worksheet the reader hands on next:
  // the reader says it just before (the worksheet's own id is the workbook's, not the part's).
  let partNo = '';
  (reader as unknown as EventEmitter).on('entry', (entry: { type: string; id?: string }) => { if (entry.type === 'worksheet') partNo = String(entry.id); });
  const seen: string[] = [];
  let found = false;
  let batch: FileRow[] = [];
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name?: string }).name ?? `Sheet${seen.length + 1}`;
      seen.push(name);
      if (found || (sheet !== undefined && name !== sheet)) {
        for await (const _row of worksheet) { /* another sheet: read past it so the reader can clean up */ }
        continue;
      }
      found = true;
      // Merged cells are listed after the rows: read them first, from the sheet's part.
      const merges = await readSheetMerges(facts.path, partNo);
      const fill = merges.length ? new MergeFill(merges) : null;
      for await (const row of worksheet) {
        const values = row.values as CellValue[];
        const fields: string[] = [];
        let lossy: Set<number> | undefined;
        for (let i = 1; i < values.length; i++) {
          const cell = cellText(values[i]);
          fields.push(cell.text);
          if (cell.lossy) (lossy ??= new Set()).add(i - 1);
        }
        const fileRow: FileRow = { n: row.number, fields, lossy };
        fill?.apply(fileRow);
        batch.push(fileRow);
        if (batch.length >= 2000) { yield { rows: batch, bytesRead: 0 }; batch = []; }
      }
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'INVALID_INPUT') throw error;
    throw new IncompleteRead('unreadable', { cause: unreadable(facts, error) });
  }
  if (batch.length) yield { rows: batch, bytesRead: facts.size };
  if (!found) {
    const sheets = seen.map((s) => `"${s}"`).join(', ');
    throw new IncompleteRead('sheet not found', { cause: invalidInput(sheet === undefined
      ? { en: `${facts.fileName} has no worksheet`, zh: `${facts.fileName} 没有工作表` }
      : { en: `${facts.fileName} has no worksheet named "${sheet}"; its sheets are: ${sheets}`,
          zh: `${facts.fileName} 没有名为"${sheet}"的工作表；它的工作表有：${sheets}` }, 'sheet') }, 1 + seen.length);
  }
}

export function readRows(facts: FileFacts, sheet?: string): AsyncGenerator<RowBatch> {
  return facts.format === 'xlsx' ? readXlsxRows(facts, sheet) : readCsvRows(facts);
}
