/**
 * Contact records for the bank (催记回传, docs/exports.md): every contact attempt on one
 * creditor's accounts over a period of business dates, as CSV (UTF-8 with a byte order mark,
 * or GBK for the banks' older systems) or XLSX. Written as it is read, a page of attempts at a
 * time, so a month of a large portfolio streams without being held in memory. An admin exports
 * any creditor's; a creditor's user their own. Every export writes an audit row.
 */
import { appendAudit } from '../../db/audit-repository.ts';
import { contactRecordsPage } from '../../db/exports-repository.ts';
import { addDays, optionalLocalDate, parseLocalDate, startOfLocalDay, type LocalDate } from '../../domain/calendar.ts';
import {
  CONTACT_RECORD_HEADERS, contactRecordCells, contactRecordCsvLine, contactRecordsCsvHeader, exportPeriod,
} from '../../domain/exports/contact-records.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { creditorForStatement } from '../statements/build-statement.ts';
import { bankLocale, exportFile, fileOptions, paged, type ExportFile } from './files.ts';

const PAGE = 20_000;

export interface ExportRequest {
  creditor?: string | undefined; format?: string | undefined; locale?: string | undefined; encoding?: string | undefined;
}
export interface ContactRecordsRequest extends ExportRequest { from?: string | undefined; to?: string | undefined }

/** The file's bytes are produced as they are read; the audit row is written before the first. */
export interface ContactRecordsFile extends ExportFile { from: LocalDate; to: LocalDate }

export async function exportContactRecords(ctx: AppContext, actor: Actor, input: ContactRecordsRequest): Promise<ContactRecordsFile> {
  authorize(actor, 'exports.read');
  const { format, locale: asked, encoding } = fileOptions(input);
  const { from, to } = exportPeriod(parseLocalDate(businessDate(ctx)), optionalLocalDate(input.from, 'from'), optionalLocalDate(input.to, 'to'));
  const creditor = await creditorForStatement(ctx.pool, actor, input.creditor);
  const locale = input.locale === undefined ? await bankLocale(ctx.pool, creditor.id, businessDate(ctx)) : asked;
  const range = { creditorId: creditor.id, zone: ctx.agencyZone,
    from: new Date(startOfLocalDay(from, ctx.agencyZone)), to: new Date(startOfLocalDay(addDays(to, 1), ctx.agencyZone)) };
  await appendAudit(ctx.pool, actor, { action: 'export.contact_records', entity: 'creditor', entityId: creditor.id, creditorId: creditor.id,
    detail: { from, to, format, locale, encoding } });

  const records = paged((after: { at: string; id: number } | null) => contactRecordsPage(ctx.pool, { ...range, after, limit: PAGE }), PAGE,
    (row) => ({ at: row.at, id: row.id }));
  const file = exportFile('contacts', creditor.code, from === to ? from : `${from}_${to}`, { format, locale, encoding }, records, {
    csvHeader: (bom) => contactRecordsCsvHeader(locale, bom), csvLine: (row) => contactRecordCsvLine(row, locale),
    header: CONTACT_RECORD_HEADERS[locale], cells: (row) => contactRecordCells(row, locale), widths: [20, 20, 8, 8, 14, 18, 16, 12, 40, 12, 12, 16],
  });
  return { ...file, from, to };
}
