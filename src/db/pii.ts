import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomFillSync } from 'node:crypto';

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

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('The data key must be 32 bytes (64 hex characters)');
    this.#encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'leeway pii encryption', 32));
    this.#macKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'leeway pii matching', 32));
  }

  encrypt(plain: string): Buffer {
    const nonce = this.#nextNonce();
    const cipher = createCipheriv('aes-256-gcm', this.#encKey, nonce);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([nonce, cipher.getAuthTag(), body]);
  }

  #nextNonce(): Buffer {
    if (this.#nonceOffset === this.#nonces.length) {
      randomFillSync(this.#nonces);
      this.#nonceOffset = 0;
    }
    const nonce = Buffer.from(this.#nonces.subarray(this.#nonceOffset, this.#nonceOffset + 12));
    this.#nonceOffset += 12;
    return nonce;
  }

  decrypt(stored: Buffer): string {
    const decipher = createDecipheriv('aes-256-gcm', this.#encKey, stored.subarray(0, 12));
    decipher.setAuthTag(stored.subarray(12, 28));
    return Buffer.concat([decipher.update(stored.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** Keyed hash for equality matching; input is normalised (trimmed, upper-cased). */
  matchHash(plain: string): Buffer {
    return createHmac('sha256', this.#macKey).update(plain.trim().toUpperCase(), 'utf8').digest();
  }
}
