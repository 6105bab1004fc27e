import { appendAudit } from '../../db/audit-repository.ts';
import { deleteStateNotice, listStateNotices as queryStateNotices, upsertStateNotice } from '../../db/licences-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { AppError } from '../../domain/errors.ts';
import { checkJurisdiction, jurisdictionName } from '../../domain/licences.ts';
import { checkStateNotice, type StateNotice } from '../../domain/state-notices.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';

export interface StateNoticeView extends StateNotice { name_en: string; name_zh: string; updated_at: Date }

const view = (n: StateNotice, updatedAt: Date): StateNoticeView =>
  ({ ...n, name_en: jurisdictionName(n.jurisdiction, 'en'), name_zh: jurisdictionName(n.jurisdiction, 'zh'), updated_at: updatedAt });

/** The agency's own state notices as the validation notices read them. */
export async function agencyStateNotices(ctx: AppContext): Promise<StateNotice[]> {
  return (await queryStateNotices(ctx.pool)).map(({ jurisdiction, en, es }) => ({ jurisdiction, en, es }));
}

/** The state notices the agency's compliance officer recorded (admins and supervisors read them). */
export async function listStateNotices(ctx: AppContext, actor: Actor): Promise<{ items: StateNoticeView[] }> {
  authorize(actor, 'creditors.read');
  return { items: (await queryStateNotices(ctx.pool)).map((r) => view(r, r.updated_at)) };
}

/** Records a state's notice or its new text (an admin's; audited `agency.state_notice` with the text before). */
export async function setStateNotice(ctx: AppContext, actor: Actor, input: { jurisdiction: string; en: string; es?: string | null }): Promise<StateNoticeView> {
  authorize(actor, 'creditors.manage');
  const notice = checkStateNotice(input.jurisdiction, input.en, input.es ?? null);
  return inTransaction(ctx.pool, async (client) => {
    const at = ctx.now();
    const before = await upsertStateNotice(client, notice, at);
    await appendAudit(client, actor, { action: 'agency.state_notice', entity: 'state_notice', entityId: notice.jurisdiction,
      detail: { en: notice.en, es: notice.es, before } });
    return view(notice, at);
  });
}

/** Removes a state's notice (audited `agency.state_notice` with `en` null). */
export async function removeStateNotice(ctx: AppContext, actor: Actor, jurisdiction: string): Promise<{ jurisdiction: string }> {
  authorize(actor, 'creditors.manage');
  const j = checkJurisdiction(jurisdiction);
  return inTransaction(ctx.pool, async (client) => {
    const before = await deleteStateNotice(client, j);
    if (before === null) throw new AppError('NOT_FOUND', { en: `No notice recorded for ${j}`, zh: `未登记 ${j} 的告知` });
    await appendAudit(client, actor, { action: 'agency.state_notice', entity: 'state_notice', entityId: j, detail: { en: null, es: null, before } });
    return { jurisdiction: j };
  });
}
