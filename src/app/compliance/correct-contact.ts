import { appendAudit } from '../../db/audit-repository.ts';
import { lockAccountInScope } from '../../db/accounts-repository.ts';
import { correctOutcome, findCorrectableAttempt } from '../../db/corrections-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { returnValidationNotice } from '../../db/validation-notices-repository.ts';
import { bumpAccount } from '../../db/workstation-repository.ts';
import type { Channel, Initiator, Party } from '../../domain/compliance/index.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { DIALED, outcomeCode, OUTCOME_CODE_LIST, outcomeMismatch } from '../../domain/workstation/index.ts';
import { accountScope, authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { checkVersion } from '../workstation/account-lock.ts';
import { markPointInTransaction } from '../workstation/contact-points.ts';

/** Channels whose outcome a person records (and so a person may correct); an SMS's or e-mail's is the gateway's report. */
export const CORRECTABLE_CHANNELS: readonly Channel[] = ['call', 'visit', 'letter'];

export interface CorrectContactInput {
  outcome: string;
  reason: string;
  /** The account version the team lead's screen showed: a change since is a VERSION_CONFLICT. */
  expectedVersion?: number | null;
}

/**
 * Corrects the outcome a contact attempt was recorded with (催记更正): a team lead or admin, on
 * an account they may see, with the reason on record. The attempt carries the new outcome from
 * then on (so the compliance engine counts the call as what it was, and the reports and the
 * bank's files follow); what it replaced, why, by whom and when are kept (contact_corrections)
 * and audited (`contact.correct`). A collector does not correct their own record. The outcome
 * must fit the attempt as the contact form requires; a new outcome that says the number is not
 * the debtor's marks it invalid, as logging it would have.
 */
export async function correctContact(ctx: AppContext, actor: Actor, attemptId: number, input: CorrectContactInput):
  Promise<{ attempt_id: number; correction_id: number; outcome: string; version: number }> {
  authorize(actor, 'contacts.correct');
  if (actor.userId === null) throw new AppError('FORBIDDEN', { en: 'A correction is made by a person signed in', zh: '更正须由登录的员工操作' });
  const reason = input.reason.trim();
  if (!reason) throw invalidInput({ en: 'Say why the outcome is corrected', zh: '请填写更正原因' }, 'reason');
  const code = outcomeCode(input.outcome);
  if (!code || code.code === DIALED) {
    throw invalidInput({ en: `Outcome "${input.outcome}" is not one to record; use one of ${OUTCOME_CODE_LIST.filter((c) => c !== DIALED).join(', ')}`,
      zh: `结果代码“${input.outcome}”无效` }, 'outcome');
  }
  const missing = new AppError('NOT_FOUND', { en: `Contact ${attemptId} does not exist or is not yours to see`, zh: `催记${attemptId}不存在，或不在您的查看范围内` });
  const first = await findCorrectableAttempt(ctx.pool, attemptId);
  if (!first) throw missing;
  const by = actor.userId;
  return inTransaction(ctx.pool, async (client) => {
    // The account first, as every change to an account does; then the attempt.
    const account = await lockAccountInScope(client, accountScope(actor), first.account_id);
    if (!account) throw missing;
    checkVersion(account, input.expectedVersion);
    const attempt = (await findCorrectableAttempt(client, attemptId, true))!;
    if (!(CORRECTABLE_CHANNELS as readonly string[]).includes(attempt.channel)) {
      throw new AppError('CONFLICT', { en: `The outcome of ${attempt.channel === 'sms' ? 'an SMS' : 'an e-mail'} is what the gateway reported; it is not corrected by hand`,
        zh: `${attempt.channel === 'sms' ? '短信' : '电子邮件'}的结果来自网关回执，不能手工更正` });
    }
    if (attempt.outcome === DIALED) {
      throw new AppError('CONFLICT', { en: `The result of call ${attemptId} is not recorded yet: record it (记录通话结果) rather than correct it`,
        zh: `通话${attemptId}尚未记录结果：请记录通话结果，而不是更正` });
    }
    if (attempt.outcome === code.code) throw invalidInput({ en: `Contact ${attemptId} is already recorded as "${code.en}"`, zh: `催记${attemptId}的结果已经是“${code.zh}”` }, 'outcome');
    const mismatch = outcomeMismatch(code, { channel: attempt.channel as Channel, party: attempt.party as Party, initiatedBy: attempt.initiated_by as Initiator });
    if (mismatch) throw invalidInput(mismatch, 'outcome');
    const at = ctx.now();
    const correctionId = await correctOutcome(client, { creditorId: attempt.creditor_id, attemptId, from: attempt.outcome, to: code.code, reason, by, at });
    let version = await bumpAccount(client, attempt.account_id);
    if (code.invalidatesContactPoint && attempt.contact_point_id !== null) {
      ({ version } = await markPointInTransaction(client, actor, { pointId: attempt.contact_point_id, accountId: attempt.account_id, creditorId: attempt.creditor_id,
        debtorId: attempt.debtor_id, state: 'invalid', reason: `outcome ${code.code} (attempt ${attemptId}, corrected)`, at }));
    }
    // A US validation notice the post returned was not given: the account needs a new one before it is collected.
    const noticeReturned = code.code === 'returned' && attempt.channel === 'letter'
      && await returnValidationNotice(client, attempt.creditor_id, attemptId, businessDate(ctx));
    await appendAudit(client, actor, { action: 'contact.correct', entity: 'contact_attempt', entityId: attemptId, creditorId: attempt.creditor_id,
      detail: { account_id: attempt.account_id, correction_id: correctionId, from: attempt.outcome, to: code.code, reason, ...(noticeReturned ? { validation_notice_returned: true } : {}) } });
    return { attempt_id: attemptId, correction_id: correctionId, outcome: code.code, version };
  });
}
