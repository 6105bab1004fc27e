import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, localDate, spanishLongDate } from '../calendar.ts';
import { isUsBusinessDay } from '../holidays-us.ts';
import { LANGUAGE_ACCESS } from '../language.ts';
import { COLORADO_NOTICE } from '../licences.ts';
import { fen } from '../money.ts';
import {
  MASSACHUSETTS_NOTICE, NEW_YORK_NOTICE, ROSENTHAL_NOTICE, SPANISH_OFFER, validationNotice, validationNoticeEmail, validationNoticeEs, validationNotices, validationPeriodEnd, type ValidationNotice,
  type ValidationNoticeFacts,
} from './validation-notice.ts';

const facts: ValidationNoticeFacts = {
  agency: { name: 'Leeway Recovery LLC', address: '100 Main St, Springfield, IL 62701', phone: '(217) 555-0100', hours: 'Mon-Fri 9am-5pm CT' },
  debtorName: 'Jane Doe', address: '12 Oak Ave, Peoria, IL 61602', creditorName: 'First Prairie Bank', accountNoMask: '4111********1234',
  product: 'credit card', itemizationDate: localDate(2026, 9, 30), itemization: fen(2_234_56), interest: fen(0), fees: fen(25_00), paid: fen(50_00),
  sentOn: localDate(2026, 11, 23), currency: 'USD', repayment: null, regionCode: 'US-IL', firstDelinquencyDate: localDate(2026, 4, 15),
};

describe('validation period (12 CFR 1006.34(b)(5))', () => {
  it('ends 30 days after the assumed receipt, five business days after sending', () => {
    // Sent Monday 2026-11-23; Thanksgiving (11-26) not counted: received 2026-12-01, period ends 2026-12-31.
    expect(validationPeriodEnd(localDate(2026, 11, 23))).toBe('2026-12-31');
    // Sent Wednesday 2026-07-01; July 3 (Independence Day observed) not counted: received 07-09, ends 08-08.
    expect(validationPeriodEnd(localDate(2026, 7, 1))).toBe('2026-08-08');
  });
  it('is always at least 35 days (sent on a Sunday) and ends 30 days after a business day', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 365 * 20 }), (offset) => {
      const sent = addDays(localDate(2024, 1, 1), offset);
      const end = validationPeriodEnd(sent);
      expect(daysBetween(sent, end)).toBeGreaterThanOrEqual(35);
      expect(isUsBusinessDay(addDays(end, -30))).toBe(true);
    }));
  });
});

