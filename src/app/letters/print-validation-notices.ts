import { appendAudit } from '../../db/audit-repository.ts';
import { insertContactAttempt } from '../../db/contact-state-repository.ts';
import { contractInForce } from '../../db/contracts-repository.ts';
import { findCreditorByCode } from '../../db/creditors-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { insertValidationNotice, noticeCandidates, type NoticeCandidate } from '../../db/validation-notices-repository.ts';
import { parseLocalDate, type LocalDate } from '../../domain/calendar.ts';
import { AppError, type Bilingual } from '../../domain/errors.ts';
import { validationNotices, type ValidationNotice, type ValidationNoticeFacts } from '../../domain/letters/validation-notice.ts';
import { currencyOfPack, fen } from '../../domain/money.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { agencyLicences } from '../licences/licences.ts';
import { agencyStateNotices } from '../licences/state-notices.ts';
import { agencyFor } from '../site/read-site.ts';
import { cjkPdf } from '../statements/export-statement.ts';
import { judgeLetters, type PrintedLetters } from './print-letters.ts';
import { creditorNameFor } from '../../domain/creditor-name.ts';

/** Notices in the file: sent now, and those already sent today (a reprint, with the figures recorded then). */
export type PrintedNotices = PrintedLetters;

/**
 * The validation notices (债务确认通知, 12 CFR 1006.34) of a creditor under a US contract, as one
 * PDF to post (docs/messages.md, "Validation notices"): one for every open account that has had
 * none, to the debtor's own address, each allowed by the compliance engine as a notice (an
 * attorney's representation stops it) under the account's lock. Each is recorded as the
 * account's contact (letter, notice, sent) and in `validation_notices` with the end of the
 * validation period and the figures it states; from then on the account may be collected
 * (`US.validation_notice`). Printing again the same day gives the same notices, as recorded.
 * The agency's name comes from the help centre's English pages, its number, mailing address and hours from their US ones (`phone_us`, `address_us`, `hours_us`).
 * A time-barred debt's notice says so first (src/domain/time-barred.ts); the audit row lists those accounts.
 */
export async function printValidationNotices(ctx: AppContext, actor: Actor, input: { creditor: string }): Promise<PrintedNotices> {
  authorize(actor, 'letters.print');
  const { creditor, date, base } = await noticeCreditor(ctx, input.creditor);
  const now = ctx.now();
  const going: Array<{ candidate: NoticeCandidate; pages: ValidationNotice[] }> = [];
  let already = 0;
  const candidates = await noticeCandidates(ctx.pool, { creditorId: creditor.id, date });
  const refused = await judgeLetters(ctx, candidates, 'notice', async (client, c, decision) => {
    const facts = noticeFacts(ctx, base, c, date);
    // The English notice, and after it the Spanish one for a debtor who asked for Spanish (same figures, same period).
    const pages = validationNotices(facts, c.language);
    const notice = pages[0]!;
    going.push({ candidate: c, pages });
    if (c.sent) { already++; return; }
    // Sent by the agency, as its reminders are (系统自动 in the contact log and the bank's file): the letter run is
    // not a collector's contact; who printed it stays in sent_by and the audit row.
    const attemptId = await insertContactAttempt(client, { creditorId: creditor.id, accountId: c.account_id, debtorId: c.debtor_id, contactPointId: c.point_id,
      channel: 'letter', party: 'debtor', purpose: 'notice', outcome: 'sent', initiatedBy: 'agency', at: now, collectorId: null,
      note: `validation notice ${date}; validation period ends ${notice.validationEndsOn}`, recordingRef: null, decision });
    await insertValidationNotice(client, { creditorId: creditor.id, accountId: c.account_id, sentOn: date, validationEndsOn: notice.validationEndsOn,
      itemizationDate: facts.itemizationDate, itemizationFen: facts.itemization, interestFen: facts.interest, feesFen: facts.fees, paidFen: facts.paid,
      amountNowFen: notice.amountNow, contactAttemptId: attemptId, sentBy: actor.userId, chargedOff: facts.chargedOff ?? false });
  });
  going.sort((a, b) => a.candidate.account_id - b.candidate.account_id);
  await inTransaction(ctx.pool, (client) => appendAudit(client, actor, { action: 'validation_notices.print', entity: 'creditor', entityId: creditor.id, creditorId: creditor.id,
    detail: { date, printed: going.length, already, refused, account_ids: going.slice(0, 1000).map((g) => g.candidate.account_id),
      time_barred: going.filter((g) => g.pages[0]!.timeBarred).map((g) => g.candidate.account_id).slice(0, 1000),
      spanish: going.filter((g) => g.pages.length > 1).map((g) => g.candidate.account_id).slice(0, 1000) } }));
  if (going.length === 0) return { date, printed: 0, already, refused, file: null };
  return { date, printed: going.length, already, refused,
    file: { fileName: `validation-notices-${creditor.code}-${date}.pdf`, body: await validationNoticesPdf(going.flatMap((g) => g.pages), `${creditor.code} ${date}`) } };
}

