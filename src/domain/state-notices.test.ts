import { describe, expect, it } from 'vitest';
import { localDate } from './calendar.ts';
import { validationNotice, validationNoticeEs, type ValidationNoticeFacts } from './letters/validation-notice.ts';
import { fen } from './money.ts';
import { checkStateNotice, STATE_NOTICE_MAX, stateNoticeTexts, type StateNotice } from './state-notices.ts';

const MN: StateNotice = { jurisdiction: 'US-MN', en: 'This collection agency is licensed by the Minnesota Department of Commerce.', es: null };
const TN: StateNotice = { jurisdiction: 'US-TN', en: 'Tennessee notice.', es: 'Aviso de Tennessee.' };

describe("the agency's own state notices", () => {
  it('take a state or the city as the licences do, an English text and an optional Spanish one, trimmed', () => {
    expect(checkStateNotice('mn', '  text\r\nmore ', '  ')).toEqual({ jurisdiction: 'US-MN', en: 'text\nmore', es: null });
    expect(checkStateNotice('NYC', 'x', 'y')).toEqual({ jurisdiction: 'US-NY-NYC', en: 'x', es: 'y' });
    expect(() => checkStateNotice('Atlantis', 'x', null)).toThrow(/not a US state's code/);
    expect(() => checkStateNotice('MN', '  ', null)).toThrow(/as the law words it/);
    expect(() => checkStateNotice('MN', 'x'.repeat(STATE_NOTICE_MAX + 1), null)).toThrow(/at most 3000/);
  });

  it("a debtor's notice carries their state's, every one when the state is not known; a Spanish notice the Spanish text, else the English", () => {
    expect(stateNoticeTexts([MN, TN], 'US-MN', 'en')).toEqual([MN.en]);
    expect(stateNoticeTexts([MN, TN], 'US-TX', 'en')).toEqual([]);
    expect(stateNoticeTexts([MN, TN], null, 'es')).toEqual([MN.en, 'Aviso de Tennessee.']);
  });

  it('go on the back of the validation notice, after the ones the product writes', () => {
    const facts: ValidationNoticeFacts = {
      agency: { name: 'Leeway Recovery LLC', address: '100 Main St', phone: '(217) 555-0100', hours: null, stateNotices: [MN, TN] },
      debtorName: 'Jane Doe', address: '1 Lake St, Duluth, MN 55802', creditorName: 'First Prairie Bank', accountNoMask: '****1234', product: 'credit card',
      itemizationDate: localDate(2026, 9, 30), itemization: fen(1_000_00), interest: fen(0), fees: fen(0), paid: fen(0), sentOn: localDate(2026, 11, 23),
      currency: 'USD', repayment: null, regionCode: 'US-MN', firstDelinquencyDate: localDate(2026, 4, 15),
    };
    const back = (n: ReturnType<typeof validationNotice>) => n.sections.filter((s) => s.debtSize).flatMap((s) => s.paragraphs);
    expect(back(validationNotice(facts))).toEqual([MN.en]);
    expect(back(validationNotice({ ...facts, regionCode: null })).slice(-2)).toEqual([MN.en, TN.en]);
    expect(back(validationNoticeEs({ ...facts, regionCode: null })).slice(-2)).toEqual([MN.en, 'Aviso de Tennessee.']);
    expect(back(validationNotice({ ...facts, regionCode: 'US-TX' }))).toEqual([]);
  });
});
