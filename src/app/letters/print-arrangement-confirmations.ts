import { appendAudit } from '../../db/audit-repository.ts';
import {
  arrangementCandidates, markArrangementConfirmed, markStatementSent, statementCandidates, unconfirmedArrangements, type ArrangementCandidate, type StatementCandidate, type StoredTerms,
} from '../../db/arrangements-repository.ts';
import { insertContactAttempt } from '../../db/contact-state-repository.ts';
import { inTransaction, type PoolClient } from '../../db/pool.ts';
import { parseLocalDate, type LocalDate } from '../../domain/calendar.ts';
import type { Bilingual } from '../../domain/errors.ts';
import {
  ARRANGEMENT_ZONE, arrangementConfirmation, arrangementConfirmationEs, arrangementStatement, arrangementStatementEs, confirmationDueBy, needsArrangementConfirmation,
  statementDueOn,
  type ArrangementTerms,
} from '../../domain/letters/arrangement-confirmation.ts';
import { withSpanish, type Letter } from '../../domain/letters/letter.ts';
import { fen } from '../../domain/money.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { judgeLetters, lettersPdf, type PrintedLetters } from './print-letters.ts';
import { usLetterCreditor } from './print-validation-notices.ts';
import { creditorNameFor } from '../../domain/creditor-name.ts';

/** The stored terms in the letter's terms. */
function termsOf(kind: ArrangementCandidate['kind'], t: StoredTerms): ArrangementTerms {
  const schedule = (items: Array<{ due_date: string; amount_fen: number }>) => items.map((i) => ({ dueDate: parseLocalDate(i.due_date), amount: fen(Number(i.amount_fen)) }));
  if (kind === 'promise' && 'amount_fen' in t) return { kind, amount: fen(Number(t.amount_fen)), dueDate: parseLocalDate(t.due_date) };
  if (kind === 'settlement' && 'settle_fen' in t) return { kind, settle: fen(Number(t.settle_fen)), balance: fen(Number(t.balance_fen)), schedule: schedule(t.schedule) };
  if (kind === 'plan' && 'schedule' in t) return { kind, schedule: schedule(t.schedule) };
  throw new Error(`arrangement terms of a ${kind} not as stored: ${JSON.stringify(t)}`);
}

/**
 * Under a US contract: the arrangements of New York debtors (or of unknown state) not yet
 * confirmed in writing, and how many of them are past the five days (23 NYCRR 1.5(b)).
 */
export async function confirmationsDue(ctx: AppContext, creditorId: number): Promise<{ due: number; late: number }> {
  const today = parseLocalDate(businessDate(ctx));
  const rows = (await unconfirmedArrangements(ctx.pool, creditorId, ARRANGEMENT_ZONE)).filter((r) => needsArrangementConfirmation('US', r.region_code));
  const late = rows.filter((r) => confirmationDueBy(parseLocalDate(r.agreed_on)) < today).length;
  return { due: rows.length, late };
}

/** A row either of New York's arrangement letter runs prints from. */
type RunCandidate = { kind: string; ref_id: number; account_id: number; debtor_id: number; point_id: number | null; address_enc: Buffer | null; already: boolean };

/** What differs between New York's two arrangement letter runs; the rest is printArrangementLetters. */
interface ArrangementRun<C extends RunCandidate> {
  /** Refused for a creditor not under a US contract. */
  refusal: (code: string) => Bilingual;
  /** The candidates whose letter goes on `date` (and those that went on it: a reprint). */
  candidates: (creditorId: number, date: LocalDate) => Promise<C[]>;
  /** The letter in English (its Spanish one follows for a debtor who reads Spanish). */
  letters: (c: C, common: { agency: Awaited<ReturnType<typeof usLetterCreditor>>['agency']; creditorName: string; repayment: string | null; date: LocalDate;
    address: string }) => Letter[];
  /** The contact's note, and how the letter is marked sent. */
  note: (c: C) => string;
  mark: (client: PoolClient, row: { creditorId: number; kind: string; refId: number; accountId: number; sentOn: string; sentBy: number | null }) => Promise<void>;
  action: string;
  fileStem: string;
}

/**
 * A run of New York's arrangement letters of a US creditor, as one PDF to post: each candidate's
 * letter to the debtor's own address as the engine allows a notice by letter, recorded as the
 * account's contact (letter, notice, sent) and marked sent; a reprint the same day records nothing
 * more; audited (`action`).
 */
async function printArrangementLetters<C extends RunCandidate>(ctx: AppContext, actor: Actor, input: { creditor: string }, run: ArrangementRun<C>): Promise<PrintedLetters> {
  authorize(actor, 'letters.print');
  const { creditor, date, agency } = await usLetterCreditor(ctx, input.creditor, run.refusal);
  const now = ctx.now();
  const going: Array<{ candidate: C; letters: Letter[] }> = [];
  let already = 0;
  const refused = await judgeLetters(ctx, await run.candidates(creditor.id, date), 'notice', async (client, c, decision) => {
    going.push({ candidate: c, letters: run.letters(c, { agency, creditorName: creditorNameFor(true, creditor), repayment: creditor.repayment_en ?? null, date,
      address: ctx.cipher.decrypt(c.address_enc!) }) });
    if (c.already) { already++; return; }
    // Sent by the agency, as its reminders are (系统自动 in the contact log and the bank's file): the letter run is
    // not a collector's contact; who printed it is in the audit row.
    await insertContactAttempt(client, { creditorId: creditor.id, accountId: c.account_id, debtorId: c.debtor_id, contactPointId: c.point_id,
      channel: 'letter', party: 'debtor', purpose: 'notice', outcome: 'sent', initiatedBy: 'agency', at: now, collectorId: null,
      note: run.note(c), recordingRef: null, decision });
    await run.mark(client, { creditorId: creditor.id, kind: c.kind, refId: c.ref_id, accountId: c.account_id, sentOn: date, sentBy: actor.userId });
  });
  await inTransaction(ctx.pool, (client) => appendAudit(client, actor, { action: run.action, entity: 'creditor', entityId: creditor.id,
    creditorId: creditor.id, detail: { date, printed: going.length, already, refused,
      arrangements: going.slice(0, 1000).map((g) => `${g.candidate.kind}:${g.candidate.ref_id}`) } }));
  if (going.length === 0) return { date, printed: 0, already, refused, file: null };
  return { date, printed: going.length, already, refused,
    file: { fileName: `${run.fileStem}-${creditor.code}-${date}.pdf`, body: await lettersPdf(going.flatMap((g) => g.letters), `${creditor.code} ${date}`, 'LETTER') } };
}