/** What every notice of a creditor says alike: the agency, the creditor, the currency, where to pay. */
export type NoticeBase = Pick<ValidationNoticeFacts, 'agency' | 'creditorName' | 'currency' | 'repayment' | 'disputeUrl'>;

/**
 * The creditor whose notices go, which must be under a US contract on the business date, and what
 * its notices say alike; the agency must be named in the help centre (agencyOnNotices).
 */
export async function noticeCreditor(ctx: AppContext, code: string): Promise<{ creditor: NonNullable<Awaited<ReturnType<typeof findCreditorByCode>>>; date: LocalDate;
  base: NoticeBase }> {
  const creditor = await findCreditorByCode(ctx.pool, code);
  if (!creditor) throw new AppError('NOT_FOUND', { en: `No creditor "${code}"`, zh: `没有委托方“${code}”` }, { field: 'creditor' });
  const date = parseLocalDate(businessDate(ctx));
  const contract = await contractInForce(ctx.pool, creditor.id, date);
  if (contract?.pack !== 'US') {
    throw new AppError('CONFLICT', {
      en: `Validation notices are for creditors under a US contract; ${creditor.code}'s contract is ${contract ? `under the ${contract.pack} pack` : 'not written yet'}`,
      zh: `债务确认通知仅适用于美国合同的委托方；${creditor.code}的合同${contract ? `适用${contract.pack}规则包` : '尚未录入'}`,
    }, { field: 'creditor' });
  }
  const agency = await agencyOnNotices(ctx);
  // Disputes online, in the portal, where the agency has a public address (LEEWAY_PUBLIC_URL).
  return { creditor, date, base: { agency, creditorName: creditorNameFor(true, creditor), currency: currencyOfPack(contract.pack), repayment: creditor.repayment_en,
    disputeUrl: ctx.publicUrl ? `${ctx.publicUrl}/my` : null } };
}

/**
 * The creditor a run of US letters is for (a dispute's verification, New York's arrangement letters):
 * it must exist and be under a US contract on the business date (else `refusal`, 409); the agency
 * must be named in the help centre (agencyOnNotices).
 */
export async function usLetterCreditor(ctx: AppContext, code: string, refusal: (creditor: string) => Bilingual):
  Promise<{ creditor: NonNullable<Awaited<ReturnType<typeof findCreditorByCode>>>; date: LocalDate; agency: ValidationNoticeFacts['agency'] }> {
  const creditor = await findCreditorByCode(ctx.pool, code);
  if (!creditor) throw new AppError('NOT_FOUND', { en: `No creditor "${code}"`, zh: `没有委托方“${code}”` }, { field: 'creditor' });
  const date = parseLocalDate(businessDate(ctx));
  if ((await contractInForce(ctx.pool, creditor.id, date))?.pack !== 'US') throw new AppError('CONFLICT', refusal(creditor.code), { field: 'creditor' });
  return { creditor, date, agency: await agencyOnNotices(ctx) };
}

/** A candidate's notice facts: as recorded when it is a reprint, else sent on `date` with today's figures (to its postal address, if it has one). */
export function noticeFacts(ctx: AppContext, base: NoticeBase, c: NoticeCandidate, date: LocalDate): ValidationNoticeFacts {
  return {
    ...base, debtorName: c.debtor_name, address: c.address_enc ? ctx.cipher.decrypt(c.address_enc) : '', accountNoMask: c.account_no_mask,
    product: productName(c.product), regionCode: c.region_code, firstDelinquencyDate: parseLocalDate(c.first_delinquency_date),
    ...(c.sent
      ? { sentOn: parseLocalDate(c.sent.sent_on), itemizationDate: parseLocalDate(c.sent.itemization_date), itemization: fen(c.sent.itemization_fen),
        interest: fen(c.sent.interest_fen), fees: fen(c.sent.fees_fen), paid: fen(c.sent.paid_fen), chargedOff: c.sent.charged_off }
      : { sentOn: date, itemizationDate: parseLocalDate(c.itemization_date), itemization: fen(c.itemization_fen), interest: fen(c.interest_fen),
        fees: fen(c.fees_fen), paid: fen(c.paid_fen), chargedOff: c.charged_off }),
  };
}

