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

/**
 * The text of each page of a PDF whose text is all in one embedded font (pdfkit's subset, its
 * glyph numbers mapped back to characters by the font's ToUnicode map): every text drawing
 * operation (a cell, a line) as one string, in the order drawn, joined by " | ".
 */
export function pdfPageTexts(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const maps: Array<Map<number, string>> = [];
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    let body: string;
    try { body = inflateSync(pdf.subarray(start, text.indexOf('endstream', start))).toString('latin1'); } catch { continue; }
    if (!body.includes('beginbfrange')) continue;
    const map = new Map<number, string>();
    for (const range of body.matchAll(/<([0-9a-f]+)> <([0-9a-f]+)> \[([^\]]*)\]/gi)) {
      const first = parseInt(range[1]!, 16);
      [...range[3]!.matchAll(/<([0-9a-f ]+)>/gi)].forEach((u, i) => {
        map.set(first + i, String.fromCharCode(...u[1]!.split(' ').map((h) => parseInt(h, 16))));
      });
    }
    maps.push(map);
  }
  if (maps.length !== 1) throw new Error(`pdfPageTexts reads a PDF with one embedded font; this one has ${maps.length}`);
  const [map] = maps as [Map<number, string>];
  return pdfPageDrawings(pdf).map((page) => [...page.matchAll(/\[(.*?)\] TJ/g)]
    .map((op) => [...op[1]!.matchAll(/<([0-9a-f]+)>/g)]
      .map((hex) => hex[1]!.match(/.{4}/g)!.map((code) => map.get(parseInt(code, 16)) ?? '\uFFFD').join('')).join(''))
    .join(' | '));
}
