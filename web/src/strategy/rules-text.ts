/**
 * Strategy rules in words, for people who do not read JSON: a condition such as
 * `{ "contactable": false, "has_address": false }` reads "无可用手机，无可用地址" (or "no working
 * phone, no usable address"), the priority weights read as sentences. Pure: the language is an
 * argument and nothing here touches the DOM or i18next, so Node can check it too.
 *
 * The JSON form is the server's (docs/strategy.md, "Rules are data"). The screen shows whatever
 * the server holds, so everything here is read defensively: a field of an unexpected shape is
 * shown as its JSON rather than dropped.
 */
import { formatFen } from '../lib/money.ts';
import type { Locale } from '../lib/types.ts';

export const BUCKETS = ['M0', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7+'] as const;

/** The conditions, in the order they are read out (the server's order of CONDITION_KEYS). */
export const CONDITION_KEYS = [
  'buckets', 'min_balance_fen', 'max_balance_fen', 'contactable', 'has_address', 'on_hold', 'in_plan', 'open_promise',
  'promise_due_within_days', 'min_broken_promises', 'instalment_due_within_days', 'placement_ends_within_days',
] as const;

type Words = {
  actions: Record<string, string>;
  /** The default rules' segments (rules.ts DEFAULT_RULES_JSON); a creditor's own are shown as named. */
  segments: Record<string, string>;
  always: string;
  otherwise: string;
  join: string;
  listJoin: string;
  colon: string;
  buckets(list: string): string;
  minBalance(amount: string): string;
  maxBalance(amount: string): string;
  yesNo: Record<'contactable' | 'has_address' | 'on_hold' | 'in_plan' | 'open_promise', [string, string]>;
  promiseDue(days: number, shown: string): string;
  minBroken(shown: string): string;
  instalmentDue(days: number, shown: string): string;
  placementEnds(days: number, shown: string): string;
  placementEndingPoints(points: string, days: string): string;
  balancePoints(amount: string, max: string): string;
  noBalancePoints: string;
  brokenPoints(points: string, max: string, days: string): string;
  noBrokenPoints: string;
  contactablePoints(points: string): string;
  noContactablePoints: string;
};

const ZH: Words = {
  actions: { call: '电话', sms: '短信', letter: '信函', wait: '等待', skip_trace: '失联修复', hold: '暂停' },
  segments: { on_hold: '停催', in_plan: '分期中', lost_contact: '失联', promised: '已承诺', early: '早期', mid: '中期', late: '后期', severe: '重度逾期', default: '默认' },
  always: '总是',
  otherwise: '其他',
  join: '，',
  listJoin: '、',
  colon: '：',
  buckets: (list) => `账龄 ${list}`,
  minBalance: (amount) => `余额 ≥ ${amount}`,
  maxBalance: (amount) => `余额 ≤ ${amount}`,
  yesNo: {
    contactable: ['有可用手机', '无可用手机'],
    has_address: ['有可用地址', '无可用地址'],
    on_hold: ['暂停中', '未暂停'],
    in_plan: ['分期还款中', '不在分期中'],
    open_promise: ['有未到期的还款承诺', '无未到期的还款承诺'],
  },
  promiseDue: (days, shown) => (days === 0 ? '还款承诺今天到期' : `还款承诺 ${shown} 天内到期`),
  minBroken: (shown) => `违约承诺 ≥ ${shown} 次`,
  instalmentDue: (days, shown) => (days === 0 ? '分期今天到期' : `下一期分期 ${shown} 天内到期`),
  placementEnds: (days, shown) => (days === 0 ? '委案今天到期' : `委案 ${shown} 天内到期`),
  placementEndingPoints: (points, days) => `委案 ${days} 天内到期 ${points} 分`,
  balancePoints: (amount, max) => `余额每 ${amount} 计 1 分，最多 ${max} 分`,
  noBalancePoints: '余额不计分',
  brokenPoints: (points, max, days) => `每次违约承诺 ${points} 分（最多计 ${max} 次，近 ${days} 天）`,
  noBrokenPoints: '违约承诺不计分',
  contactablePoints: (points) => `有可用手机 ${points} 分`,
  noContactablePoints: '有可用手机不加分',
};

const EN: Words = {
  actions: { call: 'Call', sms: 'SMS', letter: 'Letter', wait: 'Wait', skip_trace: 'Skip-trace', hold: 'Hold' },
  segments: { on_hold: 'On hold', in_plan: 'In plan', lost_contact: 'Lost contact', promised: 'Promised', early: 'Early', mid: 'Mid', late: 'Late', severe: 'Severe', default: 'Default' },
  always: 'always',
  otherwise: 'Otherwise',
  join: ', ',
  listJoin: ', ',
  colon: ': ',
  buckets: (list) => `bucket ${list}`,
  minBalance: (amount) => `balance ≥ ${amount}`,
  maxBalance: (amount) => `balance ≤ ${amount}`,
  yesNo: {
    contactable: ['a working phone', 'no working phone'],
    has_address: ['a usable address', 'no usable address'],
    on_hold: ['on hold', 'not on hold'],
    in_plan: ['on an instalment plan', 'not on an instalment plan'],
    open_promise: ['an open promise to pay', 'no open promise to pay'],
  },
  promiseDue: (days, shown) => (days === 0 ? 'a promise due today' : `a promise due within ${shown} ${days === 1 ? 'day' : 'days'}`),
  minBroken: (shown) => `broken promises ≥ ${shown}`,
  instalmentDue: (days, shown) => (days === 0 ? 'an instalment due today' : `the next instalment due within ${shown} ${days === 1 ? 'day' : 'days'}`),
  placementEnds: (days, shown) => (days === 0 ? 'the placement ends today' : `the placement ends within ${shown} ${days === 1 ? 'day' : 'days'}`),
  placementEndingPoints: (points, days) => `the placement ending within ${days} days ${points} points`,
  balancePoints: (amount, max) => `1 point per ${amount} of balance, at most ${max} points`,
  noBalancePoints: 'balance scores no points',
  brokenPoints: (points, max, days) => `${points} points per broken promise (at most ${max}, within the last ${days} days)`,
  noBrokenPoints: 'broken promises score no points',
  contactablePoints: (points) => `a working phone ${points} points`,
  noContactablePoints: 'a working phone scores no points',
};

const words = (locale: Locale): Words => (locale === 'en' ? EN : ZH);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isWhole = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);

