/**
 * The recall list for the bank (退案清单, docs/exports.md): the creditor's accounts whose recall
 * date falls in a period of business dates (by default yesterday: the night's recall at term end is
 * dated the term's last day), as CSV (UTF-8 or GBK) or XLSX, streamed a page at a time. An admin
 * exports any creditor's; a creditor's user their own. Every export is audited.
 */
import { appendAudit } from '../../db/audit-repository.ts';
import { recalledAccountsPage } from '../../db/exports-repository.ts';
import { optionalLocalDate, parseLocalDate } from '../../domain/calendar.ts';
import { exportPeriod } from '../../domain/exports/contact-records.ts';
import { RECALLED_ACCOUNT_HEADERS, recalledAccountCells, recalledAccountCsvLine, recalledAccountsCsvHeader } from '../../domain/exports/recalled-accounts.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { creditorForStatement } from '../statements/build-statement.ts';
import type { ContactRecordsFile, ContactRecordsRequest } from './contact-records.ts';
import { bankLocale, exportFile, fileOptions, paged } from './files.ts';

const PAGE = 5_000;

export async function exportRecalledAccounts(ctx: AppContext, actor: Actor, input: ContactRecordsRequest): Promise<ContactRecordsFile> {
  authorize(actor, 'exports.read');
  const { format, locale: asked, encoding } = fileOptions(input);
  const { from, to } = exportPeriod(parseLocalDate(businessDate(ctx)), optionalLocalDate(input.from, 'from'), optionalLocalDate(input.to, 'to'));
  const creditor = await creditorForStatement(ctx.pool, actor, input.creditor);
  const locale = input.locale === undefined ? await bankLocale(ctx.pool, creditor.id, businessDate(ctx)) : asked;
  await appendAudit(ctx.pool, actor, { action: 'export.recalled_accounts', entity: 'creditor', entityId: creditor.id, creditorId: creditor.id,
    detail: { from, to, format, locale, encoding } });
  const accounts = paged((afterId: number | null) => recalledAccountsPage(ctx.pool, { creditorId: creditor.id, from, to, zone: ctx.agencyZone, afterId: afterId ?? 0, limit: PAGE }),
    PAGE, (row) => row.id);
  const file = exportFile('recalled', creditor.code, from === to ? from : `${from}_${to}`, { format, locale, encoding }, accounts, {
    csvHeader: (bom) => recalledAccountsCsvHeader(locale, bom), csvLine: (row) => recalledAccountCsvLine(row, locale),
    header: RECALLED_ACCOUNT_HEADERS[locale], cells: (row) => recalledAccountCells(row, locale), widths: [20, 24, 12, 12, 14, 10, 12, 12, 12, 12, 14, 12, 20, 16],
  });
  return { ...file, from, to };
}
