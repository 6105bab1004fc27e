import { creditorsWorkedByTeam, listCreditors as queryCreditors, type CreditorRow } from '../../db/creditors-repository.ts';
import { noticesDue } from '../../db/validation-notices-repository.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import { confirmationsDue, statementsDue } from '../letters/print-arrangement-confirmations.ts';
import type { Actor, AppContext } from '../context.ts';

export interface CreditorListed extends CreditorRow {
  /** The compliance pack of the contract in force (CN, US, UK); null before a contract is written. */
  pack: string | null;
  /** Under a US contract: open accounts still waiting for their validation notice; otherwise null. */
  validation_notices_due: number | null;
  /** Under a US contract: verified disputes whose verification letter has not been mailed (collection waits); otherwise null. */
  verifications_due: number | null;
  /** Of those, the letters that substantiate a New York debtor's charged-off debt (the bank's documents go in the envelope), and the earliest day one is owed (23 NYCRR 1.4(b)). */
  substantiations_due: number | null;
  substantiate_by: string | null;
  /** Under a US contract: open accounts whose debtor has no US state on file (every US zone, Massachusetts's cap); otherwise null. */
  accounts_without_state: number | null;
  /** Under a US contract: of the accounts waiting for their validation notice, New York debtors' (or of unknown state) with no charge-off figures (23 NYCRR 1.2(b)). */
  notices_without_charge_off: number | null;
  /** Under a US contract: arrangements of New York debtors (or of unknown state) not yet confirmed in writing, and those past the five days (23 NYCRR 1.5(b)). */
  arrangement_confirmations_due: number | null;
  arrangement_confirmations_late: number | null;
  /** Under a US contract: the three-monthly statements due to New York debtors paying under a schedule. */
  arrangement_statements_due: number | null;
  /** The actor's team works this creditor (its accounts or territories): the screens' default bank. False for users without a team. */
  team_works: boolean;
}

export async function listCreditors(ctx: AppContext, actor: Actor): Promise<CreditorListed[]> {
  authorize(actor, 'creditors.read');
  const [rows, due, worked] = await Promise.all([queryCreditors(ctx.pool), noticesDue(ctx.pool, businessDate(ctx)),
    actor.teamId === null ? new Set<number>() : creditorsWorkedByTeam(ctx.pool, actor.teamId)]);
  const confirmations = new Map(await Promise.all(rows.filter((r) => due.get(r.id)?.pack === 'US')
    .map(async (r) => [r.id, { ...await confirmationsDue(ctx, r.id), statements: await statementsDue(ctx, r.id) }] as const)));
  return rows.map((r) => ({ ...r, pack: due.get(r.id)?.pack ?? null, validation_notices_due: due.get(r.id)?.due ?? null,
    verifications_due: due.get(r.id)?.verifications ?? null,
    substantiations_due: due.get(r.id)?.substantiations ?? null, substantiate_by: due.get(r.id)?.substantiateBy ?? null, accounts_without_state: due.get(r.id)?.withoutState ?? null,
    notices_without_charge_off: due.get(r.id)?.withoutChargeOff ?? null,
    arrangement_confirmations_due: confirmations.get(r.id)?.due ?? null, arrangement_confirmations_late: confirmations.get(r.id)?.late ?? null,
    arrangement_statements_due: confirmations.get(r.id)?.statements ?? null, team_works: worked.has(Number(r.id)) }));
}
