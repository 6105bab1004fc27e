import type { User } from '../lib/types.ts';
import { ContractScreen } from './ContractScreen.tsx';
import { IncentivesScreen } from './IncentivesScreen.tsx';
import { StatementScreen } from './StatementScreen.tsx';

export const MONEY_PATHS = { statements: '/money/statements', contracts: '/money/contracts', incentives: '/money/incentives' } as const;

/** Which money screens a role has. */
export function moneyScreensFor(role: User['role']): (keyof typeof MONEY_PATHS)[] {
  return [
    ...(role === 'collector' ? [] : ['statements' as const]),
    ...(role === 'admin' ? ['contracts' as const] : []),
    ...(role === 'creditor_user' ? [] : ['incentives' as const]),
  ];
}

export function isMoneyPath(pathname: string, role: User['role']): boolean {
  return moneyScreensFor(role).some((s) => MONEY_PATHS[s] === pathname);
}

export function MoneyScreen({ pathname, user, onSessionExpired }: { pathname: string; user: User; onSessionExpired(): void }) {
  if (pathname === MONEY_PATHS.contracts) return <ContractScreen today={user.business_date} onSessionExpired={onSessionExpired} />;
  if (pathname === MONEY_PATHS.incentives) return <IncentivesScreen today={user.business_date} onSessionExpired={onSessionExpired} />;
  return <StatementScreen user={user} onSessionExpired={onSessionExpired} />;
}
