/**
 * The standard outcome codes of a contact attempt (催记结果) and what each one implies.
 * The compliance engine counts attempts by a smaller vocabulary (no_answer, busy,
 * network_error, voicemail, connected, right_party, ...): `engineOutcome` maps a code to
 * it, so a promise or a refusal counts as the conversation with the debtor that it was
 * (US cool-down, 12 CFR 1006.14(b)(2)(i)(B)).
 */
import type { Channel, Initiator, Party } from '../compliance/index.ts';

export interface OutcomeCode {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  /** Someone answered (a person, not a machine). */
  readonly reached: boolean;
  /** A conversation with the debtor themself (本人接通, RPC). */
  readonly rightParty: boolean;
  /** The contact point used is not the debtor's or does not work: mark it invalid. */
  readonly invalidatesContactPoint: boolean;
  /** The follow-up the screen offers: take a promise, place a hold, hand off, ... */
  readonly followUp: 'promise' | 'dispute_hold' | 'deceased_hold' | 'hardship' | 'handoff' | 'callback' | null;
  readonly channels: readonly Channel[];
}

const VOICE: readonly Channel[] = ['call', 'visit'];
const ANY: readonly Channel[] = ['call', 'sms', 'email', 'letter', 'visit'];
const WRITTEN: readonly Channel[] = ['sms', 'email', 'letter'];

const code = (c: string, zh: string, en: string, reached: boolean, rightParty: boolean,
  followUp: OutcomeCode['followUp'] = null, channels: readonly Channel[] = VOICE, invalidatesContactPoint = false): OutcomeCode =>
  ({ code: c, zh, en, reached, rightParty, followUp, channels, invalidatesContactPoint });

/** The outcome of a call placed through the telephony gateway until its result is recorded (一键外呼). */
export const DIALED = 'dialed';

export const OUTCOME_CODES: readonly OutcomeCode[] = [
  code('no_answer', '无人接听', 'No answer', false, false),
  code('busy', '占线', 'Busy', false, false),
  code('voicemail', '语音信箱', 'Voicemail', false, false),
  code('network_error', '网络故障/未接通', 'Network error', false, false),
  // Set by click-to-call when the call leaves, replaced by the result the collector records after it.
  code(DIALED, '已拨出（待记录结果）', 'Dialled (result not yet recorded)', false, false),
  code('powered_off', '关机/停机', 'Phone off or suspended', false, false),
  code('wrong_number', '号码错误/非本人', 'Wrong number', true, false, null, VOICE, true),
  code('connected', '接通(身份未确认)', 'Connected, party not confirmed', true, false),
  code('third_party', '第三方接听', 'Third party answered', true, false),
  code('right_party', '本人接通', 'Right-party contact', true, true),
  code('promise', '承诺还款', 'Promise to pay', true, true, 'promise'),
  code('callback_requested', '约定回拨', 'Asked for a call back', true, true, 'callback'),
  code('refuses', '拒绝还款', 'Refuses to pay', true, true),
  code('disputes', '有异议', 'Disputes the debt', true, true, 'dispute_hold'),
  code('hardship', '经济困难', 'Hardship', true, true, 'hardship'),
  code('paid_claimed', '称已还款', 'Says already paid', true, true),
  code('deceased_reported', '告知本人已故', 'Reported deceased', true, false, 'deceased_hold'),
  code('abusive', '辱骂/威胁', 'Abusive', true, false, 'handoff'),
  code('sms_sent', '短信已发送', 'SMS sent', false, false, null, ['sms']),
  code('sms_reply', '回复短信', 'Replied by SMS', true, false, null, ['sms']),
  code('sent', '已发送', 'Sent', false, false, null, WRITTEN),
  code('returned', '退回/无法送达', 'Returned undelivered', false, false, null, ['letter', 'email', 'visit'], true),
  code('other', '其他', 'Other', false, false, null, ANY),
];

const BY_CODE = new Map(OUTCOME_CODES.map((o) => [o.code, o]));
export const OUTCOME_CODE_LIST: readonly string[] = OUTCOME_CODES.map((o) => o.code);

export function outcomeCode(codeText: string): OutcomeCode | undefined {
  return BY_CODE.get(codeText);
}

/**
 * The engine's reading of a stored outcome: a conversation with the debtor is right_party,
 * a person who is not confirmed to be the debtor is connected; the rest pass unchanged.
 */
export function engineOutcome(codeText: string): string {
  const o = BY_CODE.get(codeText);
  if (!o || o.code === 'right_party' || o.code === 'connected') return codeText;
  if (o.rightParty) return 'right_party';
  if (o.reached && o.code !== 'wrong_number') return 'connected';
  return codeText;
}

/** What an attempt was, as far as its outcome must agree with it. */
export interface AttemptShape { channel: Channel; party: Party; initiatedBy: Initiator }

/**
 * Why an outcome cannot be the result of this attempt, or null when it can: an SMS outcome on a
 * call, "no answer" on a call the debtor made to us (someone was on the line), or a conversation
 * with the debtor themself on an attempt addressed to a third party.
 */
export function outcomeMismatch(code: OutcomeCode, attempt: AttemptShape): { en: string; zh: string } | null {
  if (!code.channels.includes(attempt.channel)) {
    return { en: `"${code.en}" is not an outcome of ${attempt.channel === 'sms' ? 'an SMS' : `a ${attempt.channel}`}`, zh: `“${code.zh}”不是${CHANNEL_ZH[attempt.channel]}的结果` };
  }
  if (attempt.initiatedBy !== 'agency' && !code.reached) {
    return { en: `"${code.en}" cannot be the outcome of a contact the other side started: someone was there`, zh: `对方主动来电/来访，结果不能是“${code.zh}”` };
  }
  if (attempt.party === 'third_party' && code.rightParty) {
    return { en: `"${code.en}" is a conversation with the debtor; this contact was with a third party`, zh: `“${code.zh}”是与债务人本人的沟通，而本次联系的对象是第三方` };
  }
  return null;
}

const CHANNEL_ZH: Record<Channel, string> = { call: '电话', sms: '短信', email: '电子邮件', letter: '信函', visit: '外访' };

/** Reasons for delinquency (逾期原因) a collector records. */
export const DELINQUENCY_REASONS = ['unemployment', 'illness', 'business_failure', 'disaster', 'income_drop', 'other'] as const;
export type DelinquencyReason = (typeof DELINQUENCY_REASONS)[number];

export function isDelinquencyReason(text: string): text is DelinquencyReason {
  return (DELINQUENCY_REASONS as readonly string[]).includes(text);
}
