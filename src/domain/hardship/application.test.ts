import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, isChineseWorkday, parseLocalDate, type LocalDate } from '../calendar.ts';
import { fen } from '../money.ts';
import {
  affordability, checkEvidence, decisionDays, decisionDeadline, detectEvidenceType, EVIDENCE_MAX_BYTES, isPastDeadline,
  longestPlan, planGraceDays, safeEvidenceName,
} from './application.ts';

const d = (s: string) => parseLocalDate(s);

describe('decision deadline on the Chinese business calendar', () => {
  it('counts 10 working days from the day after submission, skipping weekends', () => {
    expect(decisionDeadline(d('2026-03-02'), 10)).toBe('2026-03-16');
  });
  it('skips the Spring Festival and counts the adjusted working Saturdays', () => {
    // Fri 13 Feb 2026: Sat 14 Feb is a working day, 15-23 Feb are holidays, Sat 28 Feb works.
    expect(decisionDeadline(d('2026-02-13'), 10)).toBe('2026-03-05');
  });
  it('skips the National Day week', () => {
    expect(decisionDeadline(d('2026-09-30'), 1)).toBe('2026-10-08');
  });
  it('counts a US or UK creditor\'s days on its own calendar', () => {
    expect(decisionDeadline(d('2026-09-30'), 1, 'UK')).toBe('2026-10-01');
    expect(decisionDeadline(d('2026-04-02'), 1, 'UK')).toBe('2026-04-07');   // Good Friday, Easter Monday
    expect(decisionDeadline(d('2026-04-02'), 1, 'US')).toBe('2026-04-03');
  });
  it('is past only once the business date is after the deadline', () => {
    expect(isPastDeadline(d('2026-03-16'), d('2026-03-16'))).toBe(false);
    expect(isPastDeadline(d('2026-03-16'), d('2026-03-17'))).toBe(true);
  });
  it('always lands on a working day with exactly n working days after the submission', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 3 * 365 }), fc.integer({ min: 1, max: 30 }), (offset, n) => {
      const from = addDays(d('2025-01-01'), offset);
      const deadline = decisionDeadline(from, n);
      expect(isChineseWorkday(deadline)).toBe(true);
      let count = 0;
      for (let day = addDays(from, 1); day <= deadline; day = addDays(day, 1)) if (isChineseWorkday(day)) count += 1;
      expect(count).toBe(n);
    }));
  });
});

describe('contract terms', () => {
  it('default to 10 decision days and 5 grace days', () => {
    expect(decisionDays({})).toBe(10);
    expect(planGraceDays(null)).toBe(5);
    expect(decisionDays({ hardship_decision_days: 15 })).toBe(15);
    expect(planGraceDays({ plan_grace_days: 0 })).toBe(0);
  });
  it('refuse a nonsense term by name', () => {
    expect(() => decisionDays({ hardship_decision_days: -1 })).toThrow(/hardship_decision_days/);
    expect(() => planGraceDays({ plan_grace_days: '5' })).toThrow(/plan_grace_days/);
    expect(() => planGraceDays({ plan_grace_days: 31 })).toThrow(/plan_grace_days/);
  });
  it("cut the longest plan to the contract's when it allows less than the rules, never more", () => {
    expect(longestPlan('CN', {})).toEqual({ months: 60, setBy: 'rules' });
    expect(longestPlan('US', null)).toEqual({ months: 60, setBy: 'rules' });
    expect(longestPlan('US', { max_instalment_months: 36 })).toEqual({ months: 36, setBy: 'contract' });
    expect(longestPlan('CN', { max_instalment_months: 59 })).toEqual({ months: 59, setBy: 'contract' });
    expect(longestPlan('CN', { max_instalment_months: 60 })).toEqual({ months: 60, setBy: 'rules' });
    expect(longestPlan('CN', { max_instalment_months: 72 })).toEqual({ months: 60, setBy: 'rules' });
    expect(longestPlan('CN', { compliance: { instalment_max: { months: 48 } } })).toEqual({ months: 48, setBy: 'contract' });
    expect(longestPlan('CN', { max_instalment_months: 36, compliance: { instalment_max: { months: 48 } } })).toEqual({ months: 36, setBy: 'contract' });
  });
  it('refuse an unreadable longest plan rather than pass over it', () => {
    for (const bad of [0, -3, 12.5, '36']) expect(() => longestPlan('CN', { max_instalment_months: bad })).toThrow(/longest plan/);
  });
});

