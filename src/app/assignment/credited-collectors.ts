import { paymentCreditFacts } from '../../db/assignment-repository.ts';
import { creditedCollector, type CreditBasis } from '../../domain/assignment/index.ts';
import type { AppContext } from '../context.ts';

export interface CreditedPayment {
  payment_id: number; creditor_id: number; account_id: number; paid_on: string; amount_fen: number;
  collector_id: number | null; basis: CreditBasis; promise_id: number | null;
}

/**
 * Who each payment counts for, for reports (collected by collector, commission): the
 * collector whose promise credit window covers it, else the account's owner at the end of the
 * payment day. Select payments by id, or by creditor and paid_on range (inclusive).
 */
export async function creditedCollectors(ctx: AppContext,
  filter: { paymentIds?: readonly number[]; creditorId?: number; from?: string; to?: string }): Promise<CreditedPayment[]> {
  const facts = await paymentCreditFacts(ctx.pool, filter, ctx.agencyZone);
  return facts.map((f) => {
    const decision = creditedCollector({ accountId: f.account_id, paidOn: f.paid_on },
      f.credits.map((c) => ({ promiseId: c.promise_id, accountId: f.account_id, collectorId: c.collector_id, takenOn: c.taken_on, creditUntil: c.credit_until })),
      f.owner_id);
    return { payment_id: f.payment_id, creditor_id: f.creditor_id, account_id: f.account_id, paid_on: f.paid_on, amount_fen: f.amount_fen,
      collector_id: decision.collectorId, basis: decision.basis, promise_id: decision.promiseId };
  });
}
