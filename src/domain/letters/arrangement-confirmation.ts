/**
 * The written confirmation of a payment arrangement (还款安排确认函) New York State asks of a debt
 * collector (23 NYCRR 1.5(b)): within five days of agreeing a debt payment schedule or an agreement
 * to settle a debt, the consumer gets in writing every material term of what they agreed, and the
 * notice of the income a money judgment may not take. Leeway's arrangements are a promise to pay
 * (承诺还款: one amount by a date), a settlement (减免: a discounted sum, at once or in dated
 * instalments) and an instalment plan (分期还款计划, a hardship plan the creditor approved).
 *
 * While the consumer pays under a schedule (a settlement in instalments, a plan), the same rule asks
 * for an accounting at least every three months: arrangementStatement.
 *
 * Applied where New York's rules bind: a debtor in New York, or whose state is not known (the
 * strict reading, as for the city's rules). U: whether a one-off promise to pay is a "debt payment
 * schedule" (confirmed here, the strict reading), the days (calendar days here), and the paragraph
 * of the quarterly accounting.
 */
import { addDays, addMonths, englishLongDate, spanishLongDate, type LocalDate } from '../calendar.ts';
import { underNewYorkCityRules } from '../language.ts';
import { licenceNotice, type Licence } from '../licences.ts';
import { lastFour } from '../masking.ts';
import { formatMoney, type Fen } from '../money.ts';
import type { Letter } from './letter.ts';

export type ArrangementKind = 'promise' | 'settlement' | 'plan';

export interface Instalment { dueDate: LocalDate; amount: Fen }

export type ArrangementTerms =
  | { kind: 'promise'; amount: Fen; dueDate: LocalDate }
  | { kind: 'settlement'; balance: Fen; settle: Fen; schedule: readonly Instalment[] }
  | { kind: 'plan'; schedule: readonly Instalment[] };

export interface ArrangementFacts {
  agency: { name: string; address: string; phone: string; licences?: readonly Licence[] };
  debtorName: string;
  address: string;
  creditorName: string;
  accountNoMask: string;
  /** The day it was agreed (the promise taken, the settlement approved, the plan in force). */
  agreedOn: LocalDate;
  sentOn: LocalDate;
  terms: ArrangementTerms;
  /** 还款方式 in English, as the agency's admin wrote it; null: the creditor's official channels. */
  repayment: string | null;
  /** The debtor's state as on file; null: not known. */
  regionCode: string | null;
}

/** Whether New York's rule asks for the confirmation: a US debtor in New York, or of unknown state. */
export function needsArrangementConfirmation(pack: string | null | undefined, regionCode: string | null): boolean {
  // The state's rule binds wherever the city's does (the city is in the state; unknown: the strict reading).
  return underNewYorkCityRules(pack, regionCode);
}

/**
 * The clock an arrangement's day is read on: New York's, whose rules ask for the letters (the
 * debtor agreed on their own day: a promise taken at 9 pm in New York is of that day there,
 * though the agency in Shanghai is on the next).
 */
export const ARRANGEMENT_ZONE = 'America/New_York';

/** The last day the confirmation may go: five days after the arrangement was agreed. */
export function confirmationDueBy(agreedOn: LocalDate): LocalDate {
  return addDays(agreedOn, 5);
}

/** 23 NYCRR 1.5(b)(2): its words. */
export const EXEMPT_INCOME_NOTICE = 'If a creditor or debt collector receives a money judgment against you in court, state and federal laws prevent the '
  + 'following types of income from being taken to pay the debt: 1. Supplemental security income, (SSI); 2. Social security; 3. Public assistance (welfare); '
  + '4. Spousal support, maintenance (alimony) or child support; 5. Unemployment benefits; 6. Disability benefits; 7. Workers\' compensation benefits; '
  + '8. Public or private pensions; 9. Veterans\' benefits; 10. Federal student loans, federal student grants, and federal work study funds; and '
  + '11. Ninety percent of your wages or salary earned in the last sixty days.';

