/**
 * Allocation (冲账顺序): which balance parts a payment pays, in the contract's order.
 * A payment fills each part up to what is still owed on it, in order; money beyond the whole
 * balance (an overpayment) goes to principal, so the parts always sum to the amount exactly.
 * A negative entry that reverses nothing in particular (a bank file's negative row with no
 * matching payment) takes back in the reverse order, up to what earlier payments put there;
 * the rest comes off principal. A reversal of a known payment is its exact negation (reverseOf).
 */
import type { BalancePart } from '../contracts/contract.ts';

export interface Parts { fees: number; interest: number; principal: number }

export const ZERO_PARTS: Parts = { fees: 0, interest: 0, principal: 0 };

/**
 * @param amount fen, non-zero integer
 * @param order the contract's allocation order (each part once)
 * @param owed what is still owed per part (used for a positive amount; negatives count as 0)
 * @param paid what earlier payments net put on each part (used for a negative amount)
 */
export function allocate(amount: number, order: readonly BalancePart[], owed: Parts, paid: Parts): Parts {
  const out: Parts = { fees: 0, interest: 0, principal: 0 };
  if (amount >= 0) {
    let left = amount;
    for (const part of order) {
      const take = Math.min(left, Math.max(0, owed[part]));
      out[part] += take;
      left -= take;
    }
    out.principal += left;
    return out;
  }
  let left = -amount;
  for (const part of [...order].reverse()) {
    const take = Math.min(left, Math.max(0, paid[part]));
    out[part] -= take;
    left -= take;
  }
  out.principal -= left;
  return out;
}

/** The reversal of a settled allocation: every part negated. */
export function reverseParts(parts: Parts): Parts {
  return { fees: -parts.fees || 0, interest: -parts.interest || 0, principal: -parts.principal || 0 };
}

export function addParts(a: Parts, b: Parts): Parts {
  return { fees: a.fees + b.fees, interest: a.interest + b.interest, principal: a.principal + b.principal };
}

export function partsTotal(p: Parts): number {
  return p.fees + p.interest + p.principal;
}

/**
 * The allocation order under an arrangement that gives up some parts (a plan waiving interest and
 * fees, a settlement discounting them): the parts still owed first, in the contract's order, the
 * waived ones last, so money paid under the arrangement is recorded against what it pays and the
 * bank's file shows the waived parts as what was written off.
 */
export function orderWithWaivedLast(order: readonly BalancePart[], waived: readonly string[]): BalancePart[] {
  if (waived.length === 0) return [...order];
  return [...order.filter((p) => !waived.includes(p)), ...order.filter((p) => waived.includes(p))];
}
