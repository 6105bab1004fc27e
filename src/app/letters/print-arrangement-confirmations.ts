import { appendAudit } from '../../db/audit-repository.ts';
import {
  arrangementCandidates, markArrangementConfirmed, markStatementSent, statementCandidates, unconfirmedArrangements, type ArrangementCandidate, type StatementCandidate, type StoredTerms,
} from '../../db/arrangements-repository.ts';
import { insertContactAttempt } from '../../db/contact-state-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { parseLocalDate, type LocalDate } from '../../domain/calendar.ts';
import {
  arrangementConfirmation, arrangementConfirmationEs, arrangementStatement, arrangementStatementEs, confirmationDueBy, needsArrangementConfirmation, statementDueOn,
  type ArrangementTerms,
} from '../../domain/letters/arrangement-confirmation.ts';
import { withSpanish, type Letter } from '../../domain/letters/letter.ts';
import { fen } from '../../domain/money.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { judgeLetters, lettersPdf, type PrintedLetters } from './print-letters.ts';
import { usLetterCreditor } from './print-validation-notices.ts';

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
  const rows = (await unconfirmedArrangements(ctx.pool, creditorId, ctx.agencyZone)).filter((r) => needsArrangementConfirmation('US', r.region_code));
  const late = rows.filter((r) => confirmationDueBy(parseLocalDate(r.agreed_on)) < today).length;
  return { due: rows.length, late };
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
export async function printArrangementConfirmations(ctx: AppContext, actor: Actor, input: { creditor: string }): Promise<PrintedLetters> {
  authorize(actor, 'letters.print');
  const { creditor, date, agency } = await usLetterCreditor(ctx, input.creditor, (code) => ({
    en: `Arrangement confirmations are for New York debtors under a US contract; ${code}'s contract is not one`,
    zh: `还款安排确认函仅适用于美国合同下的纽约债务人；${code}的合同不是美国合同`,
  }));
  const now = ctx.now();
  const candidates = (await arrangementCandidates(ctx.pool, { creditorId: creditor.id, date, zone: ctx.agencyZone }))
    .filter((c) => needsArrangementConfirmation('US', c.region_code));
  const going: Array<{ candidate: ArrangementCandidate; letters: Letter[] }> = [];
  let already = 0;
  const refused = await judgeLetters(ctx, candidates, 'notice', async (client, c, decision) => {
    // The English letter, and the Spanish one after it for a debtor who reads Spanish.
    going.push({ candidate: c, letters: withSpanish(arrangementConfirmation, arrangementConfirmationEs, { agency, debtorName: c.debtor_name,
      address: ctx.cipher.decrypt(c.address_enc!), creditorName: creditor.name, accountNoMask: c.account_no_mask, agreedOn: parseLocalDate(c.agreed_on), sentOn: date,
      terms: termsOf(c.kind, c.terms), repayment: creditor.repayment_en ?? null, regionCode: c.region_code }, c.language) });
    if (c.already) { already++; return; }
    await insertContactAttempt(client, { creditorId: creditor.id, accountId: c.account_id, debtorId: c.debtor_id, contactPointId: c.point_id,
      channel: 'letter', party: 'debtor', purpose: 'notice', outcome: 'sent', initiatedBy: 'agency', at: now, collectorId: actor.userId,
      note: `confirmation of ${c.kind} ${c.ref_id} (agreed ${c.agreed_on})`, recordingRef: null, decision });
    await markArrangementConfirmed(client, { creditorId: creditor.id, kind: c.kind, refId: c.ref_id, accountId: c.account_id, sentOn: date, sentBy: actor.userId });
  });
  await inTransaction(ctx.pool, (client) => appendAudit(client, actor, { action: 'arrangement_confirmations.print', entity: 'creditor', entityId: creditor.id,
    creditorId: creditor.id, detail: { date, printed: going.length, already, refused,
      arrangements: going.slice(0, 1000).map((g) => `${g.candidate.kind}:${g.candidate.ref_id}`) } }));
  if (going.length === 0) return { date, printed: 0, already, refused, file: null };
  return { date, printed: going.length, already, refused,
    file: { fileName: `arrangement-confirmations-${creditor.code}-${date}.pdf`, body: await lettersPdf(going.flatMap((g) => g.letters), `${creditor.code} ${date}`, 'LETTER') } };
}

