import { countAttempt } from '../../db/portal-repository.ts';
import type { Queryable } from '../../db/pool.ts';
import { RATE_LIMITS, RATE_WINDOW_MINUTES } from '../../domain/portal/access.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppContext } from '../context.ts';

/** Counts one request of `kind` from the client (by keyed hash of its address) and refuses past the limit. */
export async function rateLimit(ctx: AppContext, db: Queryable, client: string, kind: keyof typeof RATE_LIMITS): Promise<void> {
  const now = ctx.now();
  const count = await countAttempt(db, ctx.cipher.matchHash(`portal:${client}`), kind, now, new Date(now.getTime() - RATE_WINDOW_MINUTES * 60_000));
  if (count > RATE_LIMITS[kind]) {
    throw new AppError('RATE_LIMITED', { en: `Too many attempts from this connection; try again in ${RATE_WINDOW_MINUTES} minutes`, zh: `尝试次数过多，请${RATE_WINDOW_MINUTES}分钟后再试` },
      { details: { retry_after_seconds: RATE_WINDOW_MINUTES * 60 } });
  }
}
