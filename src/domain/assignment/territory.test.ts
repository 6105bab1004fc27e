import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { parseRegionPrefix, resolveTerritory, TerritoryMap } from './territory.ts';

const territories = [
  { creditorId: 1, regionPrefix: '42', teamId: 100 },      // 湖北
  { creditorId: 1, regionPrefix: '4201', teamId: 101 },    // 武汉
  { creditorId: 1, regionPrefix: '420102', teamId: 102 },  // 江岸区
  { creditorId: 2, regionPrefix: '11', teamId: 200 },
];

describe('territory resolution: longest region-prefix match', () => {
  const map = new TerritoryMap(territories);
  it('prefers the county over the city over the province', () => {
    expect(map.teamFor(1, '420102')).toBe(102);
    expect(map.teamFor(1, '420103')).toBe(101);
    expect(map.teamFor(1, '420502')).toBe(100);
  });
  it('keeps creditors apart and leaves uncovered regions without a team', () => {
    expect(map.teamFor(2, '420102')).toBeNull();
    expect(map.teamFor(1, '110101')).toBeNull();
    expect(map.teamFor(2, '110101')).toBe(200);
    expect(map.teamFor(3, '110101')).toBeNull();
    expect(map.teamFor(1, null)).toBeNull();
    expect(map.teamFor(1, '4')).toBeNull();
  });
  it('resolves one-off the same way', () => {
    expect(resolveTerritory(territories, 1, '420199')).toBe(101);
  });
  it('accepts a province, city or county prefix (2, 4 or 6 digits), or a US state', () => {
    expect(parseRegionPrefix(' 4201 ')).toBe('4201');
    expect(parseRegionPrefix('420102')).toBe('420102');
    expect(parseRegionPrefix('us-ma')).toBe('US-MA');
    for (const bad of ['4', '420', '42010', '4201021', '42a1', '', 'US-XX', 'US', 'US-MAS']) expect(() => parseRegionPrefix(bad), bad).toThrow(AppError);
  });
  it('deals a US account by its state', () => {
    const map = new TerritoryMap([{ creditorId: 2, regionPrefix: 'US-MA', teamId: 7 }, { creditorId: 2, regionPrefix: 'US-ME', teamId: 8 }]);
    expect(map.teamFor(2, 'US-MA')).toBe(7);
    expect(map.teamFor(2, 'US-ME')).toBe(8);
    expect(map.teamFor(2, 'US-IL')).toBeNull();
  });
  it('deals by a creditor-wide territory (*) what no narrower one covers, accounts without a region too (a UK bank\'s)', () => {
    const map = new TerritoryMap([...territories, { creditorId: 1, regionPrefix: '*', teamId: 9 }, { creditorId: 4, regionPrefix: '*', teamId: 10 }]);
    expect(map.teamFor(1, '420102')).toBe(102);   // the narrower one still wins
    expect(map.teamFor(1, '110101')).toBe(9);
    expect(map.teamFor(1, null)).toBe(9);
    expect(map.teamFor(4, null)).toBe(10);
    expect(map.teamFor(2, null)).toBeNull();        // another creditor's catch-all is not this one's
    expect(parseRegionPrefix(' * ')).toBe('*');
  });
});