/** The products a bank file names in Chinese, in the notice's English; anything else as the file says. */
function productName(product: string): string {
  return ({ credit_card: 'credit card', 信用卡: 'credit card', 个人消费贷: 'personal loan', consumer_loan: 'personal loan' } as Record<string, string>)[product] ?? product;
}

/**
 * The debt collector as the notice must name it (1006.34(c)(1), (c)(2)(i)): the agency's name (the
 * help centre's English home page), the mailing address where it takes disputes and its US number
 * (`address_us`, `phone_us`; English contact page; never the page's `address` and `phone`, an
 * office in China a debtor in the US would mail a dispute to at an international stamp's cost
 * and weeks' delay, and a Chinese line they may not reach), with its hours in a US time zone
 * (`hours_us`) when set: no rule asks for hours, and China's would mislead. Without the name,
 * address and number no notice can be printed. The verification letters, arrangement
 * confirmations and statements sign with the same.
 */
export async function agencyOnNotices(ctx: AppContext): Promise<ValidationNoticeFacts['agency']> {
  const { name, address, phone, hours, hoursEs } = await agencyFor(ctx, 'US');
  if (!name || !address || !phone) {
    const missing = [!name && 'agency_name (home page)', !address && 'address_us (contact page, the US mailing address)',
      !phone && 'phone_us (contact page, the US number)'].filter(Boolean).join(', ');
    throw new AppError('CONFLICT', {
      en: `A validation notice names the agency and the address in the US where it takes disputes: fill in the help centre's English pages first (missing: ${missing})`,
      zh: `债务确认通知须写明本机构名称及在美国受理异议的通信地址：请先在帮助中心的英文页面中填写（缺少：${missing}）`,
    }, { field: 'agency' });
  }
  const [licences, stateNotices] = await Promise.all([agencyLicences(ctx), agencyStateNotices(ctx)]);
  return { name, address, phone, hours, hoursEs, licences, stateNotices };
}

/**
 * One US Letter sheet per notice (a Spanish one right after its English one), in the model form's
 * order, the response form below a cut line; what state and city law add (California's notice of
 * rights, Colorado's statement, Massachusetts's notice, New York City's language services) on the back of the sheet, as the model form leaves
 * room for (print double-sided; U on the paragraph of Regulation F that allows it), in the type of
 * the debt's figures, and the front says so. New York's notice on a time-barred debt (`setOff`)
 * stands right after the amount in 12-point dark red, whatever the scale of the rest.
 */
export function validationNoticesPdf(notices: readonly ValidationNotice[], title: string): Promise<Buffer> {
  const options: PDFKit.PDFDocumentOptions = { size: 'LETTER', margins: { top: 48, bottom: 48, left: 54, right: 54 }, autoFirstPage: false };
  const { doc, done } = cjkPdf({ ...options, info: { Title: `Validation notices ${title}` } });
  // A notice is drawn once on a scratch document first, at the largest type that keeps it on one
  // sheet (the time-barred section, a long way to pay and Spanish's longer words add lines).
  const scratch = cjkPdf(options).doc;
  scratch.removeAllListeners('data').resume();   // its bytes are not kept: a run of thousands of notices is not held twice
  let scratchPages = 0;
  scratch.on('pageAdded', () => { scratchPages++; });
  let pages = 0;
  doc.on('pageAdded', () => { pages++; });
  const backOf = (n: ValidationNotice) => n.sections.filter((x) => x.debtSize);
  const hasBack = (n: ValidationNotice) => backOf(n).length > 0 || n.licences !== null;
  // Printed double-sided once any notice has a back: then every notice starts a sheet of its own,
  // one with no back (or a back that ran over) followed by a blank side.
  const duplex = notices.some(hasBack);
  for (const n of notices) {
    const front = { ...n, sections: n.sections.filter((x) => !x.debtSize) };
    const onePage = (draw: (page: PDFKit.PDFDocument) => void) => {
      const before = scratchPages;
      draw(scratch.addPage());
      return scratchPages - before === 1;
    };
    // The back is set in the type of the front's figures (California's notice asks for the same type, Cal. Civ. Code 1812.701(b)):
    // the largest scale at which both sides keep their page; else the largest the front fits at (a back longer than a page runs over).
    let scale: number | undefined;
    let frontFits: number | undefined;
    for (const s of FIT_SCALES) {
      if (!onePage((page) => drawNotice(page, front, s, hasBack(n)))) continue;
      frontFits ??= s;
      if (!hasBack(n) || onePage((page) => drawBack(page, n, backOf(n), s))) { scale = s; break; }
    }
    scale ??= frontFits ?? FIT_SCALES.at(-1)!;
    const first = pages;
    drawNotice(doc.addPage(), front, scale, hasBack(n));
    if (hasBack(n)) drawBack(doc.addPage(), n, backOf(n), scale);
    if (duplex && (pages - first) % 2 === 1) drawBlank(doc.addPage(), n.language);
  }
  scratch.end();
  doc.end();
  return done;
}

