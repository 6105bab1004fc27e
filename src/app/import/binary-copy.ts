/**
 * Rows in PostgreSQL's binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html,
 * "Binary Format"), for the tables a placement import writes straight into. The server reads
 * these without parsing text: no hex to decode for ciphertexts and hashes, no digits or dates
 * to read, about a third less of its work per row than the text format in a measurement here.
 * (copyBinaryInto adds the format's header and trailer.) Each field is its length (int32, -1 for NULL) and its bytes, in the type's binary send form:
 * text as UTF-8, bytea as is, bigint as 8 bytes big-endian, date as days since 2000-01-01, a
 * one-dimensional text[] as its header (dimensions, null flag, element type, length, lower bound) and its texts.
 */
import { writeUtf8 } from '../../db/utf8.ts';
import { isoDayNumber, type LocalDate } from '../../domain/calendar.ts';

const PG_EPOCH_DAYS = 10_957; // 2000-01-01 in days since 1970-01-01
const TEXT_OID = 25;

/** Days from 2000-01-01 to a YYYY-MM-DD date. */
export function pgDays(date: LocalDate): number {
  const days = isoDayNumber(date);
  if (days === null) throw new Error(`not a date: ${date}`);
  return days - PG_EPOCH_DAYS;
}

/**
 * Copies bytes `start` to `end` of `source` into `target` at `at`. Buffer.copy costs about the
 * same whatever the length (~45 ns here, a view of the part made first), a loop ~1 ns a byte: runs
 * as short as a hash or a ciphertext are copied in a loop, a row's worth natively.
 */
function copyRange(source: Buffer, start: number, end: number, target: Buffer, at: number): void {
  if (end - start > 48) {
    source.copy(target, at, start, end);
    return;
  }
  for (let i = start; i < end; i++) target[at++] = source[i]!;
}

/** A 32-bit integer, big-endian, into `buf` at `at` (byte stores: Buffer#writeInt32BE checks its range on each of millions of calls). */
function put32(buf: Buffer, at: number, value: number): void {
  buf[at] = value >>> 24;
  buf[at + 1] = value >>> 16;
  buf[at + 2] = value >>> 8;
  buf[at + 3] = value;
}

/**
 * A growing buffer of binary COPY data, reused from chunk to chunk. A row is `row(fields)`
 * followed by exactly that many fields; rows may also be put together from parts written
 * elsewhere (`bytes`), as the import does to put database-given ids in front.
 */
export class BinaryRows {
  // Starts small: a file of known accounts never fills most of these.
  #buf = Buffer.allocUnsafe(1 << 16);
  #length = 0;
  rows = 0;

  #room(bytes: number): void {
    if (this.#length + bytes <= this.#buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.#length + bytes, this.#buf.length * 2));
    this.#buf.copy(bigger, 0, 0, this.#length);
    this.#buf = bigger;
  }

  /** Starts a row of `fields` fields. */
  row(fields: number): this {
    this.#room(2);
    this.#buf.writeInt16BE(fields, this.#length);
    this.#length += 2;
    this.rows++;
    return this;
  }

  null(): this {
    this.#room(4);
    put32(this.#buf, this.#length, -1);
    this.#length += 4;
    return this;
  }

  /** A bigint field (any safe integer). */
  int8(value: number): this {
    this.#room(12);
    const buf = this.#buf;
    let at = this.#length;
    put32(buf, at, 8);
    const high = Math.floor(value / 0x1_0000_0000);
    put32(buf, at + 4, high);
    put32(buf, at + 8, value - high * 0x1_0000_0000);
    at += 12;
    this.#length = at;
    return this;
  }

  /** A text field. */
  text(value: string): this {
    this.#room(4 + value.length * 3);
    const written = writeUtf8(this.#buf, value, this.#length + 4);
    put32(this.#buf, this.#length, written);
    this.#length += 4 + written;
    return this;
  }

  textOrNull(value: string | null): this {
    return value === null ? this.null() : this.text(value);
  }

  /** A text[] field of one dimension without NULLs (or NULL). */
  textArrayOrNull(values: readonly string[] | null): this {
    if (values === null) return this.null();
    this.#room(24 + values.reduce((n, v) => n + 4 + v.length * 3, 0));
    const buf = this.#buf;
    const start = this.#length;
    let at = start + 4;
    for (const word of [1, 0, TEXT_OID, values.length, 1]) { buf.writeInt32BE(word, at); at += 4; }
    for (const value of values) {
      const written = writeUtf8(buf, value, at + 4);
      buf.writeInt32BE(written, at);
      at += 4 + written;
    }
    buf.writeInt32BE(at - start - 4, start);
    this.#length = at;
    return this;
  }

  /** A bytea field: `value`, or its bytes from `start` to `end` (without making a view of them). */
  bytea(value: Buffer, start = 0, end = value.length): this {
    const length = end - start;
    this.#room(4 + length);
    put32(this.#buf, this.#length, length);
    copyRange(value, start, end, this.#buf, this.#length + 4);
    this.#length += 4 + length;
    return this;
  }

  /** A date field. */
  date(value: LocalDate): this {
    this.#room(8);
    put32(this.#buf, this.#length, 4);
    put32(this.#buf, this.#length + 4, pgDays(value));
    this.#length += 8;
    return this;
  }

  dateOrNull(value: LocalDate | null): this {
    return value === null ? this.null() : this.date(value);
  }

  /** A jsonb field (its binary form is a version byte, 1, then the JSON text). */
  jsonb(json: string): this {
    this.#room(5 + json.length * 3);
    this.#buf[this.#length + 4] = 1;
    const written = this.#buf.write(json, this.#length + 5, 'utf8');
    this.#buf.writeInt32BE(written + 1, this.#length);
    this.#length += 5 + written;
    return this;
  }

  /** Bytes already in this format (fields written by another BinaryRows), from `start` to `end`. */
  bytes(value: Buffer, start = 0, end = value.length): this {
    this.#room(end - start);
    copyRange(value, start, end, this.#buf, this.#length);
    this.#length += end - start;
    return this;
  }

  get length(): number {
    return this.#length;
  }

  /** The data so far (a view: valid until the next write or reset). */
  data(): Buffer {
    return this.#buf.subarray(0, this.#length);
  }

  reset(): void {
    this.#length = 0;
    this.rows = 0;
  }
}
