import type { Currency } from '../lib/money.ts';
import { request } from '../workstation/request.ts';

/** Shapes of the supervisor APIs as these screens read them. */
export interface DashboardCollector {
  user_id: number; username: string; display_name: string; team_id: number; team_name: string;
  attempts: number; right_party: number; promises_taken: number; promises_kept: number; collected_fen: number;
  /** The day's target in the dashboard's currency; null for a collector who works no account in it (a US desk in yuan figures). */
  target_fen: number | null; abusive: number; paid_off: number;
  /** false: offboarded since, listed for a past day they worked; not one to give accounts to. */
  active: boolean;
}
export interface TeamDashboard {
  date: string; team_id: number | null; target_source: string; currency: Currency; currencies: Currency[]; collectors: DashboardCollector[];
  totals: Omit<DashboardCollector, 'user_id' | 'username' | 'display_name' | 'team_id' | 'team_name' | 'target_fen'> & { collectors: number; target_fen: number };
}
export interface WorkloadRow { user_id: number; username: string; display_name: string; attempts: number; right_party: number;
  promises: number; abusive: number; unrecorded_calls: number; promises_cancelled: number; daily_cap: number | null; on_break_until: string | null }
export interface HandoffRow { id: number; account_id: number; creditor_code: string; account_no_mask: string; debtor_name: string;
  from_user_id: number; from_name: string; reason_code: string; reason: string | null; created_at: string }
export interface OffboardResult {
  user: { id: number; username: string }; to: { kind: 'user' | 'team'; id: number; name: string }; accounts: number;
  /** Of `accounts`, those finished (paid, settled, returned, closed): moved too so none is left without an owner. */
  accounts_finished: number;
  by_collector: Array<{ collector_id: number; username: string; accounts: number }>; deactivated: true;
  promises_carried: number; promise_credits: number; callbacks_carried: number | null;
}

export const fetchDashboard = (date: string | null, currency: Currency | undefined, signal?: AbortSignal) => {
  const query = new URLSearchParams([...(date ? [['date', date]] : []), ...(currency ? [['currency', currency]] : [])]).toString();
  return request<TeamDashboard>('GET', `/api/dashboard/team${query ? `?${query}` : ''}`, undefined, signal);
};
export const fetchWorkload = (signal?: AbortSignal) => request<{ date: string; items: WorkloadRow[] }>('GET', '/api/workload', undefined, signal);
export const setCap = (userId: number, dailyAttempts: number | null) =>
  request<void>('PUT', `/api/collectors/${userId}/cap`, { daily_attempts: dailyAttempts });
export const fetchHandoffs = (signal?: AbortSignal) => request<{ items: HandoffRow[] }>('GET', '/api/handoffs', undefined, signal);
export const resolveHandoff = (id: number, resolution: string) => request<void>('POST', `/api/handoffs/${id}/resolve`, { resolution });
export const offboard = (userId: number, to: { to_user_id: number } | { to_team_id: number }, reason: string) =>
  request<OffboardResult>('POST', `/api/collectors/${userId}/offboard`, { ...to, ...(reason.trim() ? { reason: reason.trim() } : {}) });

export interface Territory { creditor_id: number; creditor_code: string; region_prefix: string; region_name: string | null; region_name_en: string | null; team_id: number; team_name: string }
export interface DealResult { creditor: string | null; accounts: number; dealt: number; kept: number; no_territory: number; no_collector: number; moved: number;
  teams: Array<{ team_id: number; team_name: string; accounts: number; collectors: number }>; seconds: number }
export interface MoveResult { to: { id: number; username: string; team_id: number }; moved: Array<{ account_id: number; from: number | null; to: number }>;
  unchanged: number[]; promises_carried: number; promise_credits: number; callbacks_carried: number | null }
