/**
 * Contact records for the bank (催记回传, docs/exports.md): every contact attempt on one
 * creditor's accounts over a period of business dates, as CSV (UTF-8 with a byte order mark,
 * or GBK for the banks' older systems) or XLSX. Written as it is read, a page of attempts at a
 * time, so a month of a large portfolio streams without being held in memory. An admin exports
 * any creditor's; a creditor's user their own. Every export writes an audit row.
 */
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { appendAudit } from '../../db/audit-repository.ts';
import { contactRecordsPage, type ContactRecordRow } from '../../db/exports-repository.ts';
import { addDays, isLocalDate, parseLocalDate, startOfLocalDay, type LocalDate } from '../../domain/calendar.ts';
import { invalidInput } from '../../domain/errors.ts';
import {
  CONTACT_RECORD_HEADERS, contactRecordCells, contactRecordCsvLine, contactRecordsCsvHeader, exportPeriod, type ExportLocale,
} from '../../domain/exports/contact-records.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { creditorForStatement } from '../statements/build-statement.ts';

export const CONTACT_RECORD_FORMATS = ['csv', 'xlsx'] as const;
export const CONTACT_RECORD_ENCODINGS = ['utf8', 'gbk'] as const;
const PAGE = 20_000;

export interface ContactRecordsRequest {
  creditor?: string | undefined; from?: string | undefined; to?: string | undefined;
  format?: string | undefined; locale?: string | undefined; encoding?: string | undefined;
}

export interface ContactRecordsFile {
  fileName: string; contentType: string; creditor: string; from: LocalDate; to: LocalDate;
  /** The file's bytes, produced as they are read; the audit row is written before the first. */
  body: Readable;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, field: string): T {
  const v = value ?? fallback;
  if (!(allowed as readonly string[]).includes(v)) {
    throw invalidInput({ en: `${field} must be one of ${allowed.join(', ')}, not "${v}"`, zh: `${field} 必须是 ${allowed.join('、')} 之一，而不是“${v}”` }, field);
  }
  return v as T;
}

function dateOrNull(value: string | undefined, field: string): LocalDate | null {
  if (value === undefined || value === '') return null;
  if (!isLocalDate(value)) throw invalidInput({ en: `${field} must be a date YYYY-MM-DD, not "${value}"`, zh: `${field} 须为日期 YYYY-MM-DD，而不是“${value}”` }, field);
  return parseLocalDate(value);
}

export async function exportContactRecords(ctx: AppContext, actor: Actor, input: ContactRecordsRequest): Promise<ContactRecordsFile> {
  authorize(actor, 'exports.contact_records');
  const format = oneOf(input.format, CONTACT_RECORD_FORMATS, 'csv', 'format');
  const locale = oneOf<ExportLocale>(input.locale, ['zh-CN', 'en'], 'zh-CN', 'locale');
  const encoding = oneOf(input.encoding, CONTACT_RECORD_ENCODINGS, 'utf8', 'encoding');
  if (format === 'xlsx' && encoding !== 'utf8') throw invalidInput({ en: 'encoding applies to CSV only', zh: 'encoding 只适用于 CSV' }, 'encoding');
  const { from, to } = exportPeriod(parseLocalDate(businessDate(ctx)), dateOrNull(input.from, 'from'), dateOrNull(input.to, 'to'));
  const creditor = await creditorForStatement(ctx.pool, actor, input.creditor);
  const range = { creditorId: creditor.id, zone: ctx.agencyZone,
    from: new Date(startOfLocalDay(from, ctx.agencyZone)), to: new Date(startOfLocalDay(addDays(to, 1), ctx.agencyZone)) };
  await appendAudit(ctx.pool, actor, { action: 'export.contact_records', entity: 'creditor', entityId: creditor.id, creditorId: creditor.id,
    detail: { from, to, format, locale, encoding } });

  async function* records(): AsyncGenerator<ContactRecordRow> {
    let after: { at: string; id: number } | null = null;
    for (;;) {
      const page = await contactRecordsPage(ctx.pool, { ...range, after, limit: PAGE });
      yield* page;
      if (page.length < PAGE) return;
      const last = page[page.length - 1]!;
      after = { at: last.at, id: last.id };
    }
  }
  const period = from === to ? from : `${from}_${to}`;
  const fileName = `contacts-${creditor.code}-${period}-${locale === 'zh-CN' ? 'zh' : 'en'}${encoding === 'gbk' ? '-gbk' : ''}.${format}`;
  if (format === 'csv') {
    return { fileName, contentType: `text/csv; charset=${encoding === 'gbk' ? 'gbk' : 'utf-8'}`, creditor: creditor.code, from, to,
      body: Readable.from(csv(records(), locale, encoding)) };
  }
  return { fileName, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', creditor: creditor.code, from, to,
    body: xlsx(records(), locale, `${creditor.code} ${period}`) };
}

async function* csv(rows: AsyncIterable<ContactRecordRow>, locale: ExportLocale, encoding: 'utf8' | 'gbk'): AsyncGenerator<Buffer> {
  const encode = (text: string): Buffer => (encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8'));
  let chunk = contactRecordsCsvHeader(locale, encoding === 'utf8');
  for await (const row of rows) {
    chunk += contactRecordCsvLine(row, locale);
    if (chunk.length >= 64 * 1024) { yield encode(chunk); chunk = ''; }
  }
  yield encode(chunk);
}

function xlsx(rows: AsyncIterable<ContactRecordRow>, locale: ExportLocale, sheetName: string): Readable {
  const out = new PassThrough();
  void (async () => {
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const sheet = book.addWorksheet(sheetName.slice(0, 31));
    sheet.columns = [20, 20, 8, 8, 14, 18, 16, 12, 40, 12, 12, 16].map((width) => ({ width }));
    const header = sheet.addRow([...CONTACT_RECORD_HEADERS[locale]]);
    header.font = { bold: true };
    header.commit();
    for await (const row of rows) sheet.addRow(contactRecordCells(row, locale)).commit();
    sheet.commit();
    await book.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}
