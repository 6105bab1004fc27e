import type { Currency } from '../lib/money.ts';
import type { HandoffReason } from './handoff-reason.ts';
/** Shapes of the workstation API (src/http/routes/workstation.ts) as the screens read them. */
export interface DecisionReason { rule: string; message: string; message_zh: string; citation: string }
export interface Decision { allowed: boolean; reasons: DecisionReason[]; next_allowed_at: string | null }

export type NextAccount =
  | { account_id: number; callback_due: boolean; claim_expires_at: string; decision: Decision }
  | { account_id: null; reason: 'on_break'; until: string }
  | { account_id: null; reason: 'daily_cap_reached'; cap: number; attempts: number }
  | { account_id: null; reason: 'queue_empty' }
  | { account_id: null; reason: 'nothing_allowed_now'; next_allowed_at: string | null };

export interface ContactPointView {
  id: number; kind: string; value_mask: string; owner: string; third_party_name: string | null; relation: string | null;
  source: string; provenance: Record<string, unknown>; verified: string; opted_out: string[]; created_at: string;
  /** An e-mail address the debtor's employer gave them, and whether the debtor asked us to use it (12 CFR 1006.22(f)(3)). */
  employer_provided: boolean; debtor_consented: boolean;
  /** Erased at the end of the retention period: shown as such, nothing to do with it. */
  erased: boolean;
  /** A phone also on file for another debtor (a shared family line): whoever answers or reads a text may not be this debtor. */
  shared: boolean;
}

export interface OutcomeCodeView { code: string; zh: string; en: string; reached: boolean; right_party: boolean; follow_up: string | null; channels: string[] }

