/**
 * Contact records for the bank (催记回传, docs/exports.md): every contact attempt on one
 * creditor's accounts over a period of business dates, as CSV (UTF-8 with a byte order mark,
 * or GBK for the banks' older systems) or XLSX. Written as it is read, a page of attempts at a
 * time, so a month of a large portfolio streams without being held in memory. An admin exports
 * any creditor's; a creditor's user their own. Every export writes an audit row.
 */
import type { Readable } from 'node:stream';
import { appendAudit } from '../../db/audit-repository.ts';
import { contactRecordsPage } from '../../db/exports-repository.ts';
import { addDays, isLocalDate, parseLocalDate, startOfLocalDay, type LocalDate } from '../../domain/calendar.ts';
import { invalidInput } from '../../domain/errors.ts';
import {
  CONTACT_RECORD_HEADERS, contactRecordCells, contactRecordCsvLine, contactRecordsCsvHeader, exportPeriod,
} from '../../domain/exports/contact-records.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { creditorForStatement } from '../statements/build-statement.ts';
import { csvBody, fileOptions, paged, XLSX_TYPE, xlsxBody } from './files.ts';

const PAGE = 20_000;

export interface ExportRequest {
  creditor?: string | undefined; format?: string | undefined; locale?: string | undefined; encoding?: string | undefined;
}
export interface ContactRecordsRequest extends ExportRequest { from?: string | undefined; to?: string | undefined }

export interface ContactRecordsFile {
  fileName: string; contentType: string; creditor: string; from: LocalDate; to: LocalDate;
  /** The file's bytes, produced as they are read; the audit row is written before the first. */
  body: Readable;
}

function dateOrNull(value: string | undefined, field: string): LocalDate | null {
  if (value === undefined || value === '') return null;
  if (!isLocalDate(value)) throw invalidInput({ en: `${field} must be a date YYYY-MM-DD, not "${value}"`, zh: `${field} 须为日期 YYYY-MM-DD，而不是“${value}”` }, field);
  return parseLocalDate(value);
}

export async function exportContactRecords(ctx: AppContext, actor: Actor, input: ContactRecordsRequest): Promise<ContactRecordsFile> {
  authorize(actor, 'exports.read');
  const { format, locale, encoding } = fileOptions(input);
  const { from, to } = exportPeriod(parseLocalDate(businessDate(ctx)), dateOrNull(input.from, 'from'), dateOrNull(input.to, 'to'));
  const creditor = await creditorForStatement(ctx.pool, actor, input.creditor);
  const range = { creditorId: creditor.id, zone: ctx.agencyZone,
    from: new Date(startOfLocalDay(from, ctx.agencyZone)), to: new Date(startOfLocalDay(addDays(to, 1), ctx.agencyZone)) };
  await appendAudit(ctx.pool, actor, { action: 'export.contact_records', entity: 'creditor', entityId: creditor.id, creditorId: creditor.id,
    detail: { from, to, format, locale, encoding } });

  const records = paged((after: { at: string; id: number } | null) => contactRecordsPage(ctx.pool, { ...range, after, limit: PAGE }), PAGE,
    (row) => ({ at: row.at, id: row.id }));
  const period = from === to ? from : `${from}_${to}`;
  const fileName = `contacts-${creditor.code}-${period}-${locale === 'zh-CN' ? 'zh' : 'en'}${encoding === 'gbk' ? '-gbk' : ''}.${format}`;
  const contentType = format === 'csv' ? `text/csv; charset=${encoding === 'gbk' ? 'gbk' : 'utf-8'}` : XLSX_TYPE;
  const body = format === 'csv'
    ? csvBody(contactRecordsCsvHeader(locale, encoding === 'utf8'), records, (row) => contactRecordCsvLine(row, locale), encoding)
    : xlsxBody(`${creditor.code} ${period}`, [20, 20, 8, 8, 14, 18, 16, 12, 40, 12, 12, 16], CONTACT_RECORD_HEADERS[locale], records,
      (row) => contactRecordCells(row, locale));
  return { fileName, contentType, creditor: creditor.code, from, to, body };
}
