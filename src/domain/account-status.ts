/**
 * Where an account stands (DOMAIN.md, "How an account moves"): placed -> active -> (promised |
 * in plan | lost contact)* -> paid | settled | recalled | closed, as it is stored. The database
 * holds the same list (accounts.status's check, migrations 0001 and 0068).
 *
 * "On hold" (停催) is not among them: a hold (the holds table: a dispute, a complaint under
 * review, hardship under review, a suspension of contact...) is its one record, placed and lifted
 * on its own, so an account keeps its collecting status under a hold and is back in collection
 * the moment the hold ends. The screens show `on_hold` from the holds (SHOWN_ACCOUNT_STATUSES).
 */
export const ACCOUNT_STATUSES = ['placed', 'active', 'promised', 'in_plan', 'lost_contact', 'paid', 'settled', 'recalled', 'closed'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/**
 * The statuses the screens, the accounts list's filter and the bank's account status file show:
 * the stored ones and `on_hold`, shown instead of the stored status of an account still in
 * collection while a hold that stops collection is in force on it or on its debtor
 * (holdStopsCollection: every kind but `vulnerable`; src/db/accounts-repository.ts SHOWN_STATUS_SQL).
 */
export const SHOWN_ACCOUNT_STATUSES = ['placed', 'active', 'promised', 'in_plan', 'on_hold', 'lost_contact', 'paid', 'settled', 'recalled', 'closed'] as const;
export type ShownAccountStatus = (typeof SHOWN_ACCOUNT_STATUSES)[number];

/** The statuses of an account the agency is still collecting (not yet paid, settled, recalled or closed). */
export const IN_COLLECTION = ['placed', 'active', 'promised', 'in_plan', 'lost_contact'] as const satisfies readonly AccountStatus[];

/** The statuses in words, as the screens say them (web/src/i18n `status.*`): for files and messages. */
export const ACCOUNT_STATUS_WORDS: Record<'zh-CN' | 'en', Record<ShownAccountStatus, string>> = {
  'zh-CN': { placed: '新委案', active: '催收中', promised: '已承诺还款', in_plan: '分期还款中', on_hold: '停催', lost_contact: '失联', paid: '已结清',
    settled: '减免结清', recalled: '已退案', closed: '已关闭' },
  en: { placed: 'Placed', active: 'Active', promised: 'Promised', in_plan: 'In plan', on_hold: 'On hold', lost_contact: 'Lost contact', paid: 'Paid',
    settled: 'Settled', recalled: 'Recalled', closed: 'Closed' },
};
