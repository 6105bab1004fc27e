import { appendAudit } from '../../db/audit-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { bumpAccount, lockDebtor, setPreferredLanguage } from '../../db/workstation-repository.ts';
import { givenLanguage } from '../../domain/language.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';
import { lockAccountForChange } from './account-lock.ts';

/**
 * Records the language the debtor asked to be written to in (their words on a call or in a
 * letter), from one of their accounts' pages; null: not stated. It is the debtor's, for all their
 * accounts: under a US contract, a debtor who asked for Spanish gets every validation notice from
 * then on in English and in Spanish (src/domain/letters/validation-notice.ts). Audited with the
 * language it replaces.
 */
export async function setDebtorLanguage(ctx: AppContext, actor: Actor, accountId: number,
  input: { language: string | null; expectedVersion?: number | null }): Promise<{ version: number; language: string | null }> {
  authorize(actor, 'contact_points.manage');
  // As a bank's file may give it: the code, or the language's name.
  const language = givenLanguage(input.language);
  return inTransaction(ctx.pool, async (client) => {
    const account = await lockAccountForChange(ctx, client, actor, accountId, input.expectedVersion);
    await lockDebtor(client, account.debtor_id);
    const before = await setPreferredLanguage(client, account.debtor_id, language);
    const version = await bumpAccount(client, accountId);
    await appendAudit(client, actor, { action: 'debtor.language', entity: 'debtor', entityId: account.debtor_id, creditorId: account.creditor_id,
      detail: { account_id: accountId, language, before } });
    return { version, language };
  });
}
