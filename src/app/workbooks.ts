/**
 * exceljs and pdfkit, loaded the first time a workbook or a PDF is made or read rather than when
 * the process starts: together they take about a third of a second to load, which every
 * `leeway` command and every server start would otherwise pay, most of them never touching a
 * spreadsheet or a PDF. Both are CommonJS packages; `require` gives the same object their
 * default import does.
 */
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import type PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
let excel: typeof ExcelJS | undefined;
let pdf: typeof PDFDocument | undefined;

export function excelJs(): typeof ExcelJS {
  return (excel ??= require('exceljs') as typeof ExcelJS);
}

export function pdfKit(): typeof PDFDocument {
  return (pdf ??= require('pdfkit') as typeof PDFDocument);
}
