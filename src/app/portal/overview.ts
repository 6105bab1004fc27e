import {
  listActions, listActivePlans, listHardshipAnswers, listDebtorAccounts, listFinishedAccounts, listNoticeItemizations, listReturnedAccounts, listOpenPromises, listRecentCases, listRecentPayments,
  loadPreferences, type NoticeItemization, type PortalAccountRow, type PortalActionRow, type PortalCaseRow, type PortalFinishedRow, type PortalHardshipRow, type PortalPaymentRow, type PortalReturnedRow, type PreferencesRow,
} from '../../db/portal-repository.ts';
import { stoppingHoldKinds } from '../../db/holds-repository.ts';
import { balanceNow } from '../../domain/balance.ts';
import { isPackId, type PackId } from '../../domain/compliance/index.ts';
import { addDays, localDateTimeIn, type LocalDate } from '../../domain/calendar.ts';
import { daysPastDue } from '../../domain/delinquency.ts';
import { underNewYorkCityRules } from '../../domain/language.ts';
import { debtorTimeBarNotice, newYorkTimeBarNotice } from '../../domain/time-barred.ts';
import { clockMinutes } from '../../domain/portal/preferences.ts';
import { rightsFor, type RightsLine } from '../../domain/portal/rights.ts';
import { longestPlan } from '../../domain/hardship/application.ts';
import { businessDate } from '../business-date.ts';
import { contactStateFor } from '../compliance/contact-state.ts';
import { debtorZonesOf } from '../compliance/situation.ts';
import type { AppContext } from '../context.ts';

export interface PortalAccount extends PortalAccountRow {
  dpd: number; balance_fen: number; pack_id: PackId;
  /**
   * The kinds of the holds that stop collection on it today (stoppingHoldKinds: as the engine reads
   * them; never `vulnerable`, a note for staff the debtor is not shown). `collection_paused` may be
   * true without one: a suspension (区域停催) over its region or creditor.
   */
  holds: string[];
  /** Under a US contract, a debt too old to be sued on: what the debtor is told, in both languages (src/domain/time-barred.ts); null otherwise. */
  time_barred: { en: string; zh: string; es: string } | null;
  /** New York's notice on a debt that may be time-barred, shown where the debtor promises a payment (23 NYCRR 1.3(b)); null when it does not apply. */
  time_bar_notice: { en: string; zh: string; es: string } | null;
  /** The account's disputes and complaints open, or answered in the last CASES_SHOWN_DAYS days, newest first. */
  cases: PortalCaseRow[];
  /** The latest PAYMENTS_SHOWN payments on record (reversals as negative amounts), newest first. */
  payments: PortalPaymentRow[];
  /**
   * Under a US contract, what the validation notice itemized: the page shows the debt as the notice
   * told it (as of the charge-off or the bank's statement), not balance parts the bank's file may
   * not have split; null without a notice.
   */
  itemization: NoticeItemization | null;
  /** What the bank said of the debtor's hardship application: a question still open, or a refusal or lapse in the last CASES_SHOWN_DAYS days. */
  hardship_answer: PortalHardshipRow | null;
}

/** How many of an account's latest payments its page lists. */
export const PAYMENTS_SHOWN = 10;

/** How long an answered dispute or complaint stays on the debtor's page. */
export const CASES_SHOWN_DAYS = 90;

/** How long an account paid in full or settled stays on the debtor's page, after its last payment. */
export const FINISHED_SHOWN_DAYS = 180;

export interface PortalOverview {
  business_date: string;
  accounts: PortalAccount[];
  /** Accounts finished as paid in full or settled in the last FINISHED_SHOWN_DAYS days: nothing more is owed on them. */
  finished: Array<PortalFinishedRow & { cases: PortalCaseRow[] }>;
  /** Accounts returned to the bank (退案) in the last FINISHED_SHOWN_DAYS days: the agency no longer handles them. */
  returned: Array<PortalReturnedRow & { cases: PortalCaseRow[] }>;
  promises: Awaited<ReturnType<typeof listOpenPromises>>;
  plans: Awaited<ReturnType<typeof listActivePlans>>;
  rights: RightsLine[];
  /** The pack the page is written under: the first open account's, else of an account just finished or returned; CN with none. */
  pack_id: PackId;
  /** The packs of every account shown (open, finished, returned): whose contact details the debtor is given. */
  packs: PackId[];
  /** What the debtor did here, newest first; `created_on`: the debtor's day it was done (their earliest zone's; its reference number carries the agency's). */
  actions: Array<PortalActionRow & { created_on: string }>;
  preferences: PreferencesRow;
}