export interface AccountPageView {
  account: {
    id: number; creditor_code: string; creditor_name: string; creditor_name_en: string | null; account_no_mask: string; product: string; principal_fen: number;
    interest_fen: number; fees_fen: number; balance_fen: number; dpd: number; bucket: string; first_delinquency_date: string;
    /** The bank's last statement of the parts (its date and total), and what the debtor paid since: the balance is the one less the other. */
    balance_stated_on: string; stated_balance_fen: number; paid_since_statement_fen: number;
    /** On a settled account, what its settlement left unpaid and the creditor waived (减免); null otherwise (the balance is then nothing). */
    waived_fen: number | null;
    /** Paid beyond the bank's last statement of the balance (多付): the excess is the debtor's to be refunded; 0 when none. */
    overpaid_fen: number;
    status: string;
    /** The status as the accounts list shows it: `on_hold` (停催) while a hold that stops collection is in force, else `status`. */
    shown_status: string;
    version: number; region_code: string | null; region_name: string | null; region_name_en: string | null; placement_batch_ref: string;
    placed_on: string; placement_ends_on: string;
    /** 留案: kept past the placement's last day until this day (null: not kept). */
    retained_until: string | null;
    /** The last day of its mandate: the later of the placement's and the day it was kept until. */
    mandate_ends_on: string; contract_name: string | null; lost_contact: boolean; next_action: string;
    /** Gone back to the bank (退案): the day, and why (its term ended, the bank's recall, a dispute the bank did not verify). */
    recalled_on: string | null; recall_reason: 'term_end' | 'creditor' | 'dispute' | null;
    /** Today, or the debtor's own today where it is still the day before the business date. */
    promise_earliest_date: string;
    promise_latest_date: string;
  };
  debtor: { id: number; name: string; id_number_mask: string | null; region_code: string | null; time_zone: string;
    /** The language the debtor asked to be written to in (en, es, zh; null: not stated). */
    preferred_language: string | null };
  contact_points: ContactPointView[];
  holds: Array<{ id: number; kind: string; reason: string; starts_on: string; ends_on: string | null; set_by_name: string | null;
    /** The dispute or complaint the hold is part of; null: none (placed by hand, or as a dispute was logged and before its form). */
    case_kind: 'dispute' | 'complaint' | null }>;
  promises: Array<{ id: number; amount_fen: number; due_date: string; status: string; taken_by_name: string | null; created_at: string;
    /** Why it was cancelled: the reason given, `rescheduled: <reason>` when moved (改约), `hold:<kind>` when a hold ended it, `suspension:<scope>` when a suspension did. */
    cancel_reason: string | null; rescheduled_from: number | null; cancelled_by_hold_kind: string | null }>;
  plans: Array<{ id: number; status: string; total_fen: number; instalments: number; next_due_date: string | null }>;
  assignments: Array<{ id: number; collector_name: string; team_name: string; assigned_at: string; ended_at: string | null; reason: string; kind: string | null }>;
  contacts: Array<{ id: number; at: string; channel: string; party: string; outcome: string; delinquency_reason: string | null; note: string | null;
    initiated_by: string; collector_name: string | null; contact_point_mask: string | null; third_party_name: string | null; call_seconds: number | null; recording_ref: string | null;
    /** Whether the debt collector disclosure was given (a US conversation with the debtor); null where not asked. */
    disclosure_given: boolean | null;
    /** 催记更正: the latest correction (the outcome first recorded, why, by whom, when). */
    correction: { from_outcome: string; reason: string; by_name: string; at: string } | null }>;
  callbacks: Array<{ id: number; due_at: string; local_time: string; time_zone: string; note: string | null; status: string }>;
  handoff: ({ id: number } & HandoffReason) | null;
  debtor_local_time: string;
  business_date: string;
  call_now: Decision;
  /** Click-to-call (一键外呼) is configured: calls are placed through the telephony gateway. */
  dialer: boolean;
  /** The collector's call whose result is still to be recorded, on this account or another. */
  pending_dial: { attempt_id: number; account_id: number; contact_point_mask: string | null; at: string } | null;
  outcome_codes: OutcomeCodeView[];
  /** Team leads and admins correct a recorded outcome (催记更正). */
  may_correct_contacts: boolean;
  may_correct_name: boolean;
  delinquency_reasons: string[];
  /** The zone a callback's local time is read in. */
  callback_zone: string;
  /** The currency the account is owed in (its contract's pack). */
  currency: Currency;
  /** Under a US contract: the validation notice (both null: not sent yet); null otherwise. */
  validation_notice: { sent_on: string | null; validation_ends_on: string | null; channel?: string } | null;
  charge_off: { charged_off_on: string; balance_fen: number; interest_fen: number; fees_fen: number; paid_fen: number } | null;
  /** Under a US contract: what to say first on a call. */
  /** `es`: the words in Spanish, for a debtor who reads Spanish (a US account). */
  call_disclosure: { en: string; zh: string; es?: string } | null;
  voicemail_message: { en: string; zh: string; es?: string } | null;
  /** Under a US contract, a debt too old to be sued on: since when, and what never to say. */
  time_barred: { since: string; state: string | null; years: number; citation: string; en: string; zh: string } | null;
  /** New York's notice on a debt that may be time-barred: read before a promise is taken or moved (23 NYCRR 1.3(b)); null when it does not apply. */
  time_bar_notice: { en: string; zh: string; es?: string; citation: string } | null;
  /** New York City's language access rules: ask the debtor which language they prefer and record it (null: nothing to ask). */
  language_to_ask: { en: string; zh: string } | null;
  /** New York City's rules apply: no text goes to a number the debtor did not agree to. */
  texts_need_consent: boolean;
}

/** A fixed SMS template filled in for the account (GET /api/accounts/:id/sms-templates); body null: it does not apply now. */
export interface SmsTemplateView { key: string; name_zh: string; name_en: string; body: string | null }
export interface SmsQueued { outbox_id: number; to: string; body: string; decision: Decision }

export interface CallerAccountView {
  id: number; creditor_code: string; creditor_name: string; creditor_name_en: string | null; account_no_mask: string; debtor_name: string; product: string;
  balance_fen: number; dpd: number; bucket: string; status: string; collector_name: string | null;
  /** The currency the account is owed in. */
  currency: Currency;
}

export interface CallerMatchView {
  debtor_id: number; party: 'debtor' | 'third_party'; contact_point_id: number | null; third_party_name: string | null; relation: string | null;
  accounts: CallerAccountView[]; elsewhere: Array<{ collector_name: string | null; accounts: number }>;
}

export interface CallerLookupView { matched_by: 'phone' | 'id_number' | 'account_no'; value_mask: string; matches: CallerMatchView[] }

/** A fixed e-mail template filled in for the account (GET /api/accounts/:id/email-templates); subject and body null: it does not apply now. */
export interface EmailTemplateView { key: string; name_zh: string; name_en: string; subject: string | null; body: string | null }
export interface EmailQueued { outbox_id: number; to: string; subject: string; body: string; decision: Decision }

/** Paid, settled, recalled or closed: nothing is collected any more (the engine refuses it). */
export function isFinishedStatus(status: string): boolean {
  return status === 'paid' || status === 'settled' || status === 'recalled' || status === 'closed';
}
