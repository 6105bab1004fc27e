/**
 * Imports uploaded through the API: the file is written to a private temporary directory,
 * checked like any import (a malformed file is refused before anything is written), then
 * imported in the background while the caller polls its progress by batch id. The batch
 * commits or leaves nothing, exactly as from the command line; progress of a running batch
 * lives in this process's memory until it ends.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ImportKind } from '../../domain/import/columns.ts';
import { appendAudit } from '../../db/audit-repository.ts';
import { findErrorsFile } from '../../db/import-repository.ts';
import { unpackErrorsFile } from './errors-file.ts';
import { localDateTimeIn } from '../../domain/calendar.ts';
import { AppError } from '../../domain/errors.ts';
import { ERRORS_FILE_RETENTION_DAYS } from '../../domain/privacy.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';
import { prepareImport, runImport, type ImportProgress, type ImportSummary, type PreparedImport } from './engine.ts';
import { paymentHandler } from './import-payments.ts';
import { placementHandler } from './import-placements.ts';
import { recallHandler } from './import-recalls.ts';
import { contactHandler } from './import-contacts.ts';
import type { EncodingOption } from './read-file.ts';
import { getImport, type ImportListItem } from './list-imports.ts';

type Runner = (ctx: AppContext, actor: Actor, prepared: PreparedImport, onProgress: (p: ImportProgress) => void) => Promise<unknown>;
const RUNNERS: Record<ImportKind, Runner> = {
  placements: (ctx, actor, prepared, onProgress) => runImport(ctx, actor, placementHandler, prepared, onProgress),
  payments: (ctx, actor, prepared, onProgress) => runImport(ctx, actor, paymentHandler, prepared, onProgress),
  recalls: (ctx, actor, prepared, onProgress) => runImport(ctx, actor, recallHandler, prepared, onProgress),
  contacts: (ctx, actor, prepared, onProgress) => runImport(ctx, actor, contactHandler, prepared, onProgress),
};

export interface UploadInput {
  kind: ImportKind;
  creditor: string;
  fileName: string;
  content: Buffer;
  mappingJson?: string | undefined;
  encoding?: EncodingOption | undefined;
  placementEnd?: string | undefined;
  sheet?: string | undefined;
}

export interface ImportStatus {
  id: number;
  status: 'running' | 'done' | 'failed';
  kind: string;
  file_name: string;
  progress: { rows: number; bytes_read: number; total_bytes: number; percent: number | null; phase: string };
  summary: ImportSummary | null;
  /** Why a failed import failed, in English and Chinese. */
  error: string | null;
  error_zh: string | null;
  batch: ImportListItem | null;
}

interface Job {
  id: number; kind: ImportKind; fileName: string; status: 'running' | 'failed'; progress: ImportProgress; error: string | null; errorZh: string | null;
  done: Promise<void>;
}

/** The uploads of one server process. */
export class ImportUploads {
  readonly #jobs = new Map<number, Job>();
  #dir: Promise<string> | undefined;