describe('affordability', () => {
  it('compares the instalment with income minus essential spending', () => {
    expect(affordability(fen(600_000), fen(450_000), fen(100_000))).toEqual({ disposable_fen: 150_000, instalment_fen: 100_000, affordable: true, share_bp: 6667 });
    expect(affordability(fen(300_000), fen(300_000), fen(1)).affordable).toBe(false);
    expect(affordability(fen(300_000), fen(300_000), fen(1)).share_bp).toBeNull();
    expect(affordability(fen(200_000), fen(100_000), fen(100_000))).toMatchObject({ affordable: true, share_bp: 10_000 });
  });
});

describe('evidence files', () => {
  const bytes = (...b: number[]) => Uint8Array.from(b);
  it('are typed by their content', () => {
    expect(detectEvidenceType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(detectEvidenceType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toBe('image/jpeg');
    expect(detectEvidenceType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('image/png');
    expect(detectEvidenceType(Buffer.concat([bytes(0, 0, 0, 0x18), Buffer.from('ftypheic'), bytes(0, 0, 0, 0)]))).toBe('image/heic');
    expect(detectEvidenceType(Buffer.from('<html><script>alert(1)</script>'))).toBeNull();
    expect(detectEvidenceType(Buffer.concat([bytes(0, 0, 0, 0x18), Buffer.from('ftypisom')]))).toBeNull(); // an MP4
    expect(detectEvidenceType(bytes(0x50, 0x4b, 3, 4))).toBeNull(); // a ZIP
  });
  it('are refused when empty, too big or of another type, naming the field', () => {
    expect(() => checkEvidence(new Uint8Array(0), 'evidence[0]')).toThrow(/evidence\[0\] is empty/);
    const big = new Uint8Array(EVIDENCE_MAX_BYTES + 1); big.set(Buffer.from('%PDF-'));
    expect(() => checkEvidence(big, 'evidence[1]')).toThrow(/evidence\[1\].*10 MB/);
    const max = new Uint8Array(EVIDENCE_MAX_BYTES); max.set(Buffer.from('%PDF-'));
    expect(checkEvidence(max, 'evidence[1]')).toBe('application/pdf');
    expect(() => checkEvidence(Buffer.from('GIF89a'), 'evidence[2]')).toThrow(/evidence\[2\] is not a PDF/);
  });
  it('name the file as its owner knows it, without the folder it came from', () => {
    expect(() => checkEvidence(Buffer.from('GIF89a'), 'evidence[2]', 'C:\\scans\\工资单.gif')).toThrow(/^The file 工资单\.gif is not a PDF/);
    try { checkEvidence(new Uint8Array(0), 'evidence[0]', 'payslip.pdf'); expect.unreachable(); } catch (e) {
      expect(e).toMatchObject({ field: 'evidence[0]' });
      expect((e as { messageIn(l: string): string }).messageIn('zh-CN')).toBe('文件 payslip.pdf 是空文件（0 字节）：请检查是否选对了文件');
    }
  });
  it('get a safe name with the detected extension', () => {
    expect(safeEvidenceName('C:\\docs\\失业证明.PDF', 'application/pdf')).toBe('失业证明.pdf');
    expect(safeEvidenceName('../../x"y.html', 'image/png')).toBe('xy.png');
    expect(safeEvidenceName('', 'image/jpeg')).toBe('evidence.jpg');
  });
});

it('weekday sanity for the fixtures above', () => {
  expect(dayOfWeek(d('2026-02-13') as LocalDate)).toBe(5);
});
