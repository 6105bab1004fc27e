import { appendAudit } from '../../db/audit-repository.ts';
import { findHold, openCaseOfHold, releaseHoldRow } from '../../db/holds-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';

/**
 * Lifts a hold before its end (a supervisor's decision, with the reason on record). A hold that
 * belongs to an open dispute, complaint or hardship application is not lifted here: it ends
 * with its case (the creditor's verification, the supervisor's finding, the creditor's decision).
 */
export async function releaseHold(ctx: AppContext, actor: Actor, holdId: number, reason: string): Promise<void> {
  authorize(actor, 'holds.release');
  if (!reason.trim()) throw invalidInput('Say why the hold is lifted', 'reason');
  await inTransaction(ctx.pool, async (client) => {
    const hold = await findHold(client, holdId);
    if (!hold) throw new AppError('NOT_FOUND', `Hold ${holdId} does not exist`);
    const openCase = await openCaseOfHold(client, holdId);
    if (openCase) {
      throw new AppError('CONFLICT', `Hold ${holdId} belongs to the open ${openCase}: it ends when that case is decided, not on its own`);
    }
    if (!(await releaseHoldRow(client, holdId, actor.userId, reason.trim(), ctx.now()))) {
      throw new AppError('CONFLICT', `Hold ${holdId} was already lifted`);
    }
    await appendAudit(client, actor, { action: 'hold.release', entity: 'hold', entityId: holdId, creditorId: hold.creditor_id,
      detail: { kind: hold.kind, debtor_id: hold.debtor_id, account_id: hold.account_id, reason: reason.trim() } });
  });
}
