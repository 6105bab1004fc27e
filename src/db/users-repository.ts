import type { Queryable } from './pool.ts';
import { OPEN_ACCOUNT } from './strategy-repository.ts';
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
  /** Set by an admin (new account, reset) and not yet changed by its user. */
  password_temporary: boolean;
}

const COLUMNS = 'id, username, display_name, password_hash, role, team_id, creditor_id, locale, active, password_temporary';
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

/** How people know the actor: a user's display name, else the login (the command line's `cli`). */
export async function nameOfActor(db: Queryable, actor: { userId: number | null; username: string }): Promise<string> {
  if (actor.userId === null) return actor.username;
  const { rows } = await db.query<{ display_name: string }>('SELECT display_name FROM users WHERE id = $1', [actor.userId]);
  return rows[0]?.display_name ?? actor.username;
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
  /** An admin's temporary password, to be changed by its user. */
  temporary?: boolean;
}

export async function insertUser(db: Queryable, user: NewUser): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO users (username, display_name, password_hash, role, team_id, creditor_id, password_temporary)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [user.username, user.displayName, user.passwordHash, user.role, user.teamId ?? null, user.creditorId ?? null, user.temporary ?? false]);
  return rows[0]!.id;
}

/** A staff account as the Users screen lists it: with its team or bank, and the open accounts it holds. */
export interface StaffListRow {
  id: number; username: string; display_name: string; role: Role; team_id: number | null; team_name: string | null;
  creditor_id: number | null; creditor_code: string | null; active: boolean; created_at: Date; accounts: number;
  /** The last successful sign-in, or null when they never signed in. */
  last_sign_in_at: Date | null;
}

export async function listStaff(db: Queryable, id?: number): Promise<StaffListRow[]> {
  const { rows } = await db.query<StaffListRow>(
    `SELECT u.id, u.username, u.display_name, u.role, u.team_id, t.name AS team_name, u.creditor_id, c.code AS creditor_code, u.active,
            u.created_at, coalesce(held.accounts, 0)::int AS accounts,
            (SELECT max(la.at) FROM login_attempts la WHERE la.username = u.username AND la.succeeded) AS last_sign_in_at
       FROM users u
       LEFT JOIN teams t ON t.id = u.team_id
       LEFT JOIN creditors c ON c.id = u.creditor_id
       LEFT JOIN LATERAL (
         SELECT count(*) AS accounts FROM assignments s JOIN accounts a ON a.creditor_id = s.creditor_id AND a.id = s.account_id
          WHERE s.collector_id = u.id AND s.ended_at IS NULL AND ${OPEN_ACCOUNT}) held ON true
      WHERE $1::bigint IS NULL OR u.id = $1
      -- Within a role, by name with a trailing number read as a number: collector2 before collector10.
      ORDER BY array_position(ARRAY['admin', 'supervisor', 'collector', 'creditor_user'], u.role),
               regexp_replace(u.username, '[0-9]+$', ''), substring(u.username FROM '[0-9]+$')::numeric NULLS FIRST, u.username`, [id ?? null]);
  return rows;
}

/** A new password: an admin's temporary one, or the user's own. */
export async function setPasswordHash(db: Queryable, id: number, passwordHash: string, temporary: boolean): Promise<void> {
  await db.query('UPDATE users SET password_hash = $2, password_temporary = $3 WHERE id = $1', [id, passwordHash, temporary]);
}

/** Sets a user's active flag; false when it already was so (nothing changed). */
export async function setUserActive(db: Queryable, id: number, active: boolean): Promise<boolean> {
  const { rowCount } = await db.query('UPDATE users SET active = $2 WHERE id = $1 AND active <> $2', [id, active]);
  return rowCount === 1;
}

export interface TeamRow { id: number; name: string; members: number; supervisors: number }

export async function listTeams(db: Queryable): Promise<TeamRow[]> {
  const { rows } = await db.query<TeamRow>(
    `SELECT t.id, t.name, count(u.id) FILTER (WHERE u.active)::int AS members,
            count(u.id) FILTER (WHERE u.active AND u.role = 'supervisor')::int AS supervisors
       FROM teams t LEFT JOIN users u ON u.team_id = t.id GROUP BY t.id ORDER BY t.name`);
  return rows;
}

/** A new team's id, or null when the name is taken. */
export async function insertTeam(db: Queryable, name: string): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>('INSERT INTO teams (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING id', [name]);
  return rows[0]?.id ?? null;
}

/** Sets a user's name, role and scope (team or bank). */
export async function updateStaff(db: Queryable, id: number, u: { displayName: string; role: Role; teamId: number | null; creditorId: number | null }): Promise<void> {
  await db.query('UPDATE users SET display_name = $2, role = $3, team_id = $4, creditor_id = $5 WHERE id = $1', [id, u.displayName, u.role, u.teamId, u.creditorId]);
}
