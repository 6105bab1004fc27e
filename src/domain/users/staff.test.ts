import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { normalizeDisplayName, normalizeUsername, parseStaffRole, passwordProblem, requiredScope, temporaryPassword } from './staff.ts';

const refusal = (f: () => unknown): AppError => {
  try { f(); } catch (error) { return error as AppError; }
  throw new Error('expected a refusal');
};

describe('staff accounts', () => {
  it('usernames are trimmed and lower-cased; anything else outside a-z 0-9 . _ - is refused in both languages', () => {
    expect(normalizeUsername('  Zhang.Wei ')).toBe('zhang.wei');
    const bad = refusal(() => normalizeUsername('张伟'));
    expect(bad).toMatchObject({ code: 'INVALID_INPUT', field: 'username' });
    expect(bad.messageZh).toContain('只能用 a-z、0-9');
    expect(() => normalizeUsername('a')).toThrow(/2-64 characters/);
    expect(() => normalizeUsername('x'.repeat(65))).toThrow(/2-64 characters/);
  });

  it('display names are trimmed to single spaces and must not be empty', () => {
    expect(normalizeDisplayName('  张  伟 ')).toBe('张 伟');
    expect(refusal(() => normalizeDisplayName('  '))).toMatchObject({ field: 'display_name' });
  });

  it('roles are the four the product has, each with what it needs', () => {
    expect(parseStaffRole('collector')).toBe('collector');
    expect(refusal(() => parseStaffRole('root'))).toMatchObject({ field: 'role' });
    expect([requiredScope('collector'), requiredScope('supervisor'), requiredScope('creditor_user'), requiredScope('admin')])
      .toEqual(['team', 'team', 'creditor', null]);
  });

  it('a new password is at least 10 characters, does not hold the username and is not the current one', () => {
    expect(passwordProblem('short', 'wei')?.zh).toBe('新密码至少需要 10 个字符');
    expect(passwordProblem('我的密码是十个字符呀', 'wei')).toBeNull(); // counted in characters, not bytes
    expect(passwordProblem('xxWEI-2026-spring', 'wei')?.en).toBe('The new password must not contain the username');
    expect(passwordProblem('correct horse battery', 'wei', 'correct horse battery')?.en).toBe('The new password must differ from the current one');
    expect(passwordProblem('correct horse battery', 'wei', 'another one entirely')).toBeNull();
  });

  it('a new password is not spaces alone, one character repeated, or a few in turn', () => {
    for (const weak of [' '.repeat(10), 'aaaaaaaaaaaa', '1212121212', 'abcdabcdabcd', 'a b c d a b c d']) {
      expect(passwordProblem(weak, 'wei'), JSON.stringify(weak)).toEqual({
        en: 'The new password needs at least 5 different characters besides spaces', zh: '新密码至少需要 5 个不同的字符（空格不算）' });
    }
    expect(passwordProblem('abcdeabcde', 'wei')).toBeNull();
  });

  it('temporary passwords are 16 characters without look-alikes, and acceptable passwords themselves', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
      const password = temporaryPassword(bytes);
      expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{16}$/);
      expect(passwordProblem(password, '0.1')).toBeNull(); // a username it cannot contain (the app draws again for one it does)
    }));
  });
});
