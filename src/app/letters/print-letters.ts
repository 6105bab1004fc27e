import { lockAccountInScope } from '../../db/accounts-repository.ts';
import { appendAudit } from '../../db/audit-repository.ts';
import { insertContactAttempt } from '../../db/contact-state-repository.ts';
import { contractInForce } from '../../db/contracts-repository.ts';
import { findCreditorByCode } from '../../db/creditors-repository.ts';
import { letterCandidates, type LetterCandidate } from '../../db/letters-repository.ts';
import { inTransaction, type PoolClient } from '../../db/pool.ts';
import { addDays, parseLocalDate, startOfLocalDay } from '../../domain/calendar.ts';
import type { Decision } from '../../domain/compliance/index.ts';
import { countryOfPack, englishCountry } from '../../domain/country.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { collectionLetters, type Letter, type LetterLocale } from '../../domain/letters/letter.ts';
import { fen } from '../../domain/money.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import { decideContact } from '../compliance/contact-state.ts';
import type { Actor, AppContext } from '../context.ts';
import { agencyLicences } from '../licences/licences.ts';
import { agencyFor } from '../site/read-site.ts';
import { cjkPdf } from '../statements/export-statement.ts';
import { creditorNameFor } from '../../domain/creditor-name.ts';

/** Why an account the strategy chose for a letter got none: the engine's rules, or no address of the debtor's own that works. */
export const NO_ADDRESS = 'no_usable_address';
/** Why an account the strategy chose for a letter got none today: one went within LETTER_REST_DAYS (the same letter every day is no use, and a burden). */
export const LETTER_RECENT = 'letter_recent';
/** The days between two collection letters to one account. */
export const LETTER_REST_DAYS = 30;
/** Accounts judged in one transaction. */
const BATCH = 200;

/** How a run reaches its candidates: by letter to `point_id` (the default), or another channel to another point. */
export interface RunChannel<C> {
  channel: 'letter' | 'email';
  pointOf(candidate: C): number | null;
  /** What an account with no such point is counted under. */
  noPoint: string;
  /** Whether a decision lets the contact go (default: allowed now). */
  goes?(decision: Decision): boolean;
}

const BY_LETTER: RunChannel<{ point_id: number | null }> = { channel: 'letter', pointOf: (c) => c.point_id, noPoint: NO_ADDRESS };

/**
 * What every letter run (and the validation notices' e-mail run) does with its candidates: those
 * without a point of the debtor's own to go to are counted under `by.noPoint` (NO_ADDRESS); the
 * others, in batches of BATCH accounts per transaction, each under its account's lock, are judged
 * by the compliance engine as a contact of the purpose on the channel (a reprint too: a dispute
 * raised since the first print stops it); refusals are counted per rule and `allowed` gets the
 * rest with the decision, in the same transaction. Returns the counts.
 */
export async function judgeLetters<C extends { account_id: number; point_id: number | null }>(ctx: AppContext, candidates: readonly C[],
  purpose: 'collect' | 'notice', allowed: (client: PoolClient, candidate: C, decision: Decision) => Promise<void>,
  by: RunChannel<C> = BY_LETTER): Promise<Record<string, number>> {
  const refused: Record<string, number> = {};
  const now = ctx.now();
  const addressed = candidates.filter((c) => {
    if (by.pointOf(c) === null) refused[by.noPoint] = (refused[by.noPoint] ?? 0) + 1;
    return by.pointOf(c) !== null;
  });
  for (let i = 0; i < addressed.length; i += BATCH) {
    await inTransaction(ctx.pool, async (client) => {
      for (const c of addressed.slice(i, i + BATCH)) {
        if (!(await lockAccountInScope(client, { kind: 'all' }, c.account_id))) continue;
        const decision = await decideContact(ctx, client, c.account_id, { channel: by.channel, party: 'debtor', purpose, contactPointId: by.pointOf(c), at: now });
        if (!(by.goes ? by.goes(decision) : decision.allowed)) {
          for (const r of decision.reasons) refused[r.rule] = (refused[r.rule] ?? 0) + 1;
          continue;
        }
        await allowed(client, c, decision);
      }
    });
  }
  return refused;
}

