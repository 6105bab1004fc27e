import type { Locale } from './types.ts';

/** A notice's words in the reader's language: the Chinese where the notice has it (notices written before it was kept have only the English). */
export function noticeWords(n: { message: string; message_zh: string | null }, locale: Locale): string {
  return locale === 'zh-CN' && n.message_zh !== null ? n.message_zh : n.message;
}
