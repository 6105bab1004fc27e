import { request } from '../workstation/request.ts';

/** Shapes of the supervisor APIs as these screens read them. */
export interface DashboardCollector {
  user_id: number; username: string; display_name: string; team_id: number; team_name: string;
  attempts: number; right_party: number; promises_taken: number; promises_kept: number; collected_fen: number; target_fen: number; abusive: number;
}
export interface TeamDashboard {
  date: string; team_id: number | null; target_source: string; collectors: DashboardCollector[];
  totals: Omit<DashboardCollector, 'user_id' | 'username' | 'display_name' | 'team_id' | 'team_name'> & { collectors: number };
}
export interface WorkloadRow { user_id: number; username: string; display_name: string; attempts: number; right_party: number;
  promises: number; abusive: number; daily_cap: number | null; on_break_until: string | null }
export interface HandoffRow { id: number; account_id: number; creditor_code: string; account_no_mask: string; debtor_name: string;
  from_user_id: number; from_name: string; reason: string; created_at: string }
export interface OffboardResult {
  user: { id: number; username: string }; to: { kind: 'user' | 'team'; id: number; name: string }; accounts: number;
  by_collector: Array<{ collector_id: number; username: string; accounts: number }>; deactivated: true;
  promises_carried: number; promise_credits: number; callbacks_carried: number | null;
}

export const fetchDashboard = (date: string | null, signal?: AbortSignal) =>
  request<TeamDashboard>('GET', `/api/dashboard/team${date ? `?date=${encodeURIComponent(date)}` : ''}`, undefined, signal);
export const fetchWorkload = (signal?: AbortSignal) => request<{ date: string; items: WorkloadRow[] }>('GET', '/api/workload', undefined, signal);
export const setCap = (userId: number, dailyAttempts: number | null) =>
  request<void>('PUT', `/api/collectors/${userId}/cap`, { daily_attempts: dailyAttempts });
export const fetchHandoffs = (signal?: AbortSignal) => request<{ items: HandoffRow[] }>('GET', '/api/handoffs', undefined, signal);
export const resolveHandoff = (id: number, resolution: string) => request<void>('POST', `/api/handoffs/${id}/resolve`, { resolution });
export const offboard = (userId: number, to: { to_user_id: number } | { to_team_id: number }, reason: string) =>
  request<OffboardResult>('POST', `/api/collectors/${userId}/offboard`, { ...to, ...(reason.trim() ? { reason: reason.trim() } : {}) });
