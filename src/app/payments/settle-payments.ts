/**
 * Settlement: the one code path that gives every new payment entry, whether recorded by staff,
 * reversed, or read from a bank's payment file, its allocation to the balance parts, the
 * collector it counts for, the open promise it pays toward, and its commission
 * (docs/money.md). Runs inside the caller's transaction; each payment is settled once.
 */
import { paymentCreditFacts } from '../../db/assignment-repository.ts';
import { appendAudit } from '../../db/audit-repository.ts';
import { settleMetOffers } from '../cases/evaluate-settlements.ts';
import { completePaidPlans } from '../hardship/evaluate-plans.ts';
import { reopenUnmetArrangements } from './reopen-arrangements.ts';
import {
  accountSettlementFacts, contractVersionsOf, finishPaidAccounts, keepCoveredPromises, linkReversal, openPromisesOf, reversalTarget, settledPayment,
  unsettledPayments, writeSettlements, type Settlement, type StoredContract,
} from '../../db/payments-repository.ts';
import type { PoolClient } from '../../db/pool.ts';
import { creditedCollector } from '../../domain/assignment/index.ts';
import { addDays, compareDates, localDateTimeIn, type LocalDate } from '../../domain/calendar.ts';
import { allocationOrderOf } from '../../domain/contracts/contract.ts';
import { AppError } from '../../domain/errors.ts';
import { addParts, allocate, decideCommission, orderWithWaivedLast, reverseParts, type Parts } from '../../domain/payments/index.ts';
import { currencyMark, currencyOfPack, type Currency } from '../../domain/money.ts';
import { graceDaysOf } from '../../domain/promises/index.ts';
import type { Actor } from '../context.ts';

export interface SettleFilter { creditorId: number; ids?: readonly number[]; batchId?: number; upTo?: string }

/** The version in force on a date: the highest effective by then, else the latest (as every contract reader chooses). */
export function versionOn(versions: readonly StoredContract[], date: string): StoredContract | null {
  let best: StoredContract | null = null;
  for (const v of versions) if (v.effective_from <= date && (!best || v.version > best.version)) best = v;
  return best ?? versions.at(-1) ?? null;
}

