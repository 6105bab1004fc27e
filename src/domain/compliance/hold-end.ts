import { COMMON_HOLDS } from './packs/common.ts';
import { resolvePolicy, type Policy } from './policy.ts';
import { breathingSpaceLastDay, planPendingLastDay, type BreathingSpaceParams, type PlanPendingParams } from './rules/uk-moratoria.ts';
import { formatLocalDate, parseLocalDate } from './time/civil.ts';
import type { Flag, PackId } from './types.ts';

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

/**
 * Holds dated by the Insolvency Service's notice (the UK moratoria): of several of one kind on a
 * debtor, the latest begun is the one in force, its end counted from its own start
 * (app/compliance/situation.ts).
 */
export const LEGALLY_DATED_HOLDS: readonly Flag[] = ['breathing_space', 'mental_health_crisis', 'plan_pending'];

/**
 * The hold kinds a pack's rules stop collection for (its holds rules, and the UK's moratoria and
 * statute-barred claim): every other kind is read as nothing under it. Neither `vulnerable`
 * (care in how collection is done, not whether) nor `plan_pending_extended` (it extends a
 * `plan_pending`, it stops nothing of its own) is among them. hold-end.test.ts checks the list
 * against the engine, flag by flag.
 */
export function holdKindsStoppingUnder(pack: PackId): readonly Flag[] {
  return pack === 'UK' ? [...COMMON_HOLDS, 'breathing_space', 'mental_health_crisis', 'plan_pending', 'statute_barred'] : COMMON_HOLDS;
}

/** The lengths the law gives the UK moratoria (the UK pack's defaults; a contract may only lengthen them). */
export function ukMoratoriumDays(): { breathing_space: BreathingSpaceParams; plan_pending: PlanPendingParams } {
  const policy = resolvePolicy('UK');
  const values = (rule: string) => policy.rules.find((r) => r.id === `UK.${rule}`)!.values;
  return { breathing_space: values('breathing_space') as unknown as BreathingSpaceParams, plan_pending: values('plan_pending') as unknown as PlanPendingParams };
}
