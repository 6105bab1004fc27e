import { listCreditorNames } from '../../db/creditors-repository.ts';
import { countNextActions, latestStrategyDate, listScheduledRuleVersions, listStrategyRuns, loadRuleSets } from '../../db/strategy-repository.ts';
import { DEFAULT_RULES_VERSION } from '../../domain/strategy/index.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';

export interface StrategyOverview {
  today: string;
  latest_date: string | null;
  creditors: Array<{
    code: string; name: string; name_en: string | null; version: number; effective_from: string | null;
    scheduled: Array<{ version: number; effective_from: string }>;
    accounts: number; by_action: Record<string, number>;
  }>;
  runs: Array<{
    date: string; at: string; actor: string; accounts: number; changed: number;
    promises: { kept: number; partially_kept: number; broken: number };
    sms: { queued: number; emailed: number; blocked: number; blocked_by_rule: Record<string, number> } | null;
  }>;
}

const RUNS_SHOWN = 14;

/**
 * The strategy screen's overview: each creditor's rules in force today (and versions
 * scheduled after), the latest night's results counted by next action, and the latest runs.
 */
export async function strategyOverview(ctx: AppContext, actor: Actor): Promise<StrategyOverview> {
  authorize(actor, 'strategy.read');
  const today = businessDate(ctx);
  const [creditors, inForce, scheduled, latest, runs] = await Promise.all([
    listCreditorNames(ctx.pool), loadRuleSets(ctx.pool, today), listScheduledRuleVersions(ctx.pool, today),
    latestStrategyDate(ctx.pool), listStrategyRuns(ctx.pool, RUNS_SHOWN),
  ]);
  const counts = latest === null ? [] : await countNextActions(ctx.pool, latest);
  const own = new Map(inForce.map((r) => [r.creditor_id, r]));
  return {
    today,
    latest_date: latest,
    creditors: creditors.map((c) => {
      const mine = counts.filter((r) => r.creditor_id === c.id);
      return {
        code: c.code, name: c.name, name_en: c.name_en,
        version: own.get(c.id)?.version ?? DEFAULT_RULES_VERSION, effective_from: own.get(c.id)?.effective_from ?? null,
        scheduled: scheduled.filter((s) => s.creditor_id === c.id).map((s) => ({ version: s.version, effective_from: s.effective_from })),
        accounts: mine.reduce((sum, r) => sum + r.n, 0),
        by_action: Object.fromEntries(mine.map((r) => [r.next_action, r.n])),
      };
    }),
    runs: runs.map((r) => ({
      date: r.business_date, at: r.started_at.toISOString(), actor: r.actor, accounts: r.accounts, changed: r.changed,
      promises: { kept: r.promises_kept, partially_kept: r.promises_partial, broken: r.promises_broken },
      sms: r.sms_queued === null ? null : { queued: r.sms_queued, emailed: r.email_queued ?? 0, blocked: r.sms_blocked ?? 0, blocked_by_rule: r.sms_blocked_by_rule ?? {} },
    })),
  };
}
