import { describe, expect, it } from 'vitest';
import { rollColumns } from './api.ts';

describe('a roll-rate table\'s columns', () => {
  it('follow the states\' own order (buckets, then paid off, then left), not the order the rows first name them', () => {
    expect(rollColumns(['M2', 'M1', 'paid', 'M4', 'M5', 'out', 'M0', 'M1'])).toEqual(['M0', 'M1', 'M2', 'M4', 'M5', 'paid', 'out']);
    expect(rollColumns([])).toEqual([]);
  });
});
