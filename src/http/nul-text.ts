import type { FastifyInstance } from 'fastify';
import { invalidInput } from '../domain/errors.ts';

/**
 * Text with a NUL character (U+0000, pasted from a binary file or a broken export) is refused
 * before any route sees it, naming the field: PostgreSQL keeps no NUL in text, so it would fail
 * at the database as an internal error that no retry mends.
 */
export function refuseNulText(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const where = nulAt(request.body, '');
    if (where !== null) {
      throw invalidInput({
        en: `${where || 'The request'} contains a NUL character (\\u0000), which text cannot hold: remove it and send again`,
        zh: `${where || '请求内容'}含有空字符（\\u0000），文本中不能保存：请删除后重新提交`,
      }, where || undefined);
    }
  });
}

/** The path of the first string holding a NUL within a parsed body (a form's fields, a JSON value), or null; binary parts are not text. */
function nulAt(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulAt(value[i], path);
      if (found !== null) return found;
    }
    return null;
  }
  // A parsed HTML form (forms.ts): its fields, named as the form names them; its uploads are bytes, judged by their own checks.
  if (path === '' && 'fields' in value && 'files' in value) return nulAt((value as { fields: unknown }).fields, '');
  for (const [key, item] of Object.entries(value)) {
    const found = nulAt(item, path ? `${path}.${key}` : key);
    if (found !== null) return found;
  }
  return null;
}
