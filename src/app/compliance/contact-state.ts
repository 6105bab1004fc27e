import { loadContactState, type ContactStateRows } from '../../db/contact-state-repository.ts';
import type { Queryable } from '../../db/pool.ts';
import { AppError } from '../../domain/errors.ts';
import { localDateTimeIn } from '../../domain/calendar.ts';
import type { AppContext } from '../context.ts';

/** Far enough back for every counting window of every pack (7 days) with room to spare. */
export const HISTORY_DAYS = 15;

export async function contactStateFor(ctx: AppContext, db: Queryable, accountId: number, at: Date,
  options: { contactPointId?: number | null } = {}): Promise<ContactStateRows> {
  const state = await loadContactState(db, accountId, {
    historySince: new Date(at.getTime() - HISTORY_DAYS * 86_400_000),
    businessDate: localDateTimeIn(at.getTime(), ctx.agencyZone).date,
    ...options,
  });
  if (!state) throw new AppError('NOT_FOUND', `Account ${accountId} does not exist`);
  if (options.contactPointId && state.contactPoint?.debtor_id !== state.account.debtor_id) {
    throw new AppError('INVALID_INPUT', `Contact point ${options.contactPointId} does not belong to this account's debtor`, { field: 'contact_point_id' });
  }
  if (state.contactPoint?.verified === 'invalid') {
    throw new AppError('INVALID_INPUT', `Contact point ${options.contactPointId} is marked invalid (失效); use another or skip-trace`, { field: 'contact_point_id' });
  }
  return state;
}
