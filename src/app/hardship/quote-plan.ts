import { findAccountInScope } from '../../db/accounts-repository.ts';
import { findHardshipAccount } from '../../db/hardship-repository.ts';
import type { LocalDate } from '../../domain/calendar.ts';
import { AppError } from '../../domain/errors.ts';
import { affordability, type Affordability } from '../../domain/hardship/application.ts';
import type { PlanSchedule } from '../../domain/hardship/plan.ts';
import { fen } from '../../domain/money.ts';
import { accountScope, authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { quoteForAccount, type PlanTermsInput } from './shared.ts';

/** The schedule a plan would have on this account's balance and pack, with affordability when income and spending are given. Stores nothing. */
export async function quoteAccountPlan(ctx: AppContext, actor: Actor, accountId: number, terms: PlanTermsInput,
  means: { monthlyIncomeFen?: number | null; monthlyEssentialsFen?: number | null } = {}): Promise<{ schedule: PlanSchedule; affordability: Affordability | null }> {
  authorize(actor, 'hardship.read');
  if (!(await findAccountInScope(ctx.pool, accountScope(actor), accountId))) {
    throw new AppError('NOT_FOUND', { en: `Account ${accountId} does not exist or is not yours to see`, zh: `账户 ${accountId} 不存在或您无权查看` });
  }
  const account = await findHardshipAccount(ctx.pool, accountId, businessDate(ctx) as LocalDate);
  if (!account) throw new AppError('NOT_FOUND', { en: `Account ${accountId} does not exist`, zh: `账户 ${accountId} 不存在` });
  const schedule = quoteForAccount(account, terms, businessDate(ctx));
  const income = means.monthlyIncomeFen ?? null;
  const essentials = means.monthlyEssentialsFen ?? null;
  const afford = income !== null && essentials !== null && income >= 0 && essentials >= 0
    ? affordability(fen(income), fen(essentials), fen(Math.max(...schedule.instalments.map((i) => i.amount_fen)))) : null;
  return { schedule, affordability: afford };
}