describe('validationNotice (model form B-1)', () => {
  it('says who collects what for whom, itemizes the debt in dollars, and the total adds up', () => {
    const n = validationNotice(facts);
    expect(n.intro).toBe('Leeway Recovery LLC is a debt collector. We are trying to collect a debt that you owe to First Prairie Bank. '
      + 'We will use any information you give us to help collect the debt.');
    expect(n.itemization.map((l) => l.amount)).toEqual(['$2,234.56', '+ $0.00', '+ $25.00', '- $50.00', '$2,209.56']);
    expect(n.amountNow).toBe(2_209_56);
    expect(n.itemization[0]!.label).toContain('As of September 30, 2026, you owed:');
    expect(n.itemization[1]!.label).toBe('Between September 30, 2026 and today, you were charged this amount in interest:');
    expect(n.reference).toBe('Reference: First Prairie Bank account ending 1234. Date of this notice: November 23, 2026.');
    expect(JSON.stringify(n)).not.toContain('4111');
  });
  it('itemized as of the charge-off, says the date is the day the creditor charged the debt off (23 NYCRR 1.2(b)), in Spanish too', () => {
    const chargedOff = { ...facts, itemizationDate: localDate(2026, 2, 28), chargedOff: true, interest: fen(12_34) };
    const [en, es] = validationNotices(chargedOff, 'es');
    expect(en!.itemization[0]!.label).toContain('As of February 28, 2026, the day First Prairie Bank charged off the debt, you owed:');
    expect(en!.itemization.map((l) => l.amount)).toEqual(['$2,234.56', '+ $12.34', '+ $25.00', '- $50.00', '$2,221.90']);
    expect(es!.itemization[0]!.label).toContain('Al 28 de febrero de 2026, el día en que First Prairie Bank dio de baja la deuda como pérdida (charge-off), usted debía:');
    expect(es!.amountNow).toBe(en!.amountNow);
  });
  it('gives the agency\'s hours in Spanish on the Spanish notice when it worded them so, else as written', () => {
    const [en, es] = validationNotices({ ...facts, agency: { ...facts.agency, hoursEs: 'de lunes a viernes, de 9am a 5pm CT' } }, 'es');
    expect(en!.sender).toContain('Phone: (217) 555-0100 (Mon-Fri 9am-5pm CT)');
    expect(es!.sender).toContain('Teléfono: (217) 555-0100 (de lunes a viernes, de 9am a 5pm CT)');
    expect(validationNotices(facts, 'es')[1]!.sender).toContain('Teléfono: (217) 555-0100 (Mon-Fri 9am-5pm CT)');
  });
  it('gives the end of the validation period as the dispute deadline, and the CFPB\'s address', () => {
    const n = validationNotice(facts);
    expect(n.validationEndsOn).toBe('2026-12-31');
    const text = n.sections.flatMap((s) => s.paragraphs).join(' ');
    expect(text).toContain('Call or write to us by December 31, 2026 to dispute all or part of the debt.');
    expect(text).toContain('we must stop collection on any amount you dispute');
    expect(text).toContain('www.cfpb.gov/debt-collection');
    expect(n.form.lines).toContain('[  ] This is not my debt.');
    expect(n.form.mailTo).toEqual(['Mail this form to:', 'Leeway Recovery LLC', '100 Main St, Springfield, IL 62701']);
  });
  it('says where to dispute online when the agency has a public address (required when the notice is e-mailed, 1006.34(c)(4)(v))', () => {
    const text = (n: ReturnType<typeof validationNotice>) => n.sections.flatMap((s) => s.paragraphs).join(' ');
    expect(text(validationNotice(facts))).not.toContain('electronically');
    expect(text(validationNotice({ ...facts, disputeUrl: 'https://pay.agency.example/my' })))
      .toContain('We accept disputes electronically at https://pay.agency.example/my (you will be asked to confirm who you are).');
  });
  it('takes no payment: no "I enclosed this amount" line, and where to pay the creditor instead', () => {
    const n = validationNotice({ ...facts, repayment: 'online at firstprairie.example/pay or at any branch' });
    expect(n.form.lines.join(' ')).not.toMatch(/enclosed/i);
    expect(n.sections.at(-1)!.paragraphs.at(-2)).toBe('How to pay: online at firstprairie.example/pay or at any branch. '
      + 'We do not take payments ourselves and will never ask you to pay into a personal account.');
  });
  it('tells the debtor first when the debt is too old to be sued on, by the state on file', () => {
    expect(validationNotice(facts).timeBarred).toBe(false);
    expect(validationNotice(facts).sections.map((s) => s.heading)).not.toContain('Time-barred debt');
    // Illinois: five years; delinquent since 2021-04-15, so barred from 2026-04-15: not on 2026-04-14, then yes.
    const old = { ...facts, firstDelinquencyDate: localDate(2021, 4, 15) };
    expect(validationNotice({ ...old, sentOn: localDate(2026, 4, 14) }).timeBarred).toBe(false);
    const n = validationNotice({ ...old, sentOn: localDate(2026, 4, 15) });
    expect(n.timeBarred).toBe(true);
    expect(n.sections[0]).toEqual({ heading: 'Time-barred debt', paragraphs: ['The law limits how long you can be sued on a debt. Because of the age of your debt, '
      + 'First Prairie Bank cannot sue you for it. If you do not pay the debt, First Prairie Bank may report or continue to report it to the credit reporting agencies as unpaid.'] });
    // The same debt in Rhode Island (ten years) is not time-barred; with no state on file, the shortest period holds.
    expect(validationNotice({ ...old, sentOn: localDate(2026, 4, 15), regionCode: 'US-RI' }).timeBarred).toBe(false);
    expect(validationNotice({ ...facts, firstDelinquencyDate: localDate(2023, 1, 1), regionCode: null }).timeBarred).toBe(true);
  });
  it('adds up for any amounts', () => {
    fc.assert(fc.property(fc.nat(10 ** 9), fc.nat(10 ** 7), fc.nat(10 ** 7), fc.nat(10 ** 9), (itemization, interest, fees, paid) => {
      const n = validationNotice({ ...facts, itemization: fen(itemization), interest: fen(interest), fees: fen(fees), paid: fen(paid) });
      expect(n.amountNow).toBe(itemization + interest + fees - paid);
    }));
  });
});

