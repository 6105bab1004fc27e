import { markDecisionNoticesRead, tellCreditorToDecide } from '../../db/notifications-repository.ts';
import { appendAudit } from '../../db/audit-repository.ts';
import { findHardshipAccount, insertEvent, updateApplication } from '../../db/hardship-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import type { LocalDate } from '../../domain/calendar.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { decisionDays, decisionDeadline } from '../../domain/hardship/application.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { applicationStatusZh, checkEvidenceFiles, type EvidenceUpload, lockApplication, storeEvidence } from './shared.ts';

/**
 * Answers the creditor's request for information: the answer (and any further evidence) is
 * added, the application goes back to the inbox with a new deadline counted from today.
 */
export async function resubmitApplication(ctx: AppContext, actor: Actor, applicationId: number, input: { information: string; evidence?: readonly EvidenceUpload[] }):
  Promise<{ application_id: number; status: 'submitted'; decision_due_on: string; evidence: Array<{ id: number; sha256: string }> }> {
  authorize(actor, 'hardship.apply');
  const information = input.information.trim();
  if (!information) throw invalidInput({ en: 'Write down the information the creditor asked for', zh: '请填写委托方要求补充的信息' }, 'information');
  const today = businessDate(ctx) as LocalDate;
  return inTransaction(ctx.pool, async (client) => {
    const app = await lockApplication(client, actor, applicationId);
    if (app.status !== 'info_requested') {
      throw new AppError('CONFLICT', {
        en: `Hardship application ${applicationId} is ${app.status}; only one the creditor asked about can be resubmitted`,
        zh: `停息挂账申请 ${applicationId} 当前为“${applicationStatusZh(app.status)}”；只有委托方要求补充材料的申请才能重新提交`,
      });
    }
    const files = checkEvidenceFiles(input.evidence ?? [], app.evidence_count);
    const account = await findHardshipAccount(client, app.account_id, today);
    const dueOn = decisionDeadline(today, decisionDays(account?.terms), account?.pack ?? 'CN');
    await updateApplication(client, app.creditor_id, applicationId, { status: 'submitted', submittedOn: today, decisionDueOn: dueOn });
    const evidence = await storeEvidence(client, app.creditor_id, applicationId, files, actor.userId);
    const detail = { account_id: app.account_id, application_id: applicationId, question: app.info_request, information, decision_due_on: dueOn,
      evidence: evidence.map((e) => ({ id: e.id, sha256: e.sha256, size_bytes: e.size_bytes, content_type: e.content_type })) };
    await insertEvent(client, { at: ctx.now(), creditorId: app.creditor_id, accountId: app.account_id, applicationId, kind: 'resubmitted', actor: actor.username,
      actorUserId: actor.userId, note: information, detail });
    await appendAudit(client, actor, { action: 'hardship.resubmit', entity: 'hardship_application', entityId: applicationId, creditorId: app.creditor_id, detail });
    // The notice of the first submission, with its older deadline, gives way to this one.
    await markDecisionNoticesRead(client, { kind: 'application_to_decide', applicationId, creditorId: app.creditor_id, readBy: null, at: ctx.now() });
    await tellCreditorToDecide(client, { at: ctx.now(), creditorId: app.creditor_id, accountId: app.account_id, kind: 'application_to_decide', applicationId, message: (mask) => ({
      en: `Hardship application ${applicationId} on ${mask} has the information you asked for and waits for your decision by ${dueOn}`,
      zh: `账户 ${mask} 的停息挂账申请 ${applicationId} 已补充您要求的信息，待您在 ${dueOn} 前审批`,
    }) });
    return { application_id: applicationId, status: 'submitted' as const, decision_due_on: dueOn, evidence: evidence.map((e) => ({ id: e.id, sha256: e.sha256 })) };
  });
}
