/**
 * Strategy rules are data: an agency admin writes them per creditor, versioned, and every
 * account records the version that chose its action. A rule set has three parts:
 *
 * - `segments`: ordered; the first whose condition holds names the account's segment.
 * - `priority`: integer points, added up (see decide.ts): bucket, balance, broken promises,
 *   contactability. Integers only, so the database computes the same number.
 * - `actions`: ordered; the first whose condition holds is the next action, else `default_action`.
 *
 * A condition is a conjunction of optional tests on an account's facts (decide.ts); an
 * empty condition always holds. The JSON form is snake_case (it is what the admin edits and
 * what the database stores); `parseStrategyRules` checks it field by field.
 */
import { BUCKETS } from '../delinquency.ts';
import type { Bucket } from '../delinquency.ts';
import { invalidInput } from '../errors.ts';

export const NEXT_ACTIONS = ['call', 'sms', 'letter', 'wait', 'skip_trace', 'hold'] as const;
export type NextAction = (typeof NEXT_ACTIONS)[number];

export interface Condition {
  readonly buckets?: readonly Bucket[];
  readonly minBalanceFen?: number;
  readonly maxBalanceFen?: number;
  /** A debtor-owned phone that is not invalid. */
  readonly contactable?: boolean;
  /** A debtor-owned address that is not invalid (letters). */
  readonly hasAddress?: boolean;
  readonly onHold?: boolean;
  /** The creditor approved an instalment plan (status in_plan): contact is limited to reminders. */
  readonly inPlan?: boolean;
  readonly openPromise?: boolean;
  /** An open promise falls due within this many days (0 = today). */
  readonly promiseDueWithinDays?: number;
  readonly minBrokenPromises?: number;
  /** On an approved plan, its next instalment still owed falls due within this many days (0 = today; one already late does not). */
  readonly instalmentDueWithinDays?: number;
  /** The account's placement ends (its last day, 委案到期) within this many days (0 = today): recalled the night after. */
  readonly placementEndsWithinDays?: number;
}

export interface PriorityWeights {
  readonly bucketPoints: Readonly<Record<Bucket, number>>;
  /** One point per this many fen of balance ... */
  readonly balanceFenPerPoint: number;
  /** ... up to this many points. */
  readonly maxBalancePoints: number;
  /** Points per broken promise within the lookback, counting at most `maxBrokenPromises`. */
  readonly brokenPromisePoints: number;
  readonly maxBrokenPromises: number;
  readonly brokenPromiseLookbackDays: number;
  /** Points for a debtor we can reach by phone (reachable work pays first). */
  readonly contactablePoints: number;
  /** Points while the account's placement ends within `placementEndingDays` (退案前: the last chance to agree a way to pay with the agency). */
  readonly placementEndingPoints: number;
  readonly placementEndingDays: number;
}

export interface StrategyRules {
  readonly segments: readonly { readonly name: string; readonly when: Condition }[];
  readonly defaultSegment: string;
  readonly priority: PriorityWeights;
  readonly actions: readonly { readonly action: NextAction; readonly when: Condition }[];
  readonly defaultAction: NextAction;
  /** Local time (HH:MM, agency zone) SMS reminders chosen by the run are meant to go out. */
  readonly smsSendTime: string;
}