describe("New York's notice on a time-barred debt, beside the amount (New York City's rules)", () => {
  const old = { ...facts, firstDelinquencyDate: localDate(2021, 4, 15) };
  const general = (n: ValidationNotice) => n.sections.find((x) => x.heading === 'Time-barred debt' || x.heading === 'Deuda prescrita');
  it("a New York debtor gets New York's notice set off in its language, in place of the general words", () => {
    const [en, es] = validationNotices({ ...old, regionCode: 'US-NY' }, 'es');
    expect(en!.timeBarred).toBe(true);
    expect(en!.setOff).toMatch(/^New York State regulations require us to tell you the following; it is not legal advice\. We believe the legal time limit \(statute of limitations\)/);
    expect(en!.setOff).toMatch(/New York law \(CPLR 214-i\) does not allow that, and whether or not you pay, promise to pay or admit it, First Prairie Bank will not sue you for it\.$/);
    expect(es!.setOff).toMatch(/^Las normas del Estado de Nueva York nos obligan a informarle lo siguiente/);
    expect(general(en!)).toBeUndefined();
    expect(general(es!)).toBeUndefined();
  });
  it('one of unknown state gets it too, and the general words on the back (California may be theirs); elsewhere the general words first, nothing set off', () => {
    const [en, es] = validationNotices({ ...old, regionCode: null }, 'es');
    expect(en!.setOff).toMatch(/^New York State regulations/);
    expect(general(en!)).toEqual({ heading: 'Time-barred debt', paragraphs: [expect.stringMatching(/^The law limits how long you can be sued on a debt\./)], debtSize: true });
    expect(general(es!)).toEqual({ heading: 'Deuda prescrita', paragraphs: [expect.stringMatching(/^La ley limita el tiempo/)], debtSize: true });
    const il = validationNotice({ ...old, sentOn: localDate(2026, 4, 15) });
    expect(il.setOff).toBeNull();
    expect(il.sections[0]!.heading).toBe('Time-barred debt');
    expect(il.sections[0]!.debtSize).toBeUndefined();
    // Not time-barred in New York (three years): nothing.
    const recent = validationNotice({ ...facts, regionCode: 'US-NY', firstDelinquencyDate: localDate(2025, 1, 1) });
    expect([recent.timeBarred, recent.setOff]).toEqual([false, null]);
  });
  it('e-mailed, the notice follows the total owed', () => {
    const n = validationNotice({ ...old, regionCode: 'US-NY' });
    const mail = validationNoticeEmail([n], facts.accountNoMask, 'https://pay.agency.example/my/unsubscribe/7-abc');
    const total = mail.body.indexOf('Total amount of the debt now:');
    expect(mail.body.indexOf(n.setOff!)).toBeGreaterThan(total);
    expect(mail.body.indexOf(n.setOff!)).toBeLessThan(mail.body.indexOf('How can you dispute the debt?'));
  });
});

describe('validationNoticeEmail (12 CFR 1006.42)', () => {
  it('carries the whole notice in the body, in the letter\'s order, then the opt-out link; the subject shows only the last four digits', () => {
    const n = validationNotice(facts);
    const mail = validationNoticeEmail([n], facts.accountNoMask, 'https://pay.agency.example/my/unsubscribe/7-abc');
    expect(mail.subject).toBe('Validation notice about your account ending 1234');
    const at = (text: string) => mail.body.indexOf(text);
    const order = [n.sender[0]!, n.reference, n.intro, 'Total amount of the debt now:', 'How can you dispute the debt?', 'www.cfpb.gov/debt-collection',
      '[  ] This is not my debt.', 'You may dispute until December 31, 2026.', 'To stop e-mails from us to this address: https://pay.agency.example/my/unsubscribe/7-abc'];
    for (const text of order) expect(at(text), text).toBeGreaterThanOrEqual(0);
    expect(order.map(at)).toEqual([...order.map(at)].sort((a, b) => a - b));
    expect(mail.body).toMatch(/Total amount of the debt now: +\$2,209\.56/);
    expect(mail.body + mail.subject).not.toContain('4111');
  });
});

