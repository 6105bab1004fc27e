/**
 * The errors CSV beside the summary: every rejected row with its original columns, then
 * row_number, column and reason (Chinese / English). UTF-8 with a byte order mark, so Excel
 * and WPS open it with the Chinese intact. It holds the bank's data as sent, personal data
 * included, so it is written owner-only (0600), to a temporary name until the batch commits.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { createGzip, gunzipSync } from 'node:zlib';
import { csvLine } from '../../domain/import/csv.ts';
import type { RowError } from '../../domain/import/rows.ts';

/**
 * An errors file's bytes as kept in the database (sealed by the caller): gzipped, in base64 behind
 * `gz:`, read from the file as a stream. Kept as text, a million rejected rows (over 512 MB) were
 * more than one string can hold and the import failed; gzipped they are a tenth of that. Also its size.
 */
export async function packErrorsFileAt(path: string): Promise<{ kept: string; bytes: number }> {
  const parts: Buffer[] = [];
  await pipeline(createReadStream(path), createGzip(), async function* (gzipped: AsyncIterable<Buffer>) {
    for await (const part of gzipped) parts.push(part);
  });
  return { kept: `gz:${Buffer.concat(parts).toString('base64')}`, bytes: (await fs.stat(path)).size };
}

/** The bytes of an errors file as packErrorsFileAt kept them (or as kept before, the CSV's text itself). */
export function unpackErrorsFile(kept: string): Buffer {
  return kept.startsWith('gz:') ? gunzipSync(Buffer.from(kept.slice(3), 'base64')) : Buffer.from(kept, 'utf8');
}

/** The most bytes of an errors file read at once while putting its lines in order. */
const RANGE_BYTES = 4 << 20;

export class ErrorsFile {
  readonly path: string;
  readonly #partial: string;
  readonly #header: readonly string[];
  #stream: WriteStream | undefined;
  #published = false;
  count = 0;
  // Where each row's line starts and its row number, while the rows come in file order; a row
  // rejected later (while merging, after rows below it) sets #unordered, and publish sorts.
  #bytes = 0;
  #starts: number[] = [];
  #rowNumbers: number[] = [];
  #unordered = false;

  constructor(path: string, header: readonly string[]) {
    this.path = path;
    this.#partial = `${path}.partial`;
    this.#header = header;
  }

  /** Adds one rejected row; the file is created with the first. */
  add(rowNumber: number, fields: readonly string[], errors: readonly RowError[]): void {
    if (!this.#stream) {
      this.#stream = createWriteStream(this.#partial, { mode: 0o600 });
      const head = '\uFEFF' + csvLine([...this.#header, 'row_number', 'column', 'reason']);
      this.#stream.write(head);
      this.#bytes = Buffer.byteLength(head);
    }
    const cells = this.#header.map((_, i) => fields[i] ?? '');
    const columns = [...new Set(errors.map((e) => e.column).filter((c) => c !== ''))].join('; ');
    const reason = errors.map((e) => `${e.zh} / ${e.en}`).join(' ; ');
    const line = csvLine([...cells, String(rowNumber), columns, reason]);
    if (this.count > 0 && rowNumber < this.#rowNumbers[this.count - 1]!) this.#unordered = true;
    this.#starts.push(this.#bytes);
    this.#rowNumbers.push(rowNumber);
    this.#bytes += Buffer.byteLength(line);
    this.#stream.write(line);
    this.count++;
  }

  /** Waits while the disk catches up (a file of many bad rows must not pile up in memory). */
  async drained(): Promise<void> {
    const stream = this.#stream;
    if (stream?.writableNeedDrain) await new Promise<void>((resolve) => stream.once('drain', resolve));
  }

  /** Moves the file into place (call just before the batch commits); null when no row was rejected. */
  async publish(): Promise<string | null> {
    if (!this.#stream) return null;
    await this.#close();
    if (this.#unordered) await this.#sort();
    await fs.rename(this.#partial, this.path);
    this.#published = true;
    return this.path;
  }

  /**
   * Puts an earlier batch's errors file (its content as kept) in place as this one's: a file
   * imported again is answered with its first import's rejected rows, where this run was told to
   * write them. Returns the path.
   */
  async publishCopy(content: Buffer): Promise<string> {
    await fs.writeFile(this.#partial, content, { mode: 0o600 });
    await fs.rename(this.#partial, this.path);
    this.#published = true;
    return this.path;
  }

  /**
   * The lines in the order of their rows in the file, as the bank's sheet has them (rare: a row
   * refused while merging). Written to a new file from the old by ranges: the lines already in
   * order (most of them) are read as one range, at most RANGE_BYTES at a time, so a file of a
   * million rejected rows is never held in memory.
   */
  async #sort(): Promise<void> {
    const starts = this.#starts;
    const order = this.#rowNumbers.map((_, i) => i).sort((a, b) => this.#rowNumbers[a]! - this.#rowNumbers[b]! || a - b);
    const end = (i: number) => (i + 1 < starts.length ? starts[i + 1]! : this.#bytes);
    const sorted = `${this.#partial}.sorted`;
    const source = await fs.open(this.#partial, 'r');
    const out = createWriteStream(sorted, { mode: 0o600 });
    const copy = async (from: number, to: number) => {
      const buffer = Buffer.allocUnsafe(to - from);
      const { bytesRead } = await source.read(buffer, 0, buffer.length, from);
      if (bytesRead !== buffer.length) throw new Error(`errors file: read ${bytesRead} of ${buffer.length} bytes at ${from}`);
      if (!out.write(buffer)) await once(out, 'drain');
    };
    try {
      await copy(0, starts[0]!);   // the header
      for (let k = 0; k < order.length;) {
        let j = k;
        while (j + 1 < order.length && order[j + 1] === order[j]! + 1 && end(order[j + 1]!) - starts[order[k]!]! <= RANGE_BYTES) j++;
        await copy(starts[order[k]!]!, end(order[j]!));
        k = j + 1;
      }
      await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    } catch (error) {
      out.destroy();
      await fs.rm(sorted, { force: true });
      throw error;
    } finally {
      await source.close();
    }
    await fs.rename(sorted, this.#partial);
  }

  /** The batch did not commit: nothing of it stays. */
  async discard(): Promise<void> {
    if (this.#stream && !this.#stream.closed) await this.#close();
    await fs.rm(this.#partial, { force: true });
    if (this.#published) await fs.rm(this.path, { force: true });
  }

  async #close(): Promise<void> {
    const stream = this.#stream!;
    await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
}
