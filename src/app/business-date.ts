import { localDateTimeIn } from '../domain/calendar.ts';
import type { AppContext } from './context.ts';

/** Today's business date: the calendar date in the agency's zone. */
export function businessDate(ctx: AppContext): string {
  return localDateTimeIn(ctx.now().getTime(), ctx.agencyZone).date;
}
