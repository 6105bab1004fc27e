import crypto, { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomFillSync } from 'node:crypto';

/** One-shot hashing (Node 20.12 and later): no native hash object per call. */
const oneShotHash = (crypto as { hash?: (algorithm: string, data: Buffer, encoding: 'buffer') => Buffer }).hash;

/**
 * Encryption at rest for personal data (ID numbers, phones, emails, addresses).
 * AES-256-GCM with a random 96-bit nonce per value: stored as nonce(12) | tag(16) | ciphertext.
 * A separate keyed hash (HMAC-SHA-256, key derived from the same master key) lets us match
 * "same ID number" without decrypting; it is deterministic on purpose and never shown.
 */
export class PiiCipher {
  readonly #encKey: Buffer;
  readonly #macKey: Buffer;
  // Nonces come from a buffer of CSPRNG output refilled 4 KiB at a time: one system call
  // per 341 values instead of one each (bulk imports encrypt millions of values).
  readonly #nonces = Buffer.alloc(4092);
  #nonceOffset = this.#nonces.length;
  // HMAC-SHA-256 (RFC 2104) as two one-shot hashes over reused buffers: the same value as
  // createHmac, without a native Hmac object per value (an import hashes millions of values).
  // #inner is (key XOR ipad) followed by room for the message; #outer is (key XOR opad) and the inner digest.
  #inner = Buffer.alloc(64 + 256);
  readonly #outer = Buffer.alloc(64 + 32);

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('The data key must be 32 bytes (64 hex characters)');
    this.#encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'leeway pii encryption', 32));
    this.#macKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'leeway pii matching', 32));
    for (let i = 0; i < 64; i++) {
      const k = i < this.#macKey.length ? this.#macKey[i]! : 0;
      this.#inner[i] = k ^ 0x36;
      this.#outer[i] = k ^ 0x5c;
    }
  }

  encrypt(plain: string): Buffer {
    if (this.#nonceOffset === this.#nonces.length) {
      randomFillSync(this.#nonces);
      this.#nonceOffset = 0;
    }
    const nonce = this.#nonces.subarray(this.#nonceOffset, this.#nonceOffset + 12); // createCipheriv copies it
    this.#nonceOffset += 12;
    const cipher = createCipheriv('aes-256-gcm', this.#encKey, nonce);
    const body = cipher.update(plain, 'utf8');
    cipher.final(); // GCM is a stream mode: final() adds no bytes
    const stored = Buffer.allocUnsafe(28 + body.length);
    nonce.copy(stored, 0);
    cipher.getAuthTag().copy(stored, 12);
    body.copy(stored, 28);
    return stored;
  }

  decrypt(stored: Buffer): string {
    const decipher = createDecipheriv('aes-256-gcm', this.#encKey, stored.subarray(0, 12));
    decipher.setAuthTag(stored.subarray(12, 28));
    return Buffer.concat([decipher.update(stored.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** Keyed hash for equality matching; input is normalised (trimmed, upper-cased). */
  matchHash(plain: string): Buffer {
    const text = plain.trim().toUpperCase();
    if (!oneShotHash) return createHmac('sha256', this.#macKey).update(text, 'utf8').digest();
    if (64 + text.length * 3 > this.#inner.length) {
      const bigger = Buffer.alloc(64 + text.length * 3);
      this.#inner.copy(bigger, 0, 0, 64);
      this.#inner = bigger;
    }
    const length = this.#inner.write(text, 64, 'utf8');
    oneShotHash('sha256', this.#inner.subarray(0, 64 + length), 'buffer').copy(this.#outer, 64);
    return oneShotHash('sha256', this.#outer, 'buffer');
  }
}
