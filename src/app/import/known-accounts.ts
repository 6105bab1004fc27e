/**
 * The accounts a creditor already placed, held compactly for the length of one import
 * (about 90 bytes each): a balance file lists mostly accounts we know, and most of them did
 * not change. Knowing them up front, the import stages only the rows that changed and checks
 * the rest's phones and addresses by keyed hash, without encrypting anything it already has (and
 * without looking anything up when they are what the account's last row said; without even
 * checking the row when it is the account's last row, cell for cell).
 */
import { KeySet } from './staging.ts';

export class KnownAccounts {
  readonly #keys = new KeySet();
  #columns: Float64Array[] = Array.from({ length: 8 }, () => new Float64Array(1 << 16));
  #recalled = new Uint8Array(1 << 16);

  /** Adds one account (the shape streamKnownAccounts hands over). */
  readonly add = (accountNo: string, debtorId: number, principal: number, interest: number, fees: number, recalled: boolean,
    contactDigest: number, rowDigest: number, statedOn: string, idPrint: number): void => {
    const entry = this.#keys.add(accountNo);
    if (entry >= this.#recalled.length) this.#grow();
    const values = [debtorId, principal, interest, fees, contactDigest, rowDigest, dayNumber(statedOn), idPrint];
    values.forEach((v, i) => { this.#columns[i]![entry] = v; });
    this.#recalled[entry] = recalled ? 1 : 0;
  };

  get size(): number {
    return this.#keys.size;
  }

  /** The entry of an account number, or -1 when the creditor never placed it. */
  find(accountNo: string): number {
    return this.#keys.find(accountNo);
  }

  debtorId(entry: number): number { return this.#columns[0]![entry]!; }
  principal(entry: number): number { return this.#columns[1]![entry]!; }
  interest(entry: number): number { return this.#columns[2]![entry]!; }
  fees(entry: number): number { return this.#columns[3]![entry]!; }
  recalled(entry: number): boolean { return this.#recalled[entry] === 1; }
  /** What the account's last row said about phones and address (ContactDigest); NaN when not known. */
  contactDigest(entry: number): number { return this.#columns[4]![entry]!; }
  /** The account's last accepted row, cell for cell (RowDigest); NaN when not known. */
  rowDigest(entry: number): number { return this.#columns[5]![entry]!; }
  /** The start of the account's debtor's ID number's keyed hash (idPrintOf); NaN when the debtor has none on file. */
  idPrint(entry: number): number { return this.#columns[7]![entry]!; }
  /** The day (YYYY-MM-DD) the account's balance was last stated: the bank's last restatement, else its placement's date; '' when not known. */
  statedOn(entry: number): string {
    const day = this.#columns[6]![entry]!;
    return Number.isNaN(day) ? '' : new Date(day * 86_400_000).toISOString().slice(0, 10);
  }

  #grow(): void {
    this.#columns = this.#columns.map((column) => {
      const bigger = new Float64Array(column.length * 2);
      bigger.set(column);
      return bigger;
    });
    const recalled = new Uint8Array(this.#recalled.length * 2);
    recalled.set(this.#recalled);
    this.#recalled = recalled;
  }
}

/** A date's day number (days since 1970-01-01); NaN for none (COPY's NULL). */
function dayNumber(date: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000 : NaN;
}