/** A print run of letters or notices: the PDF, and what went in or was left out. */
export interface PrintedLetters {
  date: string;
  /** Letters in the file: the ones recorded now and those already recorded today (a reprint). */
  printed: number;
  already: number;
  /** Accounts left out, per rule (one left out by two rules counts under both). */
  refused: Record<string, number>;
  file: { fileName: string; body: Buffer } | null;
}

/**
 * Today's collection letters (还款提醒函) for a creditor, as one PDF to print and post (docs/messages.md,
 * "Letters"): every open account whose next action today is a letter, whose debtor has an address of
 * their own that works, and whom the compliance engine allows a letter now (holds, suspensions, a
 * cease request stop it), under the same lock as a collector's contact. Each letter is recorded
 * as the account's contact (channel letter, outcome sent) once a day; printing again the same day
 * gives the same letters (each judged again) without recording them twice. The addresses are decrypted only into the
 * file, and the print is audited (`letters.print`, with the accounts).
 */
export async function printLetters(ctx: AppContext, actor: Actor, input: { creditor: string; locale?: string | undefined }): Promise<PrintedLetters> {
  authorize(actor, 'letters.print');
  const locale = input.locale ?? 'zh-CN';
  if (locale !== 'zh-CN' && locale !== 'en') throw invalidInput({ en: `locale must be zh-CN or en, not "${locale}"`, zh: `locale 必须是 zh-CN 或 en，而不是“${locale}”` }, 'locale');
  const creditor = await findCreditorByCode(ctx.pool, input.creditor);
  if (!creditor) throw new AppError('NOT_FOUND', { en: `No creditor "${input.creditor}"`, zh: `没有委托方“${input.creditor}”` }, { field: 'creditor' });
  const now = ctx.now();
  const date = parseLocalDate(businessDate(ctx));
  const all = await letterCandidates(ctx.pool, { date, creditorId: creditor.id,
    dayStart: new Date(startOfLocalDay(date, ctx.agencyZone)), dayEnd: new Date(startOfLocalDay(addDays(date, 1), ctx.agencyZone)),
    restStart: new Date(startOfLocalDay(addDays(date, -(LETTER_REST_DAYS - 1)), ctx.agencyZone)) });
  const rested = all.filter((c) => c.recent && !c.already).length;
  const candidates = all.filter((c) => !c.recent || c.already);
  const going: LetterCandidate[] = [];
  let already = 0;
  const refused = await judgeLetters(ctx, candidates, 'collect', async (client, c, decision) => {
    going.push(c);
    if (c.already) { already++; return; }
    // Sent by the agency, as its reminders are (系统自动 in the contact log and the bank's file): the letter run is
    // not a collector's contact; who printed it is in the audit row.
    await insertContactAttempt(client, { creditorId: creditor.id, accountId: c.account_id, debtorId: c.debtor_id, contactPointId: c.point_id,
      channel: 'letter', party: 'debtor', purpose: 'collect', outcome: 'sent', initiatedBy: 'agency', at: now, collectorId: null,
      note: `letter ${date}`, recordingRef: null, decision });
  });
  if (rested > 0) refused[LETTER_RECENT] = rested;
  going.sort((a, b) => a.account_id - b.account_id);
  // Under a US or UK contract the letters are English, whichever language the screen asked for.
  const pack = (await contractInForce(ctx.pool, creditor.id, date))?.pack ?? null;
  const written: LetterLocale = englishCountry(pack) ? 'en' : locale;
  const repayment = written === 'en' ? creditor.repayment_en ?? creditor.repayment_zh : creditor.repayment_zh;
  const licences = englishCountry(pack) === 'US' ? await agencyLicences(ctx) : [];
  // The letter asks the debtor to get in touch: it says with whom and how (the help centre's contact page in its language),
  // with the number, address and hours of the contract's country (a US or UK debtor can neither call the Chinese line back nor
  // usefully write to the office in China, and China's hours mislead them; one not set is not printed, no law asks a letter for it).
  const agency = await agencyFor(ctx, countryOfPack(pack), written);
  // Each debtor's pages: the letter, and under a US contract a Spanish one after it for a debtor who reads Spanish.
  const pages = going.map((c) => collectionLetters({ debtorName: c.debtor_name, address: ctx.cipher.decrypt(c.address_enc!),
    creditorName: creditorNameFor(written === 'en', creditor),
    accountNoMask: c.account_no_mask, balanceFen: fen(Number(c.balance_fen)), date, repayment, pack, regionCode: c.region_code,
    firstDelinquencyDate: parseLocalDate(c.first_delinquency_date), licences, agency }, written, c.language));
  const letters = pages.map((p) => p[0]!);
  await inTransaction(ctx.pool, (client) => appendAudit(client, actor, { action: 'letters.print', entity: 'creditor', entityId: creditor.id, creditorId: creditor.id,
    detail: { date, locale, printed: going.length, already, refused, account_ids: going.slice(0, 1000).map((c) => c.account_id),
      ...(letters.some((l) => l.timeBarred) ? { time_barred: going.filter((_, i) => letters[i]!.timeBarred).map((c) => c.account_id).slice(0, 1000) } : {}),
      ...(pages.some((p) => p.length > 1) ? { spanish: going.filter((_, i) => pages[i]!.length > 1).map((c) => c.account_id).slice(0, 1000) } : {}) } }));
  if (going.length === 0) return { date, printed: 0, already, refused, file: null };
  return { date, printed: going.length, already, refused, file: { fileName: `letters-${creditor.code}-${date}-${written === 'zh-CN' ? 'zh' : 'en'}.pdf`, body: await lettersPdf(pages.flat(), `${creditor.code} ${date}`,
    englishCountry(pack) === 'US' ? 'LETTER' : 'A4') } };
}

