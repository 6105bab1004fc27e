/**
 * Placements (委案批次) and their terms. A creditor places accounts for a term (the file's
 * `--placement-end`, or the placement date plus the contract's `placement_days`); when the term
 * ends, the mandate to collect ends with it: the nightly run recalls (到期退案) every account of
 * the placement still in collection, on the term's last day, as a recall file would. Commission
 * is earned up to that day (src/domain/payments/commission.ts). A creditor that wants the agency to
 * keep working a placement extends its term (延期) before it ends.
 */
import { appendAudit } from '../../db/audit-repository.ts';
import { findCreditorByCode } from '../../db/creditors-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { listPlacements as placementRows, lockPlacement, recallEndedPlacements as recallEnded, setPlacementEnd, type PlacementRow, type TermEnded } from '../../db/placements-repository.ts';
import { compareDates, daysBetween, parseLocalDate, type LocalDate } from '../../domain/calendar.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';

/** How long before its end a placement is said to end soon (the list marks it, so the creditor can be asked about an extension). */
export const ENDING_SOON_DAYS = 14;

export interface PlacementView extends Omit<PlacementRow, 'creditor_id'> {
  /** Days from today to the term's last day (0: ends today; negative: ended). */
  days_left: number;
  state: 'in_term' | 'ending_soon' | 'ended';
}

async function creditorFor(ctx: AppContext, actor: Actor, code: string): Promise<{ id: number; code: string; name: string }> {
  const creditor = await findCreditorByCode(ctx.pool, code);
  // A bank's own users see their own placements only; another's is as if it did not exist.
  if (!creditor || (actor.role === 'creditor_user' && actor.creditorId !== creditor.id)) {
    throw new AppError('NOT_FOUND', { en: `No creditor "${code}"`, zh: `没有委托方“${code}”` });
  }
  return creditor;
}

/** A creditor's placements, the latest first: their terms, days left, and their accounts by where they stand. */
export async function listPlacements(ctx: AppContext, actor: Actor, code: string): Promise<{ creditor: string; date: string; items: PlacementView[] }> {
  authorize(actor, 'placements.read');
  const creditor = await creditorFor(ctx, actor, code);
  const today = businessDate(ctx) as LocalDate;
  const items = (await placementRows(ctx.pool, creditor.id)).map(({ creditor_id: _, ...row }) => {
    const daysLeft = daysBetween(today, row.ends_on as LocalDate);
    return { ...row, days_left: daysLeft, state: daysLeft < 0 ? 'ended' as const : daysLeft <= ENDING_SOON_DAYS ? 'ending_soon' as const : 'in_term' as const };
  });
  return { creditor: creditor.code, date: today, items };
}

/**
 * Extends a placement's term (延期) to a later last day, at the creditor's request: an admin's,
 * audited (`placement.extended`, with the old and new last day and the reason). Only a placement
 * still in its term: once it ended its accounts were recalled, and the creditor places them again
 * with a placement file.
 */
export async function extendPlacement(ctx: AppContext, actor: Actor,
  input: { creditor: string; batchRef: string; until: string; reason?: string | null }): Promise<{ batch_ref: string; ends_on: string; was: string }> {
  authorize(actor, 'placements.manage');
  const until = parseLocalDate(input.until);
  const reason = input.reason?.trim() || null;
  if (reason !== null && reason.length > 500) throw invalidInput({ en: `The reason is ${reason.length} characters; at most 500`, zh: `原因共 ${reason.length} 字，最多 500 字` }, 'reason');
  const creditor = await creditorFor(ctx, actor, input.creditor);
  const today = businessDate(ctx) as LocalDate;
  return inTransaction(ctx.pool, async (client) => {
    const placement = await lockPlacement(client, creditor.id, input.batchRef);
    if (!placement) {
      throw new AppError('NOT_FOUND', { en: `Creditor ${creditor.code} has no placement "${input.batchRef}" (leeway placements list --creditor ${creditor.code})`,
        zh: `委托方 ${creditor.code} 没有委案批次“${input.batchRef}”（可用 leeway placements list --creditor ${creditor.code} 查看）` });
    }
    const was = placement.ends_on as LocalDate;
    if (compareDates(was, today) < 0) {
      throw new AppError('CONFLICT', {
        en: `Placement ${input.batchRef} ended on ${was} and its accounts were recalled; to collect them again, the creditor places them again (a placement file)`,
        zh: `委案批次 ${input.batchRef} 已于 ${was} 到期，其账户已退案；如需继续催收，请委托方重新委案（导入委案文件）`,
      }, { field: 'batch_ref' });
    }
    if (compareDates(until, was) <= 0) {
      throw invalidInput({ en: `The new last day must be after the current one (${was}); to end a placement early, import a recall file`,
        zh: `新的到期日须晚于当前到期日（${was}）；如需提前退案，请导入退案文件` }, 'until');
    }
    await setPlacementEnd(client, creditor.id, placement.id, until);
    await appendAudit(client, actor, { action: 'placement.extended', entity: 'placement', entityId: placement.id, creditorId: creditor.id,
      detail: { batch_ref: input.batchRef, from: was, to: until, reason } });
    return { batch_ref: input.batchRef, ends_on: until, was };
  });
}

/**
 * The nightly step (and `leeway placements recall-ended`): recalls the accounts of every placement
 * whose term ended before `date` (default: today) that are still in collection; one audit row per
 * placement (`placement.term_ended`). A second run for the date finds nothing more.
 */
export async function recallEndedPlacements(ctx: AppContext, actor: Actor, input: { date?: string } = {}): Promise<{ date: string; placements: TermEnded[]; recalled: number }> {
  authorize(actor, 'placements.manage');
  const date = input.date === undefined ? businessDate(ctx) : parseLocalDate(input.date);
  const placements = await inTransaction(ctx.pool, async (client) => {
    const ended = await recallEnded(client, date);
    for (const p of ended) {
      await appendAudit(client, actor, { action: 'placement.term_ended', entity: 'placement', entityId: p.placement_id, creditorId: p.creditor_id,
        detail: { batch_ref: p.batch_ref, ends_on: p.ends_on, recalled: p.recalled, promises_cancelled: p.promises_cancelled, date } });
    }
    return ended;
  });
  return { date, placements, recalled: placements.reduce((n, p) => n + p.recalled, 0) };
}
