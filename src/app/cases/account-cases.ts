import { listCasesForAccount, listWaiversForAccount, lockCaseAccount, type CaseRow, type WaiverRow } from '../../db/cases-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { DEFAULT_WAIVER_LIMITS, waiverLimitsFrom, type Authority, type WaiverLimits } from '../../domain/cases/index.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { accountInScope } from './case-access.ts';
import { authorityOf } from './offer-settlement.ts';

export interface AccountCases {
  business_date: string;
  balance: { principal_fen: number; interest_fen: number; fees_fen: number };
  /** The viewer's own authority and the contract's limits, so a screen can say what needs approval. */
  authority: Authority;
  limits: WaiverLimits;
  waivers: WaiverRow[];
  disputes: CaseRow[];
  complaints: CaseRow[];
}

/** Settlements, disputes and complaints of one account, newest first, for anyone who may see the account. */
export async function accountCases(ctx: AppContext, actor: Actor, accountId: number): Promise<AccountCases> {
  authorize(actor, 'cases.read');
  const today = businessDate(ctx);
  return inTransaction(ctx.pool, async (client) => {
    await client.query('SET TRANSACTION READ ONLY');
    await accountInScope(client, actor, accountId);
    const account = await lockCaseAccount(client, accountId, today, { lock: false });
    const waivers = await listWaiversForAccount(client, accountId);
    const cases = await listCasesForAccount(client, accountId);
    let limits = DEFAULT_WAIVER_LIMITS;
    try { limits = waiverLimitsFrom(account?.terms); } catch { /* a malformed contract shows the defaults; an offer names the error */ }
    return {
      business_date: today,
      balance: { principal_fen: account?.principal_fen ?? 0, interest_fen: account?.interest_fen ?? 0, fees_fen: account?.fees_fen ?? 0 },
      authority: authorityOf(actor), limits, waivers,
      disputes: cases.filter((c) => c.kind === 'dispute'), complaints: cases.filter((c) => c.kind === 'complaint'),
    };
  });
}
