/**
 * Lost contact (失联): a debtor none of whose own contact points works. Third-party points
 * (relatives, employers) are for locating the debtor, not for reaching them, so they do not
 * keep a debtor "in contact". A debtor with no point of their own at all is lost too.
 */
export interface PointState { owner: 'debtor' | 'third_party' | string; verified: 'unverified' | 'verified' | 'invalid' | string }

export function isLostContact(points: readonly PointState[]): boolean {
  return !points.some((p) => p.owner === 'debtor' && p.verified !== 'invalid');
}

/** The account status after a change of the debtor's contact points. */
export function statusAfterContactChange(status: string, lost: boolean): string {
  if (lost && status === 'active') return 'lost_contact';
  if (!lost && status === 'lost_contact') return 'active';
  return status;
}

/** The next action the account page shows: skip-trace while lost, otherwise the strategy's. */
export function workstationNextAction(status: string): 'skip_trace' | 'contact' | 'wait' {
  if (status === 'lost_contact') return 'skip_trace';
  if (status === 'active' || status === 'promised') return 'contact';
  return 'wait';
}

/** How far a skip-trace source is trusted. */
export const RELIABILITIES = ['high', 'medium', 'low'] as const;
export type Reliability = (typeof RELIABILITIES)[number];
