import { describe, expect, it } from 'vitest';
import { localDate } from '../../domain/calendar.ts';
import { validationNotice, validationNoticeEs, type ValidationNoticeFacts } from '../../domain/letters/validation-notice.ts';
import { fen } from '../../domain/money.ts';
import { validationNoticesPdf } from './print-validation-notices.ts';

const facts: ValidationNoticeFacts = {
  agency: { name: 'Leeway Recovery LLC', address: '100 Main St, Springfield, IL 62701', phone: '(217) 555-0100', hours: 'Mon-Fri 9am-5pm CT',
    // Every licence goes on a notice to a debtor of unknown state: an agency licensed in 44 states and New York City, so one
    // sentence on the back of the sheet, in a smaller type.
    licences: [...['AL', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'FL', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'NE',
      'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OR', 'PA', 'RI', 'TN', 'TX', 'UT', 'VT', 'WA', 'WV', 'WI', 'WY', 'SC']
      .map((state) => ({ jurisdiction: `US-${state}`, number: '1234567-AB' })), { jurisdiction: 'US-NY-NYC', number: '2091234-DCA' }] },
  debtorName: 'Jane Doe', address: '12 Oak Ave, Peoria, IL 61602', creditorName: 'First Prairie Bank', accountNoMask: '4111********1234',
  product: 'credit card', itemizationDate: localDate(2026, 9, 30), itemization: fen(2_234_56), interest: fen(0), fees: fen(25_00), paid: fen(50_00),
  sentOn: localDate(2026, 11, 23), currency: 'USD',
  repayment: 'online at firstprairie.example/pay, by phone at 1-800-555-0199 (24 hours), or at any First Prairie Bank branch',
  // The state not known: the shortest period of limitations (time-barred), California's notice of rights, Colorado's
  // statement, Massachusetts's notice, New York State's disclosures and New York City's language services, and every
  // licence: the most any notice carries.
  regionCode: null, firstDelinquencyDate: localDate(2016, 4, 15), disputeUrl: 'https://collections.leeway-recovery.example/my',
};
const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;

describe('validation notices as one PDF', () => {
  it('gives each debtor one US Letter sheet, the response form included, even with the time-barred section, a long way to pay and the state notices', async () => {
    const barred = validationNotice(facts);
    expect(barred.timeBarred).toBe(true);
    expect(barred.sender).toHaveLength(3);
    expect(barred.licences!.split('; ')).toHaveLength(44 + 1);
    expect(barred.sections.at(-1)!.paragraphs).toHaveLength(6);
    const recent = validationNotice({ ...facts, firstDelinquencyDate: localDate(2026, 4, 15), repayment: null, regionCode: 'US-IL' });
    // Each has its one front; the state notices go on the back of the sheet. Printed double-sided, an Illinois notice
    // (no back) among them gets a blank back, so the next notice starts its own sheet.
    expect(pages(await validationNoticesPdf([barred, recent, barred], 'test'))).toBe(2 + 2 + 2);
    // A run with no back at all is printed one side: a page each.
    expect(pages(await validationNoticesPdf([recent, recent], 'test'))).toBe(1 + 1);
  });
  it('the Spanish notice, longer in words, still fits its own sheet in the same worst case', async () => {
    const barred = validationNoticeEs(facts);
    expect(barred.timeBarred).toBe(true);
    expect(barred.licences).toMatch(/^Números de licencia de agencia de cobranza: Alabama 1234567-AB; /);
    expect(barred.sections.at(-1)!.paragraphs).toHaveLength(6);
    expect(pages(await validationNoticesPdf([validationNotice(facts), barred, barred], 'test'))).toBe(6);
  });
  it("a back that runs over (long state notices the agency recorded) is followed by a blank side: the next notice starts its own sheet", async () => {
    const long = 'A state notice as long as the law makes it. '.repeat(60);
    const overflowing = validationNotice({ ...facts, agency: { ...facts.agency, stateNotices: [{ jurisdiction: 'US-MN', en: long, es: null }, { jurisdiction: 'US-TN', en: long, es: null }] } });
    // Front, a back over two pages, a blank side; then the next notice's front and back.
    expect(pages(await validationNoticesPdf([overflowing, validationNotice(facts)], 'test'))).toBe(4 + 2);
  });
});

