import { appendAudit } from '../../db/audit-repository.ts';
import { closeCaseRow, findCase, openHoldIds, otherOpenCases } from '../../db/cases-repository.ts';
import { releaseHoldRow } from '../../db/holds-repository.ts';
import { insertNotification } from '../../db/notifications-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { nameOfActor } from '../../db/users-repository.ts';
import { actionFits, COMPLAINT_ACTIONS, COMPLAINT_FINDINGS, type ComplaintAction, type ComplaintFinding } from '../../domain/cases/index.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';
import { notFound, requireText } from './case-access.ts';

/** The actions in the screens' Chinese words. */
const ACTION_ZH: Readonly<Record<ComplaintAction, string>> = { none: '无需处理', coaching: '辅导', reassign: '调案', discipline: '纪律处分' };
const ACTION_EN: Readonly<Record<ComplaintAction, string>> = { none: 'no action', coaching: 'coaching', reassign: 'moving the account', discipline: 'discipline' };

/**
 * The supervisor's finding on a complaint of their team: upheld or not, the action taken
 * (none, coaching, reassign the account, discipline) and a note. Closing releases the
 * complaint's `complaint_review` hold, so contact is judged without it again. The collector it
 * names is told the finding in their notices.
 */
export async function closeComplaint(ctx: AppContext, actor: Actor, complaintId: number,
  input: { finding: ComplaintFinding; action: ComplaintAction; note: string }): Promise<{ released_holds: number[] }> {
  authorize(actor, 'complaints.close');
  if (!(COMPLAINT_FINDINGS as readonly string[]).includes(input.finding)) {
    throw invalidInput({ en: `finding must be one of ${COMPLAINT_FINDINGS.join(', ')}`, zh: `finding（调查结论）须为 ${COMPLAINT_FINDINGS.join('、')} 之一` }, 'finding');
  }
  if (!(COMPLAINT_ACTIONS as readonly string[]).includes(input.action)) {
    throw invalidInput({ en: `action must be one of ${COMPLAINT_ACTIONS.join(', ')}`, zh: `action（处理措施）须为 ${COMPLAINT_ACTIONS.join('、')} 之一` }, 'action');
  }
  if (!actionFits(input.finding, input.action)) {
    throw invalidInput({
      en: `A complaint not upheld cannot end in ${ACTION_EN[input.action]}: choose no action`,
      zh: `投诉不成立时，处理措施不能是“${ACTION_ZH[input.action]}”：请选择“${ACTION_ZH.none}”`,
    }, 'action');
  }
  const note = requireText(input.note, 'note', { en: 'What the investigation found', zh: '调查结论' });
  return inTransaction(ctx.pool, async (client) => {
    const complaint = await findCase(client, complaintId, { lock: true });
    const inScope = complaint !== undefined && complaint.kind === 'complaint'
      && (actor.role === 'admin' || (complaint.team_id !== null && complaint.team_id === actor.teamId));
    if (!complaint || !inScope) throw notFound('Complaint', complaintId);
    const at = ctx.now();
    if (!(await closeCaseRow(client, complaintId, { status: 'closed', finding: input.finding, action: input.action, note, by: actor.userId, at }))) {
      throw new AppError('CONFLICT', { en: `Complaint ${complaintId} is already closed`, zh: `投诉 ${complaintId} 已经结案` });
    }
    await appendAudit(client, actor, { action: 'complaint.close', entity: 'complaint', entityId: complaintId, creditorId: complaint.creditor_id,
      detail: { account_id: complaint.account_id, finding: input.finding, action: input.action, collector_id: complaint.collector_id, note } });
    if (complaint.collector_id !== null) {
      const by = await nameOfActor(client, actor);
      await insertNotification(client, { at: ctx.now(), creditorId: complaint.creditor_id, accountId: complaint.account_id, audience: 'collector',
        userId: complaint.collector_id, kind: 'complaint_closed', caseId: complaintId,
        message: {
          en: `Complaint ${complaintId} on ${complaint.account_no_mask} closed by ${by}: ${input.finding === 'upheld' ? 'upheld' : 'not upheld'}, `
            + `${({ none: 'no action', coaching: 'coaching', reassign: 'account reassigned', discipline: 'disciplinary action' } as Record<string, string>)[input.action] ?? input.action}. ${note}`,
          zh: `账户 ${complaint.account_no_mask} 的投诉 ${complaintId} 已由 ${by} 结案：${input.finding === 'upheld' ? '投诉成立' : '投诉不成立'}，`
            + `处理：${({ none: '无', coaching: '辅导', reassign: '调换催收员', discipline: '处分' } as Record<string, string>)[input.action] ?? input.action}。${note}`,
        } });
    }
    // Its own hold; one loaded in bulk without a link is lifted when no other complaint on the account is open.
    const holds = complaint.hold_id !== null ? [complaint.hold_id]
      : (await otherOpenCases(client, complaint.account_id, 'complaint', complaintId)) === 0 ? await openHoldIds(client, complaint.account_id, 'complaint_review') : [];
    const released: number[] = [];
    for (const holdId of holds) {
      if (!(await releaseHoldRow(client, holdId, actor.userId, `投诉 ${complaintId} 已结案（${input.finding === 'upheld' ? '投诉成立' : '投诉不成立'}） / complaint ${complaintId} closed (${input.finding === 'upheld' ? 'upheld' : 'not upheld'})`, at))) continue;
      released.push(holdId);
      await appendAudit(client, actor, { action: 'hold.release', entity: 'hold', entityId: holdId, creditorId: complaint.creditor_id,
        detail: { kind: 'complaint_review', account_id: complaint.account_id, complaint_id: complaintId, reason: 'complaint closed' } });
    }
    return { released_holds: released };
  });
}
