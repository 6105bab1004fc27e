import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, compareDates, parseLocalDate, type LocalDate } from './calendar.ts';
import { newYorkTimeBarNotice, obsoleteFrom, SHORTEST_YEARS, timeBar, timeBarredDisclosure, timeBarredDisclosureZh, timeBarredFrom, timeBarredGuidance, ukStatuteBar, usLimitation } from './time-barred.ts';

const d = (text: string): LocalDate => parseLocalDate(text);

describe('usLimitation', () => {
  it.each<[string | null, string | null, number]>([
    ['US-CA', 'CA', 4],
    ['US-NY', 'NY', 3],
    ['US-RI', 'RI', 10],
    ['US-WY', 'WY', 8],
    ['US-DC', 'DC', 3],
    [null, null, 3],
    ['US-XX', null, 3],      // not a state
    ['310101', null, 3],     // a Chinese region code: no US state on file
  ])('%s: state %s, %d years', (region, state, years) => {
    const limitation = usLimitation(region);
    expect(limitation.state).toBe(state);
    expect(limitation.years).toBe(years);
    expect(limitation.citation).toContain('U');
  });

  it('names the state law that sets the disclosure, or says it is Leeway policy', () => {
    expect(usLimitation('US-CA').citation).toBe('California: 4 years from the first delinquency (U); disclosure: Cal. Civ. Code 1788.14(d) (U)');
    expect(usLimitation('US-OH').citation).toBe('Ohio: 6 years from the first delinquency (U); disclosure: Leeway policy');
    expect(usLimitation(null).citation).toContain('state unknown');
  });
});

describe('timeBar', () => {
  it('is time-barred from the day the period ends, not the day before', () => {
    expect(timeBar('US-CA', d('2022-03-01'), d('2026-02-28'))).toBeNull();
    expect(timeBar('US-CA', d('2022-03-01'), d('2026-03-01'))).toMatchObject({ state: 'CA', years: 4, since: '2026-03-01', obsolete: false });
  });

  it('counts a leap day delinquency to the last day of February', () => {
    expect(timeBarredFrom(d('2024-02-29'), usLimitation('US-NY'))).toBe('2027-02-28');
  });

  it('holds a debtor of unknown state to the shortest period of any state', () => {
    expect(timeBar(null, d('2023-03-01'), d('2026-03-01'))).toMatchObject({ state: null, years: SHORTEST_YEARS, since: '2026-03-01' });
    // Rhode Island's ten years have not run.
    expect(timeBar('US-RI', d('2023-03-01'), d('2026-03-01'))).toBeNull();
  });

  it('says the debt can no longer be reported seven years after 180 days from the delinquency', () => {
    expect(obsoleteFrom(d('2018-01-01'))).toBe('2025-06-30');
    expect(timeBar('US-RI', d('2015-06-01'), d('2026-03-02'))).toMatchObject({ obsolete: true });
    expect(timeBar('US-TX', d('2021-01-01'), d('2026-03-02'))).toMatchObject({ obsolete: false });
  });

  it('once time-barred, stays so: later dates, and older debts, are barred too; unknown state is never later than a known one', () => {
    const day = fc.integer({ min: 0, max: 12_000 }).map((n) => addDays(d('2000-01-01'), n));
    const region = fc.constantFrom(null, 'US-CA', 'US-NY', 'US-RI', 'US-WY', 'US-TX', 'US-FL');
    fc.assert(fc.property(region, day, day, fc.integer({ min: 0, max: 4000 }), (r, delinquent, on, later) => {
      const bar = timeBar(r, delinquent, on);
      if (bar !== null) {
        expect(compareDates(bar.since, on)).toBeLessThanOrEqual(0);
        expect(timeBar(r, delinquent, addDays(on, later))).not.toBeNull();
        expect(timeBar(r, addDays(delinquent, -later), on)).not.toBeNull();
        expect(timeBar(null, delinquent, on)).not.toBeNull();
      }
    }));
  });
});

