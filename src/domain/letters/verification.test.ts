import { describe, expect, it } from 'vitest';
import { localDate } from '../calendar.ts';
import { fen } from '../money.ts';
import { verificationLetter, verificationLetterEs } from './verification.ts';

describe('the verification of a disputed debt (12 CFR 1006.38(d)(2))', () => {
  const facts = { agency: { name: 'Leeway Recovery LLC', address: '100 Main St, Springfield, IL 62701', phone: '(217) 555-0100' }, debtorName: 'Jane Doe',
    address: '12 Oak Ave, Peoria, IL 61602', creditorName: 'First Prairie Bank', accountNoMask: '4111********1234', disputedOn: localDate(2026, 3, 2),
    reason: 'wrong_amount' as const, creditorNote: 'Statement of 2025-09-30 enclosed; the balance is correct.', amount: fen(223_456), currency: 'USD' as const,
    sentOn: localDate(2026, 3, 9) };
  it('says it is from a debt collector, what was disputed and found, the amount, and where to turn next', () => {
    const letter = verificationLetter(facts);
    expect(letter.paragraphs[0]).toBe('This communication is from a debt collector.');
    expect(letter.paragraphs[1]).toBe('On March 2, 2026 you disputed your First Prairie Bank account ending 1234 (you told us the amount is wrong). '
      + 'We stopped collecting it while we asked First Prairie Bank to verify the debt.');
    expect(letter.paragraphs[2]).toBe('First Prairie Bank has verified the debt. What it found: Statement of 2025-09-30 enclosed; the balance is correct.');
    expect(letter.paragraphs[3]).toBe('The amount of the debt is $2,234.56.');
    expect(letter.paragraphs[4]).toContain('www.consumerfinance.gov/complaint');
    expect(JSON.stringify(letter)).not.toContain('4111');
  });
  it('in Spanish, the same facts, the creditor\'s finding in its own words', () => {
    const letter = verificationLetterEs(facts);
    expect(letter.title).toBe('Verificación de su deuda');
    expect(letter.paragraphs[0]).toBe('Esta comunicación proviene de un cobrador de deudas.');
    expect(letter.paragraphs[1]).toBe('El 2 de marzo de 2026 usted disputó su cuenta de First Prairie Bank que termina en 1234 (usted nos dijo que la cantidad es incorrecta). '
      + 'Dejamos de cobrarla mientras pedíamos a First Prairie Bank que verificara la deuda.');
    expect(letter.paragraphs[2]).toBe('First Prairie Bank ha verificado la deuda. Lo que encontró: Statement of 2025-09-30 enclosed; the balance is correct.');
    expect(letter.paragraphs[3]).toBe('La cantidad de la deuda es $2,234.56.');
    expect(letter.closing).toEqual(['Leeway Recovery LLC', '9 de marzo de 2026']);
  });
});
