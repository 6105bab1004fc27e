import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../calendar.ts';
import { engineOutcome, OUTCOME_CODES, outcomeCode, outcomeMismatch } from './outcomes.ts';
import { compareQueueEntries, orderQueue, queueBlock, type QueueEntry } from './queue.ts';
import { debtorPromiseProblem, promiseEarliestDate, promiseMaxDays, validatePromise } from './promise.ts';
import { isLostContact, statusAfterContactChange, workstationNextAction } from './lost-contact.ts';
import { instantOfLocalTime } from './callback-time.ts';

describe('outcome codes', () => {
  it('have unique codes and both languages', () => {
    expect(new Set(OUTCOME_CODES.map((o) => o.code)).size).toBe(OUTCOME_CODES.length);
    for (const o of OUTCOME_CODES) expect(o.zh.length * o.en.length).toBeGreaterThan(0);
  });
  it('count a promise, a refusal or a dispute as a conversation with the debtor', () => {
    for (const c of ['promise', 'refuses', 'disputes', 'hardship', 'callback_requested']) expect(engineOutcome(c)).toBe('right_party');
    expect(engineOutcome('abusive')).toBe('connected');
    expect(engineOutcome('no_answer')).toBe('no_answer');
    expect(engineOutcome('network_error')).toBe('network_error');
    expect(engineOutcome('wrong_number')).toBe('wrong_number');
    expect(engineOutcome('something_old')).toBe('something_old');
  });
  it('say what follows: a wrong number invalidates the point, abuse offers a hand-off', () => {
    expect(outcomeCode('wrong_number')?.invalidatesContactPoint).toBe(true);
    expect(outcomeCode('abusive')?.followUp).toBe('handoff');
    expect(outcomeCode('promise')?.followUp).toBe('promise');
  });
});

describe('an outcome fits its attempt', () => {
  const call = { channel: 'call', party: 'debtor', initiatedBy: 'agency' } as const;
  it('in its channel', () => {
    expect(outcomeMismatch(outcomeCode('no_answer')!, call)).toBeNull();
    expect(outcomeMismatch(outcomeCode('sms_sent')!, call)?.en).toBe('"SMS sent" is not an outcome of a call');
    expect(outcomeMismatch(outcomeCode('no_answer')!, { ...call, channel: 'sms' })?.en).toBe('"No answer" is not an outcome of an SMS');
    expect(outcomeMismatch(outcomeCode('returned')!, { ...call, channel: 'letter' })).toBeNull();
  });
  it('someone was there when the other side started it', () => {
    for (const o of OUTCOME_CODES.filter((c) => c.channels.includes('call'))) {
      expect(outcomeMismatch(o, { ...call, initiatedBy: 'debtor' }) === null).toBe(o.reached);
    }
  });
  it('a third party is never a conversation with the debtor', () => {
    for (const o of OUTCOME_CODES.filter((c) => c.channels.includes('call'))) {
      expect(outcomeMismatch(o, { ...call, party: 'third_party' }) === null).toBe(!o.rightParty);
    }
  });
});

const entry = (accountId: number, priority: number, callbackDueAt: number | null = null, firstDelinquencyDate = '2026-01-01', balanceFen = 0): QueueEntry =>
  ({ accountId, priority, callbackDueAt, firstDelinquencyDate, balanceFen });

describe('queue order', () => {
  it('puts due callbacks first, earliest first, then priority', () => {
    const now = 1000;
    const ordered = orderQueue([entry(1, 900), entry(2, 10, 900), entry(3, 5, 500), entry(4, 999, 2000)], now).map((e) => e.accountId);
    expect(ordered).toEqual([3, 2, 4, 1]);
  });
  it('breaks priority ties by the larger balance', () => {
    expect(orderQueue([entry(1, 5, null, '2026-01-01', 100), entry(2, 5, null, '2026-01-01', 900)], 0).map((e) => e.accountId)).toEqual([2, 1]);
  });
  it('breaks priority ties by the oldest delinquency, then id', () => {
    expect(orderQueue([entry(2, 5, null, '2026-01-02'), entry(3, 5, null, '2026-01-01'), entry(1, 5, null, '2026-01-02')], 0)
      .map((e) => e.accountId)).toEqual([3, 1, 2]);
  });
  it('is a total order (property)', () => {
    const arb = fc.record({ accountId: fc.integer({ min: 1, max: 50 }), priority: fc.integer({ min: 0, max: 5 }), balanceFen: fc.integer({ min: 0, max: 3 }),
      callbackDueAt: fc.option(fc.integer({ min: 0, max: 10 })), firstDelinquencyDate: fc.constantFrom('2026-01-01', '2026-02-01') });
    fc.assert(fc.property(arb, arb, fc.integer({ min: 0, max: 10 }), (a, b, now) => {
      const ab = compareQueueEntries(a, b, now);
      const ba = compareQueueEntries(b, a, now);
      // Antisymmetric: opposite signs, or both 0 for the same account (sign(0) + sign(0) is +0, where -sign(0) would be -0).
      expect(Math.sign(ab) + Math.sign(ba)).toBe(0);
      if (a.accountId !== b.accountId) expect(ab).not.toBe(0);
    }));
  });
  it('blocks on a break, then on the daily cap', () => {
    expect(queueBlock({ now: 10, breakUntil: 20, cap: 5, attemptsToday: 9 })).toEqual({ kind: 'on_break', until: 20 });
    expect(queueBlock({ now: 20, breakUntil: 20, cap: 5, attemptsToday: 5 })).toEqual({ kind: 'daily_cap_reached', cap: 5, attempts: 5 });
    expect(queueBlock({ now: 20, breakUntil: null, cap: 5, attemptsToday: 4 })).toBeNull();
  });
});

