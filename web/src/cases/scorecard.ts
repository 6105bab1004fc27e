import { useLoad } from '../supervisor/useLoad.ts';
import { fetchScorecard } from './api.ts';

/** Upheld (and open) complaints per collector, for the workload screen's scorecard column. */
export function useComplaintScorecard(onSessionExpired: () => void): Map<number, { upheld: number; open: number }> {
  const { state } = useLoad((signal) => fetchScorecard(signal), onSessionExpired);
  return new Map(state.kind === 'ready' ? state.data.items.map((r) => [r.collector_id, r]) : []);
}
