/**
 * The merged ranges of one worksheet of an XLSX file (its `<mergeCells>`), read before its rows.
 * The streaming reader gives rows as they come and drops the merge list, which the sheet's XML
 * has after all its rows; so the worksheet's part is found through the ZIP's central directory
 * and inflated once more, and only the bytes from `<mergeCells` on are kept (memory stays flat
 * for a million rows; the inflate is a small part of a read that also parses the XML).
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { parseMergeRef, type MergedRange } from '../../domain/import/merged-cells.ts';
import type { FileRow } from './read-file.ts';

interface ZipEntry { name: string; method: number; flags: number; compressedSize: number; localHeader: number }

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

async function readAt(handle: fs.FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buf, 0, length, position);
  if (bytesRead !== length) throw new Error('the ZIP file is cut short');
  return buf;
}

/** The ZIP's entries, from its central directory (ZIP64 too). */
async function zipEntries(handle: fs.FileHandle, size: number): Promise<ZipEntry[]> {
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await readAt(handle, size - tailLength, tailLength);
  let at = tail.length - 22;
  while (at >= 0 && tail.readUInt32LE(at) !== EOCD) at--;
  if (at < 0) throw new Error('no ZIP central directory');
  let count = tail.readUInt16LE(at + 10);
  let dirSize = tail.readUInt32LE(at + 12);
  let dirOffset = tail.readUInt32LE(at + 16);
  if ((count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) && at >= 20 && tail.readUInt32LE(at - 20) === ZIP64_LOCATOR) {
    const record = await readAt(handle, Number(tail.readBigUInt64LE(at - 20 + 8)), 56);
    if (record.readUInt32LE(0) !== ZIP64_EOCD) throw new Error('a broken ZIP64 directory');
    count = Number(record.readBigUInt64LE(32));
    dirSize = Number(record.readBigUInt64LE(40));
    dirOffset = Number(record.readBigUInt64LE(48));
  }
  const dir = await readAt(handle, dirOffset, dirSize);
  const entries: ZipEntry[] = [];
  for (let p = 0, k = 0; k < count && p + 46 <= dir.length; k++) {
    if (dir.readUInt32LE(p) !== CENTRAL) throw new Error('a broken ZIP central directory');
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    let compressedSize = dir.readUInt32LE(p + 20);
    const uncompressed = dir.readUInt32LE(p + 24);
    let localHeader = dir.readUInt32LE(p + 42);
    // ZIP64 sizes and offset, each there only when its 32-bit field is full, in this order.
    for (let e = p + 46 + nameLength; e + 4 <= p + 46 + nameLength + extraLength;) {
      const id = dir.readUInt16LE(e);
      const length = dir.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let f = e + 4;
        if (uncompressed === 0xffffffff) f += 8;
        if (compressedSize === 0xffffffff) { compressedSize = Number(dir.readBigUInt64LE(f)); f += 8; }
        if (localHeader === 0xffffffff) localHeader = Number(dir.readBigUInt64LE(f));
      }
      e += 4 + length;
    }
    entries.push({ name: dir.toString('utf8', p + 46, p + 46 + nameLength), method: dir.readUInt16LE(p + 10), flags: dir.readUInt16LE(p + 8),
      compressedSize, localHeader });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const START = Buffer.from('<mergeCells');
const END = Buffer.from('</mergeCells>');

/**
 * The merged ranges (of two or more cells) of the worksheet part `xl/worksheets/sheet{partNo}.xml`,
 * as the streaming reader names its parts; sorted by their top row.
 */
export async function readSheetMerges(filePath: string, partNo: string): Promise<MergedRange[]> {
  const handle = await fs.open(filePath, 'r');
  let entry: ZipEntry | undefined;
  let dataStart: number;
  try {
    const { size } = await handle.stat();
    const entries = await zipEntries(handle, size);
    // The reader's own test of a worksheet part's name (workbook-reader.js), the exact name first.
    const pattern = /xl\/worksheets\/sheet(\d+)[.]xml/;
    entry = entries.find((e) => e.name === `xl/worksheets/sheet${partNo}.xml`) ?? entries.find((e) => pattern.exec(e.name)?.[1] === partNo);
    if (!entry) throw new Error(`no part xl/worksheets/sheet${partNo}.xml`);
    if (entry.flags & 1) throw new Error('the worksheet is encrypted');
    if (entry.method !== 0 && entry.method !== 8) throw new Error(`the worksheet is compressed with method ${entry.method}`);
    const local = await readAt(handle, entry.localHeader, 30);
    if (local.readUInt32LE(0) !== LOCAL) throw new Error('a broken ZIP entry');
    dataStart = entry.localHeader + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  } finally {
    await handle.close();
  }
  if (entry.compressedSize === 0) return [];
  const raw = createReadStream(filePath, { start: dataStart, end: dataStart + entry.compressedSize - 1, highWaterMark: 1 << 20 });
  const xml = entry.method === 8 ? raw.pipe(createInflateRaw({ chunkSize: 1 << 18 })) : raw;
  raw.on('error', (error) => xml.destroy(error));

  try {
    return await mergeListOf(xml);
  } finally {
    raw.destroy();
    xml.destroy();
  }
}

/**
 * The merged ranges (of two or more cells) a worksheet's XML lists, sorted by their top row.
 * Bytes before `<mergeCells` are only searched, not kept: only `<`, never text (which has
 * `&lt;`), starts a tag, so the first `<mergeCells` is the list.
 */
export async function mergeListOf(xml: AsyncIterable<Buffer>): Promise<MergedRange[]> {
  let carry = Buffer.alloc(0);
  const list: Buffer[] = [];
  let inList = false;
  for await (const chunk of xml) {
    let buf = chunk;
    if (!inList) {
      const joined = carry.length ? Buffer.concat([carry, buf]) : buf;
      const at = joined.indexOf(START);
      if (at === -1) { carry = Buffer.from(joined.subarray(Math.max(0, joined.length - START.length + 1))); continue; }
      inList = true;
      buf = joined.subarray(at);
      carry = Buffer.alloc(0);
    }
    list.push(buf);
    if (Buffer.concat([carry, buf.subarray(0, END.length - 1)]).includes(END) || buf.includes(END)) break;
    carry = Buffer.from(buf.subarray(Math.max(0, buf.length - END.length + 1)));
  }
  if (!inList) return [];
  const text = Buffer.concat(list).toString('utf8');
  const merges: MergedRange[] = [];
  for (const m of text.matchAll(/<mergeCell\b[^>]*?\bref\s*=\s*["']([^"']*)["']/g)) {
    const range = parseMergeRef(m[1]!);
    if (range) merges.push(range);
  }
  return merges.sort((a, b) => a.top - b.top || a.left - b.left);
}

/**
 * Gives rows, taken in order, the merged ranges they are in (`merges`), and each row of a range
 * below its top the value of the range's first column, as the spreadsheet shows it there. A
 * range's other columns are left as the file has them (empty): a value is not copied across
 * columns (checkMergedCells says which such rows cannot be read). Rows in no range are not touched.
 */
export class MergeFill {
  readonly #ranges: readonly MergedRange[];
  #next = 0;
  #active: Array<{ range: MergedRange; text: string; lossy: boolean }> = [];

  constructor(ranges: readonly MergedRange[]) {
    this.#ranges = ranges;
  }

  apply(row: FileRow): void {
    while (this.#next < this.#ranges.length && this.#ranges[this.#next]!.top <= row.n) {
      this.#active.push({ range: this.#ranges[this.#next++]!, text: '', lossy: false });
    }
    if (this.#active.length === 0) return;
    if (this.#active.some((a) => a.range.bottom < row.n)) this.#active = this.#active.filter((a) => a.range.bottom >= row.n);
    if (this.#active.length === 0) return;
    const merges: MergedRange[] = [];
    for (const cell of this.#active) {
      const { range } = cell;
      merges.push(range);
      if (row.n === range.top) {
        cell.text = row.fields[range.left] ?? '';
        cell.lossy = row.lossy?.has(range.left) ?? false;
        continue;
      }
      while (row.fields.length <= range.left) row.fields.push('');
      row.fields[range.left] = cell.text;
      if (cell.lossy) (row.lossy ??= new Set()).add(range.left);
      else row.lossy?.delete(range.left);
    }
    row.merges = merges;
  }
}

/**
 * The names of an XLSX workbook's worksheets, in its order (xl/workbook.xml): what a refusal of
 * its first sheet names, where the rows may be on another. Empty when they cannot be read.
 */
export async function workbookSheetNames(filePath: string): Promise<string[]> {
  const handle = await fs.open(filePath, 'r');
  try {
    const { size } = await handle.stat();
    const entry = (await zipEntries(handle, size)).find((e) => e.name === 'xl/workbook.xml');
    if (!entry || entry.flags & 1 || (entry.method !== 0 && entry.method !== 8) || entry.compressedSize > 1 << 22) return [];
    const local = await readAt(handle, entry.localHeader, 30);
    if (local.readUInt32LE(0) !== LOCAL) return [];
    const data = await readAt(handle, entry.localHeader + 30 + local.readUInt16LE(26) + local.readUInt16LE(28), entry.compressedSize);
    const xml = (entry.method === 8 ? inflateRawSync(data) : data).toString('utf8');
    const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    return [...xml.matchAll(/<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"/g)].map((m) => m[1]!.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => entities[e]!));
  } catch {
    return [];
  } finally {
    await handle.close();
  }
}
