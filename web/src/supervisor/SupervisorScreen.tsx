import { DashboardScreen } from './DashboardScreen.tsx';
import { HandoffsScreen } from './HandoffsScreen.tsx';
import { OffboardingScreen } from './OffboardingScreen.tsx';
import { WorkloadScreen } from './WorkloadScreen.tsx';
import { SCREEN_PATHS } from '../shell/navigation.ts';
import './supervisor.css';

/** The supervisor's screens, by path (paths in shell/navigation.ts). */
const SUPERVISOR_PATHS = {
  teamDashboard: SCREEN_PATHS.teamDashboard,
  workload: SCREEN_PATHS.workload,
  handoffs: SCREEN_PATHS.handoffs,
  offboarding: SCREEN_PATHS.offboarding,
} as const;

export function isSupervisorPath(pathname: string): boolean {
  return (Object.values(SUPERVISOR_PATHS) as string[]).includes(pathname);
}

export function SupervisorScreen({ pathname, onSessionExpired }: { pathname: string; onSessionExpired(): void }) {
  switch (pathname) {
    case SUPERVISOR_PATHS.workload: return <WorkloadScreen onSessionExpired={onSessionExpired} />;
    case SUPERVISOR_PATHS.handoffs: return <HandoffsScreen onSessionExpired={onSessionExpired} />;
    case SUPERVISOR_PATHS.offboarding: return <OffboardingScreen onSessionExpired={onSessionExpired} />;
    default: return <DashboardScreen onSessionExpired={onSessionExpired} />;
  }
}