/** The other side of a sheet with nothing on it, saying so (a reader of a loose sheet knows nothing is missing). */
function drawBlank(doc: PDFKit.PDFDocument, language: ValidationNotice['language']): void {
  doc.font('cjk').fontSize(8).text(language === 'en' ? 'This page is intentionally left blank.' : 'Esta página se dejó en blanco intencionalmente.', { align: 'center' });
}

/** New York's notice on a time-barred debt: dark red on white, against the black of the rest (as on the collection letters). */
const SET_OFF_COLOUR = '#B00020';

/** The type sizes a notice is tried at, largest first. */
const FIT_SCALES = [1, 0.96, 0.92, 0.88, 0.84, 0.8];

/** The line at the foot of a front whose sheet has a back. */
const SEE_BACK = { en: 'Notices under state and local law are on the back of this page.', es: 'Al dorso: avisos según las leyes estatales y locales.' } as const;

function drawNotice(doc: PDFKit.PDFDocument, n: ValidationNotice, scale: number, hasBack = false): void {
  const size = (points: number) => points * scale;
  doc.font('cjk').fontSize(size(9));
  for (const line of n.sender) doc.text(line);
  doc.moveDown(0.4);
  for (const line of n.recipient) doc.text(line);
  doc.moveDown(0.4).text(n.reference).moveDown(0.5);
  doc.fontSize(size(10)).text(n.intro).moveDown(0.4);
  for (const line of n.itemization) {
    const y = doc.y;
    doc.text(line.label, 54, y, { width: 400 });
    const after = doc.y;
    doc.text(line.amount, 470, y, { width: 88, align: 'right' });
    doc.x = 54;
    doc.y = Math.max(after, doc.y) + 2;
  }
  if (n.setOff) {
    // Beside the amount, in at least 12 points whatever the page's scale, in a sharply contrasting colour (New York City's rules).
    doc.moveDown(0.3).font('Helvetica').fontSize(12).fillColor(SET_OFF_COLOUR).text(n.setOff).fillColor('black').font('cjk');
  }
  for (const section of n.sections) {
    doc.moveDown(0.4).fontSize(size(10.5)).text(section.heading).fontSize(size(section.debtSize ? 10 : 9.5));
    for (const p of section.paragraphs) doc.text(`- ${p}`, { indent: 8, lineGap: 0.5 });
  }
  doc.moveDown(0.5).fontSize(size(8)).text('- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -', { align: 'center' });
  doc.moveDown(0.4).fontSize(size(10)).text(n.form.heading).fontSize(size(9.5));
  doc.text(`${n.form.mailTo[0]} ${n.form.mailTo.slice(1).join(', ')}`);
  doc.moveDown(0.3);
  for (const line of n.form.lines) doc.text(line);
  // The line saying what is on the back shares the last line of the form.
  doc.moveDown(0.3).fontSize(size(8)).text(n.form.until, hasBack ? { continued: true } : {});
  if (hasBack) doc.fontSize(size(9.5)).text(`   ${SEE_BACK[n.language]}`);
}

/** The back of a notice's sheet: the reference again (a loose sheet still says whose it is), then what state and city law add. */
function drawBack(doc: PDFKit.PDFDocument, n: ValidationNotice, sections: ValidationNotice['sections'], scale: number): void {
  const size = (points: number) => points * scale;
  doc.font('cjk').fontSize(size(9)).text(n.reference).moveDown(0.6);
  for (const section of sections) {
    doc.fontSize(size(10.5)).text(section.heading).moveDown(0.2).fontSize(size(10));
    for (const p of section.paragraphs) doc.text(p, { lineGap: 1 }).moveDown(0.4);
  }
  // Many licences, in a smaller type than the state notices (no law sets theirs): the back keeps its page.
  if (n.licences) doc.moveDown(0.4).fontSize(size(8)).text(n.licences, { lineGap: 0.5 });
}
