/**
 * A reason the system wrote in both languages, "中文 / English" (a hold it placed, a release it
 * made): the half in the reader's language. Text a person typed, or in one language, is given as it is.
 */
export function inReaderLanguage(text: string, locale: string): string {
  const m = /^(.*[\u4e00-\u9fff].*?) \/ ([^\u4e00-\u9fff]+)$/s.exec(text);
  if (!m) return text;
  return locale.startsWith('zh') ? m[1]! : m[2]!;
}
