/**
 * The monthly remittance statement (结算单): one line per payment entry, and totals that are
 * plain sums of the lines (no re-rounding): recovered, commission, and the net due to the
 * bank = recovered - commission. Lines dated before the month, or reversing a payment that an
 * issued statement already carries, are adjustments (a later correction to a frozen month).
 */
import { formatMoney, type Currency, type Fen } from '../money.ts';

export interface StatementLine {
  line_no: number;
  payment_id: number;
  kind: 'payment' | 'adjustment';
  account_id: number;
  account_no_mask: string;
  txn_id: string;
  paid_on: string;
  amount_fen: number;
  bucket: string | null;
  rate_bp: number;
  commission_fen: number;
  collector_id: number | null;
  collector_name: string | null;
  reverses_id: number | null;
}

export interface StatementTotals { recovered_fen: number; commission_fen: number; net_due_fen: number; lines: number }

export function statementTotals(lines: readonly Pick<StatementLine, 'amount_fen' | 'commission_fen'>[]): StatementTotals {
  let recovered = 0;
  let commission = 0;
  for (const l of lines) { recovered += l.amount_fen; commission += l.commission_fen; }
  return { recovered_fen: recovered, commission_fen: commission, net_due_fen: recovered - commission, lines: lines.length };
}

/** "2026-03" -> first and last day of the month; anything else is refused by the caller. */
export function monthBounds(month: string): { first: string; last: string } | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) return null;
  const year = Number(m[1]);
  const mon = Number(m[2]);
  const lastDay = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(lastDay).padStart(2, '0')}` };
}

export type StatementLocale = 'zh-CN' | 'en';

const UNIT: Record<StatementLocale, Record<Currency, string>> = {
  'zh-CN': { CNY: '元', USD: '美元', GBP: '英镑' },
  en: { CNY: 'CNY', USD: 'USD', GBP: 'GBP' },
};

/** The column headers, the amounts' unit named (a statement is in the currency of the creditor's contract). */
export function statementHeaders(locale: StatementLocale, currency: Currency = 'CNY'): readonly string[] {
  const u = UNIT[locale][currency];
  return locale === 'zh-CN'
    ? ['序号', '类型', '账号', '交易流水号', '还款日期', `还款金额（${u}）`, '委案账龄', '佣金比例', `佣金（${u}）`, '催收员']
    : ['No.', 'Kind', 'Account', 'Transaction', 'Payment date', `Amount (${u})`, 'Bucket at placement', 'Rate', `Commission (${u})`, 'Collector'];
}

export const STATEMENT_WORDS: Record<StatementLocale, Record<string, string>> = {
  'zh-CN': { title: '佣金结算单', payment: '还款', reversal: '冲正', adjustment: '调整', recovered: '回收金额', commission: '佣金', net_due: '应付银行净额',
    creditor: '委托方', month: '月份', status: '状态', draft: '草稿（未出具）', issued: '已出具', none: '无', lines: '笔数',
    too_many: '本结算单共 {n} 笔，此处按委案账龄汇总；逐笔明细见 CSV 或 Excel 导出。', total: '合计', page: '第 {i} 页，共 {n} 页',
    empty: '{month} 无回款、冲正或调整。' },
  en: { title: 'Commission statement', payment: 'Payment', reversal: 'Reversal', adjustment: 'Adjustment', recovered: 'Recovered', commission: 'Commission',
    net_due: 'Net due to the bank', creditor: 'Creditor', month: 'Month', status: 'Status', draft: 'draft (not issued)', issued: 'issued',
    none: 'none', lines: 'Lines', too_many: 'This statement has {n} lines: totals by bucket here; every line is in the CSV or Excel export.', total: 'Total',
    page: 'Page {i} of {n}', empty: 'No payments, reversals or adjustments in {month}.' },
};

/** Basis points as a percentage with two decimals: 800 -> "8.00%". */
export function formatRate(rateBp: number): string {
  return `${Math.trunc(rateBp / 100)}.${String(rateBp % 100).padStart(2, '0')}%`;
}

/** Yuan with two decimals and no grouping, for files a spreadsheet reads as numbers: -1234.5 yuan -> "-1234.50". */
export function plainYuan(amountFen: number): string {
  const sign = amountFen < 0 ? '-' : '';
  const abs = Math.abs(amountFen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Yuan with two decimals, grouped by thousands, for a printed page: -1234567.5 yuan -> "-1,234,567.50". */
export function groupedYuan(amountFen: number): string {
  const [whole, cents] = plainYuan(amountFen).split('.') as [string, string];
  return `${whole.replace(/\B(?=(\d{3})+$)/g, ',')}.${cents}`;
}

export function lineCells(line: StatementLine, locale: StatementLocale): string[] {
  const w = STATEMENT_WORDS[locale];
  // A reversal (a bounced or refunded payment, its negative amount) says so rather than "payment".
  const kind = line.kind === 'payment' && line.reverses_id !== null ? 'reversal' : line.kind;
  return [String(line.line_no), w[kind]!, line.account_no_mask, line.txn_id, line.paid_on, plainYuan(line.amount_fen),
    line.bucket ?? '', formatRate(line.rate_bp), plainYuan(line.commission_fen), line.collector_name ?? w.none!];
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV for Excel: UTF-8 with a byte-order mark, CRLF, a header row, the lines, then the totals. */
export function statementCsv(input: { creditor: string; month: string; issued: boolean; lines: readonly StatementLine[]; currency?: Currency }, locale: StatementLocale): string {
  const w = STATEMENT_WORDS[locale];
  const totals = statementTotals(input.lines);
  const rows: string[][] = [
    [...statementHeaders(locale, input.currency)],
    ...input.lines.map((l) => lineCells(l, locale)),
    [],
    [w.recovered!, plainYuan(totals.recovered_fen)],
    [w.commission!, plainYuan(totals.commission_fen)],
    [w.net_due!, plainYuan(totals.net_due_fen)],
    [w.creditor!, input.creditor], [w.month!, input.month], [w.status!, input.issued ? w.issued! : w.draft!],
  ];
  return '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function moneyText(amountFen: number, locale: StatementLocale, currency: Currency = 'CNY'): string {
  return formatMoney(amountFen as Fen, currency, locale);
}
