import { languageAccessCounts, type LanguageLine } from '../../db/reports-repository.ts';
import type { Actor, AppContext } from '../context.ts';
import { period, readerSlice, type ReportOptions } from './slice.ts';

export interface LanguageAccessReport {
  creditor: string | null; from: string; to: string; as_of: 'live';
  /** By language (ISO 639-1; null: a call or visit whose language was not recorded), English first. */
  languages: LanguageLine[];
  /** Accounts collected on, and employees who collected, in a language other than English (each counted once). */
  other_than_english: { accounts: number; employees: number };
}

/**
 * New York City's language access report (6 RCNY 2-193, U): for creditors under a US contract,
 * the accounts on which employees collected or tried to collect in each language over the period
 * (a year, for the Department), and the employees who did. Calls and visits count in the language
 * the collector recorded (`language` on the contact); texts, e-mails and letters in the one the
 * product writes the debtor in. See languageAccessCounts.
 */
export async function languageAccessReport(ctx: AppContext, actor: Actor, options: ReportOptions & { from?: string; to?: string }): Promise<LanguageAccessReport> {
  const p = period(ctx, options.from, options.to);
  const reader = await readerSlice(ctx, ctx.pool, actor, options);
  const counts = await languageAccessCounts(ctx.pool, { creditorId: reader.creditorId, collectorIds: reader.collectorIds, ...p });
  return { creditor: reader.creditorCode, from: p.from, to: p.to, as_of: 'live', languages: counts.lines, other_than_english: counts.otherThanEnglish };
}