/** The rules of a creditor that has none of its own: version 0. */
export const DEFAULT_RULES_VERSION = 0;
export const DEFAULT_RULES_JSON = {
  segments: [
    { name: 'on_hold', when: { on_hold: true } },
    { name: 'in_plan', when: { in_plan: true } },
    { name: 'lost_contact', when: { contactable: false, has_address: false } },
    { name: 'promised', when: { open_promise: true } },
    { name: 'early', when: { buckets: ['M0', 'M1'] } },
    { name: 'mid', when: { buckets: ['M2', 'M3'] } },
    { name: 'late', when: { buckets: ['M4', 'M5', 'M6'] } },
  ],
  default_segment: 'severe',
  priority: {
    bucket_points: { M0: 0, M1: 100, M2: 200, M3: 300, M4: 350, M5: 400, M6: 450, 'M7+': 300 },
    balance_fen_per_point: 100_000, max_balance_points: 500,
    broken_promise_points: 150, max_broken_promises: 3, broken_promise_lookback_days: 90,
    contactable_points: 50,
    placement_ending_points: 0, placement_ending_days: 14,
  },
  actions: [
    { action: 'hold', when: { on_hold: true } },
    { action: 'sms', when: { in_plan: true, instalment_due_within_days: 1 } },
    { action: 'wait', when: { in_plan: true } },
    { action: 'sms', when: { promise_due_within_days: 1 } },
    { action: 'wait', when: { open_promise: true } },
    { action: 'skip_trace', when: { contactable: false, has_address: false } },
    { action: 'letter', when: { contactable: false } },
    { action: 'call', when: { min_broken_promises: 1 } },
    { action: 'letter', when: { buckets: ['M7+'] } },
    { action: 'sms', when: { buckets: ['M0', 'M1'], max_balance_fen: 300_000 } },
  ],
  default_action: 'call',
  sms_send_time: '10:00',
} as const;

const CONDITION_KEYS: Record<string, keyof Condition> = {
  buckets: 'buckets', min_balance_fen: 'minBalanceFen', max_balance_fen: 'maxBalanceFen', contactable: 'contactable',
  has_address: 'hasAddress', on_hold: 'onHold', in_plan: 'inPlan', open_promise: 'openPromise', promise_due_within_days: 'promiseDueWithinDays',
  min_broken_promises: 'minBrokenPromises', instalment_due_within_days: 'instalmentDueWithinDays', placement_ends_within_days: 'placementEndsWithinDays',
};
const BOOLEAN_KEYS = new Set(['contactable', 'has_address', 'on_hold', 'in_plan', 'open_promise']);
const MAX_POINTS = 1_000_000;

type Json = Record<string, unknown>;

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidInput({ en: `${path} must be an object`, zh: `${path}必须是对象` }, path);
  return value as Json;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw invalidInput({ en: `${path} must be a list`, zh: `${path}必须是列表` }, path);
  return value;
}

function whole(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw invalidInput({ en: `${path} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`, zh: `${path}必须是${min}到${max}之间的整数，实际为${JSON.stringify(value)}` }, path);
  }
  return value;
}

function name(value: unknown, path: string): string {
  if (typeof value !== 'string' || !/^[a-z][a-z0-9_]{0,39}$/.test(value)) {
    throw invalidInput({ en: `${path} must be a short lower-case name (a-z, 0-9, _), got ${JSON.stringify(value)}`, zh: `${path}必须是简短的小写名称（a-z、0-9、_），实际为${JSON.stringify(value)}` }, path);
  }
  return value;
}

function action(value: unknown, path: string): NextAction {
  if (typeof value !== 'string' || !(NEXT_ACTIONS as readonly string[]).includes(value)) {
    throw invalidInput({ en: `${path} must be one of ${NEXT_ACTIONS.join(', ')}, got ${JSON.stringify(value)}`, zh: `${path}必须是${NEXT_ACTIONS.join(', ')}之一，实际为${JSON.stringify(value)}` }, path);
  }
  return value as NextAction;
}

function parseCondition(value: unknown, path: string): Condition {
  const raw = object(value, path);
  const condition: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(raw)) {
    const target = CONDITION_KEYS[key];
    if (target === undefined) {
      const keys = Object.keys(CONDITION_KEYS).join(', ');
      throw invalidInput({ en: `${path}.${key} is not a condition; use ${keys}`, zh: `${path}.${key}不是有效的条件，请使用：${keys}` }, `${path}.${key}`);
    }
    if (key === 'buckets') {
      condition[target] = array(field, `${path}.buckets`).map((b, i) => {
        if (typeof b !== 'string' || !(BUCKETS as readonly string[]).includes(b)) {
          throw invalidInput({ en: `${path}.buckets[${i}] must be one of ${BUCKETS.join(', ')}`, zh: `${path}.buckets[${i}]必须是${BUCKETS.join(', ')}之一` }, `${path}.buckets`);
        }
        return b as Bucket;
      });
    } else if (BOOLEAN_KEYS.has(key)) {
      if (typeof field !== 'boolean') throw invalidInput({ en: `${path}.${key} must be true or false`, zh: `${path}.${key}必须是true或false` }, `${path}.${key}`);
      condition[target] = field;
    } else {
      condition[target] = whole(field, `${path}.${key}`, 0, Number.MAX_SAFE_INTEGER);
    }
  }
  return condition as Condition;
}

