import { appendAudit } from '../../db/audit-repository.ts';
import { findCase, setCollectorStatement } from '../../db/cases-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { AppError } from '../../domain/errors.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';
import { notFound, requireText } from './case-access.ts';

/** The collector named in a complaint gives their side, while it is open (once given, it can be rewritten; each version is audited). */
export async function addCollectorStatement(ctx: AppContext, actor: Actor, complaintId: number, statement: string): Promise<void> {
  authorize(actor, 'complaints.respond');
  const text = requireText(statement, 'statement', { en: 'Your side of what happened', zh: '您对此事的说明' });
  await inTransaction(ctx.pool, async (client) => {
    const complaint = await findCase(client, complaintId, { lock: true });
    if (!complaint || complaint.kind !== 'complaint' || complaint.collector_id !== actor.userId) throw notFound('Complaint', complaintId);
    if (complaint.status !== 'open') throw new AppError('CONFLICT', { en: `Complaint ${complaintId} is closed`, zh: `投诉 ${complaintId} 已结案` });
    await setCollectorStatement(client, complaintId, text, ctx.now());
    await appendAudit(client, actor, { action: 'complaint.statement', entity: 'complaint', entityId: complaintId, creditorId: complaint.creditor_id,
      detail: { account_id: complaint.account_id, statement: text } });
  });
}
