/**
 * A reason the system wrote in both languages, "中文 / English" (a hold it placed, a release it
 * made): the half in the reader's language. Text a person typed, or in one language, is given as it is.
 */
export function inReaderLanguage(text: string, locale: string): string {
  const m = /^(.*[\u4e00-\u9fff].*?) \/ ([^\u4e00-\u9fff]+)$/s.exec(text);
  if (!m) return text;
  return locale.startsWith('zh') ? m[1]! : m[2]!;
}

/**
 * What stands where a debtor's personal data was erased (个人信息删除): the server writes this
 * one text into every erased name, number and note (src/domain/privacy.ts ERASED), so that it
 * reads the same in every screen and file.
 */
export const ERASED = '已删除';

/** Personal text as a screen shows it: erased text in the reader's words (`erasedWord`), any other as it is. */
export function personalText(text: string, erasedWord: string): string {
  return text === ERASED ? erasedWord : text;
}

/** A region's name in the reader's language: its Chinese name, or in English its pinyin one (南山区, Nanshan District). */
export function regionName(region: { region_name: string | null; region_name_en: string | null }, locale: string): string | null {
  return locale.startsWith('zh') ? region.region_name : region.region_name_en ?? region.region_name;
}

/**
 * A creditor's name in the reader's language: in Chinese its own name (长川银行); in English its
 * English name (creditors.name_en: Changchuan Bank), or its own where it has none. The screens'
 * counterpart of the server's creditorNameFor (src/domain/creditor-name.ts).
 */
export function creditorName(creditor: { name: string; name_en: string | null }, locale: string): string {
  return locale.startsWith('zh') ? creditor.name : creditor.name_en ?? creditor.name;
}

/** The same for a row that names its creditor (creditor_name, creditor_name_en): an account, an application. */
export function creditorNameOf(row: { creditor_name: string; creditor_name_en: string | null }, locale: string): string {
  return creditorName({ name: row.creditor_name, name_en: row.creditor_name_en }, locale);
}
