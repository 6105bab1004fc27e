import type { Queryable } from './pool.ts';
import { USER_COLUMNS_OF_U, type UserRow } from './users-repository.ts';

export async function insertSession(db: Queryable, tokenHash: Buffer, userId: number, now: Date, expiresAt: Date): Promise<void> {
  await db.query('INSERT INTO sessions (token_hash, user_id, last_seen_at, expires_at) VALUES ($1, $2, $3, $4)', [tokenHash, userId, now, expiresAt]);
}

/** A session's expiry slides forward at most this often: a request within it writes nothing. */
export const SESSION_TOUCH_MS = 60_000;

/**
 * The live session's user (one statement, named: every API request runs it), sliding the
 * session's expiry forward when it was last moved more than SESSION_TOUCH_MS ago; undefined
 * when the session is unknown or expired.
 */
export async function touchSession(db: Queryable, tokenHash: Buffer, now: Date, expiresAt: Date): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>({
    name: 'session-touch',
    text: `WITH live AS (SELECT token_hash, user_id, last_seen_at FROM sessions WHERE token_hash = $1 AND expires_at > $2),
                slide AS (UPDATE sessions s SET last_seen_at = $2, expires_at = $3 FROM live
                           WHERE s.token_hash = live.token_hash AND (live.last_seen_at IS NULL OR live.last_seen_at <= $4) RETURNING 1)
           SELECT ${USER_COLUMNS_OF_U} FROM live JOIN users u ON u.id = live.user_id`,
    values: [tokenHash, now, expiresAt, new Date(now.getTime() - SESSION_TOUCH_MS)],
  });
  return rows[0];
}

export async function deleteSession(db: Queryable, tokenHash: Buffer): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}

export async function deleteUserSessions(db: Queryable, userId: number): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
}

export async function recordLoginAttempt(db: Queryable, username: string, ip: string, succeeded: boolean, at: Date): Promise<void> {
  await db.query('INSERT INTO login_attempts (username, ip, succeeded, at) VALUES ($1, $2, $3, $4)', [username, ip, succeeded, at]);
}

/** Failed attempts since `since`, for this username and for this address, and the oldest of them. */
export async function recentFailures(db: Queryable, username: string, ip: string, since: Date):
  Promise<{ byUser: number; byIp: number; oldestUser: Date | null; oldestIp: Date | null }> {
  const { rows } = await db.query(
    `SELECT count(*) FILTER (WHERE username = $1)::int AS by_user, count(*) FILTER (WHERE ip = $2)::int AS by_ip,
            min(at) FILTER (WHERE username = $1) AS oldest_user, min(at) FILTER (WHERE ip = $2) AS oldest_ip
       FROM login_attempts WHERE NOT succeeded AND at > $3 AND (username = $1 OR ip = $2)`, [username, ip, since]);
  const r = rows[0];
  return { byUser: r.by_user, byIp: r.by_ip, oldestUser: r.oldest_user, oldestIp: r.oldest_ip };
}

/** Ends a user's sessions but one (the one that asked, by its token hash; none when null). */
export async function deleteOtherSessions(db: Queryable, userId: number, keepTokenHash: Buffer | null): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $1 AND ($2::bytea IS NULL OR token_hash <> $2)', [userId, keepTokenHash]);
}
