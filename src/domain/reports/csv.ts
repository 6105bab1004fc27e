/** CSV for reports (RFC 4180: quoted when needed, CRLF lines), money in major units (yuan, dollars, pounds) and rates as percents. */

export type Cell = string | number | null;

function quote(cell: Cell): string {
  const text = cell === null ? '' : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

/** 123456 fen -> "1234.56" (exact: integer arithmetic, no float). */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const digits = String(Math.abs(fen)).padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** A money column's name, with the unit its amounts are in: `placed_yuan`, `placed_dollars`, `placed_pounds`. */
export function amountColumn(name: string, currency: 'CNY' | 'USD' | 'GBP'): string {
  return `${name}_${currency === 'USD' ? 'dollars' : currency === 'GBP' ? 'pounds' : 'yuan'}`;
}

/** 1234 bp -> "12.34" (percent); null stays empty. */
export function percent(bp: number | null): string | null {
  return bp === null ? null : yuan(bp);
}
