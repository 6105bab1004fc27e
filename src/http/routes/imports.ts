import { createReadStream } from 'node:fs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { listImports } from '../../app/import/list-imports.ts';
import { ImportUploads } from '../../app/import/uploads.ts';
import { actorFrom } from '../auth-hook.ts';
import { invalidInput } from '../../domain/errors.ts';
import { errorSchema, localDateSchema } from '../schemas.ts';

/**
 * Bank-file imports over HTTP. The upload is JSON with the file base64-encoded (a plain
 * fetch from the admin screen, no multipart): POST answers 202 with the batch id at once
 * (or 400 naming what is wrong with the file), GET /api/imports/:id reports progress while
 * it runs and the summary when it is done.
 */
const MAX_UPLOAD_BYTES = 64 * 1024 * 1024; // base64 of a 48 MB file; bigger files: `leeway import` on the server
/** Base64 as encoders write it: its alphabet, line breaks allowed (MIME wraps lines), padding at the end. */
const BASE64 = /^[A-Za-z0-9+/\r\n]*={0,2}\s*$/;

const summarySchema = z.object({
  batch_id: z.number().int(), file_sha256: z.string(), rows: z.number().int(), inserted: z.number().int(), updated: z.number().int(),
  unchanged: z.number().int(), rejected: z.number().int(), errors_file: z.string().nullable(), seconds: z.number(),
});

const batchSchema = z.object({
  id: z.number().int(), creditor_code: z.string(), kind: z.string(), file_name: z.string(), file_sha256: z.string(),
  encoding: z.string().nullable().describe('how the file\'s encoding was chosen, in English'),
  encoding_zh: z.string().nullable().describe('the same in Chinese'), status: z.string(), rows: z.number().int(), inserted: z.number().int(), updated: z.number().int(),
  unchanged: z.number().int(), rejected: z.number().int(), has_errors_file: z.boolean(), duplicate_of: z.number().int().nullable(),
  created_by: z.string(), created_at: z.string(), finished_at: z.string().nullable(), seconds: z.number().nullable(),
  unused_headers: z.array(z.string()),
});

const statusSchema = z.object({
  id: z.number().int(),
  status: z.enum(['running', 'done', 'failed']),
  kind: z.string(),
  file_name: z.string(),
  progress: z.object({ rows: z.number().int(), bytes_read: z.number().int(), total_bytes: z.number().int(),
    percent: z.number().int().nullable(), phase: z.string() }),
  summary: summarySchema.nullable(),
  error: z.string().nullable(),
  error_zh: z.string().nullable(),
});

const idParams = z.object({ id: z.coerce.number().int().positive() });

export function importRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const uploads = new ImportUploads();
    app.addHook('onClose', async () => { await uploads.close(); });

    app.post('/api/imports', {
      bodyLimit: MAX_UPLOAD_BYTES + 4096,
      schema: {
        tags: ['imports'], summary: 'Upload a bank file (placements, payments or recalls) and start importing it',
        description: 'The file goes base64-encoded in `content_base64`. Answers 202 with the batch id; poll GET /api/imports/{id}.',
        body: z.object({
          kind: z.enum(['placements', 'payments', 'recalls', 'contacts']),
          creditor: z.string().trim().min(1).max(32),
          file_name: z.string().trim().min(1).max(200),
          content_base64: z.string().min(1).max(MAX_UPLOAD_BYTES),
          mapping: z.record(z.string(), z.unknown()).optional(),
          encoding: z.enum(['auto', 'utf8', 'gbk', 'gb18030']).optional(),
          placement_end: localDateSchema.optional(),
          sheet: z.string().min(1).max(100).optional(),
        }),
        response: { 202: z.object({ id: z.number().int(), status: z.literal('running') }), 400: errorSchema, 401: errorSchema, 403: errorSchema },
      },
    }, async (request, reply) => {
      const body = request.body;
      // Buffer.from skips what is not base64: a body that is not would reach the import as some other file.
      if (!BASE64.test(body.content_base64)) {
        throw invalidInput({ en: 'content_base64 is not base64: send the file\'s bytes base64-encoded (A-Z, a-z, 0-9, + and /, = at the end)',
          zh: 'content_base64 不是 base64 编码：请把文件内容按 base64 编码后发送（A-Z、a-z、0-9、+ 和 /，末尾可有 =）' }, 'content_base64');
      }
      const started = await uploads.start(ctx, actorFrom(request), {
        kind: body.kind, creditor: body.creditor, fileName: body.file_name, content: Buffer.from(body.content_base64, 'base64'),
        mappingJson: body.mapping === undefined ? undefined : JSON.stringify(body.mapping), encoding: body.encoding,
        placementEnd: body.placement_end, sheet: body.sheet,
      });
      return reply.code(202).send({ id: started.id, status: 'running' as const });
    });

    app.get('/api/imports', {
      schema: {
        tags: ['imports'], summary: 'Imports that committed: who, when, which file, counts',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) }),
        response: { 200: z.object({ total: z.number().int(), items: z.array(batchSchema) }), 401: errorSchema, 403: errorSchema },
      },
    }, async (request) => listImports(ctx, actorFrom(request), request.query));

    app.get('/api/imports/:id', {
      schema: {
        tags: ['imports'], summary: 'Progress of a running import, or the summary of a finished one',
        params: idParams,
        response: { 200: statusSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      },
    }, async (request) => {
      const s = await uploads.status(ctx, actorFrom(request), request.params.id);
      return { id: s.id, status: s.status, kind: s.kind, file_name: s.file_name, progress: s.progress, summary: s.summary, error: s.error, error_zh: s.error_zh };
    });

    app.get('/api/imports/:id/errors', {
      schema: {
        tags: ['imports'], summary: 'The rejected rows of an import as CSV (original columns + row_number, column, reason); 204 when none, 410 once deleted (kept 30 days); audited',
        params: idParams,
        response: { 200: z.string().describe('text/csv'), 204: z.null(), 401: errorSchema, 403: errorSchema, 404: errorSchema, 410: errorSchema },
      },
    }, async (request, reply) => {
      const file = await uploads.errorsFile(ctx, actorFrom(request), request.params.id);
      if (!file) return reply.code(204).send(null);
      void reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="import-${request.params.id}-errors.csv"`);
      if ('content' in file) return reply.send(file.content as unknown as string); // bytes as kept: Fastify sends a Buffer as it is
      return reply.send(createReadStream(file.path) as unknown as string); // streamed as is: Fastify serializes objects, not streams
    });
  };
}
