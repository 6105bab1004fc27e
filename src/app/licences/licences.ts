import { appendAudit } from '../../db/audit-repository.ts';
import { deleteLicence, listLicences as queryLicences, openUsAccountsByState, upsertLicence } from '../../db/licences-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { AppError } from '../../domain/errors.ts';
import { usRegionName } from '../../domain/import/person-us.ts';
import { checkLicence, jurisdictionName, licencesFor, type Licence } from '../../domain/licences.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';

export interface LicenceView { jurisdiction: string; name_en: string; name_zh: string; number: string; updated_at: Date }

export interface LicencesOverview {
  items: LicenceView[];
  /**
   * The open accounts under US contracts by the debtor's state (null: not known), each with the
   * recorded licences their letters carry: a state with accounts and none of its own is one the
   * admin checks (does the state license collectors?).
   */
  us_accounts: Array<{ state: string | null; name: string | null; accounts: number; licences: string[] }>;
}

/** The agency's licences as the letters read them (every one; licencesFor picks a debtor's). */
export async function agencyLicences(ctx: AppContext): Promise<Licence[]> {
  return (await queryLicences(ctx.pool)).map(({ jurisdiction, number }) => ({ jurisdiction, number }));
}

/** The licences (催收执照) an admin keeps, and where the US accounts are. */
export async function listLicences(ctx: AppContext, actor: Actor): Promise<LicencesOverview> {
  authorize(actor, 'creditors.read');
  const [rows, states] = await Promise.all([queryLicences(ctx.pool), openUsAccountsByState(ctx.pool, businessDate(ctx))]);
  return {
    items: rows.map((r) => viewOf(r, r.updated_at)),
    us_accounts: states.map((s) => ({ state: s.state, name: usRegionName(s.state), accounts: s.accounts, licences: licencesFor(rows, s.state).map((l) => l.jurisdiction) })),
  };
}

/** Records a licence or its new number (an admin's, audited `agency.licence` with the number before). */
export async function setLicence(ctx: AppContext, actor: Actor, input: { jurisdiction: string; number: string }): Promise<LicenceView> {
  authorize(actor, 'creditors.manage');
  const licence = checkLicence(input.jurisdiction, input.number);
  return inTransaction(ctx.pool, async (client) => {
    const at = ctx.now();
    const before = await upsertLicence(client, licence, at);
    await appendAudit(client, actor, { action: 'agency.licence', entity: 'licence', entityId: licence.jurisdiction, detail: { number: licence.number, before } });
    return viewOf(licence, at);
  });
}

/** A licence with its jurisdiction's names, as the screens show it. */
function viewOf(licence: Licence, updatedAt: Date): LicenceView {
  return { jurisdiction: licence.jurisdiction, number: licence.number, name_en: jurisdictionName(licence.jurisdiction, 'en'),
    name_zh: jurisdictionName(licence.jurisdiction, 'zh'), updated_at: updatedAt };
}

/** Removes a licence the agency no longer holds (audited `agency.licence` with `number` null). */
export async function removeLicence(ctx: AppContext, actor: Actor, jurisdiction: string): Promise<{ jurisdiction: string; removed: string }> {
  authorize(actor, 'creditors.manage');
  const { jurisdiction: j } = checkLicence(jurisdiction, 'X');
  return inTransaction(ctx.pool, async (client) => {
    const before = await deleteLicence(client, j);
    if (before === null) throw new AppError('NOT_FOUND', { en: `No licence recorded for ${j}`, zh: `未登记 ${j} 的执照` });
    await appendAudit(client, actor, { action: 'agency.licence', entity: 'licence', entityId: j, detail: { number: null, before } });
    return { jurisdiction: j, removed: before };
  });
}
