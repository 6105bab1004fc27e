import { describe, expect, test } from 'vitest';
import { defaultBank, teamBanksFirst } from './team-banks.ts';

const banks = [
  { code: 'CHANGCHUAN', team_works: false },
  { code: 'HUAYU', team_works: false },
  { code: 'PRAIRIE', team_works: true },
];

describe('the bank a screen opens on', () => {
  test("the team's bank, not the first by code", () => {
    expect(defaultBank(banks)).toBe('PRAIRIE');
    expect(teamBanksFirst(banks).map((b) => b.code)).toEqual(['PRAIRIE', 'CHANGCHUAN', 'HUAYU']);
  });

  test('the first bank for a user whose team works none (an admin), and nothing without banks', () => {
    const none = banks.map((b) => ({ ...b, team_works: false }));
    expect(defaultBank(none)).toBe('CHANGCHUAN');
    expect(teamBanksFirst(none).map((b) => b.code)).toEqual(['CHANGCHUAN', 'HUAYU', 'PRAIRIE']);
    expect(defaultBank([])).toBeUndefined();
  });
});
