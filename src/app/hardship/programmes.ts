import { appendAudit } from '../../db/audit-repository.ts';
import { closeProgrammeRow, findProgramme, findSuspension, insertProgramme, listProgrammes, type ProgrammeRow } from '../../db/hardship-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { HARDSHIP_REASONS, isHardshipReason } from '../../domain/hardship/application.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';

/**
 * A hardship programme for a suspension (a region's epidemic or disaster): the applications
 * of the debtors it covers start with its reason (disaster by default) and evidence note, so
 * collectors do not ask every debtor to prove the flood.
 */
export async function openProgramme(ctx: AppContext, actor: Actor, input: { suspensionId: number; name?: string | null; reason?: string; evidenceNote: string }):
  Promise<ProgrammeRow> {
  authorize(actor, 'hardship.programmes');
  const reason = input.reason ?? 'disaster';
  if (!isHardshipReason(reason)) {
    throw invalidInput({ en: `reason must be one of ${HARDSHIP_REASONS.join(', ')}`, zh: `reason（原因）须为 ${HARDSHIP_REASONS.join('、')} 之一` }, 'reason');
  }
  const note = input.evidenceNote.trim();
  if (!note) {
    throw invalidInput({
      en: 'Say what stands as evidence for the debtors it covers (e.g. the official notice)',
      zh: '请说明专项覆盖的债务人以什么作为证明材料（如官方通告）',
    }, 'evidence_note');
  }
  return inTransaction(ctx.pool, async (client) => {
    const suspension = await findSuspension(client, input.suspensionId);
    if (!suspension) throw new AppError('NOT_FOUND', { en: `Suspension ${input.suspensionId} does not exist`, zh: `区域停催 ${input.suspensionId} 不存在` });
    if (suspension.ended_at) throw new AppError('CONFLICT', { en: `Suspension ${input.suspensionId} has ended`, zh: `区域停催 ${input.suspensionId} 已结束` });
    let id: number;
    try {
      id = await insertProgramme(client, { suspensionId: input.suspensionId, name: input.name?.trim() || suspension.reason, reason, evidenceNote: note, openedBy: actor.userId });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw new AppError('CONFLICT', {
          en: `Suspension ${input.suspensionId} already has an open hardship programme`,
          zh: `区域停催 ${input.suspensionId} 已有进行中的停息挂账专项`,
        });
      }
      throw error;
    }
    await appendAudit(client, actor, { action: 'hardship.programme_open', entity: 'hardship_programme', entityId: id,
      detail: { suspension_id: input.suspensionId, reason, evidence_note: note } });
    const [row] = (await listProgrammes(client, true)).filter((p) => p.id === id);
    return row!;
  });
}

export async function programmes(ctx: AppContext, actor: Actor, options: { includeClosed?: boolean } = {}): Promise<ProgrammeRow[]> {
  authorize(actor, 'hardship.read');
  return listProgrammes(ctx.pool, options.includeClosed ?? false);
}

/**
 * Closes a programme: new applications can no longer name it; those already made keep it.
 * It does not close with its suspension, since debtors hit by a flood may still need the plan
 * after collection contact resumes; a supervisor closes it when the event is over for them.
 */
export async function closeProgramme(ctx: AppContext, actor: Actor, id: number): Promise<ProgrammeRow> {
  authorize(actor, 'hardship.programmes');
  return inTransaction(ctx.pool, async (client) => {
    const programme = await findProgramme(client, id);
    if (!programme) throw new AppError('NOT_FOUND', { en: `Hardship programme ${id} does not exist`, zh: `停息挂账专项 ${id} 不存在` });
    if (!(await closeProgrammeRow(client, id))) {
      throw new AppError('CONFLICT', { en: `Hardship programme ${id} is already closed`, zh: `停息挂账专项 ${id} 已经结束` });
    }
    await appendAudit(client, actor, { action: 'hardship.programme_close', entity: 'hardship_programme', entityId: id,
      detail: { suspension_id: programme.suspension_id, name: programme.name } });
    return (await findProgramme(client, id))!;
  });
}
