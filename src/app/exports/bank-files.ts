/**
 * The nightly drop of files for the banks (docs/exports.md): when the agency names a directory
 * (LEEWAY_EXPORT_DIR), the nightly run writes, for every creditor with accounts, yesterday's
 * contact records and today's account status (and, when it had accounts recalled yesterday, the
 * recall list of them: at the end of a placement's term the night recalls them on its last day)
 * into `<dir>/<CODE>/`, where the agency's file
 * transfer to the bank picks them up. Each file is written under a temporary name and renamed
 * once complete, so nothing half-written is ever picked up; owner-only (0600).
 */
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { listCreditors } from '../../db/creditors-repository.ts';
import { addDays, parseLocalDate } from '../../domain/calendar.ts';
import type { Actor, AppContext } from '../context.ts';
import { businessDate } from '../business-date.ts';
import { exportAccountStatus } from './account-status.ts';
import { exportContactRecords } from './contact-records.ts';
import { exportRecalledAccounts } from './recalled-accounts.ts';
import { anyRecalledOn } from '../../db/exports-repository.ts';
import type { ExportEncoding } from './files.ts';

export interface BankFilesRun { business_date: string; directory: string; files: string[] }

export async function writeBankFiles(ctx: AppContext, actor: Actor, directory: string, options: { encoding?: ExportEncoding } = {}): Promise<BankFilesRun> {
  const today = parseLocalDate(businessDate(ctx));
  const yesterday = addDays(today, -1);
  const encoding = options.encoding ?? 'utf8';
  const files: string[] = [];
  for (const creditor of await listCreditors(ctx.pool)) {
    if (creditor.accounts === 0) continue;
    const dir = path.join(directory, creditor.code);
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    for (const file of [
      await exportContactRecords(ctx, actor, { creditor: creditor.code, from: yesterday, to: yesterday, encoding }),
      await exportAccountStatus(ctx, actor, { creditor: creditor.code, encoding }),
      ...(await anyRecalledOn(ctx.pool, creditor.id, yesterday) ? [await exportRecalledAccounts(ctx, actor, { creditor: creditor.code, from: yesterday, to: yesterday, encoding })] : []),
    ]) {
      const target = path.join(dir, file.fileName);
      const partial = `${target}.partial`;
      try {
        await pipeline(file.body, createWriteStream(partial, { mode: 0o600 }));
        await fs.rename(partial, target);
      } catch (error) {
        await fs.rm(partial, { force: true });
        throw error;
      }
      files.push(path.relative(directory, target));
    }
  }
  return { business_date: today, directory, files };
}
