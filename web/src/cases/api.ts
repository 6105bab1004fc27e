import type { Currency } from '../lib/money.ts';
import { request } from '../workstation/request.ts';

export type Authority = 'collector' | 'supervisor' | 'creditor';
export interface Waiver {
  id: number; account_id: number; account_no_mask: string; debtor_name: string;
  principal_fen: number; interest_fen: number; fees_fen: number; settle_fen: number;
  balance_principal_fen: number; balance_interest_fen: number; balance_fees_fen: number;
  payment: 'lump_sum' | 'instalments'; schedule: Array<{ n: number; due_date: string; amount_fen: number }>; due_date: string;
  offered_on: string; approver: 'requester' | 'supervisor' | 'creditor'; status: string; note: string | null; decision_reason: string | null;
  requested_by_name: string | null; decided_by_name: string | null; created_at: string; decided_at: string | null; resolved_on: string | null;
  /** The currency of the account's creditor's contract (in the cases inbox). */
  currency?: Currency;
}
export interface Case {
  id: number; account_id: number; account_no_mask: string; debtor_name: string; kind: 'dispute' | 'complaint'; channel: string;
  description: string; dispute_reason: string | null; origin: 'staff' | 'portal'; opened_by_name: string | null; attempt_ids: number[];
  recording_ref: string | null; collector_id: number | null; collector_name: string | null; status: string; opened_on: string | null;
  due_on: string | null; collector_statement: string | null; finding: string | null; action: string | null; resolution_note: string | null;
  resolved_by_name: string | null; created_at: string; resolved_at: string | null;
}
type Limits = Partial<Record<'principal_bp' | 'interest_bp' | 'fees_bp', number>>;
export interface AccountCases {
  business_date: string; balance: { principal_fen: number; interest_fen: number; fees_fen: number };
  authority: Authority; limits: { collector: Limits; supervisor: Limits }; waivers: Waiver[]; disputes: Case[]; complaints: Case[];
}
export interface Inbox { business_date: string; complaints: Case[]; disputes: Case[]; waivers: Waiver[] }

export const fetchAccountCases = (accountId: number, signal?: AbortSignal) => request<AccountCases>('GET', `/api/accounts/${accountId}/cases`, undefined, signal);
export const fetchInbox = (signal?: AbortSignal) => request<Inbox>('GET', '/api/cases/inbox', undefined, signal);
export const fetchScorecard = (signal?: AbortSignal) =>
  request<{ items: Array<{ collector_id: number; upheld: number; open: number }> }>('GET', '/api/cases/scorecard', undefined, signal);

export const offerSettlement = (accountId: number, body: { principal_fen: number; interest_fen: number; fees_fen: number;
  payment: 'lump_sum' | 'instalments'; due_date: string; instalments?: number; note?: string }) =>
  request<{ id: number; status: 'approved' | 'requested'; approver: string; settle_fen: number }>('POST', `/api/accounts/${accountId}/settlements`, body);
export const decideSettlement = (id: number, body: { decision: 'approve' | 'reject'; reason: string }) =>
  request<{ status: string }>('POST', `/api/settlements/${id}/decision`, body);
export const openDispute = (accountId: number, body: { reason: string; description: string; channel: string }) =>
  request<{ id: number }>('POST', `/api/accounts/${accountId}/disputes`, body);
export const resolveDispute = (id: number, body: { outcome: 'verified' | 'returned'; note: string }) =>
  request<{ status: string }>('POST', `/api/disputes/${id}/resolution`, body);
export const openComplaint = (accountId: number, body: { channel: string; description: string; attempt_ids: number[]; recording_ref?: string }) =>
  request<{ id: number; due_on: string }>('POST', `/api/accounts/${accountId}/complaints`, body);
/** A complaint the bank received (its own hotline or a regulator's referral), forwarded by the account's full number. */
export const forwardComplaint = (body: { account_no: string; channel: 'creditor' | 'regulator'; description: string }) =>
  request<{ id: number; account_id: number; account_no_mask: string; due_on: string }>('POST', '/api/complaints/forwarded', body);
export const addStatement = (id: number, statement: string) => request<void>('POST', `/api/complaints/${id}/statement`, { statement });
export const closeComplaint = (id: number, body: { finding: string; action: string; note: string }) =>
  request<{ released_holds: number[] }>('POST', `/api/complaints/${id}/close`, body);