/**
 * The written confirmations of payment arrangements (还款安排确认函) of a US creditor's New York
 * debtors, as one PDF to post (docs/cases.md, "New York: arrangements confirmed in writing"): for
 * each open promise, approved settlement and active instalment plan of a debtor in New York (or of
 * unknown state) not yet confirmed, a letter with every term agreed and the notice of the income a
 * judgment may not take (23 NYCRR 1.5(b)), to the debtor's own address, as the engine allows a
 * notice by letter. Each is recorded as the account's contact (letter, notice, sent) and marked
 * confirmed; printing again the same day gives the same letters and records nothing more.
 */
export function printArrangementConfirmations(ctx: AppContext, actor: Actor, input: { creditor: string }): Promise<PrintedLetters> {
  return printArrangementLetters<ArrangementCandidate>(ctx, actor, input, {
    refusal: (code) => ({
      en: `Arrangement confirmations are for New York debtors under a US contract; ${code}'s contract is not one`,
      zh: `还款安排确认函仅适用于美国合同下的纽约债务人；${code}的合同不是美国合同`,
    }),
    candidates: async (creditorId, date) => (await arrangementCandidates(ctx.pool, { creditorId, date, zone: ARRANGEMENT_ZONE }))
      .filter((c) => needsArrangementConfirmation('US', c.region_code)),
    // The English letter, and the Spanish one after it for a debtor who reads Spanish.
    letters: (c, k) => withSpanish(arrangementConfirmation, arrangementConfirmationEs, { agency: k.agency, debtorName: c.debtor_name, address: k.address,
      creditorName: k.creditorName, accountNoMask: c.account_no_mask, agreedOn: parseLocalDate(c.agreed_on), sentOn: k.date,
      terms: termsOf(c.kind, c.terms), repayment: k.repayment, regionCode: c.region_code }, c.language),
    note: (c) => `confirmation of ${c.kind} ${c.ref_id} (agreed ${c.agreed_on})`,
    mark: markArrangementConfirmed,
    action: 'arrangement_confirmations.print',
    fileStem: 'arrangement-confirmations',
  });
}

/** The arrangements whose statement is due on `date`: three months after the confirmation or the last statement (a reprint the same day too). */
function statementsGoing(candidates: readonly StatementCandidate[], date: LocalDate): StatementCandidate[] {
  return candidates.filter((c) => needsArrangementConfirmation('US', c.region_code)
    && (c.already || statementDueOn(parseLocalDate(c.last_statement_on ?? c.confirmed_on)) <= date));
}

/** Under a US contract: the statements of New York debtors' schedules due today and not yet mailed. */
export async function statementsDue(ctx: AppContext, creditorId: number): Promise<number> {
  const date = businessDate(ctx);
  return statementsGoing(await statementCandidates(ctx.pool, { creditorId, date, zone: ARRANGEMENT_ZONE }), parseLocalDate(date)).filter((c) => !c.already).length;
}

/**
 * The statements of a US creditor's New York debtors who pay under a schedule (a settlement in
 * instalments, an instalment plan), as one PDF to post: at least every three months after the
 * arrangement was confirmed in writing (23 NYCRR 1.5(b)), what was agreed, what was paid since,
 * what is left and the payments to come. Judged, recorded and audited as the confirmations are
 * (`arrangement_statements.print`); a reprint the same day records nothing more.
 */
export function printArrangementStatements(ctx: AppContext, actor: Actor, input: { creditor: string }): Promise<PrintedLetters> {
  return printArrangementLetters<StatementCandidate>(ctx, actor, input, {
    refusal: (code) => ({
      en: `Arrangement statements are for New York debtors under a US contract; ${code}'s contract is not one`,
      zh: `还款安排对账单仅适用于美国合同下的纽约债务人；${code}的合同不是美国合同`,
    }),
    candidates: async (creditorId, date) => statementsGoing(await statementCandidates(ctx.pool, { creditorId, date, zone: ARRANGEMENT_ZONE }), date),
    letters: (c, k) => withSpanish(arrangementStatement, arrangementStatementEs, { agency: k.agency, debtorName: c.debtor_name, address: k.address,
      creditorName: k.creditorName, accountNoMask: c.account_no_mask, kind: c.kind, agreedOn: parseLocalDate(c.agreed_on),
      agreed: fen(Number(c.agreed_fen)), paid: fen(Number(c.paid_fen)),
      upcoming: c.schedule.filter((i) => i.due_date >= k.date).map((i) => ({ dueDate: parseLocalDate(i.due_date), amount: fen(Number(i.amount_fen)) })),
      sentOn: k.date, repayment: k.repayment, regionCode: c.region_code }, c.language),
    note: (c) => `statement of ${c.kind} ${c.ref_id}`,
    mark: markStatementSent,
    action: 'arrangement_statements.print',
    fileStem: 'arrangement-statements',
  });
}
