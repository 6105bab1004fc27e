/**
 * Each feature keeps its own messages beside its screens (web/src/<feature>/messages.*.json)
 * and lists them here, one line each, so features never edit the same JSON file.
 */
import { auditMessages } from '../audit/messages.ts';
import { casesMessages } from '../cases/messages.ts';
import { complianceMessages } from '../compliance/messages.ts';
import { creditorsMessages } from '../creditors/messages.ts';
import { hardshipMessages } from '../hardship/messages.ts';
import { importsMessages } from '../imports/messages.ts';
import { moneyMessages } from '../money/messages.ts';
import { noticesMessages } from '../notices/messages.ts';
import { outboxMessages } from '../outbox/messages.ts';
import { portalMessages } from '../portal/messages.ts';
import { qualityMessages } from '../quality/messages.ts';
import { reportsMessages } from '../reports/messages.ts';
import { strategyMessages } from '../strategy/messages.ts';
import { usersMessages } from '../users/messages.ts';

export interface FeatureMessages { en: Record<string, unknown>; 'zh-CN': Record<string, unknown> }

export const FEATURE_MESSAGES: FeatureMessages[] = [
  auditMessages,
  casesMessages,
  complianceMessages,
  creditorsMessages,
  hardshipMessages,
  importsMessages,
  moneyMessages,
  noticesMessages,
  outboxMessages,
  portalMessages,
  qualityMessages,
  reportsMessages,
  strategyMessages,
  usersMessages,
];

/** Deep-merges feature messages into the shared ones; a key defined twice is a mistake. */
export function mergeMessages(base: Record<string, unknown>, extra: Record<string, unknown>, at = ''): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const existing = out[key];
    if (isObject(existing) && isObject(value)) out[key] = mergeMessages(existing, value, `${at}${key}.`);
    else if (existing !== undefined) throw new Error(`Message key ${at}${key} is defined twice`);
    else out[key] = value;
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
