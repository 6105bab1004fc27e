/**
 * Turning typed rows into COPY text for the staging tables, and personal data into its
 * stored forms (keyed hash, ciphertext, mask) through the PiiCipher. Plaintext personal
 * data goes no further than this process's memory: the staging tables get hashes,
 * ciphertext and masks only.
 */
import type { PiiCipher } from '../../db/pii.ts';

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
}

export interface StoredPii { hash: string; enc: string }

/**
 * Encrypts each distinct value once: the same ID number or phone on several rows (a debtor
 * with several cards) is hashed and encrypted the first time and reused after. The memory
 * is bounded: after 16,384 distinct values of a kind the cache starts over, so a value seen
 * again much later is encrypted again (correct, just repeated work).
 */
export class PiiEncoder {
  readonly #cipher: PiiCipher;
  readonly #caches = new Map<string, Map<string, StoredPii>>();
  encryptions = 0;

  constructor(cipher: PiiCipher) {
    this.#cipher = cipher;
  }

  encode(kind: 'id_number' | 'phone' | 'address', plain: string): StoredPii {
    let cache = this.#caches.get(kind);
    if (!cache) this.#caches.set(kind, (cache = new Map()));
    const cached = cache.get(plain);
    if (cached) return cached;
    if (cache.size >= 16_384) cache.clear();
    const stored = { hash: this.#cipher.matchHash(plain).toString('hex'), enc: this.#cipher.encrypt(plain).toString('hex') };
    this.encryptions++;
    cache.set(plain, stored);
    return stored;
  }
}

/**
 * A copy of a string that does not keep the file chunk it was cut from alive (V8 slices
 * share their parent's memory); for keys remembered for the whole file.
 */
export function detached(text: string): string {
  return (' ' + text).slice(1);
}

/** FNV-1a, 32 bits: tells an identical repeated row from a conflicting one. */
export function fingerprint(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
