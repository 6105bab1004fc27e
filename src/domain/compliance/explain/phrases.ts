import type { Channel, EpochDay, Flag, Instant } from '../types.ts';
import type { ZoneClock } from '../time/zone.ts';
import { formatClock, formatLocalDate } from '../time/civil.ts';
import { NEVER } from '../rules/rule.ts';
import type { Explanation } from '../rules/rule.ts';

/** Building blocks of the collector-facing sentences, in English and simplified Chinese. */

export function clockAt(zone: ZoneClock, t: Instant): string {
  return formatClock(zone.localMs(t));
}

export function dateText(day: EpochDay): string {
  return formatLocalDate(day);
}

/** "08:00 tomorrow" / "明天08:00", relative to the local date of `at`. */
export function whenText(zone: ZoneClock, at: Instant, until: Instant): Explanation {
  if (until === NEVER) return { en: 'no time is allowed', zh: '没有可联系的时间' };
  const clock = clockAt(zone, until);
  const days = zone.localDay(until) - zone.localDay(at);
  if (days === 0) return { en: `${clock} today`, zh: `今天${clock}` };
  if (days === 1) return { en: `${clock} tomorrow`, zh: `明天${clock}` };
  const date = dateText(zone.localDay(until));
  return { en: `${clock} on ${date}`, zh: `${date} ${clock}` };
}

/** "tomorrow (2026-03-03)" / "明天（2026-03-03）" for rules that clear at a day boundary. */
export function dayText(zone: ZoneClock, at: Instant, until: Instant): Explanation {
  if (until === NEVER) return { en: 'never', zh: '无' };
  const day = zone.localDay(until);
  const date = dateText(day);
  const days = day - zone.localDay(at);
  if (days === 0) return { en: `today (${date})`, zh: `今天（${date}）` };
  if (days === 1) return { en: `tomorrow (${date})`, zh: `明天（${date}）` };
  return { en: date, zh: date };
}

/** The sentence tail shared by time-limited blocks. */
export function allowedAgain(zone: ZoneClock, at: Instant, until: Instant): Explanation {
  const day = dayText(zone, at, until);
  return { en: `allowed again from ${day.en}`, zh: `${day.zh}起可再次联系` };
}

export const CHANNEL_NAMES: Readonly<Record<Channel, Explanation>> = {
  call: { en: 'calls', zh: '电话' },
  sms: { en: 'SMS', zh: '短信' },
  email: { en: 'email', zh: '电子邮件' },
  letter: { en: 'letters', zh: '信函' },
  visit: { en: 'visits', zh: '上门' },
};

export const FLAG_NAMES: Readonly<Record<Flag, Explanation>> = {
  cease: { en: 'cease request', zh: '要求停止联系' },
  dispute: { en: 'dispute', zh: '债务异议' },
  deceased: { en: 'deceased', zh: '债务人已故' },
  bankrupt: { en: 'bankruptcy', zh: '破产' },
  attorney: { en: 'represented by an attorney', zh: '已委托律师' },
  capacity: { en: 'capacity in doubt', zh: '民事行为能力存疑' },
  complaint_review: { en: 'complaint under review', zh: '投诉处理中' },
  hardship_review: { en: 'hardship application under review', zh: '困难申请审核中' },
  breathing_space: { en: 'breathing space', zh: '债务喘息期' },
  mental_health_crisis: { en: 'mental health crisis breathing space', zh: '心理健康危机喘息期' },
  plan_pending: { en: 'arranging a plan with an adviser', zh: '正与顾问制定还款计划' },
  plan_pending_extended: { en: 'plan arrangement extended', zh: '还款计划安排已延期' },
  vulnerable: { en: 'vulnerable', zh: '弱势客户' },
  statute_barred: { en: 'the customer says the debt is statute-barred', zh: '客户称债务已过诉讼时效' },
};

export function joinEn(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return items.slice(0, -1).join(', ') + ' and ' + items[items.length - 1];
}

export function joinZh(items: readonly string[]): string {
  return items.join('、');
}
