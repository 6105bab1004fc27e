import { loadContactState, type ContactStateRows } from '../../db/contact-state-repository.ts';
import type { Queryable } from '../../db/pool.ts';
import { AppError } from '../../domain/errors.ts';
import { localDateTimeIn } from '../../domain/calendar.ts';
import { evaluateContact, type Decision } from '../../domain/compliance/index.ts';
import type { AppContext } from '../context.ts';
import { situationFromState, type ContactIntent } from './situation.ts';

/** Far enough back for every counting window of every pack (7 days) with room to spare. */
export const HISTORY_DAYS = 15;

export async function contactStateFor(ctx: AppContext, db: Queryable, accountId: number, at: Date,
  options: { contactPointId?: number | null } = {}): Promise<ContactStateRows> {
  const state = await loadContactState(db, accountId, {
    historySince: new Date(at.getTime() - HISTORY_DAYS * 86_400_000),
    businessDate: localDateTimeIn(at.getTime(), ctx.agencyZone).date,
    ...options,
  });
  if (!state) throw new AppError('NOT_FOUND', { en: `Account ${accountId} does not exist`, zh: `案件${accountId}不存在` });
  state.agencyZone = ctx.agencyZone;
  if (options.contactPointId && state.contactPoint?.debtor_id !== state.account.debtor_id) {
    throw new AppError('INVALID_INPUT', {
      en: `Contact point ${options.contactPointId} does not belong to this account's debtor`,
      zh: `联系方式${options.contactPointId}不属于本案件的债务人`,
    }, { field: 'contact_point_id' });
  }
  if (state.contactPoint?.verified === 'invalid') {
    throw new AppError('INVALID_INPUT', {
      en: `Contact point ${options.contactPointId} is marked invalid (失效); use another or skip-trace`,
      zh: `联系方式${options.contactPointId}已标记为无效，请换用其他联系方式或进行失联修复`,
    }, { field: 'contact_point_id' });
  }
  return state;
}

/** The engine's decision on a contact with the account's debtor as stored (the contact point checked as contactStateFor does). */
export async function decideContact(ctx: AppContext, db: Queryable, accountId: number, intent: ContactIntent): Promise<Decision> {
  const state = await contactStateFor(ctx, db, accountId, intent.at, { contactPointId: intent.contactPointId ?? null });
  return evaluateContact(situationFromState(state, intent));
}
