import { appendAudit } from '../../db/audit-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { bumpAccount, lockDebtor, setPreferredLanguage } from '../../db/workstation-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';
import { lockAccountForChange } from './account-lock.ts';

/** A language as an ISO 639-1 code ('es': Spanish, which adds a US debtor's Spanish validation notice; 'en', 'zh', 'vi', ...). */
export const LANGUAGE_CODE = /^[a-z]{2}$/;
export type DebtorLanguage = string;

/**
 * Records the language the debtor asked to be written to in (their words on a call or in a
 * letter), from one of their accounts' pages; null: not stated. It is the debtor's, for all their
 * accounts: under a US contract, a debtor who asked for Spanish gets every validation notice from
 * then on in English and in Spanish (src/domain/letters/validation-notice.ts). Audited with the
 * language it replaces.
 */
export async function setDebtorLanguage(ctx: AppContext, actor: Actor, accountId: number,
  input: { language: DebtorLanguage | null; expectedVersion?: number | null }): Promise<{ version: number; language: DebtorLanguage | null }> {
  authorize(actor, 'contact_points.manage');
  if (input.language !== null && !LANGUAGE_CODE.test(input.language)) {
    throw new AppError('INVALID_INPUT', { en: `"${input.language}" is not an ISO 639-1 language code (such as es)`, zh: `“${input.language}”不是 ISO 639-1 语言代码（如 es）` },
      { field: 'language' });
  }
  return inTransaction(ctx.pool, async (client) => {
    const account = await lockAccountForChange(ctx, client, actor, accountId, input.expectedVersion);
    await lockDebtor(client, account.debtor_id);
    const before = await setPreferredLanguage(client, account.debtor_id, input.language);
    const version = await bumpAccount(client, accountId);
    await appendAudit(client, actor, { action: 'debtor.language', entity: 'debtor', entityId: account.debtor_id, creditorId: account.creditor_id,
      detail: { account_id: accountId, language: input.language, before } });
    return { version, language: input.language };
  });
}