/** The arrangements whose statement is due on `date`: three months after the confirmation or the last statement (a reprint the same day too). */
function statementsGoing(candidates: readonly StatementCandidate[], date: LocalDate): StatementCandidate[] {
  return candidates.filter((c) => needsArrangementConfirmation('US', c.region_code)
    && (c.already || statementDueOn(parseLocalDate(c.last_statement_on ?? c.confirmed_on)) <= date));
}

/** Under a US contract: the statements of New York debtors' schedules due today and not yet mailed. */
export async function statementsDue(ctx: AppContext, creditorId: number): Promise<number> {
  const date = businessDate(ctx);
  return statementsGoing(await statementCandidates(ctx.pool, { creditorId, date, zone: ctx.agencyZone }), parseLocalDate(date)).filter((c) => !c.already).length;
}

/**
 * The statements of a US creditor's New York debtors who pay under a schedule (a settlement in
 * instalments, an instalment plan), as one PDF to post: at least every three months after the
 * arrangement was confirmed in writing (23 NYCRR 1.5(b)), what was agreed, what was paid since,
 * what is left and the payments to come. Judged, recorded and audited as the confirmations are
 * (`arrangement_statements.print`); a reprint the same day records nothing more.
 */
export async function printArrangementStatements(ctx: AppContext, actor: Actor, input: { creditor: string }): Promise<PrintedLetters> {
  authorize(actor, 'letters.print');
  const { creditor, date, agency } = await usLetterCreditor(ctx, input.creditor, (code) => ({
    en: `Arrangement statements are for New York debtors under a US contract; ${code}'s contract is not one`,
    zh: `还款安排对账单仅适用于美国合同下的纽约债务人；${code}的合同不是美国合同`,
  }));
  const now = ctx.now();
  const candidates = statementsGoing(await statementCandidates(ctx.pool, { creditorId: creditor.id, date, zone: ctx.agencyZone }), date);
  const going: Array<{ candidate: StatementCandidate; letters: Letter[] }> = [];
  let already = 0;
  const refused = await judgeLetters(ctx, candidates, 'notice', async (client, c, decision) => {
    going.push({ candidate: c, letters: withSpanish(arrangementStatement, arrangementStatementEs, { agency, debtorName: c.debtor_name, address: ctx.cipher.decrypt(c.address_enc!),
      creditorName: creditor.name, accountNoMask: c.account_no_mask, kind: c.kind, agreedOn: parseLocalDate(c.agreed_on),
      agreed: fen(Number(c.agreed_fen)), paid: fen(Number(c.paid_fen)),
      upcoming: c.schedule.filter((i) => i.due_date >= date).map((i) => ({ dueDate: parseLocalDate(i.due_date), amount: fen(Number(i.amount_fen)) })),
      sentOn: date, repayment: creditor.repayment_en ?? null, regionCode: c.region_code }, c.language) });
    if (c.already) { already++; return; }
    await insertContactAttempt(client, { creditorId: creditor.id, accountId: c.account_id, debtorId: c.debtor_id, contactPointId: c.point_id,
      channel: 'letter', party: 'debtor', purpose: 'notice', outcome: 'sent', initiatedBy: 'agency', at: now, collectorId: actor.userId,
      note: `statement of ${c.kind} ${c.ref_id}`, recordingRef: null, decision });
    await markStatementSent(client, { creditorId: creditor.id, kind: c.kind, refId: c.ref_id, accountId: c.account_id, sentOn: date, sentBy: actor.userId });
  });
  await inTransaction(ctx.pool, (client) => appendAudit(client, actor, { action: 'arrangement_statements.print', entity: 'creditor', entityId: creditor.id,
    creditorId: creditor.id, detail: { date, printed: going.length, already, refused,
      arrangements: going.slice(0, 1000).map((g) => `${g.candidate.kind}:${g.candidate.ref_id}`) } }));
  if (going.length === 0) return { date, printed: 0, already, refused, file: null };
  return { date, printed: going.length, already, refused,
    file: { fileName: `arrangement-statements-${creditor.code}-${date}.pdf`, body: await lettersPdf(going.flatMap((g) => g.letters), `${creditor.code} ${date}`, 'LETTER') } };
}

