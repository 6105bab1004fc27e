/**
 * A statement as a file: CSV (UTF-8 with BOM, so Excel reads the Chinese), XLSX (exceljs)
 * and PDF (pdfkit, with a CJK font from the machine: Noto Sans CJK SC by default, or
 * LEEWAY_PDF_FONT). Headings and words in zh-CN or en; amounts are the stored fen, printed
 * with two decimals; totals are the statement's own (sums of its lines).
 */
import fs from 'node:fs';
import { PassThrough } from 'node:stream';
import { AppError, invalidInput } from '../../domain/errors.ts';
import {
  groupedYuan, lineCells, moneyText, statementHeaders, STATEMENT_WORDS, statementCsv, type StatementLocale,
} from '../../domain/statements/statement.ts';
import type { Actor, AppContext } from '../context.ts';
import { creditorNameFor } from '../../domain/creditor-name.ts';
import { excelJs, pdfKit } from '../workbooks.ts';
import { buildStatement, type StatementView } from './build-statement.ts';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
/** Beyond this many lines the PDF carries totals by bucket; CSV and XLSX always carry every line. */
export const PDF_LINE_LIMIT = 3000;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportedFile { fileName: string; contentType: string; body: Buffer }

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

export async function exportStatement(ctx: AppContext, actor: Actor, input: { creditor?: string | undefined; month?: string | undefined; format?: string | undefined; locale?: string | undefined }): Promise<ExportedFile> {
  const view = await buildStatement(ctx, actor, input); // authorizes first
  const format = input.format ?? 'csv';
  // Unasked, in the bank's language, as the files for the bank are: English for a US or UK contract's dollars and pounds.
  const locale = input.locale ?? (view.currency === 'CNY' ? 'zh-CN' : 'en');
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw invalidInput({ en: `format must be one of ${EXPORT_FORMATS.join(', ')}, not "${format}"`, zh: `format 必须是 ${EXPORT_FORMATS.join('、')} 之一，而不是“${format}”` }, 'format');
  }
  if (locale !== 'zh-CN' && locale !== 'en') throw invalidInput({ en: `locale must be zh-CN or en, not "${locale}"`, zh: `locale 必须是 zh-CN 或 en，而不是“${locale}”` }, 'locale');
  return renderStatement(view, format as ExportFormat, locale);
}

export async function renderStatement(view: StatementView, format: ExportFormat, locale: StatementLocale): Promise<ExportedFile> {
  const suffix = locale === 'zh-CN' ? 'zh' : 'en';
  const fileName = `statement-${view.creditor}-${view.month}${view.status === 'draft' ? '-draft' : ''}-${suffix}.${format}`;
  const body = format === 'csv' ? Buffer.from(statementCsv({ ...view, issued: view.status === 'issued' }, locale), 'utf8')
    : format === 'xlsx' ? await xlsx(view, locale) : await pdf(view, locale);
  return { fileName, contentType: CONTENT_TYPES[format], body };
}

/** The bank as the statement's reader names it: its English name in English, where it has one. */
function bankName(view: StatementView, locale: StatementLocale): string {
  return creditorNameFor(locale === 'en', { name: view.creditor_name, name_en: view.creditor_name_en });
}

