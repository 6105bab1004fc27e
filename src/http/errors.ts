import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../domain/errors.ts';

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
    const issue = error.validation[0];
    const where = error.validationContext ?? 'body';
    const field = issue ? issueField(issue) : undefined;
    const at = `${where}${field ? `.${field}` : ''}`;
    const message = issue ? `${at}: ${issue.message}` : 'Invalid request';
    const messageZh = issue ? `请求中的 ${at} 不符合要求（${issue.message}）` : '请求格式不正确';
    void reply.code(400).send({ error: { code: 'INVALID_INPUT', message, message_zh: messageZh, ...(field ? { field } : {}) } } satisfies ErrorBody);
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
    const body: ErrorBody = { error: { code: fastifyError.code ?? 'BAD_REQUEST', message: fastifyError.message,
      message_zh: `请求未被接受（${fastifyError.statusCode}）：${fastifyError.message}` } };
    void reply.code(fastifyError.statusCode).send(body);
    return;
  }
  request.log.error({ err: error }, 'request failed');
  void reply.code(500).send({ error: { code: 'INTERNAL', message: 'Something went wrong on our side; it has been logged',
    message_zh: '系统内部出错，已记录在日志中；请稍后再试' } } satisfies ErrorBody);
}

function issueField(issue: { instancePath?: string; params?: unknown }): string | undefined {
  const fromPath = issue.instancePath?.replace(/^\//, '').replace(/\//g, '.');
  if (fromPath) return fromPath;
  const params = issue.params as { issue?: { path?: Array<string | number> } } | undefined;
  const path = params?.issue?.path;
  return path && path.length > 0 ? path.join('.') : undefined;
}