export interface Suspension { id: number; scope: 'region' | 'creditor' | 'account'; code: string; from_date: string; to_date: string | null; reason: string;
  created_at: string; ended_at: string | null; state: 'scheduled' | 'in_force' | 'over' | 'ended' }
export interface Hold { id: number; kind: string; reason: string; account_id: number | null; debtor_id: number; set_by_name: string | null; set_at: string;
  starts_on: string; ends_on: string | null; released_at: string | null; released_reason: string | null; in_force: boolean;
  /** The last day the engine keeps it in force (its end, or the end the law gives); null: until released. */
  last_day: string | null }

export const HOLD_KINDS = ['cease', 'dispute', 'deceased', 'bankrupt', 'attorney', 'capacity', 'complaint_review', 'hardship_review',
  'breathing_space', 'mental_health_crisis', 'plan_pending', 'plan_pending_extended', 'vulnerable', 'statute_barred'] as const;

export const fetchTerritories = (signal?: AbortSignal) => request<{ items: Territory[] }>('GET', '/api/territories', undefined, signal);
export const putTerritory = (creditor: string, regionPrefix: string, teamId: number) =>
  request<unknown>('PUT', '/api/territories', { creditor, region_prefix: regionPrefix, team_id: teamId });
export const dealAccounts = (creditor: string, rebalance = false) =>
  request<DealResult>('POST', '/api/assignments/deal', { ...(creditor.trim() ? { creditor: creditor.trim() } : {}), rebalance });
export const removeTerritory = (creditor: string, regionPrefix: string) =>
  request<unknown>('DELETE', `/api/territories?creditor=${encodeURIComponent(creditor)}&region_prefix=${encodeURIComponent(regionPrefix)}`);
export const moveAccounts = (accountIds: number[], toUserId: number, reason: string) =>
  request<MoveResult>('POST', '/api/assignments/move', { account_ids: accountIds, to_user_id: toUserId, reason });
/** A page of the team's accounts to pick from: matching `q`, held by `collector` (a user id, `none` for no one; '' for anyone). */
export const fetchTeamAccounts = (query: { q: string; collector: string; limit: number; offset: number }, signal?: AbortSignal) => {
  const params = new URLSearchParams({ limit: String(query.limit), offset: String(query.offset) });
  if (query.q.trim()) params.set('q', query.q.trim());
  if (query.collector !== '') params.set('collector', query.collector);
  return request<{ total: number; items: Array<{ id: number; creditor_code: string; account_no_mask: string; debtor_name: string; balance_fen: number; currency: Currency; collector_name: string | null }> }>(
    'GET', `/api/accounts?${params.toString()}`, undefined, signal);
};
export const fetchSuspensions = (all: boolean, signal?: AbortSignal) =>
  request<{ items: Suspension[] }>('GET', `/api/suspensions?all=${all ? 'true' : 'false'}`, undefined, signal);
export const createSuspension = (body: { scope: string; code: string; from: string; to?: string; reason: string }) =>
  request<{ suspension: Suspension; attempts_in_window: AttemptInWindow[]; promises_ended: number }>('POST', '/api/suspensions', body);
/** A contact made inside a suspension's window before it was created (a backdated one): for review. */
export interface AttemptInWindow { id: number; account_id: number; creditor_code: string; at: string; channel: string; party: string; outcome: string; collector_name: string | null }
export const endSuspension = (id: number) => request<Suspension>('POST', `/api/suspensions/${id}/end`, {});
export const fetchHolds = (accountId: number, signal?: AbortSignal) => request<{ items: Hold[]; kinds: string[] }>('GET', `/api/accounts/${accountId}/holds`, undefined, signal);
export const placeHold = (accountId: number, body: { kind: string; reason: string; scope: 'account' | 'debtor'; starts_on?: string; ends_on?: string }) =>
  request<{ id: number }>('POST', `/api/accounts/${accountId}/holds`, body);
export const releaseHold = (id: number, reason: string) => request<void>('POST', `/api/holds/${id}/release`, { reason });
