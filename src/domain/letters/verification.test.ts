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
  it('substantiates a New York charged-off debt (23 NYCRR 1.4(c)): the enclosures, the chain of title, the charge-off, the settlements agreed', () => {
    const substantiated = { ...facts, substantiation: { chargedOffOn: localDate(2025, 12, 31), chargeOffBalance: fen(200_000),
      settlements: [{ agreedOn: localDate(2026, 1, 20), amount: fen(150_000) }] } };
    const letter = verificationLetter(substantiated);
    expect(letter.title).toBe('Verification and substantiation of your debt');
    expect(letter.paragraphs.slice(4, 7)).toEqual([
      'Substantiation of the debt (New York, 23 NYCRR 1.4). We have taken your dispute as a request for substantiation of this charged-off debt. '
        + 'Enclosed with this letter are: (1) a copy of the signed contract or signed application that created the debt or, if there is none, '
        + 'the most recent monthly statement recording a purchase, payment or balance transfer; and (2) the statement of the account at charge-off that First Prairie Bank issued to you.',
      'Chain of title: First Prairie Bank is the original creditor and still owns the debt; it has not been assigned, sold or transferred. '
        + 'Leeway Recovery LLC collects it on First Prairie Bank\'s behalf. First Prairie Bank charged off the debt on December 31, 2025, when $2,000.00 was owed.',
      'Settlement agreements on this debt: agreed on January 20, 2026, to settle for $1,500.00.',
    ]);
    expect(letter.paragraphs[7]).toMatch(/^With this verification sent to you, we may resume collecting/);
    const none = verificationLetter({ ...substantiated, substantiation: { ...substantiated.substantiation, settlements: [] } });
    expect(none.paragraphs[6]).toBe('Settlement agreements: no settlement of this debt has been agreed with us.');
    const es = verificationLetterEs(substantiated);
    expect(es.title).toBe('Verificación y justificación de su deuda');
    expect(es.paragraphs.slice(4, 7).map((p) => p.slice(0, 40))).toEqual(['Justificación de la deuda (Nueva York, 2', 'Cadena de titularidad: First Prairie Ban',
      'Acuerdos de liquidación de esta deuda: a']);
    expect(es.paragraphs[5]).toContain('el 31 de diciembre de 2025, cuando se debían $2,000.00.');
    // Without it, the letter is the verification alone.
    expect(verificationLetter(facts).paragraphs).toHaveLength(5);
  });
});
