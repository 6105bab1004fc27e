import type { Queryable } from './pool.ts';
import type { Role } from '../app/context.ts';

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  team_id: number | null;
  creditor_id: number | null;
  locale: 'zh-CN' | 'en';
  active: boolean;
}

const COLUMNS = 'id, username, display_name, password_hash, role, team_id, creditor_id, locale, active';
/** The same columns of a users row aliased `u`. */
export const USER_COLUMNS_OF_U = COLUMNS.split(', ').map((c) => `u.${c}`).join(', ');

export async function findUserByUsername(db: Queryable, username: string): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE username = $1`, [username]);
  return rows[0];
}

export async function findUserById(db: Queryable, id: number): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
  return rows[0];
}

export async function setUserLocale(db: Queryable, id: number, locale: 'zh-CN' | 'en'): Promise<void> {
  await db.query('UPDATE users SET locale = $2 WHERE id = $1', [id, locale]);
}

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  teamId?: number | null;
  creditorId?: number | null;
}

export async function insertUser(db: Queryable, user: NewUser): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO users (username, display_name, password_hash, role, team_id, creditor_id)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [user.username, user.displayName, user.passwordHash, user.role, user.teamId ?? null, user.creditorId ?? null]);
  return rows[0]!.id;
}
