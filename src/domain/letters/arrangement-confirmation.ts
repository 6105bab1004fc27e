/**
 * The written confirmation of a payment arrangement (还款安排确认函) New York State asks of a debt
 * collector (23 NYCRR 1.5(b)): within five days of agreeing a debt payment schedule or an agreement
 * to settle a debt, the consumer gets in writing every material term of what they agreed, and the
 * notice of the income a money judgment may not take. Leeway's arrangements are a promise to pay
 * (承诺还款: one amount by a date), a settlement (减免: a discounted sum, at once or in dated
 * instalments) and an instalment plan (分期还款计划, a hardship plan the creditor approved).
 *
 * Applied where New York's rules bind: a debtor in New York, or whose state is not known (the
 * strict reading, as for the city's rules). U: whether a one-off promise to pay is a "debt payment
 * schedule" (confirmed here, the strict reading), and the days (calendar days here).
 */
import { addDays, englishLongDate, type LocalDate } from '../calendar.ts';
import { underNewYorkCityRules } from '../language.ts';
import { licenceLines, type Licence } from '../licences.ts';
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
    ],
    closing: [f.agency.name, ...licenceLines(f.agency.licences ?? [], f.regionCode, 'en'), day(f.sentOn)],
  };
}
