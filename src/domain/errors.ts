/**
 * One error type for the whole product. `code` is a stable string the HTTP layer maps to a
 * status in one table (src/http/errors.ts) and the CLI maps to an exit code; `message` says
 * what was wrong and what to do; `field` names the offending input where there is one.
 */
export class AppError extends Error {
  readonly code: string;
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, options: { field?: string; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = options.field;
    this.details = options.details;
  }
}

/** Bad input from a user or a file: HTTP 400, CLI exit 2. */
export function invalidInput(message: string, field?: string, details?: Record<string, unknown>): AppError {
  return new AppError('INVALID_INPUT', message, { ...(field === undefined ? {} : { field }), ...(details === undefined ? {} : { details }) });
}
