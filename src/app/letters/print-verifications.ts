import { appendAudit } from '../../db/audit-repository.ts';
import { insertContactAttempt } from '../../db/contact-state-repository.ts';
import { releaseHoldRow } from '../../db/holds-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { markVerificationSent, verificationCandidates, type VerificationCandidate } from '../../db/validation-notices-repository.ts';
import { parseLocalDate } from '../../domain/calendar.ts';
import type { DisputeReason } from '../../domain/cases/complaint.ts';
import { withSpanish, type Letter } from '../../domain/letters/letter.ts';
import { verificationLetter, verificationLetterEs } from '../../domain/letters/verification.ts';
import { fen } from '../../domain/money.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';
import { judgeLetters, lettersPdf, type PrintedLetters } from './print-letters.ts';
import { usLetterCreditor } from './print-validation-notices.ts';

/**
 * The verification letters (债务核实函) of a US creditor's disputes, as one PDF to post (docs/cases.md,
 * "Disputes"): for each dispute the creditor verified whose dispute hold is still in force, a
 * letter to the debtor's own address saying what was disputed, what the creditor found and the
 * amount (12 CFR 1006.38(d)(2): no collection after a dispute until a copy of the verification has
 * been sent). Each is recorded as the account's contact (letter, notice, sent), the dispute marks
 * the date it went, and its hold is released: collection resumes. Printing again the same day
 * gives the same letters and records nothing more.
 */
export async function printVerifications(ctx: AppContext, actor: Actor, input: { creditor: string }): Promise<PrintedLetters> {
  authorize(actor, 'letters.print');
  const { creditor, date, agency } = await usLetterCreditor(ctx, input.creditor, (code) => ({
    en: `Verification letters are for disputes under a US contract; ${code}'s is not one (its disputes resume collection when the creditor answers)`,
    zh: `债务核实函仅适用于美国合同的异议；${code}的合同不是（其异议在委托方答复后即恢复催收）`,
  }));
  const now = ctx.now();
  const going: Array<{ candidate: VerificationCandidate; letters: Letter[] }> = [];
  let already = 0;
  const candidates = await verificationCandidates(ctx.pool, { creditorId: creditor.id, date });
  const refused = await judgeLetters(ctx, candidates, 'notice', async (client, c, decision) => {
    // The English letter, and the Spanish one after it for a debtor who reads Spanish.
    going.push({ candidate: c, letters: withSpanish(verificationLetter, verificationLetterEs, { agency, debtorName: c.debtor_name, address: ctx.cipher.decrypt(c.address_enc!),
      creditorName: creditor.name, accountNoMask: c.account_no_mask, disputedOn: parseLocalDate(c.disputed_on),
      reason: c.dispute_reason as DisputeReason | null, creditorNote: c.resolution_note, amount: fen(Number(c.amount_fen)), currency: 'USD', sentOn: date, regionCode: c.region_code },
    c.language) });
    if (c.already) { already++; return; }
    await insertContactAttempt(client, { creditorId: creditor.id, accountId: c.account_id, debtorId: c.debtor_id, contactPointId: c.point_id,
      channel: 'letter', party: 'debtor', purpose: 'notice', outcome: 'sent', initiatedBy: 'agency', at: now, collectorId: actor.userId,
      note: `verification of dispute ${c.dispute_id}`, recordingRef: null, decision });
    await markVerificationSent(client, creditor.id, c.dispute_id, date);
    if (c.hold_id !== null && await releaseHoldRow(client, c.hold_id, actor.userId, `dispute ${c.dispute_id}: verification mailed ${date}`, now)) {
      await appendAudit(client, actor, { action: 'hold.release', entity: 'hold', entityId: c.hold_id, creditorId: creditor.id,
        detail: { kind: 'dispute', account_id: c.account_id, dispute_id: c.dispute_id, reason: 'verification mailed' } });
    }
  });
  going.sort((a, b) => a.candidate.dispute_id - b.candidate.dispute_id);
  await inTransaction(ctx.pool, (client) => appendAudit(client, actor, { action: 'verifications.print', entity: 'creditor', entityId: creditor.id, creditorId: creditor.id,
    detail: { date, printed: going.length, already, refused, dispute_ids: going.slice(0, 1000).map((g) => g.candidate.dispute_id) } }));
  if (going.length === 0) return { date, printed: 0, already, refused, file: null };
  return { date, printed: going.length, already, refused,
    file: { fileName: `verifications-${creditor.code}-${date}.pdf`, body: await lettersPdf(going.flatMap((g) => g.letters), `${creditor.code} ${date}`, 'LETTER') } };
}
