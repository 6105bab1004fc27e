/**
 * Placements (委案批次) and their terms. A creditor places accounts for a term (the file's
 * `--placement-end`, or the placement date plus the contract's `placement_days`); when the term
 * ends, the mandate to collect ends with it: the nightly run recalls (到期退案) every account of
 * the placement still in collection, on the term's last day, as a recall file would. Commission
 * is earned up to that day (src/domain/payments/commission.ts). A creditor that wants the agency to
 * keep working a placement extends its term (延期) before it ends, or keeps chosen accounts past it
 * (留案: those with a promise or a plan being agreed, say).
 */
import { appendAudit } from '../../db/audit-repository.ts';
import { findCreditorByCode } from '../../db/creditors-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import {
  accountsByNumber, listPlacements as placementRows, lockPlacement, recallEndedPlacements as recallEnded, retainAccounts as keepAccounts,
  setPlacementEnd, type PlacementRow, type TermEnded,
} from '../../db/placements-repository.ts';
import { ACCOUNT_STATUS_WORDS, IN_COLLECTION, type AccountStatus } from '../../domain/account-status.ts';
import { addDays, compareDates, daysBetween, parseLocalDate, type LocalDate } from '../../domain/calendar.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { cleanIdentifier } from '../../domain/import/rows.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';

/** How long before its end a placement is said to end soon (the list marks it, so the creditor can be asked about an extension). */
export const ENDING_SOON_DAYS = 14;

/** The furthest a placement's last day may be moved: three years from today (a day beyond is a slip of the year). */
export const MAX_TERM_DAYS = 3 * 365;

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
 * Extends a placement's term (延期) to a later last day: the creditor's decision, made by its own
 * users or recorded by an admin (a bank's user only for its own placements), audited (`placement.extended`, with the old and new last day and the reason). Only a placement
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
      // Said to a bank's user as much as to an admin at the command line: where the batches are listed either way.
      throw new AppError('NOT_FOUND', { en: `Creditor ${creditor.code} has no placement "${input.batchRef}": its placements are listed under Placements (and by leeway placements list --creditor ${creditor.code})`,
        zh: `委托方 ${creditor.code} 没有委案批次“${input.batchRef}”：其委案批次见“委案批次”页面（命令行：leeway placements list --creditor ${creditor.code}）` });
    }
    const was = placement.ends_on as LocalDate;
    if (compareDates(was, today) < 0) {
      throw new AppError('CONFLICT', {
        en: `Placement ${input.batchRef} ended on ${was} and its accounts were recalled; to collect them again, the creditor places them again (a placement file)`,
        zh: `委案批次 ${input.batchRef} 已于 ${was} 到期，其账户已退案；如需继续催收，请委托方重新委案（导入委案文件）`,
      }, { field: 'batch_ref' });
    }
    if (compareDates(until, was) <= 0) {
      throw invalidInput({ en: `The new last day must be after the current one (${was}); an earlier end is a recall (the creditor's recall file takes the accounts back)`,
        zh: `新的到期日须晚于当前到期日（${was}）；如需提前结束，由委托方发送退案文件收回账户` }, 'until');
    }
    // A term runs years, not decades: a day further off than that is a typing slip (2099 for 2029).
    const furthest = addDays(today as LocalDate, MAX_TERM_DAYS);
    if (compareDates(until, furthest) > 0) {
      throw invalidInput({ en: `The new last day ${until} is more than three years ahead (at most ${furthest}); check the year`,
        zh: `新的到期日 ${until} 超过三年之后（最晚 ${furthest}），请检查年份` }, 'until');
    }
    await setPlacementEnd(client, creditor.id, placement.id, until);
    await appendAudit(client, actor, { action: 'placement.extended', entity: 'placement', entityId: placement.id, creditorId: creditor.id,
      detail: { batch_ref: input.batchRef, from: was, to: until, reason } });
    return { batch_ref: input.batchRef, ends_on: until, was };
  });
}

/**
 * The nightly step (and `leeway placements recall-ended`): recalls every account still in
 * collection whose mandate ended before `date` (default: today): its placement's last day, or the
 * later day it was kept until (留案); one audit row per placement and last day
 * (`placement.term_ended`). A second run for the date finds nothing more.
 */
/** A person's run for a day to come would recall placements whose term has not ended: the bank's accounts taken from collection early. */
export function refuseRecallAhead(ctx: AppContext, date: string | undefined): void {
  if (date === undefined || parseLocalDate(date) <= businessDate(ctx)) return;
  throw invalidInput({
    en: `Placements cannot be recalled as of ${date}, a day to come (today is ${businessDate(ctx)}): their terms have not ended; run it on or after the day`,
    zh: `不能按将来的日期 ${date} 到期退案（今天是 ${businessDate(ctx)}）：委案期限尚未届满；请在当日或之后执行`,
  }, 'date');
}

