import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PiiCipher, writeCounterBlocks } from './pii.ts';

const derive = (master: Buffer, info: string): Buffer => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));

/** A value in the legacy format, sealed the old way: AES-256-GCM, nonce(12) | tag(16) | ciphertext. */
function legacySeal(master: Buffer, plain: string, nonce = randomBytes(12)): Buffer {
  const cipher = createCipheriv('aes-256-gcm', derive(master, 'leeway pii encryption'), nonce);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), body]);
}

describe('PiiCipher', () => {
  const master = randomBytes(32);
  const cipher = new PiiCipher(master);
  const sivKey = derive(master, 'leeway pii siv encryption');
  const macKey = derive(master, 'leeway pii matching');
  const hmac = (text: string): Buffer => createHmac('sha256', macKey).update(text, 'utf8').digest();

  // Whole code points (no lone surrogate halves, which UTF-8 cannot carry), empty to long.
  const unicode = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: 'binary', minLength: 301, maxLength: 600 }),
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc.constantFrom('', ' ', '42010219900307123X', '13800138000', '广东省广州市天河区体育西路1号'),
  );

  it('round-trips, single and in bulk, and sealMany gives exactly what encrypt and matchHash (and matchHashInto) give', () => {
    fc.assert(fc.property(fc.array(unicode, { maxLength: 30 }), (values) => {
      const batch = cipher.sealMany(values);
      expect(batch.length).toBe(values.length);
      values.forEach((v, i) => {
        const stored = cipher.encrypt(v);
        expect(stored[0]).toBe(0x53);
        expect(stored.length).toBe(17 + Buffer.byteLength(v));
        expect(cipher.decrypt(stored)).toBe(v);
        expect(cipher.decrypt(batch.stored(i))).toBe(v);
        expect(batch.stored(i)).toEqual(stored);
        expect(batch.storedHex(i)).toBe(stored.toString('hex'));
        expect(batch.hash(i)).toEqual(cipher.matchHash(v));
        expect(batch.hashHex(i)).toBe(cipher.matchHash(v).toString('hex'));
        const into = Buffer.alloc(40);
        cipher.matchHashInto(v, into, 8);
        expect(into.subarray(8)).toEqual(batch.hash(i));
      });
    }), { numRuns: 300 });
  }, 30_000); // 300 batches of real crypto: a few seconds here, more on a loaded machine

  it('macInto is the HMAC of the text exactly as given, however long', () => {
    fc.assert(fc.property(unicode, (text) => {
      const into = Buffer.alloc(40);
      cipher.macInto(text, into, 8);
      expect(into.subarray(8)).toEqual(hmac(text));
    }), { numRuns: 300 });
    const into = Buffer.alloc(32);
    cipher.macInto(' Ab ', into, 0);
    expect(into).not.toEqual(cipher.matchHash(' Ab '));   // not normalised, unlike matchHash
  });

  it('macJoinedInto is the HMAC of the prefix and the parts joined with NUL, for any text (lone surrogate halves too)', () => {
    fc.assert(fc.property(unicode, fc.array(fc.oneof(unicode, fc.string({ unit: 'binary' }), fc.constant('')), { maxLength: 30 }), fc.nat(),
      (prefix, parts, cut) => {
        const count = parts.length === 0 ? 0 : cut % (parts.length + 1);
        const into = Buffer.alloc(40);
        cipher.macJoinedInto(prefix, parts, count, into, 8);
        expect(into.subarray(8)).toEqual(hmac(prefix + parts.slice(0, count).join('\0')));
      }), { numRuns: 300 });
  });

  it('is deterministic: equal values give equal ciphertexts, different values different ones', () => {
    const seen = new Map<string, string>();
    for (let i = 0; i < 2000; i++) {
      const value = `4201021990030${String(i % 1000).padStart(4, '0')}X`;
      const hex = cipher.encrypt(value).toString('hex');
      const before = seen.get(value);
      if (before === undefined) seen.set(value, hex);
      else expect(hex).toBe(before);
    }
    expect(new Set(seen.values()).size).toBe(1000);
    expect(cipher.encrypt('abc')).not.toEqual(cipher.encrypt('ABC'));
  });

  it('seals a batch of 20,000 values of mixed lengths, with a 128-bit counter', () => {
    const values = Array.from({ length: 20_000 }, (_, i) =>
      i % 3 === 0 ? `4201021990${String(i).padStart(8, '0')}` : i % 3 === 1 ? `138${String(i).padStart(8, '0')}` : '湖北省武汉市江岸区'.repeat(1 + (i % 5)) + String(i));
    const batch = cipher.sealMany(values);
    expect(batch.length).toBe(20_000);
    for (let i = 0; i < values.length; i += 97) {
      expect(batch.stored(i)).toEqual(cipher.encrypt(values[i]!));
      expect(batch.hash(i)).toEqual(cipher.matchHash(values[i]!));
      // The bulk keystream is Node's own AES-256-CTR under the SIV key, with the IV as first counter block.
      const stored = batch.stored(i);
      const ctr = createDecipheriv('aes-256-ctr', sivKey, stored.subarray(1, 17));
      expect(ctr.update(stored.subarray(17)).toString('utf8')).toBe(values[i]);
    }
    expect(cipher.sealMany([]).length).toBe(0);
    expect(cipher.sealMany(['']).stored(0)).toEqual(cipher.encrypt(''));
  });

  it('carries the counter across bytes as OpenSSL does (IVs ending in 0xff)', () => {
    // The counter-block builder against Node's AES-256-CTR keystream, with forced IVs.
    const ivs = [Buffer.alloc(16, 0xff), Buffer.from('00112233445566778899aabbccffffff', 'hex'), Buffer.from('000000000000000000000000000000fe', 'hex'),
      Buffer.from('0000000000000000ffffffffffffffff', 'hex'), randomBytes(16)];
    for (const iv of ivs) {
      const blocks = Buffer.alloc(16 * 5);
      writeCounterBlocks(blocks, 0, iv, 0, 5);
      const ecb = createCipheriv('aes-256-ecb', sivKey, null).setAutoPadding(false);
      const fromBlocks = Buffer.concat([ecb.update(blocks), ecb.final()]);
      const ctr = createCipheriv('aes-256-ctr', sivKey, iv);
      expect(fromBlocks).toEqual(Buffer.concat([ctr.update(Buffer.alloc(16 * 5)), ctr.final()]));
    }
    const wrapped = Buffer.alloc(32);
    writeCounterBlocks(wrapped, 0, Buffer.alloc(16, 0xff), 0, 2);
    expect(wrapped.subarray(16)).toEqual(Buffer.alloc(16));

    // End to end: a value whose IV ends in 0xff, a few blocks long, sealed in bulk with others.
    let value = '';
    for (let i = 0; ; i++) {
      value = `广东省广州市天河区体育西路${i}号`.repeat(3);
      if (hmac(value)[15] === 0xff) break;
    }
    const batch = cipher.sealMany(['13800138000', value, 'x']);
    const stored = batch.stored(1);
    expect(stored[16]).toBe(0xff);
    expect(createDecipheriv('aes-256-ctr', sivKey, stored.subarray(1, 17)).update(stored.subarray(17)).toString('utf8')).toBe(value);
    expect(cipher.decrypt(stored)).toBe(value);
    expect(stored).toEqual(cipher.encrypt(value));
  });

  it('takes the IV from the HMAC of the exact value: the matching hash itself when the value is normalised', () => {
    for (const value of ['42010219900307123X', '13800138000', '广东省广州市天河区体育西路1号', 'ABC']) {
      expect(cipher.encrypt(value).subarray(1, 17)).toEqual(cipher.matchHash(value).subarray(0, 16));
    }
    for (const value of ['abc', ' 42010219900307123X', '42010219900307123x']) {
      expect(cipher.encrypt(value).subarray(1, 17)).toEqual(hmac(value).subarray(0, 16));
      expect(cipher.encrypt(value).subarray(1, 17)).not.toEqual(cipher.matchHash(value).subarray(0, 16));
    }
    expect(cipher.encrypt('abc').subarray(1, 17)).not.toEqual(cipher.encrypt('ABC').subarray(1, 17));
    expect(cipher.matchHash('abc')).toEqual(cipher.matchHash('ABC'));
  });

  it('still reads values in the legacy GCM format, including nonces starting with 0x53', () => {
    for (const value of ['42010219900307123X', '', '湖北省武汉市江岸区'.repeat(40)]) {
      expect(cipher.decrypt(legacySeal(master, value))).toBe(value);
      const nonce = randomBytes(12);
      nonce[0] = 0x53;
      const stored = legacySeal(master, value, nonce);
      expect(stored[0]).toBe(0x53);
      expect(cipher.decrypt(stored)).toBe(value);
    }
    const tampered = legacySeal(master, '13800138000');
    tampered[tampered.length - 1]! ^= 1;
    expect(() => cipher.decrypt(tampered)).toThrow();
  });

  it('detects any flipped bit in a stored value, and a value under another key', () => {
    for (const value of ['', '13800138000', '广东省广州市天河区体育西路1号']) {
      const stored = cipher.encrypt(value);
      for (let bit = 0; bit < stored.length * 8; bit++) {
        const bad = Buffer.from(stored);
        bad[bit >>> 3]! ^= 1 << (bit & 7);
        expect(() => cipher.decrypt(bad)).toThrow();
      }
    }
    const other = new PiiCipher(randomBytes(32));
    expect(() => other.decrypt(cipher.encrypt('x'))).toThrow();
    expect(() => other.decrypt(cipher.sealMany(['42010219900307123X']).stored(0))).toThrow();
    expect(() => other.decrypt(legacySeal(master, 'x'))).toThrow();
    expect(() => cipher.decrypt(Buffer.alloc(0))).toThrow();
  });

  it('keys the matching hash with HMAC-SHA-256 under the derived matching key (hashes already stored keep matching)', () => {
    const master = randomBytes(32);
    const macKey = derive(master, 'leeway pii matching');
    const mine = new PiiCipher(master);
    const long = '湖北省武汉市江岸区'.repeat(40); // longer than the cipher's first buffer
    for (const value of ['42010219900307123x', '13800138000', '', long, '广东省广州市天河区体育西路1号', 'ＡＢＣ 𠀋', '13800138000']) {
      const expected = createHmac('sha256', macKey).update(value.trim().toUpperCase(), 'utf8').digest();
      expect(mine.matchHash(value)).toEqual(expected);
    }
  });

  it('matches the same value after normalising, and not a different one', () => {
    expect(cipher.matchHash(' 42010219900307123x ')).toEqual(cipher.matchHash('42010219900307123X'));
    expect(cipher.matchHash('420102199003071234')).not.toEqual(cipher.matchHash('42010219900307123X'));
  });
});
