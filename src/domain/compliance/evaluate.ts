import type { BoundRule } from './packs/define.ts';
import { NEVER } from './rules/rule.ts';
import { parseSituation } from './situation.ts';
import type { Decision, Instant, Reason, Situation } from './types.ts';

/** Rule answers before giving up on finding a common allowed instant. */
const MAX_STEPS = 20_000;

/**
 * May this contact happen at `situation.at`? Every rule of the pack is asked; every one that
 * blocks gives a reason. next_allowed_at is the earliest instant at or after `at` that all
 * rules allow (`at` itself when allowed), null when some block has no end. Pure: the same
 * situation always gives the same decision.
 */
export function evaluateContact(s: Situation): Decision {
  const rules = s.policy.rules;
  let blocking: BoundRule[] | null = null;
  let untils: Instant[] | null = null;
  let latest = s.at;
  let latestRule = -1;
  for (let i = 0; i < rules.length; i++) {
    const until = (rules[i] as BoundRule).check.earliestFrom(s, s.at);
    if (until === s.at) continue;
    (blocking ??= []).push(rules[i] as BoundRule);
    (untils ??= []).push(until);
    if (until > latest) {
      latest = until;
      latestRule = i;
    }
  }
  const zone = s.debtor.zones[0];
  if (blocking === null || untils === null) return { allowed: true, reasons: [], next_allowed_at: zone.format(s.at) };
  const next = latest === NEVER ? NEVER : earliestAllowed(s, latest, latestRule);
  const reasons: Reason[] = [];
  for (let i = 0; i < blocking.length; i++) {
    const rule = blocking[i] as BoundRule;
    const text = rule.check.explain(s, untils[i] ?? NEVER);
    reasons.push({ rule: rule.id, message: text.en, message_zh: text.zh, citation: rule.citation });
  }
  return { allowed: false, reasons, next_allowed_at: next === NEVER ? null : zone.format(next) };
}

/** Just the yes or no, without building explanations: for lists and queues. */
export function isContactAllowed(s: Situation): boolean {
  for (const rule of s.policy.rules) if (rule.check.earliestFrom(s, s.at) !== s.at) return false;
  return true;
}

/**
 * The first instant at or after t that every rule allows. The rules are asked in turn; an
 * answer later than the current instant moves it, and the search ends once every rule in a
 * row has accepted it. Answers are monotone, so this is the earliest common instant.
 * `acceptedBy` is the index of a rule already known to accept t (-1 for none).
 */
export function earliestAllowed(s: Situation, t: Instant, acceptedBy = -1): Instant {
  const rules = s.policy.rules;
  const n = rules.length;
  let cur = t;
  let accepted = acceptedBy < 0 ? 0 : 1;
  let i = acceptedBy < 0 ? 0 : (acceptedBy + 1) % n;
  for (let steps = 0; accepted < n; steps++) {
    if (steps > MAX_STEPS) return NEVER;
    const next = (rules[i] as BoundRule).check.earliestFrom(s, cur);
    if (next === NEVER) return NEVER;
    if (next > cur) {
      cur = next;
      accepted = 1;
    } else {
      accepted++;
    }
    i = i + 1 === n ? 0 : i + 1;
  }
  return cur;
}

/** parseSituation then evaluateContact: the CLI's and the API's entry point for JSON. */
export function evaluateSituationJson(input: unknown): Decision {
  return evaluateContact(parseSituation(input));
}
