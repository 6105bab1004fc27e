/**
 * Where an account stands (DOMAIN.md, "How an account moves"): placed -> active -> (promised |
 * in plan | on hold | lost contact)* -> paid | settled | recalled | closed. The database holds the
 * same list (accounts.status's check, migration 0001).
 */
export const ACCOUNT_STATUSES = ['placed', 'active', 'promised', 'in_plan', 'on_hold', 'lost_contact', 'paid', 'settled', 'recalled', 'closed'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** The statuses of an account the agency is still collecting (not yet paid, settled, recalled or closed). */
export const IN_COLLECTION = ['placed', 'active', 'promised', 'in_plan', 'on_hold', 'lost_contact'] as const satisfies readonly AccountStatus[];

/** The statuses in words, as the screens say them (web/src/i18n `status.*`): for files and messages. */
export const ACCOUNT_STATUS_WORDS: Record<'zh-CN' | 'en', Record<AccountStatus, string>> = {
  'zh-CN': { placed: '新委案', active: '催收中', promised: '已承诺还款', in_plan: '分期还款中', on_hold: '停催', lost_contact: '失联', paid: '已结清',
    settled: '减免结清', recalled: '已退案', closed: '已关闭' },
  en: { placed: 'Placed', active: 'Active', promised: 'Promised', in_plan: 'In plan', on_hold: 'On hold', lost_contact: 'Lost contact', paid: 'Paid',
    settled: 'Settled', recalled: 'Recalled', closed: 'Closed' },
};
