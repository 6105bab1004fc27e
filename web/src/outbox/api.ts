import { request } from '../workstation/request.ts';

/** Where an outbox message stands. */
export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed', 'cancelled', 'expired'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** A rule of the compliance engine that stopped or deferred a message at sending time. */
export interface OutboxReason { rule: string; message: string; message_zh: string }

/** One message of the outbox, as GET /api/outbox answers it. */
export interface OutboxItem {
  id: number;
  channel: string;
  /** collect (a payment reminder) or notice (a portal link, a one-time code); older rows may say location. */
  purpose: string;
  /** The phone or e-mail address, masked (138****0001). */
  to: string;
  /** An e-mail's subject; null for an SMS. */
  subject: string | null;
  body: string;
  status: OutboxStatus;
  created_at: string;
  send_after: string | null;
  expires_at: string | null;
  sent_at: string | null;
  adapter: string | null;
  provider_ref: string | null;
  error: string | null;
  account_id: number | null;
  creditor_code: string | null;
  /** Why the engine stopped or deferred it at sending time; [] otherwise. */
  reasons: OutboxReason[];
  next_allowed_at: string | null;
  /** The gateway's delivery receipt for a sent message, when one came. */
  delivery: 'delivered' | 'undelivered' | null;
  delivered_at: string | null;
  delivery_error: string | null;
}

export type OutboxCounts = Record<OutboxStatus, number>;

export interface OutboxPage {
  /** local: nothing leaves the machine; webhook: the configured SMS gateway. */
  adapter: string;
  /** E-mail: local (nothing leaves), or smtp (the configured mail server). */
  email_adapter: string;
  /** Every message by status, not only this page's. */
  counts: OutboxCounts;
  items: OutboxItem[];
  next_before: number | null;
}

/** What one dispatch did. */
export interface DispatchResult { sent: number; failed: number; deferred: number; cancelled: number; expired: number }

/** Rows per page. */
export const PAGE_SIZE = 50;

/** The list's filter: one status, or '' for all. */
export type StatusFilter = OutboxStatus | '';

export function outboxPath(status: StatusFilter, before: number | null = null, limit = PAGE_SIZE): string {
  const params = new URLSearchParams();
  if (status !== '') params.set('status', status);
  if (before !== null) params.set('before', String(before));
  params.set('limit', String(limit));
  return `/api/outbox?${params.toString()}`;
}

export const fetchOutbox = (status: StatusFilter, before: number | null, signal?: AbortSignal) =>
  request<OutboxPage>('GET', outboxPath(status, before), undefined, signal);
export const dispatchOutbox = () => request<DispatchResult>('POST', '/api/outbox/dispatch', {});
export const cancelMessage = (id: number) => request<{ item: OutboxItem }>('POST', `/api/outbox/${id}/cancel`, {});
export const retryMessage = (id: number) => request<{ item: OutboxItem }>('POST', `/api/outbox/${id}/retry`, {});

/** All messages: the sum of the counts. */
export function totalOf(counts: Partial<OutboxCounts>): number {
  return OUTBOX_STATUSES.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
}
