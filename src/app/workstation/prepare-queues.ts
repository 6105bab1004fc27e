import { rebuildQueueIfStale, staleQueueCollectors } from '../../db/workstation-repository.ts';
import type { AppContext } from '../context.ts';

/**
 * Builds every stale queue of an active collector now instead of on their first request of
 * the day: the nightly job runs it after the strategy run (which marks every queue stale), so
 * the morning's first "next account" reads a queue that is ready. One collector at a time, each
 * in its own short transaction (the same build a request would do).
 */
export async function prepareQueues(ctx: AppContext): Promise<{ collectors: number; seconds: number }> {
  const started = performance.now();
  let built = 0;
  for (const collectorId of await staleQueueCollectors(ctx.pool)) {
    if (await rebuildQueueIfStale(ctx.pool, collectorId, ctx.now())) built++;
  }
  return { collectors: built, seconds: Math.round(performance.now() - started) / 1000 };
}
