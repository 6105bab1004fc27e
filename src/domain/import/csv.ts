/**
 * CSV as banks write it (RFC 4180: quoted fields, doubled quotes, CRLF or LF, newlines
 * inside quotes), parsed incrementally from decoded text.
 *
 * Why not csv-parse here: on the bench's 1,000,000-row file csv-parse alone takes longer
 * than the whole import may (issue 3's budget is 3x a raw COPY), because it walks every
 * character through a state machine. Most bank rows hold no quote at all, so this parser
 * splits such a line with one `split` and walks characters only inside quoted records.
 * test/import-csv.test.ts checks it against csv-parse on generated files.
 *
 * Leniency, on purpose: a quote inside an unquoted field is kept as a character (张"三),
 * and characters after a closing quote are appended to the field. An opening quote that is
 * never closed is the one thing that makes a file malformed.
 */
import { invalidInput } from '../errors.ts';

export type Delimiter = ',' | '\t' | ';';

const QUOTE = 34;
const CR = 13;
const LF = 10;

export class CsvParser {
  readonly #delimiter: Delimiter;
  readonly #delimiterCode: number;
  #rest = '';
  /**
   * What the unfinished record in #rest needs before parsing it again can finish it: a newline
   * (its line has none yet), a quote (a quoted field is open), or anything (null). A chunk without
   * it is only added on: a long record (a 16 MB cell, a stray quote that swallows the rest of the
   * file) is parsed again once per character it waits for, not once per chunk.
   */
  #waitFor: string | null = null;
  /** Records completed so far (blank lines included): the row number of the last record. */
  recordCount = 0;

  constructor(delimiter: Delimiter) {
    this.#delimiter = delimiter;
    this.#delimiterCode = delimiter.charCodeAt(0);
  }

  /** Adds decoded text; returns the records it completed, in order. */
  push(chunk: string): string[][] {
    if (this.#rest.length && this.#waitFor !== null && !chunk.includes(this.#waitFor)) {
      this.#rest += chunk;
      return [];
    }
    const text = this.#rest.length ? this.#rest + chunk : chunk;
    const out: string[][] = [];
    this.#waitFor = null;
    const pos = this.#parse(text, out, false);
    this.#rest = pos < text.length ? text.slice(pos) : '';
    return out;
  }

  /** The end of the input: the last record may lack its newline. */
  end(): string[][] {
    const out: string[][] = [];
    if (this.#rest.length) this.#parse(this.#rest, out, true);
    this.#rest = '';
    return out;
  }

  #parse(text: string, out: string[][], final: boolean): number {
    const delimiter = this.#delimiter;
    const len = text.length;
    let pos = 0;
    let nextQuote = text.indexOf('"');
    while (pos < len) {
      let nl = text.indexOf('\n', pos);
      if (nl === -1) {
        if (!final) { this.#waitFor = '\n'; break; }
        nl = len;
      }
      if (nextQuote !== -1 && nextQuote < pos) nextQuote = text.indexOf('"', pos);
      if (nextQuote === -1 || nextQuote > nl) {
        const end = nl > pos && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
        out.push(text.slice(pos, end).split(delimiter));
        this.recordCount++;
        pos = nl + 1;
        continue;
      }
      const next = this.#parseQuotedRecord(text, pos, out, final);
      if (next === -1) break;
      this.recordCount++;
      pos = next;
    }
    return pos;
  }

  /** One record that holds a quote; -1 when the text ends before the record does. */
  #parseQuotedRecord(text: string, start: number, out: string[][], final: boolean): number {
    const len = text.length;
    const delimiterCode = this.#delimiterCode;
    const fields: string[] = [];
    let i = start;
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        value = '';
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q === -1) {
            if (!final) { this.#waitFor = '"'; return -1; }
            const row = this.recordCount + 1;
            throw invalidInput({
              en: `Row ${row}: a quoted field starts but its closing quote (") is missing. ` +
                'Check that row for a stray quote, or save the file again from the spreadsheet program',
              zh: `第 ${row} 行：一个带引号的字段缺少结尾的引号（"）。请检查该行是否有多余的引号，或在表格软件中重新保存文件`,
            }, 'file');
          }
          if (q + 1 === len && !final) return -1; // a doubled quote may continue in the next chunk
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(j, q + 1);
            j = q + 2;
            continue;
          }
          value += text.slice(j, q);
          i = q + 1;
          break;
        }
        // Anything between the closing quote and the delimiter is kept (lenient).
        while (i < len) {
          const c = text.charCodeAt(i);
          if (c === delimiterCode || c === LF || (c === CR && text.charCodeAt(i + 1) === LF)) break;
          if (c === CR && i + 1 === len && !final) return -1;
          value += text[i];
          i++;
        }
      } else {
        let end = i;
        while (end < len) {
          const c = text.charCodeAt(end);
          if (c === delimiterCode || c === LF) break;
          end++;
        }
        value = text.slice(i, end);
        if (end < len && text.charCodeAt(end) === LF && value.length && value.charCodeAt(value.length - 1) === CR) value = value.slice(0, -1);
        i = end;
      }
      fields.push(value);
      if (i >= len) {
        if (!final) return -1;
        out.push(fields);
        return len;
      }
      const c = text.charCodeAt(i);
      if (c === delimiterCode) { i++; if (i === len && !final) return -1; continue; }
      if (c === CR) i++;
      // LF
      out.push(fields);
      return i + 1;
    }
  }
}

/** Comma, tab or semicolon, whichever the header line uses most often outside quotes (comma on a tie). */
export function sniffDelimiter(firstLine: string): Delimiter {
  let commas = 0;
  let tabs = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < firstLine.length; i++) {
    const c = firstLine[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ',') commas++;
    else if (!quoted && c === '\t') tabs++;
    else if (!quoted && c === ';') semicolons++;
  }
  // Semicolons: what a spreadsheet program set to a decimal-comma locale writes as "CSV".
  if (semicolons > commas && semicolons > tabs) return ';';
  return tabs > commas ? '\t' : ',';
}

/** One CSV line (RFC 4180 quoting where needed), CRLF-terminated as spreadsheet programs expect. */
export function csvLine(fields: readonly string[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    if (i) line += ',';
    line += /[",\r\n]/.test(f) || /^\s|\s$/.test(f) ? '"' + f.replace(/"/g, '""') + '"' : f;
  }
  return line + '\r\n';
}
