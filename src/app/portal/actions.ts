import { randomBytes } from 'node:crypto';
import { appendAudit } from '../../db/audit-repository.ts';
import type { Queryable } from '../../db/pool.ts';
import { insertAction, listDebtorAccounts, type PortalAccountRow } from '../../db/portal-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { formatReference, type PortalActionKind } from '../../domain/portal/reference.ts';
import { businessDate } from '../business-date.ts';
import type { AppContext } from '../context.ts';
import { portalActor } from './tokens.ts';

/** The debtor's own account, or NOT_FOUND (the same answer whether it exists for someone else or not at all). */
export async function ownAccount(ctx: AppContext, db: Queryable, debtorId: number, accountId: number): Promise<PortalAccountRow> {
  const account = (await listDebtorAccounts(db, debtorId, businessDate(ctx))).find((a) => a.id === accountId);
  if (!account) throw new AppError('NOT_FOUND', { en: 'No such account among yours', zh: '您名下没有这个账户', es: 'No tiene ninguna cuenta con ese número' });
  return account;
}

/** Whether the account is one of the debtor's being collected (not finished, not returned to the bank). */
export async function isBeingCollected(ctx: AppContext, debtorId: number, accountId: number): Promise<boolean> {
  return (await listDebtorAccounts(ctx.pool, debtorId, businessDate(ctx))).some((a) => a.id === accountId);
}

/** Records a portal action with its reference number and the audit row, in the caller's transaction. */
export async function recordAction(ctx: AppContext, db: Queryable, a: { debtorId: number; account: Pick<PortalAccountRow, 'id' | 'creditor_id'> | null; kind: PortalActionKind;
  summary: string; detail: Record<string, unknown> }): Promise<{ id: number; reference: string }> {
  const reference = formatReference(a.kind, businessDate(ctx), randomBytes(6));
  const id = await insertAction(db, { reference, debtorId: a.debtorId, creditorId: a.account?.creditor_id ?? null, accountId: a.account?.id ?? null,
    kind: a.kind, summary: a.summary, detail: a.detail, at: ctx.now() });
  await appendAudit(db, portalActor(a.debtorId), { action: `portal.${a.kind}`, entity: 'portal_action', entityId: reference,
    creditorId: a.account?.creditor_id ?? null, detail: { account_id: a.account?.id ?? null, ...a.detail } });
  return { id, reference };
}
