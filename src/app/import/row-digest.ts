/**
 * A placement row, cell for cell, as one number kept on its account (accounts.row_digest): a
 * bank's daily balance file repeats most accounts' rows exactly, and a row that is the one the
 * account last had accepted changes nothing, so it is counted unchanged without being checked,
 * hashed or staged again (docs/import.md, "Rows seen before").
 *
 * The cells hold names, ID numbers and phones, so the digest is keyed: HMAC-SHA-256 under the
 * matching key (PiiCipher.macInto), its first 53 bits, an exact JavaScript number and a
 * PostgreSQL bigint. The cells are read by canonical column, so a file whose headers are named
 * or ordered differently gives the same digest for the same cells; each cell goes in with its
 * length, so no two different rows give the same text.
 */
import { COLUMNS_OF } from '../../domain/import/columns.ts';
import type { ResolvedColumns } from '../../domain/import/mapping.ts';
import type { RowCells } from '../../domain/import/rows.ts';
import type { PiiEncoder } from './staging.ts';

export class RowDigest {
  /** For each placement column in canonical order, its field in the file's rows (-1: the file has none). */
  readonly #fields: Int32Array;
  readonly #mac = Buffer.alloc(32);

  constructor(columns: ResolvedColumns) {
    this.#fields = Int32Array.from(COLUMNS_OF.placements, (column) => columns.index[column] ?? -1);
  }

  /** The digest of a row's cells; NaN for a row with a cell a spreadsheet stored lossily (such a row is always checked). */
  of(cells: RowCells, pii: PiiEncoder): number {
    if (cells.lossy !== undefined && cells.lossy.size > 0) return NaN;
    let text = 'placement row';
    for (const i of this.#fields) {
      if (i === -1) { text += '|-'; continue; }
      const cell = cells.fields[i] ?? '';
      text += `|${cell.length}:${cell}`;
    }
    pii.macInto(text, this.#mac, 0);
    return this.#mac.readUInt32BE(0) * 0x20_0000 + (this.#mac.readUInt32BE(4) >>> 11);
  }
}
