import { listSuspensionRows, type SuspensionRow } from '../../db/suspensions-repository.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';

export type SuspensionState = 'scheduled' | 'in_force' | 'over' | 'ended';
export type SuspensionView = SuspensionRow & { state: SuspensionState };

/**
 * Suspensions with their state today (in the agency's zone): `over` ones resumed by themselves.
 * Without `includeEnded`, only those in force or to come: neither one ended early nor one past its last day.
 */
export async function listSuspensions(ctx: AppContext, actor: Actor, options: { includeEnded?: boolean } = {}): Promise<SuspensionView[]> {
  authorize(actor, 'suspensions.read');
  const today = businessDate(ctx);
  const all = options.includeEnded ?? false;
  return (await listSuspensionRows(ctx.pool, all)).map((s): SuspensionView => ({
    ...s,
    state: s.ended_at ? 'ended' : today < s.from_date ? 'scheduled' : s.to_date !== null && today > s.to_date ? 'over' : 'in_force',
  })).filter((s) => all || s.state === 'in_force' || s.state === 'scheduled');
}
