/**
 * What a placement row said about its debtor's phones, addresses and e-mail address, as one number kept on the
 * account (accounts.contact_digest): a bank's daily balance file repeats the same phone and
 * address for almost every account, and when the row's digest is the one the account keeps,
 * there is nothing to look up. Built from the values' keyed hashes (PiiCipher.matchHash), so it
 * tells nothing the hashes already stored do not; 53 bits, so it is an exact JavaScript number
 * and a PostgreSQL bigint, with a chance of 2^-53 that a changed row looks the same.
 */
const PHONE = 1;
const ADDRESS = 2;
const EMAIL = 3;

export class ContactDigest {
  #a = 0;
  #b = 0;

  start(): this {
    this.#a = 0x9747b28c;
    this.#b = 0x2d358dcc;
    return this;
  }

  /** A phone's, address's or e-mail address's keyed hash (PiiCipher.matchHash, or sealMany's), at `offset` in `hashes`: its first 64 bits. */
  bytes(kind: 'phone' | 'address' | 'email', hashes: Buffer, offset: number): this {
    return this.#word(kind === 'phone' ? PHONE : kind === 'address' ? ADDRESS : EMAIL).#word(hashes.readUInt32BE(offset)).#word(hashes.readUInt32BE(offset + 4));
  }

  value(): number {
    return (finish(this.#a) >>> 0) * 0x20_0000 + (finish(this.#b) >>> 11);
  }

  // MurmurHash3's block step, in two lanes with their own seeds.
  #word(w: number): this {
    let k = Math.imul(w | 0, 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    let a = this.#a ^ k;
    a = (a << 13) | (a >>> 19);
    this.#a = (Math.imul(a, 5) + 0xe6546b64) | 0;
    let b = this.#b ^ k;
    b = (b << 17) | (b >>> 15);
    this.#b = (Math.imul(b, 9) + 0x38b34ae5) | 0;
    return this;
  }
}

/** MurmurHash3's finaliser: every bit of the state reaches every bit of the result. */
function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
