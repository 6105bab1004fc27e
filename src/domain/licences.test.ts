import { describe, expect, it } from 'vitest';
import { localDate } from './calendar.ts';
import { collectionLetters } from './letters/letter.ts';
import { validationNotice, validationNoticeEs, type ValidationNoticeFacts } from './letters/validation-notice.ts';
import { verificationLetter } from './letters/verification.ts';
import { checkLicence, COLORADO_NOTICE, licenceLines, licencesFor, type Licence } from './licences.ts';
import { fen } from './money.ts';
import { emailTemplate } from './strategy/email-template.ts';

const LICENCES: Licence[] = [
  { jurisdiction: 'US-CO', number: '991234' },
  { jurisdiction: 'US-NY', number: 'NY-55' },
  { jurisdiction: 'US-NY-NYC', number: '2091234-DCA' },
];

describe('checkLicence', () => {
  it('takes a state as US-CO, CO or co and New York City as US-NY-NYC or NYC; the number as the licence writes it', () => {
    expect(checkLicence('co', ' 991234 ')).toEqual({ jurisdiction: 'US-CO', number: '991234' });
    expect(checkLicence('US-TN', '12 34')).toEqual({ jurisdiction: 'US-TN', number: '12 34' });
    expect(checkLicence('nyc', '2091234-DCA')).toEqual({ jurisdiction: 'US-NY-NYC', number: '2091234-DCA' });
    expect(checkLicence('US-NY-NYC', 'No. 5/7#')).toEqual({ jurisdiction: 'US-NY-NYC', number: 'No. 5/7#' });
  });
  it('refuses what is not a state, and a number that is empty, too long or not printable as it is', () => {
    for (const j of ['XX', 'US-XX', 'GB', 'US-CA-LA', '', 'New York']) {
      expect(() => checkLicence(j, '1'), j).toThrow(/not a US state's code/);
    }
    for (const n of ['', '   ', 'x'.repeat(41), '12<script>', '-12']) {
      expect(() => checkLicence('CO', n), n).toThrow(/1-40 letters, digits/);
    }
  });
});

describe('licencesFor: what a communication to a debtor carries', () => {
  it('their state\'s licence; a New York debtor\'s the state\'s and the city\'s; every one when the state is not known', () => {
    expect(licencesFor(LICENCES, 'US-CO').map((l) => l.jurisdiction)).toEqual(['US-CO']);
    expect(licencesFor(LICENCES, 'US-NY').map((l) => l.jurisdiction)).toEqual(['US-NY', 'US-NY-NYC']);
    expect(licencesFor(LICENCES, 'US-NY-061').map((l) => l.jurisdiction)).toEqual(['US-NY', 'US-NY-NYC']);
    expect(licencesFor(LICENCES, null).map((l) => l.jurisdiction)).toEqual(['US-CO', 'US-NY', 'US-NY-NYC']);
    expect(licencesFor(LICENCES, 'US-TX')).toEqual([]);
    expect(licencesFor([], null)).toEqual([]);
  });
  it('writes each as the licence names it, in English and Spanish', () => {
    expect(licenceLines(LICENCES, 'US-NY', 'en')).toEqual([
      'New York collection agency license number NY-55',
      'New York City Department of Consumer and Worker Protection license number 2091234-DCA',
    ]);
    expect(licenceLines(LICENCES, 'US-CO', 'es')).toEqual(['Número de licencia de agencia de cobranza en Colorado: 991234']);
  });
});

const notice: ValidationNoticeFacts = {
  agency: { name: 'Leeway Recovery LLC', address: '100 Main St, Springfield, IL 62701', phone: '(217) 555-0100', hours: null, licences: LICENCES },
  debtorName: 'Jane Doe', address: '12 Elm St, Denver, CO 80202', creditorName: 'First Prairie Bank', accountNoMask: '4111********1234',
  product: 'credit card', itemizationDate: localDate(2026, 9, 30), itemization: fen(1_000_00), interest: fen(0), fees: fen(0), paid: fen(0),
  sentOn: localDate(2026, 11, 23), currency: 'USD', repayment: null, regionCode: 'US-CO', firstDelinquencyDate: localDate(2026, 4, 15),
};
const backOf = (n: ReturnType<typeof validationNotice>) => n.sections.filter((s) => s.debtSize).flatMap((s) => s.paragraphs);

describe('the validation notice', () => {
  it('names the licences of the debtor\'s state under the agency, and a Colorado debtor\'s carries Colorado\'s statement on the back', () => {
    const n = validationNotice(notice);
    expect(n.sender).toEqual(['Leeway Recovery LLC', '100 Main St, Springfield, IL 62701', 'Phone: (217) 555-0100', 'Colorado collection agency license number 991234']);
    expect(backOf(n)).toEqual([COLORADO_NOTICE.en]);
    const es = validationNoticeEs(notice);
    expect(es.sender.at(-1)).toBe('Número de licencia de agencia de cobranza en Colorado: 991234');
    expect(backOf(es)).toEqual([COLORADO_NOTICE.es]);
  });
  it('a Texas debtor\'s carries neither (no licence recorded there, no statement); an unknown state\'s carries every licence and the statement', () => {
    const texas = validationNotice({ ...notice, regionCode: 'US-TX' });
    expect(texas.sender).toHaveLength(3);
    expect(texas.sections.some((s) => s.debtSize)).toBe(false);
    // An unknown state: every licence, three here, more than fit under the agency's name: one sentence on the back.
    const unknown = validationNotice({ ...notice, regionCode: null });
    expect(unknown.sender).toHaveLength(3);
    expect(unknown.licences).toBe('Collection agency license numbers: Colorado 991234; New York NY-55; New York City Department of Consumer and Worker Protection 2091234-DCA.');
    expect(validationNoticeEs({ ...notice, regionCode: null }).licences).toMatch(/^Números de licencia de agencia de cobranza: Colorado 991234; /);
    expect(backOf(unknown)).toContain(COLORADO_NOTICE.en);
    expect(validationNotice(notice).licences).toBeNull();
  });
});

describe('letters and e-mails', () => {
  it('a US collection letter closes with the licences of the debtor\'s state and city, in Spanish too; a UK one with none', () => {
    const facts = { debtorName: 'Jane Doe', address: '1 W 4th St, New York, NY 10012', creditorName: 'First Prairie Bank', accountNoMask: '****1234',
      balanceFen: fen(500_00), date: localDate(2026, 11, 23), pack: 'US', regionCode: 'US-NY', licences: LICENCES };
    const [en, es] = collectionLetters(facts, 'en', 'es');
    expect(en!.closing).toContain('New York City Department of Consumer and Worker Protection license number 2091234-DCA');
    expect(en!.closing).toContain('New York collection agency license number NY-55');
    expect(es!.closing.join('\n')).toContain('Ciudad de Nueva York: 2091234-DCA');
    const [uk] = collectionLetters({ ...facts, pack: 'UK', regionCode: null }, 'en', null);
    expect(uk!.closing.join('\n')).not.toContain('license');
  });
  it('a verification letter closes with them', () => {
    const letter = verificationLetter({ agency: { name: 'Leeway Recovery LLC', address: 'x', phone: 'y', licences: LICENCES }, debtorName: 'Jane Doe',
      address: 'z', creditorName: 'First Prairie Bank', accountNoMask: '****1234', disputedOn: localDate(2026, 10, 1), reason: null, creditorNote: 'ok',
      amount: fen(1_00), currency: 'USD', sentOn: localDate(2026, 11, 23), regionCode: 'US-CO' });
    expect(letter.closing).toEqual(['Leeway Recovery LLC', 'Colorado collection agency license number 991234', 'November 23, 2026']);
  });
  it('a US e-mail carries them above its opt-out link; a Chinese or UK one does not', () => {
    const facts = { creditorName: 'First Prairie Bank', accountNoMask: '****1234', promise: null, pack: 'US', regionCode: 'US-CO', licences: LICENCES };
    const mail = emailTemplate('overdue_reminder', facts, 'https://x.example/my/unsubscribe/t')!;
    expect(mail.body).toMatch(/license number 991234\n\nTo stop e-mails from us/);
    expect(mail.body).not.toContain('NY-55');
    const spanish = emailTemplate('overdue_reminder', { ...facts, language: 'es' }, 'https://x.example/my/unsubscribe/t')!;
    expect(spanish.body).toContain('Número de licencia de agencia de cobranza en Colorado: 991234');
    for (const pack of ['UK', 'CN']) {
      expect(emailTemplate('overdue_reminder', { ...facts, pack }, 'https://x.example/u')!.body).not.toMatch(/licen/i);
    }
  });
  it('a letter or e-mail to a debtor of unknown state names many licences in one sentence at its end, not line by line', () => {
    const facts = { debtorName: 'Jane Doe', address: '9 Elm St, Springfield', creditorName: 'First Prairie Bank', accountNoMask: '****1234',
      balanceFen: fen(500_00), date: localDate(2026, 11, 23), pack: 'US', regionCode: null, licences: LICENCES };
    const [letter] = collectionLetters(facts, 'en', null);
    expect(letter!.closing.join('\n')).not.toMatch(/license/);
    expect(letter!.paragraphs.at(-1)).toBe('Collection agency license numbers: Colorado 991234; New York NY-55; New York City Department of Consumer and Worker Protection 2091234-DCA.');
    const mail = emailTemplate('overdue_reminder', { creditorName: 'First Prairie Bank', accountNoMask: '****1234', promise: null, pack: 'US', regionCode: null, licences: LICENCES },
      'https://x.example/u')!;
    expect(mail.body).toContain('Collection agency license numbers: Colorado 991234; New York NY-55; ');
  });
});
