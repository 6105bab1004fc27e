import { request } from '../workstation/request.ts';
import { yuanText } from '../lib/money.ts';
import { detailKeyName } from './detail-keys.ts';

/** One row of the audit log, as GET /api/audit answers it. */
export interface AuditEntry {
  id: number;
  /** ISO time the row was written. */
  at: string;
  /** A username, or "cli" / "system". */
  actor: string;
  /** e.g. "pii.reveal", "user.add", "import.placements". */
  action: string;
  entity: string;
  entity_id: string | null;
  creditor_code: string | null;
  detail: Record<string, unknown>;
}

export interface AuditPage { items: AuditEntry[]; next_before: number | null }

export interface AuditBreak { id: number; problem: string }
export interface AuditVerification { ok: boolean; rows: number; breaks: AuditBreak[] }

/**
 * The filters the list is asked with. `action` is one action, or a group's prefix ending in "."
 * (`user.` gives every user.* action); `from` and `to` are YYYY-MM-DD in the agency's zone, inclusive.
 */
export interface AuditQuery { action: string; actor: string; from: string; to: string }

export const EMPTY_QUERY: AuditQuery = { action: '', actor: '', from: '', to: '' };

/** Rows per page. */
export const PAGE_SIZE = 50;

export function auditPath(query: AuditQuery, before: number | null = null, limit = PAGE_SIZE): string {
  const params = new URLSearchParams();
  if (query.action !== '') params.set('action', query.action);
  if (query.actor.trim() !== '') params.set('actor', query.actor.trim());
  if (query.from !== '') params.set('from', query.from);
  if (query.to !== '') params.set('to', query.to);
  if (before !== null) params.set('before', String(before));
  params.set('limit', String(limit));
  return `/api/audit?${params.toString()}`;
}

export const fetchAudit = (query: AuditQuery, before: number | null, signal?: AbortSignal) =>
  request<AuditPage>('GET', auditPath(query, before), undefined, signal);
export const fetchAuditActions = (signal?: AbortSignal) => request<{ items: string[] }>('GET', '/api/audit/actions', undefined, signal);
export const verifyAudit = () => request<AuditVerification>('GET', '/api/audit/verify');

/**
 * The groups the actions fall in, by what comes before the first dot ("user" for user.add and
 * user.sign_in), sent as that prefix with its dot. Only groups of two actions or more: a group of
 * one is the action itself.
 */
export function actionGroups(actions: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const action of actions) {
    const dot = action.indexOf('.');
    if (dot <= 0) continue;
    const prefix = action.slice(0, dot + 1);
    counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
  }
  return [...counts].filter(([, n]) => n > 1).map(([prefix]) => prefix).sort();
}

/**
 * A detail object on one line: `key: value` pairs (lists listed, records within braces, a list of records counted), cut at `max`
 * characters. An amount in minor units (`stated_balance_fen: 371068`) reads as the amount
 * (`stated_balance: 3,710.68`); on a Chinese screen the keys are named in Chinese where known
 * (`原因: …`, DETAIL_KEYS_ZH); the whole JSON, shown on demand, keeps the stored form.
 */
export function summarizeDetail(detail: Record<string, unknown>, max = 90, language = 'en'): string {
  const text = entriesText(detail ?? {}, language);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** An object's fields as `name: value`, amounts as amounts, lists and objects within read as such (never as JSON). */
function entriesText(detail: Record<string, unknown>, language: string): string {
  return Object.entries(detail)
    .map(([key, value]) => {
      if (key.endsWith('_fen') && typeof value === 'number' && Number.isSafeInteger(value)) {
        return `${detailKeyName(key, language, true)}: ${value < 0 ? '-' : ''}${yuanText(Math.abs(value))}`;
      }
      return `${detailKeyName(key, language, false)}: ${valueText(key, value, language)}`;
    })
    .join(', ');
}

/**
 * A value in words: a list of names or numbers listed (the fields a reveal showed, named as the
 * screen names fields), a list of records counted, an object's fields within braces.
 */
function valueText(key: string, value: unknown, language: string): string {
  const zh = language.startsWith('zh');
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return `[${value.map((v) => (key === 'fields' && typeof v === 'string' ? detailKeyName(v, language, false) : String(v))).join(zh ? '、' : ', ')}]`;
    }
    return zh ? `${value.length} 项` : `${value.length} ${value.length === 1 ? 'item' : 'items'}`;
  }
  if (typeof value === 'object' && value !== null) return `{${entriesText(value as Record<string, unknown>, language)}}`;
  return JSON.stringify(value) ?? String(value);
}
