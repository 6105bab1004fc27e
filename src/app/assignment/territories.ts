import { appendAudit } from '../../db/audit-repository.ts';
import { deleteTerritory, findTeamByRef, listTerritories, upsertTerritory, type TerritoryRow } from '../../db/assignment-repository.ts';
import { findCreditorByCode } from '../../db/creditors-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { parseRegionPrefix } from '../../domain/assignment/index.ts';
import { AppError } from '../../domain/errors.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';

export async function listTerritoriesFor(ctx: AppContext, actor: Actor, filter: { creditorCode?: string } = {}): Promise<TerritoryRow[]> {
  authorize(actor, 'territories.read');
  let creditorId: number | null = null;
  if (filter.creditorCode) {
    const creditor = await findCreditorByCode(ctx.pool, filter.creditorCode.toUpperCase());
    if (!creditor) throw new AppError('NOT_FOUND', { en: `No creditor with code ${filter.creditorCode}`, zh: `没有代码为${filter.creditorCode}的委托方` }, { field: 'creditor' });
    creditorId = creditor.id;
  }
  return listTerritories(ctx.pool, creditorId);
}

export interface SetTerritoryInput { creditorCode: string; regionPrefix: string; team: string | number }

/** Maps (creditor, region prefix) to a team (片区). Accounts already dealt stay where they are. */
export async function setTerritory(ctx: AppContext, actor: Actor, input: SetTerritoryInput):
  Promise<{ creditor_code: string; region_prefix: string; team_id: number; team_name: string; previous_team_id: number | null }> {
  authorize(actor, 'territories.manage');
  const regionPrefix = parseRegionPrefix(input.regionPrefix);
  return inTransaction(ctx.pool, async (client) => {
    const creditor = await findCreditorByCode(client, input.creditorCode.toUpperCase());
    if (!creditor) throw new AppError('NOT_FOUND', { en: `No creditor with code ${input.creditorCode}`, zh: `没有代码为${input.creditorCode}的委托方` }, { field: 'creditor' });
    const team = await findTeamByRef(client, input.team);
    if (!team) throw new AppError('NOT_FOUND', { en: `No team "${input.team}" (give its id or exact name)`, zh: `没有小组“${input.team}”（请填写小组编号或准确名称）` }, { field: 'team' });
    const previous = await upsertTerritory(client, { creditorId: creditor.id, regionPrefix, teamId: team.id });
    await appendAudit(client, actor, { action: 'territory.set', entity: 'territory', entityId: `${creditor.code}:${regionPrefix}`,
      creditorId: creditor.id, detail: { region_prefix: regionPrefix, team_id: team.id, previous_team_id: previous } });
    return { creditor_code: creditor.code, region_prefix: regionPrefix, team_id: team.id, team_name: team.name, previous_team_id: previous };
  });
}

/**
 * Removes a territory. Accounts already dealt stay with their collectors; the next deal leaves
 * the region's new accounts unassigned (no territory) unless a shorter prefix covers them.
 */
export async function removeTerritory(ctx: AppContext, actor: Actor, input: { creditorCode: string; regionPrefix: string }):
  Promise<{ creditor_code: string; region_prefix: string; team_id: number }> {
  authorize(actor, 'territories.manage');
  const regionPrefix = parseRegionPrefix(input.regionPrefix);
  return inTransaction(ctx.pool, async (client) => {
    const creditor = await findCreditorByCode(client, input.creditorCode.toUpperCase());
    if (!creditor) throw new AppError('NOT_FOUND', { en: `No creditor with code ${input.creditorCode}`, zh: `没有代码为${input.creditorCode}的委托方` }, { field: 'creditor' });
    const teamId = await deleteTerritory(client, creditor.id, regionPrefix);
    if (teamId === null) {
      throw new AppError('NOT_FOUND', { en: `${creditor.code} has no territory ${regionPrefix}`, zh: `${creditor.code} 没有片区 ${regionPrefix}` }, { field: 'region_prefix' });
    }
    await appendAudit(client, actor, { action: 'territory.remove', entity: 'territory', entityId: `${creditor.code}:${regionPrefix}`,
      creditorId: creditor.id, detail: { region_prefix: regionPrefix, team_id: teamId } });
    return { creditor_code: creditor.code, region_prefix: regionPrefix, team_id: teamId };
  });
}
