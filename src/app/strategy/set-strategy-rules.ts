import { appendAudit } from '../../db/audit-repository.ts';
import { findCreditorByCode } from '../../db/creditors-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { insertRuleSet, loadRuleSets } from '../../db/strategy-repository.ts';
import { parseLocalDate } from '../../domain/calendar.ts';
import { AppError } from '../../domain/errors.ts';
import { DEFAULT_RULES_JSON, DEFAULT_RULES_VERSION, parseStrategyRules } from '../../domain/strategy/index.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';

async function creditorId(ctx: AppContext, code: string): Promise<number> {
  const creditor = await findCreditorByCode(ctx.pool, code);
  if (!creditor) throw new AppError('NOT_FOUND', { en: `No creditor "${code}"; see leeway creditors list`, zh: `没有委托方“${code}”，可用leeway creditors list查看` }, { field: 'creditor' });
  return creditor.id;
}

/** Saves a new version of a creditor's strategy rules, in force from a date; checked before it is stored. */
export async function setStrategyRules(ctx: AppContext, actor: Actor, input: { creditor: string; effectiveFrom: string; rules: unknown }):
  Promise<{ creditor: string; version: number; effective_from: string }> {
  authorize(actor, 'strategy.run');
  const effectiveFrom = parseLocalDate(input.effectiveFrom);
  parseStrategyRules(input.rules);
  const id = await creditorId(ctx, input.creditor);
  const version = await inTransaction(ctx.pool, async (client) => {
    const v = await insertRuleSet(client, id, effectiveFrom, input.rules, actor.userId);
    await appendAudit(client, actor, { action: 'strategy.rules', entity: 'strategy_rules', entityId: `${id}:${v}`, creditorId: id, detail: { version: v, effective_from: effectiveFrom } });
    return v;
  });
  return { creditor: input.creditor, version, effective_from: effectiveFrom };
}

/** The rules in force for a creditor on a date: its own latest version, or the defaults (version 0). */
export async function showStrategyRules(ctx: AppContext, actor: Actor, input: { creditor: string; date: string }):
  Promise<{ creditor: string; version: number; rules: unknown }> {
  authorize(actor, 'strategy.run');
  const id = await creditorId(ctx, input.creditor);
  const own = (await loadRuleSets(ctx.pool, parseLocalDate(input.date))).find((r) => r.creditor_id === id);
  return own ? { creditor: input.creditor, version: own.version, rules: own.rules } : { creditor: input.creditor, version: DEFAULT_RULES_VERSION, rules: DEFAULT_RULES_JSON };
}
