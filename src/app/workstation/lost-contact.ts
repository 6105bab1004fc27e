import type { Queryable } from '../../db/pool.ts';
import { debtorPointStates, moveDebtorAccounts } from '../../db/workstation-repository.ts';
import { isLostContact } from '../../domain/workstation/index.ts';

/**
 * After a change to a debtor's contact points: all their own points invalid -> their active
 * accounts become lost contact (失联, next action skip-trace); a working point again -> back
 * to active. Returns the accounts that moved.
 */
export async function refreshLostContact(db: Queryable, debtorId: number): Promise<{ lost: boolean; moved: number[] }> {
  const lost = isLostContact((await debtorPointStates(db, debtorId)) as Array<{ owner: string; verified: string }>);
  const moved = lost ? await moveDebtorAccounts(db, debtorId, 'active', 'lost_contact') : await moveDebtorAccounts(db, debtorId, 'lost_contact', 'active');
  return { lost, moved };
}
