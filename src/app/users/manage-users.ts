/**
 * Staff accounts (用户管理), kept by the agency's admins: add a user with a temporary password
 * (shown once), reset a forgotten one, stop and restart someone's access, and the teams they
 * belong to. Every change is audited; a reset or a stop ends the user's sessions at once.
 */
import { randomBytes } from 'node:crypto';
import { appendAudit } from '../../db/audit-repository.ts';
import { findCreditorByCode } from '../../db/creditors-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { deleteUserSessions } from '../../db/sessions-repository.ts';
import {
  findUserById, insertTeam, insertUser, listStaff, listTeams as listTeamRows, setPasswordHash, setUserActive, updateStaff,
  type StaffListRow, type TeamRow,
} from '../../db/users-repository.ts';
import { findTeamByRef } from '../../db/assignment-repository.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import {
  normalizeDisplayName, normalizeUsername, parseStaffRole, passwordProblem, requiredScope, temporaryPassword,
} from '../../domain/users/staff.ts';
import { hashPassword } from '../auth/passwords.ts';
import { authorize, roleZh } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';

export interface StaffUser extends Omit<StaffListRow, 'created_at' | 'last_sign_in_at'> { created_at: string; last_sign_in_at: string | null }

function toUser(row: StaffListRow): StaffUser {
  return { ...row, created_at: row.created_at.toISOString(), last_sign_in_at: row.last_sign_in_at?.toISOString() ?? null };
}

/** A password for `username` to sign in with once: random, and acceptable under the password rules. */
function temporaryPasswordFor(username: string): string {
  for (;;) {
    const password = temporaryPassword(randomBytes(16));
    if (passwordProblem(password, username) === null) return password;
  }
}

async function staffUser(db: Parameters<typeof listStaff>[0], id: number): Promise<StaffUser> {
  const [row] = await listStaff(db, id);
  if (!row) throw new AppError('NOT_FOUND', { en: `User ${id} does not exist`, zh: `用户 ${id} 不存在` });
  return toUser(row);
}

export async function listUsers(ctx: AppContext, actor: Actor): Promise<StaffUser[]> {
  authorize(actor, 'users.manage');
  return (await listStaff(ctx.pool)).map(toUser);
}

export interface NewStaffInput { username: string; displayName: string; role: string; team?: string | number | undefined; creditorCode?: string | undefined }

export async function addUser(ctx: AppContext, actor: Actor, input: NewStaffInput): Promise<{ user: StaffUser; temporary_password: string }> {
  authorize(actor, 'users.manage');
  const username = normalizeUsername(input.username);
  const displayName = normalizeDisplayName(input.displayName);
  const role = parseStaffRole(input.role);
  const scope = requiredScope(role);
  const password = temporaryPasswordFor(username);
  const passwordHash = await hashPassword(password);
  return inTransaction(ctx.pool, async (client) => {
    let teamId: number | null = null;
    let creditorId: number | null = null;
    if (scope === 'team') {
      if (input.team === undefined || input.team === '') {
        throw invalidInput({ en: `A ${role} belongs to a team: choose one`, zh: `${roleZh(role)}须属于一个小组，请选择小组` }, 'team_id');
      }
      const team = await findTeamByRef(client, input.team);
      if (!team) throw invalidInput({ en: `No team "${input.team}"`, zh: `没有小组“${input.team}”` }, 'team_id');
      teamId = team.id;
    } else if (scope === 'creditor') {
      const code = (input.creditorCode ?? '').trim().toUpperCase();
      if (code === '') throw invalidInput({ en: "A creditor's user belongs to a bank: choose one", zh: '委托方用户须属于一家委托方，请选择' }, 'creditor_code');
      const creditor = await findCreditorByCode(client, code);
      if (!creditor) throw invalidInput({ en: `No creditor "${code}"`, zh: `没有委托方“${code}”` }, 'creditor_code');
      creditorId = creditor.id;
    }
    // The table's unique key decides whether the name is taken (also when two admins add it at once).
    const id = await insertUser(client, { username, displayName, passwordHash, role, teamId, creditorId, temporary: true })
      .catch((error: unknown) => {
        if ((error as { code?: string }).code !== '23505') throw error;
        throw new AppError('CONFLICT', { en: `The username ${username} is taken: choose another`, zh: `用户名 ${username} 已被使用，请换一个` },
          { field: 'username' });
      });
    await appendAudit(client, actor, { action: 'user.add', entity: 'user', entityId: id, creditorId,
      detail: { username, display_name: displayName, role, team_id: teamId, creditor_id: creditorId } });
    return { user: await staffUser(client, id), temporary_password: password };
  });
}

