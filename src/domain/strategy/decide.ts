/**
 * One account's strategy on a business date: DPD and bucket, segment, priority score and
 * next action, from its facts and its creditor's rules. The nightly run computes the same
 * thing for every open account in one statement (src/db/strategy-repository.ts compiles the
 * rules to SQL); this function is the reference the database is tested against.
 */
import { bucketOf, daysPastDue } from '../delinquency.ts';
import type { Bucket } from '../delinquency.ts';
import type { LocalDate } from '../calendar.ts';
import type { Condition, NextAction, StrategyRules } from './rules.ts';

export interface AccountFacts {
  firstDelinquencyDate: LocalDate;
  /** Principal + interest + fees, in fen. */
  balanceFen: number;
  contactable: boolean;
  hasAddress: boolean;
  /** An open hold or a suspension in force on the business date. */
  onHold: boolean;
  /** On an approved instalment plan (account status in_plan). */
  inPlan?: boolean;
  /** Days from the business date to the open promise's due date (negative: in grace); null: no open promise. */
  openPromiseDueInDays: number | null;
  /** Broken promises due within the rules' lookback. */
  brokenPromises: number;
  /** On an active plan: days from the business date to its next instalment still owed (negative: late); null or absent: none. */
  nextInstalmentDueInDays?: number | null;
  /** Days from the business date to the last day of the account's placement (0: ends today); absent: not known, nothing reads it. */
  placementEndsInDays?: number;
}

export interface AccountStrategy {
  dpd: number;
  bucket: Bucket;
  segment: string;
  priority: number;
  nextAction: NextAction;
}

interface Derived extends AccountFacts { bucket: Bucket }

/** Whether every test in the condition holds (an empty condition always does). */
export function conditionHolds(condition: Condition, facts: Derived): boolean {
  if (condition.buckets !== undefined && !condition.buckets.includes(facts.bucket)) return false;
  if (condition.minBalanceFen !== undefined && facts.balanceFen < condition.minBalanceFen) return false;
  if (condition.maxBalanceFen !== undefined && facts.balanceFen > condition.maxBalanceFen) return false;
  if (condition.contactable !== undefined && facts.contactable !== condition.contactable) return false;
  if (condition.hasAddress !== undefined && facts.hasAddress !== condition.hasAddress) return false;
  if (condition.onHold !== undefined && facts.onHold !== condition.onHold) return false;
  if (condition.inPlan !== undefined && (facts.inPlan ?? false) !== condition.inPlan) return false;
  if (condition.openPromise !== undefined && (facts.openPromiseDueInDays !== null) !== condition.openPromise) return false;
  if (condition.promiseDueWithinDays !== undefined) {
    const dueIn = facts.openPromiseDueInDays;
    if (dueIn === null || dueIn < 0 || dueIn > condition.promiseDueWithinDays) return false;
  }
  if (condition.minBrokenPromises !== undefined && facts.brokenPromises < condition.minBrokenPromises) return false;
  if (condition.instalmentDueWithinDays !== undefined) {
    const dueIn = facts.nextInstalmentDueInDays ?? null;
    if (dueIn === null || dueIn < 0 || dueIn > condition.instalmentDueWithinDays) return false;
  }
  if (condition.placementEndsWithinDays !== undefined && !endsWithin(facts, condition.placementEndsWithinDays)) return false;
  return true;
}

/** Whether the account's placement ends within `days` of the business date (today counts; an ended one does not). */
function endsWithin(facts: AccountFacts, days: number): boolean {
  const endsIn = facts.placementEndsInDays;
  return endsIn !== undefined && endsIn >= 0 && endsIn <= days;
}

/**
 * Priority score: bucket points + one point per `balanceFenPerPoint` of balance (rounded
 * down, capped) + points per broken promise (capped) + points when reachable by phone +
 * points while the placement ends within the rules' days.
 */
export function priorityScore(rules: StrategyRules, facts: Derived): number {
  const w = rules.priority;
  const balancePoints = Math.min(Math.floor(Math.max(0, facts.balanceFen) / w.balanceFenPerPoint), w.maxBalancePoints);
  const broken = Math.min(facts.brokenPromises, w.maxBrokenPromises) * w.brokenPromisePoints;
  const ending = w.placementEndingPoints !== 0 && endsWithin(facts, w.placementEndingDays) ? w.placementEndingPoints : 0;
  return w.bucketPoints[facts.bucket] + balancePoints + broken + (facts.contactable ? w.contactablePoints : 0) + ending;
}

export function decideStrategy(rules: StrategyRules, facts: AccountFacts, businessDate: LocalDate): AccountStrategy {
  const dpd = daysPastDue(facts.firstDelinquencyDate, businessDate);
  const derived: Derived = { ...facts, bucket: bucketOf(dpd) };
  const segment = rules.segments.find((s) => conditionHolds(s.when, derived))?.name ?? rules.defaultSegment;
  const nextAction = rules.actions.find((a) => conditionHolds(a.when, derived))?.action ?? rules.defaultAction;
  return { dpd, bucket: derived.bucket, segment, priority: priorityScore(rules, derived), nextAction };
}
