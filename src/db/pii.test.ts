import { randomBytes } from 'node:crypto';
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

  it('matches the same value after normalising, and not a different one', () => {
    expect(cipher.matchHash(' 42010219900307123x ')).toEqual(cipher.matchHash('42010219900307123X'));
    expect(cipher.matchHash('420102199003071234')).not.toEqual(cipher.matchHash('42010219900307123X'));
  });
});
