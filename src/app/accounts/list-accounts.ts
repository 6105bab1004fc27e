import { balanceNow } from '../../domain/balance.ts';
import { bucketOf, daysPastDue } from '../../domain/delinquency.ts';
import type { LocalDate } from '../../domain/calendar.ts';
import { listAccounts as queryAccounts, type AccountListRow, type AccountQuery } from '../../db/accounts-repository.ts';
import type { Currency } from '../../domain/money.ts';
import { withCurrency } from '../currency.ts';
import { accountScope, authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';

export interface AccountSummary extends Omit<AccountListRow, 'first_delinquency_date' | 'debtor_id' | 'creditor_id' | 'stated_fen'> {
  balance_fen: number;
  dpd: number;
  bucket: string;
  /** The currency the account is owed in (its creditor's contract's pack). */
  currency: Currency;
}

export async function listAccounts(ctx: AppContext, actor: Actor,
  query: { q?: string | undefined; placement?: string | undefined; status?: AccountQuery['status']; collector?: AccountQuery['collector']; limit: number; offset: number }):
  Promise<{ total: number; items: AccountSummary[] }> {
  authorize(actor, 'accounts.read');
  const today = businessDate(ctx) as LocalDate;
  // Each account in the status it is shown in today: on hold (停催) while a hold stops its collection.
  const { total, rows } = await queryAccounts(ctx.pool, { scope: accountScope(actor), today, ...query });
  return { total, items: (await withCurrency(ctx.pool, rows, today)).map((row) => summarize(row, today)) };
}

export function summarize(row: AccountListRow & { currency: Currency }, today: LocalDate): AccountSummary {
  const { first_delinquency_date, debtor_id: _debtor, creditor_id: _creditor, stated_fen: _stated, ...rest } = row;
  const dpd = daysPastDue(first_delinquency_date as LocalDate, today);
  const balance = balanceNow({ stated_fen: row.stated_fen, paid_since_fen: row.paid_since_statement_fen, status: row.status });
  return { ...rest, balance_fen: balance, dpd, bucket: bucketOf(dpd) };
}
