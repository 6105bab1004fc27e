import type { Currency } from '../lib/money.ts';
import { request } from '../workstation/request.ts';

export interface Evidence { id: number; application_id: number; file_name: string; content_type: string; size_bytes: number; sha256: string }
export interface RequestedPlan {
  months: number; first_due_date: string; waive: string[]; monthly_fee_bp: number; plan_amount_fen: number; total_fee_fen: number; total_fen: number;
  instalment_fen: number;
  /** The last instalment, which carries the remainder of the split (absent on plans stored before it was kept). */
  last_instalment_fen?: number; last_due_date: string;
  affordability?: Affordability | null;
}
export interface Affordability { disposable_fen: number; instalment_fen: number; affordable: boolean; share_bp: number | null }
export interface Application {
  id: number; creditor_code: string; creditor_name: string; creditor_name_en: string | null; account_id: number; account_no_mask: string; debtor_name: string; collector_name: string | null;
  reason: string; debtor_statement: string; evidence_note: string | null; monthly_income_fen: number | null; monthly_essentials_fen: number | null;
  requested_plan: RequestedPlan; decided_terms: RequestedPlan | null; status: string; origin: string; submitted_on: string; decision_due_on: string;
  info_request: string | null; decision_note: string | null; decided_by_name: string | null; created_by_name: string | null; evidence_count: number;
  /** The account's balance parts as the bank last stated them. */
  principal_fen?: number; interest_fen?: number; fees_fen?: number;
  /** The decision note in Chinese where the system wrote it (an expired application's); null for one a person typed. */
  decision_note_zh?: string | null;
  overdue?: boolean; evidence?: Evidence[]; timeline?: TimelineEvent[];
  /** The currency of the account's creditor's contract. */
  currency?: Currency;
}
export interface TimelineEvent {
  id: number; application_id: number | null; plan_id: number | null; kind: string; actor: string; actor_name?: string | null; note: string | null;
  /** The note in Chinese where the system wrote it in both languages; null for a note a person typed and for older rows. */
  note_zh?: string | null;
  at: string;
}
export interface Notification { id: number; account_id: number; account_no_mask: string; audience: string; kind: string; message: string; message_zh: string | null; created_at: string; plan_id: number | null }
export interface Instalment { n: number; due_date: string; amount_fen: number; paid_fen: number; paid_on: string | null }
export interface Plan { id: number; status: string; total_fen: number; start_date: string; months: number; ended_on: string | null; instalments: Instalment[] }
export interface Programme { id: number; name: string; reason: string; evidence_note: string; scope: string; code: string }
export interface AccountHardship {
  /** instalment_max: the longest plan the contract allows; set by the rules or, when less, the bank's contract. */
  account: { id: number; status: string; pack: string; principal_fen: number; interest_fen: number; fees_fen: number; instalment_max: number;
    instalment_max_set_by?: 'rules' | 'contract' };
  business_date: string; reasons: string[]; applications: Application[]; plans: Plan[]; timeline: TimelineEvent[]; notifications: Notification[];
  programmes: Programme[];
}
export interface PlanTerms { months: number; first_due_date: string; waive?: string[]; monthly_fee_bp?: number }
export interface Quote {
  schedule: { plan_amount_fen: number; total_fee_fen: number; total_fen: number; instalments: Array<{ n: number; due_date: string; amount_fen: number }> };
  affordability: Affordability | null;
}
export interface EvidenceFile { file_name: string; content_base64: string }

export const fetchAccountHardship = (accountId: number, signal?: AbortSignal) =>
  request<AccountHardship>('GET', `/api/accounts/${accountId}/hardship`, undefined, signal);
export const quotePlan = (accountId: number, body: PlanTerms & { monthly_income_fen?: number; monthly_essentials_fen?: number }) =>
  request<Quote>('POST', `/api/accounts/${accountId}/hardship/quote`, body);
export const submitApplication = (accountId: number, body: Record<string, unknown>) =>
  request<{ application_id: number; decision_due_on: string }>('POST', `/api/accounts/${accountId}/hardship`, body);
export const resubmitApplication = (id: number, body: { information: string; evidence: EvidenceFile[] }) =>
  request<unknown>('POST', `/api/hardship/applications/${id}/resubmit`, body);
export const fetchInbox = (view: string, signal?: AbortSignal) =>
  request<{ business_date: string; items: Application[]; notifications: Notification[] }>('GET', `/api/hardship/inbox?view=${view}`, undefined, signal);
export const fetchApplication = (id: number, signal?: AbortSignal) =>
  request<Application & { evidence: Evidence[]; timeline: TimelineEvent[]; instalment_max?: number | null; instalment_max_set_by?: 'rules' | 'contract' | null }>('GET', `/api/hardship/applications/${id}`, undefined, signal);
export const approve = (id: number, body: Partial<PlanTerms> & { note?: string }) => request<{ plan_id: number }>('POST', `/api/hardship/applications/${id}/approve`, body);
export const reject = (id: number, reason: string) => request<unknown>('POST', `/api/hardship/applications/${id}/reject`, { reason });
export const requestInfo = (id: number, question: string) => request<unknown>('POST', `/api/hardship/applications/${id}/request-info`, { question });

export const evidenceUrl = (id: number) => `/api/hardship/evidence/${id}`;

/** Files picked in the browser, base64-encoded for the JSON upload. */
export async function readFiles(files: FileList | null): Promise<EvidenceFile[]> {
  const out: EvidenceFile[] = [];
  for (const file of Array.from(files ?? [])) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    out.push({ file_name: file.name, content_base64: btoa(binary) });
  }
  return out;
}
export const fetchProgrammes = (signal?: AbortSignal) =>
  request<{ items: Array<Programme & { suspension_id: number }> }>('GET', '/api/hardship/programmes', undefined, signal);
export const openProgramme = (body: { suspension_id: number; evidence_note: string; reason?: string; name?: string }) =>
  request<Programme>('POST', '/api/hardship/programmes', body);
export const closeProgramme = (id: number) => request<Programme>('POST', `/api/hardship/programmes/${id}/close`, {});
