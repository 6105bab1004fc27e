import { appendAudit } from '../../db/audit-repository.ts';
import { insertEvent, updateApplication } from '../../db/hardship-repository.ts';
import { releaseHoldRow } from '../../db/holds-repository.ts';
import { markDecisionNoticesRead } from '../../db/notifications-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { creditorNameFor } from '../../domain/creditor-name.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';
import { DECIDABLE } from './approve-application.ts';
import { applicationStatusZh, lockApplication, notifyCollector } from './shared.ts';

/** The creditor rejects, with a reason: the hold ends (collection may resume) and the collector is told. */
export async function rejectApplication(ctx: AppContext, actor: Actor, applicationId: number, reason: string): Promise<{ application_id: number; status: 'rejected' }> {
  authorize(actor, 'hardship.decide');
  const why = reason.trim();
  if (!why) throw invalidInput({ en: 'Say why the application is rejected', zh: '请填写拒绝申请的原因' }, 'reason');
  return inTransaction(ctx.pool, async (client) => {
    const app = await lockApplication(client, actor, applicationId);
    if (!DECIDABLE.includes(app.status)) {
      throw new AppError('CONFLICT', {
        en: `Hardship application ${applicationId} is already ${app.status}`,
        zh: `停息挂账申请 ${applicationId} 已经是“${applicationStatusZh(app.status)}”状态`,
      });
    }
    await updateApplication(client, app.creditor_id, applicationId, { status: 'rejected', decidedBy: actor.userId, decidedAt: ctx.now(), decisionNote: why });
    await markDecisionNoticesRead(client, { kind: 'application_to_decide', applicationId, creditorId: app.creditor_id, readBy: actor.userId, at: ctx.now() });
    if (app.hold_id !== null) await releaseHoldRow(client, app.hold_id, actor.userId, `停息挂账申请 ${applicationId} 被拒绝 / Hardship application ${applicationId} rejected`, ctx.now());
    await notifyCollector(client, { at: ctx.now(), creditorId: app.creditor_id, accountId: app.account_id, collectorId: app.collector_id, kind: 'application_rejected',
      applicationId, message: { en: `Hardship application ${applicationId} rejected by ${creditorNameFor(true, { name: app.creditor_name, name_en: app.creditor_name_en })}: ${why}`,
        zh: `停息挂账申请 ${applicationId} 已被${app.creditor_name}拒绝：${why}` } });
    const detail = { account_id: app.account_id, application_id: applicationId, hold_id: app.hold_id, reason: why };
    await insertEvent(client, { at: ctx.now(), creditorId: app.creditor_id, accountId: app.account_id, applicationId, kind: 'rejected', actor: actor.username,
      actorUserId: actor.userId, note: why, detail });
    await appendAudit(client, actor, { action: 'hardship.reject', entity: 'hardship_application', entityId: applicationId, creditorId: app.creditor_id, detail });
    return { application_id: applicationId, status: 'rejected' as const };
  });
}
