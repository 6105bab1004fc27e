import { request } from '../workstation/request.ts';

export interface Notice {
  id: number; kind: string; audience: 'collector' | 'creditor' | 'staff'; account_id: number; account_no_mask: string; message: string; message_zh: string | null;
  created_at: string; read_at: string | null; application_id: number | null; plan_id: number | null; waiver_id: number | null; case_id: number | null;
}
export type NoticeFilter = 'unread' | 'all';

export const fetchNotices = (state: NoticeFilter, signal?: AbortSignal) =>
  request<{ unread: number; items: Notice[] }>('GET', `/api/notifications?state=${state}&limit=200`, undefined, signal);
export const fetchUnreadCount = (signal?: AbortSignal) => request<{ unread: number }>('GET', '/api/notifications/count', undefined, signal);
export const markRead = (id: number) => request<{ id: number; read_at: string }>('POST', `/api/notifications/${id}/read`);
export const markAllRead = () => request<{ marked: number }>('POST', '/api/notifications/read-all');

/** Told when notices were marked read, so the navigation's unread badge counts again. */
export const NOTICES_CHANGED = 'leeway:notices-changed';
export const announceNoticesChanged = (): void => { window.dispatchEvent(new Event(NOTICES_CHANGED)); };
