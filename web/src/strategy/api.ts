import { postForPdf, type PrintedPdf } from '../lib/printed-pdf.ts';
import type { Locale } from '../lib/types.ts';
import { request } from '../workstation/request.ts';

/** The next actions a strategy run can choose, in the order the screen lists them. */
export const NEXT_ACTIONS = ['call', 'sms', 'letter', 'wait', 'skip_trace', 'hold'] as const;
export type NextAction = (typeof NEXT_ACTIONS)[number];

/** Accounts counted per next action (or per segment); a key without accounts may be missing. */
export type Counts = Record<string, number | undefined>;

export interface ScheduledVersion { version: number; effective_from: string }

/** One creditor's row of GET /api/strategy. */
export interface CreditorStrategy {
  code: string;
  name: string;
  /** Its name in English; null: it has none. */
  name_en: string | null;
  /** The version in force today; 0 = the built-in defaults. */
  version: number;
  effective_from: string | null;
  /** Saved versions that start after today. */
  scheduled: ScheduledVersion[];
  /** Accounts with results on the overview's latest_date. */
  accounts: number;
  by_action: Counts;
}

/** One strategy run (the nightly job, an admin's "run now", the command line). */
export interface StrategyRun {
  date: string;
  /** ISO time the run started. */
  at: string;
  actor: string;
  accounts: number;
  changed: number;
  promises: { kept: number; partially_kept: number; broken: number };
  /** Null while the reminders are being judged, or when the run stopped before. */
  sms: { queued: number; emailed: number; blocked: number; blocked_by_rule: Counts } | null;
}

export interface StrategyOverview {
  today: string;
  /** The latest business date with results; null before the first run. */
  latest_date: string | null;
  creditors: CreditorStrategy[];
  /** Newest first, at most 14. */
  runs: StrategyRun[];
}

/**
 * A rule set in its JSON form (docs/strategy.md, "Rules are data"). Loosely typed: it is what the
 * admin writes and the server checks, and the screen renders whatever it is given.
 */
export type RulesJson = Record<string, unknown>;

export interface RulesVersion { version: number; effective_from: string; created_at: string; created_by: string | null }

export interface CreditorRules {
  creditor: string;
  name: string;
  /** Its name in English; null: it has none. */
  name_en: string | null;
  /** Today, the business date the version in force was chosen for. */
  date: string;
  in_force: { version: number; effective_from: string | null; rules: RulesJson };
  /** Newest first; empty when the creditor never had rules of its own. */
  versions: RulesVersion[];
  defaults: RulesJson;
}

export interface StrategyPreview {
  date: string;
  accounts: number;
  current: { version: number; by_action: Counts; by_segment: Counts };
  proposed: { by_action: Counts; by_segment: Counts };
}

export interface SavedRules { creditor: string; version: number; effective_from: string }

export interface RunResult {
  summary: {
    date: string; accounts: number; changed: number;
    promises_kept: number; promises_partial: number; promises_broken: number;
    sms_queued: number; email_queued: number; sms_blocked: number; seconds: number;
  };
  sms_blocked_by_rule: Counts;
}

const rulesPath = (code: string) => `/api/strategy/rules/${encodeURIComponent(code)}`;

export const fetchStrategy = (signal?: AbortSignal) => request<StrategyOverview>('GET', '/api/strategy', undefined, signal);
export const fetchRules = (code: string, signal?: AbortSignal) => request<CreditorRules>('GET', rulesPath(code), undefined, signal);
export const previewRules = (code: string, rules: unknown) => request<StrategyPreview>('POST', `${rulesPath(code)}/preview`, { rules });
export const saveRules = (code: string, effectiveFrom: string, rules: unknown) =>
  request<SavedRules>('POST', rulesPath(code), { effective_from: effectiveFrom, rules });
export const runStrategy = () => request<RunResult>('POST', '/api/strategy/run', {});

/** What POST /api/letters/print made: the PDF and what went in or was left out. */
export type PrintedLetters = PrintedPdf;

/** Today's collection letters for a creditor, as one PDF (admins). */
export function printLetters(creditor: string, locale: Locale): Promise<PrintedLetters> {
  return postForPdf('/api/letters/print', { creditor, locale }, 'x-letters', `letters-${creditor}.pdf`);
}
