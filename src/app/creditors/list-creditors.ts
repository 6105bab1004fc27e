import { listCreditors as queryCreditors, type CreditorRow } from '../../db/creditors-repository.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';

export async function listCreditors(ctx: AppContext, actor: Actor): Promise<CreditorRow[]> {
  authorize(actor, 'creditors.read');
  return queryCreditors(ctx.pool);
}
