import { invalidInput, type Bilingual } from '../../errors.ts';
import { formatMinutes, parseClock } from '../time/civil.ts';
import type { PackId } from '../types.ts';
import type { RuleCheck } from '../rules/rule.ts';

export type RuleId =
  | 'hours'
  | 'daily_calls'
  | 'daily_texts'
  | 'seven_in_seven'
  | 'massachusetts_calls'
  | 'nyc_communications'
  | 'washington_communications'
  | 'cool_down'
  | 'third_party'
  | 'medium_opt_out'
  | 'work_email'
  | 'email_safe_harbor'
  | 'nyc_electronic_consent'
  | 'cease'
  | 'dispute'
  | 'attorney'
  | 'breathing_space'
  | 'plan_pending'
  | 'statute_barred'
  | 'instalment_max'
  | 'recording'
  | 'holds'
  | 'suspension'
  | 'mandate'
  | 'in_plan'
  | 'validation_notice'
  | 'consent';

/** One parameter of a rule: its default and which way is stricter. */
export interface ParamSpec {
  readonly default: number;
  /** `clock` is 'HH:MM' in JSON (minutes after midnight inside); `count` a whole number. */
  readonly kind: 'clock' | 'count';
  readonly tighter: 'lower' | 'higher';
  readonly min: number;
  readonly max: number;
}

interface RuleDefinitionBase<K extends string> {
  readonly id: RuleId;
  /** The source, in English: what the engine's decision cites (the evaluate contract's `citation`). */
  readonly citation: string;
  /** The same source in Chinese, for the staff app's 中文 screens: Chinese statutes by their Chinese names. */
  readonly citationZh: string;
  /** A legal floor: contracts may tighten its parameters, never loosen them. */
  readonly legalFloor: boolean;
  readonly params: Readonly<Record<K, ParamSpec>>;
  readonly validate?: (values: Readonly<Record<K, number>>) => Bilingual | null;
  build(values: Readonly<Record<K, number>>): RuleCheck;
}

/** Set when the rule is not yet verified against the official text (U), saying what is open, in both languages. */
type Unverified =
  | { readonly unverified?: undefined; readonly unverifiedZh?: undefined }
  | { readonly unverified: string; readonly unverifiedZh: string };

export type RuleDefinition<K extends string> = RuleDefinitionBase<K> & Unverified;

/** A rule bound to one contract's parameters, as the engine runs it. */
export interface BoundRule {
  /** Pack-qualified id, e.g. 'CN.hours'. */
  readonly id: string;
  readonly citation: string;
  readonly check: RuleCheck;
  readonly values: Readonly<Record<string, number>>;
}

export interface PackRule {
  readonly id: RuleId;
  readonly citation: string;
  /** The citation in Chinese, its U note included: for reading on the 中文 screens, never in a decision. */
  readonly citationZh: string;
  /** What is not yet verified against the official text (U); undefined when nothing is. */
  readonly unverified?: string;
  readonly legalFloor: boolean;
  readonly params: Readonly<Record<string, ParamSpec>>;
  /** Applies a contract's overrides for this rule (null: none); refuses loosening a legal floor. */
  bind(pack: PackId, overrides: Readonly<Record<string, unknown>> | null): BoundRule;
}

