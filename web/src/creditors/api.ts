import { request } from '../workstation/request.ts';

export interface Creditor { id: number; code: string; name: string; accounts: number; repayment_zh: string | null; repayment_en: string | null }

export const fetchCreditors = (signal?: AbortSignal) => request<{ items: Creditor[] }>('GET', '/api/creditors', undefined, signal);
export const addCreditor = (code: string, name: string) => request<{ id: number; code: string; name: string }>('POST', '/api/creditors', { code, name });

/** 还款方式: how the creditor's debtors pay it, shown on their portal and in letters; both empty clears it. */
export const setRepayment = (code: string, zh: string, en: string) =>
  request<{ repayment_zh: string | null; repayment_en: string | null }>('PUT', `/api/creditors/${encodeURIComponent(code)}/repayment`, { zh, en: en.trim() ? en : null });