export function formatNumber(n: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(n);
}

/** +12, −3 (a true minus sign), 0. */
export function signed(n: number, locale: Locale): string {
  if (n > 0) return `+${formatNumber(n, locale)}`;
  if (n < 0) return `−${formatNumber(-n, locale)}`;
  return '0';
}

/** 电话 / Call; an action the screen does not know is shown as its code. */
export function actionLabel(action: string, locale: Locale): string {
  return words(locale).actions[action] ?? action;
}

/** 早期 / Early for the default rules' segments; a segment a creditor's rules name is shown as named. */
export function segmentLabel(segment: string, locale: Locale): string {
  return words(locale).segments[segment] ?? segment;
}

/** "其他" / "Otherwise", the word before the default segment and the default action. */
export function otherwiseLabel(locale: Locale): string {
  return words(locale).otherwise;
}

/** "name：text" / "name: text". */
export function labelled(label: string, text: string, locale: Locale): string {
  return `${label}${words(locale).colon}${text}`;
}

const raw = (key: string, value: unknown): string => `${key}=${JSON.stringify(value) ?? String(value)}`;

/** One test of a condition in words. */
function describeTest(key: string, value: unknown, locale: Locale): string {
  const w = words(locale);
  switch (key) {
    case 'buckets':
      return Array.isArray(value) && value.every((b) => typeof b === 'string') ? w.buckets(value.join(w.listJoin)) : raw(key, value);
    case 'min_balance_fen':
      return isWhole(value) ? w.minBalance(formatFen(value, locale)) : raw(key, value);
    case 'max_balance_fen':
      return isWhole(value) ? w.maxBalance(formatFen(value, locale)) : raw(key, value);
    case 'contactable': case 'has_address': case 'on_hold': case 'in_plan': case 'open_promise':
      return typeof value === 'boolean' ? w.yesNo[key][value ? 0 : 1] : raw(key, value);
    case 'promise_due_within_days':
      return isWhole(value) ? w.promiseDue(value, formatNumber(value, locale)) : raw(key, value);
    case 'min_broken_promises':
      return isWhole(value) ? w.minBroken(formatNumber(value, locale)) : raw(key, value);
    case 'instalment_due_within_days':
      return isWhole(value) ? w.instalmentDue(value, formatNumber(value, locale)) : raw(key, value);
    case 'placement_ends_within_days':
      return isWhole(value) ? w.placementEnds(value, formatNumber(value, locale)) : raw(key, value);
    default:
      return raw(key, value);
  }
}

