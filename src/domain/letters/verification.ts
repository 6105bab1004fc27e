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
  /** New York's substantiation of a charged-off debt (23 NYCRR 1.4), when this letter gives it (Substantiation). */
  substantiation?: Substantiation | null;
}

/**
 * What a New York debtor who disputes a charged-off debt is owed in writing (23 NYCRR 1.4(c)), the
 * dispute taken as the request for it (1.4(a) allows that): the charge-off (date, amount), the chain
 * of title (a bank placing its own debt: none, it still owns it) and the settlements agreed on the
 * debt; the signed contract (or last statement with a transaction) and the charge-off statement,
 * which only the bank has, go in the envelope (the letter lists them, and printing asks that they
 * are enclosed).
 */
export interface Substantiation {
  chargedOffOn: LocalDate;
  chargeOffBalance: Fen;
  /** Settlements of this debt agreed with the agency: the day each was agreed and its amount. */
  settlements: ReadonlyArray<{ agreedOn: LocalDate; amount: Fen }>;
}

function substantiationEn(f: VerificationFacts, s: Substantiation): string[] {
  const money = (amount: Fen) => formatMoney(amount, f.currency, 'en');
  return [
    'Substantiation of the debt (New York, 23 NYCRR 1.4). We have taken your dispute as a request for substantiation of this charged-off debt. '
      + 'Enclosed with this letter are: (1) a copy of the signed contract or signed application that created the debt or, if there is none, '
      + `the most recent monthly statement recording a purchase, payment or balance transfer; and (2) the statement of the account at charge-off that ${f.creditorName} issued to you.`,
    `Chain of title: ${f.creditorName} is the original creditor and still owns the debt; it has not been assigned, sold or transferred. `
      + `${f.agency.name} collects it on ${f.creditorName}'s behalf. ${f.creditorName} charged off the debt on ${englishLongDate(s.chargedOffOn, 'US')}, when ${money(s.chargeOffBalance)} was owed.`,
    s.settlements.length === 0 ? 'Settlement agreements: no settlement of this debt has been agreed with us.'
      : `Settlement agreements on this debt: ${s.settlements.map((x) => `agreed on ${englishLongDate(x.agreedOn, 'US')}, to settle for ${money(x.amount)}`).join('; ')}.`,
  ];
}

function substantiationEs(f: VerificationFacts, s: Substantiation): string[] {
  const money = (amount: Fen) => formatMoney(amount, f.currency, 'en');
  return [
    'Justificación de la deuda (Nueva York, 23 NYCRR 1.4). Hemos tomado su disputa como una solicitud de justificación de esta deuda dada de baja como pérdida (charge-off). '
      + 'Con esta carta se adjuntan: (1) una copia del contrato firmado o de la solicitud firmada que creó la deuda o, si no existe, '
      + `el estado de cuenta mensual más reciente que registre una compra, un pago o una transferencia de saldo; y (2) el estado de cuenta al momento del charge-off que ${f.creditorName} le envió.`,
    `Cadena de titularidad: ${f.creditorName} es el acreedor original y sigue siendo dueño de la deuda; no ha sido cedida, vendida ni transferida. `
      + `${f.agency.name} la cobra en nombre de ${f.creditorName}. ${f.creditorName} dio de baja la deuda como pérdida el ${spanishLongDate(s.chargedOffOn)}, cuando se debían ${money(s.chargeOffBalance)}.`,
    s.settlements.length === 0 ? 'Acuerdos de liquidación: no se ha acordado con nosotros ninguna liquidación de esta deuda.'
      : `Acuerdos de liquidación de esta deuda: ${s.settlements.map((x) => `acordado el ${spanishLongDate(x.agreedOn)}, para liquidarla por ${money(x.amount)}`).join('; ')}.`,
  ];
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
    title: f.substantiation ? 'Verification and substantiation of your debt' : 'Verification of your debt',
    greeting: `Dear ${f.debtorName},`,
    paragraphs: [
      'This communication is from a debt collector.',
      `On ${disputed} you disputed your ${f.creditorName} account ending ${last4}${f.reason ? ` (${REASON[f.reason]})` : ''}. We stopped collecting it while we asked ${f.creditorName} to verify the debt.`,
      `${f.creditorName} has verified the debt. What it found: ${f.creditorNote}`,
      `The amount of the debt is ${formatMoney(f.amount, f.currency, 'en')}.`,
      ...(f.substantiation ? substantiationEn(f, f.substantiation) : []),
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
    title: f.substantiation ? 'Verificación y justificación de su deuda' : 'Verificación de su deuda',
    greeting: `Estimado/a ${f.debtorName}:`,
    paragraphs: [
      'Esta comunicación proviene de un cobrador de deudas.',
      `El ${spanishLongDate(f.disputedOn)} usted disputó su cuenta de ${f.creditorName} que termina en ${last4}${f.reason ? ` (${REASON_ES[f.reason]})` : ''}. `
        + `Dejamos de cobrarla mientras pedíamos a ${f.creditorName} que verificara la deuda.`,
      `${f.creditorName} ha verificado la deuda. Lo que encontró: ${f.creditorNote}`,
      `La cantidad de la deuda es ${formatMoney(f.amount, f.currency, 'en')}.`,
      ...(f.substantiation ? substantiationEs(f, f.substantiation) : []),
      'Con esta verificación enviada, podemos volver a cobrar la deuda. Si todavía cree que no es correcta, escríbanos '
        + `a ${f.agency.address} o llámenos al ${f.agency.phone}; también puede presentar una queja ante la Oficina para la Protección Financiera del Consumidor en www.consumerfinance.gov/complaint.`,
      ...(licences.paragraph ? [licences.paragraph] : []),
    ],
    closing: [f.agency.name, ...licences.lines, spanishLongDate(f.sentOn)],
  };
}

