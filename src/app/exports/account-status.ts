/**
 * Account status for the bank (案件状态回盘, docs/exports.md): every account the agency holds
 * for one creditor, as it stands now, as CSV (UTF-8 or GBK) or XLSX, streamed a page at a time.
 * An admin exports any creditor's; a creditor's user their own. Every export is audited.
 */
import { appendAudit } from '../../db/audit-repository.ts';
import { accountStatusPage } from '../../db/exports-repository.ts';
import { parseLocalDate } from '../../domain/calendar.ts';
import { ACCOUNT_STATUS_HEADERS, accountStatusCells, accountStatusCsvHeader, accountStatusCsvLine } from '../../domain/exports/account-status.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { creditorForStatement } from '../statements/build-statement.ts';
import type { ExportRequest } from './contact-records.ts';
import { bankLocale, exportFile, fileOptions, paged, type ExportFile } from './files.ts';

const PAGE = 5_000;

export async function exportAccountStatus(ctx: AppContext, actor: Actor, input: ExportRequest): Promise<ExportFile & { asOf: string }> {
  authorize(actor, 'exports.read');
  const { format, locale: asked, encoding } = fileOptions(input);
  const today = parseLocalDate(businessDate(ctx));
  const creditor = await creditorForStatement(ctx.pool, actor, input.creditor);
  const locale = input.locale === undefined ? await bankLocale(ctx.pool, creditor.id, businessDate(ctx)) : asked;
  await appendAudit(ctx.pool, actor, { action: 'export.account_status', entity: 'creditor', entityId: creditor.id, creditorId: creditor.id,
    detail: { as_of: today, format, locale, encoding } });
  const accounts = paged((afterId: number | null) => accountStatusPage(ctx.pool, { creditorId: creditor.id, zone: ctx.agencyZone, today, afterId: afterId ?? 0, limit: PAGE }),
    PAGE, (row) => row.id);
  const file = exportFile('accounts', creditor.code, today, { format, locale, encoding }, accounts, {
    csvHeader: (bom) => accountStatusCsvHeader(locale, bom), csvLine: (row) => accountStatusCsvLine(row, locale, today),
    header: ACCOUNT_STATUS_HEADERS[locale], cells: (row) => accountStatusCells(row, locale, today), widths: [20, 12, 12, 12, 12, 12, 10, 8, 12, 20, 16, 12, 12, 20, 10],
  });
  return { ...file, asOf: today };
}
