/**
 * One error type for the whole product. `code` is a stable string the HTTP layer maps to a
 * status in one table (src/http/errors.ts) and the CLI maps to an exit code; `message` says
 * what was wrong and what to do, in English (the API's, the CLI's and the logs' language), and
 * `messageZh` says the same in Chinese for the screens and the debtor's portal; `field` names
 * the offending input where there is one.
 */
export class AppError extends Error {
  readonly code: string;
  readonly messageZh: string;
  /** The same in Spanish, where a debtor reading Spanish may see it (the portal's forms); else undefined. */
  readonly messageEs: string | undefined;
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: Bilingual, options: { field?: string; details?: Record<string, unknown> } = {}) {
    super(message.en);
    this.name = 'AppError';
    this.code = code;
    this.messageZh = message.zh;
    this.messageEs = message.es;
    this.field = options.field;
    this.details = options.details;
  }

  /** The message in the reader's language: Chinese for zh locales, Spanish for es where there is one, English otherwise. */
  messageIn(locale: string): string {
    if (locale.startsWith('zh')) return this.messageZh;
    if (locale.startsWith('es') && this.messageEs !== undefined) return this.messageEs;
    return this.message;
  }
}

/**
 * A message a person reads, in both of the product's languages. Every AppError carries one, so
 * a screen in Chinese never shows an English refusal (the type makes it so: there is no
 * English-only way to raise one).
 */
export interface Bilingual {
  en: string; zh: string;
  /** Spanish, for what a US debtor reading Spanish meets in the portal (its forms' refusals). */
  es?: string;
}

/** Bad input from a user or a file: HTTP 400, CLI exit 2. */
export function invalidInput(message: Bilingual, field?: string, details?: Record<string, unknown>): AppError {
  return new AppError('INVALID_INPUT', message, { ...(field === undefined ? {} : { field }), ...(details === undefined ? {} : { details }) });
}
