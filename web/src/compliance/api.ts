import { request } from '../workstation/request.ts';

export interface Confirmation { status: 'confirmed' | 'questioned'; note: string; by: string; at: string; current: boolean }
export interface ReviewRule {
  item: string; pack: string; citation: string; citation_zh: string; legal_floor: boolean; unverified: string | null;
  params: Record<string, { default: number; kind: string; tighter: string }>; confirmation: Confirmation | null;
}
export interface ReviewText {
  item: string; title: { en: string; zh: string }; unverified: { en: string; zh: string }; parts: Array<{ label: string; text: string }>; confirmation: Confirmation | null;
}
export interface ComplianceReview { rules: ReviewRule[]; texts: ReviewText[]; open: number }

export const fetchReview = (signal?: AbortSignal) => request<ComplianceReview>('GET', '/api/compliance/review', undefined, signal);
export const decideItem = (item: string, status: 'confirmed' | 'questioned', note: string) =>
  request<Confirmation>('PUT', `/api/compliance/review/${encodeURIComponent(item)}`, { status, note });
