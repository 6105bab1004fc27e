import { AppError } from '../../domain/errors.ts';
import { appendAudit } from '../../db/audit-repository.ts';
import { findAccountInScope, loadDebtorPii } from '../../db/accounts-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { accountScope, authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';

/** What a reveal may show: the debtor's ID number, their contact points (phones, addresses, e-mail addresses). */
export const PII_FIELDS = ['id_number', 'contact_points'] as const;
export type PiiField = (typeof PII_FIELDS)[number];

export interface RevealedPii {
  account_id: number;
  /** Present when asked for (null: none on file). */
  id_number?: string | null;
  /** Present when asked for. */
  contact_points?: Array<{ id: number; kind: string; owner: string; third_party_name: string | null; relation: string | null;
    verified: string; value: string }>;
}

/**
 * Shows an account's debtor's ID number and/or contact points in clear (`fields`: only what the
 * reader asked for, as a screen that shows the numbers asks for them alone), to a role that needs
 * them, for an account in the actor's scope. Every reveal writes an audit row first, naming the
 * fields shown: if the audit row cannot be written, nothing is revealed.
 */
export async function revealAccountPii(ctx: AppContext, actor: Actor, accountId: number, reason: string,
  fields: readonly PiiField[] = PII_FIELDS): Promise<RevealedPii> {
  authorize(actor, 'accounts.reveal_pii');
  return inTransaction(ctx.pool, async (client) => {
    const account = await findAccountInScope(client, accountScope(actor), accountId);
    if (!account) throw new AppError('NOT_FOUND', { en: `Account ${accountId} does not exist or is not yours to see`, zh: `账户 ${accountId} 不存在，或不在您的查看范围内` });
    const pii = await loadDebtorPii(client, account.debtor_id);
    await appendAudit(client, actor, {
      action: 'pii.reveal', entity: 'account', entityId: accountId, creditorId: account.creditor_id,
      detail: { debtor_id: account.debtor_id, reason, fields: PII_FIELDS.filter((f) => fields.includes(f)) },
    });
    return {
      account_id: accountId,
      ...(fields.includes('id_number') ? { id_number: pii.id_number_enc ? ctx.cipher.decrypt(pii.id_number_enc) : null } : {}),
      ...(fields.includes('contact_points')
        ? { contact_points: pii.contact_points.map(({ value_enc, ...p }) => ({ ...p, value: ctx.cipher.decrypt(value_enc) })) } : {}),
    };
  });
}
