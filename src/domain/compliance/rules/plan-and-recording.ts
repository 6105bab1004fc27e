import type { RuleCheck } from './rule.ts';
import { NEVER } from './rule.ts';

export interface InstalmentMaxParams {
  readonly months: number;
}

/**
 * CN: a personalised instalment plan runs at most 60 months; a contact that would offer a
 * longer one is refused. Source: 商业银行信用卡业务监督管理办法 Art. 70 (U).
 */
export function instalmentMaxRule(params: InstalmentMaxParams): RuleCheck {
  return {
    earliestFrom(s, t) {
      return s.instalmentMonths !== null && s.instalmentMonths > params.months ? NEVER : t;
    },
    explain(s) {
      return {
        en: `A ${s.instalmentMonths ?? 0}-month instalment plan is longer than the ${params.months}-month maximum.`,
        zh: `${s.instalmentMonths ?? 0}个月的分期还款计划超过了最长${params.months}个月的限制。`,
      };
    },
  };
}

export interface RecordingParams {
  /** How long recordings are kept: read by the recording store, not by this check. */
  readonly retention_years: number;
}

/**
 * CN: every call is recorded and the recording kept at least 2 years; a call that would not
 * be recorded is refused. Source: 商业银行信用卡业务监督管理办法 Art. 68/69 (U).
 */
export function recordingRule(params: RecordingParams): RuleCheck {
  return {
    earliestFrom(s, t) {
      return s.channel === 'call' && s.callRecorded === false ? NEVER : t;
    },
    explain() {
      return {
        en: `Every call must be recorded (and kept at least ${params.retention_years} years); this call would not be recorded.`,
        zh: `所有通话必须录音（录音至少保存${params.retention_years}年）；本次通话不会录音。`,
      };
    },
  };
}