/**
 * A condition in words, every test joined ("，" / ", "); `{}` (or no condition) is "总是" /
 * "always". Tests are read in a fixed order whatever order the JSON has; keys the screen does
 * not know follow as `key=JSON`.
 */
export function describeCondition(when: unknown, locale: Locale): string {
  if (when === undefined || when === null) return words(locale).always;
  if (!isRecord(when)) return JSON.stringify(when) ?? String(when);
  const known = (CONDITION_KEYS as readonly string[]);
  const keys = [...CONDITION_KEYS.filter((k) => k in when), ...Object.keys(when).filter((k) => !known.includes(k))];
  if (keys.length === 0) return words(locale).always;
  return keys.map((k) => describeTest(k, when[k], locale)).join(words(locale).join);
}

export interface SegmentRule { name: string; when: unknown }
export interface ActionRule { action: string; when: unknown }

function list(rules: unknown, key: string): Record<string, unknown>[] {
  const value = isRecord(rules) ? rules[key] : undefined;
  return Array.isArray(value) ? value.map((item) => (isRecord(item) ? item : { when: item })) : [];
}

const text = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : value === undefined ? fallback : JSON.stringify(value) ?? fallback);

/** The ordered segments (first match wins). */
export function segmentsOf(rules: unknown): SegmentRule[] {
  return list(rules, 'segments').map((s) => ({ name: text(s['name'], '?'), when: s['when'] ?? {} }));
}

/** The segment of an account no segment matched (the server's default when missing: "default"). */
export function defaultSegmentOf(rules: unknown): string {
  return text(isRecord(rules) ? rules['default_segment'] : undefined, 'default');
}

/** The ordered actions (first match wins). */
export function actionsOf(rules: unknown): ActionRule[] {
  return list(rules, 'actions').map((a) => ({ action: text(a['action'], '?'), when: a['when'] ?? {} }));
}

/** The action of an account no rule matched (the server's default when missing: call). */
export function defaultActionOf(rules: unknown): string {
  return text(isRecord(rules) ? rules['default_action'] : undefined, 'call');
}

/** HH:MM in the agency's zone (the server's default when missing: 10:00). */
export function smsSendTimeOf(rules: unknown): string {
  return text(isRecord(rules) ? rules['sms_send_time'] : undefined, '10:00');
}

/** "1. on_hold：暂停中" without its number (an ordered list numbers it). */
export function segmentLine(segment: SegmentRule, locale: Locale): string {
  return labelled(segmentLabel(segment.name, locale), describeCondition(segment.when, locale), locale);
}

/** "暂停：暂停中" without its number. */
export function actionLine(rule: ActionRule, locale: Locale): string {
  return labelled(actionLabel(rule.action, locale), describeCondition(rule.when, locale), locale);
}