/** Everything the verified debtor sees: only rows of their own debtor id are ever read. */
export async function portalOverview(ctx: AppContext, debtorId: number): Promise<PortalOverview> {
  const today = businessDate(ctx);
  const rows = await listDebtorAccounts(ctx.pool, debtorId, today);
  const ids = rows.map((a) => a.id);
  const [promises, plans, holds, actions, preferences, cases, payments, finished, returned, itemizations, hardshipAnswers] = await Promise.all([
    listOpenPromises(ctx.pool, ids), listActivePlans(ctx.pool, ids), stoppingHoldKinds(ctx.pool, ids, today), listActions(ctx.pool, debtorId), loadPreferences(ctx.pool, debtorId),
    listRecentCases(ctx.pool, ids, addDays(today as LocalDate, -CASES_SHOWN_DAYS), ctx.agencyZone), listRecentPayments(ctx.pool, ids, PAYMENTS_SHOWN),
    listFinishedAccounts(ctx.pool, debtorId, addDays(today as LocalDate, -FINISHED_SHOWN_DAYS), ctx.agencyZone, today),
    listReturnedAccounts(ctx.pool, debtorId, addDays(today as LocalDate, -FINISHED_SHOWN_DAYS), today),
    listNoticeItemizations(ctx.pool, ids),
    listHardshipAnswers(ctx.pool, ids, addDays(today as LocalDate, -CASES_SHOWN_DAYS), ctx.agencyZone),
  ]);
  const accounts = rows.map((a) => ({
    ...a, pack_id: packOf(a), balance_fen: balanceNow({ stated_fen: a.principal_fen + a.interest_fen + a.fees_fen, paid_since_fen: a.paid_since_statement_fen, status: a.status }),
    dpd: Math.max(0, daysPastDue(a.first_delinquency_date as LocalDate, today as LocalDate)),
    holds: holds.filter((h) => h.account_id === a.id).map((h) => h.kind),
    time_barred: debtorTimeBarNotice(packOf(a), a.region_code, a.first_delinquency_date as LocalDate, today as LocalDate, a.creditor_name),
    time_bar_notice: newYorkTimeBarNotice(packOf(a), a.region_code, a.first_delinquency_date as LocalDate, today as LocalDate, a.creditor_name),
    cases: cases.filter((c) => c.account_id === a.id),
    payments: payments.filter((p) => p.account_id === a.id),
    itemization: itemizations.find((n) => n.account_id === a.id) ?? null,
    hardship_answer: hardshipAnswers.find((h) => h.account_id === a.id) ?? null,
  }));
  // How the agency handled an account is open to complaint after it is finished or returned: its complaints are shown with it.
  const closedCases = await listRecentCases(ctx.pool, [...finished, ...returned].map((a) => a.id), addDays(today as LocalDate, -CASES_SHOWN_DAYS), ctx.agencyZone);
  const withCases = <T extends { id: number }>(a: T) => ({ ...a, cases: closedCases.filter((c) => c.account_id === a.id) });
  const first = accounts[0];
  // Dated as the debtor's own calendar has it (their zones: the day before in New York for a morning in Shanghai), as the promise form's "today" is.
  const zones = first ? debtorZonesOf(await contactStateFor(ctx, ctx.pool, first.id, ctx.now())) : [ctx.agencyZone];
  const dated = actions.map((x) => ({ ...x, created_on: zones.map((zone) => localDateTimeIn(x.created_at.getTime(), zone).date).sort()[0]! }));
  // With nothing open, the accounts just paid off, settled or returned say whose details and rules the debtor is given.
  const packs = [...new Set([...accounts.map((a) => a.pack_id), ...finished.map(packOf), ...returned.map(packOf)])];
  const pack = first?.pack_id ?? packs[0] ?? 'CN';
  return { business_date: today, accounts, finished: finished.map(withCases), returned: returned.map(withCases), promises, plans, actions: dated, preferences, pack_id: pack, packs,
    rights: first ? rightsFor(first.pack_id, rightsParams(accounts, first), first.region_code) : rightsFor(pack, {}) };
}

/**
 * Whether the debtor says in the portal which of their numbers may be texted: one with an account
 * under New York City's rules (a US contract, the account in New York or of unknown state), where
 * no text goes without their agreement (US.nyc_electronic_consent). Elsewhere a number they left
 * unticked would still be texted, so the portal does not ask.
 */
export function asksTextConsent(o: Pick<PortalOverview, 'accounts'>): boolean {
  return o.accounts.some((a) => underNewYorkCityRules(a.pack_id, a.region_code));
}

export function packOf(a: { pack: string | null }): PackId {
  return a.pack !== null && isPackId(a.pack) ? a.pack : 'CN';
}

/** A contract's compliance overrides as numbers ("HH:MM" times as minutes after midnight). */
export function packParams(compliance: Record<string, unknown> | null): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [rule, params] of Object.entries(compliance ?? {})) {
    if (typeof params !== 'object' || params === null) continue;
    const values: Record<string, number> = {};
    for (const [name, v] of Object.entries(params)) {
      const n = typeof v === 'number' ? v : typeof v === 'string' ? clockMinutes(v) : null;
      if (n !== null) values[name] = n;
    }
    out[rule] = values;
  }
  return out;
}

/**
 * The parameters the rights list is written from: the first account's contract's, and the longest
 * plan its hardship page offers as the debtor's banks allow it (the longest over their accounts
 * under that pack: each contract's own limit when less than the rules', longestPlan), so the
 * list never promises 60 months where every bank stops at 48.
 */
function rightsParams(accounts: ReadonlyArray<{ pack_id: PackId; terms: Record<string, unknown> | null }>, first: { pack_id: PackId; compliance: Record<string, unknown> | null }):
  Record<string, Record<string, number>> {
  const params = packParams(first.compliance);
  try {
    const longest = Math.max(...accounts.filter((a) => a.pack_id === first.pack_id).map((a) => longestPlan(a.pack_id, a.terms).months));
    return { ...params, instalment_max: { ...params.instalment_max, months: longest } };
  } catch {
    return params;   // a contract whose plan limit is not a number (its admin is told where plans are quoted): the rules' limit
  }
}

/** The pack's legal calling window for the debtor's first account, in minutes. */
export function callingWindow(overview: Pick<PortalOverview, 'accounts'>): { start: number; end: number } {
  const first = overview.accounts[0];
  const params = first ? packParams(first.compliance) : {};
  return { start: params.hours?.start ?? 480, end: params.hours?.end ?? 1260 };
}
