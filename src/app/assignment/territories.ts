import { appendAudit } from '../../db/audit-repository.ts';
import { deleteTerritory, findTeamByRef, listTerritories, upsertTerritory, type TerritoryRow } from '../../db/assignment-repository.ts';
import { findCreditorByCode } from '../../db/creditors-repository.ts';
import { contractInForce } from '../../db/contracts-repository.ts';
import { regionExists } from '../../db/suspensions-repository.ts';
import { inTransaction, type Queryable } from '../../db/pool.ts';
import { parseRegionPrefix } from '../../domain/assignment/index.ts';
import { ALL_REGIONS } from '../../domain/assignment/territory.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
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

/**
 * A territory no account of the creditor can fall in is refused: a Chinese region for a US bank, a
 * state for a Chinese one, a code GB/T 2260 does not have (a UK bank's accounts carry no region:
 * only * covers them).
 */
async function refuseUnmatchable(db: Queryable, creditor: { id: number; code: string }, prefix: string, today: string): Promise<void> {
  if (prefix === ALL_REGIONS) return;
  const pack = (await contractInForce(db, creditor.id, today))?.pack ?? 'CN';
  const state = prefix.startsWith('US-');
  if (pack === 'UK' || (pack === 'US') !== state) {
    throw invalidInput({
      en: `${creditor.code}'s accounts are under its ${pack} contract: ${pack === 'US' ? 'their regions are US states (e.g. US-MA)' : pack === 'UK' ? 'they carry no region; * covers them all' : 'their regions are GB/T 2260 codes (e.g. 42 for Hubei)'}, so ${prefix} would never match one`,
      zh: `${creditor.code} 的账户按其 ${pack} 合同管理：${pack === 'US' ? '地区为美国的州（如 US-MA）' : pack === 'UK' ? '账户没有地区，请用 * 覆盖全部' : '地区为 GB/T 2260 行政区划代码（如 42 为湖北）'}，${prefix} 不会匹配任何账户`,
    }, 'region');
  }
  // A prefix is the province, city or county whose code it pads to (as the territories list names it).
  if (!state && !(await regionExists(db, prefix.padEnd(6, '0')))) {
    throw invalidInput({ en: `${prefix} is no GB/T 2260 region (check the code: 42 is Hubei, 4201 Wuhan)`, zh: `${prefix} 不是 GB/T 2260 中的地区（请核对代码：42 为湖北，4201 为武汉）` }, 'region');
  }
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
    await refuseUnmatchable(client, creditor, regionPrefix, businessDate(ctx));
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