  /** Checks and starts an upload; returns its batch id at once. A malformed file fails here. */
  async start(ctx: AppContext, actor: Actor, input: UploadInput): Promise<{ id: number }> {
    authorize(actor, 'imports.run');
    const safeName = path.basename(input.fileName).replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(-100) || 'upload';
    const dir = await fs.mkdtemp(path.join(await this.#root(), 'batch-'));
    const filePath = path.join(dir, safeName);
    await fs.writeFile(filePath, input.content, { mode: 0o600 });
    let prepared;
    try {
      prepared = await prepareImport(ctx, actor, input.kind, {
        filePath, fileName: input.fileName, creditor: input.creditor, mappingJson: input.mappingJson, encoding: input.encoding,
        placementEnd: input.placementEnd, sheet: input.sheet, errorsPath: path.join(dir, `${safeName}.errors.csv`), errorsInDatabase: true,
      });
    } catch (error) {
      await fs.rm(dir, { recursive: true, force: true });
      throw error;
    }
    const job: Job = {
      id: prepared.batchId, kind: input.kind, fileName: input.fileName, status: 'running', error: null, errorZh: null,
      progress: { batchId: prepared.batchId, phase: 'reading', rows: 0, bytesRead: 0, totalBytes: input.content.length },
      done: Promise.resolve(),
    };
    job.done = RUNNERS[input.kind](ctx, actor, prepared, (p) => { job.progress = p; })
      .then(() => { this.#jobs.delete(job.id); })
      .catch((error: unknown) => {
        job.status = 'failed';
        job.error = error instanceof Error ? error.message : String(error);
        job.errorZh = error instanceof AppError ? error.messageZh : `导入失败，未写入任何数据：${job.error}`;
      })
      .finally(() => fs.rm(dir, { recursive: true, force: true }));
    this.#jobs.set(job.id, job);
    this.#forgetOldFailures();
    return { id: job.id };
  }

  async status(ctx: AppContext, actor: Actor, id: number): Promise<ImportStatus> {
    authorize(actor, 'imports.read');
    const job = this.#jobs.get(id);
    if (job) {
      const p = job.progress;
      return {
        id, status: job.status, kind: job.kind, file_name: job.fileName, summary: null, error: job.error, error_zh: job.errorZh, batch: null,
        progress: { rows: p.rows, bytes_read: p.bytesRead, total_bytes: p.totalBytes, phase: p.phase,
          percent: p.totalBytes && p.bytesRead ? Math.min(100, Math.floor((100 * p.bytesRead) / p.totalBytes)) : null },
      };
    }
    const batch = await getImport(ctx, actor, id);
    return {
      id, status: 'done', kind: batch.kind, file_name: batch.file_name, error: null, error_zh: null, batch,
      progress: { rows: batch.rows, bytes_read: 0, total_bytes: 0, percent: 100, phase: 'done' },
      summary: {
        batch_id: batch.id, file_sha256: batch.file_sha256, rows: batch.rows, inserted: batch.inserted, updated: batch.updated,
        unchanged: batch.unchanged, rejected: batch.rejected, errors_file: batch.errors_file, seconds: batch.seconds ?? 0,
      },
    };
  }

  /**
   * The errors CSV of a committed batch (it holds the bank's rows in clear: admins only): an
   * upload's from the database (a re-sent file's is its first import's), a command-line
   * import's from beside its file, if this server can read it there.
   */
  async errorsFile(ctx: AppContext, actor: Actor, id: number): Promise<{ content: Buffer } | { path: string } | null> {
    authorize(actor, 'imports.run');
    const batch = await getImport(ctx, actor, id);
    if (!batch.errors_file) return null;
    const stored = await findErrorsFile(ctx.pool, batch.duplicate_of ?? id);
    if (stored) {
      if (stored.content_enc === null) {
        const on = localDateTimeIn(stored.deleted_at!.getTime(), ctx.agencyZone).date;
        throw new AppError('GONE', {
          en: `The errors file of import ${id} was deleted on ${on}: rejected rows are kept ${ERRORS_FILE_RETENTION_DAYS} days (docs/privacy.md)`,
          zh: `导入批次 ${id} 的错误行文件已于 ${on} 删除：被拒绝的行只保留 ${ERRORS_FILE_RETENTION_DAYS} 天（见 docs/privacy.md）`,
        });
      }
      await appendAudit(ctx.pool, actor, { action: 'import.errors_download', entity: 'import_batch', entityId: id, creditorId: stored.creditor_id });
      return { content: unpackErrorsFile(ctx.cipher.decrypt(stored.content_enc)) };
    }
    try {
      await fs.access(batch.errors_file);
    } catch {
      throw new AppError('NOT_FOUND', {
        en: `The errors file of import ${id} is no longer on this server (${batch.errors_file})`,
        zh: `导入批次 ${id} 的错误行文件已不在本服务器上（${batch.errors_file}）`,
      });
    }
    await appendAudit(ctx.pool, actor, { action: 'import.errors_download', entity: 'import_batch', entityId: id });
    return { path: batch.errors_file };
  }

  /** Lets running imports finish (they are transactions: stopping them would only undo them). */
  async close(): Promise<void> {
    await Promise.allSettled([...this.#jobs.values()].map((j) => j.done));
  }

  #root(): Promise<string> {
    this.#dir ??= fs.mkdtemp(path.join(os.tmpdir(), 'leeway-uploads-')).then(async (dir) => { await fs.chmod(dir, 0o700); return dir; });
    return this.#dir;
  }

  #forgetOldFailures(): void {
    const failed = [...this.#jobs.values()].filter((j) => j.status === 'failed');
    for (const job of failed.slice(0, Math.max(0, failed.length - 100))) this.#jobs.delete(job.id);
  }
}
