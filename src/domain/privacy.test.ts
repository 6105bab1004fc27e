import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, parseLocalDate, type LocalDate } from './calendar.ts';
import { erasableFrom, US_RECORD_RETENTION_YEARS } from './privacy.ts';

const d = (text: string) => parseLocalDate(text);

describe('erasableFrom', () => {
  it('is the day after the last retention period ends, across creditors with different periods', () => {
    expect(erasableFrom([{ endedOn: d('2026-01-10'), retentionDays: 90 }])).toBe('2026-04-11');
    expect(erasableFrom([{ endedOn: d('2026-01-10'), retentionDays: 90 }, { endedOn: d('2026-03-01'), retentionDays: 30 }])).toBe('2026-04-11');
    expect(erasableFrom([{ endedOn: d('2026-01-10'), retentionDays: 30 }, { endedOn: d('2026-03-01'), retentionDays: 60 }])).toBe('2026-05-01');
    expect(erasableFrom([{ endedOn: d('2026-02-28'), retentionDays: 0 }])).toBe('2026-03-01');
  });

  it('keeps a US creditor\'s account three years after it ended when its retention days are fewer (12 CFR 1006.100)', () => {
    expect(erasableFrom([{ endedOn: d('2025-10-01'), retentionDays: 30, keepYears: US_RECORD_RETENTION_YEARS }])).toBe('2028-10-02');
    expect(erasableFrom([{ endedOn: d('2024-02-29'), retentionDays: 30, keepYears: 3 }])).toBe('2027-03-01'); // 2027-02-28 kept, as PostgreSQL counts
    expect(erasableFrom([{ endedOn: d('2025-10-01'), retentionDays: 3650, keepYears: 3 }])).toBe('2035-09-30');
  });

  it('is null while any account is open, or for a debtor without accounts', () => {
    expect(erasableFrom([{ endedOn: d('2026-01-10'), retentionDays: 0 }, { endedOn: null, retentionDays: 90 }])).toBeNull();
    expect(erasableFrom([])).toBeNull();
  });

  it('property: never before any account ended plus its retention, and exactly one day after the latest', () => {
    const end = fc.record({ day: fc.integer({ min: 0, max: 3000 }), days: fc.integer({ min: 0, max: 3650 }) });
    fc.assert(fc.property(fc.array(end, { minLength: 1, maxLength: 6 }), (ends) => {
      const base = d('2020-01-01');
      const accounts = ends.map((e) => ({ endedOn: addDays(base, e.day), retentionDays: e.days }));
      const from = erasableFrom(accounts)! as LocalDate;
      for (const a of accounts) expect(from > addDays(a.endedOn, a.retentionDays)).toBe(true);
      expect(accounts.some((a) => addDays(a.endedOn, a.retentionDays + 1) === from)).toBe(true);
    }));
  });
});
