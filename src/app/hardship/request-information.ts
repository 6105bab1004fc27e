import { appendAudit } from '../../db/audit-repository.ts';
import { insertEvent, updateApplication } from '../../db/hardship-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { creditorNameFor } from '../../domain/creditor-name.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';
import { applicationStatusZh, lockApplication, notifyCollector } from './shared.ts';

/**
 * The creditor asks for more information. The hold stays (contact stays stopped) and the
 * deadline keeps running; the collector is told, and resubmits with what was asked.
 */
export async function requestInformation(ctx: AppContext, actor: Actor, applicationId: number, question: string):
  Promise<{ application_id: number; status: 'info_requested' }> {
  authorize(actor, 'hardship.decide');
  const asked = question.trim();
  if (!asked) throw invalidInput({ en: 'Say what information is needed', zh: '请说明需要补充哪些信息' }, 'question');
  return inTransaction(ctx.pool, async (client) => {
    const app = await lockApplication(client, actor, applicationId);
    if (app.status !== 'submitted') {
      throw new AppError('CONFLICT', {
        en: `Hardship application ${applicationId} is ${app.status}, not awaiting a decision`,
        zh: `停息挂账申请 ${applicationId} 当前为“${applicationStatusZh(app.status)}”，不在待审批状态`,
      });
    }
    await updateApplication(client, app.creditor_id, applicationId, { status: 'info_requested', infoRequest: asked });
    await notifyCollector(client, { at: ctx.now(), creditorId: app.creditor_id, accountId: app.account_id, collectorId: app.collector_id, kind: 'info_requested',
      applicationId, message: { en: `${creditorNameFor(true, { name: app.creditor_name, name_en: app.creditor_name_en })} asks for more on hardship application ${applicationId}: ${asked}`,
        zh: `${app.creditor_name}要求停息挂账申请 ${applicationId} 补充材料：${asked}` } });
    const detail = { account_id: app.account_id, application_id: applicationId, question: asked };
    await insertEvent(client, { at: ctx.now(), creditorId: app.creditor_id, accountId: app.account_id, applicationId, kind: 'info_requested', actor: actor.username,
      actorUserId: actor.userId, note: asked, detail });
    await appendAudit(client, actor, { action: 'hardship.request_info', entity: 'hardship_application', entityId: applicationId, creditorId: app.creditor_id, detail });
    return { application_id: applicationId, status: 'info_requested' as const };
  });
}
