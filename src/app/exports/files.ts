import { contractInForce } from '../../db/contracts-repository.ts';
import type { Queryable } from '../../db/pool.ts';
/** What the files sent back to creditors share: their options, CSV and XLSX writers. */
import { PassThrough, Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { invalidInput } from '../../domain/errors.ts';
import { excelJs } from '../workbooks.ts';
import type { ExportLocale } from '../../domain/exports/contact-records.ts';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export const EXPORT_ENCODINGS = ['utf8', 'gbk', 'gb18030'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type ExportEncoding = (typeof EXPORT_ENCODINGS)[number];

export interface ExportFile { fileName: string; contentType: string; creditor: string; body: Readable }

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, field: string): T {
  const v = value ?? fallback;
  if (!(allowed as readonly string[]).includes(v)) {
    throw invalidInput({ en: `${field} must be one of ${allowed.join(', ')}, not "${v}"`, zh: `${field} 必须是 ${allowed.join('、')} 之一，而不是“${v}”` }, field);
  }
  return v as T;
}

/** format, locale and encoding of a request, checked (encoding is a CSV's only). */
export function fileOptions(input: { format?: string | undefined; locale?: string | undefined; encoding?: string | undefined }):
  { format: ExportFormat; locale: ExportLocale; encoding: ExportEncoding } {
  const format = oneOf(input.format, EXPORT_FORMATS, 'csv', 'format');
  const locale = oneOf<ExportLocale>(input.locale, ['zh-CN', 'en'], 'zh-CN', 'locale');
  const encoding = oneOf(input.encoding, EXPORT_ENCODINGS, 'utf8', 'encoding');
  if (format === 'xlsx' && encoding !== 'utf8') throw invalidInput({ en: 'encoding applies to CSV only', zh: 'encoding 只适用于 CSV' }, 'encoding');
  return { format, locale, encoding };
}

/**
 * The language of a file for a bank when the request names none: the bank's, by its contract's
 * pack (a US or UK bank's in English, a Chinese bank's in Chinese), not that of whoever downloads it.
 */
export async function bankLocale(db: Queryable, creditorId: number, date: string): Promise<ExportLocale> {
  const pack = (await contractInForce(db, creditorId, date))?.pack;
  return pack === 'US' || pack === 'UK' ? 'en' : 'zh-CN';
}

/** Rows read a page at a time, by a keyset the page's last row gives. */
export async function* paged<Row, Key>(page: (after: Key | null) => Promise<Row[]>, size: number, keyOf: (row: Row) => Key): AsyncGenerator<Row> {
  let after: Key | null = null;
  for (;;) {
    const rows = await page(after);
    yield* rows;
    if (rows.length < size) return;
    after = keyOf(rows[rows.length - 1]!);
  }
}

/**
 * The codec of each encoding. GBK is written as strict GBK (code page 936): every byte a GBK
 * reader takes, a character GBK does not have (a rare one such as 䶮, or one beyond the BMP such
 * as 𠮷) written as `?`; GB18030 holds every character, in GBK's bytes for those GBK has.
 */
const CODECS: Record<Exclude<ExportEncoding, 'utf8'>, string> = { gbk: 'cp936', gb18030: 'gb18030' };

/** CSV bytes in 64 KB pieces: UTF-8 (the header line brings its byte order mark), GBK or GB18030. */
function csvBody<Row>(header: string, rows: AsyncIterable<Row>, line: (row: Row) => string, encoding: ExportEncoding): Readable {
  const encode = (text: string): Buffer => (encoding === 'utf8' ? Buffer.from(text, 'utf8') : iconv.encode(text, CODECS[encoding]));
  return Readable.from((async function* () {
    let chunk = header;
    for await (const row of rows) {
      chunk += line(row);
      if (chunk.length >= 64 * 1024) { yield encode(chunk); chunk = ''; }
    }
    yield encode(chunk);
  })());
}

/** How one kind of file lays its rows out, as CSV lines and as XLSX cells. */
export interface FileLayout<Row> {
  csvHeader(bom: boolean): string;
  csvLine(row: Row): string;
  header: readonly string[];
  cells(row: Row): string[];
  widths: readonly number[];
}

/**
 * The file of `rows` in the requested format: named `<kind>-<CODE>-<period>-<zh|en>[-gbk|-gb18030].<format>`,
 * its sheet `<CODE> <period>`.
 */
export function exportFile<Row>(kind: string, creditor: string, period: string, options: { format: ExportFormat; locale: ExportLocale; encoding: ExportEncoding },
  rows: AsyncIterable<Row>, layout: FileLayout<Row>): ExportFile {
  const { format, locale, encoding } = options;
  return {
    fileName: `${kind}-${creditor}-${period}-${locale === 'zh-CN' ? 'zh' : 'en'}${encoding === 'utf8' ? '' : `-${encoding}`}.${format}`,
    contentType: format === 'csv' ? `text/csv; charset=${encoding === 'utf8' ? 'utf-8' : encoding}` : XLSX_TYPE,
    creditor,
    body: format === 'csv' ? csvBody(layout.csvHeader(encoding === 'utf8'), rows, layout.csvLine, encoding)
      : xlsxBody(`${creditor} ${period}`, layout.widths, layout.header, rows, layout.cells),
  };
}

/** An XLSX workbook of one sheet, written as the rows come (exceljs's streaming writer). */
function xlsxBody<Row>(sheetName: string, widths: readonly number[], header: readonly string[], rows: AsyncIterable<Row>,
  cells: (row: Row) => string[]): Readable {
  const out = new PassThrough();
  void (async () => {
    const book = new (excelJs()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const sheet = book.addWorksheet(sheetName.slice(0, 31));
    sheet.columns = widths.map((width) => ({ width }));
    const head = sheet.addRow([...header]);
    head.font = { bold: true };
    head.commit();
    for await (const row of rows) sheet.addRow(cells(row)).commit();
    sheet.commit();
    await book.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}