const usd = (amount: Fen) => formatMoney(amount, 'USD', 'en');
const day = (date: LocalDate) => englishLongDate(date, 'US');

/** The terms as the debtor agreed them, one line each. */
function termLines(terms: ArrangementTerms, creditorName: string): string[] {
  const schedule = (items: readonly Instalment[]) => items.map((i, n) => `Payment ${n + 1}: ${usd(i.amount)} by ${day(i.dueDate)}.`);
  switch (terms.kind) {
    case 'promise':
      return [`You will pay ${usd(terms.amount)} by ${day(terms.dueDate)}.`];
    case 'settlement':
      return [
        `${creditorName} will accept ${usd(terms.settle)} in settlement of the balance of ${usd(terms.balance)}`
          + (terms.schedule.length > 1 ? `, paid in ${terms.schedule.length} payments:` : `, paid by ${day(terms.schedule[0]!.dueDate)}.`),
        ...(terms.schedule.length > 1 ? schedule(terms.schedule) : []),
        `When the ${usd(terms.settle)} is paid on time, ${creditorName} treats the debt as settled. If a payment is missed, the settlement lapses and the balance is owed as before, less what you paid.`,
      ];
    case 'plan': {
      const total = terms.schedule.reduce((sum, i) => sum + i.amount, 0) as Fen;
      return [
        `A payment plan of ${terms.schedule.length} payments, ${usd(total)} in all, approved by ${creditorName}:`,
        ...schedule(terms.schedule),
        'If a payment is missed and not made up within the grace period of your plan, the plan ends and the balance is owed as before, less what you paid.',
      ];
    }
  }
}

const TITLES: Record<ArrangementKind, string> = {
  promise: 'Confirmation of your promise to pay',
  settlement: 'Confirmation of your settlement agreement',
  plan: 'Confirmation of your payment plan',
};

export function arrangementConfirmation(f: ArrangementFacts): Letter {
  const last4 = lastFour(f.accountNoMask);
  const licences = licenceNotice(f.agency.licences ?? [], f.regionCode, 'en');
  return {
    address: [f.debtorName, f.address],
    title: TITLES[f.terms.kind],
    greeting: `Dear ${f.debtorName},`,
    paragraphs: [
      'This communication is from a debt collector.',
      `On ${day(f.agreedOn)} you agreed with us about your ${f.creditorName} account ending ${last4}. These are the terms:`,
      ...termLines(f.terms, f.creditorName),
      `How to pay: ${f.repayment ?? `through ${f.creditorName}'s official channels`}. We do not take payments ourselves and will never ask you to pay into a personal account.`,
      `If these are not the terms you agreed, or you can no longer keep them, call us at ${f.agency.phone} or write to us at ${f.agency.address}.`,
      EXEMPT_INCOME_NOTICE,
      ...(licences.paragraph ? [licences.paragraph] : []),
    ],
    closing: [f.agency.name, ...licences.lines, day(f.sentOn)],
  };
}

/** The day the next accounting is due: three months after the confirmation or the last statement. */
export function statementDueOn(lastSentOn: LocalDate): LocalDate {
  return addMonths(lastSentOn, 3);
}

export interface StatementFacts {
  agency: ArrangementFacts['agency'];
  debtorName: string;
  address: string;
  creditorName: string;
  accountNoMask: string;
  kind: 'settlement' | 'plan';
  agreedOn: LocalDate;
  /** What the arrangement asks for in all, and what was paid on the account since it was agreed (reversals netted). */
  agreed: Fen;
  paid: Fen;
  /** Its payments still to come (due on or after the statement's date). */
  upcoming: readonly Instalment[];
  sentOn: LocalDate;
  repayment: string | null;
  regionCode: string | null;
}

