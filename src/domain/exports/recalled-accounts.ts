/**
 * The recall list for the bank (退案清单): one row per account the agency gave back over a period
 * (its recall date in it), at the end of its placement's term (到期退案), by the bank's recall, or
 * on a dispute the bank did not verify: the batch, when it was placed and went back and why, the
 * balance parts as the bank last stated them, what the debtor paid while the agency held it, the collector, and the last contact. The
 * bank closes its books of the placement by it.
 */
import { csvLine } from '../import/csv.ts';
import { plainYuan } from '../statements/statement.ts';
import { outcomeCode } from '../workstation/outcomes.ts';
import { asText, type ExportLocale } from './contact-records.ts';

export type RecallReason = 'term_end' | 'creditor' | 'dispute';

export interface RecalledAccountRecord {
  account_no: string;
  batch_ref: string;
  placed_on: string;
  recalled_on: string;
  /** Why it went back: its mandate's last day passed, the bank's recall file, or a dispute the bank did not verify. */
  recall_reason: RecallReason;
  /** The status it keeps (paid or settled accounts keep theirs, with the recall date). */
  status: string;
  principal_fen: number; interest_fen: number; fees_fen: number;
  /** Payments dated from the placement date to the recall date, net of reversals. */
  recovered_fen: number;
  collector_name: string | null;
  /** The agency's wall clock. */
  last_contact_local: string | null;
  last_outcome: string | null;
}

export const RECALLED_ACCOUNT_HEADERS: Record<ExportLocale, readonly string[]> = {
  'zh-CN': ['账号', '委案批次', '委案日期', '退案日期', '退案原因', '结清情况', '本金', '利息', '费用', '余额合计', '委案期间回款', '催收员', '最近联络时间', '最近联络结果'],
  en: ['account_no', 'placement', 'placed_on', 'recalled_on', 'recall_reason', 'finished', 'principal', 'interest', 'fees', 'balance', 'recovered_while_placed',
    'collector', 'last_contact_at', 'last_outcome'],
};

const WORDS: Record<ExportLocale, { reason: Record<RecallReason, string>; finished: Record<string, string> }> = {
  'zh-CN': { reason: { term_end: '委案到期', creditor: '委托方退案', dispute: '异议未核实，退回委托方' }, finished: { paid: '已结清', settled: '减免结清' } },
  en: { reason: { term_end: 'term ended', creditor: 'recalled by the creditor', dispute: 'dispute not verified, returned' },
    finished: { paid: 'paid in full', settled: 'settled' } },
};

/** The cells of one account, in the header's order. */
export function recalledAccountCells(r: RecalledAccountRecord, locale: ExportLocale): string[] {
  const w = WORDS[locale];
  const outcome = r.last_outcome === null ? undefined : outcomeCode(r.last_outcome);
  return [
    r.account_no, r.batch_ref, r.placed_on, r.recalled_on, w.reason[r.recall_reason], w.finished[r.status] ?? '',
    plainYuan(r.principal_fen), plainYuan(r.interest_fen), plainYuan(r.fees_fen), plainYuan(r.principal_fen + r.interest_fen + r.fees_fen),
    plainYuan(r.recovered_fen), r.collector_name ?? '', r.last_contact_local ?? '',
    r.last_outcome === null ? '' : outcome ? (locale === 'zh-CN' ? outcome.zh : outcome.en) : r.last_outcome,
  ];
}

export function recalledAccountsCsvHeader(locale: ExportLocale, bom: boolean): string {
  return (bom ? '\uFEFF' : '') + csvLine(RECALLED_ACCOUNT_HEADERS[locale]);
}

export function recalledAccountCsvLine(r: RecalledAccountRecord, locale: ExportLocale): string {
  return csvLine(recalledAccountCells(r, locale).map(asText));
}
