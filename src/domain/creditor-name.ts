/**
 * What a debtor's text calls the creditor: in English or Spanish, its name in English when an
 * admin gave it one (Huayu Bank for 华裕银行), else its own name; in Chinese, its own name.
 */
export function creditorNameFor(english: boolean, creditor: { name: string; name_en: string | null }): string {
  return english ? creditor.name_en ?? creditor.name : creditor.name;
}
