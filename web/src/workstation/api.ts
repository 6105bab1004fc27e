import { request } from './request.ts';
import type { AccountPageView, CallerLookupView, EmailQueued, EmailTemplateView, NextAccount, SmsQueued, SmsTemplateView } from './types.ts';

export const fetchNextAccount = (release: number | null): Promise<NextAccount> =>
  request('POST', '/api/queue/next', release === null ? {} : { release });

export const fetchAccountPage = (id: number, signal?: AbortSignal): Promise<AccountPageView> =>
  request('GET', `/api/accounts/${id}/page`, undefined, signal);

export interface LogContactBody {
  channel: string; party: string; purpose: string; contact_point_id?: number; outcome: string;
  delinquency_reason?: string; note?: string; expected_version: number;
  /** A call's recording in the agency's recording system: with a call centre, a call logged by hand needs one (CN). */
  recording_ref?: string;
  /** Who started it: the agency (an outbound attempt, judged by the rules first) or the caller (an inbound call, recorded as it happened). */
  initiated_by?: 'agency' | 'debtor' | 'third_party';
  /** Whether the debt collector disclosure was given: a US conversation with the debtor themself. */
  disclosure_given?: boolean;
  /** The language a call or visit was held in (ISO 639-1), under a US contract. */
  language?: string;
}
export const logContact = (id: number, body: LogContactBody): Promise<{ attempt_id: number; version: number }> =>
  request('POST', `/api/accounts/${id}/contacts`, body);

export const takePromise = (id: number, body: { amount_fen: number; due_date: string; expected_version: number; time_bar_notice_read?: boolean }): Promise<{ promise_id: number }> =>
  request('POST', `/api/accounts/${id}/promises`, body);

export const scheduleCallback = (id: number, body: { local_time: string; note?: string; expected_version: number }):
  Promise<{ callback_id: number; would_refuse: Array<{ rule: string; message: string; message_zh: string }> }> =>
  request('POST', `/api/accounts/${id}/callbacks`, body);

export interface NewContactPointBody {
  kind: string; value: string; owner: string; third_party_name?: string; relation?: string; source: string; reliability: string; expected_version: number;
  employer_provided?: boolean; debtor_consented?: boolean;
}
export const addContactPoint = (id: number, body: NewContactPointBody): Promise<{ contact_point_id: number; lost_contact: boolean }> =>
  request('POST', `/api/accounts/${id}/contact-points`, body);

/** The debtor's contact points in clear (and ID number), for a reason; the server writes the audit row first (pii.reveal). */
/** The debtor's contact points in clear (the numbers the screen shows, and only those: the ID number is neither sent nor audited as shown). */
export const revealPii = (accountId: number, reason: string): Promise<{ contact_points: Array<{ id: number; value: string }> }> =>
  request('POST', `/api/accounts/${accountId}/reveal`, { reason, fields: ['contact_points'] });

export const markContactPoint = (pointId: number, body: { account_id: number; state: string; reason: string; expected_version: number }):
  Promise<{ lost_contact: boolean }> => request('POST', `/api/contact-points/${pointId}/mark`, body);

export const recordContactConsent = (pointId: number, body: { account_id: number; consented: boolean; note: string; expected_version: number }):
  Promise<{ version: number }> => request('POST', `/api/contact-points/${pointId}/consent`, body);

export const recordNoCalls = (pointId: number, body: { account_id: number; no_calls: boolean; note: string; expected_version: number }):
  Promise<{ version: number }> => request('POST', `/api/contact-points/${pointId}/no-calls`, body);

export const setDebtorLanguage = (id: number, body: { language: string | null; expected_version: number }): Promise<{ version: number }> =>
  request('POST', `/api/accounts/${id}/debtor-language`, body);

export const correctDebtorName = (id: number, body: { name: string; reason: string; expected_version: number }): Promise<{ version: number }> =>
  request('POST', `/api/accounts/${id}/debtor-name`, body);

/** `reason`: the collector's own words, if any (the server records the hand-off as made after an abusive call). */
export const handOff = (id: number, body: { reason?: string; attempt_id?: number }): Promise<{ break_until: string }> =>
  request('POST', `/api/accounts/${id}/handoff`, body);

export const fetchSmsTemplates = (id: number, signal?: AbortSignal): Promise<{ items: SmsTemplateView[] }> =>
  request('GET', `/api/accounts/${id}/sms-templates`, undefined, signal);

export const sendSms = (id: number, body: { template: string; contact_point_id: number }): Promise<SmsQueued> =>
  request('POST', `/api/accounts/${id}/sms`, body);

export const fetchEmailTemplates = (id: number, signal?: AbortSignal): Promise<{ items: EmailTemplateView[] }> =>
  request('GET', `/api/accounts/${id}/email-templates`, undefined, signal);

export const sendEmail = (id: number, body: { template: string; contact_point_id: number }): Promise<EmailQueued> =>
  request('POST', `/api/accounts/${id}/email`, body);

/** 来电查找: in the body, so the number never lands in an address or a log. */
export const findCaller = (query: { phone: string } | { id_number: string } | { account_no: string }): Promise<CallerLookupView> =>
  request('POST', '/api/accounts/caller-lookup', query);

/** 一键外呼: the server judges the call, records it, and asks the telephony gateway to ring your seat and the number. */
export const dial = (accountId: number, body: { contact_point_id: number; expected_version: number }): Promise<{ attempt_id: number; call_ref: string; version: number }> =>
  request('POST', `/api/accounts/${accountId}/dial`, body);

export const recordCallResult = (attemptId: number, body: { outcome: string; note?: string; delinquency_reason?: string; language?: string; disclosure_given?: boolean; expected_version: number }):
  Promise<{ attempt_id: number; version: number }> => request('POST', `/api/contact-attempts/${attemptId}/result`, body);

/** 催记更正: a team lead corrects the outcome a contact was recorded with; the reason is kept beside what it replaced. */
export const correctContact = (attemptId: number, body: { outcome: string; reason: string; expected_version: number }):
  Promise<{ attempt_id: number; outcome: string; version: number }> => request('POST', `/api/contact-attempts/${attemptId}/correction`, body);

/** 取消承诺: an open promise withdrawn or taken by mistake, with the reason. */
export const cancelPromise = (promiseId: number, body: { reason: string; expected_version: number }): Promise<{ promise_id: number; version: number }> =>
  request('POST', `/api/promises/${promiseId}/cancel`, body);

/** 改约: an open promise moved to a new date or amount, with the reason; the old one is cancelled and the new one names it. */
export const reschedulePromise = (promiseId: number, body: { amount_fen: number; due_date: string; reason: string; expected_version: number; time_bar_notice_read?: boolean }):
  Promise<{ promise_id: number; replaces: number; version: number }> => request('POST', `/api/promises/${promiseId}/reschedule`, body);

/** 取消回拨: an open callback cancelled, with the reason. */
export const cancelCallback = (callbackId: number, body: { reason: string; expected_version: number }): Promise<{ callback_id: number; version: number }> =>
  request('POST', `/api/callbacks/${callbackId}/cancel`, body);
