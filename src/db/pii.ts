import { createCipheriv, createDecipheriv, createHmac, randomBytes, hkdfSync } from 'node:crypto';

/**
 * Encryption at rest for personal data (ID numbers, phones, emails, addresses).
 * AES-256-GCM with a random 96-bit nonce per value: stored as nonce(12) | tag(16) | ciphertext.
 * A separate keyed hash (HMAC-SHA-256, key derived from the same master key) lets us match
 * "same ID number" without decrypting; it is deterministic on purpose and never shown.
 */
export class PiiCipher {
  readonly #encKey: Buffer;
  readonly #macKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('The data key must be 32 bytes (64 hex characters)');
    this.#encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'leeway pii encryption', 32));
    this.#macKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'leeway pii matching', 32));
  }

  encrypt(plain: string): Buffer {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#encKey, nonce);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([nonce, cipher.getAuthTag(), body]);
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