export async function settlePayments(client: PoolClient, filter: SettleFilter, zone: string, at: Date, actor: Actor): Promise<Settlement[]> {
  const pending = await unsettledPayments(client, filter);
  if (pending.length === 0) return [];
  const creditorId = filter.creditorId;
  const accountIds = [...new Set(pending.map((p) => p.account_id))];
  // One after the other: a client runs one query at a time (pg queues the rest, and will refuse them).
  const accounts = await accountSettlementFacts(client, creditorId, accountIds);
  const versions = await contractVersionsOf(client, creditorId);
  const credits = await paymentCreditFacts(client, { paymentIds: pending.map((p) => p.id) }, zone);
  const promises = await openPromisesOf(client, creditorId, accountIds, zone);
  const accountOf = new Map(accounts.map((a) => [a.account_id, a]));
  const paidSoFar = new Map(accounts.map((a) => [a.account_id, { fees: a.paid_fees, interest: a.paid_interest, principal: a.paid_principal } as Parts]));
  // What has come off the bank's last statement of the parts: payments dated before it are in it already.
  const paidSinceStatement = new Map(accounts.map((a) => [a.account_id, { fees: a.since_fees, interest: a.since_interest, principal: a.since_principal } as Parts]));
  const creditOf = new Map(credits.map((c) => [c.payment_id, c]));
  const done: Settlement[] = [];
  const doneById = new Map<number, Settlement & { accountId: number; amount: number; paidOn: string }>();
  const targeted = new Set<number>();
  const matched = new Map<number, string>(); // promise id -> window end

  for (const p of pending) {
    const account = accountOf.get(p.account_id)!;
    let reversesId = p.reverses_id;
    if (reversesId === null && p.amount_fen < 0) {
      // A bank file's negative row: it reverses the latest payment of the same magnitude when there is one.
      const inRun = [...doneById.values()].reverse().find((d) => d.accountId === p.account_id && d.amount === -p.amount_fen
        && d.paidOn <= p.paid_on && !targeted.has(d.id));
      reversesId = inRun?.id ?? await reversalTarget(client, creditorId, p.account_id, p.amount_fen, p.paid_on, [...targeted]);
      if (reversesId !== null) await linkReversal(client, creditorId, p.id, reversesId);
    }
    let s: Settlement;
    if (reversesId !== null) {
      targeted.add(reversesId);
      const original = doneById.get(reversesId) ?? toSettlement(await settledPayment(client, creditorId, reversesId));
      if (!original) {
        throw new AppError('CONFLICT', { en: `Payment ${reversesId} is not settled; it cannot be reversed yet`, zh: `还款记录 ${reversesId} 尚未结算，暂时不能冲正` });
      }
      const parts = reverseParts({ fees: original.fees, interest: original.interest, principal: original.principal });
      s = { ...original, id: p.id, ...parts, commissionFen: -original.commissionFen || 0 };
    } else {
      const contract = versionOn(versions, p.paid_on);
      const paid = paidSoFar.get(p.account_id)!;
      const since = paidSinceStatement.get(p.account_id)!;
      const owed: Parts = { fees: account.fees_fen - since.fees, interest: account.interest_fen - since.interest, principal: account.principal_fen - since.principal };
      const parts = allocate(p.amount_fen, orderWithWaivedLast(allocationOrderOf(contract?.terms), account.waived), owed, paid);
      const commission = decideCommission({
        amountFen: p.amount_fen, paidOn: p.paid_on as LocalDate, placedOn: account.placed_on as LocalDate,
        mandateEndsOn: account.mandate_ends_on as LocalDate,
        firstDelinquencyDate: account.first_delinquency_date as LocalDate, recalledOn: account.recalled_on as LocalDate | null,
        contract: contract ? { version: contract.version, commission: contract.commission } : null,
      });
      const credit = creditOf.get(p.id);
      const decision = credit
        ? creditedCollector({ accountId: p.account_id, paidOn: p.paid_on },
          credit.credits.map((c) => ({ promiseId: c.promise_id, accountId: p.account_id, collectorId: c.collector_id, takenOn: c.taken_on, creditUntil: c.credit_until })),
          credit.owner_id)
        : { collectorId: null, basis: 'none' as const, promiseId: null };
      let promiseId: number | null = null;
      if (p.amount_fen > 0) {
        const grace = graceDaysOf(contract?.terms ?? {});
        const promise = promises.find((q) => q.account_id === p.account_id && compareDates(q.taken_on as LocalDate, p.paid_on as LocalDate) <= 0
          && compareDates(p.paid_on as LocalDate, addDays(q.due_date as LocalDate, grace)) <= 0);
        if (promise) { promiseId = promise.id; matched.set(promise.id, addDays(promise.due_date as LocalDate, grace)); }
      }
      s = {
        id: p.id, ...parts, collectorId: decision.collectorId, basis: decision.basis, promiseId, placedOn: account.placed_on,
        bucket: commission.bucket, contractVersion: commission.contractVersion, rateBp: commission.rateBp,
        commissionFen: commission.commissionFen, reason: commission.reason,
      };
    }
    paidSoFar.set(p.account_id, addParts(paidSoFar.get(p.account_id)!, { fees: s.fees, interest: s.interest, principal: s.principal }));
    if (p.paid_on >= account.stated_on) {
      paidSinceStatement.set(p.account_id, addParts(paidSinceStatement.get(p.account_id)!, { fees: s.fees, interest: s.interest, principal: s.principal }));
    }
    done.push(s);
    doneById.set(p.id, { ...s, accountId: p.account_id, amount: p.amount_fen, paidOn: p.paid_on });
  }
  await writeSettlements(client, creditorId, done, at);
  await keepCoveredPromises(client, creditorId, [...matched].map(([id, windowEnd]) => ({ id, windowEnd })), at, zone);
  // An agreed settlement (减免) the money now meets: settled at once, as a promise is kept at once; so is a plan it pays off.
  const today = localDateTimeIn(at.getTime(), zone).date;
  await settleMetOffers(client, actor, today, creditorId, accountIds, at);
  await completePaidPlans(client, actor, today as LocalDate, creditorId, accountIds, at);
  // Paid in full (已结清): collection ends; a reversal that leaves a paid account owing again reopens it.
  const reversed = [...new Set([...doneById.values()].filter((d) => d.amount < 0).map((d) => d.accountId))];
  await finishPaidInFull(client, { creditorId, accountIds, reopenIds: reversed, at, actor, currency: currencyOfPack(versionOn(versions, today)?.pack) });
  // A settlement or plan the reversed money had completed, and no longer met: back in collection.
  const reopened = await reopenUnmetArrangements(client, actor, today, creditorId, reversed, at);
  // A plan running again: its instalments matched afresh with the payments left (the nightly run's matching, completing nothing).
  if (reopened.plans > 0) await completePaidPlans(client, actor, today as LocalDate, creditorId, reversed, at);
  return done;
}

/**
 * Of `accountIds`, those still in collection that owe nothing now become paid in full, and those
 * of `reopenIds` made paid that owe again return to collection (finishPaidAccounts); each change
 * audited (`account.paid_in_full`, `account.reopened`) as `actor`'s. After a settlement run, and
 * after a bank's file restated balances (nothing reopens then: docs/money.md).
 */
export async function finishPaidInFull(client: PoolClient, p: { creditorId: number; accountIds: readonly number[]; reopenIds: readonly number[]; at: Date; actor: Actor;
  /** The creditor's (its contract's pack in force): the collector's notice names the amounts in it. */
  currency: Currency }): Promise<number> {
  const changes = await finishPaidAccounts(client, p.creditorId, p.accountIds, p.reopenIds, p.at,
    { en: currencyMark(p.currency, 'en'), zh: currencyMark(p.currency, 'zh-CN') });
  for (const change of changes) {
    await appendAudit(client, p.actor, {
      action: change.to_status === 'paid' ? 'account.paid_in_full' : 'account.reopened', entity: 'account', entityId: change.account_id, creditorId: p.creditorId,
      detail: { account_id: change.account_id, from_status: change.from_status, to_status: change.to_status, stated_balance_fen: change.stated_fen,
        paid_since_statement_fen: change.paid_since_fen },
    });
  }
  return changes.length;
}

function toSettlement(row: Awaited<ReturnType<typeof settledPayment>>): Settlement | undefined {
  if (!row) return undefined;
  return {
    id: row.id, fees: row.to_fees_fen, interest: row.to_interest_fen, principal: row.to_principal_fen, collectorId: row.collector_id,
    basis: row.credit_basis ?? 'none', promiseId: row.promise_id, placedOn: row.placed_on ?? '', bucket: row.bucket_at_placement ?? '',
    contractVersion: row.contract_version, rateBp: row.rate_bp, commissionFen: row.commission_fen, reason: row.no_commission_reason,
  };
}
