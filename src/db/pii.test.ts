import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PiiCipher } from './pii.ts';

describe('PiiCipher', () => {
  const cipher = new PiiCipher(randomBytes(32));

  it('round-trips, and never reuses a nonce (each value encrypts differently)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const stored = cipher.encrypt('42010219900307123X');
      expect(cipher.decrypt(stored)).toBe('42010219900307123X');
      seen.add(stored.subarray(0, 12).toString('hex'));
    }
    expect(seen.size).toBe(2000);
  });

  it('detects a tampered value, and a value under another key', () => {
    const stored = cipher.encrypt('13800138000');
    stored[stored.length - 1]! ^= 1;
    expect(() => cipher.decrypt(stored)).toThrow();
    expect(() => new PiiCipher(randomBytes(32)).decrypt(cipher.encrypt('x'))).toThrow();
  });

  it('keys the matching hash with HMAC-SHA-256 under the derived matching key (hashes already stored keep matching)', () => {
    const master = randomBytes(32);
    const macKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'leeway pii matching', 32));
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
