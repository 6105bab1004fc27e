import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spreadLabels } from './label-spread.ts';

const TOP = 15;
const BOTTOM = 210;
const GAP = 12;

/** Heights within the chart, as many as fit at GAP apart (the vintage chart's six months and more). */
const heights = fc.array(fc.double({ min: TOP, max: BOTTOM, noNaN: true }), { minLength: 1, maxLength: Math.floor((BOTTOM - TOP) / GAP) + 1 });

describe('spreadLabels', () => {
  it('keeps every label inside the chart, GAP apart, in the order of where their lines end', () => {
    fc.assert(fc.property(heights, (wanted) => {
      const placed = spreadLabels(wanted, GAP, TOP, BOTTOM);
      expect(placed).toHaveLength(wanted.length);
      for (const y of placed) {
        expect(y).toBeGreaterThanOrEqual(TOP - 1e-9);
        expect(y).toBeLessThanOrEqual(BOTTOM + 1e-9);
      }
      const order = wanted.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i).map((o) => placed[o.i]!);
      for (let k = 1; k < order.length; k++) expect(order[k]! - order[k - 1]!).toBeGreaterThanOrEqual(GAP - 1e-9);
    }));
  });

  it('moves no label whose line ends clear of the others', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 16 }), { minLength: 1, maxLength: 16 }), (slots) => {
      const wanted = [...new Set(slots)].map((s) => TOP + s * GAP);
      expect(spreadLabels(wanted, GAP, TOP, BOTTOM)).toEqual(wanted);
    }));
  });

  it('spreads two lines ending at the same height, the later one below, and lifts a run that would fall off the bottom', () => {
    expect(spreadLabels([100, 100], GAP, TOP, BOTTOM)).toEqual([100, 112]);
    expect(spreadLabels([BOTTOM, BOTTOM, BOTTOM], GAP, TOP, BOTTOM)).toEqual([BOTTOM - 24, BOTTOM - 12, BOTTOM]);
  });
});
