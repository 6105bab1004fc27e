import type { Instant, Situation } from '../types.ts';

/** "Never again, whatever the time": a block that only a change of facts can lift. */
export const NEVER: Instant = Number.POSITIVE_INFINITY;

/** A collector-facing sentence in both product languages. */
export interface Explanation {
  readonly en: string;
  readonly zh: string;
}

/**
 * One rule, its parameters already bound. A rule is a set of instants at which it lets the
 * contact go; `earliestFrom` answers "the first such instant at or after t" (t itself when it
 * allows, NEVER when it will not). The engine intersects these answers to find
 * next_allowed_at, so each rule must return an instant it would itself allow.
 */
export interface RuleCheck {
  earliestFrom(s: Situation, t: Instant): Instant;
  /** Plain sentences for a block at s.at; `until` is earliestFrom(s, s.at). */
  explain(s: Situation, until: Instant): Explanation;
}
