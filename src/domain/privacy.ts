/**
 * Personal data once the entrustment ends (个人信息删除, docs/privacy.md). An agency processes a
 * debtor's personal data on the bank's behalf; when the bank's accounts have left the agency
 * (recalled, paid, settled or closed), the data is kept only as long as the contract's
 * retention period (`pii_retention_days`, default DEFAULT_RETENTION_DAYS), for late payments,
 * complaints and the bank's questions, and then erased.
 */
import { addDays, addMonths, type LocalDate } from './calendar.ts';

export const DEFAULT_RETENTION_DAYS = 90;
/**
 * A debt collected under a US contract: Regulation F has the collector keep the records that
 * show it complied (who was called or written to, when, what was said) until three years after
 * its last collection activity on the debt (12 CFR 1006.100(a)). The debtor's data is kept at
 * least that long after the account leaves the agency, whatever the contract's
 * `pii_retention_days` says: erasing the names and numbers would leave the records unable to
 * show anything.
 */
export const US_RECORD_RETENTION_YEARS = 3;
/**
 * Days an upload's errors file (rejected rows, as the bank sent them) is kept: long enough for
 * the bank to correct and send the rows again, and shorter than any debtor's retention.
 */
export const ERRORS_FILE_RETENTION_DAYS = 30;
/** What stands where erased text was, on every screen and in every export. */
export const ERASED = '已删除';
/** Account statuses that mean the account has left the agency. */
export const ENDED_STATUSES = ['recalled', 'paid', 'settled', 'closed'] as const;

export interface AccountEnd {
  /** null while the account is still being worked. */
  endedOn: LocalDate | null;
  retentionDays: number;
  /** Years the records must be kept whatever the retention days say (a US creditor's: US_RECORD_RETENTION_YEARS). */
  keepYears?: number;
}

/**
 * The first business date on which a debtor's personal data may be erased: the day after the
 * last of their accounts' retention periods ends; null while any account is open (or they
 * have none).
 */
export function erasableFrom(accounts: readonly AccountEnd[]): LocalDate | null {
  if (accounts.length === 0) return null;
  let last: LocalDate | null = null;
  for (const a of accounts) {
    if (a.endedOn === null) return null;
    const days = addDays(a.endedOn, a.retentionDays);
    const years = a.keepYears ? addMonths(a.endedOn, 12 * a.keepYears) : days;
    const until = years > days ? years : days;
    if (last === null || until > last) last = until;
  }
  return addDays(last!, 1);
}
