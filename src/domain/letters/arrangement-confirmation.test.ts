import { describe, expect, it } from 'vitest';
import { localDate } from '../calendar.ts';
import { fen } from '../money.ts';
import { withSpanish } from './letter.ts';
import {
  arrangementConfirmation, arrangementConfirmationEs, arrangementStatement, arrangementStatementEs, confirmationDueBy, EXEMPT_INCOME_NOTICE, EXEMPT_INCOME_NOTICE_ES,
  needsArrangementConfirmation, statementDueOn, type ArrangementFacts,
} from './arrangement-confirmation.ts';

const facts: ArrangementFacts = {
  agency: { name: 'Leeway Recovery LLC', address: '100 Main St, Springfield, IL 62701', phone: '(217) 555-0100',
    licences: [{ jurisdiction: 'US-NY-NYC', number: '2091234-DCA' }, { jurisdiction: 'US-CO', number: '1' }] },
  debtorName: 'Jane Doe', address: '1 W 4th St, New York, NY 10012', creditorName: 'First Prairie Bank', accountNoMask: '****1234',
  agreedOn: localDate(2026, 3, 2), sentOn: localDate(2026, 3, 3), terms: { kind: 'promise', amount: fen(150_00), dueDate: localDate(2026, 3, 10) },
  repayment: null, regionCode: 'US-NY',
};

describe('the written confirmation of a payment arrangement (23 NYCRR 1.5(b))', () => {
  it('is owed to a US debtor in New York or of unknown state, within five days of the agreement', () => {
    expect(needsArrangementConfirmation('US', 'US-NY')).toBe(true);
    expect(needsArrangementConfirmation('US', 'US-NY-061')).toBe(true);
    expect(needsArrangementConfirmation('US', null)).toBe(true);
    expect(needsArrangementConfirmation('US', 'US-IL')).toBe(false);
    expect(needsArrangementConfirmation('UK', null)).toBe(false);
    expect(needsArrangementConfirmation('CN', null)).toBe(false);
    expect(confirmationDueBy(localDate(2026, 2, 27))).toBe('2026-03-04');
  });

  it('a promise: who writes, what was agreed and when, how to pay, what to do if it is wrong, and the notice in its words', () => {
    const l = arrangementConfirmation(facts);
    expect(l.title).toBe('Confirmation of your promise to pay');
    expect(l.paragraphs.slice(0, 3)).toEqual([
      'This communication is from a debt collector.',
      'On March 2, 2026 you agreed with us about your First Prairie Bank account ending 1234. These are the terms:',
      'You will pay $150.00 by March 10, 2026.',
    ]);
    expect(l.paragraphs).toContain('If these are not the terms you agreed, or you can no longer keep them, call us at (217) 555-0100 or write to us at 100 Main St, Springfield, IL 62701.');
    expect(l.paragraphs.at(-1)).toBe(EXEMPT_INCOME_NOTICE);
    expect(EXEMPT_INCOME_NOTICE).toMatch(/^If a creditor or debt collector receives a money judgment against you in court, state and federal laws prevent the following types of income/);
    // The city's licence for a New York debtor; not Colorado's.
    expect(l.closing).toEqual(['Leeway Recovery LLC', 'New York City Department of Consumer and Worker Protection license number 2091234-DCA', 'March 3, 2026']);
  });

  it('a settlement: the sum, the balance it settles, each payment, and what happens if one is missed; a plan: its payments and total', () => {
    const settlement = arrangementConfirmation({ ...facts, terms: { kind: 'settlement', balance: fen(1200_00), settle: fen(1000_00),
      schedule: [{ dueDate: localDate(2026, 3, 31), amount: fen(500_00) }, { dueDate: localDate(2026, 4, 30), amount: fen(500_00) }] } });
    expect(settlement.paragraphs.slice(2, 6)).toEqual([
      'First Prairie Bank will accept $1,000.00 in settlement of the balance of $1,200.00, paid in 2 payments:',
      'Payment 1: $500.00 by March 31, 2026.',
      'Payment 2: $500.00 by April 30, 2026.',
      'When the $1,000.00 is paid on time, First Prairie Bank treats the debt as settled. If a payment is missed, the settlement lapses and the balance is owed as before, less what you paid.',
    ]);
    const lump = arrangementConfirmation({ ...facts, terms: { kind: 'settlement', balance: fen(1200_00), settle: fen(900_00), schedule: [{ dueDate: localDate(2026, 3, 31), amount: fen(900_00) }] } });
    expect(lump.paragraphs[2]).toBe('First Prairie Bank will accept $900.00 in settlement of the balance of $1,200.00, paid by March 31, 2026.');
    const plan = arrangementConfirmation({ ...facts, terms: { kind: 'plan', schedule: [{ dueDate: localDate(2026, 3, 31), amount: fen(300_00) }, { dueDate: localDate(2026, 4, 30), amount: fen(300_50) }] } });
    expect(plan.title).toBe('Confirmation of your payment plan');
    expect(plan.paragraphs[2]).toBe('A payment plan of 2 payments, $600.50 in all, approved by First Prairie Bank:');
    expect(plan.paragraphs[4]).toBe('Payment 2: $300.50 by April 30, 2026.');
  });
});

