import type { Policy } from './policy.ts';
import { breathingSpaceLastDay, planPendingLastDay, type BreathingSpaceParams, type PlanPendingParams } from './rules/uk-moratoria.ts';
import { formatLocalDate, parseLocalDate } from './time/civil.ts';

export interface HoldDates { readonly kind: string; readonly starts_on: string; readonly ends_on: string | null }

/**
 * The last local day (YYYY-MM-DD) the engine keeps a hold in force under a policy: its recorded
 * end, or, where the law sets the length (a UK breathing space, 60 days; a plan being arranged, 30
 * days and 30 more once extended), the end the policy's rule gives; null while it has no end.
 * `extended`: the debtor's plan arrangement has been extended (a `plan_pending_extended` hold).
 */
export function holdLastDay(policy: Policy, hold: HoldDates, extended: boolean): string | null {
  const values = (rule: string) => policy.rules.find((r) => r.id === `${policy.pack}.${rule}`)?.values;
  const since = parseLocalDate(hold.starts_on);
  const until = hold.ends_on === null ? null : parseLocalDate(hold.ends_on);
  let last: number | null = until;
  if (hold.kind === 'breathing_space' || hold.kind === 'mental_health_crisis') {
    const params = values('breathing_space') as BreathingSpaceParams | undefined;
    if (params !== undefined) last = breathingSpaceLastDay(hold.kind, since, until, params);
  } else if (hold.kind === 'plan_pending') {
    const params = values('plan_pending') as PlanPendingParams | undefined;
    if (params !== undefined) last = planPendingLastDay(since, until, extended, params);
  }
  return last === null ? null : formatLocalDate(last);
}