/** One page per letter (A4, or US Letter for a US debtor): the address block, the title, the body, the closing. */
export function lettersPdf(letters: readonly Letter[], title: string, size: 'A4' | 'LETTER' = 'A4'): Promise<Buffer> {
  const options: PDFKit.PDFDocumentOptions = { size, margin: 64, autoFirstPage: false };
  const { doc, done } = cjkPdf({ ...options, info: { Title: title } });
  // A letter is drawn on a scratch document first, at the largest type that keeps it on its page
  // (a settlement's or a plan's schedule adds lines); its bytes are not kept.
  const scratch = cjkPdf(options).doc;
  scratch.removeAllListeners('data').resume();
  let scratchPages = 0;
  scratch.on('pageAdded', () => { scratchPages++; });
  for (const letter of letters) {
    const scale = LETTER_SCALES.find((s) => {
      const before = scratchPages;
      drawLetter(scratch.addPage(), letter, s);
      return scratchPages - before === 1;
    }) ?? LETTER_SCALES.at(-1)!;
    drawLetter(doc.addPage(), letter, scale);
  }
  scratch.end();
  doc.end();
  return done;
}

/** A letter's set-off paragraph: dark red on white, against the black of the rest. */
const SET_OFF_COLOUR = '#B00020';

/** The type sizes a letter is tried at, largest first; one longer still runs onto a second page. */
const LETTER_SCALES = [1, 0.94, 0.88, 0.82];

function drawLetter(doc: PDFKit.PDFDocument, letter: Letter, scale: number): void {
  doc.font('cjk').fontSize(11 * scale);
  for (const line of letter.address) doc.text(line);
  doc.moveDown(2);
  doc.fontSize(16 * scale).text(letter.title, { align: 'center' });
  doc.moveDown(1);
  doc.fontSize(11 * scale).text(letter.greeting);
  doc.moveDown(0.5);
  for (const p of letter.paragraphs) {
    if (p === letter.setOff) {
      // Set off: at least 12 points whatever the page's scale, in a sharply contrasting colour (New York City's rules on a time-barred debt's notice).
      doc.fontSize(12).fillColor(SET_OFF_COLOUR).text(p, { lineGap: 2 }).fillColor('black').fontSize(11 * scale);
    } else {
      doc.text(p, { indent: 22, lineGap: 3 * scale });
    }
    doc.moveDown(0.5);
  }
  doc.moveDown(1.5);
  for (const line of letter.closing) doc.text(line, { align: 'right' });
}
