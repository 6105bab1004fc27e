import { describe, expect, it } from 'vitest';
import { localDate } from '../../domain/calendar.ts';
import { validationNotice, validationNoticeEs, type ValidationNoticeFacts } from '../../domain/letters/validation-notice.ts';
import { fen } from '../../domain/money.ts';
import { pdfPageDrawings, standardFontTextIn } from '../../../test/support/pdf.ts';
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
/** #B00020 as pdfkit writes a fill colour: its RGB fractions. */
const DARK_RED = '0.6901960784313725 0 0.12549019607843137';

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
  it("New York's notice on a time-barred debt stands on the front in 12-point dark red (New York City's rules), and the notice keeps its one sheet", async () => {
    // A New York debtor: the agency's New York and New York City licences under its name; the English notice and the Spanish one.
    const ny = { ...facts, regionCode: 'US-NY', address: '12 Oak Ave, Brooklyn, NY 11201' };
    const notices = [validationNotice(ny), validationNoticeEs(ny)];
    expect(notices.map((n) => n.sender.length)).toEqual([5, 5]);
    const pdf = await validationNoticesPdf(notices, 'test');
    expect(pages(pdf)).toBe(2 + 2);
    const [enFront, enBack, esFront, esBack] = pdfPageDrawings(pdf);
    // On the front, in a contrasting colour and in 12 points, the words themselves; nothing red on the backs.
    expect(standardFontTextIn(enFront!, DARK_RED)).toMatch(/^New York State regulations require us to tell you the following; it is not legal advice\. .* First Prairie Bank will not sue you for it\.$/);
    expect(standardFontTextIn(esFront!, DARK_RED)).toMatch(/^Las normas del Estado de Nueva York nos obligan a informarle lo siguiente; .* First Prairie Bank no le demandará por ella\.$/);
    for (const front of [enFront!, esFront!]) {
      const red = front.indexOf(`${DARK_RED} scn`);
      expect(front.slice(red, front.indexOf('0 0 0 scn', red))).toMatch(/\/F\d+ 12 Tf/);
    }
    expect(`${enBack}${esBack}`).not.toContain(DARK_RED);
    // A debtor elsewhere (Illinois), the same old debt: the general words, all black.
    const il = await validationNoticesPdf([validationNotice({ ...facts, regionCode: 'US-IL' })], 'test');
    expect(pdfPageDrawings(il).join('\n')).not.toContain(DARK_RED);
  });
  it("the state notices on the back are set in the type of the front's figures, whatever scale the front took", async () => {
    // The worst case (state unknown, every notice, 45 licences) in Spanish takes the front's smallest scale; a short Illinois-like front does not.
    const sizes = (drawing: string) => [...drawing.matchAll(/\/F\d+ ([\d.]+) Tf/g)].map((m) => Number(m[1]));
    const [front, back] = pdfPageDrawings(await validationNoticesPdf([validationNoticeEs(facts)], 'test'));
    // The front took a smaller scale than 1 (its headings under 10.5 points), and every size on the back is one of the front's:
    // the paragraphs in the figures' type, the headings in the front's headings' type.
    expect(Math.max(...sizes(front!).filter((size) => size !== 12))).toBeLessThan(10.5);
    expect(new Set(sizes(back!)).size).toBeGreaterThan(2);
    for (const size of sizes(back!)) expect(sizes(front!)).toContain(size);
    const [plainFront, plainBack] = pdfPageDrawings(await validationNoticesPdf([validationNotice({ ...facts, regionCode: 'US-CA', firstDelinquencyDate: localDate(2025, 1, 1) })], 'test'));
    expect(Math.max(...sizes(plainFront!))).toBe(10.5);
    expect(sizes(plainBack!)).toContain(10);
  });
});
