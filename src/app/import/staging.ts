/**
 * Turning typed rows into COPY text for the staging tables, and personal data into its
 * stored forms (keyed hash, ciphertext, mask) through the PiiCipher. Plaintext personal
 * data goes no further than this process's memory: the staging tables get hashes,
 * ciphertext and masks only.
 */
import type { PiiCipher, SealedBatch } from '../../db/pii.ts';

/** A value in PostgreSQL's COPY text format (tab-separated, \N for NULL). */
export function copyText(value: string | null): string {
  if (value === null) return '\\N';
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : value;
}

export function copyNumber(value: number | null): string {
  return value === null ? '\\N' : String(value);
}

/** bytea as hex; the backslash is doubled because COPY text unescapes it once. */
export function copyBytea(hex: string | null): string {
  return hex === null ? '\\N' : '\\\\x' + hex;
}

/**
 * COPY text accumulated straight into bytes: a chunk of tens of thousands of lines never
 * exists as one big string (which would cost its size twice over, plus the collector's time).
 */
export class CopyBuffer {
  #buf = Buffer.allocUnsafe(1 << 20);
  #length = 0;
  lines = 0;

  add(line: string): void {
    const worst = this.#length + line.length * 3;
    if (worst > this.#buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(worst, this.#buf.length * 2));
      this.#buf.copy(bigger, 0, 0, this.#length);
      this.#buf = bigger;
    }
    this.#length += this.#buf.write(line, this.#length);
    this.lines++;
  }

  bytes(): Buffer {
    return this.#buf.subarray(0, this.#length);
  }

  /** Empty again, keeping its memory for the next chunk. */
  reset(): void {
    this.#length = 0;
    this.lines = 0;
  }
}

export interface StoredPii { hash: string; enc: string }

/**
 * Hashes and encrypts each distinct value once: the same ID number or phone on several rows
 * (a debtor with several cards) is done the first time and reused after. Where only the keyed
 * hash is needed (is this phone new for a known debtor?), nothing is encrypted until it is.
 * The memory is bounded: after 4,096 distinct values of a kind the cache starts over, so a
 * value seen again much later is done again (correct, just repeated work).
 */
export class PiiEncoder {
  readonly #cipher: PiiCipher;
  readonly #caches = new Map<string, Map<string, { hash: string; enc: string | null }>>();
  encryptions = 0;

  constructor(cipher: PiiCipher) {
    this.#cipher = cipher;
  }

  #entry(kind: string, plain: string): { hash: string; enc: string | null } {
    let cache = this.#caches.get(kind);
    if (!cache) this.#caches.set(kind, (cache = new Map()));
    let entry = cache.get(plain);
    if (!entry) {
      if (cache.size >= 4_096) cache.clear();
      entry = { hash: this.#cipher.matchHash(plain).toString('hex'), enc: null };
      cache.set(plain, entry);
    }
    return entry;
  }

  /** The keyed hash (hex) alone. */
  hash(kind: 'id_number' | 'phone' | 'address' | 'email', plain: string): string {
    return this.#entry(kind, plain).hash;
  }

  /** The keyed hash into `target` at `at`, neither cached nor as hex: for values looked at once. */
  hashInto(plain: string, target: Buffer, at: number): void {
    this.#cipher.matchHashInto(plain, target, at);
  }


  /** The keyed hash of `prefix` followed by the first `count` parts joined with NUL, exactly as given, into `target` at `at`. */
  macJoinedInto(prefix: string, parts: readonly string[], count: number, target: Buffer, at: number): void {
    this.#cipher.macJoinedInto(prefix, parts, count, target, at);
  }

  /**
   * The keyed hashes and stored forms of many values at once (the values of new accounts:
   * mostly distinct, not worth the cache), sealed in one go.
   */
  sealMany(plains: readonly string[]): SealedBatch {
    this.encryptions += plains.length;
    return this.#cipher.sealMany(plains);
  }

  /** The keyed hash and the ciphertext (hex). */
  encode(kind: 'id_number' | 'phone' | 'address' | 'email', plain: string): StoredPii {
    const entry = this.#entry(kind, plain);
    if (entry.enc === null) {
      entry.enc = this.#cipher.encrypt(plain).toString('hex');
      this.encryptions++;
    }
    return { hash: entry.hash, enc: entry.enc };
  }
}

