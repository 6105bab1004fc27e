import { appendAudit } from '../../db/audit-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { bumpAccount, lockDebtor, setDebtorName } from '../../db/workstation-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { cleanText } from '../../domain/import/person.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';
import { lockAccountForChange } from './account-lock.ts';

/**
 * Corrects the debtor's name (姓名更正) from one of their accounts' pages: a bank's letter that the
 * person changed their name, or a misspelling in the file that placed them. A team lead's or an
 * admin's, never a collector's alone. It is the debtor's, for all their accounts; a later
 * placement under the new name then finds them by ID number (src/app/import/import-placements.ts
 * refuses one under another name). Audited with the reason; neither name goes into the audit
 * chain, which erasure cannot reach (docs/privacy.md).
 */
export async function correctDebtorName(ctx: AppContext, actor: Actor, accountId: number,
  input: { name: string; reason: string; expectedVersion?: number | null }): Promise<{ version: number; name: string }> {
  authorize(actor, 'debtors.correct');
  const name = cleanText(input.name);
  const reason = input.reason.trim();
  if (name === '' || name.length > 100) {
    throw new AppError('INVALID_INPUT', { en: 'Write the name as the bank or the debtor\'s document gives it (1 to 100 characters)', zh: '请按银行或证件所载填写姓名（1 至 100 个字符）' }, { field: 'name' });
  }
  if (reason.length < 4) {
    throw new AppError('INVALID_INPUT', { en: 'Say why the name is corrected and on what evidence (such as the bank\'s letter and its date)', zh: '请写明更正姓名的原因和依据（如银行来函及日期）' }, { field: 'reason' });
  }
  return inTransaction(ctx.pool, async (client) => {
    const account = await lockAccountForChange(ctx, client, actor, accountId, input.expectedVersion);
    await lockDebtor(client, account.debtor_id);
    const before = await setDebtorName(client, account.debtor_id, name);
    if (before === null) {
      throw new AppError('CONFLICT', { en: 'This debtor\'s personal data was erased: there is no name to correct', zh: '该债务人的个人信息已删除，无姓名可更正' });
    }
    if (before === name) throw new AppError('INVALID_INPUT', { en: `The name is already ${name}`, zh: `姓名已是“${name}”` }, { field: 'name' });
    const version = await bumpAccount(client, accountId);
    await appendAudit(client, actor, { action: 'debtor.name_corrected', entity: 'debtor', entityId: account.debtor_id, creditorId: account.creditor_id,
      detail: { account_id: accountId, reason } });
    return { version, name };
  });
}
