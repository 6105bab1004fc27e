import type { EpochDay, Instant } from './time/civil.ts';
import type { ZoneClock } from './time/zone.ts';
import type { Policy } from './policy.ts';

export type { EpochDay, Instant } from './time/civil.ts';

export const PACK_IDS = ['CN', 'US', 'UK'] as const;
export type PackId = (typeof PACK_IDS)[number];

export const CHANNELS = ['call', 'sms', 'email', 'letter', 'visit'] as const;
export type Channel = (typeof CHANNELS)[number];

export const PARTIES = ['debtor', 'third_party'] as const;
export type Party = (typeof PARTIES)[number];

export const PURPOSES = ['collect', 'location', 'notice'] as const;
export type Purpose = (typeof PURPOSES)[number];

/** Who started an earlier attempt; `third_party` (a third party calling in) is our extension. */
export const INITIATORS = ['agency', 'debtor', 'third_party'] as const;
export type Initiator = (typeof INITIATORS)[number];

/**
 * `plan_pending_extended` (the one 30-day extension of plan_pending) and `statute_barred` (a UK
 * customer said the debt is statute-barred, CONC 7.15) are our extensions.
 */
export const FLAGS = [
  'cease',
  'dispute',
  'deceased',
  'bankrupt',
  'attorney',
  'capacity',
  'complaint_review',
  'hardship_review',
  'breathing_space',
  'mental_health_crisis',
  'plan_pending',
  'plan_pending_extended',
  'vulnerable',
  'statute_barred',
] as const;
export type Flag = (typeof FLAGS)[number];

/**
 * Whether a hold of this kind stops collection: `vulnerable` asks for care in how collection is
 * done, not whether; every other kind stops it (and so ends the debtor's open promises).
 */
export function holdStopsCollection(kind: string): boolean {
  return kind !== 'vulnerable';
}

export const SUSPENSION_SCOPES = ['region', 'creditor', 'account'] as const;
export type SuspensionScope = (typeof SUSPENSION_SCOPES)[number];

/** One earlier attempt on any of the debtor's accounts. */
export interface ContactAttempt {
  readonly accountId: string;
  readonly at: Instant;
  readonly channel: Channel;
  readonly party: Party;
  readonly thirdPartyId: string | null;
  /** Open vocabulary: no_answer, busy, network_error, voicemail, connected, right_party, ... */
  readonly outcome: string;
  readonly initiatedBy: Initiator;
}

/** A 区域停催 over a region (code prefix), a creditor or an account; dates are inclusive. */
export interface Suspension {
  readonly scope: SuspensionScope;
  readonly code: string;
  readonly from: EpochDay;
  readonly to: EpochDay | null;
}

/** The phone, address or mailbox the contact would use, when the caller knows it. */
export interface ContactPoint {
  readonly owner: Party;
  readonly thirdPartyId: string | null;
  readonly optedOut: boolean;
  /** An e-mail address the debtor's employer gave them (a work address). Absent: false. */
  readonly employerProvided?: boolean;
  /** The debtor gave us this address or number themselves, wrote to us from it, or agreed to texts or e-mails at it. Absent: false. */
  readonly consented?: boolean;
  /**
   * An e-mail address from the creditor: the local day the creditor told the debtor the account
   * was placed with us and that we may e-mail them there, with how to opt out (12 CFR
   * 1006.6(d)(4)(ii)). Absent or null: no such notice, or not an address from the creditor.
   */
  readonly creditorNoticeOn?: EpochDay | null;
}

export type ZoneList = readonly [ZoneClock, ...ZoneClock[]];

export interface DebtorState {
  readonly id: string;
  /** Every candidate zone (address, phone); the first one formats the decision's instants. */
  readonly zones: ZoneList;
  readonly regionCode: string | null;
  readonly flags: ReadonlySet<Flag>;
  /** Local date each flag took effect. */
  readonly flagSince: ReadonlyMap<Flag, EpochDay>;
  /** Last local date a flag is in force (mental_health_crisis: the last day of crisis treatment). */
  readonly flagUntil: ReadonlyMap<Flag, EpochDay>;
  readonly optOuts: ReadonlySet<Channel>;
  /**
   * Hours the debtor asked to be contacted in (minutes after local midnight, [start, end)),
   * set through the self-service portal inside the legal window. Calls and messages then keep
   * to both windows; absent or null: only the pack's.
   */
  readonly preferredHours?: { readonly start: number; readonly end: number } | null;
}

/** Everything the rules read: built by parseSituation from JSON or by a repository from rows. */
export interface Situation {
  readonly policy: Policy;
  readonly at: Instant;
  /**
   * When the explanation is read, where that is not `at` (a callback judged for its later time):
   * "today" and "tomorrow" in the reasons count from it. Absent: from `at`.
   */
  readonly readAt?: Instant;
  readonly channel: Channel;
  readonly party: Party;
  readonly purpose: Purpose;
  readonly thirdPartyId: string | null;
  readonly debtor: DebtorState;
  /**
   * `status`: the account's state (active, recalled, paid, ...); `validationNoticeSentOn`: the date the
   * US validation notice was sent, null when none has been; each undefined when the caller does not say.
   */
  readonly account: { readonly id: string; readonly creditor: string; readonly status?: string | null; readonly validationNoticeSentOn?: string | null };
  readonly history: readonly ContactAttempt[];
  readonly suspensions: readonly Suspension[];
  readonly contactPoint: ContactPoint | null;
  /** False when the call would not be recorded; null when not stated. */
  readonly callRecorded: boolean | null;
  /** Length of the instalment plan this contact would offer, if any. */
  readonly instalmentMonths: number | null;
}

export interface Reason {
  rule: string;
  message: string;
  message_zh: string;
  citation: string;
}

export interface Decision {
  allowed: boolean;
  reasons: Reason[];
  next_allowed_at: string | null;
}
