import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DebtorFilter } from './debtor-filter.ts';

const hashOf = (n: number) => createHmac('sha256', 'test key').update(String(n)).digest('hex');

describe('DebtorFilter', () => {
  it('never rules out a hash it was given (lower or upper case hex)', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.nat(), { maxLength: 300 }), (ns) => {
      const filter = new DebtorFilter(ns.length);
      for (const n of ns) filter.add(hashOf(n));
      for (const n of ns) {
        expect(filter.mayHave(hashOf(n))).toBe(true);
        expect(filter.mayHave(hashOf(n).toUpperCase())).toBe(true);
      }
    }));
  });

  it('rules out almost every hash it was not given, at its size (about 1 in 120 is a "maybe")', () => {
    const filter = new DebtorFilter(20_000);
    for (let n = 0; n < 20_000; n++) filter.add(hashOf(n));
    let maybes = 0;
    for (let n = 20_000; n < 40_000; n++) if (filter.mayHave(hashOf(n))) maybes++;
    expect(maybes).toBeLessThan(400);   // 2%; about 170 expected
  });

  it('one that knows nothing answers "maybe" for every hash', () => {
    const filter = DebtorFilter.everything();
    filter.add(hashOf(1));
    expect([hashOf(1), hashOf(2)].map((h) => filter.mayHave(h))).toEqual([true, true]);
    expect(new DebtorFilter(10).mayHave(hashOf(2))).toBe(false);
  });
});
