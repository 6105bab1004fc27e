import { findAuditChainBreaks, type ChainBreak } from '../../db/audit-repository.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';

export interface AuditVerification { ok: boolean; rows: number; breaks: ChainBreak[] }

export async function verifyAuditLog(ctx: AppContext, actor: Actor): Promise<AuditVerification> {
  authorize(actor, 'audit.verify');
  const { rows, breaks } = await findAuditChainBreaks(ctx.pool);
  return { ok: breaks.length === 0, rows, breaks };
}
