import type pg from 'pg';
import type { PiiCipher } from '../db/pii.ts';

/** What every use case needs from the outside world, passed in (never read from globals). */
export interface AppContext {
  pool: pg.Pool;
  cipher: PiiCipher;
  /** The clock: tests pass a fixed one. */
  now: () => Date;
  /** The agency's zone: business dates are calendar dates here. */
  agencyZone: string;
  /** The call centre's recording player (LEEWAY_RECORDING_URL, `{ref}` for the reference), or none. */
  recordingUrl?: string | null;
  /** Where debtors reach this server from outside (LEEWAY_PUBLIC_URL, no trailing slash): the links in e-mails; none: the request's own address. */
  publicUrl?: string | null;
}

export type Role = 'admin' | 'supervisor' | 'collector' | 'creditor_user';
export const ROLES: readonly Role[] = ['admin', 'supervisor', 'collector', 'creditor_user'];

/** Who is acting: a signed-in user, or the operator at the command line (acts as admin). */
export interface Actor {
  userId: number | null;
  username: string;
  role: Role;
  teamId: number | null;
  creditorId: number | null;
}

export const CLI_ACTOR: Actor = { userId: null, username: 'cli', role: 'admin', teamId: null, creditorId: null };
