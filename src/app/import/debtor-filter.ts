/**
 * Which ID numbers may already be a debtor's: a Bloom filter over the keyed hashes (hex) of every
 * debtor's ID number, loaded when a placement import starts and told of each debtor it adds. A
 * hash it has never been given answers "no" for certain, so that row's debtor is new without
 * asking the database (looking up a million new debtors one index probe each was a tenth of the
 * database's work in a million-row import); "maybe" (about 1 in 120 for a hash it was not given)
 * is asked as before. The hashes are HMAC output, uniformly random, so their own hex digits give
 * the filter's bit positions: nothing is hashed again.
 */
export class DebtorFilter {
  /** A filter that knows nothing: every hash may be a debtor's (each is looked up, as without one). */
  static everything(): DebtorFilter {
    return new DebtorFilter(0, false);
  }

  readonly #bits: Uint32Array;
  readonly #mask: number;
  readonly #complete: boolean;

  /** A filter sized for about `expected` hashes (10 bits each, 7 probes), empty. */
  constructor(expected: number, complete = true) {
    let size = 1 << 16;
    while (size < expected * 10 && size < 1 << 30) size *= 2;
    this.#complete = complete;
    this.#bits = new Uint32Array(complete ? size / 32 : 1);
    this.#mask = size - 1;
  }

  add(hex: string): void {
    if (!this.#complete) return;
    for (let i = 0; i < PROBES; i++) {
      const bit = hexWord(hex, 8 * i) & this.#mask;
      this.#bits[bit >>> 5]! |= 1 << (bit & 31);
    }
  }

  /** False: no debtor has this hash (certain). True: one may. */
  mayHave(hex: string): boolean {
    if (!this.#complete) return true;
    for (let i = 0; i < PROBES; i++) {
      const bit = hexWord(hex, 8 * i) & this.#mask;
      if ((this.#bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

const PROBES = 7;

/** The 32-bit number the 8 hex digits from `at` write (lower or upper case), read without making a string. */
function hexWord(hex: string, at: number): number {
  let value = 0;
  for (let i = at; i < at + 8; i++) {
    const c = hex.charCodeAt(i);
    value = (value << 4) | (c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x57);
  }
  return value >>> 0;
}
