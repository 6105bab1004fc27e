/**
 * The verification of a disputed debt (债务核实函) a US debt collector sends before collecting a
 * debt the consumer disputed (12 CFR 1006.38(d)(2)): what was disputed and when, what the creditor
 * found, and the amount; that collection resumes; where to write if the debtor still disagrees,
 * and the CFPB's complaint address.
 */
import { englishLongDate, spanishLongDate, type LocalDate } from '../calendar.ts';
import type { DisputeReason } from '../cases/complaint.ts';
import { licenceNotice, type Licence } from '../licences.ts';
import { lastFour } from '../masking.ts';
import { formatMoney, type Currency, type Fen } from '../money.ts';
import type { Letter } from './letter.ts';

export interface VerificationFacts {
  /** The agency, and the licences it holds (those of the debtor's state and city go under its name). */
  agency: { name: string; address: string; phone: string; licences?: readonly Licence[] };
  debtorName: string;
  address: string;
  creditorName: string;
  accountNoMask: string;
  disputedOn: LocalDate;
  reason: DisputeReason | null;
  /** What the creditor found, as its user wrote it. */
  creditorNote: string;
  amount: Fen;
  currency: Currency;
  sentOn: LocalDate;
  /** The debtor's state as on file (`US-CO`; null: not known), for the licences the letter carries. */
  regionCode?: string | null;
}

const REASON: Readonly<Record<DisputeReason, string>> = {
  wrong_amount: 'you told us the amount is wrong',
  not_mine: 'you told us the debt is not yours',
  already_paid: 'you told us the debt was already paid',
};

export function verificationLetter(f: VerificationFacts): Letter {
  const last4 = lastFour(f.accountNoMask);
  const licences = licenceNotice(f.agency.licences ?? [], f.regionCode ?? null, 'en');
  const disputed = englishLongDate(f.disputedOn, 'US');
  return {
    address: [f.debtorName, f.address],
    title: 'Verification of your debt',
    greeting: `Dear ${f.debtorName},`,
    paragraphs: [
      'This communication is from a debt collector.',
      `On ${disputed} you disputed your ${f.creditorName} account ending ${last4}${f.reason ? ` (${REASON[f.reason]})` : ''}. We stopped collecting it while we asked ${f.creditorName} to verify the debt.`,
      `${f.creditorName} has verified the debt. What it found: ${f.creditorNote}`,
      `The amount of the debt is ${formatMoney(f.amount, f.currency, 'en')}.`,
      'With this verification sent to you, we may resume collecting the debt. If you still believe it is wrong, write to us '
        + `at ${f.agency.address} or call ${f.agency.phone}; you may also submit a complaint to the Consumer Financial Protection Bureau at www.consumerfinance.gov/complaint.`,
      ...(licences.paragraph ? [licences.paragraph] : []),
    ],
    closing: [f.agency.name, ...licences.lines, englishLongDate(f.sentOn, 'US')],
  };
}

const REASON_ES: Readonly<Record<DisputeReason, string>> = {
  wrong_amount: 'usted nos dijo que la cantidad es incorrecta',
  not_mine: 'usted nos dijo que la deuda no es suya',
  already_paid: 'usted nos dijo que la deuda ya se pagó',
};

/**
 * The same letter in Spanish (ours, U), after the English one for a debtor who reads Spanish; what
 * the creditor found stays in its user's words.
 */
export function verificationLetterEs(f: VerificationFacts): Letter {
  const last4 = lastFour(f.accountNoMask);
  const licences = licenceNotice(f.agency.licences ?? [], f.regionCode ?? null, 'es');
  return {
    address: [f.debtorName, f.address],
    title: 'Verificación de su deuda',
    greeting: `Estimado/a ${f.debtorName}:`,
    paragraphs: [
      'Esta comunicación proviene de un cobrador de deudas.',
      `El ${spanishLongDate(f.disputedOn)} usted disputó su cuenta de ${f.creditorName} que termina en ${last4}${f.reason ? ` (${REASON_ES[f.reason]})` : ''}. `
        + `Dejamos de cobrarla mientras pedíamos a ${f.creditorName} que verificara la deuda.`,
      `${f.creditorName} ha verificado la deuda. Lo que encontró: ${f.creditorNote}`,
      `La cantidad de la deuda es ${formatMoney(f.amount, f.currency, 'en')}.`,
      'Con esta verificación enviada, podemos volver a cobrar la deuda. Si todavía cree que no es correcta, escríbanos '
        + `a ${f.agency.address} o llámenos al ${f.agency.phone}; también puede presentar una queja ante la Oficina para la Protección Financiera del Consumidor en www.consumerfinance.gov/complaint.`,
      ...(licences.paragraph ? [licences.paragraph] : []),
    ],
    closing: [f.agency.name, ...licences.lines, spanishLongDate(f.sentOn)],
  };
}

