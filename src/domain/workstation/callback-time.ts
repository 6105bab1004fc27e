/**
 * Callback times are asked for in the debtor's own zone ("call me at 19:30"); the instant is
 * found from the zone's rules. A wall-clock time that does not exist (clocks jump forward)
 * is refused rather than moved.
 */
import { isLocalDate, localDateTimeIn, startOfLocalDay, type LocalDate } from '../calendar.ts';
import { invalidInput } from '../errors.ts';

const LOCAL = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})$/;

export function instantOfLocalTime(text: string, zone: string): number {
  const m = LOCAL.exec(text.trim());
  if (!m || !isLocalDate(m[1]!)) throw invalidInput({ en: `"${text}" is not a local time YYYY-MM-DDTHH:MM`, zh: `“${text}”不是YYYY-MM-DDTHH:MM格式的当地时间` }, 'local_time');
  const date = m[1] as LocalDate;
  const hour = Number(m[2]);
  const minute = Number(m[3]);
  if (hour > 23 || minute > 59) throw invalidInput({ en: `"${text}" is not a time of day`, zh: `“${text}”不是有效的时刻` }, 'local_time');
  const wanted = hour * 60 + minute;
  let t = startOfLocalDay(date, zone) + wanted * 60_000;
  // One correction for a change of offset during the day (daylight saving time).
  const wall = localDateTimeIn(t, zone);
  const got = (wall.date === date ? 0 : wall.date > date ? 1440 : -1440) + wall.hour * 60 + wall.minute;
  t += (wanted - got) * 60_000;
  const check = localDateTimeIn(t, zone);
  if (check.date !== date || check.hour !== hour || check.minute !== minute) {
    throw invalidInput({ en: `${text} does not exist in ${zone} (the clocks skip it)`, zh: `${zone}时区不存在${text}这个时刻（时钟调整时跳过了它）` }, 'local_time');
  }
  return t;
}