async function xlsx(view: StatementView, locale: StatementLocale): Promise<Buffer> {
  const w = STATEMENT_WORDS[locale];
  // The streaming writer: rows go out as they are added, so a month of 100,000 lines stays quick and small in memory.
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => { out.on('end', resolve); out.on('error', reject); });
  const book = new (excelJs()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = book.addWorksheet(`${view.creditor} ${view.month}`);
  const money = { numFmt: '#,##0.00' };
  sheet.columns = [6, 12, 22, 22, 12, 16, 14, 10, 16, 14].map((width, i) => ({ width, ...(i === 5 || i === 8 ? { style: money } : {}) }));
  sheet.addRow([`${w.title} · ${bankName(view, locale)} (${view.creditor}) · ${view.month} · ${view.status === 'issued' ? w.issued : w.draft}`]).commit();
  const header = sheet.addRow([...statementHeaders(locale, view.currency)]);
  header.font = { bold: true };
  header.commit();
  for (const line of view.lines) {
    const cells: (string | number)[] = lineCells(line, locale);
    cells[0] = line.line_no;
    cells[5] = line.amount_fen / 100; // fen / 100 is exact to two decimals for a spreadsheet
    cells[8] = line.commission_fen / 100;
    sheet.addRow(cells).commit();
  }
  sheet.addRow([]).commit();
  for (const [label, value] of [[w.recovered, view.totals.recovered_fen], [w.commission, view.totals.commission_fen], [w.net_due, view.totals.net_due_fen]] as const) {
    const row = sheet.addRow([label, value / 100]);
    row.font = { bold: true };
    row.getCell(2).numFmt = money.numFmt;
    row.commit();
  }
  sheet.commit();
  await book.commit();
  await finished;
  return Buffer.concat(chunks);
}

/** The CJK font a PDF uses: LEEWAY_PDF_FONT (a .ttf/.otf, or a .ttc with #PostScriptName), else the first of these found. */
const FONT_CANDIDATES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular',
  '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc#NotoSerifCJKsc-Regular',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc#WenQuanYiMicroHei',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc#WenQuanYiZenHei',
  '/usr/share/fonts/truetype/arphic/uming.ttc#AR-PLUMingCN-Light',
];

export function cjkFont(env: NodeJS.ProcessEnv = process.env): { path: string; family: string | undefined } {
  for (const spec of [env.LEEWAY_PDF_FONT, ...FONT_CANDIDATES]) {
    if (!spec) continue;
    const [file, family] = spec.split('#');
    if (file && fs.existsSync(file)) return { path: file, family };
  }
  throw new AppError('FONT_MISSING', {
    en: 'No Chinese font for PDF statements: install fonts-noto-cjk (apt-get install fonts-noto-cjk) or set LEEWAY_PDF_FONT to a .ttf/.otf file',
    zh: '没有可用于 PDF 结算单的中文字体：请安装 fonts-noto-cjk（apt-get install fonts-noto-cjk），或将 LEEWAY_PDF_FONT 设为一个 .ttf/.otf 字体文件',
  });
}

/**
 * A PDF document with the CJK font registered as `cjk` (Chinese, and Latin text too), and the
 * promise of its bytes once `doc.end()` is called: what every printed file here starts from.
 */
export function cjkPdf(options: PDFKit.PDFDocumentOptions): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const font = cjkFont();
  const PDFDocument = pdfKit();
  const doc = new PDFDocument(options);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => { doc.on('end', () => resolve(Buffer.concat(chunks))); doc.on('error', reject); });
  if (font.family) doc.registerFont('cjk', font.path, font.family); else doc.registerFont('cjk', font.path);
  return { doc, done };
}

