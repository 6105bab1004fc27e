import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ContactDigest } from './contact-digest.ts';

/** A row's contacts as (kind, 32-byte keyed hash). */
type Contacts = Array<['phone' | 'address', Buffer]>;
const hash = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((a) => Buffer.from(a));
const contacts = fc.array(fc.tuple(fc.constantFrom('phone' as const, 'address' as const), hash), { maxLength: 4 });

const fromHex = (c: Contacts) => c.reduce((d, [kind, h]) => d.hex(kind, h.toString('hex')), new ContactDigest().start()).value();
const fromBytes = (c: Contacts) => {
  const all = Buffer.concat(c.map(([, h]) => h));
  return c.reduce((d, [kind], i) => d.bytes(kind, all, 32 * i), new ContactDigest().start()).value();
};

describe('ContactDigest', () => {
  it('is the same from the hex of a known row and from the hash buffer of a new one, and a safe integer', () => {
    fc.assert(fc.property(contacts, (c) => {
      const digest = fromHex(c);
      expect(fromBytes(c)).toBe(digest);
      expect(Number.isSafeInteger(digest) && digest >= 0).toBe(true);
    }));
  });

  it('changes with any contact, its kind, or the order', () => {
    const [a, b] = [randomBytes(32), randomBytes(32)];
    const digests = [
      fromHex([]), fromHex([['phone', a]]), fromHex([['address', a]]), fromHex([['phone', a], ['phone', b]]),
      fromHex([['phone', b], ['phone', a]]), fromHex([['phone', a], ['address', b]]), fromHex([['phone', a], ['phone', a]]),
    ];
    expect(new Set(digests).size).toBe(digests.length);
    fc.assert(fc.property(contacts, contacts, (x, y) => {
      const same = x.length === y.length && x.every(([k, h], i) => k === y[i]![0] && h.subarray(0, 8).equals(y[i]![1].subarray(0, 8)));
      expect(fromHex(x) === fromHex(y)).toBe(same);
    }));
  });

  it('starts afresh: a reused digester gives the same value for the same contacts', () => {
    const d = new ContactDigest();
    const h = randomBytes(32).toString('hex');
    const first = d.start().hex('phone', h).value();
    d.start().hex('address', h);
    expect(d.start().hex('phone', h).value()).toBe(first);
  });
});
