import { ApiError, apiErrorFrom, NETWORK_ERROR } from './api.ts';

/** A PDF the server made of letters or notices, and what went in or was left out (per rule). */
export interface PrintedPdf { file: Blob; fileName: string; printed: number; already: number; refused: Record<string, number | undefined> }

/**
 * POSTs for a PDF of letters (collection letters, validation notices): the file, and the counts the
 * server sends in `<prefix>-printed`, `<prefix>-already` and `<prefix>-refused` (JSON) headers.
 */
export async function postForPdf(url: string, body: unknown, prefix: string, fallbackName: string): Promise<PrintedPdf> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch (error) {
    throw new ApiError(0, NETWORK_ERROR, error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    const problem: unknown = await response.json().catch(() => null);
    throw apiErrorFrom(response.status, response.statusText, problem, response.headers.get('retry-after'));
  }
  const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  let refused: PrintedPdf['refused'] = {};
  try { refused = JSON.parse(response.headers.get(`${prefix}-refused`) ?? '{}') as PrintedPdf['refused']; } catch { refused = {}; }
  return { file: await response.blob(), fileName, printed: Number(response.headers.get(`${prefix}-printed`) ?? 0),
    already: Number(response.headers.get(`${prefix}-already`) ?? 0), refused };
}

/** Hands a file to the browser's downloads. */
export function saveFile(file: Blob, fileName: string): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
