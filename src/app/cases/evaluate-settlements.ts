import { appendAudit } from '../../db/audit-repository.ts';
import { evaluateSettlementRows, type SettlementOutcome } from '../../db/cases-repository.ts';
import { insertNotification } from '../../db/notifications-repository.ts';
import { inTransaction, type Queryable } from '../../db/pool.ts';
import { parseLocalDate } from '../../domain/calendar.ts';
import { contractInForce } from '../../db/contracts-repository.ts';
import { currencyOfPack, fen, formatMoney, type Currency } from '../../domain/money.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';

export interface SettlementRunSummary { date: string; settled: number; lapsed: number; outcomes: SettlementOutcome[] }

/**
 * Judges every agreed settlement against the payments on file, set-based, in one
 * transaction (docs/cases.md): paid as agreed -> settled (and the account too); a due date
 * missed -> lapsed. Run by the nightly job and `leeway cases evaluate-settlements`. Whoever
 * asked for the offer is told either way.
 */
export async function evaluateSettlements(ctx: AppContext, actor: Actor, options: { date?: string } = {}): Promise<SettlementRunSummary> {
  authorize(actor, 'settlements.evaluate');
  const date = options.date ? parseLocalDate(options.date) : businessDate(ctx);
  const outcomes = await inTransaction(ctx.pool, async (client) => {
    const rows = await evaluateSettlementRows(client, date);
    await recordSettlementOutcomes(client, actor, date, rows, ctx.now());
    return rows;
  });
  return { date, settled: outcomes.filter((o) => o.status === 'settled').length, lapsed: outcomes.filter((o) => o.status === 'lapsed').length, outcomes };
}

/**
 * The offers a payment just met, settled at once (and their accounts), as the nightly run would
 * settle them: a debtor who paid what was agreed is not collected from until the night.
 * Called by the settlement of payments, in its transaction.
 */
export async function settleMetOffers(client: Queryable, actor: Actor, date: string, creditorId: number, accountIds: readonly number[], at: Date): Promise<SettlementOutcome[]> {
  if (accountIds.length === 0) return [];
  const rows = await evaluateSettlementRows(client, date, { creditorId, accountIds });
  await recordSettlementOutcomes(client, actor, date, rows, at);
  return rows;
}

/** Each outcome's audit row, and whoever asked for the offer told. */
async function recordSettlementOutcomes(client: Queryable, actor: Actor, date: string, rows: readonly SettlementOutcome[], at: Date): Promise<void> {
  // Amounts in each creditor's contract's currency, marked as each language writes it (¥1,234.56 / CNY 1,234.56, $1,234.56).
  const currencies = new Map<number, Currency>();
  for (const creditorId of new Set(rows.map((o) => o.creditor_id))) {
    currencies.set(creditorId, currencyOfPack((await contractInForce(client, creditorId, date))?.pack));
  }
  for (const o of rows) {
    const currency = currencies.get(o.creditor_id)!;
    const en = (amount: number) => formatMoney(fen(amount), currency, 'en');
    const zh = (amount: number) => formatMoney(fen(amount), currency, 'zh-CN');
    await appendAudit(client, actor, { action: `settlement.${o.status}`, entity: 'waiver', entityId: o.waiver_id, creditorId: o.creditor_id,
      detail: { account_id: o.account_id, date, paid_fen: o.paid_fen, settle_fen: o.settle_fen } });
    if (o.requested_by !== null) {
      await insertNotification(client, { at, creditorId: o.creditor_id, accountId: o.account_id, audience: 'staff', userId: o.requested_by,
        kind: `settlement_${o.status}`, waiverId: o.waiver_id, message: o.status === 'settled'
          ? { en: `Settlement offer ${o.waiver_id} on ${o.account_no_mask} paid as agreed (${en(o.paid_fen)} of ${en(o.settle_fen)}): the account is settled`,
              zh: `账户 ${o.account_no_mask} 的减免方案 ${o.waiver_id} 已按约还清（${zh(o.paid_fen)} / ${zh(o.settle_fen)}），账户减免结清` }
          : { en: `Settlement offer ${o.waiver_id} on ${o.account_no_mask} lapsed on ${date}: a payment it asked for by then was not made in full (${en(o.paid_fen)} of ${en(o.settle_fen)} paid in all)`,
              zh: `账户 ${o.account_no_mask} 的减免方案 ${o.waiver_id} 已于 ${date} 失效：约定在此前支付的款项未足额支付（共已还 ${zh(o.paid_fen)} / ${zh(o.settle_fen)}）` } });
    }
  }
}
