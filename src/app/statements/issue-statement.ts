import { appendAudit } from '../../db/audit-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { insertStatement } from '../../db/statements-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { creditorForStatement, parseMonth, statementIn, type StatementView } from './build-statement.ts';

// Issuing takes this lock per creditor so two issues of one month cannot race.
const ISSUE_LOCK = 7_423_010;

/**
 * Issues (freezes) a month's statement: its lines and totals are stored and never change.
 * Only a month that is over can be issued. Corrections that come later (a payment file
 * that arrives late, a reversal) go on the next statement as adjustments.
 */
export async function issueStatement(ctx: AppContext, actor: Actor, input: { creditor?: string | undefined; month?: string | undefined }): Promise<StatementView> {
  authorize(actor, 'statements.issue');
  const { first, last } = parseMonth(input.month);
  const today = businessDate(ctx);
  if (last >= today) {
    throw new AppError('CONFLICT', {
      en: `${input.month!} is not over yet (today is ${today}); issue its statement from the 1st of the next month`,
      zh: `${input.month!} 尚未结束（今天是 ${today}）；请从下月 1 日起出具该月的结算单`,
    }, { field: 'month' });
  }
  return inTransaction(ctx.pool, async (client) => {
    const creditor = await creditorForStatement(client, actor, input.creditor);
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [ISSUE_LOCK, creditor.id]);
    const draft = await statementIn(ctx, actor, client, creditor, input.month!, first, last);
    if (draft.status === 'issued') {
      throw new AppError('CONFLICT', {
        en: `The ${input.month!} statement of ${creditor.code} was already issued at ${draft.issued_at}`,
        zh: `${creditor.code} 的 ${input.month!} 结算单已于 ${draft.issued_at} 出具`,
      }, { field: 'month' });
    }
    const issuedAt = ctx.now();
    const id = await insertStatement(client, { creditorId: creditor.id, month: first, recovered: draft.totals.recovered_fen, commission: draft.totals.commission_fen,
      netDue: draft.totals.net_due_fen, issuedAt, issuedBy: actor.userId, lines: draft.lines });
    await appendAudit(client, actor, { action: 'statement.issue', entity: 'statement', entityId: id, creditorId: creditor.id,
      detail: { month: input.month, ...draft.totals } });
    return { ...draft, status: 'issued', issued_at: issuedAt.toISOString() };
  });
}
