import crypto, { createCipheriv, createDecipheriv, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { writeUtf8 } from './utf8.ts';

/** One-shot hashing (Node 20.12 and later): no native hash object per call. */
const oneShotHash = (crypto as { hash?: (algorithm: string, data: Buffer, encoding: 'binary') => string }).hash;

/** First byte of a value in the SIV format ('S'). */
const SIV_VERSION = 0x53;
/** Version byte and IV. */
const SIV_HEADER = 17;
/** Legacy GCM format: nonce(12) | tag(16) | ciphertext. */
const GCM_HEADER = 28;

/**
 * Writes the AES-CTR counter blocks for one value: `blocks` blocks of 16 bytes at `out[at..]`,
 * the first equal to the 16-byte IV at `iv[ivAt..]`, each next one the previous plus one as a
 * 128-bit big-endian integer (carrying across bytes and wrapping at 2^128), which is what
 * OpenSSL's (and so Node's) 'aes-256-ctr' does. Exported for tests.
 */
export function writeCounterBlocks(out: Uint8Array, at: number, iv: Uint8Array, ivAt: number, blocks: number): void {
  if (blocks <= 0) return;
  for (let j = 0; j < 16; j++) out[at + j] = iv[ivAt + j]!;
  for (let k = 1; k < blocks; k++) {
    const b = at + 16 * k;
    for (let j = 0; j < 16; j++) out[b + j] = out[b - 16 + j]!;
    for (let p = b + 15; p >= b; p--) {
      const next = (out[p]! + 1) & 0xff;
      out[p] = next;
      if (next !== 0) break;
    }
  }
}

/**
 * A batch sealed by PiiCipher.sealMany: for value i, its matching hash (32 bytes) and its stored
 * form, all in two buffers (no object per value). `stored(i)` / `hash(i)` give views;
 * `storedHex(i)` / `hashHex(i)` give the hex for COPY text without making a view first.
 */
export class SealedBatch {
  /** Value i's matching hash is hashes[32 i, 32 i + 32). */
  readonly hashes: Buffer;
  /** Every stored value back to back; value i's is data[offsets[i], offsets[i + 1]). */
  readonly data: Buffer;
  /** length + 1 entries. */
  readonly offsets: Uint32Array;

  constructor(hashes: Buffer, data: Buffer, offsets: Uint32Array) {
    this.hashes = hashes;
    this.data = data;
    this.offsets = offsets;
  }

  get length(): number {
    return this.offsets.length - 1;
  }

  /** Value i's stored form (a view into `data`: copy it to keep it without the batch). */
  stored(i: number): Buffer {
    return this.data.subarray(this.offsets[i], this.offsets[i + 1]);
  }

  storedHex(i: number): string {
    return this.data.toString('hex', this.offsets[i], this.offsets[i + 1]);
  }

  /** Value i's matching hash, the same bytes as matchHash(plains[i]) (a view into `hashes`). */
  hash(i: number): Buffer {
    return this.hashes.subarray(32 * i, 32 * i + 32);
  }

  hashHex(i: number): string {
    return this.hashes.toString('hex', 32 * i, 32 * i + 32);
  }
}

/**
 * Encryption at rest for personal data (ID numbers, phones, emails, addresses).
 *
 * Format: 0x53 ('S') | IV(16) | ciphertext (as long as the UTF-8 plaintext). This is SIV
 * (Rogaway and Shrimpton's synthetic-IV deterministic authenticated encryption) with
 * HMAC-SHA-256 as the PRF and AES-256-CTR as the cipher: IV = the first 16 bytes of
 * HMAC-SHA-256(matching key, UTF-8 plaintext exactly as given), ciphertext = AES-256-CTR under
 * its own HKDF-derived key ('leeway pii siv encryption') with the IV as the first counter block
 * (the whole 128-bit block counts, big-endian). Decrypting recomputes the HMAC of the plaintext
 * and compares it with the IV: a changed bit anywhere, or another key, is refused.
 *
 * Why SIV: it is deterministic (equal values give equal ciphertexts), which the keyed matching
 * hash stored beside each value already reveals for normalised values (the ciphertext tells
 * exact equality, which also separates ' abc' from 'ABC', and the length, as the GCM format did).
 * In exchange, one PRF gives both the matching hash and the IV: for a value that is already
 * normalised (v === v.trim().toUpperCase(): ID numbers, phones, most addresses) the IV is the
 * first 16 bytes of matchHash(v) and one HMAC does both. And with no random nonce, a whole
 * batch's keystream comes from one AES-ECB call over all its counter blocks (sealMany), rather
 * than a native cipher object per value, which is where encrypting one short value goes.
 *
 * The matching hash (matchHash) is HMAC-SHA-256 under the matching key over the trimmed,
 * upper-cased value: deterministic on purpose and never shown.
 *
 * Still read: the earlier format, AES-256-GCM with a random 96-bit nonce, stored as
 * nonce(12) | tag(16) | ciphertext under the 'leeway pii encryption' key. A value that fails the
 * SIV check (including a GCM value whose random nonce starts with 0x53) is tried as GCM.
 *
 * Plaintexts are strings of whole code points: a lone surrogate half becomes U+FFFD in UTF-8.
 */
export class PiiCipher {
  readonly #gcmKey: Buffer;
  readonly #sivKey: Buffer;
  readonly #macKey: Buffer;
  // HMAC-SHA-256 (RFC 2104) as two one-shot hashes over reused buffers: the same value as
  // createHmac, without a native Hmac object per value (an import hashes millions of values).
  // #inner is (key XOR ipad) followed by room for the message; #outer is (key XOR opad) and the inner digest.
  #inner = Buffer.alloc(64 + 256);
  readonly #outer = Buffer.alloc(64 + 32);
  // sealMany's scratch, kept between batches: stored forms before the keystream, and counter blocks.
  #sealed = Buffer.allocUnsafe(1 << 16);
  #counters = Buffer.allocUnsafe(1 << 16);
  // The HMAC of a value that is not normalised (its IV), apart from its matching hash.
  readonly #exactMac = Buffer.alloc(32);

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('The data key must be 32 bytes (64 hex characters)');
    this.#gcmKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'leeway pii encryption', 32));
    this.#sivKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'leeway pii siv encryption', 32));
    this.#macKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'leeway pii matching', 32));
    for (let i = 0; i < 64; i++) {
      const k = i < this.#macKey.length ? this.#macKey[i]! : 0;
      this.#inner[i] = k ^ 0x36;
      this.#outer[i] = k ^ 0x5c;
    }
  }

  /** Room in #inner for a message of up to `bytes` bytes. */
  #innerRoom(bytes: number): void {
    if (64 + bytes > this.#inner.length) {
      const bigger = Buffer.alloc(Math.max(64 + bytes, this.#inner.length * 2));
      this.#inner.copy(bigger, 0, 0, 64);
      this.#inner = bigger;
      this.#innerViews = [];
    }
  }

  // The first n bytes of #inner, a view made once for each n (not one per value hashed).
  #innerViews: Buffer[] = [];
  #innerView(bytes: number): Buffer {
    return (this.#innerViews[bytes] ??= this.#inner.subarray(0, bytes));
  }

  /** Writes `text` as UTF-8 after the inner key block; its length in bytes. */
  #innerWrite(text: string): number {
    this.#innerRoom(text.length * 3);
    return writeUtf8(this.#inner, text, 64);
  }

  /** HMAC-SHA-256 under the matching key of the `length` message bytes already in #inner. */
  #innerMac(length: number): Buffer {
    const mac = Buffer.allocUnsafe(32); // from Node's pool: no native allocation of its own
    this.#innerMacInto(length, mac, 0);
    return mac;
  }

  /**
   * The same HMAC, written into `target` at `at`. The digests come back as 'binary' (latin1)
   * strings, one character per byte, rather than Buffers: a Buffer per digest is a native
   * allocation the collector has to track, and cost three times the hashing itself here.
   */
  #innerMacInto(length: number, target: Buffer, at: number): void {
    if (!oneShotHash) {
      createHmac('sha256', this.#macKey).update(this.#inner.subarray(64, 64 + length)).digest().copy(target, at);
      return;
    }
    this.#outer.write(oneShotHash('sha256', this.#innerView(64 + length), 'binary'), 64, 'latin1');
    target.write(oneShotHash('sha256', this.#outer, 'binary'), at, 'latin1');
  }

  /** HMAC-SHA-256 under the matching key of `text` as UTF-8, exactly as given. */
  #mac(text: string): Buffer {
    return this.#innerMac(this.#innerWrite(text));
  }

  /** Keyed hash for equality matching; input is normalised (trimmed, upper-cased). */
  matchHash(plain: string): Buffer {
    return this.#mac(plain.trim().toUpperCase());
  }

  /** The same hash written into `target` at `at`: nothing allocated, for many values looked at once. */
  matchHashInto(plain: string, target: Buffer, at: number): void {
    this.#innerMacInto(this.#innerWrite(plain.trim().toUpperCase()), target, at);
  }

  /** HMAC-SHA-256 under the matching key of `text` exactly as given (not normalised), into `target` at `at`. */
  macInto(text: string, target: Buffer, at: number): void {
    this.#innerMacInto(this.#innerWrite(text), target, at);
  }

  /**
   * The same as macInto(prefix + parts.slice(0, count).join('\0')), without making that text:
   * each part is written straight after the one before (a placement row's digest, every row).
   */
  macJoinedInto(prefix: string, parts: readonly string[], count: number, target: Buffer, at: number): void {
    let room = prefix.length;
    for (let i = 0; i < count; i++) room += parts[i]!.length + 1;
    this.#innerRoom(room * 3);
    const inner = this.#inner;
    let length = writeUtf8(inner, prefix, 64);
    for (let i = 0; i < count; i++) {
      if (i > 0) inner[64 + length++] = 0;
      length += writeUtf8(inner, parts[i]!, 64 + length);
    }
    this.#innerMacInto(length, target, at);
  }

  /** One value in the SIV format. For many values at once, sealMany. */
  encrypt(plain: string): Buffer {
    const length = this.#innerWrite(plain);
    const mac = this.#innerMac(length);
    const stored = Buffer.allocUnsafe(SIV_HEADER + length);
    stored[0] = SIV_VERSION;
    mac.copy(stored, 1, 0, 16);
    const cipher = createCipheriv('aes-256-ctr', this.#sivKey, stored.subarray(1, SIV_HEADER));
    const body = cipher.update(this.#inner.subarray(64, 64 + length));
    body.copy(stored, SIV_HEADER);
    return stored;
  }

  /**
   * Matching hash and stored (SIV) form of each value, the same bytes as matchHash(v) and
   * encrypt(v), with one AES call for the whole batch: every value's counter blocks go through
   * one AES-256-ECB call, whose output is the CTR keystream. Meant for thousands of values
   * (an import chunk); the result's buffers are new, the scratch behind them is reused.
   */
  sealMany(plains: readonly string[]): SealedBatch {
    const n = plains.length;
    const hashes = Buffer.allocUnsafe(32 * n);
    const offsets = new Uint32Array(n + 1);
    let sealed = this.#sealed;
    let counters = this.#counters;
    let at = 0; // in sealed
    let blocks = 0; // in counters, bytes
    for (let i = 0; i < n; i++) {
      const plain = plains[i]!;
      const normal = plain.trim().toUpperCase();
      const length = this.#innerWrite(plain);
      // The IV: the matching hash itself when the value is normalised, else the exact value's own HMAC.
      const mac = normal === plain ? hashes : this.#exactMac;
      const macAt = normal === plain ? 32 * i : 0;
      this.#innerMacInto(length, mac, macAt);
      const need = (length + 15) & ~15;
      if (at + SIV_HEADER + length > sealed.length) {
        const bigger = Buffer.allocUnsafe(Math.max(at + SIV_HEADER + length, sealed.length * 2));
        sealed.copy(bigger, 0, 0, at);
        sealed = this.#sealed = bigger;
      }
      if (blocks + need > counters.length) {
        const bigger = Buffer.allocUnsafe(Math.max(blocks + need, counters.length * 2));
        counters.copy(bigger, 0, 0, blocks);
        counters = this.#counters = bigger;
      }
      offsets[i] = at;
      sealed[at] = SIV_VERSION;
      for (let j = 0; j < 16; j++) sealed[at + 1 + j] = mac[macAt + j]!;
      const inner = this.#inner;
      const body = at + SIV_HEADER;
      for (let j = 0; j < length; j++) sealed[body + j] = inner[64 + j]!;
      writeCounterBlocks(counters, blocks, mac, macAt, need >>> 4);
      at = body + length;
      blocks += need;
      if (normal !== plain) this.#innerMacInto(this.#innerWrite(normal), hashes, 32 * i);
    }
    offsets[n] = at;
    const data = Buffer.allocUnsafe(at);
    sealed.copy(data, 0, 0, at);
    if (blocks > 0) {
      const ecb = createCipheriv('aes-256-ecb', this.#sivKey, null);
      ecb.setAutoPadding(false);
      const keystream = ecb.update(counters.subarray(0, blocks));
      ecb.final();
      let k = 0;
      for (let i = 0; i < n; i++) {
        const end = offsets[i + 1]!;
        const body = offsets[i]! + SIV_HEADER;
        for (let p = body; p < end; p++) data[p]! ^= keystream[k + p - body]!;
        k += (end - body + 15) & ~15;
      }
    }
    return new SealedBatch(hashes, data, offsets);
  }

  decrypt(stored: Buffer): string {
    if (stored.length >= SIV_HEADER && stored[0] === SIV_VERSION) {
      const iv = stored.subarray(1, SIV_HEADER);
      const decipher = createDecipheriv('aes-256-ctr', this.#sivKey, iv);
      const plain = decipher.update(stored.subarray(SIV_HEADER));
      this.#innerRoom(plain.length);
      plain.copy(this.#inner, 64);
      if (timingSafeEqual(this.#innerMac(plain.length).subarray(0, 16), iv)) return plain.toString('utf8');
    }
    if (stored.length < GCM_HEADER) throw new Error('Personal data value does not decrypt (damaged, or another key)');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#gcmKey, stored.subarray(0, 12), { authTagLength: 16 });
      decipher.setAuthTag(stored.subarray(12, GCM_HEADER));
      return Buffer.concat([decipher.update(stored.subarray(GCM_HEADER)), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('Personal data value does not decrypt (damaged, or another key)');
    }
  }
}
