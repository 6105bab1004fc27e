import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percent, toCsv, yuan } from './csv.ts';
import {
  addMonthsTo, funnelSteps, monthsSincePlacement, parseDimension, parseMonth, perThousand, rateBp, recoveryLines, rollMatrices, vintageCurves,
  type Month,
} from './index.ts';

const m = (s: string) => s as Month;

describe('rates', () => {
  it('rounds half up in basis points and is null over nothing', () => {
    expect(rateBp(1, 3)).toBe(3333);
    expect(rateBp(2, 3)).toBe(6667);
    expect(rateBp(1, 20_000)).toBe(1); // 0.5 bp rounds up
    expect(rateBp(0, 5)).toBe(0);
    expect(rateBp(5, 0)).toBeNull();
    expect(rateBp(-5_000, 100_000)).toBe(-500); // a month of reversals
    expect(perThousand(2, 3)).toBe(666.67);
    expect(perThousand(1, 0)).toBeNull();
  });

  it('a rate is within half a basis point of the exact ratio', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 1, max: 1e12 }), (part, whole) => {
      const exact = (part * 10_000) / whole;
      expect(Math.abs(rateBp(part, whole)! - exact)).toBeLessThanOrEqual(0.5 + 1e-6 * Math.max(1, exact));
    }));
  });
});

describe('months', () => {
  it('parses YYYY-MM and names the field', () => {
    expect(parseMonth('2026-03')).toBe('2026-03');
    expect(() => parseMonth('2026-3', 'from')).toThrow(expect.objectContaining({ field: 'from' }));
    expect(() => parseMonth('2026-13')).toThrow();
    expect(() => parseDimension('colour')).toThrow(expect.objectContaining({ field: 'by' }));
  });
  it('counts months since placement across years', () => {
    expect(monthsSincePlacement(m('2025-11'), m('2026-02'))).toBe(3);
    expect(addMonthsTo(m('2025-12'), 1)).toBe('2026-01');
    fc.assert(fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: -300, max: 300 }), (y, mo, n) => {
      const start = m(`${y}-${String(mo).padStart(2, '0')}`);
      expect(monthsSincePlacement(start, addMonthsTo(start, n))).toBe(n);
    }));
  });
});

describe('recovery lines', () => {
  it('totals are the sums of the lines, the rate is over the totals', () => {
    const r = recoveryLines([
      { key: 'a', label: 'A', accounts: 1, placed_fen: 100, payments: 1, recovered_fen: 10 },
      { key: 'b', label: 'B', accounts: 2, placed_fen: 300, payments: 2, recovered_fen: 20 },
    ]);
    expect(r.lines.map((l) => [l.key, l.recovery_rate_bp])).toEqual([['b', 667], ['a', 1000]]);
    expect(r.total).toEqual({ accounts: 3, placed_fen: 400, payments: 3, recovered_fen: 30, recovery_rate_bp: 750 });
  });

  it('lists buckets in their order and placement months by date, however much each holds', () => {
    const line = (key: string, placed: number) => ({ key, label: key, accounts: 1, placed_fen: placed, payments: 0, recovered_fen: 0 });
    expect(recoveryLines([line('M7+', 900), line('M2', 100), line('M1', 500), line('M0', 1)], 'bucket').lines.map((l) => l.key)).toEqual(['M0', 'M1', 'M2', 'M7+']);
    expect(recoveryLines([line('2026-11', 900), line('2026-06', 100), line('2026-09', 500)], 'placement_month').lines.map((l) => l.key))
      .toEqual(['2026-06', '2026-09', '2026-11']);
    expect(recoveryLines([line('A', 1), line('B', 9)], 'creditor').lines.map((l) => l.key)).toEqual(['B', 'A']);
  });
});

describe('vintage curves', () => {
  it('are cumulative, flat in months without payments, and end at the last month', () => {
    const [curve] = vintageCurves([{ placement_month: m('2026-01'), accounts: 2, placed_fen: 1_000 }],
      [{ placement_month: m('2026-01'), paid_month: m('2026-01'), recovered_fen: 100 },
        { placement_month: m('2026-01'), paid_month: m('2026-03'), recovered_fen: 50 },
        { placement_month: m('2026-01'), paid_month: m('2025-12'), recovered_fen: 5 }], m('2026-04'));
    expect(curve!.points.map((p) => [p.months_since, p.cumulative_fen, p.cumulative_rate_bp])).toEqual([
      [0, 105, 1050], [1, 105, 1050], [2, 155, 1550], [3, 155, 1550]]);
  });
  it('never fall while payments are positive, and end at the total', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 11 }), fc.integer({ min: 0, max: 1e9 })), { maxLength: 30 }), (pays) => {
      const [curve] = vintageCurves([{ placement_month: m('2026-01'), accounts: 1, placed_fen: 1e10 }],
        pays.map(([k, fen]) => ({ placement_month: m('2026-01'), paid_month: addMonthsTo(m('2026-01'), k), recovered_fen: fen })), m('2026-12'));
      const cumulative = curve!.points.map((p) => p.cumulative_fen);
      expect(cumulative).toEqual([...cumulative].sort((a, b) => a - b));
      expect(cumulative.at(-1)).toBe(pays.reduce((t, [, fen]) => t + fen, 0));
    }));
  });
});

describe('roll matrices', () => {
  it('shares per from-bucket, roll forward and cured', () => {
    const [month] = rollMatrices([
      { month: m('2026-02'), from_bucket: 'M2', to_bucket: 'M3', accounts: 6 },
      { month: m('2026-02'), from_bucket: 'M2', to_bucket: 'M1', accounts: 1 },
      { month: m('2026-02'), from_bucket: 'M2', to_bucket: 'paid', accounts: 1 },
      { month: m('2026-02'), from_bucket: 'M2', to_bucket: 'M2', accounts: 1 },
      { month: m('2026-02'), from_bucket: 'M2', to_bucket: 'out', accounts: 1 },
    ]);
    expect(month!.rows).toEqual([{ from: 'M2', accounts: 10, roll_forward_bp: 6000, cured_bp: 2000, cells: [
      { to: 'M1', accounts: 1, share_bp: 1000 }, { to: 'M2', accounts: 1, share_bp: 1000 }, { to: 'M3', accounts: 6, share_bp: 6000 },
      { to: 'paid', accounts: 1, share_bp: 1000 }, { to: 'out', accounts: 1, share_bp: 1000 }] }]);
  });
});

describe('funnel', () => {
  it('converts stage to stage and from attempts', () => {
    expect(funnelSteps({ attempts: 200, right_party: 50, promises: 10, kept: 6, paid: 3 }).map((s) => [s.stage, s.from_previous_bp, s.from_attempts_bp])).toEqual([
      ['attempts', null, null], ['right_party', 2500, 2500], ['promises', 2000, 500], ['kept', 6000, 300], ['paid', 5000, 150]]);
  });
});

describe('csv', () => {
  it('quotes what needs quoting and prints money exactly', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"'], [1, null]])).toBe('a,b\r\n"x,y","say ""hi"""\r\n1,\r\n');
    expect([yuan(123456), yuan(5), yuan(-1050), yuan(0)]).toEqual(['1234.56', '0.05', '-10.50', '0.00']);
    expect(percent(1375)).toBe('13.75');
    expect(percent(null)).toBeNull();
  });
});