/**
 * The keys seen so far in a file (account numbers, transaction ids), each with a number (the
 * fingerprint of what its row said), in about 40 bytes per key: a million-row file must fit in
 * the memory budget, and a Map of strings takes three times that (and its keys, cut from the
 * file's text, would keep whole chunks of it alive). Exact: keys are compared byte by byte.
 */
export class KeySet {
  #arena: Buffer = Buffer.allocUnsafe(1 << 20);
  #used = 0;
  #offsets: Int32Array = new Int32Array(1 << 16);
  #lengths: Int32Array = new Int32Array(1 << 16);
  #hashes: Int32Array = new Int32Array(1 << 16);
  #values: Int32Array = new Int32Array(1 << 16);
  #slots: Int32Array = new Int32Array(1 << 17).fill(-1);
  #scratch: Buffer = Buffer.allocUnsafe(1024);
  size = 0;

  /** The entry number of the key the last getOrAdd found or added. */
  entry = -1;

  /** The number stored with `key`, or undefined when the key is new (then it is added with `value`). */
  getOrAdd(key: string, value: number): number | undefined {
    const entry = this.#probe(key);
    if (entry !== -1) { this.entry = entry; return this.#values[entry]!; }
    this.entry = this.#add(this.#slot, this.#hash, this.#length, value);
    return undefined;
  }

  /** The entry number of `key` (0, 1, ... in the order keys were added), or -1. */
  find(key: string): number {
    return this.#probe(key);
  }

  /** Adds `key` if it is new; its entry number either way. */
  add(key: string, value = 0): number {
    const entry = this.#probe(key);
    return entry !== -1 ? entry : this.#add(this.#slot, this.#hash, this.#length, value);
  }

  #slot = 0;
  #hash = 0;
  #length = 0;

  /** The key's entry, or -1 with #slot, #hash and #length set for #add. */
  #probe(key: string): number {
    if (key.length * 3 > this.#scratch.length) this.#scratch = Buffer.allocUnsafe(key.length * 3);
    const length = this.#scratch.write(key);
    const hash = fingerprint(key) | 0;
    const mask = this.#slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.#slots[slot]!;
      if (entry === -1) {
        this.#slot = slot;
        this.#hash = hash;
        this.#length = length;
        return -1;
      }
      if (this.#hashes[entry] === hash && this.#lengths[entry] === length &&
        this.#arena.compare(this.#scratch, 0, length, this.#offsets[entry]!, this.#offsets[entry]! + length) === 0) {
        return entry;
      }
    }
  }

  #add(slot: number, hash: number, length: number, value: number): number {
    if (this.#used + length > this.#arena.length) this.#arena = grow(this.#arena, this.#used + length);
    this.#scratch.copy(this.#arena, this.#used, 0, length);
    const entry = this.size++;
    if (entry >= this.#offsets.length) {
      this.#offsets = growInts(this.#offsets);
      this.#lengths = growInts(this.#lengths);
      this.#hashes = growInts(this.#hashes);
      this.#values = growInts(this.#values);
    }
    this.#offsets[entry] = this.#used;
    this.#lengths[entry] = length;
    this.#hashes[entry] = hash;
    this.#values[entry] = value;
    this.#used += length;
    this.#slots[slot] = entry;
    if (this.size * 2 > this.#slots.length) this.#rehash();
    return entry;
  }

  #rehash(): void {
    const slots = new Int32Array(this.#slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let entry = 0; entry < this.size; entry++) {
      let slot = this.#hashes[entry]! & mask;
      while (slots[slot] !== -1) slot = (slot + 1) & mask;
      slots[slot] = entry;
    }
    this.#slots = slots;
  }
}

function grow(buf: Buffer, atLeast: number): Buffer {
  const bigger = Buffer.allocUnsafe(Math.max(atLeast, buf.length * 2));
  buf.copy(bigger);
  return bigger;
}

function growInts(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** FNV-1a, 32 bits: tells an identical repeated row from a conflicting one. */
export function fingerprint(text: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The fingerprint of several values, each followed by a separator (null and '' differ), without joining them into one text. */
export function fingerprintOf(values: ReadonlyArray<string | number | null | undefined>): number {
  let h = 0x811c9dc5;
  for (const value of values) {
    if (value !== null && value !== undefined) h = fingerprint(typeof value === 'string' ? value : String(value), h);
    h = Math.imul(h ^ (value === null || value === undefined ? 0x1e : 0x1f), 0x01000193);
  }
  return h >>> 0;
}
