import { appendAudit } from '../../db/audit-repository.ts';
import { deleteErrorsFilesBefore, lockDebtorMatching } from '../../db/import-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { countErasure, debtorsDue, eraseDebtors, erasureOutlook, lockStillDue, type ErasureCounts, type ErasureOutlook } from '../../db/privacy-repository.ts';
import { addDays, isLocalDate, parseLocalDate, startOfLocalDay } from '../../domain/calendar.ts';
import { invalidInput } from '../../domain/errors.ts';
import { DEFAULT_RETENTION_DAYS, ERASED, ERRORS_FILE_RETENTION_DAYS } from '../../domain/privacy.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';

/** Debtors erased in one transaction; a run goes through everyone due, batch after batch. */
const BATCH = 1_000;

export interface ErasureRun extends ErasureCounts {
  business_date: string; dry_run: boolean; due: number;
  /** Uploads' errors files deleted (or, in a dry run, due): kept ERRORS_FILE_RETENTION_DAYS days. */
  import_errors_files: number;
}

/** How many debtors are due for erasure today, how many in the next 30 days, and how many are erased. */
export async function personalDataOutlook(ctx: AppContext, actor: Actor): Promise<ErasureOutlook & { business_date: string; default_retention_days: number }> {
  authorize(actor, 'privacy.erase');
  const today = businessDate(ctx);
  return { business_date: today, default_retention_days: DEFAULT_RETENTION_DAYS,
    ...await erasureOutlook(ctx.pool, { today, zone: ctx.agencyZone, defaultDays: DEFAULT_RETENTION_DAYS }) };
}

/**
 * Erases the personal data of every debtor whose entrustment ended longer ago than the
 * retention period (docs/privacy.md), a batch per transaction, each with its audit row (the
 * debtors' ids and what was erased; nothing personal). Imports that match debtors by ID number
 * wait for a batch (the same lock), so none gives an erased debtor a new account meanwhile.
 * Uploads' errors files older than ERRORS_FILE_RETENTION_DAYS days are deleted in the same run.
 * `dryRun` counts what the run would erase, in the same shape, and changes nothing (on a day
 * to come too: a look ahead). `date` (the nightly job's business date)
 * defaults to today.
 */
export async function erasePersonalData(ctx: AppContext, actor: Actor, options: { dryRun?: boolean; date?: string } = {}): Promise<ErasureRun> {
  authorize(actor, 'privacy.erase');
  const today = options.date ?? businessDate(ctx);
  if (!isLocalDate(today)) throw invalidInput({ en: 'date must be YYYY-MM-DD', zh: '日期须为 YYYY-MM-DD' }, 'date');
  // Erasure is for good: judged on a day to come it would erase what the retention still keeps (a dry run may look ahead).
  if (!options.dryRun && today > businessDate(ctx)) {
    throw invalidInput({ en: `date ${today} is after today (${businessDate(ctx)}): erasure is judged on today or a day past; use --dry-run to see what a later day would erase`,
      zh: `日期 ${today} 晚于今天（${businessDate(ctx)}）：删除只能按今天或过去的日期判断；要预览以后某天会删除什么，请加 --dry-run` }, 'date');
  }
  const q = { today, zone: ctx.agencyZone, defaultDays: DEFAULT_RETENTION_DAYS };
  const total: ErasureRun = { business_date: today, dry_run: options.dryRun === true, due: 0, debtors: 0, accounts: 0, contact_points: 0,
    contact_notes: 0, messages: 0, hardship_statements: 0, evidence_files: 0, portal_actions: 0, import_errors_files: 0 };
  // Errors files of uploads made before this day, ERRORS_FILE_RETENTION_DAYS days ago, in the agency's zone.
  const errorsBefore = new Date(startOfLocalDay(addDays(parseLocalDate(today), -ERRORS_FILE_RETENTION_DAYS), ctx.agencyZone));
  const due = await debtorsDue(ctx.pool, q);
  if (options.dryRun) {
    // The same rows the run below would erase (privacy-repository's TO_ERASE), counted without locks or writes.
    total.import_errors_files = await deleteErrorsFilesBefore(ctx.pool, errorsBefore, ctx.now(), true);
    for (let start = 0; start < due.length; start += BATCH) {
      const ids = due.slice(start, start + BATCH);
      addCounts(total, await countErasure(ctx.pool, ids, ERASED));
      total.due += ids.length;
    }
    return total;
  }
  await inTransaction(ctx.pool, async (client) => {
    total.import_errors_files = await deleteErrorsFilesBefore(client, errorsBefore, ctx.now());
    if (total.import_errors_files > 0) {
      await appendAudit(client, actor, { action: 'privacy.erase', entity: 'import_batch',
        detail: { business_date: today, import_errors_files: total.import_errors_files, kept_days: ERRORS_FILE_RETENTION_DAYS } });
    }
  });
  const erasedEnc = ctx.cipher.encrypt(ERASED);
  for (let start = 0; start < due.length; start += BATCH) {
    await inTransaction(ctx.pool, async (client) => {
      await lockDebtorMatching(client);
      const ids = await lockStillDue(client, due.slice(start, start + BATCH), q);
      if (ids.length === 0) return;
      const counts = await eraseDebtors(client, ids, { at: ctx.now(), erased: ERASED, erasedEnc });
      await appendAudit(client, actor, { action: 'privacy.erase', entity: 'debtor', detail: { business_date: today, debtor_ids: ids, ...counts } });
      addCounts(total, counts);
      total.due += ids.length;
    });
  }
  return total;
}

function addCounts(total: ErasureRun, counts: ErasureCounts): void {
  for (const key of Object.keys(counts) as Array<keyof ErasureCounts>) total[key] += counts[key];
}