describe('the statement of an arrangement paid under a schedule (at least every three months)', () => {
  const base = { agency: facts.agency, debtorName: 'Jane Doe', address: facts.address, creditorName: 'First Prairie Bank', accountNoMask: '****1234',
    kind: 'plan' as const, agreedOn: localDate(2026, 3, 2), agreed: fen(600_00), paid: fen(300_00), sentOn: localDate(2026, 6, 2),
    upcoming: [{ dueDate: localDate(2026, 6, 30), amount: fen(300_00) }], repayment: null, regionCode: 'US-NY' };

  it('is due three months after the confirmation or the last statement, the month\'s end kept', () => {
    expect(statementDueOn(localDate(2026, 3, 2))).toBe('2026-06-02');
    expect(statementDueOn(localDate(2026, 11, 30))).toBe('2027-02-28');
  });

  it('says what was agreed, paid and is left, and the payments to come', () => {
    const l = arrangementStatement(base);
    expect(l.title).toBe('Statement of your payment plan');
    expect(l.paragraphs.slice(0, 5)).toEqual([
      'This communication is from a debt collector.',
      'This is the statement of the payment plan you agreed on March 2, 2026 for your First Prairie Bank account ending 1234, as of June 2, 2026.',
      'Agreed in all: $600.00. Paid since then: $300.00. Left to pay under the payment plan: $300.00.',
      'Your next payments:',
      '$300.00 by June 30, 2026.',
    ]);
    // Paid more than agreed (another payment on the account): nothing is left, never a negative amount.
    const done = arrangementStatement({ ...base, kind: 'settlement', paid: fen(700_00), upcoming: [] });
    expect(done.paragraphs[2]).toBe('Agreed in all: $600.00. Paid since then: $700.00. Left to pay under the settlement: $0.00.');
    expect(done.paragraphs[3]).toBe('No payment under the settlement is due after today.');
  });
});

describe('in Spanish, after the English letter, for a debtor who reads it', () => {
  it('the confirmation and the statement say the same in Spanish; only a Spanish reader gets the second page', () => {
    const pages = withSpanish(arrangementConfirmation, arrangementConfirmationEs, facts, 'es');
    expect(pages.map((l) => l.title)).toEqual(['Confirmation of your promise to pay', 'Confirmación de su promesa de pago']);
    expect(pages[1]!.paragraphs.slice(0, 3)).toEqual([
      'Esta comunicación proviene de un cobrador de deudas.',
      'El 2 de marzo de 2026 usted acordó con nosotros los siguientes términos sobre su cuenta de First Prairie Bank que termina en 1234:',
      'Usted pagará $150.00 a más tardar el 10 de marzo de 2026.',
    ]);
    expect(pages[1]!.paragraphs.at(-1)).toBe(EXEMPT_INCOME_NOTICE_ES);
    expect(EXEMPT_INCOME_NOTICE_ES.match(/\b\d{1,2}\. /g)).toHaveLength(11);
    expect(pages[1]!.closing[1]).toBe('Número de licencia del Departamento de Protección del Consumidor y del Trabajador de la Ciudad de Nueva York: 2091234-DCA');
    expect(withSpanish(arrangementConfirmation, arrangementConfirmationEs, facts, null)).toHaveLength(1);
    expect(withSpanish(arrangementConfirmation, arrangementConfirmationEs, facts, 'zh')).toHaveLength(1);
    const statement = arrangementStatementEs({ agency: facts.agency, debtorName: 'Jane Doe', address: facts.address, creditorName: 'First Prairie Bank',
      accountNoMask: '****1234', kind: 'plan', agreedOn: localDate(2026, 3, 2), agreed: fen(600_00), paid: fen(300_00), sentOn: localDate(2026, 6, 2),
      upcoming: [], repayment: null, regionCode: 'US-NY' });
    expect(statement.paragraphs[2]).toBe('Acordado en total: $600.00. Pagado desde entonces: $300.00. Queda por pagar según el plan de pagos: $300.00.');
    expect(arrangementStatement({ ...statementBase(), upcoming: [] }).paragraphs.length).toBe(statement.paragraphs.length);
  });
});

function statementBase() {
  return { agency: facts.agency, debtorName: 'Jane Doe', address: facts.address, creditorName: 'First Prairie Bank', accountNoMask: '****1234', kind: 'plan' as const,
    agreedOn: localDate(2026, 3, 2), agreed: fen(600_00), paid: fen(300_00), sentOn: localDate(2026, 6, 2), upcoming: [], repayment: null, regionCode: 'US-NY' };
}

