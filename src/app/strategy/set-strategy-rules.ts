import { appendAudit } from '../../db/audit-repository.ts';
import { findCreditorByCode } from '../../db/creditors-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { countStrategy, insertRuleSet, listRuleVersions, loadRuleSets } from '../../db/strategy-repository.ts';
import { parseLocalDate } from '../../domain/calendar.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { DEFAULT_RULES_JSON, DEFAULT_RULES_VERSION, parseStrategyRules } from '../../domain/strategy/index.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';

async function creditorOf(ctx: AppContext, code: string): Promise<{ id: number; code: string; name: string; name_en: string | null }> {
  const creditor = await findCreditorByCode(ctx.pool, code);
  if (!creditor) throw new AppError('NOT_FOUND', { en: `No creditor "${code}"; see leeway creditors list`, zh: `没有委托方“${code}”，可用leeway creditors list查看` }, { field: 'creditor' });
  return creditor;
}

/** The creditor's own rules in force on the date, or the defaults (version 0). */
async function rulesInForce(ctx: AppContext, creditorId: number, date: string): Promise<{ version: number; effective_from: string | null; rules: unknown }> {
  const own = (await loadRuleSets(ctx.pool, date)).find((r) => r.creditor_id === creditorId);
  return own ? { version: own.version, effective_from: own.effective_from, rules: own.rules }
    : { version: DEFAULT_RULES_VERSION, effective_from: null, rules: DEFAULT_RULES_JSON };
}

/**
 * Saves a new version of a creditor's strategy rules, in force from a date; checked before it
 * is stored. The date is today or later: a past night's results record the version that chose
 * them, and running that night again must choose the same.
 */
export async function setStrategyRules(ctx: AppContext, actor: Actor, input: { creditor: string; effectiveFrom: string; rules: unknown }):
  Promise<{ creditor: string; version: number; effective_from: string }> {
  authorize(actor, 'strategy.run');
  const effectiveFrom = parseLocalDate(input.effectiveFrom);
  const today = businessDate(ctx);
  if (effectiveFrom < today) {
    throw invalidInput({
      en: `A new version starts today (${today}) or later, not ${effectiveFrom}: past runs keep the rules they ran with`,
      zh: `新版本只能从今天（${today}）或以后生效，不能从 ${effectiveFrom} 起：已运行的日期保留当时的规则`,
    }, 'effective_from');
  }
  parseStrategyRules(input.rules);
  const { id } = await creditorOf(ctx, input.creditor);
  const version = await inTransaction(ctx.pool, async (client) => {
    const v = await insertRuleSet(client, id, effectiveFrom, input.rules, actor.userId, ctx.now());
    await appendAudit(client, actor, { action: 'strategy.rules', entity: 'strategy_rules', entityId: `${id}:${v}`, creditorId: id, detail: { version: v, effective_from: effectiveFrom } });
    return v;
  });
  return { creditor: input.creditor, version, effective_from: effectiveFrom };
}

/** The rules in force for a creditor on a date: its own latest version, or the defaults (version 0). */
export async function showStrategyRules(ctx: AppContext, actor: Actor, input: { creditor: string; date: string }):
  Promise<{ creditor: string; version: number; rules: unknown }> {
  authorize(actor, 'strategy.run');
  const { id } = await creditorOf(ctx, input.creditor);
  const { version, rules } = await rulesInForce(ctx, id, parseLocalDate(input.date));
  return { creditor: input.creditor, version, rules };
}

export interface CreditorStrategyRules {
  creditor: string;
  name: string;
  /** Its name in English; null: it has none. */
  name_en: string | null;
  date: string;
  in_force: { version: number; effective_from: string | null; rules: unknown };
  versions: Array<{ version: number; effective_from: string; created_at: string; created_by: string | null }>;
  defaults: unknown;
}

/** A creditor's rules today with every saved version (newest first) and the defaults: the strategy screen's panel. */
export async function creditorStrategyRules(ctx: AppContext, actor: Actor, code: string): Promise<CreditorStrategyRules> {
  authorize(actor, 'strategy.read');
  const creditor = await creditorOf(ctx, code);
  const date = businessDate(ctx);
  const [inForce, versions] = await Promise.all([rulesInForce(ctx, creditor.id, date), listRuleVersions(ctx.pool, creditor.id)]);
  return {
    creditor: creditor.code, name: creditor.name, name_en: creditor.name_en, date,
    in_force: inForce,
    versions: versions.map((v) => ({ ...v, created_at: v.created_at.toISOString() })),
    defaults: DEFAULT_RULES_JSON,
  };
}

type Counts = Record<string, number>;
export interface StrategyPreview {
  date: string;
  accounts: number;
  current: { version: number; by_action: Counts; by_segment: Counts };
  proposed: { by_action: Counts; by_segment: Counts };
}

/**
 * What today's run would make of the creditor's open accounts under the rules in force and
 * under proposed ones, counted by next action and segment; nothing is saved. Malformed rules
 * are refused with the field, as saving them would be.
 */
export async function previewStrategyRules(ctx: AppContext, actor: Actor, input: { creditor: string; rules: unknown }): Promise<StrategyPreview> {
  authorize(actor, 'strategy.run');
  const proposed = parseStrategyRules(input.rules);
  const creditor = await creditorOf(ctx, input.creditor);
  const date = businessDate(ctx);
  const inForce = await rulesInForce(ctx, creditor.id, date);
  const [now, next] = await Promise.all([
    countStrategy(ctx.pool, date, creditor.id, parseStrategyRules(inForce.rules)),
    countStrategy(ctx.pool, date, creditor.id, proposed),
  ]);
  const tally = (rows: typeof now) => {
    const byAction: Counts = {};
    const bySegment: Counts = {};
    for (const r of rows) {
      byAction[r.next_action] = (byAction[r.next_action] ?? 0) + r.n;
      bySegment[r.segment] = (bySegment[r.segment] ?? 0) + r.n;
    }
    return { by_action: byAction, by_segment: bySegment };
  };
  return { date, accounts: now.reduce((sum, r) => sum + r.n, 0), current: { version: inForce.version, ...tally(now) }, proposed: tally(next) };
}
