/**
 * A placement row, cell for cell, as one number kept on its account (accounts.row_digest): a
 * bank's daily balance file repeats most accounts' rows exactly, and a row that is the one the
 * account last had accepted changes nothing, so it is counted unchanged without being checked,
 * hashed or staged again (docs/import.md, "Rows seen before").
 *
 * The cells hold names, ID numbers and phones, so the digest is keyed: HMAC-SHA-256 under the
 * matching key (PiiCipher.macInto), its first 53 bits, an exact JavaScript number and a
 * PostgreSQL bigint. The cells are read by canonical column, so a file whose headers are named
 * or ordered differently gives the same digest for the same cells; they are joined with NUL,
 * which no cell of a digested row holds, so no two different rows give the same message. A
 * column the file lacks counts as an empty cell, which is what the row checks make of it.
 *
 * Columns added to the placement files later (the birth date, the name, address and phone
 * columns as US and UK banks split them, one balance) are digested after the first ones, and
 * only when the row has one of them: a row of a file without them keeps the digest stored before
 * they existed, so the first daily file after an upgrade is still recognized row by row.
 */
import { COLUMNS_OF, type CanonicalColumn } from '../../domain/import/columns.ts';
import type { ResolvedColumns } from '../../domain/import/mapping.ts';
import type { RowCells } from '../../domain/import/rows.ts';
import type { PiiEncoder } from './staging.ts';

/** The placement columns of the first digests, in their order. */
const FIRST_COLUMNS: readonly CanonicalColumn[] = ['account_no', 'debtor_name', 'id_number', 'phone', 'address', 'region_code', 'province', 'city',
  'product', 'principal', 'interest', 'fees', 'first_delinquency_date', 'placement_date'];
const DIGEST_COLUMNS: readonly CanonicalColumn[] = [...FIRST_COLUMNS, ...COLUMNS_OF.placements.filter((c) => !FIRST_COLUMNS.includes(c))];

export class RowDigest {
  /** For each placement column in canonical order, its field in the file's rows (-1: the file has none). */
  readonly #fields: Int32Array;
  /** The row's cells in that order, reused from row to row. */
  readonly #cells: string[];
  readonly #mac = Buffer.alloc(32);

  constructor(columns: ResolvedColumns) {
    this.#fields = Int32Array.from(DIGEST_COLUMNS, (column) => columns.index[column] ?? -1);
    this.#cells = Array.from(this.#fields, () => '');
  }

  /**
   * The digest of a row's cells; NaN for a row that is always checked: one with a cell a
   * spreadsheet stored lossily, or with a NUL character (the separator here) in a cell.
   */
  of(cells: RowCells, pii: PiiEncoder): number {
    if (cells.lossy !== undefined && cells.lossy.size > 0) return NaN;
    let last = FIRST_COLUMNS.length;   // the cells digested: the first columns', and the later ones' up to the last non-empty one
    for (let k = 0; k < this.#fields.length; k++) {
      const i = this.#fields[k]!;
      const cell = i === -1 ? '' : (cells.fields[i] ?? '');
      if (cell.includes('\0')) return NaN;
      this.#cells[k] = cell;
      if (k >= FIRST_COLUMNS.length && cell !== '') last = k + 1;
    }
    pii.macJoinedInto('placement row\0', this.#cells, last, this.#mac, 0);
    return this.#mac.readUInt32BE(0) * 0x20_0000 + (this.#mac.readUInt32BE(4) >>> 11);
  }
}