describe('what state and city law add', () => {
  const stateSection = (n: ValidationNotice) => n.sections.find((x) => x.heading === 'Notices under state and local law' || x.heading === 'Avisos según las leyes estatales y locales');
  it("California's notice of rights, in its own words and in the debt's type; in Spanish on the Spanish notice", () => {
    const [en, es] = validationNotices({ ...facts, regionCode: 'US-CA' }, 'es');
    expect(stateSection(en!)).toEqual({ heading: 'Notices under state and local law', paragraphs: [ROSENTHAL_NOTICE.en], debtSize: true });
    expect(ROSENTHAL_NOTICE.en).toMatch(/^The state Rosenthal Fair Debt Collection Practices Act and the federal Fair Debt Collection Practices Act require that, except under unusual circumstances, collectors may not contact you before 8 a\.m\. or after 9 p\.m\./);
    expect(ROSENTHAL_NOTICE.en.endsWith('you may contact the Federal Trade Commission at 1-877-FTC-HELP or www.ftc.gov.')).toBe(true);
    expect(stateSection(es!)).toEqual({ heading: 'Avisos según las leyes estatales y locales', paragraphs: [ROSENTHAL_NOTICE.es], debtSize: true });
    // It comes after the model form's sections: the CFPB's order is kept.
    expect(en!.sections.at(-1)).toBe(stateSection(en!));
  });
  it("New York State's disclosures and New York City's language services for a New York debtor", () => {
    const [en, es] = validationNotices({ ...facts, regionCode: 'US-NY' }, 'es');
    expect(stateSection(en!)!.paragraphs).toEqual([...NEW_YORK_NOTICE.en, LANGUAGE_ACCESS.en]);
    expect(stateSection(es!)!.paragraphs).toEqual([...NEW_YORK_NOTICE.es, LANGUAGE_ACCESS.es]);
    // 23 NYCRR 1.2(a)(2) in its words: the eleven kinds of income a judgment may not take.
    expect(NEW_YORK_NOTICE.en[1]).toMatch(/^If a creditor or debt collector receives a money judgment against you in court, state and federal laws may prevent the following types of income from being taken to pay the debt: 1\. Supplemental security income, \(SSI\); 2\. Social security;/);
    expect(NEW_YORK_NOTICE.en[1]).toMatch(/9\. Veterans' benefits; 10\. Federal student loans, federal student grants, and federal work study funds; and 11\. Ninety percent of your wages or salary earned in the last sixty days\.$/);
    expect(NEW_YORK_NOTICE.es[1].match(/\b\d{1,2}\. /g)).toHaveLength(11);
    expect(LANGUAGE_ACCESS.en).toContain('www.nyc.gov/dcwp');
  });
  it("Massachusetts's notice of important rights for a debtor there", () => {
    const [en, es] = validationNotices({ ...facts, regionCode: 'US-MA' }, 'es');
    expect(stateSection(en!)!.paragraphs).toEqual([MASSACHUSETTS_NOTICE.en]);
    expect(MASSACHUSETTS_NOTICE.en).toMatch(/^NOTICE OF IMPORTANT RIGHTS: You have the right to make a written or oral request that telephone calls regarding your debt not be made to you at your place of employment\./);
    expect(stateSection(es!)!.paragraphs).toEqual([MASSACHUSETTS_NOTICE.es]);
  });
  it('all of them for a debtor whose state is not known (the strict reading), and nothing for another state', () => {
    expect(stateSection(validationNotice({ ...facts, regionCode: null }))!.paragraphs).toEqual([ROSENTHAL_NOTICE.en, COLORADO_NOTICE.en, MASSACHUSETTS_NOTICE.en, ...NEW_YORK_NOTICE.en, LANGUAGE_ACCESS.en]);
    for (const regionCode of ['US-IL', 'US-NJ', 'US-TX']) {
      const [en, es] = validationNotices({ ...facts, regionCode }, 'es');
      expect(stateSection(en!)).toBeUndefined();
      expect(JSON.stringify([en, es])).not.toMatch(/nyc\.gov|Rosenthal|IMPORTANT RIGHTS|COLORADO|money judgment/);
    }
    // The Spanish offer stays the last line of "What else can you do?".
    expect(validationNotice({ ...facts, regionCode: null }).sections.find((x) => x.heading === 'What else can you do?')!.paragraphs.at(-1)).toBe(SPANISH_OFFER);
  });
});

describe('the Spanish validation notice (12 CFR 1006.34(d)(3)(vi))', () => {
  const paragraphs = (n: ValidationNotice) => n.sections.flatMap((s) => s.paragraphs).join(' ');

  it('every English notice offers the Spanish one, in Spanish', () => {
    expect(paragraphs(validationNotice(facts))).toContain(SPANISH_OFFER);
    expect(SPANISH_OFFER).toBe('Póngase en contacto con nosotros para solicitar una copia de este formulario en español.');
  });

  it('a debtor who asked for Spanish gets the English notice and then the Spanish one; anyone else the English one alone', () => {
    expect(validationNotices(facts, 'es').map((n) => n.language)).toEqual(['en', 'es']);
    for (const language of [null, 'en', 'zh']) expect(validationNotices(facts, language).map((n) => n.language)).toEqual(['en']);
  });

  it('says the same in Spanish: who collects what for whom, the same figures and the same deadline, in Spanish dates', () => {
    const en = validationNotice(facts);
    const es = validationNoticeEs(facts);
    expect(es.intro).toBe('Leeway Recovery LLC es un cobrador de deudas. Estamos tratando de cobrar una deuda que usted le debe a First Prairie Bank. '
      + 'Usaremos cualquier información que usted nos dé para ayudar a cobrar la deuda.');
    expect(es.itemization.map((l) => l.amount)).toEqual(en.itemization.map((l) => l.amount));
    expect(es.itemization[0]!.label).toBe('Nuestra información indica que: usted tenía una tarjeta de crédito de First Prairie Bank con número de cuenta '
      + 'que termina en 1234. Al 30 de septiembre de 2026, usted debía:');
    expect([es.validationEndsOn, es.amountNow, es.timeBarred]).toEqual([en.validationEndsOn, en.amountNow, en.timeBarred]);
    expect(es.reference).toBe('Referencia: cuenta de First Prairie Bank que termina en 1234. Fecha de este aviso: 23 de noviembre de 2026.');
    expect(paragraphs(es)).toContain('Llámenos o escríbanos a más tardar el 31 de diciembre de 2026 para disputar toda la deuda o parte de ella.');
    expect(paragraphs(es)).toContain('debemos dejar de cobrar cualquier cantidad que usted dispute');
    expect(es.sections.map((s) => s.heading)).toEqual(['¿Cómo puede disputar la deuda?', '¿Qué más puede hacer?']);
    expect(es.form.lines).toContain('[  ] Esta deuda no es mía.');
    expect(es.form.mailTo).toEqual(['Envíe este formulario por correo a:', 'Leeway Recovery LLC', '100 Main St, Springfield, IL 62701']);
    expect(es.form.until).toBe('Puede disputar hasta el 31 de diciembre de 2026.');
    expect(paragraphs(es)).not.toContain(SPANISH_OFFER);
    expect(JSON.stringify(es)).not.toContain('4111');
  });

  it('a time-barred debt is said to be so first, in Spanish; the dispute address online too', () => {
    const old = { ...facts, firstDelinquencyDate: localDate(2019, 1, 10), disputeUrl: 'https://pay.agency.example/my' };
    const es = validationNoticeEs(old);
    expect(es.sections[0]!.heading).toBe('Deuda prescrita');
    expect(es.sections[0]!.paragraphs[0]).toContain('First Prairie Bank no puede demandarle por ella');
    expect(es.timeBarred).toBe(true);
    expect(paragraphs(es)).toContain('Aceptamos disputas por vía electrónica en https://pay.agency.example/my');
  });

  it('writes dates as a Spanish reader does', () => {
    expect(spanishLongDate(localDate(2026, 4, 8))).toBe('8 de abril de 2026');
    expect(spanishLongDate(localDate(2027, 1, 1))).toBe('1 de enero de 2027');
  });

  it('e-mailed, the English notice comes first and the Spanish after it, with a subject and opt-out line in both', () => {
    const url = 'https://pay.agency.example/my/unsubscribe/7-abc';
    const mail = validationNoticeEmail(validationNotices(facts, 'es'), facts.accountNoMask, url);
    expect(mail.subject).toBe('Validation notice about your account ending 1234 / Aviso de validación sobre su cuenta que termina en 1234');
    const at = (text: string) => mail.body.indexOf(text);
    const order = ['How can you dispute the debt?', 'You may dispute until December 31, 2026.', '¿Cómo puede disputar la deuda?',
      'Puede disputar hasta el 31 de diciembre de 2026.', `To stop e-mails from us to this address: ${url}`,
      `Para dejar de recibir nuestros correos electrónicos en esta dirección: ${url}`];
    for (const text of order) expect(at(text), text).toBeGreaterThanOrEqual(0);
    expect(order.map(at)).toEqual([...order.map(at)].sort((a, b) => a - b));
  });
});