/** The accounting of an arrangement the debtor pays under a schedule (23 NYCRR 1.5(b), at least quarterly). */
export function arrangementStatement(f: StatementFacts): Letter {
  const last4 = lastFour(f.accountNoMask);
  const what = f.kind === 'plan' ? 'payment plan' : 'settlement';
  const left = Math.max(0, f.agreed - f.paid) as Fen;
  const licences = licenceNotice(f.agency.licences ?? [], f.regionCode, 'en');
  return {
    address: [f.debtorName, f.address],
    title: `Statement of your ${what}`,
    greeting: `Dear ${f.debtorName},`,
    paragraphs: [
      'This communication is from a debt collector.',
      `This is the statement of the ${what} you agreed on ${day(f.agreedOn)} for your ${f.creditorName} account ending ${last4}, as of ${day(f.sentOn)}.`,
      `Agreed in all: ${usd(f.agreed)}. Paid since then: ${usd(f.paid)}. Left to pay under the ${what}: ${usd(left)}.`,
      ...(f.upcoming.length > 0 ? ['Your next payments:', ...f.upcoming.map((i) => `${usd(i.amount)} by ${day(i.dueDate)}.`)] : [`No payment under the ${what} is due after today.`]),
      `How to pay: ${f.repayment ?? `through ${f.creditorName}'s official channels`}. We do not take payments ourselves and will never ask you to pay into a personal account.`,
      `If anything here is wrong, or you can no longer keep up the payments, call us at ${f.agency.phone} or write to us at ${f.agency.address}. `
        + `We send this statement every three months while you pay under the ${what}.`,
      ...(licences.paragraph ? [licences.paragraph] : []),
    ],
    closing: [f.agency.name, ...licences.lines, day(f.sentOn)],
  };
}

/** 23 NYCRR 1.5(b)(2) in Spanish (ours, U). */
export const EXEMPT_INCOME_NOTICE_ES = 'Si un acreedor o un cobrador de deudas obtiene una sentencia de pago en su contra en un tribunal, las leyes estatales y '
  + 'federales impiden que los siguientes tipos de ingresos se tomen para pagar la deuda: 1. Seguridad de Ingreso Suplementario (SSI); 2. Seguro Social; '
  + '3. Asistencia pública; 4. Manutención del cónyuge, pensión alimenticia o manutención de los hijos; 5. Beneficios de desempleo; 6. Beneficios por '
  + 'discapacidad; 7. Beneficios de compensación laboral; 8. Pensiones públicas o privadas; 9. Beneficios para veteranos; 10. Préstamos federales para '
  + 'estudiantes, subvenciones federales para estudiantes y fondos federales de estudio y trabajo; y 11. El noventa por ciento de su sueldo o salario '
  + 'ganado en los últimos sesenta días.';

const dia = (date: LocalDate) => spanishLongDate(date);

function termLinesEs(terms: ArrangementTerms, creditorName: string): string[] {
  const schedule = (items: readonly Instalment[]) => items.map((i, n) => `Pago ${n + 1}: ${usd(i.amount)} a más tardar el ${dia(i.dueDate)}.`);
  switch (terms.kind) {
    case 'promise':
      return [`Usted pagará ${usd(terms.amount)} a más tardar el ${dia(terms.dueDate)}.`];
    case 'settlement':
      return [
        `${creditorName} aceptará ${usd(terms.settle)} como liquidación del saldo de ${usd(terms.balance)}`
          + (terms.schedule.length > 1 ? `, pagados en ${terms.schedule.length} pagos:` : `, pagados a más tardar el ${dia(terms.schedule[0]!.dueDate)}.`),
        ...(terms.schedule.length > 1 ? schedule(terms.schedule) : []),
        `Cuando los ${usd(terms.settle)} se paguen a tiempo, ${creditorName} dará la deuda por liquidada. Si no se hace un pago, la liquidación queda sin efecto y se debe el saldo como antes, menos lo que usted haya pagado.`,
      ];
    case 'plan': {
      const total = terms.schedule.reduce((sum, i) => sum + i.amount, 0) as Fen;
      return [
        `Un plan de ${terms.schedule.length} pagos, ${usd(total)} en total, aprobado por ${creditorName}:`,
        ...schedule(terms.schedule),
        'Si no se hace un pago y no se recupera dentro del período de gracia de su plan, el plan termina y se debe el saldo como antes, menos lo que usted haya pagado.',
      ];
    }
  }
}