export function defineRule<K extends string>(def: RuleDefinition<K>): PackRule {
  const keys = Object.keys(def.params) as K[];
  const citation = def.unverified === undefined ? def.citation : `${def.citation} (U: not yet verified against the official text; ${def.unverified}; to be confirmed by the agency's compliance officer)`;
  const citationZh = def.unverifiedZh === undefined ? def.citationZh : `${def.citationZh}（U：尚未对照官方文本核实；${def.unverifiedZh}；待本机构合规负责人确认）`;
  return {
    id: def.id,
    citation,
    citationZh,
    ...(def.unverified === undefined ? {} : { unverified: def.unverified }),
    legalFloor: def.legalFloor,
    params: def.params,
    bind(pack, overrides) {
      const ruleId = `${pack}.${def.id}`;
      const values = {} as Record<K, number>;
      for (const key of keys) values[key] = def.params[key].default;
      if (overrides !== null) {
        for (const [name, raw] of Object.entries(overrides)) {
          const field = `params.${def.id}.${name}`;
          const key = keys.find((k) => k === name);
          if (key === undefined) {
            const known = keys.length === 0
              ? { en: 'it has no parameters', zh: '该规则没有参数' }
              : { en: `its parameters are ${keys.join(', ')}`, zh: `其参数为${keys.join(', ')}` };
            throw invalidInput({ en: `${field}: ${ruleId} has no parameter '${name}' (${known.en})`, zh: `${field}：${ruleId}没有参数'${name}'（${known.zh}）` }, field);
          }
          const spec = def.params[key];
          const value = readParam(spec, raw, field);
          const looser = spec.tighter === 'lower' ? value > spec.default : value < spec.default;
          if (looser && def.legalFloor) {
            throw invalidInput({
              en: `${field}: ${show(spec, value)} loosens ${ruleId}, a legal floor (default ${show(spec, spec.default)}); a contract may only tighten it`,
              zh: `${field}：${show(spec, value)}放宽了${ruleId}，而该规则是法定底线（默认${show(spec, spec.default)}）；委托合同只能收紧、不能放宽`,
            },
              field,
              { rule: ruleId },
            );
          }
          values[key] = value;
        }
      }
      const problem = def.validate?.(values) ?? null;
      if (problem !== null) throw invalidInput({ en: `params.${def.id}: ${ruleId} ${problem.en}`, zh: `params.${def.id}：${ruleId}${problem.zh}` }, `params.${def.id}`);
      return { id: ruleId, citation, check: def.build(values), values };
    },
  };
}

function show(spec: ParamSpec, value: number): string {
  return spec.kind === 'clock' ? formatMinutes(value) : String(value);
}

function readParam(spec: ParamSpec, raw: unknown, field: string): number {
  if (spec.kind === 'clock') {
    const minutes = typeof raw === 'string' ? parseClock(raw) : null;
    if (minutes === null) throw invalidInput({
      en: `${field}: expected a time of day 'HH:MM' (00:00 to 24:00), got ${JSON.stringify(raw)}`,
      zh: `${field}：应为'HH:MM'格式的时间（00:00到24:00），实际为${JSON.stringify(raw)}`,
    }, field);
    return minutes;
  }
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < spec.min || raw > spec.max) {
    throw invalidInput({
      en: `${field}: expected a whole number from ${spec.min} to ${spec.max}, got ${JSON.stringify(raw)}`,
      zh: `${field}：应为${spec.min}到${spec.max}之间的整数，实际为${JSON.stringify(raw)}`,
    }, field);
  }
  return raw;
}

export function clockParam(hhmm: string, tighter: 'lower' | 'higher'): ParamSpec {
  return { default: parseClock(hhmm) ?? 0, kind: 'clock', tighter, min: 0, max: 1440 };
}

export function countParam(value: number, tighter: 'lower' | 'higher', max = 1000): ParamSpec {
  return { default: value, kind: 'count', tighter, min: tighter === 'higher' ? 1 : 0, max };
}

/** The 08:00-21:00 style window: start must come before end. */
export function validateWindow(values: Readonly<Record<'start' | 'end', number>>): Bilingual | null {
  if (values.start < values.end) return null;
  const got = `${formatMinutes(values.start)}-${formatMinutes(values.end)}`;
  return { en: `needs start before end (got ${got})`, zh: `的开始时间必须早于结束时间（当前为${got}）` };
}

export interface PackDefinition {
  readonly id: PackId;
  readonly title: string;
  /** Zones assumed when a debtor has none on file: every zone the pack's country spans. */
  readonly fallbackZones: readonly [string, ...string[]];
  /**
   * Every IANA zone of the pack's country: a debtor's zone on file is believed only when it is
   * one of them (a US creditor's debtor left on the agency's Asia/Shanghai is not in China).
   */
  readonly countryZones: readonly string[];
  /**
   * Zones a debtor in a region also lives by, beside the zone on file: [region code prefix, zone]
   * (China: Xinjiang, 65, keeps Ürümqi time beside the legal Beijing time).
   */
  readonly regionZones?: ReadonlyArray<readonly [string, string]>;
  readonly rules: readonly PackRule[];
}