export interface UserChange { displayName?: string | undefined; role?: string | undefined; team?: string | number | null | undefined; creditorCode?: string | null | undefined }

/**
 * Changes a user's name, role, team or bank: a collector moving to another team, promoted to team
 * lead, a bank user moving banks. Their accounts go with the person, so a collector or team lead
 * who still holds accounts keeps role and team until they are moved (分案 or 离职转单 to a colleague).
 * A change of role or scope ends their sessions (what they may see changed); an admin does not
 * change their own role. Audited with what changed.
 */
export async function updateUser(ctx: AppContext, actor: Actor, userId: number, input: UserChange): Promise<{ user: StaffUser }> {
  authorize(actor, 'users.manage');
  return inTransaction(ctx.pool, async (client) => {
    const [row] = await listStaff(client, userId);
    if (!row) throw new AppError('NOT_FOUND', { en: `User ${userId} does not exist`, zh: `用户 ${userId} 不存在` });
    const displayName = input.displayName === undefined ? row.display_name : normalizeDisplayName(input.displayName);
    const role = input.role === undefined ? row.role : parseStaffRole(input.role);
    const scope = requiredScope(role);
    let teamId: number | null = null;
    let creditorId: number | null = null;
    if (scope === 'team') {
      const ref = input.team === undefined ? row.team_id : input.team;
      if (ref === null || ref === '') throw invalidInput({ en: `A ${role} belongs to a team: choose one`, zh: `${roleZh(role)}须属于一个小组，请选择小组` }, 'team_id');
      const team = await findTeamByRef(client, ref);
      if (!team) throw invalidInput({ en: `No team "${ref}"`, zh: `没有小组“${ref}”` }, 'team_id');
      teamId = team.id;
    } else if (scope === 'creditor') {
      const code = (input.creditorCode ?? '').trim().toUpperCase();
      if (code === '' && row.creditor_id !== null && input.creditorCode === undefined) creditorId = row.creditor_id;
      else {
        if (code === '') throw invalidInput({ en: "A creditor's user belongs to a bank: choose one", zh: '委托方用户须属于一家委托方，请选择' }, 'creditor_code');
        const creditor = await findCreditorByCode(client, code);
        if (!creditor) throw invalidInput({ en: `No creditor "${code}"`, zh: `没有委托方“${code}”` }, 'creditor_code');
        creditorId = creditor.id;
      }
    }
    const changed = { role: role !== row.role, team: teamId !== row.team_id, creditor: creditorId !== row.creditor_id, name: displayName !== row.display_name };
    if (!changed.role && !changed.team && !changed.creditor && !changed.name) return { user: toUser(row) };
    if ((changed.role || changed.team) && row.accounts > 0) {
      throw new AppError('CONFLICT', {
        en: `${row.username} still holds ${row.accounts} open accounts: move them to a colleague first (Assignment, or the Offboarding screen), then change their ${changed.role ? 'role' : 'team'}`,
        zh: `${row.username} 名下还有 ${row.accounts} 个未结案件：请先转给同事（分案调整或离职转单），再修改其${changed.role ? '角色' : '小组'}`,
      }, { field: changed.role ? 'role' : 'team_id', details: { accounts: row.accounts } });
    }
    if (changed.role && userId === actor.userId) {
      throw new AppError('CONFLICT', { en: 'You cannot change your own role; ask another admin', zh: '不能修改自己的角色，请由其他管理员操作' }, { field: 'role' });
    }
    await updateStaff(client, userId, { displayName, role, teamId, creditorId });
    if (changed.role || changed.team || changed.creditor) await deleteUserSessions(client, userId);
    await appendAudit(client, actor, { action: 'user.update', entity: 'user', entityId: userId, creditorId: creditorId ?? row.creditor_id,
      detail: { username: row.username, from: { display_name: row.display_name, role: row.role, team_id: row.team_id, creditor_id: row.creditor_id },
        to: { display_name: displayName, role, team_id: teamId, creditor_id: creditorId } } });
    return { user: await staffUser(client, userId) };
  });
}