describe('promise validation', () => {
  const today = '2026-03-02' as LocalDate;
  const base = { amountFen: 10_000, dueDate: '2026-03-10', today, balanceFen: 100_000, currency: 'CNY' as const, maxDays: 30, hasOpenPromise: false };
  it('accepts today and the last day of the limit, refuses the day before and the day after', () => {
    expect(validatePromise({ ...base, dueDate: '2026-03-02' })).toEqual([]);
    expect(validatePromise({ ...base, dueDate: '2026-04-01' })).toEqual([]);
    expect(validatePromise({ ...base, dueDate: '2026-03-01' }).map((p) => p.code)).toEqual(['date_past']);
    expect(validatePromise({ ...base, dueDate: '2026-04-02' }).map((p) => p.code)).toEqual(['date_beyond_limit']);
  });
  it("refuses a date after the placement's last day, when the bank's mandate ends, saying so; that day itself is fine", () => {
    const ending = { ...base, mandateEndsOn: '2026-03-15' };
    expect(validatePromise({ ...ending, dueDate: '2026-03-15' })).toEqual([]);
    const [problem] = validatePromise({ ...ending, dueDate: '2026-03-16' });
    expect(problem).toMatchObject({ field: 'due_date', code: 'date_after_placement_end',
      message: expect.stringContaining("after the last day of the account's placement (2026-03-15)"), message_zh: expect.stringContaining('委案到期日（2026-03-15）') });
    // Past the contract's limit as well: that limit is said first.
    expect(validatePromise({ ...ending, dueDate: '2026-04-02' }).map((p) => p.code)).toEqual(['date_beyond_limit']);
  });
  it('refuses zero, negative, fractional and over-balance amounts, a bad date and a second open promise', () => {
    for (const amountFen of [0, -1, 1.5]) expect(validatePromise({ ...base, amountFen })[0]?.code).toBe('amount_not_positive');
    expect(validatePromise({ ...base, amountFen: 100_001 })[0]).toMatchObject({ code: 'amount_over_balance',
      message: 'The promised amount is more than the balance (CNY 1,000.00)', message_zh: '承诺还款金额超过了欠款余额（¥1,000.00）' });
    // In the account's own currency.
    expect(validatePromise({ ...base, currency: 'USD', balanceFen: 1_293_392, amountFen: 1_293_393 })[0]).toMatchObject({
      message: 'The promised amount is more than the balance ($12,933.92)', message_es: 'El monto prometido es mayor que lo que debe ($12,933.92)' });
    expect(validatePromise({ ...base, amountFen: 100_000 })).toEqual([]);
    expect(validatePromise({ ...base, dueDate: '2026-02-30' })[0]?.code).toBe('date_invalid');
    expect(validatePromise({ ...base, hasOpenPromise: true }).map((p) => p.field)).toEqual(['account']);
  });
  it('any amount in 1..balance and date in today..today+limit is accepted (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 30 }), (amountFen, days) => {
      const due = new Date(Date.UTC(2026, 2, 2 + days)).toISOString().slice(0, 10);
      expect(validatePromise({ ...base, amountFen, dueDate: due })).toEqual([]);
    }));
  });
  it("takes the debtor's own today where it is still the day before the agency's, and says that day is today", () => {
    // 21:05 in New York on 1 March is 10:05 on 2 March in Shanghai.
    const at = Date.parse('2026-03-02T02:05:00Z');
    expect(promiseEarliestDate(today, ['America/New_York'], at)).toBe('2026-03-01');
    // Of several zones that may be the debtor's, the earliest date; a zone already on the business date changes nothing.
    expect(promiseEarliestDate(today, ['America/New_York', 'Pacific/Honolulu'], at)).toBe('2026-03-01');
    expect(promiseEarliestDate(today, ['Asia/Shanghai'], at)).toBe(today);
    // Never after the business date (a zone ahead of the agency's does not move it on).
    expect(promiseEarliestDate(today, ['Pacific/Kiritimati'], Date.parse('2026-03-02T15:00:00Z'))).toBe(today);
    const tonight = { ...base, earliest: '2026-03-01' as LocalDate };
    expect(validatePromise({ ...tonight, dueDate: '2026-03-01' })).toEqual([]);
    expect(validatePromise({ ...tonight, dueDate: '2026-02-28' })[0]).toMatchObject({ code: 'date_past',
      message: 'The promise date 2026-02-28 is in the past; today is 2026-03-01', message_es: 'La fecha 2026-02-28 ya pasó; hoy es 2026-03-01' });
    // The contract's limit still counts from the business date.
    expect(validatePromise({ ...tonight, dueDate: '2026-04-01' })).toEqual([]);
    expect(validatePromise({ ...tonight, dueDate: '2026-04-02' }).map((p) => p.code)).toEqual(['date_beyond_limit']);
  });
  it('words a date problem for the debtor: dates as their letters write them, the day to choose by, no contract', () => {
    const late = { ...base, dueDate: '2026-05-10' };
    const [beyond] = validatePromise(late);
    expect(debtorPromiseProblem(beyond!, late, 'UK')).toMatchObject({ field: 'due_date', code: 'date_beyond_limit', message: 'Choose a date by 1 April 2026',
      message_es: 'Elija una fecha hasta el 1 de abril de 2026', message_zh: '请选择 2026-04-01 之前（含当天）的日期' });
    expect(debtorPromiseProblem(beyond!, late, 'US').message).toBe('Choose a date by April 1, 2026');
    // The placement's last day, when earlier, is the day to choose by.
    const ending = { ...base, dueDate: '2026-03-20', mandateEndsOn: '2026-03-15' };
    expect(debtorPromiseProblem(validatePromise(ending)[0]!, ending, 'UK').message).toBe('Choose a date by 15 March 2026');
    const past = { ...base, dueDate: '2026-02-10' };
    expect(debtorPromiseProblem(validatePromise(past)[0]!, past, 'UK').message).toBe('10 February 2026 has passed: choose today (2 March 2026) or a later day, by 1 April 2026');
    // Under a Chinese contract the dates stay as written; a problem with the amount is left as it is.
    expect(debtorPromiseProblem(validatePromise(past)[0]!, past, 'CN').message).toBe('2026-02-10 has passed: choose today (2026-03-02) or a later day, by 2026-04-01');
    const over = { ...base, amountFen: 100_001 };
    expect(debtorPromiseProblem(validatePromise(over)[0]!, over, 'UK')).toEqual(validatePromise(over)[0]);
  });
  it("reads the contract's limit, or 30 days", () => {
    expect(promiseMaxDays({ promise_max_days: 14 })).toBe(14);
    expect(promiseMaxDays({ promise_max_days: -3 })).toBe(30);
    expect(promiseMaxDays(null)).toBe(30);
  });
});

