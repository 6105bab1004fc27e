/**
 * Disputes and complaints (投诉): vocabularies and the investigation deadline. Pure.
 */
import { parseLocalDate, type LocalDate } from '../calendar.ts';
import { addBusinessDays, type Country } from '../country.ts';

/** How a complaint reached us: by phone, online (the portal or the website), forwarded by the creditor or a regulator. */
export const COMPLAINT_CHANNELS = ['phone', 'online', 'creditor', 'regulator', 'letter', 'visit', 'portal'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

/** The debtor says: the amount is wrong, the debt is not theirs, it was already paid. */
export const DISPUTE_REASONS = ['wrong_amount', 'not_mine', 'already_paid'] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];

/** A dispute ends verified by the creditor (collection resumes) or with the account returned to the creditor. */
export const DISPUTE_OUTCOMES = ['verified', 'returned'] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

export const COMPLAINT_FINDINGS = ['upheld', 'not_upheld'] as const;
export type ComplaintFinding = (typeof COMPLAINT_FINDINGS)[number];

export const COMPLAINT_ACTIONS = ['none', 'coaching', 'reassign', 'discipline'] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];

/**
 * Business days a supervisor has to investigate a complaint. Our policy, not a cited rule:
 * one working week, the turnaround banks commonly ask of their agencies for a first
 * finding; a contract may set `complaint_days` in its terms.
 */
export const COMPLAINT_INVESTIGATION_DAYS = 5;

/**
 * The investigation deadline: n business days after the day the complaint was opened, in the
 * country of the account's contract (China's by default; country.ts addBusinessDays).
 */
export function complaintDeadline(openedOn: string, days: number = COMPLAINT_INVESTIGATION_DAYS, country: Country = 'CN'): LocalDate {
  return addBusinessDays(country, parseLocalDate(openedOn), days);
}

/** An action that follows only from an upheld finding: coaching is fine either way, discipline or a move needs one. */
export function actionFits(finding: ComplaintFinding, action: ComplaintAction): boolean {
  return finding === 'upheld' || action === 'none' || action === 'coaching';
}
