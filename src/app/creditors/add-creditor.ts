import { AppError, invalidInput } from '../../domain/errors.ts';
import { appendAudit } from '../../db/audit-repository.ts';
import { creditorNamed, findCreditorByCode, insertCreditor } from '../../db/creditors-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';
import { englishNameOf } from './set-english-name.ts';

export const CREDITOR_CODE = /^[A-Z0-9_]{2,32}$/;

/** A creditor bank; `nameEn`, optional, is its name for debtors reading English or Spanish. */
export async function addCreditor(ctx: AppContext, actor: Actor, input: { code: string; name: string; nameEn?: string | null }):
  Promise<{ id: number; code: string; name: string; name_en: string | null }> {
  authorize(actor, 'creditors.manage');
  // Codes are upper case; one typed in lower case is that code (as --creditor reads it everywhere).
  const code = input.code.trim().toUpperCase();
  const name = input.name.trim();
  if (!CREDITOR_CODE.test(code)) {
    throw invalidInput({
      en: `Creditor code "${input.code}" must be 2-32 characters of A-Z, 0-9 or _ (e.g. BANK1)`,
      zh: `委托方代码“${input.code}”必须由 2-32 个 A-Z、0-9 或 _ 字符组成（如 BANK1）`,
    }, 'code');
  }
  if (!name) throw invalidInput({ en: 'Creditor name must not be empty', zh: '委托方名称不能为空' }, 'name');
  const nameEn = englishNameOf(input.nameEn);
  return inTransaction(ctx.pool, async (client) => {
    if (await findCreditorByCode(client, code)) throw new AppError('CONFLICT', { en: `Creditor ${code} already exists`, zh: `委托方 ${code} 已存在` }, { field: 'code' });
    // One bank, one creditor: the same name under a second code would split its accounts, files and statements.
    for (const [field, text] of [['name', name], ['name_en', nameEn]] as const) {
      const named = text === null ? null : await creditorNamed(client, text);
      if (named) throw new AppError('CONFLICT', { en: `Creditor ${named} is already named "${text}"`, zh: `委托方 ${named} 已使用名称“${text}”` }, { field });
    }
    const id = await insertCreditor(client, code, name, nameEn);
    await appendAudit(client, actor, { action: 'creditor.create', entity: 'creditor', entityId: id, creditorId: id, detail: { code, name, ...(nameEn ? { name_en: nameEn } : {}) } });
    return { id, code, name, name_en: nameEn };
  });
}