const TITLES_ES: Record<ArrangementKind, string> = {
  promise: 'Confirmación de su promesa de pago',
  settlement: 'Confirmación de su acuerdo de liquidación',
  plan: 'Confirmación de su plan de pagos',
};

/** The confirmation in Spanish (ours, U): the same facts, after the English one for a debtor who reads Spanish. */
export function arrangementConfirmationEs(f: ArrangementFacts): Letter {
  const last4 = lastFour(f.accountNoMask);
  const licences = licenceNotice(f.agency.licences ?? [], f.regionCode, 'es');
  return {
    address: [f.debtorName, f.address],
    title: TITLES_ES[f.terms.kind],
    greeting: `Estimado/a ${f.debtorName}:`,
    paragraphs: [
      'Esta comunicación proviene de un cobrador de deudas.',
      `El ${dia(f.agreedOn)} usted acordó con nosotros los siguientes términos sobre su cuenta de ${f.creditorName} que termina en ${last4}:`,
      ...termLinesEs(f.terms, f.creditorName),
      `Cómo pagar: ${f.repayment ?? `por los canales oficiales de ${f.creditorName}`}. No aceptamos pagos nosotros mismos y nunca le pediremos que pague a una cuenta personal.`,
      `Si estos no son los términos que acordó, o ya no puede cumplirlos, llámenos al ${f.agency.phone} o escríbanos a ${f.agency.address}.`,
      EXEMPT_INCOME_NOTICE_ES,
      ...(licences.paragraph ? [licences.paragraph] : []),
    ],
    closing: [f.agency.name, ...licences.lines, dia(f.sentOn)],
  };
}

/** The statement in Spanish (ours, U). */
export function arrangementStatementEs(f: StatementFacts): Letter {
  const last4 = lastFour(f.accountNoMask);
  const what = f.kind === 'plan' ? 'plan de pagos' : 'acuerdo de liquidación';
  const left = Math.max(0, f.agreed - f.paid) as Fen;
  const licences = licenceNotice(f.agency.licences ?? [], f.regionCode, 'es');
  return {
    address: [f.debtorName, f.address],
    title: `Estado de cuenta de su ${what}`,
    greeting: `Estimado/a ${f.debtorName}:`,
    paragraphs: [
      'Esta comunicación proviene de un cobrador de deudas.',
      `Este es el estado de cuenta del ${what} que usted acordó el ${dia(f.agreedOn)} para su cuenta de ${f.creditorName} que termina en ${last4}, al ${dia(f.sentOn)}.`,
      `Acordado en total: ${usd(f.agreed)}. Pagado desde entonces: ${usd(f.paid)}. Queda por pagar según el ${what}: ${usd(left)}.`,
      ...(f.upcoming.length > 0 ? ['Sus próximos pagos:', ...f.upcoming.map((i) => `${usd(i.amount)} a más tardar el ${dia(i.dueDate)}.`)] : [`No vence ningún pago del ${what} después de hoy.`]),
      `Cómo pagar: ${f.repayment ?? `por los canales oficiales de ${f.creditorName}`}. No aceptamos pagos nosotros mismos y nunca le pediremos que pague a una cuenta personal.`,
      `Si algo aquí no es correcto, o ya no puede hacer los pagos, llámenos al ${f.agency.phone} o escríbanos a ${f.agency.address}. `
        + `Le enviamos este estado de cuenta cada tres meses mientras paga según el ${what}.`,
      ...(licences.paragraph ? [licences.paragraph] : []),
    ],
    closing: [f.agency.name, ...licences.lines, dia(f.sentOn)],
  };
}