export async function recallEndedPlacements(ctx: AppContext, actor: Actor, input: { date?: string } = {}): Promise<{ date: string; placements: TermEnded[]; recalled: number }> {
  authorize(actor, 'placements.recall');
  const date = input.date === undefined ? businessDate(ctx) : parseLocalDate(input.date);
  const placements = await inTransaction(ctx.pool, async (client) => {
    const ended = await recallEnded(client, date, ctx.now());
    for (const p of ended) {
      await appendAudit(client, actor, { action: 'placement.term_ended', entity: 'placement', entityId: p.placement_id, creditorId: p.creditor_id,
        detail: { batch_ref: p.batch_ref, ends_on: p.ends_on, recalled: p.recalled, promises_cancelled: p.promises_cancelled, date } });
    }
    return ended;
  });
  return { date, placements, recalled: placements.reduce((n, p) => n + p.recalled, 0) };
}

/** At most this many account numbers in one retention (a bank's list of accounts to keep). */
export const RETAIN_MAX = 10_000;

export interface RetentionResult {
  until: string;
  retained: Array<{ account_no: string; placement_ends_on: string; was: string | null }>;
  /** Accounts not kept, each with why (in both languages). */
  refused: Array<{ account_no: string; reason: string; reason_zh: string }>;
}

/**
 * 留案: the bank agreed the agency keeps these accounts (its account numbers) past their
 * placement's last day, until `until`: they are recalled the night after that day instead, their
 * commission runs to it, and a promise may fall due by it. The creditor's decision, made by its users
 * (their own accounts) or recorded by an admin; audited (`placement.retained`,
 * the accounts, the day and the reason). An account not found, no longer in collection, or whose
 * placement runs to that day anyway is refused with the reason; the others are kept.
 */
export async function retainAccounts(ctx: AppContext, actor: Actor,
  input: { creditor: string; accountNos: readonly string[]; until: string; reason?: string | null }): Promise<RetentionResult> {
  authorize(actor, 'placements.manage');
  const until = parseLocalDate(input.until);
  const today = businessDate(ctx) as LocalDate;
  if (compareDates(until, today) < 0) throw invalidInput({ en: `The day to keep the accounts until (${until}) is past; today is ${today}`, zh: `留案截止日（${until}）已过，今天是 ${today}` }, 'until');
  const reason = input.reason?.trim() || null;
  if (reason !== null && reason.length > 500) throw invalidInput({ en: `The reason is ${reason.length} characters; at most 500`, zh: `原因共 ${reason.length} 字，最多 500 字` }, 'reason');
  // Written as a bank file writes them (a spreadsheet's leading ', spaces): read as the import reads them.
  const accountNos = [...new Set(input.accountNos.map(cleanIdentifier).filter((n) => n !== ''))];
  if (accountNos.length === 0) throw invalidInput({ en: 'List the account numbers to keep, one per line', zh: '请填写要留案的账号，每行一个' }, 'account_nos');
  if (accountNos.length > RETAIN_MAX) throw invalidInput({ en: `${accountNos.length} accounts; at most ${RETAIN_MAX} at a time`, zh: `共 ${accountNos.length} 个账号，每次最多 ${RETAIN_MAX} 个` }, 'account_nos');
  const creditor = await creditorFor(ctx, actor, input.creditor);
  return inTransaction(ctx.pool, async (client) => {
    const kept = await keepAccounts(client, creditor.id, accountNos, until);
    const keptNos = new Set(kept.map((k) => k.account_no));
    const known = new Map((await accountsByNumber(client, creditor.id, accountNos.filter((n) => !keptNos.has(n)))).map((a) => [a.account_no, a]));
    const refused = accountNos.filter((n) => !keptNos.has(n)).map((accountNo) => {
      const a = known.get(accountNo);
      if (!a) return { account_no: accountNo, reason: `no account ${accountNo} of ${creditor.code}`, reason_zh: `${creditor.code} 没有账号为 ${accountNo} 的账户` };
      if (!(IN_COLLECTION as readonly string[]).includes(a.status)) {
        const status = a.status as AccountStatus;
        return { account_no: accountNo, reason: `no longer in collection (${ACCOUNT_STATUS_WORDS.en[status]?.toLowerCase() ?? a.status})`,
          reason_zh: `已不在催收中（${ACCOUNT_STATUS_WORDS['zh-CN'][status] ?? a.status}）` };
      }
      return { account_no: accountNo, reason: `its placement runs to ${a.ends_on} already`, reason_zh: `其委案本就到 ${a.ends_on} 才到期` };
    });
    if (kept.length > 0) {
      await appendAudit(client, actor, { action: 'placement.retained', entity: 'creditor', entityId: creditor.id, creditorId: creditor.id,
        detail: { until, reason, accounts: kept.slice(0, 1000).map((k) => k.account_id), count: kept.length, refused: refused.length } });
    }
    return { until, retained: kept.map(({ account_no, placement_ends_on, was }) => ({ account_no, placement_ends_on, was })), refused };
  });
}
