/**
 * Where an account stands (DOMAIN.md, "How an account moves"): placed -> active -> (promised |
 * in plan | on hold | lost contact)* -> paid | settled | recalled | closed. The database holds the
 * same list (accounts.status's check, migration 0001).
 */
export const ACCOUNT_STATUSES = ['placed', 'active', 'promised', 'in_plan', 'on_hold', 'lost_contact', 'paid', 'settled', 'recalled', 'closed'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** The statuses of an account the agency is still collecting (not yet paid, settled, recalled or closed). */
export const IN_COLLECTION = ['placed', 'active', 'promised', 'in_plan', 'on_hold', 'lost_contact'] as const satisfies readonly AccountStatus[];
