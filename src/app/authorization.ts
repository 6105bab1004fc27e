import { AppError } from '../domain/errors.ts';
import type { Actor, Role } from './context.ts';

/**
 * Who may do what: the one place where roles meet permissions. Scope (which rows) is the
 * second half: `accountScope` says which accounts an actor sees at all; repositories turn it
 * into SQL, so a query can never forget it.
 */
export const PERMISSIONS = {
  'accounts.read': ['admin', 'supervisor', 'collector', 'creditor_user'],
  'accounts.reveal_pii': ['admin', 'supervisor', 'collector'],
  'creditors.read': ['admin', 'supervisor'],
  'creditors.manage': ['admin'],
  'audit.verify': ['admin'],
  'contacts.log': ['admin', 'supervisor', 'collector'],
  'contacts.plan': ['admin', 'supervisor', 'collector'],
  'holds.manage': ['admin', 'supervisor', 'collector'],
  'holds.release': ['admin', 'supervisor'],
  'suspensions.read': ['admin', 'supervisor', 'collector'],
  'suspensions.manage': ['admin'],
  'imports.run': ['admin'],
  'imports.read': ['admin', 'supervisor'],
  'territories.read': ['admin', 'supervisor'], 'territories.manage': ['admin'],
  'assignment.deal': ['admin'], 'assignment.manage': ['admin', 'supervisor'],
  'strategy.run': ['admin'],
  'queue.work': ['supervisor', 'collector'],
  'accounts.work': ['admin', 'supervisor', 'collector'],
  'promises.take': ['admin', 'supervisor', 'collector'],
  'callbacks.schedule': ['admin', 'supervisor', 'collector'],
  'contact_points.manage': ['admin', 'supervisor', 'collector'],
  'workload.read': ['admin', 'supervisor'],
  'workload.manage': ['admin', 'supervisor'],
  'dashboard.read': ['admin', 'supervisor'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(actor: Actor, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(actor.role);
}

export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    throw new AppError('FORBIDDEN', `Your role (${actor.role}) may not do this (${permission})`);
  }
}

export type AccountScope =
  | { kind: 'all' }
  | { kind: 'collector'; userId: number }
  | { kind: 'team'; teamId: number }
  | { kind: 'creditor'; creditorId: number };

export function accountScope(actor: Actor): AccountScope {
  switch (actor.role) {
    case 'admin':
      return { kind: 'all' };
    case 'supervisor':
      return { kind: 'team', teamId: required(actor.teamId, 'team') };
    case 'collector':
      return { kind: 'collector', userId: required(actor.userId, 'user') };
    case 'creditor_user':
      return { kind: 'creditor', creditorId: required(actor.creditorId, 'creditor') };
  }
}

function required(value: number | null, what: string): number {
  if (value === null) throw new AppError('FORBIDDEN', `This account has no ${what} to scope its access`);
  return value;
}
