import { DashboardScreen } from './DashboardScreen.tsx';
import { HandoffsScreen } from './HandoffsScreen.tsx';
import { OffboardingScreen } from './OffboardingScreen.tsx';
import { SuspensionsScreen } from './SuspensionsScreen.tsx';
import { TerritoriesScreen } from './TerritoriesScreen.tsx';
import { WorkloadScreen } from './WorkloadScreen.tsx';
import type { Role } from '../lib/types.ts';
import { SCREEN_PATHS } from '../shell/navigation.ts';
import './supervisor.css';

/** The supervisor's screens, by path (paths in shell/navigation.ts). */
const SUPERVISOR_PATHS = {
  teamDashboard: SCREEN_PATHS.teamDashboard,
  workload: SCREEN_PATHS.workload,
  handoffs: SCREEN_PATHS.handoffs,
  offboarding: SCREEN_PATHS.offboarding,
  territories: SCREEN_PATHS.territories,
  suspensions: SCREEN_PATHS.suspensions,
} as const;

export function isSupervisorPath(pathname: string): boolean {
  return (Object.values(SUPERVISOR_PATHS) as string[]).includes(pathname);
}

export function SupervisorScreen({ pathname, role, teamId, onSessionExpired }: { pathname: string; role: Role; teamId: number | null; onSessionExpired(): void }) {
  switch (pathname) {
    case SUPERVISOR_PATHS.workload: return <WorkloadScreen onSessionExpired={onSessionExpired} />;
    case SUPERVISOR_PATHS.handoffs: return <HandoffsScreen onSessionExpired={onSessionExpired} />;
    case SUPERVISOR_PATHS.territories: return <TerritoriesScreen role={role} teamId={teamId} onSessionExpired={onSessionExpired} />;
    case SUPERVISOR_PATHS.suspensions: return <SuspensionsScreen role={role} onSessionExpired={onSessionExpired} />;
    case SUPERVISOR_PATHS.offboarding: return <OffboardingScreen onSessionExpired={onSessionExpired} />;
    default: return <DashboardScreen onSessionExpired={onSessionExpired} />;
  }
}
