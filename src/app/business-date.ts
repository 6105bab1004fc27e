import { isLocalDate, localDateTimeIn } from '../domain/calendar.ts';
import { invalidInput } from '../domain/errors.ts';
import type { AppContext } from './context.ts';

/** Today's business date: the calendar date in the agency's zone. */
export function businessDate(ctx: AppContext): string {
  return localDateTimeIn(ctx.now().getTime(), ctx.agencyZone).date;
}

/**
 * Refuses to judge a day to come (`what`: the run, in each language): a run for tomorrow counts
 * promises, instalments and offers missed before they fall due, and no later payment mends that.
 */
export function refuseDayToCome(ctx: AppContext, date: string | undefined, what: { en: string; zh: string }): void {
  const today = businessDate(ctx);
  // Not a date at all: the command's own reading of it says so.
  if (date === undefined || !isLocalDate(date) || date <= today) return;
  throw invalidInput({
    en: `${what.en} cannot run for ${date}, a day to come (today is ${today}): what falls due meanwhile would be judged missed before its day`,
    zh: `不能为将来的日期 ${date} ${what.zh}（今天是 ${today}）：期间到期的款项会在到期前被判为未还`,
  }, 'date');
}
