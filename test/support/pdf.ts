import { inflateSync } from 'node:zlib';

/**
 * A PDF's pages as their drawing operators (pdfkit's page content streams, inflated), in page
 * order; a page's stream begins with the page's flip of the y axis (`1 0 0 -1 0 <height> cm`).
 */
export function pdfPageDrawings(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const out: string[] = [];
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = text.indexOf('endstream', start);
    let body: string;
    try { body = inflateSync(pdf.subarray(start, end)).toString('latin1'); } catch { continue; /* not deflated: not a page */ }
    if (/^1 0 0 -1 0 [\d.]+ cm/.test(body)) out.push(body);
  }
  return out;
}

/** A PDF's drawing operators, every page's together. */
export function pdfDrawing(pdf: Buffer): string {
  return pdfPageDrawings(pdf).join('\n');
}

/** How many pages a PDF has. */
export function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
}

/**
 * The text a page draws in one of the PDF's standard fonts (Helvetica and the like, written as
 * WinAnsi bytes in hex), after a given fill colour is set and until the next one: the words drawn
 * in that colour. Text in an embedded font (glyph numbers) is not readable this way.
 */
export function standardFontTextIn(drawing: string, colour: string): string {
  let out = '';
  for (let at = drawing.indexOf(`${colour} scn`); at >= 0; at = drawing.indexOf(`${colour} scn`, at + 1)) {
    const end = drawing.indexOf(' scn', at + colour.length + 4);
    const part = drawing.slice(at, end < 0 ? undefined : end);
    for (const line of part.matchAll(/\[(.*?)\] TJ/g)) {
      for (const hex of line[1]!.matchAll(/<([0-9a-f]+)>/g)) out += Buffer.from(hex[1]!, 'hex').toString('latin1');
      out += ' ';
    }
  }
  return out.replace(/\s+/g, ' ').trim();
}
