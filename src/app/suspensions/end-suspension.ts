import { appendAudit } from '../../db/audit-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { endSuspensionRow, type SuspensionRow } from '../../db/suspensions-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';

/** Ends a suspension now (an open-ended one, or one lifted early). */
export async function endSuspension(ctx: AppContext, actor: Actor, id: number): Promise<SuspensionRow> {
  authorize(actor, 'suspensions.manage');
  return inTransaction(ctx.pool, async (client) => {
    const ended = await endSuspensionRow(client, id, ctx.now());
    if (!ended) throw new AppError('NOT_FOUND', { en: `No open suspension ${id}`, zh: `区域停催 ${id} 不存在或已结束` });
    await appendAudit(client, actor, { action: 'suspension.end', entity: 'suspension', entityId: id, detail: { scope: ended.scope, code: ended.code } });
    return ended;
  });
}
