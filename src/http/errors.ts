import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../domain/errors.ts';
import { validationMessage, type Bilingual, type ValidationIssue } from './validation-messages.ts';

/** AppError codes to HTTP status: the one table. */
export const STATUS_BY_CODE: Record<string, number> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  CONTACT_NOT_ALLOWED: 409,
  VERSION_CONFLICT: 409,
  GONE: 410,
  RATE_LIMITED: 429,
  BAD_GATEWAY: 502,
  UNAVAILABLE: 503,
};

/** `message` in English, `message_zh` the same in Chinese: a screen shows the one its reader chose. */
export interface ErrorBody { error: { code: string; message: string; message_zh: string; field?: string; details?: Record<string, unknown> } }

export function errorHandler(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    const first = error.validation[0];
    if (!first) {
      void reply.code(400).send({ error: { code: 'INVALID_INPUT', message: 'The request is not valid', message_zh: '请求格式不正确' } } satisfies ErrorBody);
      return;
    }
    const path = first.instancePath.split('/').filter((part) => part !== '');
    const field = path.length > 0 ? path.join('.') : undefined;
    // fastify-type-provider-zod passes the zod issue's own fields as `params`; zod drops the input, so it is looked up again.
    const part = requestPart(request, where);
    const issue = { ...first.params, code: first.keyword, message: first.message ?? '', path,
      ...(part ? { input: valueAt(part.value, path) } : {}) } as unknown as ValidationIssue;
    const { en, zh } = validationMessage(issue, where, field);
    void reply.code(400).send({ error: { code: 'INVALID_INPUT', message: en, message_zh: zh, ...(field ? { field } : {}) } } satisfies ErrorBody);
    return;
  }
  if (error instanceof AppError) {
    const status = STATUS_BY_CODE[error.code] ?? 500;
    if (error.code === 'RATE_LIMITED' && typeof error.details?.retry_after_seconds === 'number') {
      void reply.header('retry-after', String(error.details.retry_after_seconds));
    }
    void reply.code(status).send({ error: { code: error.code, message: error.message, message_zh: error.messageZh,
      ...(error.field ? { field: error.field } : {}), ...(error.details ? { details: error.details } : {}) } } satisfies ErrorBody);
    return;
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.statusCode && fastifyError.statusCode < 500) {
    const said = requestErrorMessage(fastifyError, request);
    void reply.code(fastifyError.statusCode).send({ error: { code: fastifyError.code ?? 'BAD_REQUEST', message: said.en, message_zh: said.zh } } satisfies ErrorBody);
    return;
  }
  request.log.error({ err: error }, 'request failed');
  void reply.code(500).send({ error: { code: 'INTERNAL', message: 'Something went wrong on our side; it has been logged',
    message_zh: '系统内部出错，已记录在日志中；请稍后再试' } } satisfies ErrorBody);
}

/** Fastify's own refusals of a request (its body, its address), said in both languages. */
export function requestErrorMessage(error: Pick<FastifyError, 'code' | 'statusCode' | 'message'>, request?: Pick<FastifyRequest, 'headers'>): Bilingual {
  const type = request?.headers['content-type'] ?? '';
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY': return { en: 'The request body is not valid JSON; check its brackets, quotes and commas',
      zh: '请求内容不是有效的 JSON，请检查括号、引号和逗号' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY': return { en: 'The request body is empty but its Content-Type says JSON; send a body, or no Content-Type',
      zh: '请求内容为空，但声明为 JSON；请提供内容，或不要声明内容类型' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': return { en: `This address does not accept a body of type ${type || '(none given)'}; send JSON`,
      zh: `此地址不接受这种类型的请求内容（${type || '未注明'}），请以 JSON 发送` };
    case 'FST_ERR_CTP_BODY_TOO_LARGE': return { en: 'The request body is too large', zh: '请求内容过大，请缩小后再发送' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH': return { en: 'The request body\'s size does not match its Content-Length', zh: '请求内容的长度与声明的长度不符' };
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_INVALID_URL': return { en: 'The request\'s address is not valid', zh: '请求地址无效' };
    default: return { en: error.message, zh: `请求未被接受（${error.statusCode}）：${STATUS_ZH[error.statusCode ?? 400] ?? '请检查请求后再试'}` };
  }
}

const STATUS_ZH: Record<number, string> = {
  400: '请求格式不正确', 401: '请先登录', 403: '没有权限', 404: '找不到所请求的内容', 405: '不支持该请求方法', 406: '无法提供所要求的格式',
  408: '请求超时', 409: '与当前状态冲突', 411: '缺少内容长度', 413: '请求内容过大', 414: '请求地址过长', 415: '不支持该内容类型', 429: '请求过于频繁，请稍后再试',
};

type RequestPart = 'body' | 'querystring' | 'params' | 'headers';

/** The part of the request a validation context names, as parsed. */
function requestPart(request: FastifyRequest, where: string): { value: unknown } | undefined {
  const parts: Record<RequestPart, () => unknown> = { body: () => request.body, querystring: () => request.query, params: () => request.params, headers: () => request.headers };
  return Object.hasOwn(parts, where) ? { value: parts[where as RequestPart]() } : undefined;
}

/** The value at a zod issue's path; undefined when absent. */
function valueAt(root: unknown, path: readonly string[]): unknown {
  let at = root;
  for (const key of path) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}
