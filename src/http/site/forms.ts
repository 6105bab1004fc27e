import type { FastifyInstance } from 'fastify';
import { AppError } from '../../domain/errors.ts';

/** A parsed HTML form: text fields (repeated names collected) and at most a few uploaded files. */
export interface FormBody { fields: Record<string, string[]>; files: Array<{ field: string; fileName: string; contentType: string; bytes: Buffer }> }

export function field(body: FormBody, name: string): string {
  return body.fields[name]?.[0] ?? '';
}

/**
 * HTML forms without a plugin: application/x-www-form-urlencoded and multipart/form-data
 * (bodies up to 6 MB: the 5 MB evidence limit plus the text fields), registered on the
 * portal's and site's encapsulated scope only, so the JSON API is unaffected.
 */
export function registerFormParsers(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
    const fields: Record<string, string[]> = {};
    for (const [k, v] of new URLSearchParams(body as string)) (fields[k] ??= []).push(v);
    done(null, { fields, files: [] } satisfies FormBody);
  });
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: 6 * 1024 * 1024 }, (req, body, done) => {
    try {
      const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(req.headers['content-type'] ?? '');
      if (!boundary) throw new AppError('INVALID_INPUT', { en: 'multipart body without a boundary', zh: 'multipart 请求体缺少 boundary' });
      done(null, parseMultipart(body as Buffer, boundary[1] ?? boundary[2]!));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

export function parseMultipart(body: Buffer, boundary: string): FormBody {
  const result: FormBody = { fields: {}, files: [] };
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const partStart = start + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, partStart);
    if (next < 0) break;
    const part = body.subarray(partStart + 2, next - 2); // skip CRLF after the delimiter and before the next
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const content = part.subarray(headerEnd + 4);
      const name = /name="([^"]*)"/i.exec(headers)?.[1];
      const fileName = /filename="([^"]*)"/i.exec(headers)?.[1];
      if (name !== undefined) {
        if (fileName !== undefined) {
          if (content.length > 0 || fileName !== '') {
            if (result.files.length >= 3) throw new AppError('INVALID_INPUT', { en: 'At most 3 files per form', zh: '每个表单最多只能上传 3 个文件' }, { field: name });
            result.files.push({ field: name, fileName, contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? 'application/octet-stream', bytes: Buffer.from(content) });
          }
        } else {
          (result.fields[name] ??= []).push(content.toString('utf8'));
        }
      }
    }
    start = next;
  }
  return result;
}