function pdf(view: StatementView, locale: StatementLocale): Promise<Buffer> {
  const w = STATEMENT_WORDS[locale];
  // Pages kept until the end, when each is numbered ("Page 2 of 4") with the statement it belongs to.
  const { doc, done } = cjkPdf({ size: 'A4', layout: 'landscape', margin: 36, bufferPages: true, info: { Title: `${w.title} ${view.creditor} ${view.month}` } });
  doc.font('cjk');

  const name = locale === 'zh-CN' ? `${view.creditor_name}（${view.creditor}）` : `${bankName(view, locale)} (${view.creditor})`;
  doc.fontSize(16).text(`${w.title} · ${name} · ${view.month}`);
  doc.fontSize(10).text(`${w.status}: ${view.status === 'issued' ? `${w.issued} ${view.issued_local ?? ''}` : w.draft}`);
  doc.moveDown(0.5);
  doc.text(`${w.recovered}: ${moneyText(view.totals.recovered_fen, locale, view.currency)}    ${w.commission}: ${moneyText(view.totals.commission_fen, locale, view.currency)}    ${w.net_due}: ${moneyText(view.totals.net_due_fen, locale, view.currency)}    ${w.lines}: ${view.totals.lines}`);
  doc.moveDown(0.5);

  // The landscape page's 770 points: a transaction id as long as a reversal's (STAFF-20260302-3f3038d5-REV) fits its column.
  const widths = [30, 62, 110, 150, 66, 80, 64, 46, 80, 82];
  const right = new Set([0, 5, 7, 8]);
  // Headings may take two lines; a value takes one, in a smaller size when it is long, and is cut (…) only below 6.5 points:
  // no cell runs into the next one or onto the row below.
  const fitted = (text: string, width: number, size: number): { text: string; size: number } => {
    for (let s = size; s >= 6.5; s -= 0.5) {
      doc.fontSize(s);
      if (doc.widthOfString(text) <= width) return { text, size: s };
    }
    let cut = text;
    while (cut.length > 1 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
    return { text: `${cut}…`, size: 6.5 };
  };
  // The table's headings, drawn again at the top of every page the table runs onto.
  let headings: readonly string[] | null = null;
  const row = (cells: readonly string[], heading = false) => {
    const size = heading ? 9 : 8.5;
    doc.fontSize(size);
    const height = heading ? Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - (right.has(i) ? 10 : 4) }))) + 3 : 14;
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      if (headings && cells !== headings) row(headings, true);
    }
    const y = doc.y;
    let x = doc.page.margins.left;
    cells.forEach((cell, i) => {
      const width = widths[i]! - (right.has(i) ? 10 : 4);   // a figure keeps a gap from the words after it
      const align = right.has(i) ? 'right' : 'left';
      if (heading) {
        doc.fontSize(size).text(cell, x, y, { width, align });
      } else {
        const fit = fitted(cell, width, size);
        doc.fontSize(fit.size).text(fit.text, x, y + (size - fit.size), { width, align, lineBreak: false });
      }
      x += widths[i]!;
    });
    doc.x = doc.page.margins.left;
    doc.y = y + height;
  };
  if (view.lines.length > PDF_LINE_LIMIT) {
    // A printed statement of thousands of pages helps nobody: totals by bucket here, every line in the CSV/XLSX.
    doc.text(w.too_many!.replace('{n}', String(view.lines.length)));
    doc.moveDown(0.5);
    const byBucket = new Map<string, { n: number; amount: number; commission: number }>();
    for (const l of view.lines) {
      const b = byBucket.get(l.bucket ?? '') ?? { n: 0, amount: 0, commission: 0 };
      b.n++; b.amount += l.amount_fen; b.commission += l.commission_fen;
      byBucket.set(l.bucket ?? '', b);
    }
    headings = ['', '', statementHeaders(locale, view.currency)[6]!, w.lines!, '', statementHeaders(locale, view.currency)[5]!, '', '', statementHeaders(locale, view.currency)[8]!, ''];
    row(headings, true);
    for (const [bucket, b] of [...byBucket].sort()) row(['', '', bucket || '—', String(b.n), '', groupedYuan(b.amount), '', '', groupedYuan(b.commission), '']);
  } else if (view.lines.length === 0) {
    doc.fontSize(10).text(w.empty!.replace('{month}', view.month));
  } else {
    headings = statementHeaders(locale, view.currency);
    row(headings, true);
    for (const line of view.lines) {
      const cells = lineCells(line, locale);
      cells[5] = groupedYuan(line.amount_fen);
      cells[8] = groupedYuan(line.commission_fen);
      row(cells);
    }
  }
  if (view.lines.length > 0) {
    doc.moveDown(0.5);
    row(['', w.total!, '', '', '', groupedYuan(view.totals.recovered_fen), '', '', groupedYuan(view.totals.commission_fen), ''], true);
  }
  // Each page's foot: the statement and its page number, inside the bottom margin (no new page for it).
  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const foot = `${w.title} · ${view.creditor} · ${view.month}    ${w.page!.replace('{i}', String(i + 1)).replace('{n}', String(pages.count))}`;
    doc.fontSize(8).text(foot, doc.page.margins.left, doc.page.height - bottom + 12,
      { width: doc.page.width - doc.page.margins.left - doc.page.margins.right, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
