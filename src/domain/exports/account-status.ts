/**
 * Account status for the bank (案件状态回盘): one row per account the agency holds for the
 * creditor, as it stands now: status, balance, days past due and bucket, collector, the last
 * contact, the open promise, why collection is stopped if it is, and the language the debtor
 * asked to be written to in. Banks reconcile their
 * books and follow their placements by it, beside the contact records (contact-records.ts).
 */
import { ACCOUNT_STATUS_WORDS, type ShownAccountStatus } from '../account-status.ts';
import { parseLocalDate, type LocalDate } from '../calendar.ts';
import { bucketOf, daysPastDue } from '../delinquency.ts';
import { csvLine } from '../import/csv.ts';
import { plainYuan } from '../statements/statement.ts';
import { outcomeCode } from '../workstation/outcomes.ts';
import { asText, type ExportLocale } from './contact-records.ts';

export interface AccountStatusRecord {
  account_no: string;
  /** As the screens show it (SHOWN_ACCOUNT_STATUSES): `on_hold` while a hold that stops collection is in force. */
  status: string;
  /** The parts now: the bank's last statement of each less what the payments since were allocated to. */
  principal_fen: number; interest_fen: number; fees_fen: number;
  /** The balance now: the statement less what was paid since (never below zero), as the screens show it. */
  balance_fen: number;
  first_delinquency_date: string | null;
  collector_name: string | null;
  /** The agency's wall clock. */
  last_contact_local: string | null;
  last_outcome: string | null;
  promise_fen: number | null;
  promise_due: string | null;
  /** The kinds of the open holds on the account or its debtor, comma-separated, in order. */
  hold_kinds: string | null;
  /**
   * The language the debtor asked to be written to in (ISO 639-1, debtors.preferred_language): the
   * bank learns it with its accounts (New York City's rules ask a collector to tell its client).
   */
  language: string | null;
}

export const ACCOUNT_STATUS_HEADERS: Record<ExportLocale, readonly string[]> = {
  'zh-CN': ['账号', '状态', '本金', '利息', '费用', '余额合计', '逾期天数', '账龄', '催收员', '最近联络时间', '最近联络结果', '承诺金额', '承诺日期', '停催原因',
    '书面语言'],
  en: ['account_no', 'status', 'principal', 'interest', 'fees', 'balance', 'days_past_due', 'bucket', 'collector', 'last_contact_at', 'last_outcome',
    'promise_amount', 'promise_date', 'hold', 'language'],
};


const HOLD: Record<ExportLocale, Record<string, string>> = {
  'zh-CN': { dispute: '异议', cease: '要求停止联系', deceased: '已故', bankrupt: '破产', attorney: '委托律师', capacity: '行为能力存疑',
    complaint_review: '投诉处理中', hardship_review: '困难申请审核中', breathing_space: '喘息期', mental_health_crisis: '心理健康危机',
    plan_pending: '还款计划协商中', plan_pending_extended: '还款计划协商中（延长）', vulnerable: '弱势客户' },
  en: { dispute: 'Dispute', cease: 'Cease', deceased: 'Deceased', bankrupt: 'Bankrupt', attorney: 'Represented', capacity: 'Capacity in doubt',
    complaint_review: 'Complaint under review', hardship_review: 'Hardship under review', breathing_space: 'Breathing space',
    mental_health_crisis: 'Mental health crisis', plan_pending: 'Plan pending', plan_pending_extended: 'Plan pending (extended)', vulnerable: 'Vulnerable' },
};

/** The cells of one account, in the header's order, as of `today` (days past due, bucket). */
export function accountStatusCells(r: AccountStatusRecord, locale: ExportLocale, today: LocalDate): string[] {
  const dpd = r.first_delinquency_date === null ? null : daysPastDue(parseLocalDate(r.first_delinquency_date), today);
  const outcome = r.last_outcome === null ? undefined : outcomeCode(r.last_outcome);
  return [
    r.account_no, ACCOUNT_STATUS_WORDS[locale][r.status as ShownAccountStatus] ?? r.status,
    plainYuan(r.principal_fen), plainYuan(r.interest_fen), plainYuan(r.fees_fen), plainYuan(r.balance_fen),
    dpd === null ? '' : String(dpd), dpd === null ? '' : bucketOf(dpd),
    r.collector_name ?? '', r.last_contact_local ?? '',
    r.last_outcome === null ? '' : outcome ? (locale === 'zh-CN' ? outcome.zh : outcome.en) : r.last_outcome,
    r.promise_fen === null ? '' : plainYuan(r.promise_fen), r.promise_due ?? '',
    r.hold_kinds === null ? '' : r.hold_kinds.split(',').map((k) => HOLD[locale][k] ?? k).join(locale === 'zh-CN' ? '、' : ', '),
    r.language ?? '',
  ];
}

export function accountStatusCsvHeader(locale: ExportLocale, bom: boolean): string {
  return (bom ? '\uFEFF' : '') + csvLine(ACCOUNT_STATUS_HEADERS[locale]);
}

export function accountStatusCsvLine(r: AccountStatusRecord, locale: ExportLocale, today: LocalDate): string {
  return csvLine(accountStatusCells(r, locale, today).map(asText));
}
