import { appendAudit } from '../../db/audit-repository.ts';
import { evaluateSettlementRows, type SettlementOutcome } from '../../db/cases-repository.ts';
import { insertNotification } from '../../db/notifications-repository.ts';
import { inTransaction, type Queryable } from '../../db/pool.ts';
import { parseLocalDate } from '../../domain/calendar.ts';
import { fen, formatYuan } from '../../domain/money.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';

const yuan = (amount: number) => formatYuan(fen(amount), 'en');

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
  for (const o of rows) {
    await appendAudit(client, actor, { action: `settlement.${o.status}`, entity: 'waiver', entityId: o.waiver_id, creditorId: o.creditor_id,
      detail: { account_id: o.account_id, date, paid_fen: o.paid_fen, settle_fen: o.settle_fen } });
    if (o.requested_by !== null) {
      await insertNotification(client, { at, creditorId: o.creditor_id, accountId: o.account_id, audience: 'staff', userId: o.requested_by,
        kind: `settlement_${o.status}`, waiverId: o.waiver_id, message: o.status === 'settled'
          ? { en: `Settlement offer ${o.waiver_id} on ${o.account_no_mask} paid as agreed (${yuan(o.paid_fen)} of ${yuan(o.settle_fen)}): the account is settled`,
              zh: `账户 ${o.account_no_mask} 的减免方案 ${o.waiver_id} 已按约还清（${yuan(o.paid_fen)} / ${yuan(o.settle_fen)}），账户减免结清` }
          : { en: `Settlement offer ${o.waiver_id} on ${o.account_no_mask} lapsed on ${date}: a payment it asked for by then was not made in full (${yuan(o.paid_fen)} of ${yuan(o.settle_fen)} paid in all)`,
              zh: `账户 ${o.account_no_mask} 的减免方案 ${o.waiver_id} 已于 ${date} 失效：约定在此前支付的款项未足额支付（共已还 ${yuan(o.paid_fen)} / ${yuan(o.settle_fen)}）` } });
    }
  }
}
