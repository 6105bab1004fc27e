import { appendAudit } from '../../db/audit-repository.ts';
import { creditorNamed, findCreditorByCode, setCreditorEnglishName } from '../../db/creditors-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';

export const ENGLISH_NAME_MAX = 200;

/**
 * A creditor's name in English as typed: trimmed, null when empty (the bank's own name is shown),
 * refused when too long or written in Chinese characters (it is what a reader of English or
 * Spanish sees in place of 华裕银行).
 */
export function englishNameOf(input: string | null | undefined): string | null {
  const text = input?.trim().replace(/\s+/g, ' ') ?? '';
  if (!text) return null;
  if (text.length > ENGLISH_NAME_MAX) {
    throw invalidInput({ en: `The English name is ${text.length} characters; at most ${ENGLISH_NAME_MAX}`, zh: `英文名称共 ${text.length} 个字符，最多 ${ENGLISH_NAME_MAX} 个` }, 'name_en');
  }
  if (/\p{Script=Han}/u.test(text)) {
    throw invalidInput({ en: `The English name "${text}" has Chinese characters: write it in Latin letters, e.g. Huayu Bank`,
      zh: `英文名称“${text}”含有汉字：请用拉丁字母填写，如 Huayu Bank` }, 'name_en');
  }
  return text;
}

/**
 * Sets (or clears, with an empty name) a creditor's name in English, which the debtor's portal
 * shows in English and Spanish; an admin's, audited (`creditor.name_en`). No other creditor may
 * go by it (one bank, one creditor).
 */
export async function setEnglishName(ctx: AppContext, actor: Actor, code: string, input: string | null): Promise<{ code: string; name: string; name_en: string | null }> {
  authorize(actor, 'creditors.manage');
  const nameEn = englishNameOf(input);
  return inTransaction(ctx.pool, async (client) => {
    const creditor = await findCreditorByCode(client, code.trim().toUpperCase());
    if (!creditor) throw new AppError('NOT_FOUND', { en: `No creditor "${code}"`, zh: `没有委托方“${code}”` });
    const taken = nameEn === null ? null : await creditorNamed(client, nameEn, creditor.id);
    if (taken) throw new AppError('CONFLICT', { en: `Creditor ${taken} is already named "${nameEn}"`, zh: `委托方 ${taken} 已使用名称“${nameEn}”` }, { field: 'name_en' });
    await setCreditorEnglishName(client, creditor.id, nameEn);
    await appendAudit(client, actor, { action: 'creditor.name_en', entity: 'creditor', entityId: creditor.id, creditorId: creditor.id,
      detail: { from: creditor.name_en, to: nameEn } });
    return { code: creditor.code, name: creditor.name, name_en: nameEn };
  });
}
