import { localDateTimeIn } from '../../domain/calendar.ts';
import { contractInForce } from '../../db/contracts-repository.ts';
import { findCreditorByCode } from '../../db/creditors-repository.ts';
import { inTransaction, type PoolClient } from '../../db/pool.ts';
import { creditorById, draftLines, issuedLines, issuedStatement } from '../../db/statements-repository.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { currencyOfPack, type Currency } from '../../domain/money.ts';
import { monthBounds, statementTotals, type StatementLine, type StatementTotals } from '../../domain/statements/statement.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';
import { settlePayments } from '../payments/settle-payments.ts';

export interface StatementView {
  creditor: string; creditor_name: string; month: string; status: 'draft' | 'issued'; issued_at: string | null;
  /** The creditor's name in English (creditors.name_en), for the screen in English; null: it has none. */
  creditor_name_en: string | null;
  /** When it was issued on the agency's clock (`2026-03-01 00:30`), as its files print it. */
  issued_local: string | null;
  /** The currency of the creditor's contract in force at the month's end (its pack's). */
  currency: Currency;
  totals: StatementTotals; lines: StatementLine[];
}

export function parseMonth(month: string | undefined): { first: string; last: string } {
  const bounds = month === undefined ? null : monthBounds(month);
  if (!bounds) {
    throw invalidInput(month === undefined
      ? { en: 'month is required (YYYY-MM)', zh: '缺少 month（月份，格式 YYYY-MM）' }
      : { en: `month must be YYYY-MM, e.g. 2026-03, not "${month}"`, zh: `month 必须是 YYYY-MM 格式（如 2026-03），而不是“${month}”` }, 'month');
  }
  return bounds;
}

/** The creditor a statement is for: by code; a creditor's user may leave it out (their own). */
export async function creditorForStatement(client: PoolClient | AppContext['pool'], actor: Actor, code: string | undefined): Promise<{ id: number; code: string; name: string; name_en: string | null }> {
  if (code === undefined && actor.role === 'creditor_user') {
    const own = actor.creditorId === null ? undefined : await creditorById(client, actor.creditorId);
    if (own) return own;
  }
  if (code === undefined) throw invalidInput({ en: 'creditor is required (a creditor code, e.g. BANK1)', zh: '缺少 creditor（委托方代码，如 BANK1）' }, 'creditor');
  const creditor = await findCreditorByCode(client, code);
  // A creditor's user sees only their own creditor; another's is as if it did not exist.
  if (!creditor || (actor.role === 'creditor_user' && actor.creditorId !== creditor.id)) {
    throw new AppError('NOT_FOUND', { en: `No creditor ${code}`, zh: `没有委托方 ${code}` }, { field: 'creditor' });
  }
  return creditor;
}

/**
 * A creditor's commission statement for a month: the issued one, frozen, when there is one;
 * otherwise a draft of what issuing now would freeze. Payments recorded before settlement
 * existed are settled first (the same code path as any new payment).
 */
export async function buildStatement(ctx: AppContext, actor: Actor, input: { creditor?: string | undefined; month?: string | undefined }): Promise<StatementView> {
  authorize(actor, 'statements.read');
  const { first, last } = parseMonth(input.month);
  return inTransaction(ctx.pool, async (client) => {
    const creditor = await creditorForStatement(client, actor, input.creditor);
    return statementIn(ctx, actor, client, creditor, input.month!, first, last);
  });
}

export async function statementIn(ctx: AppContext, actor: Actor, client: PoolClient, creditor: { id: number; code: string; name: string; name_en: string | null },
  month: string, first: string, last: string): Promise<StatementView> {
  const issued = await issuedStatement(client, creditor.id, first);
  const currency = currencyOfPack((await contractInForce(client, creditor.id, last))?.pack);
  if (issued) {
    const lines = await issuedLines(client, creditor.id, issued.id);
    const at = localDateTimeIn(issued.issued_at.getTime(), ctx.agencyZone);
    const issuedLocal = `${at.date} ${String(at.hour).padStart(2, '0')}:${String(at.minute).padStart(2, '0')}`;
    return { creditor: creditor.code, creditor_name: creditor.name, creditor_name_en: creditor.name_en, month, currency, status: 'issued', issued_at: issued.issued_at.toISOString(), issued_local: issuedLocal,
      totals: { recovered_fen: issued.recovered_fen, commission_fen: issued.commission_fen, net_due_fen: issued.net_due_fen, lines: issued.lines }, lines };
  }
  await settlePayments(client, { creditorId: creditor.id, upTo: last }, ctx.agencyZone, ctx.now(), actor);
  const lines = await draftLines(client, creditor.id, first, last);
  return { creditor: creditor.code, creditor_name: creditor.name, creditor_name_en: creditor.name_en, month, currency, status: 'draft', issued_at: null, issued_local: null, totals: statementTotals(lines), lines };
}
