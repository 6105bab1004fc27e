import { request } from '../workstation/request.ts';

/** A reviewer's answer to one checklist item. */
export const ANSWERS = ['pass', 'fail', 'na'] as const;
export type Answer = (typeof ANSWERS)[number];
export type Answers = Record<string, Answer>;

export const RESULTS = ['pass', 'fail', 'red_line'] as const;
export type Result = (typeof RESULTS)[number];

/** final: nothing pending; appealed: the collector appealed, waiting for a decision; upheld / overturned: the appeal decided. */
export const REVIEW_STATUSES = ['final', 'appealed', 'upheld', 'overturned'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** One item of the checklist; a red line weighs nothing but fails the whole review. */
export interface ChecklistItem {
  code: string;
  weight: number;
  red_line: boolean;
  label: string;
  label_zh: string;
  hint: string;
  hint_zh: string;
}

export interface Checklist {
  /** A score at or above it passes. */
  pass_mark: number;
  /** Days after the review within which the collector may appeal a failed one. */
  appeal_days: number;
  /** In display order. */
  items: ChecklistItem[];
}

/** A call or visit waiting for review. */
export interface QueueItem {
  attempt_id: number;
  creditor_code: string;
  account_id: number;
  account_no_mask: string;
  debtor_name: string;
  collector_id: number | null;
  collector_name: string | null;
  at: string;
  channel: string;
  party: string;
  outcome: string;
  outcome_label: string;
  outcome_label_zh: string;
  note: string | null;
  recording_ref: string | null;
  /** The conversation's length as the call centre reported it (click-to-call). */
  call_seconds: number | null;
  complaint_ids: number[];
  /** complaint: linked to a complaint, always reviewed; sample: drawn for the sample. */
  reason: 'complaint' | 'sample';
}

export interface Queue {
  sample_percent: number;
  window_days: number;
  items: QueueItem[];
}

export interface Review {
  id: number;
  attempt_id: number;
  account_id: number;
  account_no_mask: string;
  debtor_name: string;
  creditor_code: string;
  collector_id: number | null;
  collector_name: string | null;
  reviewer_name: string | null;
  attempt_at: string;
  channel: string;
  outcome: string;
  outcome_label: string;
  outcome_label_zh: string;
  note: string | null;
  recording_ref: string | null;
  answers: Answers;
  score: number;
  result: Result;
  comment: string | null;
  complaint_linked: boolean;
  reviewed_at: string;
  status: ReviewStatus;
  appeal_reason: string | null;
  appealed_at: string | null;
  appeal_note: string | null;
  appeal_decided_by_name: string | null;
  appeal_decided_at: string | null;
  /** For the signed-in viewer: may appeal it now / may decide its appeal. */
  can_appeal: boolean;
  can_decide_appeal: boolean;
}

export interface ReviewsPage { items: Review[]; next_before: number | null }

export interface SummaryRow {
  collector_id: number;
  collector_name: string;
  reviews: number;
  average_score: number | null;
  passed: number;
  failed: number;
  red_lines: number;
  appeals_open: number;
  overturned: number;
}

export interface Summary { from: string; to: string; pass_mark: number; collectors: SummaryRow[] }

/** The reviews list's filters; '' for any. */
export interface ReviewFilter { result: Result | ''; status: ReviewStatus | '' }
export const ANY_REVIEW: ReviewFilter = { result: '', status: '' };

/** Rows per page of the reviews list. */
export const PAGE_SIZE = 50;

export function reviewsPath(filter: ReviewFilter, before: number | null = null, limit = PAGE_SIZE): string {
  const params = new URLSearchParams();
  if (filter.result !== '') params.set('result', filter.result);
  if (filter.status !== '') params.set('status', filter.status);
  if (before !== null) params.set('before', String(before));
  params.set('limit', String(limit));
  return `/api/quality/reviews?${params.toString()}`;
}

export function queuePath(collectorId: number | null): string {
  return collectorId === null ? '/api/quality/queue' : `/api/quality/queue?collector_id=${collectorId}`;
}

export function summaryPath(from: string, to: string): string {
  const params = new URLSearchParams();
  if (from !== '') params.set('from', from);
  if (to !== '') params.set('to', to);
  const query = params.toString();
  return query === '' ? '/api/quality/summary' : `/api/quality/summary?${query}`;
}

export const fetchChecklist = (signal?: AbortSignal) => request<Checklist>('GET', '/api/quality/checklist', undefined, signal);
export const fetchQueue = (collectorId: number | null, signal?: AbortSignal) => request<Queue>('GET', queuePath(collectorId), undefined, signal);
export const fetchReviews = (filter: ReviewFilter, before: number | null, signal?: AbortSignal) =>
  request<ReviewsPage>('GET', reviewsPath(filter, before), undefined, signal);
export const fetchSummary = (from: string, to: string, signal?: AbortSignal) => request<Summary>('GET', summaryPath(from, to), undefined, signal);

export const submitReview = (attemptId: number, answers: Answers, comment: string) =>
  request<{ review: Review }>('POST', '/api/quality/reviews', { attempt_id: attemptId, answers, ...(comment.trim() !== '' ? { comment: comment.trim() } : {}) });
export const appealReview = (id: number, reason: string) =>
  request<{ review: Review }>('POST', `/api/quality/reviews/${id}/appeal`, { reason: reason.trim() });
export const decideAppeal = (id: number, decision: 'upheld' | 'overturned', note: string) =>
  request<{ review: Review }>('POST', `/api/quality/reviews/${id}/appeal-decision`, { decision, note: note.trim() });

/**
 * What the answers come to, by the server's rule: a failed red line makes the review a red-line
 * fail scoring 0; otherwise the passed items' weight over the applicable (pass or fail) items'
 * weight, 0-100, rounded half up to a whole point; pass_mark or more passes. Nothing applicable (all
 * N/A) has no score. `missing` counts the items not answered yet (the server wants every one).
 */
export interface Preview { missing: number; score: number | null; result: Result | null }

export function previewOf(checklist: Checklist, answers: Partial<Answers>): Preview {
  const missing = checklist.items.filter((item) => answers[item.code] === undefined).length;
  if (checklist.items.some((item) => item.red_line && answers[item.code] === 'fail')) return { missing, score: 0, result: 'red_line' };
  if (missing > 0) return { missing, score: null, result: null };
  let applicable = 0;
  let passed = 0;
  for (const item of checklist.items) {
    const answer = answers[item.code];
    if (item.red_line || answer === 'na' || answer === undefined) continue;
    applicable += item.weight;
    if (answer === 'pass') passed += item.weight;
  }
  if (applicable === 0) return { missing, score: null, result: null };
  // Rounded half up in integers, as the server does (no floating-point 62.4999…).
  const score = Math.floor((200 * passed + applicable) / (2 * applicable));
  return { missing, score, result: score >= checklist.pass_mark ? 'pass' : 'fail' };
}

/** The labels of the items a review failed, in the checklist's order. */
export function failedItems(checklist: Checklist | null, answers: Answers): ChecklistItem[] {
  if (checklist === null) return [];
  return checklist.items.filter((item) => answers[item.code] === 'fail');
}
