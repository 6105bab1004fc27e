import { request } from '../workstation/request.ts';

export interface Creditor { id: number; code: string; name: string; accounts: number }

export const fetchCreditors = (signal?: AbortSignal) => request<{ items: Creditor[] }>('GET', '/api/creditors', undefined, signal);
export const addCreditor = (code: string, name: string) => request<{ id: number; code: string; name: string }>('POST', '/api/creditors', { code, name });
