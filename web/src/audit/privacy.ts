import { request } from '../workstation/request.ts';

/** GET /api/privacy/erasure: debtors whose personal data is due for erasure, soon due, and erased (docs/privacy.md). */
export interface ErasureOutlook {
  /** The agency's business date, YYYY-MM-DD. */
  business_date: string;
  /** Retention after the entrustment ends when the bank's contract names none. */
  default_retention_days: number;
  /** Debtors whose data may be erased today and is not yet. */
  due: number;
  /** Debtors becoming due in the next 30 days. */
  next_30_days: number;
  /** Debtors erased so far. */
  erased: number;
}

/** POST /api/privacy/erasure: what this run erased (or, on a dry run, would erase). */
export interface ErasureRun {
  business_date: string;
  dry_run: boolean;
  due: number;
  debtors: number;
  accounts: number;
  contact_points: number;
  contact_notes: number;
  messages: number;
  hardship_statements: number;
  evidence_files: number;
  portal_actions: number;
  import_errors_files: number;
}

export const fetchErasureOutlook = (signal?: AbortSignal) => request<ErasureOutlook>('GET', '/api/privacy/erasure', undefined, signal);
export const eraseDueNow = () => request<ErasureRun>('POST', '/api/privacy/erasure', { dry_run: false });