describe('lost contact', () => {
  it('is every own point invalid (or none); third-party points do not count', () => {
    expect(isLostContact([])).toBe(true);
    expect(isLostContact([{ owner: 'debtor', verified: 'invalid' }, { owner: 'third_party', verified: 'verified' }])).toBe(true);
    expect(isLostContact([{ owner: 'debtor', verified: 'invalid' }, { owner: 'debtor', verified: 'unverified' }])).toBe(false);
  });
  it('moves an active account to lost contact and back, leaving other statuses alone', () => {
    expect(statusAfterContactChange('active', true)).toBe('lost_contact');
    expect(statusAfterContactChange('lost_contact', false)).toBe('active');
    expect(statusAfterContactChange('on_hold', true)).toBe('on_hold');
    expect(statusAfterContactChange('promised', false)).toBe('promised');
    expect(workstationNextAction('lost_contact')).toBe('skip_trace');
  });
});

describe('callback times in the debtor zone', () => {
  it('turns a wall-clock time into the instant', () => {
    expect(new Date(instantOfLocalTime('2026-03-02T19:30', 'Asia/Shanghai')).toISOString()).toBe('2026-03-02T11:30:00.000Z');
    expect(new Date(instantOfLocalTime('2026-03-08 12:00', 'America/New_York')).toISOString()).toBe('2026-03-08T16:00:00.000Z');
    expect(new Date(instantOfLocalTime('2026-03-07 12:00', 'America/New_York')).toISOString()).toBe('2026-03-07T17:00:00.000Z');
  });
  it('refuses a time the clocks skip, and nonsense', () => {
    expect(() => instantOfLocalTime('2026-03-08T02:30', 'America/New_York')).toThrow(/does not exist/);
    expect(() => instantOfLocalTime('2026-03-02T25:00', 'Asia/Shanghai')).toThrow();
    expect(() => instantOfLocalTime('tomorrow', 'Asia/Shanghai')).toThrow();
  });
});
