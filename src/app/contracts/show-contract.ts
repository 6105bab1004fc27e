import { listContractVersions } from '../../db/contracts-repository.ts';
import { findCreditorByCode } from '../../db/creditors-repository.ts';
import { contractFromStored } from '../../domain/contracts/contract.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';

export interface ContractVersionView {
  version: number; effective_from: string; created_at: string; contract: Record<string, unknown>; terms: Record<string, unknown>;
}

/** A creditor's contract versions, newest first (the first is the latest; which one applies depends on the date). */
export async function showContract(ctx: AppContext, actor: Actor, creditorCode: string | undefined): Promise<{ creditor: string; versions: ContractVersionView[] }> {
  authorize(actor, 'contracts.read');
  if (creditorCode === undefined) throw invalidInput({ en: 'creditor is required (a creditor code)', zh: '缺少 creditor（委托方代码）' }, 'creditor');
  const creditor = await findCreditorByCode(ctx.pool, creditorCode);
  if (!creditor || (actor.role === 'creditor_user' && actor.creditorId !== creditor.id)) {
    throw new AppError('NOT_FOUND', { en: `No creditor ${creditorCode}`, zh: `没有委托方 ${creditorCode}` }, { field: 'creditor' });
  }
  const rows = await listContractVersions(ctx.pool, creditor.id);
  return {
    creditor: creditor.code,
    versions: rows.map((r) => ({
      version: r.version, effective_from: r.effective_from, created_at: r.created_at.toISOString(),
      contract: contractFromStored(r), terms: r.terms,
    })),
  };
}
