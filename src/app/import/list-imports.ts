/**
 * The imports that committed: who, when, which file, and the counts. A batch that did not
 * commit left nothing, so it is not here (a running upload reports its progress through the
 * HTTP route while it runs).
 */
import { findImportBatch, listImportBatches, type ImportBatchRow } from '../../db/import-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { encodingNoteZh } from './read-file.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';

export interface ImportListItem {
  id: number;
  creditor_code: string;
  kind: string;
  file_name: string;
  file_sha256: string;
  /** How the file's encoding was chosen, in English ("GBK (not UTF-8; every byte decodes as GBK)") and in Chinese. */
  encoding: string | null;
  encoding_zh: string | null;
  status: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  has_errors_file: boolean;
  duplicate_of: number | null;
  created_by: string;
  created_at: string;
  finished_at: string | null;
  seconds: number | null;
  /** The file's headers that are none of our columns and not in the creditor's mapping: not read. */
  unused_headers: string[];
}

function toItem(row: ImportBatchRow): ImportListItem {
  const seconds = row.summary['seconds'];
  const encoding = typeof row.summary['encoding'] === 'string' ? row.summary['encoding'] : row.encoding;
  return {
    id: row.id, creditor_code: row.creditor_code, kind: row.kind, file_name: row.file_name, file_sha256: row.file_sha256,
    encoding, encoding_zh: encoding === null ? null : encodingNoteZh(encoding), status: row.status,
    rows: row.rows ?? 0, inserted: row.inserted ?? 0, updated: row.updated ?? 0, unchanged: row.unchanged ?? 0, rejected: row.rejected ?? 0,
    has_errors_file: row.errors_file !== null && row.errors_deleted_at === null, duplicate_of: row.duplicate_of,
    created_by: row.created_by_username ?? (row.created_by === null ? 'cli' : `user ${row.created_by}`),
    created_at: row.created_at.toISOString(), finished_at: row.finished_at?.toISOString() ?? null,
    seconds: typeof seconds === 'number' ? seconds : null,
    unused_headers: Array.isArray(row.summary['unused_headers']) ? (row.summary['unused_headers'] as unknown[]).filter((h): h is string => typeof h === 'string') : [],
  };
}

export async function listImports(ctx: AppContext, actor: Actor, query: { limit: number; offset: number }):
  Promise<{ total: number; items: ImportListItem[] }> {
  authorize(actor, 'imports.read');
  const { total, rows } = await listImportBatches(ctx.pool, query);
  return { total, items: rows.map(toItem) };
}

export async function getImport(ctx: AppContext, actor: Actor, id: number): Promise<ImportListItem & { errors_file: string | null }> {
  authorize(actor, 'imports.read');
  const row = await findImportBatch(ctx.pool, id);
  if (!row) {
    throw new AppError('NOT_FOUND', {
      en: `Import ${id} does not exist (an import that did not finish leaves nothing behind)`, zh: `导入批次 ${id} 不存在（未完成的导入不会留下任何记录）`,
    });
  }
  return { ...toItem(row), errors_file: row.errors_file };
}
