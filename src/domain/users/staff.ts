/**
 * The agency's staff accounts (用户): who may be created, and what makes a password acceptable.
 * Pure rules; the use cases (src/app/users) apply them and the database's own checks agree.
 */
import { invalidInput, type Bilingual } from '../errors.ts';

export type StaffRole = 'admin' | 'supervisor' | 'collector' | 'creditor_user';
export const STAFF_ROLES: readonly StaffRole[] = ['admin', 'supervisor', 'collector', 'creditor_user'];

/** As the users table's check says: 2-64 of a-z, 0-9, '.', '_' and '-'. */
const USERNAME = /^[a-z0-9._-]{2,64}$/;
export const PASSWORD_MIN_LENGTH = 10;

/** A new user's sign-in name: trimmed and lower-cased, or refused saying what is allowed. */
export function normalizeUsername(text: string): string {
  const username = text.trim().toLowerCase();
  if (!USERNAME.test(username)) {
    throw invalidInput({
      en: `Username "${text}" must be 2-64 characters of a-z, 0-9, ".", "_" or "-" (e.g. zhang.wei)`,
      zh: `用户名“${text}”须为 2-64 个字符，只能用 a-z、0-9、“.”、“_”或“-”（如 zhang.wei）`,
    }, 'username');
  }
  return username;
}

export function normalizeDisplayName(text: string): string {
  const name = text.trim().replace(/\s+/g, ' ');
  if (name === '' || name.length > 100) {
    throw invalidInput({ en: 'The display name must be 1-100 characters', zh: '姓名须为 1-100 个字符' }, 'display_name');
  }
  return name;
}

export function parseStaffRole(text: string): StaffRole {
  if (!(STAFF_ROLES as readonly string[]).includes(text)) {
    throw invalidInput({ en: `Role "${text}" must be one of ${STAFF_ROLES.join(', ')}`, zh: `角色“${text}”须为 ${STAFF_ROLES.join('、')} 之一` }, 'role');
  }
  return text as StaffRole;
}

/** What a role needs beside it: collectors and supervisors a team, a bank's users their bank. */
export function requiredScope(role: StaffRole): 'team' | 'creditor' | null {
  return role === 'collector' || role === 'supervisor' ? 'team' : role === 'creditor_user' ? 'creditor' : null;
}

/** Different characters a password needs, spaces not counted. */
export const PASSWORD_MIN_DISTINCT = 5;

/** Why a new password is not acceptable, or null: long enough, of enough different characters, and neither the username nor the one it replaces. */
export function passwordProblem(password: string, username: string, current?: string): Bilingual | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    return { en: `The new password must be at least ${PASSWORD_MIN_LENGTH} characters`, zh: `新密码至少需要 ${PASSWORD_MIN_LENGTH} 个字符` };
  }
  // Spaces alone, one key held down, two in turn (1212121212): long enough and guessed first.
  if (new Set([...password].filter((c) => c.trim() !== '')).size < PASSWORD_MIN_DISTINCT) {
    return { en: `The new password needs at least ${PASSWORD_MIN_DISTINCT} different characters besides spaces`, zh: `新密码至少需要 ${PASSWORD_MIN_DISTINCT} 个不同的字符（空格不算）` };
  }
  if (password.toLowerCase().includes(username.toLowerCase())) {
    return { en: 'The new password must not contain the username', zh: '新密码不能包含用户名' };
  }
  if (current !== undefined && password === current) {
    return { en: 'The new password must differ from the current one', zh: '新密码不能与当前密码相同' };
  }
  return null;
}

/**
 * A temporary password for a new or reset account: 16 characters from an alphabet without
 * look-alikes (no 0/O, 1/l/I), about 90 bits from `random` (crypto.randomBytes in the app).
 */
export function temporaryPassword(random: Uint8Array): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  if (random.length < 16) throw new Error('temporaryPassword needs 16 random bytes');
  let out = '';
  for (let i = 0; i < 16; i++) out += alphabet[random[i]! % alphabet.length];
  return out;
}
