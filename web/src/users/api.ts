import type { Role } from '../lib/types.ts';
import { request } from '../workstation/request.ts';

export const ROLES: readonly Role[] = ['collector', 'supervisor', 'creditor_user', 'admin'];

/** Collectors and supervisors belong to a team; bank users to a bank (creditor); admins to neither. */
export const needsTeam = (role: Role): boolean => role === 'collector' || role === 'supervisor';
export const needsCreditor = (role: Role): boolean => role === 'creditor_user';

/** The server's rule for user names (it lower-cases them). */
export const USERNAME_PATTERN = '[A-Za-z0-9._\\-]{2,64}';
/** The server's shortest password. */
export const MIN_PASSWORD_LENGTH = 10;

export interface StaffUser {
  id: number; username: string; display_name: string; role: Role;
  team_id: number | null; team_name: string | null; creditor_id: number | null; creditor_code: string | null;
  active: boolean; created_at: string;
  /** Open accounts assigned to this collector or supervisor. */
  accounts: number;
  /** The last successful sign-in; null when they never signed in. */
  last_sign_in_at: string | null;
}

export interface Team { id: number; name: string; members: number; supervisors: number }
export interface Creditor { id: number; code: string; name: string; name_en: string | null; accounts: number }

export interface NewUser { username: string; display_name: string; role: Role; team_id?: number; creditor_code?: string }

export const fetchUsers = (signal?: AbortSignal) => request<{ items: StaffUser[] }>('GET', '/api/users', undefined, signal);
export const createUser = (body: NewUser) => request<{ user: StaffUser; temporary_password: string }>('POST', '/api/users', body);
export const resetPassword = (id: number) => request<{ temporary_password: string }>('POST', `/api/users/${id}/reset-password`);
export const deactivateUser = (id: number) => request<{ user: StaffUser }>('POST', `/api/users/${id}/deactivate`);
export const activateUser = (id: number) => request<{ user: StaffUser }>('POST', `/api/users/${id}/activate`);
export const updateUser = (id: number, body: { display_name?: string; role?: Role; team_id?: number | null; creditor_code?: string | null }) =>
  request<{ user: StaffUser }>('PATCH', `/api/users/${id}`, body);

export const fetchTeams = (signal?: AbortSignal) => request<{ items: Team[] }>('GET', '/api/teams', undefined, signal);
export const createTeam = (name: string) => request<Team>('POST', '/api/teams', { name });

export const fetchCreditors = (signal?: AbortSignal) => request<{ items: Creditor[] }>('GET', '/api/creditors', undefined, signal);

export const changePassword = (currentPassword: string, newPassword: string) =>
  request<void>('PUT', '/api/me/password', { current_password: currentPassword, new_password: newPassword });