describe('what is said', () => {
  it('tells the debtor the creditor cannot sue, and whether it may still report', () => {
    const recent = timeBar('US-CA', d('2021-01-10'), d('2026-03-02'))!;
    expect(timeBarredDisclosure(recent, 'First Prairie Bank')).toBe('The law limits how long you can be sued on a debt. Because of the age of your debt, '
      + 'First Prairie Bank cannot sue you for it. If you do not pay the debt, First Prairie Bank may report or continue to report it to the credit reporting agencies as unpaid.');
    const old = timeBar('US-CA', d('2017-01-10'), d('2026-03-02'))!;
    expect(timeBarredDisclosure(old, 'First Prairie Bank')).toContain('cannot sue you for it, and First Prairie Bank cannot report it to any credit reporting agency.');
    expect(timeBarredDisclosureZh(recent, 'First Prairie Bank')).toContain('First Prairie Bank不能就此起诉您。如您不还款');
    expect(timeBarredDisclosureZh(old, 'First Prairie Bank')).toContain('不能就此起诉您，也不能将其报告给任何征信机构。');
  });

  it('tells the collector since when, and never to speak of suing, in both languages', () => {
    const guidance = timeBarredGuidance(timeBar('US-TX', d('2021-01-10'), d('2026-03-02'))!);
    expect(guidance.en).toContain('Time-barred since 2025-01-10 (TX, 4 years');
    expect(guidance.en).toContain('1006.26(b)');
    expect(guidance.zh).toContain('自2025-01-10起已超过诉讼时效');
    expect(timeBarredGuidance(timeBar(null, d('2021-01-10'), d('2026-03-02'))!).zh).toContain('州别未知');
  });
});

describe('newYorkTimeBarNotice', () => {
  const on = d('2026-03-02');
  it('applies to a US debt time-barred for a debtor in New York or of unknown state, from the day the 3 years end', () => {
    expect(newYorkTimeBarNotice('US', 'US-NY', d('2023-03-02'), on, 'First Prairie Bank')).not.toBeNull();
    expect(newYorkTimeBarNotice('US', 'US-NY', d('2023-03-03'), on, 'First Prairie Bank')).toBeNull();   // one day short
    expect(newYorkTimeBarNotice('US', null, d('2022-01-10'), on, 'First Prairie Bank')).not.toBeNull();
    // Another state's debtor, or another country's contract: not New York's rule.
    expect(newYorkTimeBarNotice('US', 'US-NJ', d('2015-01-10'), on, 'First Prairie Bank')).toBeNull();
    expect(newYorkTimeBarNotice('CN', null, d('2015-01-10'), on, 'First Prairie Bank')).toBeNull();
    expect(newYorkTimeBarNotice('UK', null, d('2015-01-10'), on, 'First Prairie Bank')).toBeNull();
  });

  it("says the five things 23 NYCRR 1.3(b) lists, the last as CPLR 214-i has it, naming the bank, in English, Chinese and Spanish", () => {
    const notice = newYorkTimeBarNotice('US', 'US-NY', d('2022-01-10'), on, 'First Prairie Bank')!;
    for (const part of ['may have expired', 'violates the Fair Debt Collection Practices Act', 'telling the court that the time limit has expired',
      'You do not have to admit or acknowledge this debt, promise to pay it, or give up the time limit', 'may restart the time limit',
      'CPLR 214-i', 'First Prairie Bank will not sue you for it.']) expect(notice.en).toContain(part);
    expect(notice.zh).toContain('First Prairie Bank都不会就此起诉您。');
    expect(notice.es).toContain('First Prairie Bank no le demandará por ella.');
    expect(notice.citation).toContain('23 NYCRR 1.3(b)');
  });
});

describe('ukStatuteBar', () => {
  it('holds a UK debt to Scotland\'s 5 years (no region on file), and says never to threaten court action', () => {
    expect(ukStatuteBar(d('2021-03-03'), d('2026-03-02'))).toBeNull();
    const bar = ukStatuteBar(d('2021-03-02'), d('2026-03-02'))!;
    expect(bar).toMatchObject({ since: '2026-03-02', years: 5 });
    expect(bar.en).toContain('Never say or suggest court action');
    expect(bar.zh).toContain('绝不能说或暗示会起诉');
    expect(bar.citation).toContain('Limitation Act 1980');
  });
});