const priorityOf = (rules: unknown): Record<string, unknown> => {
  const p = isRecord(rules) ? rules['priority'] : undefined;
  return isRecord(p) ? p : {};
};

/** Each bucket's points, M0 to M7+ (a bucket the rules leave out scores 0, as on the server). */
export function bucketPoints(rules: unknown): Array<[string, unknown]> {
  const points = priorityOf(rules)['bucket_points'];
  const table = isRecord(points) ? points : {};
  return BUCKETS.map((b) => [b, table[b] ?? 0]);
}

/**
 * The other weights as sentences: balance points, broken promises, a working phone. Missing
 * weights read as the server reads them (0, and a 90-day lookback).
 */
export function priorityLines(rules: unknown, locale: Locale): string[] {
  const w = words(locale);
  const p = priorityOf(rules);
  const n = (key: string, fallback: number): number | null => {
    const value = p[key] ?? fallback;
    return isWhole(value) ? value : null;
  };
  const lines: string[] = [];
  const perPoint = n('balance_fen_per_point', 0);
  const maxBalance = n('max_balance_points', 0);
  if (perPoint === null || maxBalance === null || perPoint <= 0) lines.push(raw('balance_fen_per_point', p['balance_fen_per_point']));
  else lines.push(maxBalance === 0 ? w.noBalancePoints : w.balancePoints(formatFen(perPoint, locale), formatNumber(maxBalance, locale)));
  const broken = n('broken_promise_points', 0);
  const maxBroken = n('max_broken_promises', 0);
  const lookback = n('broken_promise_lookback_days', 90);
  if (broken === null || maxBroken === null || lookback === null) lines.push(raw('broken_promise_points', p['broken_promise_points']));
  else lines.push(broken === 0 || maxBroken === 0 ? w.noBrokenPoints
    : w.brokenPoints(signed(broken, locale), formatNumber(maxBroken, locale), formatNumber(lookback, locale)));
  const phone = n('contactable_points', 0);
  if (phone === null) lines.push(raw('contactable_points', p['contactable_points']));
  else lines.push(phone === 0 ? w.noContactablePoints : w.contactablePoints(signed(phone, locale)));
  // Said only when the rules give it points (the defaults give none).
  const ending = n('placement_ending_points', 0);
  const endingDays = n('placement_ending_days', 14);
  if (ending === null || endingDays === null) lines.push(raw('placement_ending_points', p['placement_ending_points']));
  else if (ending !== 0) lines.push(w.placementEndingPoints(signed(ending, locale), formatNumber(endingDays, locale)));
  return lines;
}

/** Counts per action as ["电话 120", "短信 30", "信函 5"]: the known actions in order, then any other; zeros left out. */
export function actionSplitParts(counts: Record<string, number | undefined>, order: readonly string[], locale: Locale): string[] {
  const keys = [...order.filter((k) => (counts[k] ?? 0) > 0), ...Object.keys(counts).filter((k) => !order.includes(k) && (counts[k] ?? 0) > 0)];
  return keys.map((k) => `${actionLabel(k, locale)} ${formatNumber(counts[k] ?? 0, locale)}`);
}

/** Counts per action as "电话 120 · 短信 30 · 信函 5" (actionSplitParts joined). */
export function actionSplit(counts: Record<string, number | undefined>, order: readonly string[], locale: Locale): string {
  return actionSplitParts(counts, order, locale).join(' · ');
}

/** The rules as the textarea shows them: pretty-printed with two spaces. */
export function rulesToText(rules: unknown): string {
  return JSON.stringify(rules, null, 2);
}

/** The textarea's text as JSON, or the parser's message (`notObject`: it is JSON, but a list or a value where the rules are an object). */
export function parseRulesText(source: string): { ok: true; value: unknown } | { ok: false; message: string; notObject?: true } {
  let value: unknown;
  try {
    value = JSON.parse(source) as unknown;
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, message: 'not an object', notObject: true };
  return { ok: true, value };
}
