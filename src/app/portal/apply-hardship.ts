import { inTransaction } from '../../db/pool.ts';
import { addMonths, type LocalDate } from '../../domain/calendar.ts';
import { invalidInput, type Bilingual } from '../../domain/errors.ts';
import { longestPlan } from '../../domain/hardship/application.ts';
import { quotePlan, type PlanSchedule } from '../../domain/hardship/plan.ts';
import { checkEvidence } from '../../domain/portal/evidence.ts';
import { businessDate } from '../business-date.ts';
import type { AppContext } from '../context.ts';
import { submitHardshipApplication } from '../hardship/submit-application.ts';
import { ownAccount, recordAction } from './actions.ts';
import { packOf } from './overview.ts';

export const HARDSHIP_REASONS = ['unemployment', 'illness', 'disaster', 'business_failure', 'income_drop', 'other'] as const;
/** The plan lengths offered as quotes, cut at the longest plan the contract allows (the pack's maximum, or the contract's when less). */
const QUOTE_MONTHS = [6, 12, 24, 36, 48, 60];

export interface PlanQuote { months: number; firstDueDate: string; schedule: PlanSchedule }

/** Quotes on the account's whole balance, first instalment a month from today, no plan fee: what to ask for; the creditor decides. */
export function hardshipQuotes(account: { principal_now_fen: number; interest_now_fen: number; fees_now_fen: number; pack: string | null; terms: Record<string, unknown> | null },
  today: string): PlanQuote[] {
  const pack = packOf(account);
  const max = longestPlan(pack, account.terms).months;
  const firstDueDate = addMonths(today as LocalDate, 1);
  // On the balance as it stands now, as the application's own quote and a collector's are: a payment since the bank's statement is not owed twice.
  return QUOTE_MONTHS.filter((m) => m <= max).map((months) => ({ months, firstDueDate, schedule: quotePlan({ pack, principal_fen: account.principal_now_fen,
    interest_fen: account.interest_now_fen, fees_fen: account.fees_now_fen, months, first_due_date: firstDueDate }) }));
}

export interface HardshipInput {
  reason: string; statement: string; monthlyIncomeFen: number | null; monthlyEssentialsFen: number | null; months: number;
  evidence: { fileName: string; bytes: Buffer } | null;
}

/**
 * The debtor applies for a hardship plan (停息挂账/个性化分期) through the hardship use case
 * with the portal origin: the same application, evidence, `hardship_review` hold and creditor
 * inbox as the collector's flow. The portal adds its quote choices (up to the contract's longest plan), a
 * 5 MB limit on the upload (the form is public) and the reference number, recorded right after.
 */
/** What is wrong with the debtor's account of what happened, or null: a few words at least. */
export function statementProblem(statement: string): Bilingual | null {
  return statement.trim().length < 10
    ? { en: 'Tell us in a few words (at least 10 characters) what happened', zh: '请用几句话说明您的情况（至少10个字）', es: 'Cuéntenos en pocas palabras (al menos 10 caracteres) lo que pasó' }
    : null;
}

export async function applyForHardship(ctx: AppContext, debtorId: number, accountId: number, input: HardshipInput):
  Promise<{ reference: string; application_id: number; hold_id: number }> {
  const statement = input.statement.trim();
  const short = statementProblem(statement);
  if (short !== null) throw invalidInput(short, 'statement');
  const evidence = input.evidence ? checkEvidence(input.evidence.fileName, input.evidence.bytes) : null;
  const account = await ownAccount(ctx, ctx.pool, debtorId, accountId);
  const quotes = hardshipQuotes(account, businessDate(ctx));
  const quote = quotes.find((q) => q.months === input.months);
  if (!quote) {
    throw invalidInput({
      en: `months must be one of the offered plans (${quotes.map((q) => q.months).join(', ')})`,
      zh: `请从提供的分期方案中选择一个（${quotes.map((q) => q.months).join('、')}期）`,
      es: `Elija uno de los planes ofrecidos (${quotes.map((q) => q.months).join(', ')} meses)`,
    }, 'months');
  }
  const submitted = await submitHardshipApplication(ctx, { kind: 'debtor', debtorId, channel: 'portal' }, accountId, {
    reason: input.reason, statement, monthlyIncomeFen: input.monthlyIncomeFen, monthlyEssentialsFen: input.monthlyEssentialsFen,
    plan: { months: quote.months, firstDueDate: quote.firstDueDate },
    evidence: evidence && input.evidence ? [{ fileName: evidence.fileName, content: input.evidence.bytes }] : [],
  });
  const { reference } = await inTransaction(ctx.pool, (db) => recordAction(ctx, db, { debtorId, account, kind: 'hardship',
    summary: `${quote.months} months, ${quote.schedule.instalments[0]!.amount_fen} fen a month`,
    detail: { application_id: submitted.application_id, hold_id: submitted.hold_id, months: quote.months, reason: input.reason,
      evidence: submitted.evidence.map((e) => e.id) } }));
  return { reference, application_id: submitted.application_id, hold_id: submitted.hold_id };
}