/** Checks a rule set in its JSON form and returns it in domain form, or INVALID_INPUT naming the field. */
export function parseStrategyRules(value: unknown): StrategyRules {
  const raw = object(value, 'rules');
  const known = new Set(['segments', 'default_segment', 'priority', 'actions', 'default_action', 'sms_send_time']);
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) throw invalidInput({ en: `rules.${key} is not a rules field; use ${[...known].join(', ')}`, zh: `rules.${key}不是规则字段，请使用：${[...known].join(', ')}` }, `rules.${key}`);
  }
  const p = object(raw['priority'], 'rules.priority');
  const bucketRaw = object(p['bucket_points'], 'rules.priority.bucket_points');
  const bucketPoints = Object.fromEntries(BUCKETS.map((b) => [b, whole(bucketRaw[b] ?? 0, `rules.priority.bucket_points.${b}`, -MAX_POINTS, MAX_POINTS)])) as Record<Bucket, number>;
  const sendTime = raw['sms_send_time'] ?? '10:00';
  if (typeof sendTime !== 'string' || !/^([01]\d|2[0-3]):[0-5]\d$/.test(sendTime)) throw invalidInput({ en: 'rules.sms_send_time must be HH:MM (24-hour)', zh: 'rules.sms_send_time必须是HH:MM格式（24小时制）' }, 'rules.sms_send_time');
  return {
    segments: array(raw['segments'] ?? [], 'rules.segments').map((s, i) => {
      const o = object(s, `rules.segments[${i}]`);
      return { name: name(o['name'], `rules.segments[${i}].name`), when: parseCondition(o['when'] ?? {}, `rules.segments[${i}].when`) };
    }),
    defaultSegment: name(raw['default_segment'] ?? 'default', 'rules.default_segment'),
    priority: {
      bucketPoints,
      balanceFenPerPoint: whole(p['balance_fen_per_point'], 'rules.priority.balance_fen_per_point', 1, Number.MAX_SAFE_INTEGER),
      maxBalancePoints: whole(p['max_balance_points'] ?? 0, 'rules.priority.max_balance_points', 0, MAX_POINTS),
      brokenPromisePoints: whole(p['broken_promise_points'] ?? 0, 'rules.priority.broken_promise_points', -MAX_POINTS, MAX_POINTS),
      maxBrokenPromises: whole(p['max_broken_promises'] ?? 0, 'rules.priority.max_broken_promises', 0, 100),
      brokenPromiseLookbackDays: whole(p['broken_promise_lookback_days'] ?? 90, 'rules.priority.broken_promise_lookback_days', 1, 3660),
      contactablePoints: whole(p['contactable_points'] ?? 0, 'rules.priority.contactable_points', -MAX_POINTS, MAX_POINTS),
      placementEndingPoints: whole(p['placement_ending_points'] ?? 0, 'rules.priority.placement_ending_points', -MAX_POINTS, MAX_POINTS),
      placementEndingDays: whole(p['placement_ending_days'] ?? 14, 'rules.priority.placement_ending_days', 0, 366),
    },
    actions: array(raw['actions'] ?? [], 'rules.actions').map((a, i) => {
      const o = object(a, `rules.actions[${i}]`);
      return { action: action(o['action'], `rules.actions[${i}].action`), when: parseCondition(o['when'] ?? {}, `rules.actions[${i}].when`) };
    }),
    defaultAction: action(raw['default_action'] ?? 'call', 'rules.default_action'),
    smsSendTime: sendTime,
  };
}

export const DEFAULT_RULES: StrategyRules = parseStrategyRules(DEFAULT_RULES_JSON);
