import type { Role } from '../lib/types.ts';

/** Screens that exist. A navigation item is only shown once its screen is built. */
export const SCREEN_PATHS = {
  accounts: '/accounts',
  workstation: '/workstation',
  teamDashboard: '/team/dashboard',
  workload: '/team/workload',
  handoffs: '/team/handoffs',
  offboarding: '/team/offboarding',
  territories: '/team/territories',
  suspensions: '/team/suspensions',
  cases: '/cases',
  quality: '/quality',
  hardshipInbox: '/hardship/inbox',
  reports: '/reports',
  moneyStatements: '/money/statements', moneyContracts: '/money/contracts', moneyIncentives: '/money/incentives',
  imports: '/imports',
  strategy: '/strategy',
  outbox: '/outbox',
  users: '/users',
  creditors: '/creditors',
  placements: '/placements',
  audit: '/audit',
  complianceReview: '/compliance',
  siteAdmin: '/site-admin',
  notices: '/notices',
  /** Change password: every role, reached from the top bar (no navigation item). */
  password: '/account/password',
} as const;

export type Screen = keyof typeof SCREEN_PATHS;

export interface NavItem {
  screen: Screen;
  path: string;
  /** i18n key of the label; the same screen is named for what each role sees in it. */
  labelKey: string;
}

const ACCOUNTS_LABEL: Record<Role, string> = {
  collector: 'nav.accounts.collector',
  supervisor: 'nav.accounts.supervisor',
  admin: 'nav.accounts.admin',
  creditor_user: 'nav.accounts.creditor_user',
};

/** The supervisor's screens (web/src/supervisor/), for supervisors and admins. */
export const SUPERVISOR_SCREENS = ['teamDashboard', 'workload', 'handoffs', 'territories', 'offboarding', 'suspensions'] as const satisfies readonly Screen[];

export function navItemsFor(role: Role): NavItem[] {
  return [
    ...(role === 'collector' ? [{ screen: 'workstation' as const, path: SCREEN_PATHS.workstation, labelKey: 'nav.workstation' }] : []),
    { screen: 'accounts', path: SCREEN_PATHS.accounts, labelKey: ACCOUNTS_LABEL[role] },
    ...(role === 'supervisor' || role === 'admin' ? SUPERVISOR_SCREENS.map((screen) => ({ screen, path: SCREEN_PATHS[screen], labelKey: `nav.${screen}` })) : []),
    ...(role === 'collector' ? [] : [{ screen: 'cases' as const, path: SCREEN_PATHS.cases, labelKey: 'nav.cases' }]),
    ...(role === 'creditor_user' ? [] : [{ screen: 'quality' as const, path: SCREEN_PATHS.quality, labelKey: 'nav.quality' }]),
    ...(role === 'collector' ? [] : [{ screen: 'hardshipInbox' as const, path: SCREEN_PATHS.hardshipInbox, labelKey: 'nav.hardshipInbox' }]),
    { screen: 'notices' as const, path: SCREEN_PATHS.notices, labelKey: 'nav.notices' },
    { screen: 'reports' as const, path: SCREEN_PATHS.reports, labelKey: 'nav.reports' },
    ...(([['moneyStatements', role !== 'collector'], ['moneyContracts', role === 'admin'], ['moneyIncentives', role !== 'creditor_user']] as const)
      .filter(([, shown]) => shown).map(([screen]) => ({ screen, path: SCREEN_PATHS[screen], labelKey: `nav.${screen}` }))),
    ...(role === 'admin' || role === 'supervisor' ? [{ screen: 'imports' as const, path: SCREEN_PATHS.imports, labelKey: 'nav.imports' }] : []),
    ...(role === 'admin' || role === 'supervisor' ? [{ screen: 'strategy' as const, path: SCREEN_PATHS.strategy, labelKey: 'nav.strategy' }] : []),
    ...(role === 'admin' || role === 'supervisor' ? [{ screen: 'outbox' as const, path: SCREEN_PATHS.outbox, labelKey: 'nav.outbox' }] : []),
    ...(role === 'admin' ? [{ screen: 'users' as const, path: SCREEN_PATHS.users, labelKey: 'nav.users' }] : []),
    ...(role === 'admin' ? [{ screen: 'creditors' as const, path: SCREEN_PATHS.creditors, labelKey: 'nav.creditors' }] : []),
    ...(role === 'collector' ? [] : [{ screen: 'placements' as const, path: SCREEN_PATHS.placements, labelKey: 'nav.placements' }]),
    ...(role === 'admin' ? [{ screen: 'audit' as const, path: SCREEN_PATHS.audit, labelKey: 'nav.audit' }] : []),
    ...(role === 'admin' || role === 'supervisor' ? [{ screen: 'complianceReview' as const, path: SCREEN_PATHS.complianceReview, labelKey: 'nav.complianceReview' }] : []),
    ...(role === 'admin' ? [{ screen: 'siteAdmin' as const, path: SCREEN_PATHS.siteAdmin, labelKey: 'nav.siteAdmin' }] : []),
  ];
}
