/**
 * Commission (佣金) on one payment: amount x tier rate / 10000, rounded half up to the fen
 * (src/domain/money.ts roundHalfUp; a negative entry rounds symmetrically, so the commission
 * of -x is exactly minus that of x). The tier comes from the account's bucket on its
 * placement date. Payments dated before the placement or after the recall (the account's
 * recall, else the last day of its mandate: its placement's term, placements.ends_on, which the
 * file's `--placement-end` or the placement date + the contract's placement_days set and an
 * extension moves, or the later day the account was kept until, 留案) earn nothing.
 */
import { compareDates, type LocalDate } from '../calendar.ts';
import { commissionTiersOf, tierRate } from '../contracts/contract.ts';
import { bucketOf, daysPastDue, type Bucket } from '../delinquency.ts';
import { roundHalfUp } from '../money.ts';

export type NoCommissionReason = 'before_placement' | 'after_recall' | 'no_contract';

export interface CommissionFacts {
  amountFen: number;
  paidOn: LocalDate;
  placedOn: LocalDate;
  /** The last day of the account's mandate: its placement's term, or the later day it was kept until (留案). */
  mandateEndsOn: LocalDate;
  firstDelinquencyDate: LocalDate;
  /** The account's actual recall date, when it was recalled. */
  recalledOn: LocalDate | null;
  /** The contract version in force on the payment date; null when the creditor has none. */
  contract: { version: number; commission: unknown } | null;
}

export interface CommissionDecision {
  bucket: Bucket;
  rateBp: number;
  commissionFen: number;
  contractVersion: number | null;
  reason: NoCommissionReason | null;
}

export function commissionOf(amountFen: number, rateBp: number): number {
  const magnitude = Number(roundHalfUp(BigInt(Math.abs(amountFen)) * BigInt(rateBp), 10000n));
  return amountFen < 0 ? -magnitude || 0 : magnitude;
}

/** The last day commission is earned: the earlier of the actual recall and the last day of the mandate. */
export function recallDate(placedOn: LocalDate, endsOn: LocalDate, recalledOn: LocalDate | null): LocalDate {
  if (recalledOn !== null && compareDates(recalledOn, placedOn) >= 0 && compareDates(recalledOn, endsOn) < 0) return recalledOn;
  return endsOn;
}

export function decideCommission(f: CommissionFacts): CommissionDecision {
  const bucket = bucketOf(daysPastDue(f.firstDelinquencyDate, f.placedOn));
  const none = (reason: NoCommissionReason): CommissionDecision =>
    ({ bucket, rateBp: 0, commissionFen: 0, contractVersion: f.contract?.version ?? null, reason });
  if (f.contract === null) return none('no_contract');
  if (compareDates(f.paidOn, f.placedOn) < 0) return none('before_placement');
  if (compareDates(f.paidOn, recallDate(f.placedOn, f.mandateEndsOn, f.recalledOn)) > 0) return none('after_recall');
  const rateBp = tierRate(commissionTiersOf(f.contract.commission), bucket);
  return { bucket, rateBp, commissionFen: commissionOf(f.amountFen, rateBp), contractVersion: f.contract.version, reason: null };
}
