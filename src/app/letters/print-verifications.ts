import { appendAudit } from '../../db/audit-repository.ts';
import { insertContactAttempt } from '../../db/contact-state-repository.ts';
import { releaseHoldRow } from '../../db/holds-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { markVerificationSent, verificationCandidates, type VerificationCandidate } from '../../db/validation-notices-repository.ts';
import { parseLocalDate } from '../../domain/calendar.ts';
import type { DisputeReason } from '../../domain/cases/complaint.ts';
import { withSpanish, type Letter } from '../../domain/letters/letter.ts';
import { verificationLetter, verificationLetterEs } from '../../domain/letters/verification.ts';
import { AppError } from '../../domain/errors.ts';
import { fen } from '../../domain/money.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';
import { judgeLetters, lettersPdf, type PrintedLetters } from './print-letters.ts';
import { usLetterCreditor } from './print-validation-notices.ts';
import { creditorNameFor } from '../../domain/creditor-name.ts';

/**
 * The verification letters (债务核实函) of a US creditor's disputes, as one PDF to post (docs/cases.md,
 * "Disputes"): for each dispute the creditor verified whose dispute hold is still in force, a
 * letter to the debtor's own address saying what was disputed, what the creditor found and the
 * amount (12 CFR 1006.38(d)(2): no collection after a dispute until a copy of the verification has
 * been sent). Each is recorded as the account's contact (letter, notice, sent), the dispute marks
 * the date it went, and its hold is released: collection resumes. Printing again the same day
 * gives the same letters and records nothing more.
 *
 * A New York debtor's dispute of a charged-off debt is answered with its substantiation too (23
 * NYCRR 1.4; VerificationFacts.substantiation): its documents come from the bank, so such a run is
 * printed only once the admin says they are in the envelopes (`documentsEnclosed`).
 */
export async function printVerifications(ctx: AppContext, actor: Actor, input: { creditor: string; documentsEnclosed?: boolean }): Promise<PrintedLetters> {
  authorize(actor, 'letters.print');
  const { creditor, date, agency } = await usLetterCreditor(ctx, input.creditor, (code) => ({
    en: `Verification letters are for disputes under a US contract; ${code}'s is not one (its disputes resume collection when the creditor answers)`,
    zh: `债务核实函仅适用于美国合同的异议；${code}的合同不是（其异议在委托方答复后即恢复催收）`,
  }));
  const now = ctx.now();
  const going: Array<{ candidate: VerificationCandidate; letters: Letter[] }> = [];
  let already = 0;
  const candidates = await verificationCandidates(ctx.pool, { creditorId: creditor.id, date, zone: ctx.agencyZone });
  const substantiating = candidates.filter((c) => c.substantiates).length;
  if (substantiating > 0 && !input.documentsEnclosed) {
    throw new AppError('CONFLICT', {
      en: `${substantiating} of these letters substantiate a New York debtor's charged-off debt (23 NYCRR 1.4): put in each envelope the bank's copy of the signed `
        + 'contract or application (or the last statement recording a purchase, payment or balance transfer) and its charge-off statement, then print saying the documents are enclosed',
      zh: `其中 ${substantiating} 封核实函须为纽约州债务人的已核销债务提供证明（23 NYCRR 1.4）：请在每个信封中放入银行提供的签字合同或申请表（或最近一期有交易记录的账单）`
        + '和核销时账单，然后勾选“已附银行文件”再打印',
    }, { field: 'documents_enclosed' });
  }
  const refused = await judgeLetters(ctx, candidates, 'notice', async (client, c, decision) => {
    // The English letter, and the Spanish one after it for a debtor who reads Spanish.
    going.push({ candidate: c, letters: withSpanish(verificationLetter, verificationLetterEs, { agency, debtorName: c.debtor_name, address: ctx.cipher.decrypt(c.address_enc!),
      creditorName: creditorNameFor(true, creditor), accountNoMask: c.account_no_mask, disputedOn: parseLocalDate(c.disputed_on),
      reason: c.dispute_reason as DisputeReason | null, creditorNote: c.resolution_note, amount: fen(Number(c.amount_fen)), currency: 'USD', sentOn: date, regionCode: c.region_code,
      substantiation: c.substantiates && c.charged_off_on !== null && c.charge_off_fen !== null
        ? { chargedOffOn: parseLocalDate(c.charged_off_on), chargeOffBalance: fen(c.charge_off_fen),
          settlements: c.settlements.map((s) => ({ agreedOn: parseLocalDate(s.agreed_on), amount: fen(s.amount_fen) })) }
        : null },
    c.language) });
    if (c.already) { already++; return; }
    // Sent by the agency, as its reminders are (系统自动 in the contact log and the bank's file): the letter run is
    // not a collector's contact; who printed it is in the audit row.
    await insertContactAttempt(client, { creditorId: creditor.id, accountId: c.account_id, debtorId: c.debtor_id, contactPointId: c.point_id,
      channel: 'letter', party: 'debtor', purpose: 'notice', outcome: 'sent', initiatedBy: 'agency', at: now, collectorId: null,
      note: `verification of dispute ${c.dispute_id}`, recordingRef: null, decision });
    await markVerificationSent(client, creditor.id, c.dispute_id, date, c.substantiates);
    if (c.hold_id !== null && await releaseHoldRow(client, c.hold_id, actor.userId, `异议 ${c.dispute_id}：核实材料已于 ${date} 寄出 / dispute ${c.dispute_id}: verification mailed ${date}`, now)) {
      await appendAudit(client, actor, { action: 'hold.release', entity: 'hold', entityId: c.hold_id, creditorId: creditor.id,
        detail: { kind: 'dispute', account_id: c.account_id, dispute_id: c.dispute_id, reason: 'verification mailed' } });
    }
  });
  going.sort((a, b) => a.candidate.dispute_id - b.candidate.dispute_id);
  await inTransaction(ctx.pool, (client) => appendAudit(client, actor, { action: 'verifications.print', entity: 'creditor', entityId: creditor.id, creditorId: creditor.id,
    detail: { date, printed: going.length, already, refused, dispute_ids: going.slice(0, 1000).map((g) => g.candidate.dispute_id),
      substantiated: going.filter((g) => g.candidate.substantiates).map((g) => g.candidate.dispute_id).slice(0, 1000) } }));
  if (going.length === 0) return { date, printed: 0, already, refused, file: null };
  return { date, printed: going.length, already, refused,
    file: { fileName: `verifications-${creditor.code}-${date}.pdf`, body: await lettersPdf(going.flatMap((g) => g.letters), `${creditor.code} ${date}`, 'LETTER') } };
}
