import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { creditedCollector, creditUntil, DEFAULT_CREDIT_DAYS, parseCreditDays } from './credit.ts';

const credit = { promiseId: 5, accountId: 1, collectorId: 10, takenOn: '2026-03-01', creditUntil: '2026-03-09' };

describe('credit window', () => {
  it('runs a number of days after the handover, inclusive', () => {
    expect(DEFAULT_CREDIT_DAYS).toBe(7);
    expect(creditUntil('2026-03-02', 7)).toBe('2026-03-09');
    expect(creditUntil('2026-02-27', 7)).toBe('2026-03-06');
    expect(() => parseCreditDays(-1)).toThrow(AppError);
    expect(() => parseCreditDays(1.5)).toThrow(AppError);
  });

  it('credits the collector who took the promise inside the window, the owner outside it', () => {
    expect(creditedCollector({ accountId: 1, paidOn: '2026-03-01' }, [credit], 20)).toEqual({ collectorId: 10, basis: 'promise_credit', promiseId: 5 });
    expect(creditedCollector({ accountId: 1, paidOn: '2026-03-09' }, [credit], 20).collectorId).toBe(10);
    expect(creditedCollector({ accountId: 1, paidOn: '2026-03-10' }, [credit], 20)).toEqual({ collectorId: 20, basis: 'owner', promiseId: null });
    expect(creditedCollector({ accountId: 1, paidOn: '2026-02-28' }, [credit], 20).collectorId).toBe(20);
    expect(creditedCollector({ accountId: 2, paidOn: '2026-03-05' }, [credit], 20).collectorId).toBe(20);
    expect(creditedCollector({ accountId: 2, paidOn: '2026-03-05' }, [credit], null)).toEqual({ collectorId: null, basis: 'none', promiseId: null });
  });

  it('prefers the most recent promise when two windows cover the day', () => {
    const later = { ...credit, promiseId: 6, collectorId: 11, takenOn: '2026-03-04', creditUntil: '2026-03-12' };
    expect(creditedCollector({ accountId: 1, paidOn: '2026-03-05' }, [later, credit], 20).collectorId).toBe(11);
    expect(creditedCollector({ accountId: 1, paidOn: '2026-03-03' }, [later, credit], 20).collectorId).toBe(10);
  });
});