/** A new temporary password for a user who lost theirs; their sessions end. */
export async function resetPassword(ctx: AppContext, actor: Actor, userId: number): Promise<{ temporary_password: string }> {
  authorize(actor, 'users.manage');
  const user = await findUserById(ctx.pool, userId);
  if (!user) throw new AppError('NOT_FOUND', { en: `User ${userId} does not exist`, zh: `用户 ${userId} 不存在` });
  const password = temporaryPasswordFor(user.username);
  const passwordHash = await hashPassword(password);
  await inTransaction(ctx.pool, async (client) => {
    await setPasswordHash(client, userId, passwordHash, true);
    await deleteUserSessions(client, userId);
    await appendAudit(client, actor, { action: 'user.password_reset', entity: 'user', entityId: userId, creditorId: user.creditor_id,
      detail: { username: user.username } });
  });
  return { temporary_password: password };
}

/**
 * Stops or restores a user's access. Stopping ends their sessions; a collector or supervisor who
 * still holds accounts is handed over on the Offboarding screen first (离职转单), which also
 * stops them; an admin cannot stop themself.
 */
export async function setActive(ctx: AppContext, actor: Actor, userId: number, active: boolean): Promise<{ user: StaffUser }> {
  authorize(actor, 'users.manage');
  return inTransaction(ctx.pool, async (client) => {
    const [row] = await listStaff(client, userId);
    if (!row) throw new AppError('NOT_FOUND', { en: `User ${userId} does not exist`, zh: `用户 ${userId} 不存在` });
    if (!active && userId === actor.userId) {
      throw new AppError('CONFLICT', { en: 'You cannot stop your own access; ask another admin', zh: '不能停用自己的账号，请由其他管理员操作' });
    }
    if (!active && row.accounts > 0) {
      throw new AppError('CONFLICT', {
        en: `${row.username} still holds ${row.accounts} open accounts: hand them over on the Offboarding screen, which also stops the account`,
        zh: `${row.username} 名下还有 ${row.accounts} 个未结案件：请在“离职转单”中转交，转交后账号会同时停用`,
      }, { details: { accounts: row.accounts } });
    }
    if (await setUserActive(client, userId, active)) {
      if (!active) await deleteUserSessions(client, userId);
      await appendAudit(client, actor, { action: active ? 'user.activate' : 'user.deactivate', entity: 'user', entityId: userId,
        creditorId: row.creditor_id, detail: { username: row.username } });
    }
    return { user: await staffUser(client, userId) };
  });
}

export async function listTeams(ctx: AppContext, actor: Actor): Promise<TeamRow[]> {
  authorize(actor, 'teams.read');
  return listTeamRows(ctx.pool);
}

export async function addTeam(ctx: AppContext, actor: Actor, input: { name: string }): Promise<TeamRow> {
  authorize(actor, 'users.manage');
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (name === '' || name.length > 60) throw invalidInput({ en: 'A team name must be 1-60 characters', zh: '小组名称须为 1-60 个字符' }, 'name');
  return inTransaction(ctx.pool, async (client) => {
    const id = await insertTeam(client, name);
    if (id === null) throw new AppError('CONFLICT', { en: `There is already a team named ${name}`, zh: `已有名为“${name}”的小组` }, { field: 'name' });
    await appendAudit(client, actor, { action: 'team.add', entity: 'team', entityId: id, creditorId: null, detail: { name } });
    return { id, name, members: 0, supervisors: 0 };
  });
}
