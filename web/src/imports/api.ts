import { request } from '../workstation/request.ts';

export type ImportKind = 'placements' | 'payments' | 'recalls' | 'contacts';
export const IMPORT_KINDS: readonly ImportKind[] = ['placements', 'payments', 'recalls', 'contacts'];
export type Encoding = 'auto' | 'utf8' | 'gbk' | 'gb18030';
export const ENCODINGS: readonly Encoding[] = ['auto', 'utf8', 'gbk', 'gb18030'];

/** The server takes files up to this size through the browser; bigger ones go through `leeway import` on the server. */
export const MAX_UPLOAD_BYTES = 48 * 1024 * 1024;

export interface Creditor { id: number; code: string; name: string; name_en: string | null; accounts: number }

export interface ImportBatch {
  id: number; creditor_code: string; kind: ImportKind; file_name: string; file_sha256: string;
  /** How the file's encoding was chosen, in English and in Chinese. */
  encoding: string | null; encoding_zh: string | null; status: string;
  rows: number; inserted: number; updated: number; unchanged: number; rejected: number; has_errors_file: boolean; duplicate_of: number | null;
  created_by: string; created_at: string; finished_at: string | null; seconds: number | null;
  /** Headers that are none of our columns and not in the creditor's mapping: not read. */
  unused_headers: string[];
}

export interface ImportSummary { batch_id: number; rows: number; inserted: number; updated: number; unchanged: number; rejected: number; errors_file: string | null; seconds: number }

export interface ImportStatus {
  id: number; status: 'running' | 'done' | 'failed'; kind: ImportKind; file_name: string;
  progress: { rows: number; bytes_read: number; total_bytes: number; percent: number | null; phase: 'reading' | 'committing' | 'done' };
  summary: ImportSummary | null; error: string | null; error_zh: string | null;
}

export interface UploadRequest {
  kind: ImportKind; creditor: string; file_name: string; content_base64: string; encoding: Encoding;
  mapping?: Record<string, unknown>; placement_end?: string; sheet?: string;
}

export const fetchCreditors = (signal?: AbortSignal) => request<{ items: Creditor[] }>('GET', '/api/creditors', undefined, signal);
export const fetchImports = (signal?: AbortSignal) => request<{ total: number; items: ImportBatch[] }>('GET', '/api/imports?limit=50', undefined, signal);
export const fetchImportStatus = (id: number, signal?: AbortSignal) => request<ImportStatus>('GET', `/api/imports/${id}`, undefined, signal);
export const startImport = (body: UploadRequest) => request<{ id: number; status: 'running' }>('POST', '/api/imports', body);
export const errorsFileUrl = (id: number) => `/api/imports/${id}/errors`;

/** A file's bytes as base64, for the JSON upload. */
export async function base64Of(file: Blob): Promise<string> {
  const url = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
  return url.slice(url.indexOf(',') + 1);
}
