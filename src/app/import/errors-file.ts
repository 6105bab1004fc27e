/**
 * The errors CSV beside the summary: every rejected row with its original columns, then
 * row_number, column and reason (Chinese / English). UTF-8 with a byte order mark, so Excel
 * and WPS open it with the Chinese intact. It holds the bank's data as sent, personal data
 * included, so it is written owner-only (0600), to a temporary name until the batch commits.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import { csvLine } from '../../domain/import/csv.ts';
import type { RowError } from '../../domain/import/rows.ts';

export class ErrorsFile {
  readonly path: string;
  readonly #partial: string;
  readonly #header: readonly string[];
  #stream: WriteStream | undefined;
  #published = false;
  count = 0;

  constructor(path: string, header: readonly string[]) {
    this.path = path;
    this.#partial = `${path}.partial`;
    this.#header = header;
  }

  /** Adds one rejected row; the file is created with the first. */
  add(rowNumber: number, fields: readonly string[], errors: readonly RowError[]): void {
    if (!this.#stream) {
      this.#stream = createWriteStream(this.#partial, { mode: 0o600 });
      this.#stream.write('\uFEFF' + csvLine([...this.#header, 'row_number', 'column', 'reason']));
    }
    const cells = this.#header.map((_, i) => fields[i] ?? '');
    const columns = [...new Set(errors.map((e) => e.column).filter((c) => c !== ''))].join('; ');
    const reason = errors.map((e) => `${e.zh} / ${e.en}`).join(' ; ');
    this.#stream.write(csvLine([...cells, String(rowNumber), columns, reason]));
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
    await fs.rename(this.#partial, this.path);
    this.#published = true;
    return this.path;
  }

  /**
   * Puts an earlier batch's errors file (its content as kept) in place as this one's: a file
   * imported again is answered with its first import's rejected rows, where this run was told to
   * write them. Returns the path.
   */
  async publishCopy(content: string): Promise<string> {
    await fs.writeFile(this.#partial, content, { mode: 0o600 });
    await fs.rename(this.#partial, this.path);
    this.#published = true;
    return this.path;
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
