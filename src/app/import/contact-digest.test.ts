import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ContactDigest } from './contact-digest.ts';

/** A row's contacts as (kind, 32-byte keyed hash). */
type Contacts = Array<['phone' | 'address', Buffer]>;
const hash = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((a) => Buffer.from(a));
const contacts = fc.array(fc.tuple(fc.constantFrom('phone' as const, 'address' as const), hash), { maxLength: 4 });

/** As a known row is digested (each hash on its own) and as a new one is (the batch's hashes in one buffer). */
const oneByOne = (c: Contacts) => c.reduce((d, [kind, h]) => d.bytes(kind, h, 0), new ContactDigest().start()).value();
const fromBatch = (c: Contacts) => {
  const all = Buffer.concat([randomBytes(32), ...c.map(([, h]) => h)]);
  return c.reduce((d, [kind], i) => d.bytes(kind, all, 32 * (i + 1)), new ContactDigest().start()).value();
};

describe('ContactDigest', () => {
  it('is the same for the hashes one by one and at their offsets in a batch, and a safe integer', () => {
    fc.assert(fc.property(contacts, (c) => {
      const digest = oneByOne(c);
      expect(fromBatch(c)).toBe(digest);
      expect(Number.isSafeInteger(digest) && digest >= 0).toBe(true);
    }));
  });

  it('changes with any contact, its kind, or the order', () => {
    const [a, b] = [randomBytes(32), randomBytes(32)];
    const digests = [
      oneByOne([]), oneByOne([['phone', a]]), oneByOne([['address', a]]), oneByOne([['phone', a], ['phone', b]]),
      oneByOne([['phone', b], ['phone', a]]), oneByOne([['phone', a], ['address', b]]), oneByOne([['phone', a], ['phone', a]]),
    ];
    expect(new Set(digests).size).toBe(digests.length);
    fc.assert(fc.property(contacts, contacts, (x, y) => {
      const same = x.length === y.length && x.every(([k, h], i) => k === y[i]![0] && h.subarray(0, 8).equals(y[i]![1].subarray(0, 8)));
      expect(oneByOne(x) === oneByOne(y)).toBe(same);
    }));
  });

  it('starts afresh: a reused digester gives the same value for the same contacts', () => {
    const d = new ContactDigest();
    const h = randomBytes(32);
    const first = d.start().bytes('phone', h, 0).value();
    d.start().bytes('address', h, 0);
    expect(d.start().bytes('phone', h, 0).value()).toBe(first);
  });
});
